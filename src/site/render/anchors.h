/* anchors: stable ids and copy-link anchors for the headings of rendered HTML (a page's body), and
 * its list of contents. An id is the slug of the heading's text (collate_slug, at most 64
 * characters), made unique in the page by "-2", "-3"...; the same text gives the same id on
 * every build. */
#ifndef PLANSITE_ANCHORS_H
#define PLANSITE_ANCHORS_H
#include "../../util/buf.h"
#include <stddef.h>

typedef struct anchors anchors;   /* opaque: the ids used in one page */

/* One heading found: its level (2..6), id, and its text as HTML (tags removed, entities kept). */
typedef void (*anchors_fn)(void *ud, int level, const char *id, const char *text, size_t len);

/* The ids of one page; reserved (NULL-terminated, may be NULL) are taken already (the page
 * template's own ids). Free with anchors_free. Returns NULL when out of memory. */
anchors *anchors_new(const char *const *reserved);
void anchors_free(anchors *a);

/* Write into out (size cap) a unique id for text (UTF-8, no tags) and take it. Returns its length. */
size_t anchors_id(anchors *a, const char *text, char *out, size_t cap);

/* Append html to out with an id on every <h2>..<h6> without attributes, and at its end the link
 * <a class="anchor" href="#id" aria-label="label">§</a>. Calls fn (may be NULL) for each heading
 * in order. Headings with attributes (raw HTML) are left as they are. */
void anchors_headings(anchors *a, const char *html, size_t len, const char *label, buf *out,
                      anchors_fn fn, void *ud);

#endif
