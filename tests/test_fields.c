/* content/fields: every field reader on small YAML documents — what each accepts, what it
 * returns, and the error it reports (at the field's path:line:col, or the map's when the field is
 * absent); the URL policy (fld_url_problem) and the range check of whole numbers (fld_whole_in),
 * which must hold before any double is converted to an int. */
#include "harness.h"
#include "content/fields.h"
#include "data/yaml_load.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static val_arena *A;
static diag_list *D;

/* Parse text as "t.yaml" (one document; NULL on a syntax error), with a fresh diagnostic list. */
static val *doc(const char *text)
{
    diag_clear(D);
    return yaml_load_mem(A, "t.yaml", text, strlen(text), 0, D);
}

/* The only diagnostic, or "" when there are none or several. */
static const char *only_diag(void)
{
    return diag_count(D) == 1 ? diag_text(D, 0) : "";
}

/* 1 when diagnostic i starts with prefix (a location "path:line:col: "). */
static int diag_starts(size_t i, const char *prefix)
{
    return i < diag_count(D) && !strncmp(diag_text(D, i), prefix, strlen(prefix));
}

static void test_string(void)
{
    val *m = doc("a: hello\nn: 12\ne: \"\"\nl: [1]\nz: ~\n");
    CHECK_STR(fld_string(m, "a", 1, D), "hello");
    CHECK_STR(fld_string(m, "n", 1, D), "12"); /* numbers as their text */
    CHECK_SIZE(diag_count(D), 0);
    CHECK(fld_string(m, "e", 0, D) == NULL); /* empty counts as absent */
    CHECK_SIZE(diag_count(D), 0);
    CHECK(fld_string(m, "e", 1, D) == NULL);
    CHECK_STR(only_diag(), "t.yaml:3:4: e: must not be empty");
    diag_clear(D);
    CHECK(fld_string(m, "l", 0, D) == NULL);
    CHECK_STR(only_diag(), "t.yaml:4:4: l: expected a string, not a list");
    diag_clear(D);
    CHECK(fld_string(m, "missing", 0, D) == NULL);
    CHECK(fld_string(m, "z", 0, D) == NULL);
    CHECK_SIZE(diag_count(D), 0);
    CHECK(fld_string(m, "missing", 1, D) == NULL);
    CHECK_STR(only_diag(), "t.yaml:1:1: missing field 'missing' (expected a string)");
    diag_clear(D);
    CHECK(fld_string(m, "z", 1, D) == NULL); /* null is absent too */
    CHECK_STR(only_diag(), "t.yaml:1:1: missing field 'z' (expected a string)");
}

static void test_int(void)
{
    val *m = doc("top:\n  lo: 1\n  hi: 9\n  mid: 5\n  below: 0\n  above: 10\n  frac: 2.5\n"
                 "  text: \"5\"\n  neg: -3\n");
    const val *t = val_get(m, "top");
    int out = -99;
    CHECK_INT(fld_int(t, "lo", 1, 1, 9, &out, D), 1);
    CHECK_INT(out, 1);
    CHECK_INT(fld_int(t, "hi", 1, 1, 9, &out, D), 1);
    CHECK_INT(out, 9);
    CHECK_INT(fld_int(t, "mid", 0, 1, 9, &out, D), 1);
    CHECK_INT(out, 5);
    CHECK_INT(fld_int(t, "neg", 0, -5, 0, &out, D), 1);
    CHECK_INT(out, -3);
    CHECK_SIZE(diag_count(D), 0);
    out = 42;
    /* out of range, not whole, not a number: an error at the value, *out untouched (the
     * wording of range messages is left free; the location and the field are not) */
    CHECK_INT(fld_int(t, "below", 0, 1, 9, &out, D), 0);
    CHECK(diag_starts(0, "t.yaml:5:10: below: "));
    CHECK_INT(fld_int(t, "above", 0, 1, 9, &out, D), 0);
    CHECK(diag_starts(1, "t.yaml:6:10: above: "));
    CHECK_INT(fld_int(t, "frac", 0, 1, 9, &out, D), 0);
    CHECK(diag_starts(2, "t.yaml:7:9: frac: "));
    CHECK_INT(fld_int(t, "text", 0, 1, 9, &out, D), 0);
    CHECK(diag_starts(3, "t.yaml:8:9: text: "));
    CHECK_CONTAINS(diag_text(D, 3), "'5'");
    CHECK_SIZE(diag_errors(D), 4);
    CHECK_INT(out, 42);
    diag_clear(D);
    CHECK_INT(fld_int(t, "none", 0, 1, 9, &out, D), 0);
    CHECK_SIZE(diag_count(D), 0);
    CHECK_INT(fld_int(t, "none", 1, 1, 9, &out, D), 0);
    CHECK_STR(only_diag(), "t.yaml:2:3: missing field 'none' (expected a whole number from 1 to 9)");
    CHECK_INT(out, 42);
}

