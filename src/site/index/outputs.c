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

static void plan_lang(const m_site *s, const xref *x, size_t li, out_list *l)
{
    size_t p, i;
    int k;
    add(l, PK_HOME, li, 0, 0, NULL);
    add(l, PK_PLANS, li, 0, 0, NULL);
    for (p = 0; p < s->nplans; p++) {
        add(l, PK_PLAN, li, 0, p, s->plans[p]);
        add(l, PK_HANDOUT_PLAN, li, 0, p, s->plans[p]);
        for (i = 0; i < s->plans[p]->nws; i++)
            add(l, PK_WS, li, 0, i, s->plans[p]->ws[i]);
    }
    for (k = 0; k < VOC_COUNT; k++) {
        if (!voc_has_pages((m_vocab_kind)k))
            continue;
        plan_terms(s, x, li, (m_vocab_kind)k, l);
        for (i = 0; voc_desc_of((m_vocab_kind)k)->handouts && i < s->vocab[k].n; i++)
            add(l, PK_HANDOUT_TERM, li, k, i, NULL);
    }
    if (s->npages) {
        add(l, PK_DOCS, li, 0, 0, NULL);
        for (p = 0; p < s->npages; p++)
            add(l, PK_DOC, li, 0, p, s->pages[p]);
    }
}

void out_plan(const m_site *s, const xref *x, out_list *out)
{
    size_t li;
    out->v = NULL;
    out->n = out->cap = 0;
    add(out, PK_ROOT, 0, 0, 0, NULL);
    add(out, PK_NOT_FOUND, 0, 0, 0, NULL);
    for (li = 0; li < s->nlangs; li++)
        plan_lang(s, x, li, out);
}

void out_list_free(out_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

const char *out_url(const url_map *u, const out_page *p, size_t li, val_arena *a)
{
    switch ((out_kind)p->kind) {
    case PK_ROOT: return "";
    case PK_NOT_FOUND: return "404.html";
    case PK_HOME: return url_home(u, li, a);
    case PK_PLANS: return url_section(u, li, SECT_PLANS, a);
    case PK_PLAN: return url_plan(u, li, p->obj, a);
    case PK_WS: return url_ws(u, li, p->obj, a);
    case PK_TERMS: return url_voc_section(u, li, (m_vocab_kind)p->voc, a);
    case PK_TERM: return url_term(u, li, (m_vocab_kind)p->voc, p->idx, a);
    case PK_DOCS: return url_section(u, li, SECT_DOCS, a);
    case PK_DOC: return url_doc(u, li, p->obj, a);
    case PK_HANDOUT_PLAN: return url_handout_plan(u, li, p->obj, a);
    case PK_HANDOUT_TERM: return url_handout_term(u, li, p->idx, a);
    default: return "";
    }
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
    static const char *const names[PK_COUNT] = {
        [PK_ROOT] = "root", [PK_NOT_FOUND] = "404", [PK_HOME] = "home", [PK_PLANS] = "plans",
        [PK_PLAN] = "plan", [PK_WS] = "workstream", [PK_TERMS] = "terms", [PK_TERM] = "term",
        [PK_DOCS] = "documents", [PK_DOC] = "document", [PK_HANDOUT_PLAN] = "handout-plan",
        [PK_HANDOUT_TERM] = "handout-objective"};
    if (p->kind == PK_TERMS)
        return voc_desc_of((m_vocab_kind)p->voc)->tpl_index;
    if (p->kind == PK_TERM)
        return voc_desc_of((m_vocab_kind)p->voc)->tpl_term;
    return names[p->kind];
}
