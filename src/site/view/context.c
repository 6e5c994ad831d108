#include "context.h"
#include "../render/bodies.h"
#include "../render/markdown.h"
#include "../../util/fs.h"
#include "../../util/mem.h"
#include "../../util/sys.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

val *ctx_str(view *v, const char *s)
{
    return s ? val_new_cstr(v->a, s) : val_new_null(v->a);
}

const char *ctx_text(view *v, const char *const *texts)
{
    int fb = 0;
    const char *s = model_text(v->sc->m, texts, v->li, &fb);
    if (fb)
        v->fell_back = 1;
    return s;
}

const char *ctx_t(view *v, const char *key)
{
    return i18n_get(v->sc->t, v->li, key);
}

val *ctx_md(view *v, const char *md, int flags)
{
    if (!md)
        return val_new_null(v->a);
    buf_reset(v->scratch);
    md_render(md, strlen(md), flags | v->sc->md_flags, v->scratch);
    return val_new_string(v->a, v->scratch->data ? v->scratch->data : "", v->scratch->len);
}

val *ctx_body(view *v, const m_body *b, int flags)
{
    size_t len = 0;
    char *text = NULL;
    val *out = NULL;
    if (!b->path)
        return val_new_null(v->a);
    text = model_read_body(b, &len, v->d);
    if (!text || len == 0) {
        out = val_new_null(v->a);
        goto out;
    }
    buf_reset(v->scratch);
    md_render(text, len, flags | v->sc->md_flags, v->scratch);
    out = val_new_string(v->a, v->scratch->data, v->scratch->len);
out:
    free(text);
    return out;
}

/* Markdown punctuation that plain text leaves out. */
static int md_mark(char c)
{
    return c == '*' || c == '_' || c == '`' || c == '#' || c == '>' || c == '[' || c == ']';
}

/* Skip a link target "(...)" right after "]". */
static const char *skip_target(const char *p)
{
    const char *close = strchr(p, ')');
    return (p[0] == '(' && close) ? close + 1 : p;
}

val *ctx_plain(view *v, const char *md, size_t max)
{
    const char *p;
    size_t n = 0, lastsp = 0;
    char *out;
    if (!md)
        return val_new_null(v->a);
    out = val_arena_alloc(v->a, max + 4);
    for (p = md; *p && n < max;) {
        if (*p == ']') {
            p = skip_target(p + 1);
            continue;
        }
        if (md_mark(*p)) {
            p++;
            continue;
        }
        if (*p == '\n' || *p == ' ' || *p == '\t') {
            if (n && out[n - 1] != ' ')
                lastsp = n, out[n++] = ' ';
            p++;
            continue;
        }
        out[n++] = *p++;
    }
    if (*p && lastsp) {
        n = lastsp;
        memcpy(out + n, "\xE2\x80\xA6", 3);   /* … */
        n += 3;
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return val_new_string_ref(v->a, out, n);
}

#define NAV_MAX 8

struct ctx_cache {
    val_arena *a;
    val **items[LANG_MAX][VOC_COUNT + 1];          /* [VOC_COUNT]: workstreams by gid */
    unsigned char *fell_back[LANG_MAX][VOC_COUNT + 1];
    val *site[LANG_MAX];                           /* the site's title, description ... */
    unsigned char site_fell_back[LANG_MAX];
    val *nav[LANG_MAX][NAV_MAX + 1];               /* [k + 1]: item k current; [0]: none */
    const char *nav_urls[LANG_MAX][NAV_MAX];
    size_t nnav[LANG_MAX];
};

/* A cached node of language v->li (noting its fallback on the page), or NULL. */
static val *cached(view *v, int kind, size_t i)
{
    const ctx_cache *c = v->sc->cache;
    if (!c || !c->items[v->li][kind])
        return NULL;
    if (c->fell_back[v->li][kind][i])
        v->fell_back = 1;
    return c->items[v->li][kind][i];
}

val *ctx_entity(view *v, size_t e)
{
    val *m = cached(v, VOC_ENTITIES, e);
    return m ? m : ctx_entity_new(v, e);
}

val *ctx_entity_new(view *v, size_t e)
{
    const m_term *t = &v->sc->m->vocab[VOC_ENTITIES].terms[e];
    val *m = val_new_map(v->a);
    int used = xref_entity_used(v->sc->x, e);
    val_map_set(v->a, m, "id", ctx_str(v, t->id));
    val_map_set(v->a, m, "acronym", ctx_str(v, ctx_text(v, t->short_)));
    val_map_set(v->a, m, "name", ctx_str(v, ctx_text(v, t->title)));
    val_map_set(v->a, m, "url",
                used ? ctx_str(v, url_term(&v->sc->urls, v->li, VOC_ENTITIES, e, v->a))
                     : val_new_null(v->a));
    return m;
}

val *ctx_entities(view *v, const m_ints *ids)
{
    val *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < ids->n; i++)
        val_list_push(v->a, l, ctx_entity(v, (size_t)ids->v[i]));
    return l;
}

