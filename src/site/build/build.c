#define _POSIX_C_SOURCE 200809L
#include "build.h"
#include "../render/bodies.h"
#include "../view/items.h"
#include "../view/views.h"
#include "export.h"
#include "../view/dates.h"
#include "fprint.h"
#include "reuse.h"
#include "search.h"
#include "../render/links.h"
#include "../render/markdown.h"
#include "../render/render.h"
#include "../render/theme.h"
#include "../../content/fields.h"
#include "../../print/pdf.h"
#include "../../translate/status.h"
#include "../../util/buf.h"
#include "../../util/fs.h"
#include "../../util/hash.h"
#include "../../util/strmap.h"
#include "../../util/sys.h"
#include "../../util/mem.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct build {
    const site_build_opts *o;
    diag_list *d;
    m_site *m;
    i18n *t;
    theme *th;
    xref *x;
    lastmod *lm;
    site_ctx sc;
    out_list pages;
    out_list written;        /* the pages rendered and written (all but lazy handouts) */
    uint64_t salt;           /* incremental: the fingerprints' salt (fprint.h) */
    char *fp_file;           /* incremental: where the fingerprints are kept */
    fp_cache *fp_prev;       /* incremental: the previous build's, when they apply */
    buf others;              /* incremental: the files that are not pages (exports, static
                              * files), each NUL-terminated */
    char *dest, *tmp;
    double mark, cpu_mark;   /* --timings: when the last phase ended (wall, CPU) */
    diag_list *pdf_d;        /* diagnostics of the PDF step, reported after the swap */
} build;

/* With --timings (opts.timings), print how long the phase that just ended took (wall and CPU time of
 * all threads) and the peak memory so far. */
static void phase(build *b, const char *name)
{
    double t = sys_now(), cpu = sys_cpu_seconds();
    if (b->o->timings)
        fprintf(stderr, "plansite: %-8s %6.3f s wall, %6.3f s CPU, peak memory %zu MiB\n", name,
                t - b->mark, cpu - b->cpu_mark, sys_peak_rss() >> 20);
    b->mark = t;
    b->cpu_mark = cpu;
}

/* With --timings, the CPU time of each kind of page. */
static void print_kinds(const build *b, const render_stats *rs)
{
    out_page p;
    int k;
    if (!b->o->timings)
        return;
    memset(&p, 0, sizeof p);
    for (k = 0; k < PK_COUNT; k++) {
        p.kind = (unsigned char)k;
        if (rs->kind_pages[k])
            fprintf(stderr, "plansite:   %-18s %6zu pages %6.3f s CPU\n", out_template(&p),
                    rs->kind_pages[k], rs->kind_cpu[k]);
    }
}

/* A warning when the address the site is published at, from site.yaml, is a placeholder: the
 * canonical links, the sitemap and the PDFs would carry it. (A --base-url given on the command
 * line, as serve gives its own, is taken as meant.) */
static void warn_placeholder(build *b)
{
    const m_loc *l = &b->m->base_url_loc;
    const char *host = NULL;
    size_t n = 0;
    if (!l->path || (b->o->base_url && *b->o->base_url) ||
        !fld_url_placeholder(b->m->base_url, &host, &n))
        return;
    diag_add(b->d, DIAG_WARNING, l->path, l->line, l->col, "base_url: '%.*s' is a placeholder "
             "host: the canonical links, the sitemap and the PDFs would carry it (set the "
             "address the site is published at, or build with --base-url)", (int)n, host);
}

/* Load the model, string tables and templates; 0 when all are free of errors. */
static int prepare(build *b)
{
    const char *page_templates[VIEW_TEMPLATES_MAX];
    m_load_opts lo;
    memset(&lo, 0, sizeof lo);
    lo.drafts = b->o->drafts;
    lo.keep_bodies = b->o->keep_bodies;
    b->m = model_load(b->o->site_dir, &lo, b->d);
    if (!b->m || !b->m->nlangs)
        return -1;
    tr_check(b->m, b->d);   /* outdated translations: warnings, and their pages' notice */
    if (b->o->base_url && *b->o->base_url)   /* the command line refuses an empty one */
        b->m->base_url = val_arena_printf(b->m->arena, "%s%s", b->o->base_url,
                                          b->o->base_url[strlen(b->o->base_url) - 1] == '/'
                                              ? "" : "/");
    warn_placeholder(b);
    if (dates_build_time(&b->sc.build_time) != 0)
        diag_add(b->d, DIAG_ERROR, NULL, 0, 0, "SOURCE_DATE_EPOCH: expected a whole number of "
                 "seconds since 1970-01-01 (UTC), not '%s'", getenv("SOURCE_DATE_EPOCH"));
    b->th = theme_new(b->o->site_dir, "default");
    b->t = i18n_load(b->m, theme_dir(b->th), b->d);
    url_map_init(&b->sc.urls, b->m, b->t, b->d);
    /* unknown strings are worth a warning only once the string tables themselves loaded */
    if (theme_preload(b->th, page_templates, view_templates(page_templates, VIEW_TEMPLATES_MAX),
                      b->d) == 0 && !diag_errors(b->d)) {
        const val *tables[LANG_MAX];
        size_t li;
        for (li = 0; li < b->m->nlangs; li++)
            tables[li] = i18n_table(b->t, li);
        theme_check_strings(b->th, tables, b->m->langs, b->m->nlangs, b->d);
    }
    return diag_errors(b->d) ? -1 : 0;
}

