#include "views.h"
#include "dates.h"
#include "facets.h"
#include "../../content/vocab.h"
#include "../../content/vocab_table.h"
#include "dataview.h"
#include "frame.h"
#include "items.h"
#include "pdfs.h"
#include "wsview.h"
#include "../render/markdown.h"
#include "../../util/collate.h"
#include "../render/anchors.h"
#include <string.h>

/* A page kind's builder: the page's context; *fb set to 1 when some of its text came from another
 * language (ctx_text). */
typedef val *(*view_fn)(view *v, int *fb);

static void set(view *v, val *m, const char *key, const val *x)
{
    val_map_set(v->a, m, key, x);
}

static val *num(view *v, double n)
{
    return val_new_number(v->a, n, NULL, 0);
}

static void crumb_home(view *v, val *f)
{
    frame_crumb(v, f, ctx_t(v, "home"), url_home(&v->sc->urls, v->li, v->a));
}

/* ---- meta descriptions (frame_new makes them plain and short) ---- */

/* A list page's description: "lead: a; b; c." from its entries' titles (n of them, NULLs left
 * out). */
static const char *list_desc(view *v, const char *lead, const char *const *titles, size_t n)
{
    const char *out = lead;
    size_t i, shown = 0;
    for (i = 0; i < n; i++)
        if (titles[i])
            out = val_arena_cat(v->a, out, shown++ ? "; " : ": ", titles[i], (char *)NULL);
    return val_arena_cat(v->a, out, ".", (char *)NULL);
}

static const char *plans_desc(view *v, int *fb)
{
    const char **t = val_arena_alloc(v->a, (v->sc->m->nplans + 1) * sizeof *t);
    size_t i;
    for (i = 0; i < v->sc->m->nplans; i++)
        t[i] = ctx_text(v, v->sc->m->plans[i]->title, fb);
    return list_desc(v, ctx_t(v, "workplans"), t, v->sc->m->nplans);
}

static const char *docs_desc(view *v, int *fb)
{
    const char **t = val_arena_alloc(v->a, (v->sc->m->npages + 1) * sizeof *t);
    size_t i;
    for (i = 0; i < v->sc->m->npages; i++)
        t[i] = ctx_text(v, v->sc->m->pages[i]->title, fb);
    return list_desc(v, ctx_t(v, "documents"), t, v->sc->m->npages);
}

/* A workstream's: its summary, else its purpose, else its first activity. */
static const char *ws_desc(view *v, const m_ws *w, int *fb)
{
    const char *d = ctx_text(v, w->summary, fb);
    if (!d)
        d = ctx_text(v, w->purpose, fb);
    if (!d && w->nacts)
        d = ctx_text(v, w->acts[0].text, fb);
    return d;
}

/* A term's: "Objective 8: name. Workstreams that list it: n." */
static const char *term_desc(view *v, const char *title, size_t n)
{
    return val_arena_printf(v->a, "%s. %s: %zu.", title, ctx_t(v, "workstreams_serving"), n);
}

/* An entity's: "name (acronym). Leads 3 workstreams; Participates in 2 workstreams." (its roles
 * r[0..nr) with their counts). */
static const char *entity_desc(view *v, const char *title, size_t e, const xr_role *r,
                               const char *const *keys, size_t nr)
{
    const char *out = val_arena_cat(v->a, title ? title : "", ".", (char *)NULL);
    size_t i, shown = 0, n;
    for (i = 0; i < nr; i++)
        if ((n = xref_get(v->sc->x, r[i], e)->n) > 0)
            out = val_arena_printf(v->a, "%s%s%s %zu %s", out, shown++ ? "; " : " ",
                                   ctx_t(v, keys[i]), n, ctx_t(v, "workstreams_lc"));
    return shown ? val_arena_cat(v->a, out, ".", (char *)NULL) : out;
}

/* The plan's source document ({title, url, date, date_text}), or null when plan.yaml names none. */
static val *source_item(view *v, const m_source *s)
{
    val *m;
    if (!s->title)
        return val_new_null(v->a);
    m = val_new_map(v->a);
    set(v, m, "title", ctx_str(v, s->title));
    set(v, m, "url", ctx_str(v, s->url));
    set(v, m, "date", ctx_str(v, s->date));
    set(v, m, "date_text", ctx_str(v, dates_text(v, s->date)));
    return m;
}

