/* content/fields: the URL policy (fld_url_problem) and the range check of whole numbers
 * (fld_whole_in), which must hold before any double is converted to an int. */
#include "harness.h"
#include "content/fields.h"
#include <math.h>

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
    test_urls_allowed();
    test_urls_refused();
    test_whole_in();
    return h_done();
}