static const char *term_noun_key(m_vocab_kind k)
{
    switch (k) {
    case VOC_OBJECTIVES: return "objective";
    case VOC_AREAS: return "area";
    case VOC_SDGS: return "sdg";
    case VOC_PRINCIPLES: return "principle";
    default: return "entity";
    }
}

val *ctx_term(view *v, m_vocab_kind k, size_t t)
{
    val *m = cached(v, (int)k, t);
    return m ? m : ctx_term_new(v, k, t);
}

val *ctx_term_new(view *v, m_vocab_kind k, size_t t)
{
    const m_term *term = &v->sc->m->vocab[k].terms[t];
    val *m = val_new_map(v->a);
    val_map_set(v->a, m, "number", val_new_number(v->a, term->number, NULL, 0));
    val_map_set(v->a, m, "id", ctx_str(v, term->id));
    val_map_set(v->a, m, "title", ctx_str(v, ctx_text(v, term->title)));
    val_map_set(v->a, m, "short", ctx_str(v, ctx_text(v, term->short_)));
    val_map_set(v->a, m, "label", val_new_cstr(v->a, val_arena_printf(v->a, "%s %d",
                ctx_t(v, term_noun_key(k)), term->number)));
    val_map_set(v->a, m, "url", ctx_str(v, url_term(&v->sc->urls, v->li, k, t, v->a)));
    return m;
}

val *ctx_terms(view *v, m_vocab_kind k, const m_ints *ids, int known)
{
    val *m = val_new_map(v->a), *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < ids->n; i++)
        val_list_push(v->a, l, ctx_term(v, k, (size_t)ids->v[i]));
    val_map_set(v->a, m, "known", val_new_bool(v->a, known));
    val_map_set(v->a, m, "items", l);
    val_map_set(v->a, m, "any", val_new_bool(v->a, ids->n > 0));
    return m;
}

static val *ctx_status(view *v, const m_ws *w)
{
    const m_term *t;
    if (w->status < 0)
        return val_new_null(v->a);
    t = &v->sc->m->vocab[VOC_STATUSES].terms[w->status];
    return ctx_str(v, ctx_text(v, t->title));
}

/* null when the page's language has the text, else the code of the language shown instead (the
 * template marks that text with lang="..." so that it is read with the right voice). */
static val *lang_of(view *v, const char *const *texts)
{
    size_t i;
    if (texts[v->li])
        return val_new_null(v->a);
    for (i = 0; i < v->sc->m->nlangs; i++)
        if (texts[i])
            return ctx_str(v, v->sc->m->langs[i]);
    return val_new_null(v->a);
}

/* The language whose file gives a body: the page's, or the first that has one. */
static size_t body_lang(const view *v, const int *has_lang)
{
    size_t i;
    if (has_lang[v->li])
        return v->li;
    for (i = 0; i < v->sc->m->nlangs; i++)
        if (has_lang[i])
            return i;
    return v->li;
}