static val *plan_item(view *v, const m_plan *p, int *fb)
{
    val *m = val_new_map(v->a);
    set(v, m, "title", ctx_str(v, ctx_text(v, p->title, fb)));
    set(v, m, "network", ctx_str(v, ctx_text(v, p->network, fb)));
    set(v, m, "summary", ctx_md(v, ctx_text(v, p->summary, fb), MD_INLINE));
    set(v, m, "url", ctx_str(v, url_plan(&v->sc->urls, v->li, p, v->a)));
    if (v->sc->handouts)
        set(v, m, "handout_url", ctx_str(v, url_handout_plan(&v->sc->urls, v->li, p, v->a)));
    set(v, m, "slug", ctx_str(v, p->slug));
    set(v, m, "date", ctx_str(v, p->date));
    set(v, m, "date_text", ctx_str(v, dates_text(v, p->date)));
    set(v, m, "adopted", ctx_str(v, p->adopted));
    set(v, m, "adopted_text", ctx_str(v, dates_text(v, p->adopted)));
    set(v, m, "source", source_item(v, &p->source));
    set(v, m, "period", p->period_start ? ctx_str(v, val_arena_printf(v->a, "%d\xE2\x80\x93%d",
                                              p->period_start, p->period_end))
                                        : val_new_null(v->a));
    set(v, m, "regional", val_new_bool(v->a, p->scope && !strcmp(p->scope, "regional")));
    set(v, m, "count", num(v, (double)p->nws));
    return m;
}

static val *plans_list(view *v, int *fb)
{
    val *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < v->sc->m->nplans; i++)
        val_list_push(v->a, l, plan_item(v, v->sc->m->plans[i], fb));
    return l;
}

static val *doc_item(view *v, const m_page *p, int *fb)
{
    val *m = val_new_map(v->a);
    set(v, m, "title", ctx_str(v, ctx_text(v, p->title, fb)));
    set(v, m, "summary", ctx_md(v, ctx_text(v, p->summary, fb), MD_INLINE));
    set(v, m, "url", ctx_str(v, url_doc(&v->sc->urls, v->li, p, v->a)));
    set(v, m, "date", ctx_str(v, p->date));
    set(v, m, "date_text", ctx_str(v, dates_text(v, p->date)));
    return m;
}

static val *docs_list(view *v, int *fb)
{
    val *l = val_new_list(v->a);
    size_t i;
    for (i = 0; i < v->sc->m->npages; i++)
        val_list_push(v->a, l, doc_item(v, v->sc->m->pages[i], fb));
    return l;
}

/* ---- contents of long pages ---- */

typedef struct toc_ctx {
    view *v;
    val *list;
} toc_ctx;

/* One entry of a page's "on this page" list: {id, title (HTML), level}. */
static void toc_push(view *v, val *toc, const char *id, const char *title, int level)
{
    val *m = val_new_map(v->a);
    set(v, m, "id", val_new_cstr(v->a, id));
    set(v, m, "title", val_new_cstr(v->a, title ? title : ""));
    set(v, m, "level", num(v, level));
    val_list_push(v->a, toc, m);
}

static void toc_heading(void *ud, int level, const char *id, const char *text, size_t len)
{
    toc_ctx *c = ud;
    toc_push(c->v, c->list, val_arena_strndup(c->v->a, id, strlen(id)),
             val_arena_strndup(c->v->a, text, len), level);   /* both are the caller's */
}

/* The rendered body with an id and a copy-link anchor on each heading (anchors.h), its headings
 * added to toc; reserved: the template's own ids on the page. */
static const val *anchored(view *v, const val *body, const char *const *reserved, val *toc)
{
    size_t len = 0;
    const char *html = val_str(body, &len);
    anchors *a;
    toc_ctx c;
    val *out;
    if (!html || !len || !(a = anchors_new(reserved)))
        return body;
    html = val_arena_strndup(v->a, html, len);   /* the body may be v->scratch's */
    c.v = v;
    c.list = toc;
    buf_reset(v->scratch);
    anchors_headings(a, html, len, ctx_t(v, "link_to_section"), v->scratch, toc_heading, &c);
    anchors_free(a);
    out = val_new_string(v->a, v->scratch->data ? v->scratch->data : "", v->scratch->len);
    return out;
}

/* ---- pages ---- */

static val *view_root(view *v, int *fb)
{
    val *f = frame_new(v, ctx_text(v, v->sc->m->title, fb), ctx_text(v, v->sc->m->description, fb), fb);
    set(v, f, "home", ctx_str(v, url_home(&v->sc->urls, 0, v->a)));
    return f;
}

/* The 404 page's block in language li: {lang, t (li's strings), home_url, search_url, h (the
 * heading's level: 1 for the first language, 2 after it)}. */
static val *not_found_block(view *v, size_t li)
{
    val *m = val_new_map(v->a);
    set(v, m, "lang", ctx_str(v, v->sc->m->langs[li]));
    set(v, m, "t", i18n_table(v->sc->t, li));
    set(v, m, "home_url", ctx_str(v, url_home(&v->sc->urls, li, v->a)));
    set(v, m, "search_url", ctx_str(v, url_section(&v->sc->urls, li, SECT_SEARCH, v->a)));
    set(v, m, "h", num(v, li ? 2 : 1));
    return m;
}

/* The 404 page: served at any address, in no one language, so it says so in every language
 * ("blocks", stacked), each block with links to its language's home and search. */
