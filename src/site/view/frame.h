/* frame: the part of a page's context that every page has: language, root, string table, the
 * site map, page{title, description, url, canonical}, the alternates in every language, the
 * navigation (with the current entry marked) and the breadcrumbs. */
#ifndef PLANSITE_FRAME_H
#define PLANSITE_FRAME_H
#include "context.h"

#define NAV_MAX (VOC_COUNT + 3)   /* home, workplans, each vocabulary, documents */
#define FRAME_DESCRIPTION_MAX 160 /* characters of a meta description (cut at a word) */

/* The parts of the frame that are the same on every page of one language, built once. */
typedef struct frame_shared {
    const val *site;             /* the site's title, description ... */
    unsigned char site_fell_back;
    const val *nav[NAV_MAX + 1];     /* [k + 1]: entry k current; [0]: none */
    const char *nav_urls[NAV_MAX];
    size_t nnav;
} frame_shared;

/* Build into out, in v->a, the shared parts of the frame of language v->li (the site map and
 * every variant of the navigation). Called once per language by items_cache_build. */
void frame_shared_build(view *v, frame_shared *out);
/* The frame of v's page: lang, root, t, site, page{title, description, url, canonical, og_type},
 * alternates (each with its og_locale), nav, and an empty breadcrumbs list to append to.
 * description: the page's own text (Markdown; made plain and cut to FRAME_DESCRIPTION_MAX
 * characters), or NULL for the site's description. Returns the root map (in v->a). */
val *frame_new(view *v, const char *title, const char *description, int *fb);
/* Append {title, url} to the breadcrumbs of frame, the page's frame (made by frame_new on v),
 * (url NULL: the current page). */
void frame_crumb(view *v, val *frame, const char *title, const char *url);

#endif
