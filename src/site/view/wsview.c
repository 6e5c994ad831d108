#include "wsview.h"
#include "items.h"
#include "../render/bodies.h"
#include "../render/markdown.h"
#include <stdlib.h>

static val *item_texts(view *v, const m_strs *items)
{
    val *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < items->n; i++)
        val_list_push(v->a, l, ctx_md(v, items->v[i], MD_INLINE));
    return l;
}

/* The sub-items of activity a in the page's language (or the fallback language). */
static const m_strs *act_items(view *v, const m_activity *a)
{
    size_t i;
    if (a->text[v->li])
        return &a->items[v->li];
    for (i = 0; i < v->sc->m->nlangs; i++)
        if (a->text[i])
            return &a->items[i];
    return &a->items[v->li];
}

static val *activity(view *v, const m_activity *a, size_t n, int *fb)
{
    val *m = val_new_map(v->a);
    const m_strs *items = act_items(v, a);
    val_map_set(v->a, m, "n", val_new_number(v->a, (double)n, NULL, 0));
    val_map_set(v->a, m, "text", ctx_md(v, ctx_text(v, a->text, fb), MD_INLINE));
    val_map_set(v->a, m, "text_lang", ctx_lang_of(v, a->text));
    val_map_set(v->a, m, "items", item_texts(v, items));
    val_map_set(v->a, m, "has_items", val_new_bool(v->a, items->n > 0));
    val_map_set(v->a, m, "timeline", ctx_str(v, ctx_text(v, a->timeline, fb)));
    val_map_set(v->a, m, "reference", ctx_md(v, ctx_text(v, a->reference, fb), MD_INLINE));
    val_map_set(v->a, m, "entities", items_entities(v, &a->entities, fb));
    val_map_set(v->a, m, "has_entities", val_new_bool(v->a, a->entities.n > 0));
    return m;
}

static val *activities(view *v, const m_ws *w, int *fb)
{
    val *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < w->nacts; i++)
        val_list_push(v->a, l, activity(v, &w->acts[i], i + 1, fb));
    return l;
}

static val *strs(view *v, const m_strs *s)
{
    val *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < s->n; i++)
        val_list_push(v->a, l, ctx_str(v, s->v[i]));
    return l;
}

static const val *neighbour(view *v, const m_ws *w, int delta, int *fb)
{
    const m_plan *p = w->plan;
    long i = (long)w->index + delta;
    if (i < 0 || (size_t)i >= p->nws)
        return val_new_null(v->a);
    return items_ws(v, p->ws[i], fb);
}

static void ws_people(view *v, val *m, const m_ws *w, int *fb)
{
    val_map_set(v->a, m, "leads", items_entities(v, &w->leads, fb));
    val_map_set(v->a, m, "participants", items_entities(v, &w->participants, fb));
    val_map_set(v->a, m, "interest", items_entities(v, &w->interest, fb));
    /* has_X: the source states X (the list may be empty: "none") */
    val_map_set(v->a, m, "has_leads", val_new_bool(v->a, w->has_leads));
    val_map_set(v->a, m, "has_participants", val_new_bool(v->a, w->has_participants));
    val_map_set(v->a, m, "has_interest", val_new_bool(v->a, w->has_interest));
    val_map_set(v->a, m, "represented", w->represented < 0 ? val_new_null(v->a)
                                        : items_entity_new(v, (size_t)w->represented, fb));
    val_map_set(v->a, m, "representatives", items_entities(v, &w->representatives, fb));
    val_map_set(v->a, m, "no_leads", val_new_bool(v->a, w->has_leads && !w->leads.n));
    val_map_set(v->a, m, "no_participants",
                val_new_bool(v->a, w->has_participants && !w->participants.n));
    val_map_set(v->a, m, "no_interest", val_new_bool(v->a, w->has_interest && !w->interest.n));
}

/* The facts of w its source does not state, in the order of the fact rows, shown as one line
 * after the facts that are known: "unstated" [{key, name, sep}] where key is the row's string
 * key (the page marks each with data-fact="key"), name its lower-case name (string
 * "unstated_<key>"), sep ", " after every entry but the last; "has_unstated". */
