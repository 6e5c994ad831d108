/* site/theme: templates of a small theme in a temporary folder — the site's templates/ override
 * the theme's file by file (partials too), engine messages get the file's path, preloading
 * reports syntax errors and missing templates with their location, and {{t.key}} strings missing
 * from a table are warnings at the tag. */
#include "site_fixture.h"
#include "data/val_tpl.h"
#include "data/yaml_load.h"
#include "site/render/theme.h"
#include "util/buf.h"

static char *dir;

static void put_tpl(const char *where, const char *name, const char *text)
{
    char rel[200];
    snprintf(rel, sizeof rel, "%s/%s.mustache", where, name);
    fx_put(dir, rel, text);
}

/* "<dir>/<rel>" in a static buffer. */
static const char *at(const char *rel)
{
    static char out[400];
    snprintf(out, sizeof out, "%s/%s", dir, rel);
    return out;
}

/* Render template name of th against YAML data: the output, or "ERROR: ..." (static). */
static const char *render(theme *th, const char *name, const char *yaml)
{
    static char res[400];
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    val *data = yaml_load_mem(a, "data.yaml", yaml, strlen(yaml), 0, d);
    char *err = NULL;
    const tpl_template *t = tpl_env_get(theme_env(th), name, &err);
    buf out;
    buf_init(&out);
    if (t && tpl_render(theme_env(th), t, val_tpl_data(), data, &out, &err) == 0)
        snprintf(res, sizeof res, "%s", buf_cstr(&out));
    else
        snprintf(res, sizeof res, "ERROR: %s", err ? err : "?");
    free(err);
    buf_free(&out);
    diag_list_free(d);
    val_arena_free(a);
    return res;
}

static void test_override_order(void)
{
    theme *th = theme_new(dir, "t");
    CHECK_STR(theme_dir(th), at("themes/t"));
    CHECK_STR(render(th, "page", "x: 1\n"), "P[site-part 1|theme-other]\n");
    CHECK_STR(render(th, "other", "{}"), "theme-other");
    CHECK_STR(render(th, "site-only", "{}"), "only in the site");
    CHECK(strstr(render(th, "ghost", "{}"), "ERROR: ") != NULL);
    CHECK(strstr(render(th, "../templates/part", "{}"), "ERROR: ") != NULL); /* no way out */
    theme_free(th);
    /* another theme name: another folder */
    th = theme_new(dir, "none");
    CHECK_STR(theme_dir(th), at("themes/none"));
    CHECK_STR(render(th, "part", "x: 2\n"), "site-part 2");
    theme_free(th);
}

static void test_locate(void)
{
    theme *th = theme_new(dir, "t");
    char *s;
    char want[500];
    s = theme_locate(th, "page:2:3: something");
    snprintf(want, sizeof want, "%s:2:3: something", at("themes/t/templates/page.mustache"));
    CHECK_STR(s, want);
    free(s);
    s = theme_locate(th, "part:1:9: else");
    snprintf(want, sizeof want, "%s:1:9: else", at("templates/part.mustache"));
    CHECK_STR(s, want);
    free(s);
    s = theme_locate(th, "page: template not found");
    CHECK_STR(s, "page: template not found");
    free(s);
    s = theme_locate(th, "no location here");
    CHECK_STR(s, "no location here");
    free(s);
    s = theme_locate(th, "/abs/x.mustache:1:1: m");
    CHECK_STR(s, "/abs/x.mustache:1:1: m");
    free(s);
    theme_free(th);
}

