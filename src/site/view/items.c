#include "items.h"
#include "../render/markdown.h"
#include "../../content/vocab_table.h"
#include "../../util/mem.h"
#include "../../util/sys.h"
#include <stdlib.h>
#include <string.h>

struct items_cache {
    val_arena *a;
    const val **items[LANG_MAX][VOC_COUNT + 1];          /* [VOC_COUNT]: workstreams by gid */
    unsigned char *fell_back[LANG_MAX][VOC_COUNT + 1];
    frame_shared frame[LANG_MAX];
    int has_frame[LANG_MAX];
};

/* A cached node of language v->li (noting its fallback on the page), or NULL. */
static const val *cached(view *v, int kind, size_t i, int *fb)
{
    const items_cache *c = v->sc->cache;
    if (!c || !c->items[v->li][kind])
        return NULL;
    if (c->fell_back[v->li][kind][i])
        *fb = 1;
    return c->items[v->li][kind][i];
}

const val *items_entity(view *v, size_t e, int *fb)
{
    const val *m = cached(v, VOC_ENTITIES, e, fb);
    return m ? m : items_entity_new(v, e, fb);
}

val *items_entity_new(view *v, size_t e, int *fb)
{
    const m_term *t = &v->sc->m->vocab[VOC_ENTITIES].terms[e];
    val *m = val_new_map(v->a);
    int used = xref_entity_used(v->sc->x, e);
    val_map_set(v->a, m, "id", ctx_str(v, t->id));
    val_map_set(v->a, m, "acronym", ctx_str(v, ctx_text(v, t->short_, fb)));
    val_map_set(v->a, m, "name", ctx_str(v, ctx_text(v, t->title, fb)));
    val_map_set(v->a, m, "url",
                used ? ctx_str(v, url_term(&v->sc->urls, v->li, VOC_ENTITIES, e, v->a))
                     : val_new_null(v->a));
    return m;
}

val *items_entities(view *v, const m_ints *ids, int *fb)
{
    val *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < ids->n; i++)
        val_list_push(v->a, l, items_entity(v, (size_t)ids->v[i], fb));
    return l;
}

const char *items_term_label(view *v, m_vocab_kind k, size_t t)
{
    return val_arena_printf(v->a, "%s %d", ctx_t(v, voc_desc_of(k)->noun_key),
                            v->sc->m->vocab[k].terms[t].number);
}

const val *items_term(view *v, m_vocab_kind k, size_t t, int *fb)
{
    const val *m = cached(v, (int)k, t, fb);
    return m ? m : items_term_new(v, k, t, fb);
}

val *items_term_new(view *v, m_vocab_kind k, size_t t, int *fb)
{
    const m_term *term = &v->sc->m->vocab[k].terms[t];
    val *m = val_new_map(v->a);
    val_map_set(v->a, m, "number", val_new_number(v->a, term->number, NULL, 0));
    val_map_set(v->a, m, "id", ctx_str(v, term->id));
    val_map_set(v->a, m, "title", ctx_str(v, ctx_text(v, term->title, fb)));
    val_map_set(v->a, m, "short", ctx_str(v, ctx_text(v, term->short_, fb)));
    val_map_set(v->a, m, "label", val_new_cstr(v->a, items_term_label(v, k, t)));
    val_map_set(v->a, m, "url", ctx_str(v, url_term(&v->sc->urls, v->li, k, t, v->a)));
    return m;
}

val *items_terms(view *v, m_vocab_kind k, const m_ints *ids, int known, int *fb)
{
    val *m = val_new_map(v->a), *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < ids->n; i++)
        val_list_push(v->a, l, items_term(v, k, (size_t)ids->v[i], fb));
    val_map_set(v->a, m, "known", val_new_bool(v->a, known));
    val_map_set(v->a, m, "items", l);
    val_map_set(v->a, m, "any", val_new_bool(v->a, ids->n > 0));
    return m;
}

static val *status_of(view *v, const m_ws *w, int *fb)
{
    const m_term *t;
    if (w->status < 0)
        return val_new_null(v->a);
    t = &v->sc->m->vocab[VOC_STATUSES].terms[w->status];
    return ctx_str(v, ctx_text(v, t->title, fb));
}

static void ws_item_fill(view *v, val *m, const m_ws *w, int *fb)
{
    const m_plan *p = w->plan;
    val_map_set(v->a, m, "number", ctx_str(v, w->number));
    val_map_set(v->a, m, "slug", ctx_str(v, w->slug));
    val_map_set(v->a, m, "title", ctx_md(v, ctx_text(v, w->title, fb), MD_INLINE));
    val_map_set(v->a, m, "title_lang", ctx_lang_of(v, w->title));
    val_map_set(v->a, m, "url", ctx_str(v, url_ws(&v->sc->urls, v->li, w, v->a)));
    val_map_set(v->a, m, "plan_title", ctx_str(v, ctx_text(v, p->title, fb)));
    val_map_set(v->a, m, "plan_url", ctx_str(v, url_plan(&v->sc->urls, v->li, p, v->a)));
    val_map_set(v->a, m, "group",
                w->group >= 0 ? ctx_str(v, ctx_text(v, p->groups[w->group].title, fb))
                              : val_new_null(v->a));
    val_map_set(v->a, m, "status", status_of(v, w, fb));
    val_map_set(v->a, m, "leads", items_entities(v, &w->leads, fb));
    val_map_set(v->a, m, "timeline", ctx_str(v, ctx_text(v, w->timeline, fb)));
}

