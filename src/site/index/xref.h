/* xref: the cross-indexes — for every objective, area, SDG and entity, the workstreams (across all
 * plans, in plan order) that list it. Built in one linear pass over the model. */
#ifndef PLANSITE_XREF_H
#define PLANSITE_XREF_H
#include "../../content/model.h"

typedef enum {
    XR_OBJECTIVE, XR_MENTIONED, XR_AREA, XR_SDG,
    XR_LEAD, XR_PARTICIPANT, XR_INTEREST, XR_ACTIVITY, XR_REPRESENTATIVE, XR_COUNT
} xr_role;

typedef struct xr_list {
    m_ws **ws;
    size_t n;
} xr_list;

typedef struct xref xref;   /* opaque */

/* Build the indexes of s. Free with xref_free. */
xref *xref_build(const m_site *s);
void xref_free(xref *x);
/* The workstreams that have term number/index `term` in role (objective/area/SDG roles index their
 * vocabulary, the entity roles index entities); empty for XR_COUNT. Never NULL. */
const xr_list *xref_get(const xref *x, xr_role role, size_t term);
/* The role whose lists a term page of vocabulary k shows (objectives, areas, SDGs); the inverse of
 * xref_vocab for those; XR_COUNT for any other (entities' pages show every entity role; a
 * vocabulary without a cross-index of its own), which xref_get answers with an empty list. */
xr_role xref_role_of(m_vocab_kind k);
/* The vocabulary a role indexes. */
m_vocab_kind xref_vocab(xr_role role);
/* Number of workstreams of plan p in list l. */
size_t xref_count_in_plan(const xr_list *l, const m_plan *p);
/* How many workstreams of the plan at index p of s->plans do not state the facts of vocabulary k
 * (objectives, areas or SDGs): counted once, when the indexes are built. */
size_t xref_unknown(const xref *x, size_t p, m_vocab_kind k);
/* 1 if s has workstreams and none of them states the facts of vocabulary k (objectives, areas or
 * SDGs): a vocabulary with no known value, which the navigation does not promote; 0 otherwise. */
int xref_none_stated(const xref *x, const m_site *s, m_vocab_kind k);
/* 1 if entity e has any role anywhere. */
int xref_entity_used(const xref *x, size_t e);

#endif
