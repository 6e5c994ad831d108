#include "plans.h"
#include "preload.h"
#include "fields.h"
#include "textfile.h"
#include "vocab.h"
#include "../data/yaml_load.h"
#include "../util/buf.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include "../util/strmap.h"
#include "../util/sys.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct plan_load {
    m_site *s;
    m_plan *p;
    const m_load_opts *opts;
    diag_list *d;
    const char *dir;         /* the plan's folder (the caller's) */
    strmap *by_stem;         /* workstream slug -> index in ws */
    pre_file *pre;           /* the folder's files, parsed in parallel, by name index */
    m_ws **ws;
    size_t nws, cap;
} plan_load;

static m_loc loc_of(const val *v)
{
    m_loc l;
    l.path = val_path(v);
    l.line = val_line(v);
    l.col = val_col(v);
    return l;
}

static void read_strs(m_site *s, const val *list, const char *key, m_strs *out, diag_list *d)
{
    size_t i, n;
    out->v = NULL;
    out->n = 0;
    if (!list || val_kind_of(list) == VAL_NULL || !fld_expect_list(list, key, d))
        return;
    n = val_len(list);
    out->v = val_arena_alloc(s->arena, (n ? n : 1) * sizeof *out->v);
    for (i = 0; i < n; i++) {
        const char *str = val_str(val_at(list, i), NULL);
        if (!str || val_kind_of(val_at(list, i)) == VAL_LIST)
            fld_error(val_at(list, i), d, "%s: expected text, not %s", key,
                      val_kind_name(val_kind_of(val_at(list, i))));
        else
            out->v[out->n++] = str;
    }
}

/* ---- plan.yaml and plan.LANG.md ---- */

static void plan_groups(plan_load *L, const val *list)
{
    m_plan *p = L->p;
    size_t i, j, n = val_len(list);
    if (!list || !fld_expect_list(list, "groups", L->d))
        return;
    p->groups = val_arena_alloc(L->s->arena, (n ? n : 1) * sizeof *p->groups);
    memset(p->groups, 0, (n ? n : 1) * sizeof *p->groups);
    for (i = 0; i < n; i++) {
        const val *g = val_at(list, i);
        static const char *const known[] = {"id", "status", NULL};
        const char *id;
        if (!fld_expect_map(g, "a group", L->d))
            continue;
        fld_check_keys(g, known, "a group", L->d);
        id = fld_string(g, "id", 1, L->d);
        if (!id)
            continue;
        if (!fld_slug_ok(id))
            fld_error(g, L->d, "groups: '%s' is not a valid group id", id);
        for (j = 0; j < p->ngroups; j++)
            if (!strcmp(p->groups[j].id, id))
                fld_error(g, L->d, "groups: duplicate group '%s' (first defined at %u:%u)", id,
                          p->groups[j].loc.line, p->groups[j].loc.col);
        p->groups[p->ngroups].id = id;
        p->groups[p->ngroups].loc = loc_of(g);
        /* a status the plan states for all of the group's workstreams ("Lineamientos en curso") */
        p->groups[p->ngroups].status = fld_string(g, "status", 0, L->d)
            ? vocab_ref(L->s, VOC_STATUSES, val_get(g, "status"), "status", L->d) : -1;
        p->ngroups++;
    }
}