val *ctx_body_of(view *v, const m_body *bodies, const int *has_lang, int flags)
{
    return ctx_body(v, &bodies[body_lang(v, has_lang)], flags);
}

val *ctx_body_lang(view *v, const int *has_lang)
{
    size_t li = body_lang(v, has_lang);
    return li == v->li ? val_new_null(v->a) : ctx_str(v, v->sc->m->langs[li]);
}

static void ws_item_fill(view *v, val *m, const m_ws *w)
{
    const m_plan *p = w->plan;
    val_map_set(v->a, m, "number", ctx_str(v, w->number));
    val_map_set(v->a, m, "slug", ctx_str(v, w->slug));
    val_map_set(v->a, m, "title", ctx_md(v, ctx_text(v, w->title), MD_INLINE));
    val_map_set(v->a, m, "title_lang", lang_of(v, w->title));
    val_map_set(v->a, m, "url", ctx_str(v, url_ws(&v->sc->urls, v->li, w, v->a)));
    val_map_set(v->a, m, "plan_title", ctx_str(v, ctx_text(v, p->title)));
    val_map_set(v->a, m, "plan_url", ctx_str(v, url_plan(&v->sc->urls, v->li, p, v->a)));
    val_map_set(v->a, m, "group",
                w->group >= 0 ? ctx_str(v, ctx_text(v, p->groups[w->group].title))
                              : val_new_null(v->a));
    val_map_set(v->a, m, "status", ctx_status(v, w));
    val_map_set(v->a, m, "leads", ctx_entities(v, &w->leads));
    val_map_set(v->a, m, "timeline", ctx_str(v, ctx_text(v, w->timeline)));
}

/* A workstream's card, made anew. */
static val *ws_card_new(view *v, const m_ws *w)
{
    val *m = val_new_map(v->a);
    ws_item_fill(v, m, w);
    return m;
}

val *ctx_ws_item(view *v, const m_ws *w)
{
    val *m = cached(v, VOC_COUNT, w->gid);
    return m ? m : ws_card_new(v, w);
}

/* A fresh item the caller may extend: a map over the shared card (read-only) when there is one. */
static val *ws_item_new(view *v, const m_ws *w)
{
    val *card = cached(v, VOC_COUNT, w->gid), *m;
    if (!card)
        return ws_card_new(v, w);
    m = val_new_map(v->a);
    val_map_set_base(m, card);
    return m;
}

/* Build one kind of cached item for language v->li; the fallback of each is remembered. Items
 * built earlier (entities) are already shared by the later ones (workstream items' leads). */
static void cache_kind(site_ctx *sc, view *v, int kind, size_t n)
{
    ctx_cache *c = sc->cache;
    val **items = val_arena_alloc(v->a, (n ? n : 1) * sizeof(val *));
    unsigned char *fb = val_arena_alloc(v->a, n ? n : 1);
    size_t i, p, w;
    for (i = 0; i < n && kind != VOC_COUNT; i++) {
        v->fell_back = 0;
        items[i] = kind == VOC_ENTITIES ? ctx_entity_new(v, i)
                                        : ctx_term_new(v, (m_vocab_kind)kind, i);
        fb[i] = (unsigned char)v->fell_back;
    }
    for (p = 0; kind == VOC_COUNT && p < sc->m->nplans; p++)
        for (w = 0; w < sc->m->plans[p]->nws; w++) {
            const m_ws *ws = sc->m->plans[p]->ws[w];
            v->fell_back = 0;
            items[ws->gid] = ws_card_new(v, ws);
            fb[ws->gid] = (unsigned char)v->fell_back;
        }
    c->items[v->li][kind] = items;
    c->fell_back[v->li][kind] = fb;
}

static val *ctx_site_new(view *v);
static val *nav_list(view *v, int current);
static size_t nav_entries(view *v, const char **keys, const char **urls);

