#define _POSIX_C_SOURCE 200809L
#include "scaffold.h"
#include "../content/fields.h"
#include "../data/value.h"
#include "../data/yaml_load.h"
#include "../site/render/theme.h"
#include "../util/buf.h"
#include "../util/diag.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A set of files to write together: every path is checked to be free before any is written. */
enum { SET_MAX = 16 };
typedef struct file_set {
    char *path[SET_MAX];
    buf text[SET_MAX];
    size_t n;
} file_set;

/* Add a file (path is taken over); its text is written into the returned buffer by the caller. */
static buf *set_add(file_set *fs, char *path)
{
    if (fs->n == SET_MAX)
        abort();   /* a programming error: raise SET_MAX */
    fs->path[fs->n] = path;
    buf_init(&fs->text[fs->n]);
    return &fs->text[fs->n++];
}

static void set_free(file_set *fs)
{
    while (fs->n) {
        fs->n--;
        free(fs->path[fs->n]);
        buf_free(&fs->text[fs->n]);
    }
}

/* Write one new file (its folder made first); refuses an existing one. 0, or -1 after a message. */
static int write_new(const char *path, buf *text)
{
    int fd = -1, rc = -1;
    size_t len = 0;
    const char *s = buf_cstr(text);
    len = strlen(s);
    if (fs_mkparent(path) != 0 || (fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) < 0 ||
        fs_sink_fd(&fd, s, len) != 0) {
        fprintf(stderr, "plansite: cannot write %s: %s\n", path, strerror(errno));
        goto out;
    }
    printf("created %s\n", path);
    rc = 0;
out:
    if (fd >= 0 && close(fd) != 0)
        rc = -1;
    return rc;
}

/* Write every file of the set, or none when one of them exists already. */
static int set_write(file_set *fs)
{
    size_t i;
    for (i = 0; i < fs->n; i++)
        if (access(fs->path[i], F_OK) == 0) {
            fprintf(stderr, "plansite: %s exists already; nothing was written\n", fs->path[i]);
            return -1;
        }
    for (i = 0; i < fs->n; i++)
        if (write_new(fs->path[i], &fs->text[i]) != 0)
            return -1;
    return 0;
}

static char *join3(const char *a, const char *b, const char *c)
{
    char *ab = fs_join(a, b), *abc = fs_join(ab, c);
    free(ab);
    return abc;
}

/* DIR/SLUG.EXT (ext with its dot). Caller frees. */
static char *path_in(const char *dir, const char *slug, const char *ext)
{
    char *name = xmalloc(strlen(slug) + strlen(ext) + 1), *p = NULL;
    strcpy(name, slug);
    strcat(name, ext);
    p = fs_join(dir, name);
    free(name);
    return p;
}

static int slug_ok(const char *what, const char *slug)
{
    if (fld_slug_ok(slug))
        return 1;
    fprintf(stderr, "plansite: '%s' is not a safe %s slug (lower-case ASCII letters, digits and "
            "hyphens, not starting or ending with '-', at most 80 characters)\n", slug, what);
    return 0;
}

/* ---- reading the site: its default language, a plan's groups, numbers and orders ---- */

/* Parse a YAML file into a; NULL after printing its errors. */
static val *load_yaml(val_arena *a, const char *path)
{
    diag_list *d = diag_list_new();
    val *v = yaml_load_file(a, path, d);
    diag_print(d, stderr);
    diag_list_free(d);
    return v;
}

/* The site's default language (first of site.yaml's languages), in a; NULL after a message. */
static const char *default_lang(val_arena *a, const char *site)
{
    char *path = join3(site, "content", "site.yaml");
    const val *root = NULL;
    const char *lang = NULL;
    if (!fs_is_file(path)) {
        fprintf(stderr, "plansite: %s not found: is '%s' a plansite site? (-s SITE)\n", path, site);
        goto out;
    }
    if (!(root = load_yaml(a, path)))
        goto out;
    lang = val_str(val_at(val_get(root, "languages"), 0), NULL);
    if (!lang)
        fprintf(stderr, "plansite: %s: languages: expected a list of language codes\n", path);
out:
    free(path);
    return lang;
}