static val *view_not_found(view *v, int *fb)
{
    const char *title = ctx_t(v, "not_found");
    val *f, *blocks = val_new_list(v->a);
    size_t li;
    for (li = 1; li < v->sc->m->nlangs; li++)   /* the title in every language: "a / b" */
        title = val_arena_cat(v->a, title, " / ", i18n_get(v->sc->t, li, "not_found"), (char *)NULL);
    f = frame_new(v, title, ctx_t(v, "not_found_text"), fb);
    /* served at any path: links must not depend on where it is shown */
    val_map_replace(v->a, f, "root", ctx_str(v, v->sc->m->base_url));
    for (li = 0; li < v->sc->m->nlangs; li++)
        val_list_push(v->a, blocks, not_found_block(v, li));
    set(v, f, "blocks", blocks);
    return f;
}

static val *view_home(view *v, int *fb)
{
    val *f = frame_new(v, ctx_text(v, v->sc->m->title, fb), ctx_text(v, v->sc->m->description, fb), fb);
    set(v, f, "plans", plans_list(v, fb));
    set(v, f, "card_h", num(v, 3));   /* plan cards' heading level: under the home's h2 */
    set(v, f, "documents", docs_list(v, fb));
    set(v, f, "has_documents", val_new_bool(v->a, v->sc->m->npages > 0));
    return f;
}

static val *view_plans(view *v, int *fb)
{
    val *f = frame_new(v, ctx_t(v, "workplans"), plans_desc(v, fb), fb);
    crumb_home(v, f);
    frame_crumb(v, f, ctx_t(v, "workplans"), NULL);
    set(v, f, "plans", plans_list(v, fb));
    set(v, f, "card_h", num(v, 2));   /* plan cards' heading level: right under the h1 */
    return f;
}

/* The groups of a plan with their workstreams as items ("workstreams"); for a handout (full), the
 * items are the contents ("toc") and "workstreams" is a lazy list of whole workstreams. */
static val *plan_groups(view *v, const m_plan *p, int full, int *fb)
{
    val *l = val_new_list(v->a);
    const m_ws **in = val_arena_alloc(v->a, (p->nws ? p->nws : 1) * sizeof *in);
    size_t g, i, n;
    for (g = 0; g < p->ngroups; g++) {
        val *m = val_new_map(v->a), *ws = val_new_list(v->a);
        for (i = 0, n = 0; i < p->nws; i++)
            if (p->ws[i]->group == (int)g) {
                val_list_push(v->a, ws, items_ws(v, p->ws[i], fb));
                in[n++] = p->ws[i];
            }
        if (!n)
            continue;
        if (full) {
            set(v, m, "toc", ws);
            ws = wsview_lazy(v, in, n, 1);
            in += n;
        }
        set(v, m, "id", ctx_str(v, p->groups[g].id));
        set(v, m, "title", ctx_str(v, ctx_text(v, p->groups[g].title, fb)));
        set(v, m, "description", ctx_md(v, ctx_text(v, p->groups[g].description, fb), 0));
        /* the status the plan states for the whole group (its workstreams show it as theirs) */
        set(v, m, "status", p->groups[g].status < 0 ? val_new_null(v->a)
            : ctx_str(v, ctx_text(v, v->sc->m->vocab[VOC_STATUSES].terms[p->groups[g].status].title,
                                  fb)));
        set(v, m, "workstreams", ws);
        set(v, m, "count", num(v, (double)val_len(ws)));
        val_list_push(v->a, l, m);
    }
    return l;
}

/* "pdfs" and "has_pdfs" of map m: the PDFs of a handout (kind, objective idx or plan obj) that
 * were made, the page's language first. */
static void set_pdfs(view *v, val *m, out_kind kind, size_t idx, const void *obj)
{
    out_page h;
    val *l;
    memset(&h, 0, sizeof h);
    h.kind = (unsigned char)kind;
    h.voc = VOC_OBJECTIVES;
    h.idx = idx;
    h.obj = obj;
    l = pdfs_list(v, &h);
    set(v, m, "pdfs", l);
    set(v, m, "has_pdfs", val_new_bool(v->a, val_len(l) > 0));
}

static val *plan_full(view *v, const m_plan *p, int full, int *fb)
{
    val *m = plan_item(v, p, fb);
    set_pdfs(v, m, PK_HANDOUT_PLAN, 0, p);
    set(v, m, "body", ctx_body_of(v, p->body, p->has_lang, MD_SHIFT));
    set(v, m, "body_lang", ctx_body_lang(v, p->has_lang));
    set(v, m, "groups", plan_groups(v, p, full, fb));
    return m;
}

/* 1 when group g of plan p has a workstream (plan_groups shows only those). */
static int group_has_ws(const m_plan *p, size_t g)
{
    size_t i;
    for (i = 0; i < p->nws; i++)
        if (p->ws[i]->group == (int)g)
            return 1;
    return 0;
}

/* The plan page's contents, from the model: p's groups that have workstreams, then its text and
 * the text's headings (the plan item's body, anchored). */