/* The site map and every variant of the navigation of language v->li. */
static void cache_frame(site_ctx *sc, view *v)
{
    const char *keys[NAV_MAX];
    int k;
    sc->cache->nnav[v->li] = nav_entries(v, keys, sc->cache->nav_urls[v->li]);
    v->fell_back = 0;
    sc->cache->site[v->li] = ctx_site_new(v);
    sc->cache->site_fell_back[v->li] = (unsigned char)v->fell_back;
    for (k = -1; k < (int)sc->cache->nnav[v->li]; k++)
        sc->cache->nav[v->li][k + 1] = nav_list(v, k);
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
    cache_frame(sc, &v);
    buf_free(&scratch);
    md_release();
    return NULL;
}

void ctx_cache_build(site_ctx *sc)
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

void ctx_cache_free(site_ctx *sc)
{
    if (!sc->cache)
        return;
    val_arena_free(sc->cache->a);
    free(sc->cache);
    sc->cache = NULL;
}

static val *ctx_items(view *v, const m_strs *items)
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

static val *ctx_activity(view *v, const m_activity *a, size_t n)
{
    val *m = val_new_map(v->a);
    const m_strs *items = act_items(v, a);
    val_map_set(v->a, m, "n", val_new_number(v->a, (double)n, NULL, 0));
    val_map_set(v->a, m, "text", ctx_md(v, ctx_text(v, a->text), MD_INLINE));
    val_map_set(v->a, m, "text_lang", lang_of(v, a->text));
    val_map_set(v->a, m, "items", ctx_items(v, items));
    val_map_set(v->a, m, "has_items", val_new_bool(v->a, items->n > 0));
    val_map_set(v->a, m, "timeline", ctx_str(v, ctx_text(v, a->timeline)));
    val_map_set(v->a, m, "reference", ctx_md(v, ctx_text(v, a->reference), MD_INLINE));
    val_map_set(v->a, m, "entities", ctx_entities(v, &a->entities));
    val_map_set(v->a, m, "has_entities", val_new_bool(v->a, a->entities.n > 0));
    return m;
}

static val *ctx_activities(view *v, const m_ws *w)
{
    val *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < w->nacts; i++)
        val_list_push(v->a, l, ctx_activity(v, &w->acts[i], i + 1));
    return l;
}

static val *ctx_strs(view *v, const m_strs *s)
{
    val *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < s->n; i++)
        val_list_push(v->a, l, ctx_str(v, s->v[i]));
    return l;
}

static val *ctx_neighbour(view *v, const m_ws *w, int delta)
{
    const m_plan *p = w->plan;
    long i = (long)w->index + delta;
    if (i < 0 || (size_t)i >= p->nws)
        return val_new_null(v->a);
    return ctx_ws_item(v, p->ws[i]);
}

static void ctx_ws_people(view *v, val *m, const m_ws *w)
{
    val_map_set(v->a, m, "leads", ctx_entities(v, &w->leads));
    val_map_set(v->a, m, "participants", ctx_entities(v, &w->participants));
    val_map_set(v->a, m, "interest", ctx_entities(v, &w->interest));
    val_map_set(v->a, m, "has_leads", val_new_bool(v->a, w->leads.n > 0));
    val_map_set(v->a, m, "has_participants", val_new_bool(v->a, w->participants.n > 0));
    val_map_set(v->a, m, "has_interest", val_new_bool(v->a, w->interest.n > 0));
}

static void ctx_ws_facts(view *v, val *m, const m_ws *w)
{
    val *pd = val_new_map(v->a);
    val_map_set(v->a, m, "objectives",
                ctx_terms(v, VOC_OBJECTIVES, &w->objectives, w->has_objectives));
    val_map_set(v->a, m, "mentioned",
                ctx_terms(v, VOC_OBJECTIVES, &w->objectives_mentioned, 1));
    val_map_set(v->a, m, "sdgs", ctx_terms(v, VOC_SDGS, &w->sdgs, w->has_sdgs));
    val_map_set(v->a, m, "areas", ctx_terms(v, VOC_AREAS, &w->areas, w->has_areas));
    val_map_set(v->a, pd, "known", val_new_bool(v->a, w->has_progress_declaration));
    val_map_set(v->a, pd, "items", ctx_strs(v, &w->progress_declaration));
    val_map_set(v->a, pd, "any", val_new_bool(v->a, w->progress_declaration.n > 0));
    val_map_set(v->a, m, "progress_declaration", pd);
}