static void test_bool(void)
{
    val *m = doc("y: true\nn: false\ns: yes\nz: null\n");
    CHECK_INT(fld_bool(m, "y", D), 1);
    CHECK_INT(fld_bool(m, "n", D), 0);
    CHECK_INT(fld_bool(m, "absent", D), 0);
    CHECK_INT(fld_bool(m, "z", D), 0);
    CHECK_SIZE(diag_count(D), 0);
    CHECK_INT(fld_bool(m, "s", D), 0);
    CHECK_STR(only_diag(), "t.yaml:3:4: s: expected true or false, not a string");
}

static void test_expect(void)
{
    val *m = doc("map: {a: 1}\nlist: [1, 2]\nstr: x\n");
    CHECK_INT(fld_expect_map(val_get(m, "map"), "thing", D), 1);
    CHECK_INT(fld_expect_list(val_get(m, "list"), "things", D), 1);
    CHECK_SIZE(diag_count(D), 0);
    CHECK_INT(fld_expect_map(val_get(m, "list"), "thing", D), 0);
    CHECK_STR(only_diag(), "t.yaml:2:7: thing must be a map, not a list");
    diag_clear(D);
    CHECK_INT(fld_expect_list(val_get(m, "str"), "things", D), 0);
    CHECK_STR(only_diag(), "t.yaml:3:6: things must be a list, not a string");
}

static void test_check_keys(void)
{
    static const char *const known[] = {"title", "order", "summary", NULL};
    val *m = doc("title: a\norder: 1\ntitel: b\nzzzzzzzz: c\n");
    fld_check_keys(m, known, "workstream", D);
    CHECK_SIZE(diag_errors(D), 2);
    /* a near key: a suggestion; else the whole list (wording of the suggestion left free) */
    CHECK(diag_starts(0, "t.yaml:3:8: unknown field 'titel' in workstream"));
    CHECK_CONTAINS(diag_text(D, 0), "'title'");
    CHECK(diag_starts(1, "t.yaml:4:11: unknown field 'zzzzzzzz' in workstream"));
    CHECK_CONTAINS(diag_text(D, 1), "title, order, summary");
    m = doc("title: a\n");
    fld_check_keys(m, known, "workstream", D);
    CHECK_SIZE(diag_count(D), 0);
}

static void test_error_location(void)
{
    val *m = doc("a:\n  - x\n  - {b: 2}\n");
    const val *item = val_at(val_get(m, "a"), 1);
    fld_error(item, D, "bad %s %d", "thing", 7);
    fld_warn(val_get(item, "b"), D, "odd");
    CHECK_SIZE(diag_errors(D), 1);
    CHECK_SIZE(diag_warnings(D), 1);
    CHECK_STR(diag_text(D, 0), "t.yaml:3:5: bad thing 7");
    CHECK_STR(diag_text(D, 1), "t.yaml:3:9: warning: odd");
}

/* The translation check shared by plans, workstreams and pages: an error when no language has a
 * text, else one warning per missing language, at the item's location. */
static void test_check_langs(void)
{
    static const char *const langs[] = {"es", "en", "fr"};
    int none[3] = {0, 0, 0}, some[3] = {1, 0, 1};
    diag_list *d = diag_list_new();
    CHECK_INT(fld_check_langs(d, "p/x.yaml", 1, 1, "workstream", "x", " beside it", none, langs,
                              3), 0);
    CHECK_INT(fld_check_langs(d, "pages/g.yaml", 0, 0, "page", "g", "", some, langs, 3), 1);
    CHECK_SIZE(diag_count(d), 2);
    CHECK_STR(diag_text(d, 0), "p/x.yaml:1:1: workstream 'x' has no text file (expected x.es.md "
                               "beside it)");
    CHECK_STR(diag_text(d, 1), "pages/g.yaml: warning: missing translation: page 'g' has no 'en' "
                               "text (g.en.md)");
    diag_list_free(d);
}

/* fld_error keeps a long message whole (report() cut it at 1023 bytes). */
static void test_error_long(void)
{
    val *m = doc("a: 1\n");
    char big[5001];
    const char *t = NULL;
    memset(big, 'y', 5000);
    big[4999] = 'E';
    big[5000] = '\0';
    fld_error(val_get(m, "a"), D, "%s", big);
    t = diag_text(D, diag_count(D) - 1);
    CHECK_SIZE(strlen(t), strlen("t.yaml:1:4: ") + 5000);
    CHECK(t[strlen(t) - 1] == 'E');
}