static val *plan_toc(view *v, const m_plan *p, val *plan, int *fb)
{
    static const char *const reserved[] = {"main", "plan-text", "on-this-page", NULL};
    const val *body = val_get(plan, "body");
    val *toc = val_new_list(v->a);
    size_t g;
    for (g = 0; g < p->ngroups; g++)
        if (group_has_ws(p, g))
            toc_push(v, toc, val_arena_cat(v->a, "group-", p->groups[g].id, (char *)NULL),
                     ctx_text(v, p->groups[g].title, fb), 2);
    if (val_str(body, NULL)) {
        toc_push(v, toc, "plan-text", ctx_t(v, "plan_text"), 2);
        val_map_replace(v->a, plan, "body", anchored(v, body, reserved, toc));
    }
    set(v, plan, "toc", toc);
    set(v, plan, "has_toc", val_new_bool(v->a, val_len(toc) > 1));
    return plan;
}

static val *view_plan(view *v, int *fb)
{
    const m_plan *p = v->page->obj;
    const char *title = ctx_text(v, p->title, fb);
    val *f = frame_new(v, title, ctx_text(v, p->summary, fb), fb);
    crumb_home(v, f);
    frame_crumb(v, f, ctx_t(v, "workplans"), url_section(&v->sc->urls, v->li, SECT_PLANS, v->a));
    frame_crumb(v, f, title, NULL);
    set(v, f, "plan", plan_toc(v, p, plan_full(v, p, 0, fb), fb));
    return f;
}

static val *view_ws(view *v, int *fb)
{
    const m_ws *w = v->page->obj;
    const char *title = ctx_text(v, w->title, fb);
    const char *full = val_arena_cat(v->a, w->number ? w->number : "", w->number ? " " : "",
                                     title ? title : "", (char *)NULL);
    val *f = frame_new(v, full, ws_desc(v, w, fb), fb);
    crumb_home(v, f);
    frame_crumb(v, f, ctx_t(v, "workplans"), url_section(&v->sc->urls, v->li, SECT_PLANS, v->a));
    frame_crumb(v, f, ctx_text(v, w->plan->title, fb), url_plan(&v->sc->urls, v->li, w->plan, v->a));
    frame_crumb(v, f, full, NULL);
    set(v, f, "ws", wsview_full(v, w, fb));
    set(v, f, "plan", plan_item(v, w->plan, fb));
    set(v, f, "facets", facets_ws(v, w, fb));
    return f;
}

/* ---- cross-indexes ---- */

/* Counts per plan, for the overview matrix; a plan that states none of these facts is "unknown",
 * not zero. */
static val *per_plan_counts(view *v, const xr_list *l, m_vocab_kind k, size_t t)
{
    val *row = val_new_list(v->a);
    const char *term_url = url_term(&v->sc->urls, v->li, k, t, v->a);
    size_t p;
    for (p = 0; p < v->sc->m->nplans; p++) {
        const m_plan *pl = v->sc->m->plans[p];
        val *c = val_new_map(v->a);
        size_t n = xref_count_in_plan(l, pl);
        int unknown = pl->nws > 0 && xref_unknown(v->sc->x, p, k) == pl->nws;
        set(v, c, "count", num(v, (double)n));
        set(v, c, "any", val_new_bool(v->a, n > 0));
        set(v, c, "unknown", val_new_bool(v->a, unknown));
        /* the count links to that plan's section of the term's page (term.mustache's ids) */
        set(v, c, "url", ctx_str(v, val_arena_cat(v->a, term_url, "#plan-", pl->slug, (char *)NULL)));
        val_list_push(v->a, row, c);
    }
    return row;
}

/* Plan p as a column of vocabulary k's matrix: the plan's item with the number of its
 * workstreams that do not state k's facts (they cannot be counted). */
static val *plan_column(view *v, size_t p, m_vocab_kind k, int *fb)
{
    val *m = plan_item(v, v->sc->m->plans[p], fb);
    size_t unknown = xref_unknown(v->sc->x, p, k);
    set(v, m, "unknown", num(v, (double)unknown));
    set(v, m, "has_unknown", val_new_bool(v->a, unknown > 0));
    return m;
}

static val *plan_columns(view *v, m_vocab_kind k, int *fb)
{
    val *l = val_new_list(v->a);
    size_t p;
    for (p = 0; p < v->sc->m->nplans; p++)
        val_list_push(v->a, l, plan_column(v, p, k, fb));
    return l;
}

/* "none_stated": no workstream states vocabulary k's facts (then "nws", the number of
 * workstreams, for "not stated for all N workstreams", and no total is a count). */
static void none_stated(view *v, val *f, m_vocab_kind k)
{
    set(v, f, "none_stated", val_new_bool(v->a, xref_none_stated(v->sc->x, v->sc->m, k)));
    set(v, f, "nws", num(v, (double)v->sc->m->nws));
}