typedef struct plan_info {
    buf groups;        /* "new, ongoing" */
    const char *first_group;
    long next_number;
    long next_order;
} plan_info;

static void read_groups(plan_info *pi, const val *plan)
{
    const val *list = val_get(plan, "groups");
    size_t i;
    for (i = 0; i < val_len(list); i++) {
        const char *id = val_str(val_get(val_at(list, i), "id"), NULL);
        if (!id)
            continue;
        if (!pi->first_group)
            pi->first_group = id;
        buf_printf(&pi->groups, "%s%s", pi->groups.len ? ", " : "", id);
    }
}

/* A workstream's number ("1.1", 15) as its leading whole number, or 0. */
static long number_of(const val *v)
{
    const char *s = NULL;
    size_t len = 0;
    if (!v)
        return 0;
    s = val_kind_of(v) == VAL_NUMBER ? val_num_text(v, &len) : val_str(v, &len);
    return s ? strtol(s, NULL, 10) : 0;
}

/* Read the numbers and orders of the workstreams of plan folder dir. */
static void read_workstreams(val_arena *a, plan_info *pi, const char *dir)
{
    char **names = NULL;
    int n = fs_list(dir, &names), i;
    for (i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        char *path = NULL;
        const val *ws = NULL;
        if (len < 6 || strcmp(names[i] + len - 5, ".yaml") || !strcmp(names[i], "plan.yaml"))
            continue;
        path = fs_join(dir, names[i]);
        if ((ws = load_yaml(a, path))) {
            long num = number_of(val_get(ws, "number"));
            const val *order = val_get(ws, "order");
            if (num >= pi->next_number)
                pi->next_number = num + 1;
            if (val_kind_of(order) == VAL_NUMBER && (long)val_num(order) >= pi->next_order)
                pi->next_order = (long)val_num(order) + 1;
        }
        free(path);
    }
    if (n > 0)
        fs_names_free(names, n);
}

/* The plan folder's groups and next free number and order; -1 after a message. */
static int read_plan(val_arena *a, const char *dir, plan_info *pi)
{
    char *path = fs_join(dir, "plan.yaml");
    const val *plan = NULL;
    int rc = -1;
    if (!fs_is_file(path)) {
        fprintf(stderr, "plansite: %s not found: no such plan\n", path);
        goto out;
    }
    if (!(plan = load_yaml(a, path)))
        goto out;
    read_groups(pi, plan);
    if (!pi->first_group) {
        fprintf(stderr, "plansite: %s: groups: the plan has no groups of workstreams\n", path);
        goto out;
    }
    pi->next_number = pi->next_order = 1;
    read_workstreams(a, pi, dir);
    rc = 0;
out:
    free(path);
    return rc;
}

/* ---- the files ---- */

static void ws_facts_text(buf *b, const plan_info *pi)
{
    char num[40], order[40], group[120];
    snprintf(num, sizeof num, "number: \"%ld\"", pi->next_number);
    snprintf(order, sizeof order, "order: %ld", pi->next_order);
    snprintf(group, sizeof group, "group: %s", pi->first_group);
    buf_printf(b,
        "# A workstream's facts (content/README.md). Unknown is not empty: a key left out (or\n"
        "# commented out) is shown as \"not stated in the source\"; write [] only when the source\n"
        "# says there are none.\n"
        "%-31s# as the source numbers it (a string); the next free one\n"
        "%-31s# position within the plan; after the last one\n"
        "%-31s# one of this plan's groups: %s\n"
        "# status: ongoing              # an id of content/data/statuses.yaml\n"
        "# leads: [iom]                 # entity ids of content/data/entities.yaml (lead entities)\n"
        "# participants: [ilo]          # participating entities\n"
        "# interest: [unicef]           # entities that expressed interest\n"
        "# objectives: [1]              # GCM objectives (1-23) the source lists\n"
        "# objectives_mentioned: [8]    # objectives the text only names\n"
        "# sdgs: [10]                   # SDGs the source lists\n"
        "# areas: [1]                   # MPTF thematic areas (1-5) the source lists\n"
        "# progress_declaration: [\"70\"] # Progress Declaration paragraphs the source cites\n"
        "# activities:                  # per-activity facts, same order and count as the text\n"
        "#   - entities: [iom]          # responsible entities of that activity\n"
        "# draft: true                  # shown by serve, left out by build unless --drafts\n",
        num, order, group, buf_cstr((buf *)&pi->groups));
}

