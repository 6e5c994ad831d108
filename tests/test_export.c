/* site/export: the machine-readable files of the base site — sitemap.xml (every page but the root
 * and 404, with an alternate per language), data/workplans.json (checked by a small JSON syntax
 * validator, then for its fields) and the workstream x objective CSV (header and every row);
 * quotes, commas and control characters in titles; export_all writes the three files and reports
 * a destination it cannot write to. */
#include "site_fixture.h"
#include "site/build/export.h"
#include "site/render/theme.h"
#include "util/buf.h"
#include "util/mem.h"

/* ---- a JSON syntax validator (RFC 8259, no semantics) ---- */

typedef struct jp {
    const char *s;
    int depth;
} jp;

static void ws(jp *p)
{
    while (*p->s == ' ' || *p->s == '\n' || *p->s == '\r' || *p->s == '\t')
        p->s++;
}

static int j_value(jp *p);

/* Step over c when it is next (never past the end of the text). */
static int eat(jp *p, char c)
{
    if (*p->s != c)
        return 0;
    p->s++;
    return 1;
}

static int j_string(jp *p)
{
    if (!eat(p, '"'))
        return 0;
    for (;;) {
        unsigned char c = (unsigned char)*p->s;
        if (c < 0x20)
            return 0; /* includes the end of the text */
        p->s++;
        if (c == '"')
            return 1;
        if (c == '\\') {
            c = (unsigned char)*p->s;
            if (!c)
                return 0;
            p->s++;
            if (c == 'u') {
                int i;
                for (i = 0; i < 4; i++, p->s++)
                    if (!*p->s || !strchr("0123456789abcdefABCDEF", *p->s))
                        return 0;
            } else if (!strchr("\"\\/bfnrt", c))
                return 0;
        }
    }
}

static int j_number(jp *p)
{
    const char *start = p->s;
    if (*p->s == '-')
        p->s++;
    if (*p->s == '0')
        p->s++;
    else if (*p->s >= '1' && *p->s <= '9')
        while (*p->s >= '0' && *p->s <= '9')
            p->s++;
    else
        return 0;
    if (*p->s == '.') {
        p->s++;
        if (!(*p->s >= '0' && *p->s <= '9'))
            return 0;
        while (*p->s >= '0' && *p->s <= '9')
            p->s++;
    }
    if (*p->s == 'e' || *p->s == 'E') {
        p->s++;
        if (*p->s == '+' || *p->s == '-')
            p->s++;
        if (!(*p->s >= '0' && *p->s <= '9'))
            return 0;
        while (*p->s >= '0' && *p->s <= '9')
            p->s++;
    }
    return p->s > start;
}

/* [ value, ... ] or { "key": value, ... } */
static int j_container(jp *p, char close, int object)
{
    p->s++;
    ws(p);
    if (*p->s == close) {
        p->s++;
        return 1;
    }
    for (;;) {
        ws(p);
        if (object) {
            if (!j_string(p))
                return 0;
            ws(p);
            if (!eat(p, ':'))
                return 0;
        }
        if (!j_value(p))
            return 0;
        ws(p);
        if (*p->s == close) {
            p->s++;
            return 1;
        }
        if (!eat(p, ','))
            return 0;
    }
}

static int j_value(jp *p)
{
    int ok;
    ws(p);
    if (++p->depth > 100)
        return 0;
    switch (*p->s) {
    case '{': ok = j_container(p, '}', 1); break;
    case '[': ok = j_container(p, ']', 0); break;
    case '"': ok = j_string(p); break;
    case 't': ok = !strncmp(p->s, "true", 4) && (p->s += 4); break;
    case 'f': ok = !strncmp(p->s, "false", 5) && (p->s += 5); break;
    case 'n': ok = !strncmp(p->s, "null", 4) && (p->s += 4); break;
    default: ok = j_number(p);
    }
    p->depth--;
    return ok;
}

