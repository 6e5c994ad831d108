/* site/urls: the localized URL of every page kind in both languages of the base site (with the
 * default theme's section names), the way back to the root, the file of an URL, and unsafe or
 * missing section names (errors, located; the English default is used). */
#include "site_fixture.h"
#include "site/render/theme.h"
#include "site/index/urls.h"

static void test_builders(const m_site *s, const url_map *u, val_arena *a)
{
    const m_plan *p = s->plans[0];
    const m_ws *w = p->ws[0];
    const m_page *pg = s->pages[0];
    CHECK_STR(url_home(u, 0, a), "es/");
    CHECK_STR(url_home(u, 1, a), "en/");
    CHECK_STR(url_plan(u, 0, p, a), "es/planes/2024-2025/");
    CHECK_STR(url_plan(u, 1, p, a), "en/workplans/2024-2025/");
    CHECK_STR(url_ws(u, 0, w, a), "es/planes/2024-2025/01-datos/");
    CHECK_STR(url_ws(u, 1, w, a), "en/workplans/2024-2025/01-datos/");
    CHECK_STR(url_section(u, 0, SECT_PLANS, a), "es/planes/");
    CHECK_STR(url_voc_section(u, 0, VOC_AREAS, a), "es/areas-tematicas/");
    CHECK_STR(url_voc_section(u, 1, VOC_AREAS, a), "en/thematic-areas/");
    CHECK_STR(url_section(u, 0, SECT_DOCS, a), "es/documentos/");
    CHECK_STR(url_section(u, 1, SECT_DOCS, a), "en/documents/");
    CHECK_STR(url_section(u, 0, SECT_PRINT, a), "es/imprimir/");
    CHECK_STR(url_term(u, 0, VOC_OBJECTIVES, 2, a), "es/objetivos/3/");
    CHECK_STR(url_term(u, 1, VOC_OBJECTIVES, 2, a), "en/objectives/3/");
    CHECK_STR(url_term(u, 0, VOC_AREAS, 1, a), "es/areas-tematicas/2/");
    CHECK_STR(url_term(u, 0, VOC_SDGS, 0, a), "es/ods/1/");
    CHECK_STR(url_term(u, 1, VOC_SDGS, 1, a), "en/sdgs/2/");
    CHECK_STR(url_term(u, 0, VOC_ENTITIES, 1, a), "es/entidades/unhcr/");
    CHECK_STR(url_term(u, 1, VOC_ENTITIES, 2, a), "en/entities/ilo/");
    CHECK_STR(url_doc(u, 0, pg, a), "es/documentos/nota/");
    CHECK_STR(url_doc(u, 1, pg, a), "en/documents/nota/");
    CHECK_STR(url_handout_plan(u, 0, p, a), "es/imprimir/2024-2025/");
    CHECK_STR(url_handout_plan(u, 1, p, a), "en/print/2024-2025/");
    CHECK_STR(url_handout_term(u, 0, 0, a), "es/imprimir/objetivos-1/");
    CHECK_STR(url_handout_term(u, 1, 2, a), "en/print/objectives-3/");
    CHECK_STR(url_voc_section(u, 0, VOC_OBJECTIVES, a), "es/objetivos/");
    CHECK_STR(url_voc_section(u, 1, VOC_SDGS, a), "en/sdgs/");
    CHECK_STR(url_voc_section(u, 0, VOC_ENTITIES, a), "es/entidades/");
    CHECK(u->voc[0][VOC_PRINCIPLES] == NULL && u->voc[1][VOC_COUNTRIES] == NULL);
}

static void test_paths(val_arena *a)
{
    CHECK_STR(url_root_prefix("es/planes/2024-2025/01-datos/", a), "../../../../");
    CHECK_STR(url_root_prefix("es/", a), "../");
    CHECK_STR(url_root_prefix("404.html", a), "");
    CHECK_STR(url_root_prefix("", a), "");
    CHECK_STR(url_root_prefix("sitemap/x.xml", a), "../");
    CHECK_STR(url_file("es/planes/", a), "es/planes/index.html");
    CHECK_STR(url_file("", a), "index.html");
    CHECK_STR(url_file("404.html", a), "404.html");
    CHECK_STR(url_file("es/imprimir/objetivos-8/objetivos-8-es.pdf", a),
              "es/imprimir/objetivos-8/objetivos-8-es.pdf");
}

/* A site override of a section name: unsafe names are errors at the name, and the default is
 * used; a name missing from a table is an error naming the key. */
static void test_bad_names(char *dir, m_site *s, const char *theme_dir)
{
    diag_list *d = diag_list_new();
    url_map u;
    i18n *t;
    val_arena *a = val_arena_new();
    fx_put(dir, "i18n/es.yaml", "url_plans: \"Planes!\"\nurl_sdgs: \"objetivos-ds\"\n");
    t = i18n_load(s, theme_dir, d);
    url_map_init(&u, s, t, d);
    CHECK_SIZE(diag_errors(d), 1);
    CHECK_STR(fx_diag(d, "url_plans"),
              "i18n/es.yaml:1:12: url_plans: 'Planes!' is not safe in a URL (lower-case letters, "
              "digits and hyphens)");
    CHECK_STR(url_plan(&u, 0, s->plans[0], a), "es/workplans/2024-2025/");
    CHECK_STR(url_term(&u, 0, VOC_SDGS, 0, a), "es/objetivos-ds/1/");
    CHECK_STR(url_section(&u, 1, SECT_PLANS, a), "en/workplans/");
    i18n_free(t);
    fx_del(dir, "i18n");
    diag_clear(d);
    /* a theme whose English table lacks url_print */
    fx_put(dir, "themes/bare/i18n/es.yaml",
           "url_plans: p\nurl_objectives: o\nurl_areas: a\nurl_sdgs: s\nurl_entities: e\n"
           "url_documents: d\nurl_print: i\nurl_search: b\nurl_data: x\n");
    fx_put(dir, "themes/bare/i18n/en.yaml",
           "url_plans: p\nurl_objectives: o\nurl_areas: a\nurl_sdgs: s\nurl_entities: e\n"
           "url_documents: d\nurl_search: b\nurl_data: x\n");
    {
        char *bare = fs_join(dir, "themes/bare");
        t = i18n_load(s, bare, d);
        free(bare);
    }
    url_map_init(&u, s, t, d);
    CHECK_SIZE(diag_errors(d), 1);
    CHECK_STR(fx_diag(d, "missing string 'url_print'"),
              "themes/bare/i18n/en.yaml: missing string 'url_print' (the URL name of a section, "
              "lower-case letters, digits and hyphens)");
    CHECK_STR(url_handout_term(&u, 0, 0, a), "es/i/o-1/");
    CHECK_STR(url_handout_term(&u, 1, 0, a), "en/print/o-1/");
    i18n_free(t);
    val_arena_free(a);
    diag_list_free(d);
}

int main(void)
{
    char *dir = fx_site(1);
    diag_list *d = diag_list_new();
    m_site *s = fx_load(dir, 0, d);
    theme *th = theme_new(dir, "default");
    i18n *t = i18n_load(s, theme_dir(th), d);
    val_arena *a = val_arena_new();
    url_map u;
    url_map_init(&u, s, t, d);
    CHECK(fx_no_errors(d));
    CHECK(s->nplans == 1 && s->plans[0]->nws == 2 && s->npages == 1);
    test_builders(s, &u, a);
    test_paths(a);
    test_bad_names(dir, s, theme_dir(th));
    val_arena_free(a);
    i18n_free(t);
    theme_free(th);
    model_free(s);
    diag_list_free(d);
    fx_remove(dir);
    return h_done();
}