/* The vocabularies other than k that no workstream states, [{title, url}]: the navigation leaves
 * them out, so the overview of another vocabulary links them. */
static val *quiet_vocabs(view *v, m_vocab_kind k)
{
    val *l = val_new_list(v->a);
    int q;
    for (q = 0; q < VOC_COUNT; q++)
        if ((m_vocab_kind)q != k && voc_has_pages((m_vocab_kind)q)
            && xref_none_stated(v->sc->x, v->sc->m, (m_vocab_kind)q)) {
            val *m = val_new_map(v->a);
            set(v, m, "title", ctx_str(v, ctx_t(v, voc_desc_of((m_vocab_kind)q)->plural_key)));
            set(v, m, "url", ctx_str(v, url_voc_section(&v->sc->urls, v->li, (m_vocab_kind)q,
                                                        v->a)));
            val_list_push(v->a, l, m);
        }
    return l;
}

static val *view_terms(view *v, int *fb)
{
    m_vocab_kind k = (m_vocab_kind)v->page->voc;
    const m_vocab *voc = &v->sc->m->vocab[k];
    const char *title = ctx_t(v, voc_desc_of(k)->plural_key);
    const char *desc = ctx_t(v, val_arena_cat(v->a, "desc_", voc_desc_of(k)->plural_key,
                                              (char *)NULL));
    val *f = frame_new(v, title, desc, fb), *terms = val_new_list(v->a);
    size_t t;
    crumb_home(v, f);
    frame_crumb(v, f, title, NULL);
    for (t = 0; t < voc->n; t++) {
        val *m = items_term_new(v, k, t, fb);
        const xr_list *l = xref_get(v->sc->x, xref_role_of(k), t);
        set(v, m, "count", num(v, (double)l->n));
        set(v, m, "per_plan", per_plan_counts(v, l, k, t));
        if (k == VOC_OBJECTIVES)
            set(v, m, "mentioned", num(v, (double)xref_get(v->sc->x, XR_MENTIONED, t)->n));
        val_list_push(v->a, terms, m);
    }
    set(v, f, "terms", terms);
    set(v, f, "plans", plan_columns(v, k, fb));
    set(v, f, "heading", ctx_str(v, title));
    set(v, f, "is_objectives", val_new_bool(v->a, k == VOC_OBJECTIVES));
    none_stated(v, f, k);
    set(v, f, "quiet", quiet_vocabs(v, k));
    return f;
}

/* The workstreams of list l grouped by plan: [{plan..., workstreams: [cards]}], or with briefs
 * [{plan..., full: [workstreams with their purpose and leads, made as the template reads them]}]
 * for an objective's handout. */
static val *by_plan(view *v, const xr_list *l, int briefs, int *fb)
{
    val *out = val_new_list(v->a);
    const m_ws **in = val_arena_alloc(v->a, (l->n ? l->n : 1) * sizeof *in);
    size_t p, i, n;
    for (p = 0; p < v->sc->m->nplans; p++, in += n) {
        const m_plan *pl = v->sc->m->plans[p];
        val *m, *ws;
        for (i = 0, n = 0; i < l->n; i++)
            if (l->ws[i]->plan == pl)
                in[n++] = l->ws[i];
        if (!n)
            continue;
        m = plan_item(v, pl, fb);
        if (briefs) {
            set(v, m, "full", wsview_lazy(v, in, n, 0));
        } else {
            ws = val_new_list(v->a);
            for (i = 0; i < n; i++)
                val_list_push(v->a, ws, items_ws(v, in[i], fb));
            set(v, m, "workstreams", ws);
        }
        val_list_push(v->a, out, m);
    }
    return out;
}

/* The plans in which some workstreams do not state this vocabulary's facts. */
static void unknown_plans(view *v, val *f, m_vocab_kind k, int *fb)
{
    val *l = val_new_list(v->a);
    size_t p;
    for (p = 0; p < v->sc->m->nplans; p++)
        if (xref_unknown(v->sc->x, p, k) > 0)
            val_list_push(v->a, l, plan_column(v, p, k, fb));
    set(v, f, "unknown_plans", l);
    set(v, f, "has_unknown_plans", val_new_bool(v->a, val_len(l) > 0));
}

