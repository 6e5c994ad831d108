/* wsview: a workstream as pages show it beyond its shared card: brief (an objective's handout),
 * full (its page, the plan's handout: activities, body, people, facts, neighbours), or a lazy
 * list of either made one at a time as the template reads it. */
#ifndef PLANSITE_WSVIEW_H
#define PLANSITE_WSVIEW_H
#include "context.h"

/* The card plus purpose, purpose_lang and has_leads; a new map of the page. */
val *wsview_brief(view *v, const m_ws *w, int *fb);
/* The workstream with every field; a new map of the page. Its body is rendered once for its page
 * and its plan's handout when sc->bodies is set. */
val *wsview_full(view *v, const m_ws *w, int *fb);
/* A lazy list of n workstreams made one at a time as the template reads them (full: every field,
 * else brief), so that a page listing thousands of them stays in constant memory. ws must outlive
 * the page (allocate it in v->a). */
val *wsview_lazy(view *v, const m_ws **ws, size_t n, int full);

#endif