val *ctx_ws_brief(view *v, const m_ws *w)
{
    val *m = ws_item_new(v, w);
    val_map_set(v->a, m, "purpose", ctx_md(v, ctx_text(v, w->purpose), 0));
    val_map_set(v->a, m, "purpose_lang", lang_of(v, w->purpose));
    val_map_set(v->a, m, "has_leads", val_new_bool(v->a, w->leads.n > 0));
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
    l->v->a = scratch;
    m = l->full ? ctx_ws_full(l->v, l->ws[i]) : ctx_ws_brief(l->v, l->ws[i]);
    l->v->a = saved;
    return m;
}

val *ctx_ws_lazy(view *v, const m_ws **ws, size_t n, int full)
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
    size_t li = body_lang(v, w->has_lang), len = 0, slot = w->gid * v->sc->m->nlangs + v->li;
    char *html = NULL, *md = NULL;
    int first = 0;
    val *out = NULL;
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
    md_render(md, len, v->sc->md_flags, v->scratch);
    if (first)
        bodies_put(v->sc->bodies, slot, v->scratch->data, v->scratch->len);
    out = shifted(v, v->scratch->data ? v->scratch->data : "", v->scratch->len);
out:
    free(html);
    free(md);
    return out;
}

val *ctx_ws_full(view *v, const m_ws *w)
{
    val *m = ws_item_new(v, w);
    val_map_set(v->a, m, "purpose", ctx_md(v, ctx_text(v, w->purpose), 0));
    val_map_set(v->a, m, "purpose_lang", lang_of(v, w->purpose));
    val_map_set(v->a, m, "status_note", ctx_str(v, ctx_text(v, w->status_note)));
    val_map_set(v->a, m, "activities", ctx_activities(v, w));
    val_map_set(v->a, m, "has_activities", val_new_bool(v->a, w->nacts > 0));
    /* on its own page the workstream is the h1 and its sections are h2 ("hl"); in a handout it is
     * an h3 (under the plan's h1 and its group's h2): sections h4, body headings two levels down */
    val_map_set(v->a, m, "hl", val_new_number(v->a, v->page->kind == PK_WS ? 2 : 4, NULL, 0));
    val_map_set(v->a, m, "body", ws_body(v, w));
    val_map_set(v->a, m, "body_lang", ctx_body_lang(v, w->has_lang));
    ctx_ws_people(v, m, w);
    ctx_ws_facts(v, m, w);
    val_map_set(v->a, m, "prev", ctx_neighbour(v, w, -1));
    val_map_set(v->a, m, "next", ctx_neighbour(v, w, +1));
    return m;
}

const char *ctx_date(view *v, const char *iso)
{
    int y = 0, m = 0, d = 0, n;
    char key[16];
    const char *pat, *p;
    buf out;
    char *res;
    if (!iso)
        return NULL;
    n = sscanf(iso, "%4d-%2d-%2d", &y, &m, &d);
    if (n < 2 || m < 1 || m > 12 || (n == 3 && (d < 1 || d > 31)))
        return iso;
    snprintf(key, sizeof key, "month_%d", m);
    pat = ctx_t(v, n == 3 ? "date_dmy" : "date_my");
    buf_init(&out);
    for (p = pat; *p; p++) {
        if (p[0] != '{' || !strchr("dmy", p[1] ? p[1] : 'x') || p[2] != '}') {
            buf_putc(&out, *p);
            continue;
        }
        if (p[1] == 'm')
            buf_puts(&out, ctx_t(v, key));
        else
            buf_printf(&out, "%d", p[1] == 'd' ? d : y);
        p += 2;
    }
    res = val_arena_printf(v->a, "%s", buf_cstr(&out));
    buf_free(&out);
    return res;
}

