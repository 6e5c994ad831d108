/* test_links: resolving a Markdown link against the URL of the page it is on (site/links.h). */
#include "harness.h"
#include "site/render/links.h"

int main(void)
{
    val_arena *a = val_arena_new();
    const char *ws = "es/planes/2022-2024/07-x/";
    CHECK_STR(links_resolve(ws, "../99-nada/", a), "es/planes/2022-2024/99-nada/");
    CHECK_STR(links_resolve(ws, "../", a), "es/planes/2022-2024/");
    CHECK_STR(links_resolve(ws, "./", a), ws);
    CHECK_STR(links_resolve(ws, "", a), ws);
    CHECK_STR(links_resolve(ws, "a/b/../c/#frag", a), "es/planes/2022-2024/07-x/a/c/");
    CHECK_STR(links_resolve(ws, "/es/objetivos/30/?q=1", a), "es/objetivos/30/");
    CHECK_STR(links_resolve(ws, "/", a), "");
    CHECK_STR(links_resolve(ws, "../../../../", a), "");
    CHECK(links_resolve(ws, "../../../../../x/", a) == NULL);
    CHECK(links_resolve(ws, "/../x/", a) == NULL);
    CHECK_STR(links_resolve("404.html", "es/", a), "es/");
    CHECK_STR(links_resolve("es/imprimir/x/index.html", "../y/", a), "es/imprimir/y/");
    CHECK_STR(links_resolve(ws, "..//x/", a), "es/planes/2022-2024/x/");
    val_arena_free(a);
    return h_done();
}