static void ws_lang_text(buf *b, const char *slug)
{
    buf_printf(b,
        "---\n"
        "# A workstream's text in one language (content/README.md). Translate by copying this\n"
        "# file to SLUG.LANG.md for another language of site.yaml.\n"
        "title: \"%s\"\n"
        "# summary: \"One sentence for listings and the meta description.\"\n"
        "# purpose: \"The workstream's purpose or objective (Markdown).\"\n"
        "# timeline: \"2025\"             # as the source states it\n"
        "# status_note: \"Extra words on the status.\"\n"
        "# activities:                   # in order; as many as in the .yaml's activities\n"
        "#   - text: \"An activity.\"\n"
        "#     items: [\"a sub-item\"]\n"
        "#     timeline: \"2025\"\n"
        "#     reference: \"A reference in another plan\"\n"
        "---\n"
        "Any further text of the workstream, in Markdown.\n", slug);
}

int scaffold_workstream(const char *site, const char *plan, const char *slug)
{
    val_arena *a = val_arena_new();
    file_set set = {0};
    plan_info pi = {0};
    char *dir = NULL;
    const char *lang = NULL, *lang_ext = NULL;
    int rc = -1;
    buf_init(&pi.groups);
    if (!slug_ok("plan", plan) || !slug_ok("workstream", slug) || !strcmp(slug, "plan") ||
        !(lang = default_lang(a, site)))
        goto out;
    dir = join3(site, "content/plans", plan);
    if (read_plan(a, dir, &pi) != 0)
        goto out;
    lang_ext = val_arena_printf(a, ".%s.md", lang);
    ws_facts_text(set_add(&set, path_in(dir, slug, ".yaml")), &pi);
    ws_lang_text(set_add(&set, path_in(dir, slug, lang_ext)), slug);
    rc = set_write(&set);
out:
    set_free(&set);
    buf_free(&pi.groups);
    free(dir);
    val_arena_free(a);
    return rc;
}

/* ---- new page ---- */

/* The next free order among the pages of dir (1 when there are none). */
static long next_page_order(val_arena *a, const char *dir)
{
    char **names = NULL;
    int n = fs_list(dir, &names), i;
    long next = 1;
    for (i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        char *path = NULL;
        const val *pg = NULL, *order = NULL;
        if (len < 6 || strcmp(names[i] + len - 5, ".yaml"))
            continue;
        path = fs_join(dir, names[i]);
        if ((pg = load_yaml(a, path)) && val_kind_of(order = val_get(pg, "order")) == VAL_NUMBER &&
            (long)val_num(order) >= next)
            next = (long)val_num(order) + 1;
        free(path);
    }
    if (n > 0)
        fs_names_free(names, n);
    return next;
}