/* A file size for readers: "412 kB", "1.2 MB" with the language's decimal mark. */
static const char *ctx_size(view *v, long long bytes)
{
    char *s, *dot;
    if (bytes < 1000 * 1000)
        return val_arena_printf(v->a, "%lld kB", (bytes + 999) / 1000);
    s = val_arena_printf(v->a, "%.1f MB", (double)bytes / 1e6);
    dot = strchr(s, '.');
    if (dot && ctx_t(v, "decimal_mark")[0] == ',')
        *dot = ',';
    return s;
}

/* The PDF of handout in language li as {lang, name, url, size, current}, or NULL when the file
 * is not there. */
static val *ctx_pdf(view *v, const out_page *handout, size_t li)
{
    const char *url = out_pdf_url(&v->sc->urls, handout, li, v->a);
    char *path = NULL;
    struct stat st;
    val *m = NULL;
    if (!url)
        goto out;
    path = fs_join(v->sc->pdf_dir, url);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        goto out;
    m = val_new_map(v->a);
    val_map_set(v->a, m, "lang", ctx_str(v, v->sc->m->langs[li]));
    val_map_set(v->a, m, "name", ctx_str(v, i18n_get(v->sc->t, li, "lang_name")));
    val_map_set(v->a, m, "url", ctx_str(v, url));
    val_map_set(v->a, m, "size", ctx_str(v, ctx_size(v, (long long)st.st_size)));
    val_map_set(v->a, m, "current", val_new_bool(v->a, li == v->li));
out:
    free(path);
    return m;
}

val *ctx_pdfs(view *v, const out_page *handout)
{
    val *l = val_new_list(v->a), *m;
    size_t k;
    if (!v->sc->pdf_dir)
        return l;
    if ((m = ctx_pdf(v, handout, v->li)))
        val_list_push(v->a, l, m);
    for (k = 0; k < v->sc->m->nlangs; k++)
        if (k != v->li && (m = ctx_pdf(v, handout, k)))
            val_list_push(v->a, l, m);
    return l;
}

static val *ctx_site_new(view *v)
{
    val *m = val_new_map(v->a);
    const m_site *s = v->sc->m;
    val_map_set(v->a, m, "title", ctx_str(v, ctx_text(v, s->title)));
    val_map_set(v->a, m, "description", ctx_str(v, ctx_text(v, s->description)));
    val_map_set(v->a, m, "base_url", ctx_str(v, s->base_url));
    val_map_set(v->a, m, "paper", ctx_str(v, s->paper));
    return m;
}

static val *ctx_site(view *v)
{
    const ctx_cache *c = v->sc->cache;
    if (!c || !c->site[v->li])
        return ctx_site_new(v);
    if (c->site_fell_back[v->li])
        v->fell_back = 1;
    return c->site[v->li];
}

static val *ctx_alternates(view *v)
{
    val *l = val_new_list(v->a);
    size_t li;
    for (li = 0; li < v->sc->m->nlangs; li++) {
        val *m = val_new_map(v->a);
        const char *url = out_url(&v->sc->urls, v->page, li, v->a);
        val_map_set(v->a, m, "lang", ctx_str(v, v->sc->m->langs[li]));
        val_map_set(v->a, m, "name", ctx_str(v, i18n_get(v->sc->t, li, "lang_name")));
        val_map_set(v->a, m, "url", ctx_str(v, url));
        val_map_set(v->a, m, "href",
                    ctx_str(v, val_arena_cat(v->a, v->sc->m->base_url, url, (char *)NULL)));
        val_map_set(v->a, m, "current", val_new_bool(v->a, li == v->li));
        val_list_push(v->a, l, m);
    }
    return l;
}

