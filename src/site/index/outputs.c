#include "outputs.h"
#include "../../content/vocab_table.h"
#include "../../util/mem.h"
#include <stdlib.h>

static void add(out_list *l, out_kind kind, size_t li, int voc, size_t idx, const void *obj)
{
    out_page *p;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    p = &l->v[l->n++];
    p->kind = (unsigned char)kind;
    p->lang = (unsigned char)li;
    p->voc = (unsigned char)voc;
    p->idx = idx;
    p->obj = obj;
}

static void plan_terms(const m_site *s, const xref *x, size_t li, m_vocab_kind k, out_list *l)
{
    size_t t;
    add(l, PK_TERMS, li, k, 0, NULL);
    for (t = 0; t < s->vocab[k].n; t++)
        if (!voc_desc_of(k)->pages_if_named || xref_entity_used(x, t))
            add(l, PK_TERM, li, k, t, &s->vocab[k].terms[t]);
}

static void plan_lang(const m_site *s, const xref *x, size_t li, int handouts, out_list *l)
{
    size_t p, i;
    int k;
    add(l, PK_HOME, li, 0, 0, NULL);
    add(l, PK_PLANS, li, 0, 0, NULL);
    for (p = 0; p < s->nplans; p++) {
        add(l, PK_PLAN, li, 0, p, s->plans[p]);
        if (handouts)
            add(l, PK_HANDOUT_PLAN, li, 0, p, s->plans[p]);
        for (i = 0; i < s->plans[p]->nws; i++)
            add(l, PK_WS, li, 0, i, s->plans[p]->ws[i]);
    }
    for (k = 0; k < VOC_COUNT; k++) {
        if (!voc_has_pages((m_vocab_kind)k))
            continue;
        plan_terms(s, x, li, (m_vocab_kind)k, l);
        for (i = 0; handouts && voc_desc_of((m_vocab_kind)k)->handouts && i < s->vocab[k].n; i++)
            add(l, PK_HANDOUT_TERM, li, k, i, NULL);
    }
    if (s->npages) {
        add(l, PK_DOCS, li, 0, 0, NULL);
        for (p = 0; p < s->npages; p++)
            add(l, PK_DOC, li, 0, p, s->pages[p]);
    }
    add(l, PK_SEARCH, li, 0, 0, NULL);
    add(l, PK_DATA, li, 0, 0, NULL);
}

void out_plan(const m_site *s, const xref *x, int handouts, out_list *out)
{
    size_t li;
    out->v = NULL;
    out->n = out->cap = 0;
    add(out, PK_ROOT, 0, 0, 0, NULL);
    add(out, PK_NOT_FOUND, 0, 0, 0, NULL);
    for (li = 0; li < s->nlangs; li++)
        plan_lang(s, x, li, handouts, out);
}

void out_list_free(out_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static const char *u_root(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    (void)u, (void)p, (void)li, (void)a;
    return "";
}

static const char *u_404(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    (void)u, (void)p, (void)li, (void)a;
    return "404.html";
}

static const char *u_home(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    (void)p;
    return url_home(u, li, a);
}

static const char *u_plans(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    (void)p;
    return url_section(u, li, SECT_PLANS, a);
}

static const char *u_plan(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    return url_plan(u, li, p->obj, a);
}

static const char *u_ws(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    return url_ws(u, li, p->obj, a);
}

static const char *u_terms(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    return url_voc_section(u, li, (m_vocab_kind)p->voc, a);
}

static const char *u_term(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    return url_term(u, li, (m_vocab_kind)p->voc, p->idx, a);
}

static const char *u_docs(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    (void)p;
    return url_section(u, li, SECT_DOCS, a);
}

static const char *u_search(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    (void)p;
    return url_section(u, li, SECT_SEARCH, a);
}

static const char *u_data(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    (void)p;
    return url_section(u, li, SECT_DATA, a);
}

static const char *u_doc(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    return url_doc(u, li, p->obj, a);
}

static const char *u_handout_plan(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    return url_handout_plan(u, li, p->obj, a);
}

static const char *u_handout_term(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    return url_handout_term(u, li, p->idx, a);
}

/* One row per page kind. PK_TERMS and PK_TERM take their templates from the vocabulary's row. */
static const out_kind_desc kinds[PK_COUNT] = {
    [PK_ROOT] = {"root", u_root, 0, 0},
    [PK_NOT_FOUND] = {"404", u_404, 0, 0},
    [PK_HOME] = {"home", u_home, 1, 0},
    [PK_PLANS] = {"plans", u_plans, 1, 0},
    [PK_PLAN] = {"plan", u_plan, 1, 1},
    [PK_WS] = {"workstream", u_ws, 1, 0},
    [PK_TERMS] = {"terms", u_terms, 1, 0},
    [PK_TERM] = {"term", u_term, 1, 0},
    [PK_DOCS] = {"documents", u_docs, 1, 0},
    [PK_DOC] = {"document", u_doc, 1, 0},
    [PK_HANDOUT_PLAN] = {"handout-plan", u_handout_plan, 1, 1},
    [PK_HANDOUT_TERM] = {"handout-objective", u_handout_term, 1, 1},
    [PK_SEARCH] = {"search", u_search, 1, 0},
    [PK_DATA] = {"data", u_data, 1, 0},
};

const out_kind_desc *out_kind_of(out_kind k)
{
    return &kinds[k];
}

const char *out_url(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    return p->kind < PK_COUNT ? kinds[p->kind].url(u, p, li, a) : "";
}

int out_links_pdfs(const out_page *p)
{
    return kinds[p->kind].links_pdfs ||
           (p->kind == PK_TERM && voc_desc_of((m_vocab_kind)p->voc)->handouts);
}

const char *out_pdf_url(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    const char *lang = u->s->langs[li];
    if (p->kind == PK_HANDOUT_PLAN)
        return val_arena_printf(a, "%splan-%s-%s.pdf", url_handout_plan(u, li, p->obj, a),
                                ((const m_plan *)p->obj)->slug, lang);
    if (p->kind == PK_HANDOUT_TERM)
        return val_arena_printf(a, "%s%s-%s-%s.pdf", url_handout_term(u, li, p->idx, a),
                                u->voc[li][VOC_OBJECTIVES],
                                u->s->vocab[VOC_OBJECTIVES].terms[p->idx].id, lang);
    return NULL;
}

const char *out_template(const out_page *p)
{
    if (p->kind == PK_TERMS)
        return voc_desc_of((m_vocab_kind)p->voc)->tpl_index;
    if (p->kind == PK_TERM)
        return voc_desc_of((m_vocab_kind)p->voc)->tpl_term;
    return kinds[p->kind].tpl;
}