int scaffold_page(const char *site, const char *slug)
{
    val_arena *a = val_arena_new();
    file_set set = {0};
    char *dir = NULL;
    const char *lang = NULL;
    int rc = -1;
    if (!slug_ok("page", slug) || !(lang = default_lang(a, site)))
        goto out;
    dir = join3(site, "content", "pages");
    buf_printf(set_add(&set, path_in(dir, slug, ".yaml")),
        "# A page's facts (content/README.md); every key is optional.\n"
        "order: %ld                      # position among the pages\n"
        "# date: \"2025-01\"              # as precise as the source\n"
        "# country_lists:                # lists of countries shown as data, by list id\n"
        "#   networks: [mx, gt]          # ids of content/data/countries.yaml\n",
        next_page_order(a, dir));
    buf_printf(set_add(&set, path_in(dir, slug, val_arena_printf(a, ".%s.md", lang))),
        "---\n"
        "title: \"%s\"\n"
        "# summary: \"One sentence for listings and the meta description.\"\n"
        "# country_lists:                # the title of each list of the .yaml\n"
        "#   networks: \"Networks established\"\n"
        "---\n"
        "The page's text, in Markdown.\n", slug);
    rc = set_write(&set);
out:
    set_free(&set);
    free(dir);
    val_arena_free(a);
    return rc;
}

/* ---- new site ---- */

static const char site_yaml[] =
    "# Site configuration (content/README.md). Languages in switcher order; the first is the default.\n"
    "languages: [es, en]\n"
    "base_url: \"https://example.org/\"   # where the site is published; build --base-url overrides it\n"
    "raw_html: false                    # raw HTML in Markdown is escaped unless true\n"
    "paper: a4                          # a4 or letter (handouts)\n"
    "title:\n"
    "  es: \"Planes de trabajo\"\n"
    "  en: \"Workplans\"\n"
    "description:\n"
    "  es: \"Los planes de trabajo de la red y sus lineamientos.\"\n"
    "  en: \"The network's workplans and their workstreams.\"\n";

static const char plan_yaml[] =
    "scope: global                 # global or regional\n"
    "period: {start: 2025, end: 2026}\n"
    "adopted: \"2025-01\"            # ISO date as precise as the source\n"
    "order: 1                      # position on the home page\n"
    "groups:                       # how this plan groups its workstreams, in display order\n"
    "  - id: core\n";

static const char plan_es[] =
    "---\n"
    "title: \"Plan de trabajo 2025-2026\"\n"
    "network: \"Red de ejemplo\"\n"
    "summary: \"Un plan de ejemplo con un lineamiento.\"\n"
    "groups:\n"
    "  core: {title: \"Prioridades\"}\n"
    "---\n"
    "## Introducción\n\nEl texto del plan, en Markdown.\n";

static const char plan_en[] =
    "---\n"
    "title: \"Workplan 2025-2026\"\n"
    "network: \"Example network\"\n"
    "summary: \"An example plan with one workstream.\"\n"
    "groups:\n"
    "  core: {title: \"Priorities\"}\n"
    "---\n"
    "## Introduction\n\nThe plan's text, in Markdown.\n";

static const char ws_yaml[] =
    "number: \"1\"\n"
    "order: 1\n"
    "group: core\n"
    "leads: [iom]                  # ids from content/data/entities.yaml\n"
    "objectives: [1]               # leave a key out when the source does not state it\n";

static const char ws_es[] =
    "---\n"
    "title: \"Datos para las políticas\"\n"
    "purpose: \"Mejorar los datos sobre la migración.\"\n"
    "activities:\n"
    "  - text: \"Elaborar una guía.\"\n"
    "---\n"
    "Más texto, en Markdown.\n";

static const char ws_en[] =
    "---\n"
    "title: \"Data for policy\"\n"
    "purpose: \"Improve migration data.\"\n"
    "activities:\n"
    "  - text: \"Write a guide.\"\n"
    "---\n"
    "Further text, in Markdown.\n";

/* Add the installed vocabularies (the .yaml files of DATADIR/data) to the set; -1 after a
 * message. */