static void ws_unstated(view *v, val *m, const m_ws *w)
{
    const char *keys[6];
    val *l = val_new_list(v->a);
    int other = 0;
    size_t n = 0, i;
    if (w->status < 0 && !model_text(v->sc->m, w->status_note, v->li, &other))
        keys[n++] = "status";
    if (!model_text(v->sc->m, w->timeline, v->li, &other))
        keys[n++] = "timeline";
    if (!w->has_leads)
        keys[n++] = "lead_entities";
    if (!w->has_objectives)
        keys[n++] = "gcm_objectives";
    if (!w->has_sdgs)
        keys[n++] = "sdgs";
    if (!w->has_areas)
        keys[n++] = "mptf_areas";
    for (i = 0; i < n; i++) {
        val *e = val_new_map(v->a);
        val_map_set(v->a, e, "key", val_new_cstr(v->a, keys[i]));
        val_map_set(v->a, e, "name", ctx_str(v, ctx_t(v, val_arena_cat(v->a, "unstated_", keys[i],
                                                                      (char *)NULL))));
        val_map_set(v->a, e, "sep", val_new_cstr(v->a, i + 1 < n ? ", " : ""));
        val_list_push(v->a, l, e);
    }
    val_map_set(v->a, m, "unstated", l);
    val_map_set(v->a, m, "has_unstated", val_new_bool(v->a, n > 0));
}

static void ws_facts(view *v, val *m, const m_ws *w, int *fb)
{
    val *pd = val_new_map(v->a);
    val_map_set(v->a, m, "objectives",
                items_terms(v, VOC_OBJECTIVES, &w->objectives, w->has_objectives, fb));
    val_map_set(v->a, m, "mentioned",
                items_terms(v, VOC_OBJECTIVES, &w->objectives_mentioned, 1, fb));
    val_map_set(v->a, m, "sdgs", items_terms(v, VOC_SDGS, &w->sdgs, w->has_sdgs, fb));
    val_map_set(v->a, m, "areas", items_terms(v, VOC_AREAS, &w->areas, w->has_areas, fb));
    val_map_set(v->a, pd, "known", val_new_bool(v->a, w->has_progress_declaration));
    val_map_set(v->a, pd, "items", strs(v, &w->progress_declaration));
    val_map_set(v->a, pd, "any", val_new_bool(v->a, w->progress_declaration.n > 0));
    val_map_set(v->a, m, "progress_declaration", pd);
}

val *wsview_brief(view *v, const m_ws *w, int *fb)
{
    val *m = items_ws_new(v, w, fb);
    val_map_set(v->a, m, "purpose", ctx_md(v, ctx_text(v, w->purpose, fb), 0));
    val_map_set(v->a, m, "purpose_lang", ctx_lang_of(v, w->purpose));
    val_map_set(v->a, m, "has_leads", val_new_bool(v->a, w->has_leads));
    return m;
}

typedef struct lazy_ws {
    view *v;
    const m_ws **ws;
    int full;
} lazy_ws;

/* Make item i in the lazy list's scratch arena: the view's builders allocate in v->a. */
static val *lazy_ws_item(void *ud, size_t i, val_arena *scratch)
{
    lazy_ws *l = ud;
    val_arena *saved = l->v->a;
    val *m;
    int later = 0;   /* made as the template reads the list, after the page's fallback notice was
                      * decided from the texts built before: a lazy item's fallback is its own
                      * (marked with lang="..." where shown), not the page's */
    l->v->a = scratch;
    m = l->full ? wsview_full(l->v, l->ws[i], &later) : wsview_brief(l->v, l->ws[i], &later);
    l->v->a = saved;
    return m;
}

val *wsview_lazy(view *v, const m_ws **ws, size_t n, int full)
{
    lazy_ws *l = val_arena_alloc(v->a, sizeof *l);
    l->v = v;
    l->ws = ws;
    l->full = full;
    return val_new_lazy_list(v->a, n, lazy_ws_item, l);
}

