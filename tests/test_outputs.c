/* site/outputs: the planned page list of the base site — how many pages of each kind, in which
 * languages, no two with the same URL or file, the URL of a page in the other language, the PDFs
 * of handouts, and the template of every kind (each one a file of the default theme). */
#include "site_fixture.h"
#include "site/index/outputs.h"
#include "site/render/theme.h"

typedef struct env {
    char *dir;
    m_site *s;
    theme *th;
    i18n *t;
    url_map u;
    xref *x;
    out_list pages;
    diag_list *d;
} env;

static void env_open(env *e)
{
    memset(e, 0, sizeof *e);
    e->dir = fx_site(1);
    e->d = diag_list_new();
}

static void env_load(env *e, int drafts)
{
    e->s = fx_load(e->dir, drafts, e->d);
    e->th = theme_new(e->dir, "default");
    e->t = i18n_load(e->s, theme_dir(e->th), e->d);
    url_map_init(&e->u, e->s, e->t, e->d);
    e->x = xref_build(e->s);
    out_plan(e->s, e->x, 1, &e->pages);
    CHECK(fx_no_errors(e->d));
}

static void env_close(env *e)
{
    out_list_free(&e->pages);
    xref_free(e->x);
    i18n_free(e->t);
    theme_free(e->th);
    model_free(e->s);
    diag_list_free(e->d);
    fx_remove(e->dir);
}