/* 1 when s is an ISO date as precise as a source gives it: YYYY, YYYY-MM or YYYY-MM-DD. */
static int iso_date_ok(const char *s)
{
    static const char *const shapes[] = {"dddd", "dddd-dd", "dddd-dd-dd"};
    size_t i, k, n = strlen(s);
    for (k = 0; k < 3; k++) {
        if (n != strlen(shapes[k]))
            continue;
        for (i = 0; i < n; i++)
            if (shapes[k][i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
                break;
        if (i == n)
            return n < 7 || (atoi(s + 5) >= 1 && atoi(s + 5) <= 12 &&
                             (n < 10 || (atoi(s + 8) >= 1 && atoi(s + 8) <= 31)));
    }
    return 0;
}

/* source: {title, url, date}: the document the plan comes from. Left out when unknown. */
static void plan_source(plan_load *L, const val *src)
{
    static const char *const known[] = {"title", "url", "date", NULL};
    m_source *s = &L->p->source;
    if (!src || !fld_expect_map(src, "source", L->d))
        return;
    fld_check_keys(src, known, "source", L->d);
    s->title = fld_string(src, "title", 1, L->d);
    s->url = fld_url(src, "url", L->d);
    s->date = fld_string(src, "date", 0, L->d);
    if (s->date && !iso_date_ok(s->date)) {
        fld_error(val_get(src, "date"), L->d, "source: date: expected an ISO date (YYYY, YYYY-MM "
                  "or YYYY-MM-DD), not '%s'", s->date);
        s->date = NULL;
    }
}

static void plan_facts(plan_load *L, const val *root)
{
    static const char *const known[] = {"scope", "region", "period", "date", "adopted", "order",
                                        "groups", "draft", "source", NULL};
    m_plan *p = L->p;
    const val *period;
    if (!fld_expect_map(root, "plan.yaml", L->d))
        return;
    fld_check_keys(root, known, "plan.yaml", L->d);
    p->scope = fld_string(root, "scope", 1, L->d);
    if (p->scope && strcmp(p->scope, "global") && strcmp(p->scope, "regional"))
        fld_error(val_get(root, "scope"), L->d,
                  "scope: expected 'global' or 'regional', not '%s'", p->scope);
    p->region = fld_string(root, "region", 0, L->d);
    p->date = fld_string(root, "date", 0, L->d);
    p->adopted = fld_string(root, "adopted", 0, L->d);
    fld_int(root, "order", 0, 0, 100000, &p->order, L->d);
    p->draft = fld_bool(root, "draft", L->d);
    period = val_get(root, "period");
    if (period && fld_expect_map(period, "period", L->d)) {
        static const char *const pk[] = {"start", "end", NULL};
        fld_check_keys(period, pk, "period", L->d);
        if (fld_int(period, "start", 1, 1900, 2200, &p->period_start, L->d) &&
            fld_int(period, "end", 1, 1900, 2200, &p->period_end, L->d) &&
            p->period_start > p->period_end)
            fld_error(val_get(period, "end"), L->d, "period: the end (%d) is before the start "
                      "(%d)", p->period_end, p->period_start);
    }
    plan_source(L, val_get(root, "source"));
    plan_groups(L, val_get(root, "groups"));
    if (!p->ngroups)
        fld_error(root, L->d, "groups: a plan needs at least one group of workstreams");
}

static int group_index(const m_plan *p, const char *id)
{
    size_t i;
    for (i = 0; i < p->ngroups; i++)
        if (!strcmp(p->groups[i].id, id))
            return (int)i;
    return -1;
}

static void plan_group_texts(plan_load *L, const val *groups, size_t li)
{
    size_t i;
    if (!groups || !fld_expect_map(groups, "groups", L->d))
        return;
    for (i = 0; i < val_len(groups); i++) {
        const char *id = val_key_at(groups, i, NULL);
        const val *g = val_at(groups, i);
        static const char *const known[] = {"title", "description", NULL};
        int gi = group_index(L->p, id);
        if (gi < 0) {
            fld_error(g, L->d, "groups: '%s' is not a group of plan.yaml", id);
            continue;
        }
        if (!fld_expect_map(g, "a group", L->d))
            continue;
        fld_check_keys(g, known, "a group", L->d);
        L->p->groups[gi].title[li] = fld_string(g, "title", 1, L->d);
        L->p->groups[gi].description[li] = fld_string(g, "description", 0, L->d);
    }
}

/* The parsed tree of file i (NULL after an error), its diagnostics moved to L->d in order. */
static val *take(plan_load *L, int i)
{
    return pre_take(L->pre, i, L->d);
}

static void plan_text(plan_load *L, int i, size_t li)
{
    static const char *const known[] = {"title", "network", "summary", "groups", NULL};
    m_plan *p = L->p;
    val *fm = take(L, i);
    p->has_lang[li] = 1;
    if (!fm)
        return;
    p->body[li] = L->pre[i].body;
    fld_check_keys(fm, known, "a plan's text", L->d);
    p->title[li] = fld_string(fm, "title", 1, L->d);
    p->network[li] = fld_string(fm, "network", 0, L->d);
    p->summary[li] = fld_string(fm, "summary", 0, L->d);
    plan_group_texts(L, val_get(fm, "groups"), li);
}

/* ---- workstreams ---- */

static void acts_ensure(plan_load *L, m_ws *w, const val *list)
{
    size_t n = val_len(list);
    if (w->acts || !n)
        return;
    w->acts_src = val_path(list);
    w->acts = val_arena_alloc(L->s->arena, n * sizeof *w->acts);
    memset(w->acts, 0, n * sizeof *w->acts);
    w->nacts = n;
}

/* Every file that lists activities must list the same number. */
static int acts_count_ok(plan_load *L, m_ws *w, const val *list)
{
    const char *other = w->acts_src;
    if (!w->acts || val_len(list) == w->nacts)
        return 1;
    fld_error(list, L->d,
              "activities: %zu given, but %s has %zu (every file lists the same activities, in "
              "the same order)", val_len(list), other, w->nacts);
    return 0;
}

static void ws_act_facts(plan_load *L, m_ws *w, const val *list)
{
    size_t i;
    if (!list || val_kind_of(list) == VAL_NULL || !fld_expect_list(list, "activities", L->d))
        return;
    acts_ensure(L, w, list);
    for (i = 0; i < val_len(list) && i < w->nacts; i++) {
        const val *a = val_at(list, i);
        static const char *const known[] = {"entities", NULL};
        if (!fld_expect_map(a, "an activity", L->d))
            continue;
        fld_check_keys(a, known, "an activity's facts", L->d);
        w->acts[i].has_entities =
            vocab_refs(L->s, VOC_ENTITIES, a, "entities", &w->acts[i].entities, L->d);
    }
}

static int ints_has(const m_ints *v, int x)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        if (v->v[i] == x)
            return 1;
    return 0;
}

/* representatives: {of: <a participant>, by: [entities]}: the source says that these entities take
 * part on behalf of that participant (they are not participants of their own). */
static void ws_representatives(plan_load *L, m_ws *w, const val *r)
{
    static const char *const known[] = {"of", "by", NULL};
    const val *of;
    size_t i;
    w->represented = -1;
    if (!r || !fld_expect_map(r, "representatives", L->d))
        return;
    fld_check_keys(r, known, "representatives", L->d);
    of = val_get(r, "of");
    if (!fld_string(r, "of", 1, L->d))
        return;
    w->represented = vocab_ref(L->s, VOC_ENTITIES, of, "representatives: of", L->d);
    for (i = 0; w->represented >= 0 && i < w->participants.n; i++)
        if (w->participants.v[i] == w->represented)
            break;
    if (w->represented >= 0 && i == w->participants.n)
        fld_error(of, L->d, "representatives: of: '%s' is not one of this workstream's "
                  "participants", val_str(of, NULL));
    if (!vocab_refs(L->s, VOC_ENTITIES, r, "by", &w->representatives, L->d))
        fld_error(r, L->d, "representatives: expected 'by', a list of entity ids");
    for (i = 0; i < w->representatives.n; i++)
        if (ints_has(&w->participants, w->representatives.v[i]))
            fld_error(val_get(r, "by"), L->d, "representatives: by: '%s' is also a participant "
                      "(an entity takes part on another's behalf or on its own, not both)",
                      L->s->vocab[VOC_ENTITIES].terms[w->representatives.v[i]].id);
}

/* "group: 'x' is not a group of this plan's plan.yaml (its groups: a, b)". */
static void bad_group(plan_load *L, const val *at, const char *group)
{
    buf b;
    size_t i;
    buf_init(&b);
    for (i = 0; i < L->p->ngroups; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", L->p->groups[i].id);
    fld_error(at, L->d, "group: '%s' is not a group of this plan's plan.yaml (%s%s)", group,
              L->p->ngroups ? "its groups: " : "it has no groups", buf_cstr(&b));
    buf_free(&b);
}

/* A workstream in a group whose plan states the group's status takes that status; one that
 * states another contradicts its plan (an error at its status). */
static void ws_group_status(plan_load *L, m_ws *w, const val *at)
{
    const m_group *g = w->group >= 0 ? &L->p->groups[w->group] : NULL;
    if (!g || g->status < 0)
        return;
    if (w->status < 0) {
        w->status = g->status;
        w->status_by_group = 1;
    } else if (w->status != g->status)
        fld_error(at, L->d, "status: '%s' contradicts the status '%s' that plan.yaml states for "
                  "its group '%s' (leave the workstream's status out, or the group's)",
                  L->s->vocab[VOC_STATUSES].terms[w->status].id,
                  L->s->vocab[VOC_STATUSES].terms[g->status].id, g->id);
}

static void ws_facts(plan_load *L, m_ws *w, const val *root)
{
    static const char *const known[] = {
        "number", "order", "group", "status", "leads", "participants", "interest", "objectives",
        "objectives_mentioned", "sdgs", "areas", "progress_declaration", "activities", "draft",
        "representatives", NULL};
    m_site *s = L->s;
    const char *group, *status;
    if (!fld_expect_map(root, "a workstream's .yaml", L->d))
        return;
    fld_check_keys(root, known, "a workstream", L->d);
    w->number = fld_string(root, "number", 0, L->d);   /* NULL: the source numbers it not */
    fld_int(root, "order", 0, 0, 1000000, &w->order, L->d);
    group = fld_string(root, "group", 1, L->d);
    w->group = group ? group_index(L->p, group) : -1;
    if (group && w->group < 0)
        bad_group(L, val_get(root, "group"), group);
    status = fld_string(root, "status", 0, L->d);
    w->status = status ? vocab_ref(s, VOC_STATUSES, val_get(root, "status"), "status", L->d) : -1;
    ws_group_status(L, w, val_get(root, "status"));
    w->has_leads = vocab_refs(s, VOC_ENTITIES, root, "leads", &w->leads, L->d);
    w->has_participants = vocab_refs(s, VOC_ENTITIES, root, "participants", &w->participants,
                                     L->d);
    w->has_interest = vocab_refs(s, VOC_ENTITIES, root, "interest", &w->interest, L->d);
    w->has_objectives = vocab_refs(s, VOC_OBJECTIVES, root, "objectives", &w->objectives, L->d);
    w->has_objectives_mentioned = vocab_refs(s, VOC_OBJECTIVES, root, "objectives_mentioned",
                                             &w->objectives_mentioned, L->d);
    w->has_sdgs = vocab_refs(s, VOC_SDGS, root, "sdgs", &w->sdgs, L->d);
    w->has_areas = vocab_refs(s, VOC_AREAS, root, "areas", &w->areas, L->d);
    w->has_progress_declaration = val_get(root, "progress_declaration") != NULL;
    read_strs(s, val_get(root, "progress_declaration"), "progress_declaration",
              &w->progress_declaration, L->d);
    w->draft = fld_bool(root, "draft", L->d);
    ws_representatives(L, w, val_get(root, "representatives"));
    ws_act_facts(L, w, val_get(root, "activities"));
}

static void ws_act_text(plan_load *L, m_activity *a, const val *v, size_t li)
{
    static const char *const known[] = {"text", "items", "timeline", "reference", NULL};
    if (val_kind_of(v) == VAL_STRING) {
        a->text[li] = val_str(v, NULL);
        return;
    }
    if (!fld_expect_map(v, "an activity", L->d))
        return;
    fld_check_keys(v, known, "an activity", L->d);
    a->text[li] = fld_string(v, "text", 1, L->d);
    read_strs(L->s, val_get(v, "items"), "items", &a->items[li], L->d);
    a->timeline[li] = fld_string(v, "timeline", 0, L->d);
    a->reference[li] = fld_string(v, "reference", 0, L->d);
}

static void ws_acts_text(plan_load *L, m_ws *w, const val *list, size_t li)
{
    size_t i;
    if (!list || val_kind_of(list) == VAL_NULL || !fld_expect_list(list, "activities", L->d))
        return;
    if (!acts_count_ok(L, w, list))
        return;
    acts_ensure(L, w, list);
    for (i = 0; i < w->nacts; i++)
        ws_act_text(L, &w->acts[i], val_at(list, i), li);
}

static void ws_text(plan_load *L, m_ws *w, int i, size_t li)
{
    static const char *const known[] = {"title", "summary", "purpose", "timeline",
                                        "status_note", "activities", NULL};
    val *fm = take(L, i);
    w->has_lang[li] = 1;   /* the file exists, even if it does not parse */
    if (!fm)
        return;
    w->body[li] = L->pre[i].body;
    fld_check_keys(fm, known, "a workstream's text", L->d);
    w->title[li] = fld_string(fm, "title", 1, L->d);
    w->summary[li] = fld_string(fm, "summary", 0, L->d);
    w->purpose[li] = fld_string(fm, "purpose", 0, L->d);
    w->timeline[li] = fld_string(fm, "timeline", 0, L->d);
    w->status_note[li] = fld_string(fm, "status_note", 0, L->d);
    ws_acts_text(L, w, val_get(fm, "activities"), li);
}

/* ---- the folder ---- */

static m_ws *ws_new(plan_load *L, const char *stem, const char *path)
{
    m_ws *w = val_arena_alloc(L->s->arena, sizeof *w);
    memset(w, 0, sizeof *w);
    w->slug = val_arena_strndup(L->s->arena, stem, strlen(stem));
    w->plan = L->p;
    w->status = -1;
    w->represented = -1;
    w->group = -1;
    w->loc.path = val_arena_strndup(L->s->arena, path, strlen(path));
    w->loc.line = 1;
    w->loc.col = 1;
    if (L->nws == L->cap) {
        L->cap = L->cap ? L->cap * 2 : 16;
        L->ws = xrealloc(L->ws, L->cap * sizeof *L->ws);
    }
    strmap_put(L->by_stem, w->slug, (int)L->nws);
    L->ws[L->nws++] = w;
    return w;
}

/* A workstream's facts: registered even when its YAML is broken, so its text files still pair. */
static void on_facts(void *ud, int i, const char *stem, const char *path)
{
    plan_load *L = ud;
    m_ws *w = ws_new(L, stem, path);
    val *root = take(L, i);
    w->mtime = L->pre[i].mtime;
    if (root)
        ws_facts(L, w, root);
}

/* A text file: the plan's, or a workstream's paired with its facts by name. */
static void on_text(void *ud, int i, const char *stem, size_t li, const char *path)
{
    plan_load *L = ud;
    int wi;
    if (!strcmp(stem, "plan"))
        plan_text(L, i, li);
    else if ((wi = strmap_get(L->by_stem, stem)) < 0)
        diag_add(L->d, DIAG_ERROR, path, 0, 0, "translation without an original: there is no "
                 "%s.yaml beside it with the workstream's facts", stem);
    else
        ws_text(L, L->ws[wi], i, li);
}

static const pre_scan plan_scan = {
    "workstream", " (lower-case letters, digits and hyphens)", "plan.yaml",
    "unexpected file in a plan folder (expected plan.yaml, plan.LANG.md, <workstream>.yaml and "
    "<workstream>.LANG.md)", on_facts, on_text};

/* plan.yaml first (its groups are needed first), then the folder's scan. */
static void scan(plan_load *L, char **names, int n)
{
    int i, plan = -1;
    val *root;
    for (i = 0; i < n; i++)
        if (!strcmp(names[i], "plan.yaml"))
            plan = i;
    if (plan >= 0) {
        root = take(L, plan);
        L->p->mtime = L->pre[plan].mtime;
    } else
        root = yaml_load_file_timed(L->s->arena, L->p->loc.path, &L->p->mtime, L->d);
    if (root)
        plan_facts(L, root);
    pre_scan_folder(&plan_scan, L, L->s, L->dir, names, n, L->d);
}

/* The order the plan page shows: by group (plan.yaml's order), then by order, then by slug; so
 * a workstream's index gives its prev/next and every list of the plan follows the page. */
static int ws_cmp(const void *a, const void *b)
{
    const m_ws *x = *(m_ws *const *)a, *y = *(m_ws *const *)b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    return fld_order_cmp(x->order, x->slug, y->order, y->slug);
}

/* A missing translation is a warning: the page falls back to another language. */
static void check_langs(plan_load *L, const int *has, const m_loc *loc, const char *what,
                        const char *slug)
{
    fld_check_langs(L->d, loc->path, loc->line, loc->col, what, slug, " beside it", has,
                    L->s->langs, L->s->nlangs);
}

static void check_numbers(plan_load *L)
{
    strmap *seen = strmap_new();
    size_t i;
    for (i = 0; i < L->p->nws; i++) {
        m_ws *w = L->p->ws[i];
        const char *key;
        int prev;
        if (!w->number)
            continue;
        /* numbers are unique within a group: a source may number each group from 1 */
        key = val_arena_cat(L->s->arena, w->group >= 0 ? L->p->groups[w->group].id : "",
                            "\n", w->number, (char *)NULL);
        prev = strmap_put(seen, key, (int)i);
        if (prev >= 0)
            diag_add(L->d, DIAG_ERROR, w->loc.path, w->loc.line, w->loc.col,
                     "number: duplicate workstream number '%s' in group '%s' of plan '%s' "
                     "(also %s)", w->number, w->group >= 0 ? L->p->groups[w->group].id : "",
                     L->p->slug, L->p->ws[prev]->loc.path);
    }
    strmap_free(seen);
}

static void plan_finish(plan_load *L)
{
    m_plan *p = L->p;
    size_t i, n = 0;
    p->ws = val_arena_alloc(L->s->arena, (L->nws ? L->nws : 1) * sizeof *p->ws);
    for (i = 0; i < L->nws; i++) {
        if (L->ws[i]->draft && !L->opts->drafts)
            continue;   /* a draft left out is not checked for translations */
        check_langs(L, L->ws[i]->has_lang, &L->ws[i]->loc, "workstream", L->ws[i]->slug);
        p->ws[n++] = L->ws[i];
    }
    p->nws = n;
    qsort(p->ws, n, sizeof *p->ws, ws_cmp);
    for (i = 0; i < n; i++)
        p->ws[i]->index = i;
    check_numbers(L);
    check_langs(L, p->has_lang, &p->loc, "plan", p->slug);
}

static m_plan *plan_load_dir(m_site *s, const m_load_opts *opts, const char *dir,
                             const char *slug, diag_list *d)
{
    plan_load L;
    char **names = NULL;
    int n;
    memset(&L, 0, sizeof L);
    L.s = s;
    L.opts = opts;
    L.d = d;
    L.dir = dir;
    L.by_stem = strmap_new();
    L.p = val_arena_alloc(s->arena, sizeof *L.p);
    memset(L.p, 0, sizeof *L.p);
    L.p->slug = val_arena_strndup(s->arena, slug, strlen(slug));
    {
        char *pp = fs_join(dir, "plan.yaml");
        L.p->loc.path = val_arena_strndup(s->arena, pp, strlen(pp));
        free(pp);
    }
    L.p->loc.line = 1;
    L.p->loc.col = 1;
    n = fs_list(dir, &names);
    if (n > 0) {
        L.pre = pre_folder(s, opts, dir, names, n);
        scan(&L, names, n);
        pre_folder_free(L.pre, n);
        fs_names_free(names, n);
    }
    plan_finish(&L);
    free(L.ws);
    strmap_free(L.by_stem);
    return L.p;
}

static int plan_cmp(const void *a, const void *b)
{
    const m_plan *x = *(m_plan *const *)a, *y = *(m_plan *const *)b;
    return fld_order_cmp(x->order, x->slug, y->order, y->slug);
}

void plans_load_all(m_site *s, const m_load_opts *opts, diag_list *d)
{
    char *root = fs_join(s->dir, "content/plans"), **names = NULL;
    int n = fs_list(root, &names), i;
    size_t k = 0;
    if (n < 0) {
        diag_add(d, DIAG_ERROR, root, 0, 0, "missing: the folder of workplans");
        goto out;
    }
    s->plans = val_arena_alloc(s->arena, ((size_t)n + 1) * sizeof *s->plans);
    for (i = 0; i < n; i++) {
        char *dir = fs_join(root, names[i]);
        if (fs_is_link(dir))
            diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot read: %s", fs_strerror(ELOOP));
        else if (!fs_is_dir(dir))
            diag_add(d, DIAG_ERROR, dir, 0, 0, "unexpected file (content/plans holds one folder "
                     "per plan)");
        else if (!fld_slug_ok(names[i]))
            diag_add(d, DIAG_ERROR, dir, 0, 0, "'%s' is not a valid plan slug (lower-case "
                     "letters, digits and hyphens)", names[i]);
        else {
            m_plan *p = plan_load_dir(s, opts, dir, names[i], d);
            if (!p->draft || opts->drafts)
                s->plans[k++] = p;
        }
        free(dir);
    }
    s->nplans = k;
    qsort(s->plans, k, sizeof *s->plans, plan_cmp);
    for (k = 0; k < s->nplans; k++) {
        size_t i;
        for (i = 0; i < s->plans[k]->nws; i++)
            s->plans[k]->ws[i]->gid = s->nws + i;
        s->nws += s->plans[k]->nws;
    }
out:
    if (n > 0)
        fs_names_free(names, n);
    free(root);
}
