/* links: broken internal links. Every Markdown link of a page's body that points into the site
 * (root-relative "/es/objetivos/30/" or relative "../99-nada/", resolved against the page's URL)
 * must name one of the site's pages; one that does not is a warning at the link's path:line:col
 * in the .LANG.md file. Links with a scheme (https:, mailto:), anchors alone ("#x") and links to
 * files that are not pages (".pdf", ".css" ...) are not checked. */
#ifndef PLANSITE_LINKS_H
#define PLANSITE_LINKS_H
#include "../view/context.h"

/* Warn in d about every broken internal link of the bodies of the plan, workstream and document
 * pages of pages (their own language's text only). */
void links_check(const site_ctx *sc, const out_list *pages, diag_list *d);

/* Resolve link (no scheme) against the page URL base ("es/planes/x/", relative to the site root):
 * the site-root-relative path, without "#fragment" or "?query", "." and ".." segments applied.
 * NULL when it climbs above the site root. In a. */
const char *links_resolve(const char *base, const char *link, val_arena *a);

#endif
