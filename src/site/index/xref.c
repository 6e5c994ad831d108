#include "xref.h"
#include "../../util/mem.h"
#include <stdlib.h>
#include <string.h>

struct xref {
    xr_list *lists[XR_COUNT];
    size_t nterms[XR_COUNT];
    m_ws **pool;             /* every list's storage, one allocation */
    size_t *unknown[3];      /* per plan: workstreams not stating objectives, areas, SDGs */
};

static int unknown_slot(m_vocab_kind k)
{
    return k == VOC_OBJECTIVES ? 0 : k == VOC_AREAS ? 1 : k == VOC_SDGS ? 2 : -1;
}

static void count_unknown(const m_site *s, xref *x)
{
    size_t p, i;
    for (i = 0; i < 3; i++)
        x->unknown[i] = xcalloc(s->nplans + 1, sizeof *x->unknown[i]);
    for (p = 0; p < s->nplans; p++)
        for (i = 0; i < s->plans[p]->nws; i++) {
            const m_ws *w = s->plans[p]->ws[i];
            x->unknown[0][p] += !w->has_objectives;
            x->unknown[1][p] += !w->has_areas;
            x->unknown[2][p] += !w->has_sdgs;
        }
}

size_t xref_unknown(const xref *x, size_t p, m_vocab_kind k)
{
    int slot = unknown_slot(k);
    return slot < 0 ? 0 : x->unknown[slot][p];
}

int xref_none_stated(const xref *x, const m_site *s, m_vocab_kind k)
{
    size_t p, unknown = 0;
    if (unknown_slot(k) < 0 || !s->nws)
        return 0;
    for (p = 0; p < s->nplans; p++)
        unknown += xref_unknown(x, p, k);
    return unknown == s->nws;
}

m_vocab_kind xref_vocab(xr_role role)
{
    switch (role) {
    case XR_OBJECTIVE:
    case XR_MENTIONED: return VOC_OBJECTIVES;
    case XR_AREA: return VOC_AREAS;
    case XR_SDG: return VOC_SDGS;
    default: return VOC_ENTITIES;
    }
}

xr_role xref_role_of(m_vocab_kind k)
{
    switch (k) {
    case VOC_OBJECTIVES: return XR_OBJECTIVE;
    case VOC_AREAS: return XR_AREA;
    case VOC_SDGS: return XR_SDG;
    default: return XR_COUNT;
    }
}

/* The term indexes of w in role; for XR_ACTIVITY, every activity's entities (may repeat). */
typedef void (*xr_visit)(xref *x, xr_role role, size_t term, m_ws *w);

static void visit_ints(xref *x, xr_role role, const m_ints *v, m_ws *w, xr_visit fn)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        fn(x, role, (size_t)v->v[i], w);
}

static void visit_ws(xref *x, m_ws *w, xr_visit fn)
{
    size_t i;
    visit_ints(x, XR_OBJECTIVE, &w->objectives, w, fn);
    visit_ints(x, XR_MENTIONED, &w->objectives_mentioned, w, fn);
    visit_ints(x, XR_AREA, &w->areas, w, fn);
    visit_ints(x, XR_SDG, &w->sdgs, w, fn);
    visit_ints(x, XR_LEAD, &w->leads, w, fn);
    visit_ints(x, XR_PARTICIPANT, &w->participants, w, fn);
    visit_ints(x, XR_INTEREST, &w->interest, w, fn);
    for (i = 0; i < w->nacts; i++)
        visit_ints(x, XR_ACTIVITY, &w->acts[i].entities, w, fn);
    visit_ints(x, XR_REPRESENTATIVE, &w->representatives, w, fn);
}

static void count_one(xref *x, xr_role role, size_t term, m_ws *w)
{
    (void)w;
    x->lists[role][term].n++;
}

static void add_one(xref *x, xr_role role, size_t term, m_ws *w)
{
    xr_list *l = &x->lists[role][term];
    if (l->n && l->ws[l->n - 1] == w)
        return;   /* the same workstream twice in a row (several activities) */
    l->ws[l->n++] = w;
}

static void each_ws(const m_site *s, xref *x, xr_visit fn)
{
    size_t p, i;
    for (p = 0; p < s->nplans; p++)
        for (i = 0; i < s->plans[p]->nws; i++)
            visit_ws(x, s->plans[p]->ws[i], fn);
}

xref *xref_build(const m_site *s)
{
    xref *x = xcalloc(1, sizeof *x);
    size_t total = 0, r, t;
    m_ws **next;
    for (r = 0; r < XR_COUNT; r++) {
        x->nterms[r] = s->vocab[xref_vocab((xr_role)r)].n;
        x->lists[r] = xcalloc(x->nterms[r] + 1, sizeof(xr_list));
    }
    each_ws(s, x, count_one);
    for (r = 0; r < XR_COUNT; r++)
        for (t = 0; t < x->nterms[r]; t++)
            total += x->lists[r][t].n;
    x->pool = xcalloc(total + 1, sizeof *x->pool);
    next = x->pool;
    for (r = 0; r < XR_COUNT; r++)
        for (t = 0; t < x->nterms[r]; t++) {
            x->lists[r][t].ws = next;
            next += x->lists[r][t].n;
            x->lists[r][t].n = 0;
        }
    each_ws(s, x, add_one);
    count_unknown(s, x);
    return x;
}

void xref_free(xref *x)
{
    size_t r;
    if (!x)
        return;
    for (r = 0; r < XR_COUNT; r++)
        free(x->lists[r]);
    for (r = 0; r < 3; r++)
        free(x->unknown[r]);
    free(x->pool);
    free(x);
}

const xr_list *xref_get(const xref *x, xr_role role, size_t term)
{
    static const xr_list empty = {NULL, 0};
    if (role >= XR_COUNT || term >= x->nterms[role])
        return &empty;
    return &x->lists[role][term];
}

size_t xref_count_in_plan(const xr_list *l, const m_plan *p)
{
    size_t i, n = 0;
    for (i = 0; i < l->n; i++)
        n += l->ws[i]->plan == p;
    return n;
}

int xref_entity_used(const xref *x, size_t e)
{
    xr_role r;
    for (r = XR_LEAD; r < XR_COUNT; r++)
        if (xref_get(x, r, e)->n)
            return 1;
    return 0;
}