static void test_nearest_order_slug(void)
{
    static const char *const c[] = {"objectives", "areas", NULL, "sdgs"};
    CHECK_STR(fld_nearest("objetives", c, 4), "objectives");
    CHECK_STR(fld_nearest("sdg", c, 4), "sdgs");
    CHECK_STR(fld_nearest("areaz", c, 4), "areas");
    CHECK(fld_nearest("principles", c, 4) == NULL);
    CHECK(fld_nearest("xyz", c, 0) == NULL);
    CHECK(fld_order_cmp(1, "b", 2, "a") < 0);
    CHECK(fld_order_cmp(3, "a", 2, "z") > 0);
    CHECK(fld_order_cmp(2, "a", 2, "b") < 0);
    CHECK_INT(fld_order_cmp(2, "a", 2, "a"), 0);
    CHECK_INT(fld_slug_ok("07-alternativas"), 1);
    CHECK_INT(fld_slug_ok("a"), 1);
    CHECK_INT(fld_slug_ok(""), 0);
    CHECK_INT(fld_slug_ok("-a"), 0);
    CHECK_INT(fld_slug_ok("a-"), 0);
    CHECK_INT(fld_slug_ok("Caps"), 0);
    CHECK_INT(fld_slug_ok("a_b"), 0);
    CHECK_INT(fld_slug_ok("a/b"), 0);
    CHECK_INT(fld_slug_ok("año"), 0);
    {
        char s[82];
        memset(s, 'a', 80);
        s[80] = '\0';
        CHECK_INT(fld_slug_ok(s), 1);
        s[80] = 'a';
        s[81] = '\0';
        CHECK_INT(fld_slug_ok(s), 0);
    }
}

static void test_urls_allowed(void)
{
    static const char *const ok[] = {
        "https://www.iom.int/", "http://example.org", "HTTPS://EXAMPLE.ORG/a?b=c#d",
        "/plans/", "plans/2024/", "../x.html", "?q=1", "#top", "//cdn.example.org/x",
        "es/planes/", "a/b:c", NULL};
    size_t i;
    for (i = 0; ok[i]; i++) {
        const char *why = fld_url_problem(ok[i]);
        if (why)
            fprintf(stderr, "refused %s: %s\n", ok[i], why);
        CHECK(why == NULL);
    }
}

static void test_urls_refused(void)
{
    static const char *const bad[] = {
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
        " javascript:alert(1)", "\njavascript:alert(1)", "data:text/html,<script>x</script>",
        "vbscript:x", "file:///etc/passwd", "mailto:a@b.org", "https://exa mple.org/",
        "https://example.org/\x7f", "https:example.org", "https://", "http:///x", "",
        "https://example.org\\@evil.org", NULL};
    size_t i;
    for (i = 0; bad[i]; i++) {
        const char *why = fld_url_problem(bad[i]);
        if (!why)
            fprintf(stderr, "accepted %s\n", bad[i]);
        CHECK(why != NULL);
    }
    CHECK_STR(fld_url_problem("javascript:alert(1)"),
              "only http://, https:// or relative addresses are allowed");
    CHECK_STR(fld_url_problem("java\tscript:x"), "it holds a space or a control character");
}

static void test_url_placeholder(void)
{
    static const char *const yes[] = {
        "https://example.org/", "http://example.com", "https://www.example.net/plans/",
        "https://plansite.example.org/", "HTTPS://EXAMPLE.ORG/", "http://localhost:8080/",
        "http://127.0.0.1/", "http://127.9.9.9:80/x", "http://[::1]/", "http://0.0.0.0/",
        "https://site.test/", "https://a.invalid", "https://b.example/", "http://x.localhost/",
        NULL};
    static const char *const no[] = {
        "https://migrationnetwork.un.org/", "https://example.org.un.int/", "https://myexample.org/",
        "https://www.iom.int/", "/plans/", "plans/", "https://testing.org/", "http://128.0.0.1/",
        NULL};
    const char *host = NULL;
    size_t i, len = 0;
    for (i = 0; yes[i]; i++) {
        int p = fld_url_placeholder(yes[i], NULL, NULL);
        if (!p)
            fprintf(stderr, "not a placeholder: %s\n", yes[i]);
        CHECK(p == 1);
    }
    for (i = 0; no[i]; i++) {
        int p = fld_url_placeholder(no[i], NULL, NULL);
        if (p)
            fprintf(stderr, "taken for a placeholder: %s\n", no[i]);
        CHECK(p == 0);
    }
    CHECK(fld_url_placeholder("https://plansite.example.org:8443/x", &host, &len) == 1);
    CHECK(len == strlen("plansite.example.org") && !strncmp(host, "plansite.example.org", len));
}

static void test_whole_in(void)
{
    CHECK(fld_whole_in(1, 1, 999));
    CHECK(fld_whole_in(999, 1, 999));
    CHECK(!fld_whole_in(0, 1, 999));
    CHECK(!fld_whole_in(1.5, 1, 999));
    CHECK(!fld_whole_in(1e20, 0, 1000000));
    CHECK(!fld_whole_in(-1e20, 0, 1000000));
    CHECK(!fld_whole_in(3e12, 1, 23));
    CHECK(!fld_whole_in(HUGE_VAL, 0, 10));
    CHECK(!fld_whole_in(NAN, 0, 10));
}

int main(void)
{
    A = val_arena_new();
    D = diag_list_new();
    test_string();
    test_int();
    test_bool();
    test_expect();
    test_check_keys();
    test_error_location();
    test_error_long();
    test_check_langs();
    test_nearest_order_slug();
    test_urls_allowed();
    test_urls_refused();
    test_url_placeholder();
    test_whole_in();
    diag_list_free(D);
    val_arena_free(A);
    return h_done();
}