static int add_vocabularies(file_set *set, const char *content)
{
    static const char *const names[] = {"objectives", "principles", "areas", "sdgs", "entities",
                                        "statuses", "countries"};
    char *data = theme_datadir(), *dst = fs_join(content, "data"), *src = NULL, *text = NULL;
    char *from = data ? fs_join(data, "data") : NULL;
    size_t i, len = 0;
    int rc = -1;
    for (i = 0; data && i < sizeof names / sizeof *names; i++) {
        src = path_in(from, names[i], ".yaml");
        if (!(text = fs_read(src, &len))) {
            fprintf(stderr, "plansite: cannot read the vocabulary %s: %s\n", src, strerror(errno));
            goto out;
        }
        buf_append(set_add(set, path_in(dst, names[i], ".yaml")), text, len);
        free(text);
        free(src);
        src = NULL;
    }
    if (!data)
        fprintf(stderr, "plansite: the installed data folder (PREFIX/share/plansite) was not "
                "found; install plansite, or set PLANSITE_DATADIR\n");
    rc = data ? 0 : -1;
out:
    free(src);
    free(from);
    free(data);
    free(dst);
    return rc;
}

int scaffold_site(const char *dir)
{
    file_set set = {0};
    char *content = fs_join(dir, "content"), *plan = join3(content, "plans", "2025-2026");
    int rc = -1;
    if (fs_is_dir(content)) {
        fprintf(stderr, "plansite: %s exists already; nothing was written\n", content);
        goto out;
    }
    buf_puts(set_add(&set, fs_join(content, "site.yaml")), site_yaml);
    buf_puts(set_add(&set, fs_join(plan, "plan.yaml")), plan_yaml);
    buf_puts(set_add(&set, fs_join(plan, "plan.es.md")), plan_es);
    buf_puts(set_add(&set, fs_join(plan, "plan.en.md")), plan_en);
    buf_puts(set_add(&set, path_in(plan, "01-datos", ".yaml")), ws_yaml);
    buf_puts(set_add(&set, path_in(plan, "01-datos", ".es.md")), ws_es);
    buf_puts(set_add(&set, path_in(plan, "01-datos", ".en.md")), ws_en);
    if (add_vocabularies(&set, content) != 0)
        goto out;
    rc = set_write(&set);
out:
    set_free(&set);
    free(plan);
    free(content);
    return rc;
}

/* ---- the command line ---- */

static int usage_error(const char *msg)
{
    fprintf(stderr, "plansite: %s (usage: plansite new site DIR | new workstream PLAN SLUG "
            "[-s SITE] | new page SLUG [-s SITE])\n", msg);
    return 2;
}

int scaffold_main(int argc, char **argv)
{
    const char *kind = argc > 1 ? argv[1] : NULL, *site = ".", *pos[2] = {NULL, NULL};
    int i, npos = 0, want;
    if (!kind)
        return usage_error("new needs what to make: site, workstream or page");
    want = !strcmp(kind, "workstream") ? 2 : 1;
    if (strcmp(kind, "site") && strcmp(kind, "workstream") && strcmp(kind, "page"))
        return usage_error("new makes a site, a workstream or a page");
    for (i = 2; i < argc; i++) {
        if ((!strcmp(argv[i], "-s") || !strcmp(argv[i], "--site")) && strcmp(kind, "site")) {
            if (i + 1 >= argc || !*argv[i + 1])
                return usage_error("option -s needs a value");
            site = argv[++i];
        } else if (argv[i][0] == '-' || npos == want || !*argv[i])
            return usage_error("unexpected argument");
        else
            pos[npos++] = argv[i];
    }
    if (npos != want)
        return usage_error("missing argument");
    if (!strcmp(kind, "site"))
        return scaffold_site(pos[0]) == 0 ? 0 : 1;
    if (!strcmp(kind, "page"))
        return scaffold_page(site, pos[0]) == 0 ? 0 : 1;
    return scaffold_workstream(site, pos[0], pos[1]) == 0 ? 0 : 1;
}