/* The build's BUILD_HANDOUTS_* (--pdf makes PDFs of the handouts: they are written). */
static int handouts_mode(const build *b)
{
    /* check renders every page, the handouts too, to find every template's errors */
    return b->o->pdf || b->o->check_only ? BUILD_HANDOUTS_WRITE : b->o->handouts;
}

static void plan_pages(build *b)
{
    int mode = handouts_mode(b);
    md_init();
    b->x = xref_build(b->m);
    b->sc.m = b->m;
    b->sc.t = b->t;
    b->sc.x = b->x;
    b->sc.lm = b->lm = lastmod_new(b->m, b->x, !b->o->no_git);
    b->sc.md_flags = b->m->raw_html ? MD_RAW_HTML : 0;
    b->sc.handouts = mode != BUILD_HANDOUTS_NONE;
    out_plan(b->m, b->x, b->sc.handouts, &b->pages);
    items_cache_build(&b->sc);
    /* raw HTML would be shifted by md_shift_headings but not by the parser: no sharing then;
     * without handouts to write, a body is rendered for its page alone: nothing to share */
    if (!b->m->raw_html && mode == BUILD_HANDOUTS_WRITE)
        b->sc.bodies = bodies_new(b->m->nlangs * b->m->nws, 8u << 20);
}

static int copy_static(build *b, site_build_stats *st)
{
    char *src = fs_join(theme_dir(b->th), "static"), *failed = NULL;
    int rc = 0;
    if (fs_is_dir(src) && fs_copy_tree(src, b->tmp, &st->files_copied, &failed) != 0) {
        diag_add(b->d, DIAG_ERROR, failed ? failed : src, 0, 0, "cannot copy this static file: "
                 "%s", fs_strerror(errno));
        rc = -1;
    }
    free(failed);
    free(src);
    return rc;
}

/* Render again, into the new folder, the pages that link PDFs, now that the PDFs are there. */
static int rerender_pdf_links(build *b, int threads)
{
    out_list sub;
    render_stats rs;
    size_t i;
    int rc;
    memset(&sub, 0, sizeof sub);
    sub.v = xcalloc(b->pages.n ? b->pages.n : 1, sizeof *sub.v);
    for (i = 0; i < b->pages.n; i++)
        if (out_links_pdfs(&b->pages.v[i]))
            sub.v[sub.n++] = b->pages.v[i];
    b->sc.pdf_dir = b->tmp;
    rc = render_all(&b->sc, b->th, &sub, b->tmp, threads, b->o->timings, b->d, &rs);
    b->sc.pdf_dir = NULL;
    out_list_free(&sub);
    return rc;
}

/* Make the PDF of every handout in the new folder (errors to b->pdf_d), then link them.
 * -1 only when the pages could not be rendered again. */
static int make_pdfs(build *b, site_build_stats *st, int threads)
{
    val_arena *a = val_arena_new();
    pdf_job *jobs = xcalloc(b->pages.n ? b->pages.n : 1, sizeof *jobs);
    pdf_opts po;
    pdf_stats ps;
    size_t i, n = 0;
    int rc = 0;
    for (i = 0; i < b->pages.n; i++) {
        const out_page *p = &b->pages.v[i];
        const char *pdf = out_pdf_url(&b->sc.urls, p, p->lang, a);
        if (!pdf)
            continue;
        jobs[n].html = val_arena_printf(a, "%s/%s", b->tmp,
                                        url_file(out_url(&b->sc.urls, p, p->lang, a), a));
        jobs[n].pdf = val_arena_printf(a, "%s/%s", b->tmp, pdf);
        jobs[n++].label = val_arena_printf(a, "%s/%s", b->dest, pdf);
    }
    memset(&po, 0, sizeof po);
    po.jobs = threads;
    pdf_make_all(jobs, n, &po, b->pdf_d, &ps);
    st->pdfs = ps.made;
    st->pdf_seconds = ps.seconds;
    if (ps.made)
        rc = rerender_pdf_links(b, threads);
    free(jobs);
    val_arena_free(a);
    return rc;
}

/* 1 (after an error) when replacing dest would delete the site's own files: dest is the site
 * folder or holds it, or lies inside content/, templates/ or themes/. */