/* A workstream's card, made anew. */
static val *ws_card_new(view *v, const m_ws *w, int *fb)
{
    val *m = val_new_map(v->a);
    ws_item_fill(v, m, w, fb);
    return m;
}

const val *items_ws(view *v, const m_ws *w, int *fb)
{
    const val *m = cached(v, VOC_COUNT, w->gid, fb);
    return m ? m : ws_card_new(v, w, fb);
}

/* A fresh item the caller may extend: a map over the shared card (read-only) when there is one. */
val *items_ws_new(view *v, const m_ws *w, int *fb)
{
    const val *card = cached(v, VOC_COUNT, w->gid, fb);
    val *m;
    if (!card)
        return ws_card_new(v, w, fb);
    m = val_new_map(v->a);
    val_map_set_base(m, card);
    return m;
}

/* Build one kind of cached item for language v->li; the fallback of each is remembered. Items
 * built earlier (entities) are already shared by the later ones (workstream items' leads). */
static void cache_kind(site_ctx *sc, view *v, int kind, size_t n)
{
    items_cache *c = sc->cache;
    const val **items = val_arena_alloc(v->a, (n ? n : 1) * sizeof(const val *));
    unsigned char *fb = val_arena_alloc(v->a, n ? n : 1);
    size_t i, p, w;
    for (i = 0; i < n && kind != VOC_COUNT; i++) {
        int other = 0;
        items[i] = kind == VOC_ENTITIES ? items_entity_new(v, i, &other)
                                        : items_term_new(v, (m_vocab_kind)kind, i, &other);
        fb[i] = (unsigned char)other;
    }
    for (p = 0; kind == VOC_COUNT && p < sc->m->nplans; p++)
        for (w = 0; w < sc->m->plans[p]->nws; w++) {
            const m_ws *ws = sc->m->plans[p]->ws[w];
            int other = 0;
            items[ws->gid] = ws_card_new(v, ws, &other);
            fb[ws->gid] = (unsigned char)other;
        }
    c->items[v->li][kind] = items;
    c->fell_back[v->li][kind] = fb;
}

typedef struct cache_job {
    site_ctx *sc;
    size_t li;
    val_arena *a;            /* this language's items; adopted by the cache's arena */
} cache_job;

/* Build every shared item of one language (on its own thread: its own arena and buffers). */
static void *cache_lang(void *arg)
{
    static const int kinds[] = {VOC_ENTITIES, VOC_OBJECTIVES, VOC_AREAS, VOC_SDGS, VOC_COUNT};
    cache_job *j = arg;
    site_ctx *sc = j->sc;
    buf scratch;
    view v;
    size_t k;
    buf_init(&scratch);
    memset(&v, 0, sizeof v);
    v.sc = sc;
    v.a = j->a;
    v.scratch = &scratch;
    v.url = "";
    v.li = j->li;
    for (k = 0; k < sizeof kinds / sizeof *kinds; k++)
        cache_kind(sc, &v, kinds[k],
                   kinds[k] == VOC_COUNT ? sc->m->nws : sc->m->vocab[kinds[k]].n);
    frame_shared_build(&v, &sc->cache->frame[v.li]);
    sc->cache->has_frame[v.li] = 1;
    buf_free(&scratch);
    md_release();
    return NULL;
}

void items_cache_build(site_ctx *sc)
{
    cache_job jobs[LANG_MAX];
    size_t li;
    sc->cache = xcalloc(1, sizeof *sc->cache);
    sc->cache->a = val_arena_new();
    for (li = 0; li < sc->m->nlangs; li++) {
        jobs[li].sc = sc;
        jobs[li].li = li;
        jobs[li].a = val_arena_new();
    }
    sys_parallel(cache_lang, jobs, sc->m->nlangs, sizeof *jobs);
    for (li = 0; li < sc->m->nlangs; li++)
        val_arena_adopt(sc->cache->a, jobs[li].a);
}

void items_cache_free(site_ctx *sc)
{
    if (!sc->cache)
        return;
    val_arena_free(sc->cache->a);
    free(sc->cache);
    sc->cache = NULL;
}


const frame_shared *items_frame(const view *v)
{
    const items_cache *c = v->sc->cache;
    return c && c->has_frame[v->li] ? &c->frame[v->li] : NULL;
}