static void test_preload(void)
{
    static const char *const good[] = {"page", "other"};
    static const char *const bad[] = {"uses-broken", "uses-missing", "ghost", "page"};
    theme *th = theme_new(dir, "t");
    diag_list *d = diag_list_new();
    char want[600];
    CHECK_INT(theme_preload(th, good, 2, d), 0);
    CHECK(fx_no_errors(d));
    theme_free(th);
    th = theme_new(dir, "t");
    CHECK_INT(theme_preload(th, bad, 4, d), -1);
    CHECK_SIZE(diag_errors(d), 3);
    /* a syntax error in a partial: at the partial's file */
    snprintf(want, sizeof want, "%s:2:1: unclosed tag '{{' (expected '}}')",
             at("themes/t/templates/broken.mustache"));
    CHECK_STR(fx_find(d, "broken.mustache") >= 0 ? diag_text(d, (size_t)fx_find(d, "broken.mustache")) : "", want);
    /* a missing partial: at the tag that names it, in the file that holds it */
    snprintf(want, sizeof want, "%s:2:4: template 'nope' not found (looked in templates/ and ",
             at("templates/uses-missing.mustache"));
    snprintf(want + strlen(want), sizeof want - strlen(want), "%s/templates/)", at("themes/t"));
    CHECK_STR(fx_find(d, "'nope'") >= 0 ? diag_text(d, (size_t)fx_find(d, "'nope'")) : "", want);
    /* a missing page template: no location */
    snprintf(want, sizeof want, "template 'ghost' not found (looked in templates/ and %s/templates/)",
             at("themes/t"));
    CHECK_STR(fx_find(d, "'ghost'") >= 0 ? diag_text(d, (size_t)fx_find(d, "'ghost'")) : "", want);
    diag_list_free(d);
    theme_free(th);
}

static void test_check_strings(void)
{
    static const char *const names[] = {"strings"};
    static const char *const langs[] = {"es", "en"};
    theme *th = theme_new(dir, "t");
    diag_list *d = diag_list_new();
    val_arena *a = val_arena_new();
    const val *tables[2];
    char want[600];
    tables[0] = yaml_load_mem(a, "es.yaml", "hello: Hola\nbye: Adiós\n", 23, 0, d);
    tables[1] = yaml_load_mem(a, "en.yaml", "hello: Hello\n", 13, 0, d);
    CHECK_INT(theme_preload(th, names, 1, d), 0);
    theme_check_strings(th, tables, langs, 2, d);
    CHECK_SIZE(diag_errors(d), 0);
    CHECK_SIZE(diag_warnings(d), 3);
    snprintf(want, sizeof want, "%s:1:15: warning: string 'bye' is not in the 'en' string table "
             "(i18n/en.yaml)", at("themes/t/templates/strings.mustache"));
    CHECK_STR(diag_count(d) == 3 ? diag_text(d, 0) : "", want);
    /* in a partial the page reaches, overridden by the site: at the site's file */
    snprintf(want, sizeof want, "%s:1:1: warning: string 'gone' is not in the 'es' string table "
             "(i18n/es.yaml)", at("templates/strings-part.mustache"));
    CHECK_STR(diag_count(d) == 3 ? diag_text(d, 1) : "", want);
    val_arena_free(a);
    diag_list_free(d);
    theme_free(th);
}

int main(void)
{
    dir = fx_tempdir();
    put_tpl("themes/t/templates", "page", "P[{{> part}}|{{> other}}]\n");
    put_tpl("themes/t/templates", "part", "theme-part {{x}}");
    put_tpl("themes/t/templates", "other", "theme-other");
    put_tpl("templates", "part", "site-part {{x}}");
    put_tpl("templates", "site-only", "only in the site");
    put_tpl("themes/t/templates", "broken", "ok\n{{x\n");
    put_tpl("themes/t/templates", "uses-broken", "a {{> broken}}");
    put_tpl("templates", "uses-missing", "line one\nxx {{> nope}}\n");
    put_tpl("themes/t/templates", "strings", "{{t.hello}} - {{t.bye}} {{> strings-part}}");
    put_tpl("themes/t/templates", "strings-part", "{{t.hello}}");
    put_tpl("templates", "strings-part", "{{t.gone}}");
    test_override_order();
    test_locate();
    test_preload();
    test_check_strings();
    fx_remove(dir);
    return h_done();
}