/* 1 when text is one JSON value (with white space around); else 0 (loud: say where it stopped). */
static int json_check(const char *text, int loud)
{
    jp p = {text, 0};
    int ok = j_value(&p);
    ws(&p);
    if (ok && !*p.s)
        return 1;
    if (loud)
        fprintf(stderr, "  JSON invalid at byte %zu: %.40s\n", (size_t)(p.s - text), p.s);
    return 0;
}

static int json_valid(const char *text)
{
    return json_check(text, 0);
}

static void test_validator(void)
{
    CHECK_INT(json_valid("{\"a\":[1,-2.5e3,true,false,null,\"x\\n\\u00e9\"],\"b\":{}}\n"), 1);
    CHECK_INT(json_valid("[]"), 1);
    CHECK_INT(json_valid("{\"a\":1,}"), 0);
    CHECK_INT(json_valid("[1 2]"), 0);
    CHECK_INT(json_valid("\"tab\there\""), 0);
    CHECK_INT(json_valid("{\"a\":01}"), 0);
    CHECK_INT(json_valid("{\"a\":1"), 0);
    CHECK_INT(json_valid("[\"\\x\"]"), 0);
    CHECK_INT(json_valid("{} {}"), 0);
    CHECK_INT(json_valid("\"abc"), 0);
    CHECK_INT(json_valid("[\"\\u12"), 0);
    CHECK_INT(json_valid("[\"\\"), 0);
}

/* ---- the site ---- */

typedef struct env {
    char *dir;
    m_site *s;
    theme *th;
    i18n *t;
    xref *x;
    out_list pages;
    site_ctx sc;
    diag_list *d;
} env;

static void env_open(env *e)
{
    memset(e, 0, sizeof *e);
    e->dir = fx_site(1);
    e->d = diag_list_new();
    /* a title with quotes, a comma and a tab, in Spanish only */
    fx_put(e->dir, "content/plans/2024-2025/02-retorno.es.md",
           "---\ntitle: \"Retorno \\\"digno\\\", y\\tseguro\"\nactivities:\n"
           "  - \"Reunir buenas prácticas.\"\n---\n");
    e->s = fx_load(e->dir, 0, e->d);
    e->th = theme_new(e->dir, "default");
    e->t = i18n_load(e->s, theme_dir(e->th), e->d);
    e->sc.m = e->s;
    e->sc.t = e->t;
    url_map_init(&e->sc.urls, e->s, e->t, e->d);
    e->x = xref_build(e->s);
    e->sc.x = e->x;
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

static size_t occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
        n++;
    return n;
}

