/* util/collate and site/render/anchors: locale-free order, slugs, unique heading ids. */
#include "harness.h"
#include "site/render/anchors.h"
#include "util/collate.h"
#include <stdlib.h>

static void test_order(void)
{
    CHECK(collate_cmp("ACNUR", "ACT Alliance", "es") < 0);
    CHECK(collate_cmp("Ácnur", "ACT", "es") < 0);           /* accent folded: a-c-n < a-c-t */
    CHECK(collate_cmp("banco", "Banco", "es") < 0);          /* case last: lower first */
    CHECK(collate_cmp("Banco", "banco", "es") > 0);
    CHECK(collate_cmp("ona", "oña", "en") < 0);
    CHECK(collate_cmp("oña", "onz", "en") < 0);              /* en: ñ is an n */
    CHECK(collate_cmp("oña", "onz", "es") > 0);              /* es: ñ after n */
    CHECK(collate_cmp("OIM", "oim", "es") != 0);
    CHECK(collate_cmp("abc", "abc", "es") == 0);
    CHECK(collate_cmp("ab", "abc", "es") < 0);
    CHECK(collate_cmp("9", "a", "en") < 0);
    CHECK(collate_cmp("é", "e", "es") > 0);
}

static void test_slug(void)
{
    char s[80];
    collate_slug("I – Herramientas, orientación", s, sizeof s);
    CHECK_STR(s, "i-herramientas-orientacion");
    collate_slug("  ¿Qué?  ", s, sizeof s);
    CHECK_STR(s, "que");
    collate_slug("—", s, sizeof s);
    CHECK_STR(s, "section");
}

static void test_anchors(void)
{
    static const char *const reserved[] = {"main", NULL};
    const char *html = "<p>x</p><h2>Main</h2><h3>Redes &amp; más</h3><h2>Redes &amp; más</h2>";
    anchors *a = anchors_new(reserved);
    buf b;
    buf_init(&b);
    anchors_headings(a, html, strlen(html), "Link", &b, NULL, NULL);
    CHECK_CONTAINS(buf_cstr(&b), "<p>x</p><h2 id=\"main-2\">Main <a class=\"anchor\" href=\"#main-2\"");
    CHECK_CONTAINS(buf_cstr(&b), "<h3 id=\"redes-mas\">Redes &amp; más <a");
    CHECK_CONTAINS(buf_cstr(&b), "<h2 id=\"redes-mas-2\">");
    anchors_free(a);
    buf_free(&b);
}

int main(void)
{
    test_order();
    test_slug();
    test_anchors();
    return h_done();
}