/* Pages of kind (and, for terms, vocabulary voc; -1: any) in language li (-1: any). */
static size_t count(const out_list *l, out_kind kind, int voc, int li)
{
    size_t i, n = 0;
    for (i = 0; i < l->n; i++)
        n += l->v[i].kind == kind && (voc < 0 || l->v[i].voc == voc) &&
             (li < 0 || l->v[i].lang == li);
    return n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Number of URLs (as files) that occur more than once among the pages. */
static size_t duplicates(const env *e, val_arena *a)
{
    const char **files = calloc(e->pages.n + 1, sizeof *files);
    size_t i, dup = 0;
    for (i = 0; i < e->pages.n; i++)
        files[i] = url_file(out_url(&e->u, &e->pages.v[i], e->pages.v[i].lang, a), a);
    qsort(files, e->pages.n, sizeof *files, cmp_str);
    for (i = 1; i < e->pages.n; i++)
        if (!strcmp(files[i], files[i - 1])) {
            fprintf(stderr, "  duplicate: %s\n", files[i]);
            dup++;
        }
    free(files);
    return dup;
}

static void test_counts(const out_list *l)
{
    int li;
    CHECK_SIZE(l->n, 2 + 2 * 27);
    CHECK_SIZE(count(l, PK_ROOT, -1, -1), 1);
    CHECK_SIZE(count(l, PK_NOT_FOUND, -1, -1), 1);
    CHECK_INT(l->v[0].kind, PK_ROOT);
    CHECK_INT(l->v[1].kind, PK_NOT_FOUND);
    for (li = 0; li < 2; li++) {
        CHECK_SIZE(count(l, PK_HOME, -1, li), 1);
        CHECK_SIZE(count(l, PK_SEARCH, -1, li), 1);
        CHECK_SIZE(count(l, PK_DATA, -1, li), 1);
        CHECK_SIZE(count(l, PK_PLANS, -1, li), 1);
        CHECK_SIZE(count(l, PK_PLAN, -1, li), 1);
        CHECK_SIZE(count(l, PK_HANDOUT_PLAN, -1, li), 1);
        CHECK_SIZE(count(l, PK_WS, -1, li), 2); /* the draft is left out */
        CHECK_SIZE(count(l, PK_TERMS, -1, li), 4);
        CHECK_SIZE(count(l, PK_TERMS, VOC_ENTITIES, li), 1);
        CHECK_SIZE(count(l, PK_TERM, VOC_OBJECTIVES, li), 3);
        CHECK_SIZE(count(l, PK_HANDOUT_TERM, -1, li), 3);
        CHECK_SIZE(count(l, PK_TERM, VOC_AREAS, li), 2);
        CHECK_SIZE(count(l, PK_TERM, VOC_SDGS, li), 2);
        CHECK_SIZE(count(l, PK_TERM, VOC_ENTITIES, li), 3);
        CHECK_SIZE(count(l, PK_TERM, VOC_PRINCIPLES, li), 0);
        CHECK_SIZE(count(l, PK_TERM, VOC_COUNTRIES, li), 0);
        CHECK_SIZE(count(l, PK_DOCS, -1, li), 1);
        CHECK_SIZE(count(l, PK_DOC, -1, li), 1);
    }
}

static void test_urls(const env *e, val_arena *a)
{
    size_t i;
    int seen_ws = 0, seen_term = 0, seen_handout = 0;
    CHECK_SIZE(duplicates(e, a), 0);
    for (i = 0; i < e->pages.n; i++) {
        const out_page *p = &e->pages.v[i];
        const char *es = out_url(&e->u, p, 0, a), *en = out_url(&e->u, p, 1, a);
        if (p->kind == PK_WS && p->idx == 1 && p->lang == 1) {
            seen_ws = 1;
            CHECK_STR(out_url(&e->u, p, p->lang, a), "en/workplans/2024-2025/02-retorno/");
            CHECK_STR(es, "es/planes/2024-2025/02-retorno/"); /* its alternate */
            CHECK(out_pdf_url(&e->u, p, 0, a) == NULL);
        }
        if (p->kind == PK_TERM && p->voc == VOC_ENTITIES && p->idx == 2 && p->lang == 0) {
            seen_term = 1;
            CHECK_STR(es, "es/entidades/ilo/");
            CHECK_STR(en, "en/entities/ilo/");
        }
        if (p->kind == PK_HANDOUT_TERM && p->idx == 1 && p->lang == 0) {
            seen_handout = 1;
            CHECK_STR(es, "es/imprimir/objetivos-2/");
            CHECK_STR(out_pdf_url(&e->u, p, 0, a), "es/imprimir/objetivos-2/objetivos-2-es.pdf");
            CHECK_STR(out_pdf_url(&e->u, p, 1, a), "en/print/objectives-2/objectives-2-en.pdf");
        }
        if (p->kind == PK_HANDOUT_PLAN && p->lang == 1)
            CHECK_STR(out_pdf_url(&e->u, p, 1, a), "en/print/2024-2025/plan-2024-2025-en.pdf");
        if (p->kind == PK_ROOT)
            CHECK_STR(es, "");
        if (p->kind == PK_NOT_FOUND)
            CHECK_STR(en, "404.html");
        if (p->kind == PK_TERMS && p->voc == VOC_SDGS)
            CHECK_STR(out_url(&e->u, p, p->lang, a), p->lang ? "en/sdgs/" : "es/ods/");
    }
    CHECK(seen_ws && seen_term && seen_handout);
}

static void test_templates(const env *e)
{
    size_t i;
    out_page p;
    memset(&p, 0, sizeof p);
    p.kind = PK_TERMS;
    p.voc = VOC_ENTITIES;
    CHECK_STR(out_template(&p), "entities");
    p.voc = VOC_SDGS;
    CHECK_STR(out_template(&p), "terms");
    p.kind = PK_TERM;
    CHECK_STR(out_template(&p), "term");
    p.voc = VOC_ENTITIES;
    CHECK_STR(out_template(&p), "entity");
    p.kind = PK_HANDOUT_TERM;
    CHECK_STR(out_template(&p), "handout-objective");
    p.kind = PK_NOT_FOUND;
    CHECK_STR(out_template(&p), "404");
    /* every page's template is a file of the theme */
    for (i = 0; i < e->pages.n; i++) {
        char *rel = NULL, *path;
        if (asprintf(&rel, "themes/default/templates/%s.mustache", out_template(&e->pages.v[i])) < 0)
            exit(2);
        path = fs_join(e->dir, rel);
        if (!fs_is_file(path))
            CHECK_STR(rel, "(an existing template)");
        free(path);
        free(rel);
    }
}

/* The page-kind rows: which kinds the sitemap lists and which pages show PDF links. */
static void test_kind_rows(void)
{
    out_page p;
    int k;
    memset(&p, 0, sizeof p);
    CHECK_INT(out_kind_of(PK_ROOT)->in_sitemap, 0);
    CHECK_INT(out_kind_of(PK_NOT_FOUND)->in_sitemap, 0);
    for (k = PK_HOME; k < PK_COUNT; k++)
        CHECK_INT(out_kind_of((out_kind)k)->in_sitemap, 1);
    p.kind = PK_PLAN;
    CHECK_INT(out_links_pdfs(&p), 1);
    p.kind = PK_WS;
    CHECK_INT(out_links_pdfs(&p), 0);
    p.kind = PK_TERM;
    p.voc = VOC_OBJECTIVES;
    CHECK_INT(out_links_pdfs(&p), 1);   /* objectives have handouts */
    p.voc = VOC_SDGS;
    CHECK_INT(out_links_pdfs(&p), 0);
    p.kind = PK_HANDOUT_TERM;
    CHECK_INT(out_links_pdfs(&p), 1);
}

/* Drafts add their page; an entity nobody names has none; no documents: no documents index. */
static void test_variants(void)
{
    env e;
    val_arena *a = val_arena_new();
    env_open(&e);
    fx_del(e.dir, "content/pages");
    fx_put(e.dir, "content/plans/2024-2025/01-datos.yaml",
           "number: \"1.1\"\norder: 1\ngroup: core\nleads: [iom]\n");
    env_load(&e, 1);
    CHECK_SIZE(count(&e.pages, PK_WS, -1, 0), 3);
    CHECK_SIZE(count(&e.pages, PK_TERM, VOC_ENTITIES, 0), 2); /* iom, unhcr (ilo: nowhere) */
    CHECK_SIZE(count(&e.pages, PK_TERMS, VOC_ENTITIES, 1), 1);
    CHECK_SIZE(count(&e.pages, PK_DOCS, -1, -1), 0);
    CHECK_SIZE(count(&e.pages, PK_DOC, -1, -1), 0);
    CHECK_SIZE(duplicates(&e, a), 0);
    {
        size_t i;
        for (i = 0; i < e.pages.n; i++)
            if (e.pages.v[i].kind == PK_TERM && e.pages.v[i].voc == VOC_ENTITIES)
                CHECK(e.pages.v[i].idx != 2);
    }
    env_close(&e);
    val_arena_free(a);
}

/* Without handouts (a plain build): no PK_HANDOUT_* page, and every other page planned as with
 * them, in the same order. */
static void test_no_handouts(const env *e)
{
    out_list l;
    size_t i, j = 0;
    out_plan(e->s, e->x, 0, &l);
    CHECK_SIZE(count(&l, PK_HANDOUT_PLAN, -1, -1), 0);
    CHECK_SIZE(count(&l, PK_HANDOUT_TERM, -1, -1), 0);
    CHECK_SIZE(l.n, e->pages.n - 2 * (1 + 3));
    for (i = 0; i < e->pages.n && j < l.n; i++) {
        const out_page *p = &e->pages.v[i];
        if (p->kind == PK_HANDOUT_PLAN || p->kind == PK_HANDOUT_TERM)
            continue;
        CHECK(l.v[j].kind == p->kind && l.v[j].lang == p->lang && l.v[j].idx == p->idx &&
              l.v[j].obj == p->obj);
        j++;
    }
    CHECK_SIZE(j, l.n);
    out_list_free(&l);
}

int main(void)
{
    env e;
    val_arena *a = val_arena_new();
    env_open(&e);
    env_load(&e, 0);
    test_counts(&e.pages);
    test_no_handouts(&e);
    test_urls(&e, a);
    test_templates(&e);
    env_close(&e);
    val_arena_free(a);
    test_variants();
    test_kind_rows();
    return h_done();
}
