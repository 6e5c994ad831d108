/* facets: the search filters (Pagefind's data-pagefind-filter) of a workstream page — plan,
 * group, GCM objective, SDG, MPTF area, lead entity, participating entity, status — one row per
 * filter, the vocabularies' rows taken from the vocabulary table (content/vocab_table.h). A fact
 * the source does not state has the value "not stated" (the string table's not_stated), not no
 * value. The filters' names and values are in the page's language (one search index per
 * language). */
#ifndef PLANSITE_FACETS_H
#define PLANSITE_FACETS_H
#include "context.h"

/* The filters of workstream w: a list of {name, value} (one entry per value), in v->a. */
val *facets_ws(view *v, const m_ws *w, int *fb);
/* For the search page's script: a JSON string, in v->a, of the filters as the URL names them —
 * [{"id": "objectives", "name": "<the filter's name>", "values": {"8": "<value>", ...}}, ...],
 * the values keyed by term id (plans by slug, "not-stated" for the not-stated value) — so that
 * "?objectives=8" applies the filter "objective 8". */
val *facets_json(view *v, int *fb);

#endif