static int dest_unsafe(build *b)
{
    static const char *const sources[] = {"content", "templates", "themes"};
    char *site = fs_absolute(b->o->site_dir), *dest = fs_absolute(b->dest);
    size_t i;
    int bad = !site || !dest || fs_contains(dest, site);
    for (i = 0; !bad && i < sizeof sources / sizeof *sources; i++) {
        char *src = fs_join(site, sources[i]);
        bad = fs_contains(src, dest);
        free(src);
    }
    if (bad)
        diag_add(b->d, DIAG_ERROR, b->dest, 0, 0, "refusing to replace it: it holds the site's own "
                 "files (choose an output folder outside content/, templates/ and themes/)");
    free(site);
    free(dest);
    return bad;
}

#define MARK_DONE "This folder is the output of plansite build; the next build replaces it.\n"
#define MARK_BUSY "plansite build in progress, pid %ld\n"

/* 1 when replacing the folder dest would lose something: an entry other than the top-level
 * dotfiles that the swap keeps (.gitkeep, .htaccess). */
static int holds_files(const char *dest, char **names, int n)
{
    int i, lost = 0;
    for (i = 0; !lost && i < n; i++) {
        char *p = fs_join(dest, names[i]);
        lost = names[i][0] != '.' || fs_is_link(p) || !fs_is_file(p);
        free(p);
    }
    return lost;
}

/* 1 (after an error) when dest is a folder that no build made, holding files that replacing it
 * would delete, and not --force. */
static int dest_foreign(build *b)
{
    char **names = NULL, *mark = NULL;
    int n, foreign = 0;
    if (b->o->force || !fs_is_dir(b->dest))
        return 0;
    n = fs_list(b->dest, &names);
    if (n < 0) {   /* unlisted, it could not be told from a folder plansite did not make */
        diag_add(b->d, DIAG_ERROR, b->dest, 0, 0, "cannot list: %s", fs_strerror(errno));
        return 1;
    }
    mark = fs_join(b->dest, BUILD_MARK);
    foreign = n > 0 && !fs_is_file(mark) && holds_files(b->dest, names, n);
    if (foreign)
        diag_add(b->d, DIAG_ERROR, b->dest, 0, 0, "refusing to replace it: it holds files that "
                 "plansite did not make (no %s in it); choose a new or empty folder, or pass "
                 "--force to replace it", BUILD_MARK);
    if (n > 0)
        fs_names_free(names, n);
    free(mark);
    return foreign;
}

/* Write the build mark into folder dir: the running pid while it is being built, else the
 * final text. 0, or -1 after an error. */