/* A term's page, or with briefs its handout (objectives). */
static val *term_view(view *v, int briefs, int *fb)
{
    m_vocab_kind k = (m_vocab_kind)v->page->voc;
    const val *term = items_term(v, k, v->page->idx, fb);
    val *f;
    const char *label = items_term_label(v, k, v->page->idx);
    const char *name = ctx_text(v, v->sc->m->vocab[k].terms[v->page->idx].title, fb);
    const char *title = val_arena_cat(v->a, label ? label : "", ": ", name ? name : "",
                                      (char *)NULL);
    const xr_list *l = xref_get(v->sc->x, xref_role_of(k), v->page->idx);
    f = frame_new(v, title, term_desc(v, title, l->n), fb);
    crumb_home(v, f);
    frame_crumb(v, f, ctx_t(v, voc_desc_of(k)->plural_key),
              url_voc_section(&v->sc->urls, v->li, k, v->a));
    frame_crumb(v, f, label, NULL);
    set(v, f, "term", term);
    set(v, f, "heading", ctx_str(v, title));
    set(v, f, "plans", by_plan(v, l, briefs, fb));
    set(v, f, "count", num(v, (double)l->n));
    set(v, f, "is_objectives", val_new_bool(v->a, k == VOC_OBJECTIVES));
    unknown_plans(v, f, k, fb);
    none_stated(v, f, k);
    if (k == VOC_OBJECTIVES) {
        const xr_list *m = xref_get(v->sc->x, XR_MENTIONED, v->page->idx);
        set(v, f, "mentioned", by_plan(v, m, 0, fb));
        set(v, f, "mentioned_count", num(v, (double)m->n));
        set(v, f, "has_mentioned", val_new_bool(v->a, m->n > 0));
        if (v->sc->handouts)
            set(v, f, "handout_url", ctx_str(v, url_handout_term(&v->sc->urls, v->li,
                                                                 v->page->idx, v->a)));
        set_pdfs(v, f, PK_HANDOUT_TERM, v->page->idx, NULL);
    }
    return f;
}

static val *view_term(view *v, int *fb)
{
    return term_view(v, 0, fb);
}

/* The entities' rows in the order of their displayed acronyms (collate.h: the page language's
 * order, deterministic); ties keep the file's order. */
static void sort_by_acronym(view *v, val **rows, const char **keys, size_t n)
{
    const char *lang = v->sc->m->langs[v->li];
    size_t i, j;
    for (i = 1; i < n; i++) {
        val *r = rows[i];
        const char *k = keys[i];
        for (j = i; j > 0 && collate_cmp(keys[j - 1], k, lang) > 0; j--) {
            rows[j] = rows[j - 1];
            keys[j] = keys[j - 1];
        }
        rows[j] = r;
        keys[j] = k;
    }
}

/* The row of entity e on the index: its item with the number of workstreams in each role. */
static val *entity_row(view *v, size_t e, int *fb)
{
    val *m = items_entity_new(v, e, fb);
    set(v, m, "leads", num(v, (double)xref_get(v->sc->x, XR_LEAD, e)->n));
    set(v, m, "participates", num(v, (double)xref_get(v->sc->x, XR_PARTICIPANT, e)->n));
    set(v, m, "interest", num(v, (double)xref_get(v->sc->x, XR_INTEREST, e)->n));
    set(v, m, "activities", num(v, (double)xref_get(v->sc->x, XR_ACTIVITY, e)->n));
    return m;
}

/* The index's table of group g (the named entities of that group, by displayed acronym):
 * {id, caption, entities}; NULL when the group has none. */
static val *entity_group(view *v, m_ent_group g, val **rows, const char **keys, int *fb)
{
    const char *id = g == ENT_GROUP_NONE ? "none" : vocab_ent_group_id(g);
    const m_vocab *voc = &v->sc->m->vocab[VOC_ENTITIES];
    val *m, *l;
    size_t e, n = 0;
    for (e = 0; e < voc->n; e++) {
        const char *acr;
        if (voc->terms[e].group != g || !xref_entity_used(v->sc->x, e))
            continue;
        acr = ctx_text(v, voc->terms[e].short_, fb);
        rows[n] = entity_row(v, e, fb);
        keys[n++] = acr ? acr : "";
    }
    if (!n)
        return NULL;
    sort_by_acronym(v, rows, keys, n);
    m = val_new_map(v->a);
    l = val_new_list(v->a);
    for (e = 0; e < n; e++)
        val_list_push(v->a, l, rows[e]);
    set(v, m, "id", ctx_str(v, val_arena_cat(v->a, "entities-", id, (char *)NULL)));
    set(v, m, "caption", ctx_str(v, ctx_t(v, val_arena_cat(v->a, "entities_group_", id, (char *)NULL))));
    set(v, m, "entities", l);
    return m;
}

/* The entity index: a table per group of content/data/entities.yaml, UN system first, the
 * entities whose group is not stated last. */
static val *view_entities(view *v, int *fb)
{
    static const m_ent_group order[] = {ENT_GROUP_UN, ENT_GROUP_OTHER, ENT_GROUP_NONE};
    const m_vocab *voc = &v->sc->m->vocab[VOC_ENTITIES];
    const char *title = ctx_t(v, "entities");
    val *f = frame_new(v, title, ctx_t(v, "desc_entities"), fb), *groups = val_new_list(v->a), *g;
    val **rows = val_arena_alloc(v->a, (voc->n ? voc->n : 1) * sizeof *rows);
    const char **keys = val_arena_alloc(v->a, (voc->n ? voc->n : 1) * sizeof *keys);
    size_t i;
    crumb_home(v, f);
    frame_crumb(v, f, title, NULL);
    for (i = 0; i < sizeof order / sizeof order[0]; i++)
        if ((g = entity_group(v, order[i], rows, keys, fb)))
            val_list_push(v->a, groups, g);
    set(v, f, "groups", groups);
    return f;
}

