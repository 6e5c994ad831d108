/* site/i18n: string tables of a small theme (in a temporary folder) under the base site (es, en):
 * lookups, the site's overrides, keys missing in one language (a warning), values that are not
 * strings and a missing table (errors, located). */
#include "site_fixture.h"
#include "site/index/i18n.h"

static char *site_dir;

/* Write the theme's tables (NULL: no file) and load them. */
static i18n *load(const char *es, const char *en, diag_list *d, m_site *s)
{
    char *theme = fs_join(site_dir, "themes/t");
    i18n *t;
    fx_del(site_dir, "themes/t/i18n");
    if (es)
        fx_put(site_dir, "themes/t/i18n/es.yaml", es);
    if (en)
        fx_put(site_dir, "themes/t/i18n/en.yaml", en);
    diag_clear(d);
    t = i18n_load(s, theme, d);
    free(theme);
    return t;
}

static void test_lookup(m_site *s, diag_list *d)
{
    i18n *t = load("hello: \"Hola\"\nbye: \"Adiós\"\n", "hello: \"Hello\"\nbye: \"Bye\"\n", d, s);
    CHECK_SIZE(diag_count(d), 0);
    CHECK_STR(i18n_get(t, 0, "hello"), "Hola");
    CHECK_STR(i18n_get(t, 1, "hello"), "Hello");
    CHECK_STR(i18n_get(t, 1, "bye"), "Bye");
    CHECK_STR(i18n_get(t, 0, "nope"), "nope"); /* a missing key: the key itself */
    CHECK_INT(i18n_missing(t, 0), 0);
    CHECK_INT(i18n_missing(t, 1), 0);
    CHECK_STR(val_str(val_get(i18n_table(t, 0), "bye"), NULL), "Adiós");
    CHECK_SIZE(val_len(i18n_table(t, 1)), 2);
    {
        char *want = fs_join(site_dir, "themes/t/i18n/en.yaml");
        CHECK_STR(i18n_path(t, 1), want);
        free(want);
    }
    i18n_free(t);
}

static void test_overrides(m_site *s, diag_list *d)
{
    i18n *t;
    fx_put(site_dir, "i18n/es.yaml", "hello: \"¡Buenas!\"\nextra: \"Más\"\n");
    t = load("hello: \"Hola\"\nbye: \"Adiós\"\n", "hello: \"Hello\"\nbye: \"Bye\"\n", d, s);
    CHECK_STR(i18n_get(t, 0, "hello"), "¡Buenas!");
    CHECK_STR(i18n_get(t, 0, "bye"), "Adiós");
    CHECK_STR(i18n_get(t, 1, "hello"), "Hello");
    CHECK_STR(i18n_get(t, 0, "extra"), "Más");
    /* the site's extra key exists in Spanish only */
    CHECK_SIZE(diag_errors(d), 0);
    CHECK_SIZE(diag_warnings(d), 1);
    CHECK_CONTAINS(fx_diag(d, "extra"),
                   "themes/t/i18n: warning: missing translation: string 'extra' is in es.yaml but not in en.yaml");
    i18n_free(t);
    fx_del(site_dir, "i18n");
}

static void test_problems(m_site *s, diag_list *d)
{
    i18n *t = load("a: \"A\"\nb: [1]\nonly_es: \"x\"\n", "a: \"A\"\nb: \"B\"\n", d, s);
    CHECK_SIZE(diag_errors(d), 1);
    CHECK_STR(fx_diag(d, "b: expected"), "themes/t/i18n/es.yaml:2:4: b: expected a string, not a list");
    /* b is missing in Spanish now, only_es in English */
    CHECK_SIZE(diag_warnings(d), 2);
    CHECK_STR(fx_diag(d, "'b'"),
              "themes/t/i18n: warning: missing translation: string 'b' is in en.yaml but not in es.yaml");
    CHECK(fx_find(d, "string 'only_es' is in es.yaml but not in en.yaml") >= 0);
    CHECK_STR(i18n_get(t, 0, "b"), "b");
    i18n_free(t);
    t = load("a: \"A\"\n", NULL, d, s);
    CHECK_SIZE(diag_count(d), 1); /* the missing table, and no warning about every key */
    CHECK_STR(fx_diag(d, "missing"),
              "themes/t/i18n/en.yaml: missing: the string table of language 'en'");
    CHECK_INT(i18n_missing(t, 1), 1);
    CHECK_INT(i18n_missing(t, 0), 0);
    CHECK_STR(i18n_get(t, 1, "a"), "a");
    CHECK(i18n_table(t, 1) != NULL);
    i18n_free(t);
    t = load("- a\n", "a: \"A\"\n", d, s);
    CHECK_STR(fx_diag(d, "string table"), "themes/t/i18n/es.yaml:1:1: a string table must be a map, not a list");
    i18n_free(t);
}

int main(void)
{
    diag_list *d = diag_list_new();
    m_site *s;
    site_dir = fx_site(0);
    s = fx_load(site_dir, 0, d);
    CHECK(fx_no_errors(d));
    test_lookup(s, d);
    test_overrides(s, d);
    test_problems(s, d);
    model_free(s);
    diag_list_free(d);
    fx_remove(site_dir);
    return h_done();
}