static int write_mark(build *b, const char *dir, int busy)
{
    char text[128], *path = fs_join(dir, BUILD_MARK);
    int rc;
    if (busy)
        snprintf(text, sizeof text, MARK_BUSY, (long)getpid());
    else
        snprintf(text, sizeof text, "%s", MARK_DONE);
    rc = fs_write(path, text, strlen(text));
    if (rc != 0)
        diag_add(b->d, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
    free(path);
    return rc;
}

/* 1 when the folder path is a temporary folder of a build whose process no longer runs. */
static int stale_temp(const char *path)
{
    char *mark = fs_join(path, BUILD_MARK), *text = fs_read(mark, NULL);
    long pid = 0;
    int stale = text && sscanf(text, MARK_BUSY, &pid) == 1 && pid > 0 && pid != (long)getpid() &&
                kill((pid_t)pid, 0) != 0 && errno == ESRCH;
    free(text);
    free(mark);
    return stale;
}

/* 1 when the folder path, named "DEST.old-PID", is an earlier build set aside by a build (PID)
 * whose process no longer runs, before it could remove it. */
static int stale_old(const char *path, const char *suffix)
{
    char *mark = fs_join(path, BUILD_MARK), *text = fs_read(mark, NULL), *end = NULL;
    long pid = strtol(suffix, &end, 10);
    int stale = text && !strcmp(text, MARK_DONE) && end != suffix && !*end && pid > 0 &&
                (pid == (long)getpid() || (kill((pid_t)pid, 0) != 0 && errno == ESRCH));
    free(text);
    free(mark);
    return stale;
}

/* 1 when the entry name beside the destination (base, blen) is a stale folder of a build. */
static int stale_entry(const char *path, const char *name, const char *base, size_t blen)
{
    if (strncmp(name, base, blen))
        return 0;
    if (!strncmp(name + blen, ".tmp-", 5))
        return stale_temp(path);
    if (!strncmp(name + blen, ".old-", 5))
        return stale_old(path, name + blen + 5);
    return 0;
}

/* Remove the "DEST.tmp-*" and "DEST.old-*" folders beside the destination that interrupted
 * builds left. A folder that cannot be read for want of rights is passed over; any other failure to list it (no file
 * descriptors, an I/O error) is an error of the build, like every other I/O error: -1. */
static int remove_stale_temps(build *b)
{
    char *dir = xstrdup(b->dest), *base, **names = NULL;
    const char *parent = ".";
    size_t n = strlen(dir), blen;
    int count, i, rc = 0;
    while (n > 1 && dir[n - 1] == '/')
        dir[--n] = '\0';
    base = strrchr(dir, '/');
    if (base) {
        *base++ = '\0';
        parent = *dir ? dir : "/";
    } else
        base = dir;
    blen = strlen(base);
    count = fs_list(parent, &names);
    if (count < 0 && errno != ENOENT && errno != EACCES) {
        diag_add(b->d, DIAG_ERROR, parent, 0, 0, "cannot list: %s", fs_strerror(errno));
        rc = -1;
    }
    for (i = 0; i < count; i++) {
        char *p = fs_join(parent, names[i]);
        if (stale_entry(p, names[i], base, blen))
            fs_remove_tree(p);
        free(p);
    }
    if (count > 0)
        fs_names_free(names, count);
    free(dir);
    return rc;
}

/* 1 (after an error) when the build must stop before the swap: an error of any stage so far, or
 * a caught signal. */
static int must_stop(build *b)
{
    int sig = sys_signalled();
    if (sig)
        diag_add(b->d, DIAG_ERROR, NULL, 0, 0, "stopped by signal %d (%s)", sig, strsignal(sig));
    return sig || diag_errors(b->d) ? 1 : 0;
}

/* The theme's static files and the exports: written beside the pages while they render. */
typedef struct side_job {
    build *b;
    site_build_stats *st;
    diag_list *links;        /* the broken links' warnings, moved to b->d in order at the end */
    size_t *sizes;           /* the data files' sizes as written (the Open data page shows them) */
    pthread_t tid;
    int started;             /* on its own thread (else it ran before the pages) */
    int rc;
} side_job;

static void *side_work(void *arg)
{
    side_job *j = arg;
    j->rc = copy_static(j->b, j->st) != 0 ||
            export_all(&j->b->sc, &j->b->pages, j->b->tmp, j->sizes, j->b->d) != 0 ? -1 : 0;
    links_check(&j->b->sc, &j->b->pages, j->links);
    return NULL;
}

/* The Open data pages wait for the exports: they show the files' sizes. */
static int is_data_page(const out_page *p)
{
    return p->kind == PK_DATA;
}

/* render_late's wait: the side job done, the sizes it counted are the site's. */
static void join_side(void *ud)
{
    side_job *j = ud;
    if (j->started)
        pthread_join(j->tid, NULL);
    j->started = 0;
    j->b->sc.data_sizes = j->sizes;
}

static int is_handout(const out_page *p)
{
    return p->kind == PK_HANDOUT_PLAN || p->kind == PK_HANDOUT_TERM;
}

/* The pages to write: all but the handouts when they are made on demand (BUILD_HANDOUTS_LINKED). */
static out_list to_write(const build *b)
{
    out_list l = b->pages;
    size_t i;
    if (handouts_mode(b) != BUILD_HANDOUTS_LINKED)
        return l;
    l.v = xcalloc(b->pages.n ? b->pages.n : 1, sizeof *l.v);
    l.n = 0;
    l.cap = b->pages.n;
    for (i = 0; i < b->pages.n; i++)
        if (!is_handout(&b->pages.v[i]))
            l.v[l.n++] = b->pages.v[i];
    return l;
}

/* Render the pages while another thread copies the static files, writes the exports and checks
 * the internal links. */
static int render_and_export(build *b, site_build_stats *st, render_stats *rs, int threads)
{
    side_job j;
    render_late late;
    int rc;
    j.b = b;
    j.st = st;
    j.links = diag_list_new();
    j.sizes = xcalloc(df_nfiles(b->m) + 1, sizeof *j.sizes);
    j.rc = 0;
    late.late = is_data_page;
    late.wait = join_side;
    late.ud = &j;
    j.started = pthread_create(&j.tid, NULL, side_work, &j) == 0;
    if (!j.started)
        side_work(&j);
    rc = render_all_late(&b->sc, b->th, &b->written, b->tmp, threads, b->o->timings, &late, b->d,
                         rs);
    join_side(&j);   /* done by then: render_all_late waited */
    diag_move(b->d, j.links);
    diag_list_free(j.links);
    return rc != 0 || j.rc != 0 ? -1 : 0;
}

/* Incremental: the destination, when it holds a finished earlier build, is the tree to reuse. */
static void find_previous(build *b, site_build_stats *st)
{
    char *mark = fs_join(b->dest, BUILD_MARK), *text = NULL;
    if (b->o->incremental && fs_is_dir(b->dest) && !fs_is_link(b->dest) &&
        (text = fs_read(mark, NULL)) && !strcmp(text, MARK_DONE)) {
        b->sc.prev_dir = b->dest;
        st->incremental = 1;
    }
    free(text);
    free(mark);
}

/* The search index (search.h) of the new folder, before the swap: a Pagefind that fails is an
 * error (no swap); no Pagefind at all is one warning, and the site is built without search. */
static int make_index(build *b, site_build_stats *st)
{
    const char *why = NULL;
    char *bin;
    int rc = 0;
    if (b->o->no_search)
        return 0;
    bin = search_find(b->o->site_dir, &why);
    if (!bin && !strcmp(why, "missing")) {
        diag_add(b->d, DIAG_ERROR, NULL, 0, 0, "%s=%s: cannot run this program (a path to "
                 "Pagefind, or \"off\")", SEARCH_ENV, getenv(SEARCH_ENV));
        rc = -1;
    } else if (!bin && !strcmp(why, "none")) {
        diag_add(b->d, DIAG_WARNING, NULL, 0, 0, "Pagefind not found: the site is built without "
                 "search (install it with %s, or set %s)", SEARCH_INSTALL_HINT, SEARCH_ENV);
    } else if (bin) {
        rc = search_index(bin, b->tmp, b->dest, b->d, &st->search_seconds);
        st->indexed = rc == 0;
        phase(b, "search");
    }
    free(bin);
    return rc;
}

/* Incremental: link the unchanged exports and static files too (outside the language folders,
 * whose pages were linked as they were rendered); count what was reused. */
static int reuse_rest(build *b, site_build_stats *st, const render_stats *rs)
{
    size_t files = 0;
    if (!b->sc.prev_dir)
        return 0;
    if (reuse_tree(b->sc.prev_dir, b->tmp, (const char *const *)b->m->langs, b->m->nlangs,
                   &files) != 0) {
        diag_add(b->d, DIAG_ERROR, b->tmp, 0, 0, "cannot list: %s", fs_strerror(errno));
        return -1;
    }
    st->reused = rs->reused + files;
    return 0;
}

/* BUILD_HANDOUTS_LINKED: the files of the handouts, not written, into st->lazy. */
static void list_lazy(build *b, site_build_stats *st)
{
    val_arena *a;
    buf l;
    size_t i;
    if (handouts_mode(b) != BUILD_HANDOUTS_LINKED)
        return;
    a = val_arena_new();
    buf_init(&l);
    for (i = 0; i < b->pages.n; i++) {
        const out_page *p = &b->pages.v[i];
        if (is_handout(p)) {
            const char *rel = url_file(out_url(&b->sc.urls, p, p->lang, a), a);
            buf_append(&l, rel, strlen(rel) + 1);
        }
    }
    st->lazy = l.data;
    st->lazy_len = l.len;
    val_arena_free(a);
}

/* The options that change pages without being part of their contexts: into the salt. */
static uint64_t build_salt(const build *b)
{
    uint64_t opts[4];
    opts[0] = (uint64_t)handouts_mode(b);
    opts[1] = (uint64_t)b->o->drafts;
    opts[2] = b->o->base_url ? hash_bytes(b->o->base_url, strlen(b->o->base_url)) : 0;
    opts[3] = (uint64_t)b->sc.md_flags;
    return fp_salt(b->o->site_dir, theme_dir(b->th), opts, 4);
}

/* Incremental (not with PDFs, whose pages read the PDFs' sizes): record every page's fingerprint
 * and, when the fingerprints saved for the tree prev apply (same salt, same tree), load them. */
static void use_fingerprints(build *b, const char *prev, site_build_stats *st)
{
    if (!b->o->incremental || b->o->pdf || b->o->check_only)
        return;
    if (!b->sc.fp_new) {
        b->salt = build_salt(b);
        b->fp_file = b->o->cache_file ? xstrdup(b->o->cache_file) : fp_default_file(b->dest);
        b->sc.fp_new = xcalloc(b->written.n ? b->written.n : 1, sizeof *b->sc.fp_new);
    }
    if (prev && !b->fp_prev)
        b->fp_prev = fp_load(b->fp_file, prev, b->salt);
    b->sc.fp_prev = b->fp_prev;
    st->fingerprints = b->fp_prev != NULL;
}

/* Incremental: list the files of the tree dir that are not pages into b->others (the language
 * folders, which hold the pages, and the search index are passed over). 0, or -1 after an
 * error. */
static int list_others(build *b, const char *dir)
{
    const char *skip[LANG_MAX + 1];
    size_t i;
    if (!b->sc.fp_new)
        return 0;
    for (i = 0; i < b->m->nlangs; i++)
        skip[i] = b->m->langs[i];
    skip[i] = "pagefind";
    buf_reset(&b->others);
    if (reuse_list(dir, skip, b->m->nlangs + 1, &b->others) == 0)
        return 0;
    diag_add(b->d, DIAG_ERROR, dir, 0, 0, "cannot list: %s", fs_strerror(errno));
    return -1;
}

/* The number of NUL-terminated names in b->others. */
static size_t count_others(const build *b)
{
    size_t i, n = 0;
    for (i = 0; i < b->others.len; i++)
        n += b->others.data[i] == '\0';
    return n;
}

/* Every file of the build (rels, in arena a) and its fingerprint: the written pages' from
 * sc.fp_new, FP_LAZY for the handouts made on demand, FP_FILE for the other files. Returns how
 * many. */
static size_t page_files(const build *b, val_arena *a, const char ***rels, uint64_t **fps)
{
    size_t i, k = 0, n = b->pages.n + count_others(b);
    *rels = val_arena_alloc(a, (n ? n : 1) * sizeof **rels);
    *fps = val_arena_alloc(a, (n ? n : 1) * sizeof **fps);
    for (i = 0; i < b->others.len; i += strlen(b->others.data + i) + 1, k++) {
        (*rels)[k] = b->others.data + i;
        (*fps)[k] = FP_FILE;
    }
    for (i = 0; i < b->written.n; i++, k++) {
        const out_page *p = &b->written.v[i];
        (*rels)[k] = url_file(out_url(&b->sc.urls, p, p->lang, a), a);
        (*fps)[k] = b->sc.fp_new[i];
    }
    for (i = 0; i < b->pages.n && b->written.v != b->pages.v; i++)
        if (is_handout(&b->pages.v[i])) {
            const out_page *p = &b->pages.v[i];
            (*rels)[k] = url_file(out_url(&b->sc.urls, p, p->lang, a), a);
            (*fps)[k++] = FP_LAZY;
        }
    return k;
}

/* Save the fingerprints of this build for the tree it is now (tree); a failure is a warning:
 * the next incremental build then renders every page. */
static void save_fingerprints(build *b, const char *tree)
{
    val_arena *a = NULL;
    const char **rels = NULL;
    uint64_t *fps = NULL;
    size_t n;
    if (!b->sc.fp_new)
        return;
    a = val_arena_new();
    n = page_files(b, a, &rels, &fps);
    if (fp_save(b->fp_file, tree, b->salt, rels, fps, n) != 0)
        diag_add(b->d, DIAG_WARNING, b->fp_file, 0, 0, "cannot save the pages' fingerprints (the "
                 "next incremental build renders every page): %s", strerror(errno));
    val_arena_free(a);
}

/* In place: remove from dir the files of the previous build that this one does not have (pages,
 * exports, static files), and the handouts made on demand (they may be stale); count the former
 * in st->removed. */
static void remove_gone(build *b, const char *dir, site_build_stats *st)
{
    val_arena *a = val_arena_new();
    const char **rels = NULL;
    uint64_t *fps = NULL, old = 0;
    size_t n = page_files(b, a, &rels, &fps), i;
    strmap *now = strmap_new();
    for (i = 0; i < n; i++)
        strmap_put(now, rels[i], (int)i);
    for (i = 0; i < fp_count(b->fp_prev); i++) {
        const char *rel = fp_rel_at(b->fp_prev, i, &old);
        int gone = strmap_get(now, rel) < 0;
        if ((gone || old == FP_LAZY) && fs_rel_path_ok(rel) &&
            reuse_remove(dir, rel) == 0 && gone && old != FP_LAZY)
            st->removed++;
    }
    strmap_free(now);
    val_arena_free(a);
}

/* In place (serve): 1 when o->in_place_dir is a finished earlier build whose fingerprints apply. */
static int can_update_in_place(build *b, site_build_stats *st)
{
    const char *dir = b->o->in_place_dir;
    char *mark = NULL, *text = NULL;
    int ok = 0;
    if (!dir || !b->o->incremental || b->o->pdf || !fs_is_dir(dir) || fs_is_link(dir))
        return 0;
    mark = fs_join(dir, BUILD_MARK);
    if ((text = fs_read(mark, NULL)) && !strcmp(text, MARK_DONE)) {
        use_fingerprints(b, dir, st);
        ok = b->fp_prev != NULL;
    }
    free(text);
    free(mark);
    return ok;
}

/* In place: render the changed pages and write every export and static file into a folder beside
 * dir, then, when all succeeded, move the files that differ into dir, remove those that are gone
 * and save the fingerprints (removed first: a move cut short leaves none to trust). */
static int update_in_place(build *b, site_build_stats *st, render_stats *rs, int threads)
{
    const char *dir = b->o->in_place_dir;
    b->sc.prev_dir = dir;
    b->sc.in_place = 1;
    st->incremental = 1;
    if (!(b->tmp = fs_make_temp_beside(dir))) {
        diag_add(b->d, DIAG_ERROR, dir, 0, 0, "cannot make a folder beside it: %s",
                 strerror(errno));
        return -1;
    }
    if (write_mark(b, b->tmp, 1) != 0 || render_and_export(b, st, rs, threads) != 0 ||
        must_stop(b))
        return -1;
    phase(b, "render");
    if (list_others(b, b->tmp) != 0)
        return -1;
    unlink(b->fp_file);
    if (reuse_commit(b->tmp, dir, &st->moved) != 0) {
        diag_add(b->d, DIAG_ERROR, dir, 0, 0, "cannot update it: %s", fs_strerror(errno));
        return -1;
    }
    remove_gone(b, dir, st);
    save_fingerprints(b, dir);
    st->in_place = 1;
    st->reused = rs->reused;
    phase(b, "commit");
    list_lazy(b, st);
    return 0;
}

/* Render and write into a fresh folder beside the destination, then swap it in. */
static int write_site(build *b, site_build_stats *st, render_stats *rs)
{
    int threads = b->o->threads > 0 ? b->o->threads : sys_ncpus();
    b->dest = b->o->dest_dir ? xstrdup(b->o->dest_dir) : fs_join(b->o->site_dir, "public");
    if (b->o->check_only) {
        links_check(&b->sc, &b->pages, b->d);   /* broken internal links: warnings */
        b->sc.data_sizes = export_sizes(&b->sc);   /* nothing written: counted apart */
        return render_all(&b->sc, b->th, &b->pages, NULL, threads, b->o->timings, b->d, rs) != 0 ||
               must_stop(b) ? -1 : 0;
    }
    if (can_update_in_place(b, st))
        return update_in_place(b, st, rs, threads);
    if (dest_unsafe(b) || dest_foreign(b))
        return -1;
    fs_mkparent(b->dest);   /* the temporary folder goes beside it */
    if (remove_stale_temps(b) != 0 || must_stop(b))
        return -1;
    find_previous(b, st);
    use_fingerprints(b, b->sc.prev_dir, st);
    b->tmp = fs_make_temp_beside(b->dest);
    if (!b->tmp) {
        diag_add(b->d, DIAG_ERROR, b->dest, 0, 0, "cannot make a folder beside it: %s",
                 strerror(errno));
        return -1;
    }
    if (write_mark(b, b->tmp, 1) != 0 || render_and_export(b, st, rs, threads) != 0 ||
        must_stop(b))
        return -1;
    phase(b, "render");   /* and export, at the same time */
    print_kinds(b, rs);
    if (b->o->pdf && make_pdfs(b, st, threads) != 0)
        return -1;
    if (make_index(b, st) != 0 || reuse_rest(b, st, rs) != 0)
        return -1;
    if (b->sc.prev_dir)
        phase(b, "reuse");
    if (list_others(b, b->tmp) != 0 || must_stop(b) || write_mark(b, b->tmp, 0) != 0)
        return -1;
    if (fs_swap_in(b->tmp, b->dest, &st->old_tree) != 0) {
        diag_add(b->d, DIAG_ERROR, b->dest, 0, 0, "cannot replace it: %s", strerror(errno));
        return -1;
    }
    phase(b, "swap");
    free(b->tmp);
    b->tmp = NULL;
    save_fingerprints(b, b->dest);
    list_lazy(b, st);
    return 0;
}

static void fill_stats(build *b, site_build_stats *st, const render_stats *rs)
{
    size_t li;
    if (!b->m)
        return;
    st->nlangs = b->m->nlangs;
    for (li = 0; li < b->m->nlangs; li++) {
        snprintf(st->lang_codes[li], sizeof st->lang_codes[li], "%s", b->m->langs[li]);
        st->langs[li] = st->lang_codes[li];
        st->pages[li] = rs->pages[li];
    }
    st->other_pages = rs->other;
    st->rendered = rs->rendered;
    st->bytes = rs->bytes;
    st->plans = b->m->nplans;
    st->workstreams = b->m->nws;
}

int site_build(const site_build_opts *o, diag_list *d, site_build_stats *st)
{
    build b;
    render_stats rs;
    double t0 = sys_now();
    int rc = -1;
    memset(&b, 0, sizeof b);
    memset(&rs, 0, sizeof rs);
    memset(st, 0, sizeof *st);
    b.o = o;
    b.d = d;
    b.pdf_d = diag_list_new();
    buf_init(&b.others);
    b.mark = t0;
    b.cpu_mark = sys_cpu_seconds();
    if (o->catch_signals)
        sys_catch_signals();
    if (prepare(&b) != 0)
        goto out;
    phase(&b, "load");
    plan_pages(&b);
    b.written = to_write(&b);
    phase(&b, "plan");
    if (write_site(&b, st, &rs) != 0 || diag_errors(d))
        goto out;
    rc = 0;
out:
    if (b.tmp)
        fs_remove_tree(b.tmp);
    fill_stats(&b, st, &rs);
    st->pdf_errors = rc == 0 ? diag_errors(b.pdf_d) : 0;
    if (rc == 0)
        diag_move(d, b.pdf_d);
    diag_list_free(b.pdf_d);
    st->errors = diag_errors(d);
    st->warnings = diag_warnings(d);
    st->seconds = sys_now() - t0;
    st->signal = o->catch_signals ? sys_signalled() : 0;
    if (b.written.v != b.pages.v)
        out_list_free(&b.written);
    out_list_free(&b.pages);
    fp_free(b.fp_prev);
    free(b.sc.fp_new);
    buf_free(&b.others);
    free(b.fp_file);
    items_cache_free(&b.sc);
    bodies_free(b.sc.bodies);
    free((void *)b.sc.data_sizes);
    lastmod_free(b.lm);
    xref_free(b.x);
    theme_free(b.th);
    i18n_free(b.t);
    model_free(b.m);
    free(b.dest);
    free(b.tmp);
    return rc;
}

/* The index in b->pages of the handout whose file is rel, or b->pages.n. */
static size_t find_handout(build *b, const char *rel, val_arena *a)
{
    size_t i;
    for (i = 0; i < b->pages.n; i++) {
        const out_page *p = &b->pages.v[i];
        if (is_handout(p) && !strcmp(url_file(out_url(&b->sc.urls, p, p->lang, a), a), rel))
            break;
    }
    return i;
}

/* Render page i of b into a temporary folder beside the destination, then move its file into
 * place (readers of the destination never see it half-written). 0, or -1 after an error. */
static int write_one(build *b, size_t i, const char *rel)
{
    out_list one;
    render_stats rs;
    char *from = NULL, *to = NULL;
    int rc = -1;
    memset(&rs, 0, sizeof rs);
    one.v = &b->pages.v[i];
    one.n = one.cap = 1;
    if (!(b->tmp = fs_make_temp_beside(b->dest))) {
        diag_add(b->d, DIAG_ERROR, b->dest, 0, 0, "cannot make a folder beside it: %s",
                 strerror(errno));
        return -1;
    }
    if (render_all(&b->sc, b->th, &one, b->tmp, 1, 0, b->d, &rs) != 0)
        goto out;
    from = fs_join(b->tmp, rel);
    to = fs_join(b->dest, rel);
    if (fs_mkparent(to) != 0 || rename(from, to) != 0) {
        diag_add(b->d, DIAG_ERROR, to, 0, 0, "cannot write: %s", strerror(errno));
        goto out;
    }
    rc = 0;
out:
    free(from);
    free(to);
    return rc;
}

int site_build_handout(const site_build_opts *o, diag_list *d)
{
    site_build_opts lo = *o;
    val_arena *a = val_arena_new();
    build b;
    size_t i;
    int rc = -1;
    memset(&b, 0, sizeof b);
    lo.handouts = BUILD_HANDOUTS_LINKED;
    lo.pdf = lo.check_only = 0;
    b.o = &lo;
    b.d = d;
    if (!o->only || !o->dest_dir || prepare(&b) != 0)
        goto out;
    plan_pages(&b);
    b.dest = xstrdup(o->dest_dir);
    i = find_handout(&b, o->only, a);
    rc = i == b.pages.n ? 1 : write_one(&b, i, o->only);
out:
    if (b.tmp)
        fs_remove_tree(b.tmp);
    free(b.tmp);
    free(b.dest);
    if (b.written.v != b.pages.v)
        out_list_free(&b.written);
    out_list_free(&b.pages);
    fp_free(b.fp_prev);
    free(b.sc.fp_new);
    buf_free(&b.others);
    free(b.fp_file);
    items_cache_free(&b.sc);
    bodies_free(b.sc.bodies);
    xref_free(b.x);
    theme_free(b.th);
    i18n_free(b.t);
    model_free(b.m);
    val_arena_free(a);
    return rc;
}

void site_build_finish(site_build_stats *st)
{
    free(st->lazy);
    st->lazy = NULL;
    st->lazy_len = 0;
    if (!st->old_tree)
        return;
    fs_remove_tree(st->old_tree);
    free(st->old_tree);
    st->old_tree = NULL;
}

void site_build_summary(const site_build_stats *st, int check_only, char *out, size_t size)
{
    size_t li, total = st->other_pages, n = 0;
    char langs[128] = "";
    for (li = 0; li < st->nlangs; li++) {
        total += st->pages[li];
        n += (size_t)snprintf(langs + n, sizeof langs - n, "%s%s %zu", li ? ", " : "",
                              st->langs[li], st->pages[li]);
        if (n >= sizeof langs)
            break;
    }
    n = (size_t)snprintf(out, size, "%s %zu pages (%s, %zu other) from %zu plans and %zu "
                         "workstreams, %zu files copied, %zu warning%s, in %.2f s",
                         check_only ? "checked" : "built", total, langs, st->other_pages,
                         st->plans, st->workstreams, st->files_copied, st->warnings,
                         st->warnings == 1 ? "" : "s", st->seconds);
    if (st->in_place && n < size)
        n += (size_t)snprintf(out + n, size - n, "; updated in place: %zu pages rendered, %zu "
                              "files changed, %zu removed", st->rendered, st->moved, st->removed);
    else if (st->incremental && n < size)
        n += (size_t)snprintf(out + n, size - n, "; %zu unchanged files linked from the "
                              "previous build", st->reused);
    if (st->incremental && !st->in_place && st->fingerprints && n < size)
        n += (size_t)snprintf(out + n, size - n, " (%zu page%s rendered)", st->rendered,
                              st->rendered == 1 ? "" : "s");
    if (st->indexed && n < size)
        snprintf(out + n, size - n, "; search index in %.2f s", st->search_seconds);
}