/* The entities those workstreams' representatives take part on behalf of (each once). */
static val *represented(view *v, const xr_list *l, int *fb)
{
    val *out = val_new_list(v->a);
    size_t i, j;
    for (i = 0; i < l->n; i++) {
        for (j = 0; j < i && l->ws[j]->represented != l->ws[i]->represented; j++)
            ;
        if (j == i && l->ws[i]->represented >= 0)
            val_list_push(v->a, out, items_entity_new(v, (size_t)l->ws[i]->represented, fb));
    }
    return out;
}

static val *role_block(view *v, xr_role r, const char *key, size_t e, int *fb)
{
    const xr_list *l = xref_get(v->sc->x, r, e);
    val *m = val_new_map(v->a);
    set(v, m, "title", ctx_str(v, ctx_t(v, key)));
    set(v, m, "count", num(v, (double)l->n));
    set(v, m, "plans", by_plan(v, l, 0, fb));
    if (r == XR_REPRESENTATIVE)
        set(v, m, "on_behalf_of", represented(v, l, fb));
    return m;
}

static val *view_entity(view *v, int *fb)
{
    size_t e = v->page->idx;
    val *ent = items_entity_new(v, e, fb), *f, *roles = val_new_list(v->a);
    const char *acr = ctx_text(v, v->sc->m->vocab[VOC_ENTITIES].terms[e].short_, fb);
    const char *name = ctx_text(v, v->sc->m->vocab[VOC_ENTITIES].terms[e].title, fb);
    const char *title = acr && name && strcmp(acr, name)
                            ? val_arena_printf(v->a, "%s (%s)", name, acr) : name ? name : acr;
    static const xr_role rs[] = {XR_LEAD, XR_PARTICIPANT, XR_INTEREST, XR_ACTIVITY,
                                 XR_REPRESENTATIVE};
    static const char *const keys[] = {"role_lead", "role_participant", "role_interest",
                                       "role_activity", "role_representative"};
    size_t i;
    f = frame_new(v, title, entity_desc(v, title, e, rs, keys, 4), fb);
    crumb_home(v, f);
    frame_crumb(v, f, ctx_t(v, "entities"), url_voc_section(&v->sc->urls, v->li, VOC_ENTITIES, v->a));
    frame_crumb(v, f, acr ? acr : title, NULL);
    for (i = 0; i < sizeof rs / sizeof *rs; i++)
        if (xref_get(v->sc->x, rs[i], e)->n)
            val_list_push(v->a, roles, role_block(v, rs[i], keys[i], e, fb));
    set(v, ent, "official_url", ctx_str(v, v->sc->m->vocab[VOC_ENTITIES].terms[e].url));
    set(v, f, "entity", ent);
    set(v, f, "heading", ctx_str(v, title));
    set(v, f, "roles", roles);
    return f;
}

/* ---- documents ---- */

static val *view_docs(view *v, int *fb)
{
    const char *title = ctx_t(v, "documents");
    val *f = frame_new(v, title, docs_desc(v, fb), fb);
    crumb_home(v, f);
    frame_crumb(v, f, title, NULL);
    set(v, f, "documents", docs_list(v, fb));
    return f;
}

static val *country_lists(view *v, const m_page *p, int *fb)
{
    val *l = val_new_list(v->a);
    size_t i, c;
    for (i = 0; i < p->nlists; i++) {
        val *m = val_new_map(v->a), *cs = val_new_list(v->a);
        for (c = 0; c < p->lists[i].countries.n; c++) {
            const m_term *t = &v->sc->m->vocab[VOC_COUNTRIES].terms[p->lists[i].countries.v[c]];
            val_list_push(v->a, cs, ctx_str(v, ctx_text(v, t->title, fb)));
        }
        set(v, m, "id", ctx_str(v, p->lists[i].id));
        set(v, m, "caption", ctx_str(v, ctx_text(v, p->lists[i].caption, fb)));
        set(v, m, "countries", cs);
        set(v, m, "count", num(v, (double)p->lists[i].countries.n));
        val_list_push(v->a, l, m);
    }
    return l;
}

/* The document's contents, from the model: p's country lists, then its text's headings; set
 * into d. Returns the body anchored. */
static const val *doc_toc(view *v, const m_page *p, val *d, const val *body, int *fb)
{
    static const char *const reserved[] = {"main", "on-this-page", NULL};
    val *toc = val_new_list(v->a);
    const val *out;
    size_t i;
    for (i = 0; i < p->nlists; i++)
        toc_push(v, toc, val_arena_cat(v->a, "countries-", p->lists[i].id, (char *)NULL),
                 ctx_text(v, p->lists[i].caption, fb), 2);
    out = val_str(body, NULL) ? anchored(v, body, reserved, toc) : body;
    set(v, d, "toc", toc);
    set(v, d, "has_toc", val_new_bool(v->a, val_len(toc) > 1));
    return out;
}