static void test_sitemap(env *e)
{
    buf b;
    const char *x;
    buf_init(&b);
    export_sitemap(&e->sc, &e->pages, &b);
    x = buf_cstr(&b);
    CHECK(!strncmp(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset ", 45));
    CHECK_SIZE(occurrences(x, "<url>"), e->pages.n - 2);
    CHECK_SIZE(occurrences(x, "</url>"), e->pages.n - 2);
    CHECK_SIZE(occurrences(x, "hreflang=\"es\""), e->pages.n - 2);
    CHECK_SIZE(occurrences(x, "hreflang=\"en\""), e->pages.n - 2);
    CHECK_SIZE(occurrences(x, "404.html"), 0);
    CHECK_SIZE(occurrences(x, "<loc>https://example.org/plans/</loc>"), 0);
    CHECK_CONTAINS(x, "  <url>\n    <loc>https://example.org/plans/es/planes/2024-2025/02-retorno/</loc>\n"
                      "    <xhtml:link rel=\"alternate\" hreflang=\"es\" "
                      "href=\"https://example.org/plans/es/planes/2024-2025/02-retorno/\"/>\n"
                      "    <xhtml:link rel=\"alternate\" hreflang=\"en\" "
                      "href=\"https://example.org/plans/en/workplans/2024-2025/02-retorno/\"/>\n"
                      "  </url>\n");
    CHECK_CONTAINS(x, "<loc>https://example.org/plans/en/entities/ilo/</loc>");
    CHECK_SIZE(strlen(x) - strlen("</urlset>\n"), (size_t)(strstr(x, "</urlset>\n") - x));
    buf_free(&b);
}

static void test_json(env *e)
{
    buf b;
    const char *j;
    buf_init(&b);
    export_json(&e->sc, &b);
    j = buf_cstr(&b);
    CHECK_INT(json_check(j, 1), 1);
    CHECK(!strncmp(j, "{\"languages\":[\"es\",\"en\"],\n\"plans\":[\n{\"slug\":\"2024-2025\",", 55));
    /* the document's date; not called adopted unless the plan says adopted */
    CHECK_CONTAINS(j, "\"scope\":\"global\",\"region\":null,\"period\":{\"start\":2024,\"end\":2025},"
                      "\"date\":\"2024-03-01\",\"adopted\":null");
    CHECK_CONTAINS(j, "\"groups\":[{\"id\":\"core\",\"status\":null,\"title\":{\"es\":\"Prioridades básicas\","
                      "\"en\":\"Core priorities\"}},{\"id\":\"thematic\"");
    CHECK_CONTAINS(j, "{\"slug\":\"01-datos\",\"number\":\"1.1\",\"group\":\"core\","
                      "\"status\":\"ongoing\",\"status_by_group\":false,\"leads\":[\"iom\"],\"participants\":[\"unhcr\",\"ilo\"],"
                      "\"interest\":null,\"representatives\":null,\"objectives\":[1,3],\"objectives_mentioned\":[2],\"sdgs\":[],"
                      "\"areas\":[1],\"progress_declaration\":[\"70\"],");
    /* not stated (key left out): null, not []; "sdgs: []" above (none) stays [] */
    CHECK_CONTAINS(j, "{\"slug\":\"02-retorno\",\"number\":\"2\",\"group\":\"thematic\",\"status\":null,"
                      "\"status_by_group\":false,\"leads\":[\"unhcr\"],\"participants\":null,\"interest\":null,\"representatives\":null,\"objectives\":null,"
                      "\"objectives_mentioned\":null,\"sdgs\":null,\"areas\":null,"
                      "\"progress_declaration\":null,");
    CHECK_CONTAINS(j, "\"title\":{\"es\":\"Retorno \\\"digno\\\", y\\u0009seguro\",\"en\":null}");
    CHECK_CONTAINS(j, "\"activities\":[{\"text\":{\"es\":\"Elaborar una guía <b>técnica</b>.\","
                      "\"en\":\"Draft a technical <b>guide</b>.\"},\"items\":{\"es\":[\"primer punto\","
                      "\"segundo punto\"],\"en\":[\"first point\",\"second point\"]},");
    CHECK_CONTAINS(j, "\"entities\":[\"iom\"]}");
    /* the second activity's facts are {}: its entities are not stated */
    CHECK_CONTAINS(j, "\"entities\":[\"iom\"]},{\"text\":");
    CHECK_SIZE(occurrences(j, "\"reference\":null,\"entities\":null}"), 2);
    CHECK_SIZE(occurrences(j, "\"slug\":\"03-borrador\""), 0); /* drafts left out */
    CHECK_CONTAINS(j, "\"objectives\":[\n{\"id\":\"1\",\"title\":{\"es\":\"Recopilar y utilizar datos exactos\"");
    CHECK_CONTAINS(j, "\"entities\":[\n{\"id\":\"iom\",\"title\":{\"es\":\"Organización Internacional para las Migraciones\"");
    /* entities carry their index group (the fixture: iom and unhcr un, ilo not stated) */
    CHECK_CONTAINS(j, "\"short\":{\"es\":\"ACNUR\",\"en\":\"UNHCR\"},\"group\":\"un\"}");
    CHECK_SIZE(occurrences(j, "\"group\":\"un\"}"), 2);
    CHECK_SIZE(occurrences(j, "\"group\":null}"), 1);
    CHECK_CONTAINS(j, "\"sdgs\":[\n{\"id\":\"1\",\"title\":{\"es\":\"Fin de la pobreza\",\"en\":\"No Poverty\"},"
                      "\"short\":{\"es\":null,\"en\":null}}");
    buf_free(&b);
}

static void test_csv(env *e)
{
    buf b;
    buf_init(&b);
    export_csv(&e->sc, &b);
    CHECK_STR(buf_cstr(&b),
              "plan,number,slug,title_es,title_en,objective_1,objective_2,objective_3\r\n"
              "2024-2025,1.1,01-datos,Datos para las políticas,Data for policy,listed,mentioned,listed\r\n"
              "2024-2025,2,02-retorno,\"Retorno \"\"digno\"\", y\tseguro\",,not stated,not stated,"
              "not stated\r\n");
    buf_free(&b);
}

static void test_export_all(env *e)
{
    char *dest = fx_tempdir(), *p, *got;
    buf want;
    size_t len = 0, n = df_nfiles(e->sc.m), i;
    size_t *sizes = xcalloc(n, sizeof *sizes), *counted = export_sizes(&e->sc);
    val_arena *a = val_arena_new();
    diag_clear(e->d);
    CHECK_INT(export_all(&e->sc, &e->pages, dest, sizes, e->d), 0);
    CHECK_SIZE(diag_count(e->d), 0);
    /* the sizes counted as the files are written are the files' and export_sizes's */
    for (i = 0; i < n; i++) {
        p = fs_join(dest, df_file_path(e->sc.m, df_file_at(e->sc.m, i), a));
        got = fs_read(p, &len);
        CHECK(got && sizes[i] == len && counted[i] == len && len > 0);
        free(got);
        free(p);
    }
    free(sizes);
    free(counted);
    val_arena_free(a);
    buf_init(&want);
    export_csv(&e->sc, &want);
    p = fs_join(dest, "data/workstreams-objectives.csv");
    got = fs_read(p, &len);
    CHECK_MEM(got, len, buf_cstr(&want), want.len);
    free(got);
    free(p);
    buf_reset(&want);
    export_json(&e->sc, &want);
    p = fs_join(dest, "data/workplans.json");
    got = fs_read(p, &len);
    CHECK_MEM(got, len, buf_cstr(&want), want.len);
    free(got);
    free(p);
    p = fs_join(dest, "sitemap.xml");
    CHECK(fs_is_file(p));
    free(p);
    /* a facet CSV starts with the byte order mark and its header */
    p = fs_join(dest, "data/workstreams-entities.en.csv");
    got = fs_read(p, &len);
    {
        static const char hdr[] = "\xEF\xBB\xBFplan,number,slug,title,url,code,short,label,"
                                  "role,role_label,represents\r\n";
        CHECK(got && len >= sizeof hdr - 1 && !memcmp(got, hdr, sizeof hdr - 1));
    }
    free(got);
    free(p);
    /* a destination that is a file: every document is an error naming its path */
    p = fs_join(dest, "sitemap.xml");
    CHECK(export_all(&e->sc, &e->pages, p, NULL, e->d) != 0);
    CHECK_SIZE(diag_errors(e->d), 1 + df_nfiles(e->sc.m));   /* the sitemap and each data file */
    CHECK_CONTAINS(fx_diag(e->d, "workplans.json"), "/sitemap.xml/data/workplans.json: cannot write: ");
    free(p);
    buf_free(&want);
    fx_remove(dest);
}

int main(void)
{
    env e;
    test_validator();
    env_open(&e);
    test_sitemap(&e);
    test_json(&e);
    test_csv(&e);
    test_export_all(&e);
    env_close(&e);
    return h_done();
}