/* The navigation's entries of language v->li: their string keys and addresses. */
static size_t nav_entries(view *v, const char **keys, const char **urls)
{
    static const char *const names[] = {"workplans", "objectives", "areas", "sdgs", "entities",
                                        "documents"};
    static const url_sect sects[] = {SECT_PLANS, SECT_OBJECTIVES, SECT_AREAS, SECT_SDGS,
                                        SECT_ENTITIES, SECT_DOCS};
    size_t n = 0, i;
    keys[n] = "home";
    urls[n++] = url_home(&v->sc->urls, v->li, v->a);
    for (i = 0; i < sizeof names / sizeof *names; i++) {
        if (sects[i] == SECT_DOCS && !v->sc->m->npages)
            continue;
        keys[n] = names[i];
        urls[n++] = url_section(&v->sc->urls, v->li, sects[i], v->a);
    }
    return n;
}

/* The navigation with entry current marked (-1: none). */
static val *nav_list(view *v, int current)
{
    const char *keys[NAV_MAX], *urls[NAV_MAX];
    size_t n = nav_entries(v, keys, urls), i;
    val *l = val_new_list(v->a);
    for (i = 0; i < n; i++) {
        val *m = val_new_map(v->a);
        val_map_set(v->a, m, "title", ctx_str(v, ctx_t(v, keys[i])));
        val_map_set(v->a, m, "url", ctx_str(v, urls[i]));
        val_map_set(v->a, m, "current", val_new_bool(v->a, (int)i == current));
        val_list_push(v->a, l, m);
    }
    return l;
}

/* The entry the page is in: the home page itself, or a section the page's address starts with. */
static int nav_current(view *v)
{
    const char *keys[NAV_MAX], *own[NAV_MAX];
    const ctx_cache *c = v->sc->cache;
    const char *const *urls = c ? c->nav_urls[v->li] : own;
    size_t n = c ? c->nnav[v->li] : nav_entries(v, keys, own), i;
    for (i = 0; i < n; i++) {
        size_t k = strlen(urls[i]);
        if (!strncmp(v->url, urls[i], k) && (i > 0 || !strcmp(v->url, urls[i])))
            return (int)i;
    }
    return -1;
}

static val *ctx_nav(view *v)
{
    const ctx_cache *c = v->sc->cache;
    int current = nav_current(v);
    if (c && c->nav[v->li][current + 1])
        return c->nav[v->li][current + 1];
    return nav_list(v, current);
}

val *ctx_frame(view *v, const char *title, const char *description)
{
    val *m = val_new_map(v->a), *page = val_new_map(v->a);
    const m_site *s = v->sc->m;
    val_map_set(v->a, m, "lang", ctx_str(v, s->langs[v->li]));
    val_map_set(v->a, m, "root", ctx_str(v, url_root_prefix(v->url, v->a)));
    val_map_set(v->a, m, "t", (val *)i18n_table(v->sc->t, v->li));
    val_map_set(v->a, m, "site", ctx_site(v));
    val_map_set(v->a, page, "title", ctx_str(v, title));
    /* every page has a description: its own, else the site's */
    val_map_set(v->a, page, "description",
                ctx_plain(v, description ? description : ctx_text(v, s->description), 300));
    val_map_set(v->a, page, "url", ctx_str(v, v->url));
    val_map_set(v->a, page, "canonical",
                ctx_str(v, val_arena_cat(v->a, s->base_url, v->url, (char *)NULL)));
    val_map_set(v->a, m, "page", page);
    val_map_set(v->a, m, "alternates", ctx_alternates(v));
    val_map_set(v->a, m, "nav", ctx_nav(v));
    val_map_set(v->a, m, "breadcrumbs", val_new_list(v->a));
    val_map_set(v->a, m, "home_url", ctx_str(v, url_home(&v->sc->urls, v->li, v->a)));
    return m;
}

void ctx_crumb(view *v, val *frame, const char *title, const char *url)
{
    val *m = val_new_map(v->a), *list = val_get(frame, "breadcrumbs");
    if (!val_len(list))
        val_map_set(v->a, frame, "has_breadcrumbs", val_new_bool(v->a, 1));
    val_map_set(v->a, m, "title", ctx_str(v, title));
    val_map_set(v->a, m, "url", ctx_str(v, url));
    val_map_set(v->a, m, "current", val_new_bool(v->a, url == NULL));
    val_list_push(v->a, list, m);
}
