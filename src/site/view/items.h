/* items: the items that many pages show — every workstream card, entity link and term link, and
 * the shared parts of the frame — built once per language before any page and shared read-only by
 * all pages (a cross-index page lists hundreds). Each builder returns the shared item when the
 * cache is built, else makes one in the page's arena. */
#ifndef PLANSITE_ITEMS_H
#define PLANSITE_ITEMS_H
#include "context.h"
#include "frame.h"

/* Build the cache into sc->cache, once and before any page: each language on its own thread.
 * Read-only from then on; free with items_cache_free (which sets sc->cache to NULL). */
void items_cache_build(site_ctx *sc);
void items_cache_free(site_ctx *sc);
/* The shared parts of the frame of v's language, or NULL before items_cache_build. */
const frame_shared *items_frame(const view *v);
/* An entity: {id, acronym, name, url (null without a page)}. Shared: do not change it. */
const val *items_entity(view *v, size_t e, int *fb);
/* The same as a new map of the page, which the caller may extend. */
val *items_entity_new(view *v, size_t e, int *fb);
/* A new list of the (shared) entities ids. */
val *items_entities(view *v, const m_ints *ids, int *fb);
/* A term of a numbered vocabulary: {number, id, title, short, label ("Objetivo 8"), url}.
 * Shared: do not change it; items_term_new makes one the caller may extend. */
const val *items_term(view *v, m_vocab_kind k, size_t t, int *fb);
val *items_term_new(view *v, m_vocab_kind k, size_t t, int *fb);
/* A term's label: the vocabulary's noun and the term's number ("Objetivo 8"), in v->a. */
const char *items_term_label(view *v, m_vocab_kind k, size_t t);
/* {known: bool, items: [term...], any} for a fact that may be "not stated in the source". */
val *items_terms(view *v, m_vocab_kind k, const m_ints *ids, int known, int *fb);
/* A workstream as a list item: {number, slug, title, title_lang, url, plan_title, plan_url,
 * group, status, leads, timeline}. Shared: do not change it. */
const val *items_ws(view *v, const m_ws *w, int *fb);
/* A new map of the page over the shared item (its base), which the caller may extend. */
val *items_ws_new(view *v, const m_ws *w, int *fb);

#endif