static val *view_doc(view *v, int *fb)
{
    const m_page *p = v->page->obj;
    const char *title = ctx_text(v, p->title, fb);
    val *f = frame_new(v, title, ctx_text(v, p->summary, fb), fb), *d = doc_item(v, p, fb);
    crumb_home(v, f);
    frame_crumb(v, f, ctx_t(v, "documents"), url_section(&v->sc->urls, v->li, SECT_DOCS, v->a));
    frame_crumb(v, f, title, NULL);
    set(v, d, "country_lists", country_lists(v, p, fb));
    set(v, d, "body", doc_toc(v, p, d, ctx_body_of(v, p->body, p->has_lang, 0), fb));
    set(v, d, "body_lang", ctx_body_lang(v, p->has_lang));
    set(v, d, "has_country_lists", val_new_bool(v->a, p->nlists > 0));
    set(v, f, "doc", d);
    return f;
}

/* ---- search ---- */

static val *view_search(view *v, int *fb)
{
    const char *title = ctx_t(v, "search");
    val *f = frame_new(v, title, ctx_t(v, "search_intro"), fb);
    crumb_home(v, f);
    frame_crumb(v, f, title, NULL);
    set(v, f, "facets_json", facets_json(v, fb));
    return f;
}

/* ---- handouts ---- */

static val *view_handout_plan(view *v, int *fb)
{
    const m_plan *p = v->page->obj;
    const char *title = ctx_text(v, p->title, fb);
    val *f = frame_new(v, title, ctx_text(v, p->summary, fb), fb);
    crumb_home(v, f);
    frame_crumb(v, f, title, url_plan(&v->sc->urls, v->li, p, v->a));
    frame_crumb(v, f, ctx_t(v, "handout"), NULL);
    set(v, f, "plan", plan_full(v, p, 1, fb));
    return f;
}

static val *view_handout_term(view *v, int *fb)
{
    return term_view(v, 1, fb);
}

/* The page shows a translation whose original changed since (translate/status.h). */
static int outdated(const view *v)
{
    const void *o = v->page->obj;
    if (v->page->kind == PK_WS)
        return ((const m_ws *)o)->has_lang[v->li] && ((const m_ws *)o)->body[v->li].outdated;
    if (v->page->kind == PK_PLAN)
        return ((const m_plan *)o)->has_lang[v->li] && ((const m_plan *)o)->body[v->li].outdated;
    if (v->page->kind == PK_DOC)
        return ((const m_page *)o)->has_lang[v->li] && ((const m_page *)o)->body[v->li].outdated;
    return 0;
}

static void finish(view *v, val *f, int fell_back)
{
    set(v, f, "fallback", val_new_bool(v->a, fell_back));
    set(v, f, "outdated", val_new_bool(v->a, outdated(v)));
    set(v, f, "kind", ctx_str(v, out_template(v->page)));
    /* the pages whose <main> the search index reads: not handouts (copies), nor search itself,
     * nor the open data page (field tables) */
    set(v, f, "indexed", val_new_bool(v->a, v->page->kind != PK_HANDOUT_PLAN &&
                                               v->page->kind != PK_HANDOUT_TERM &&
                                               v->page->kind != PK_SEARCH &&
                                               v->page->kind != PK_DATA &&
                                               v->page->kind != PK_ROOT &&
                                               v->page->kind != PK_NOT_FOUND));
}

/* The page kinds as the templates see them: the builder of each page template (out_template: a
 * page kind, or a vocabulary's own templates), in the order they are preloaded. */
static const struct { const char *tpl; view_fn fn; } builders[] = {
    {"root", view_root}, {"404", view_not_found}, {"home", view_home}, {"plans", view_plans},
    {"plan", view_plan}, {"workstream", view_ws}, {"terms", view_terms}, {"term", view_term},
    {"entities", view_entities}, {"entity", view_entity}, {"documents", view_docs},
    {"document", view_doc}, {"handout-plan", view_handout_plan},
    {"handout-objective", view_handout_term}, {"search", view_search}, {"data", dataview_build}};

val *view_build(view *v)
{
    const char *tpl = out_template(v->page);
    size_t i;
    int fb = 0;
    val *f = NULL;
    for (i = 0; i < sizeof builders / sizeof *builders; i++)
        if (!strcmp(builders[i].tpl, tpl)) {
            f = builders[i].fn(v, &fb);
            break;
        }
    if (!f)
        f = frame_new(v, "", NULL, &fb);   /* a template without a builder: the frame alone */
    finish(v, f, fb);
    return f;
}

size_t view_templates(const char **names, size_t max)
{
    size_t i, n = sizeof builders / sizeof *builders;
    for (i = 0; i < n && i < max; i++)
        names[i] = builders[i].tpl;
    return n < max ? n : max;
}