/* The page's HTML from the body's HTML: as is on the workstream's page, two heading levels down
 * in a handout. */
static val *shifted(view *v, const char *html, size_t len)
{
    val *plain = val_new_string(v->a, html, len);   /* html may be v->scratch's */
    if (v->page->kind == PK_WS)
        return plain;
    buf_reset(v->scratch);
    md_shift_headings(val_str(plain, NULL), len, 2, v->scratch);
    return val_new_string(v->a, v->scratch->data, v->scratch->len);
}

/* A workstream's body: rendered once for its page and its plan's handout when the cache allows. */
static val *ws_body(view *v, const m_ws *w)
{
    size_t li = ctx_body_index(v, w->has_lang), len = 0, slot = w->gid * v->sc->m->nlangs + v->li;
    char *html = NULL, *md = NULL;
    int first = 0;
    val *out = NULL;
    if (v->fp)   /* the HTML below and ctx_body_of's are the same for the same source and kind */
        return ctx_body_token(v, &w->body[li], v->page->kind == PK_WS ? 0 : MD_SHIFT2);
    if (!v->sc->bodies || (v->page->kind != PK_WS && v->page->kind != PK_HANDOUT_PLAN))
        return ctx_body_of(v, w->body, w->has_lang, v->page->kind == PK_WS ? 0 : MD_SHIFT2);
    html = bodies_visit(v->sc->bodies, slot, &len, &first);
    if (html) {
        out = shifted(v, html, len);
        goto out;
    }
    md = model_read_body(&w->body[li], &len, v->d);
    if (!md || !len || !w->body[li].path) {
        out = val_new_null(v->a);
        goto out;
    }
    buf_reset(v->scratch);
    if (md_render(md, len, v->sc->md_flags, v->scratch) != 0) {
        ctx_md_too_big(v, &w->body[li], len);
        out = val_new_null(v->a);
        goto out;
    }
    if (first)
        bodies_put(v->sc->bodies, slot, v->scratch->data, v->scratch->len);
    out = shifted(v, v->scratch->data ? v->scratch->data : "", v->scratch->len);
out:
    free(html);
    free(md);
    return out;
}

val *wsview_full(view *v, const m_ws *w, int *fb)
{
    val *m = items_ws_new(v, w, fb);
    val_map_set(v->a, m, "purpose", ctx_md(v, ctx_text(v, w->purpose, fb), 0));
    val_map_set(v->a, m, "purpose_lang", ctx_lang_of(v, w->purpose));
    val_map_set(v->a, m, "status_note", ctx_str(v, ctx_text(v, w->status_note, fb)));
    val_map_set(v->a, m, "status_by_group", val_new_bool(v->a, w->status_by_group));
    val_map_set(v->a, m, "activities", activities(v, w, fb));
    val_map_set(v->a, m, "has_activities", val_new_bool(v->a, w->nacts > 0));
    /* on its own page the workstream is the h1 and its sections are h2 ("hl"); in a handout it is
     * an h3 (under the plan's h1 and its group's h2): sections h4, body headings two levels down */
    val_map_set(v->a, m, "hl", val_new_number(v->a, v->page->kind == PK_WS ? 2 : 4, NULL, 0));
    /* activities' ids: "activity-2" on the workstream's page, "ws-<slug>-activity-2" in a handout
     * that holds many workstreams */
    val_map_set(v->a, m, "id_prefix", val_new_cstr(v->a, v->page->kind == PK_WS ? ""
                                       : val_arena_cat(v->a, "ws-", w->slug, "-", (char *)NULL)));
    val_map_set(v->a, m, "body", ws_body(v, w));
    val_map_set(v->a, m, "ctx_body_index", ctx_body_lang(v, w->has_lang));
    ws_people(v, m, w, fb);
    ws_facts(v, m, w, fb);
    ws_unstated(v, m, w);
    val_map_set(v->a, m, "prev", neighbour(v, w, -1, fb));
    val_map_set(v->a, m, "next", neighbour(v, w, +1, fb));
    return m;
}

