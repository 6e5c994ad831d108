/* content/: the five source documents as published. Loads the repository's own content and checks
 * its structure against counts taken by hand from the five source documents (the seed line each
 * number comes from is written beside it; the test reads only this repository), the GCM
 * objectives each source lists, and that the content has no error and no missing translation. */
#include "harness.h"
#include "content/model.h"
#include "site/index/xref.h"
#include <stdlib.h>
#include <string.h>

typedef struct expect_ws {
    const char *number;
    const char *group;
    size_t activities;
    const char *objectives;    /* as the seed lists them, in its order; NULL: not stated */
    const char *seed_lines;    /* where the activities (and objectives) are in the seed */
} expect_ws;

/* Seed 000_cf1b9e383eb619ae.txt: the Network's first workplan (July 2019). Thematic workstreams
 * are "Lineamiento temático 1" .. 6 (lines 168-215); the annex's nine are unnumbered (228-292). */
static const expect_ws plan2019[] = {
    {"1.1", "core", 7, NULL, "activities 1)-7) line 91"},
    {"1.2", "core", 4, NULL, "1)-4) lines 99-101"},
    {"2.1", "core", 7, NULL, "1)-7) lines 112-114"},
    {"2.2", "core", 6, NULL, "1)-6) line 121"},
    {"3", "core", 5, NULL, "1)-5) line 135"},
    {"4.1", "core", 3, NULL, "1)-3) line 146"},
    {"4.2", "core", 3, NULL, "1)-3) line 153"},
    {"4.3", "core", 4, NULL, "1)-4) line 161"},
    {"1", "thematic", 4, "1", "1)-4) line 172; objectives line 169"},
    {"2", "thematic", 4, "13 7 10", "1)-4) line 183; objectives line 180"},
    {"3", "thematic", 3, "5 7", "1)-3) line 192; objectives line 189"},
    {"4", "thematic", 4, "5 6 18 19", "1)-4) line 201; objectives line 198"},
    {"5", "thematic", 3, "21 7 10 12 15 16", "1)-3) line 210; objectives line 207"},
    {"6", "thematic", 3, "15 16 19", "1)-3) line 219; objectives line 216"},
    {NULL, "proposed", 6, "1 3 17 23", "1)-6) line 232; objectives line 229"},
    {NULL, "proposed", 2, "2 7 8 12 13 23", "1)-2) line 241; objectives line 238"},
    {NULL, "proposed", 4, "1 2 5 23", "1)-4) lines 248-250; objectives line 245"},
    {NULL, "proposed", 4, "9 1 2 7 8 11 14", "1)-4) lines 257-259; objectives line 254"},
    {NULL, "proposed", 1, "19 20 23", "1) lines 268-270; objectives line 265"},
    {NULL, "proposed", 1, "1 2 3 4 5 15 19 21 22 23", "1) line 277; objectives line 274"},
    {NULL, "proposed", 3, NULL, "1)-3) lines 282-284"},
    {NULL, "proposed", 2, NULL, "1)-2) line 289"},
    {NULL, "proposed", 9, NULL, "1)-9) lines 294-296"},
};

/* Seed 001_f4e60924a86ef5d8.txt: the workplan 2022-2024. Its per-workstream objectives were icons
 * that did not survive the extraction: not stated. */
static const expect_ws plan2022[] = {
    {"1", "new", 5, NULL, "- 1 to - 5, lines 153-169"},
    {"2", "new", 6, NULL, "lines 196-211"},
    {"3", "new", 6, NULL, "four bullets then 5 and 6, lines 229-250"},
    {"4", "new", 3, NULL, "lines 282-296"},
    {"5", "new", 4, NULL, "lines 324-345"},
    {"6", "ongoing", 2, NULL, "two activities with 6 and 5 sub-items, lines 381-402"},
    {"7", "ongoing", 3, NULL, "lines 434-450"},
    {"8", "ongoing", 1, NULL, "one activity with 3 sub-items, lines 474-480"},
    {"9", "ongoing", 5, NULL, "lines 509-521"},
    {"10", "ongoing", 10, NULL, "lines 553-609"},
    {"11", "ongoing", 4, NULL, "lines 637-649"},
    {"12", "ongoing", 6, NULL, "lines 681-723"},
    {"13", "ongoing", 3, NULL, "lines 757-771"},
    {"14", "ongoing", 5, NULL, "lines 799-825"},
};

/* Seed 004_7a9702581e6fb8f3.txt: the regional workplan 2023-2024 for Latin America and the
 * Caribbean: core priorities numbered 1-4 in the seed (lines 43-46), thematic ones 1-3 (lines 52-56),
 * and so here. */
static const expect_ws plan_lac[] = {
    {"1", "core", 6, NULL, "table lines 69-78"},
    {"2", "core", 4, NULL, "table lines 81-88"},
    {"3", "core", 6, NULL, "table lines 94-103"},
    {"4", "core", 2, NULL, "table lines 109-115"},
    {"1", "thematic", 2, "1 8 23", "table lines 125-127; objectives lines 53, 123"},
    {"2", "thematic", 4, "5 6 9 10 16 17 19 22 23", "table lines 135-143; objectives 55, 133"},
    {"3", "thematic", 2, "7 15 16 21 23", "table lines 152-154; objectives lines 57, 151"},
};

static const m_plan *find_plan(const m_site *s, const char *slug)
{
    size_t i;
    for (i = 0; i < s->nplans; i++)
        if (!strcmp(s->plans[i]->slug, slug))
            return s->plans[i];
    return NULL;
}

static void objectives_text(const m_ws *w, char *out, size_t size)
{
    size_t i, n = 0;
    out[0] = '\0';
    for (i = 0; i < w->objectives.n && n + 4 < size; i++)
        n += (size_t)snprintf(out + n, size - n, "%s%d", i ? " " : "", w->objectives.v[i] + 1);
}

static void check_plan(const m_site *s, const char *slug, const expect_ws *e, size_t n)
{
    const m_plan *p = find_plan(s, slug);
    size_t i;
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_SIZE(p->nws, n);
    for (i = 0; i < n && i < p->nws; i++) {
        const m_ws *w = p->ws[i];
        char objs[128];
        if (e[i].number)
            CHECK_STR(w->number, e[i].number);
        else
            CHECK(w->number == NULL);   /* unnumbered in the source: no code of the site's */
        CHECK_STR(p->groups[w->group].id, e[i].group);
        if (w->nacts != e[i].activities)
            fprintf(stderr, "%s %s: %zu activities, the seed has %zu (%s)\n", slug, w->number,
                    w->nacts, e[i].activities, e[i].seed_lines);
        CHECK_SIZE(w->nacts, e[i].activities);
        CHECK(w->has_objectives == (e[i].objectives != NULL));
        objectives_text(w, objs, sizeof objs);
        if (e[i].objectives)
            CHECK_STR(objs, e[i].objectives);
        CHECK(w->has_lang[0] && w->has_lang[1]);
    }
}

static size_t group_count(const m_plan *p, const char *group)
{
    size_t i, n = 0;
    for (i = 0; i < p->nws; i++)
        n += !strcmp(p->groups[p->ws[i]->group].id, group);
    return n;
}

/* The objective pages list exactly the workstreams whose source lists that objective. */
static void check_objective_index(const m_site *s)
{
    xref *x = xref_build(s);
    const xr_list *l = xref_get(x, XR_OBJECTIVE, 8 - 1);
    size_t i;
    const char *want[] = {"2019-2020 16-factores-adversos-y-estructurales",
                          "2019-2020 18-trafico-ilicito-de-migrantes",
                          "lac-2023-2024 05-migrantes-desaparecidos"};
    CHECK_SIZE(l->n, 3);
    for (i = 0; i < l->n && i < 3; i++) {
        char got[96];
        snprintf(got, sizeof got, "%s %s", l->ws[i]->plan->slug, l->ws[i]->slug);
        CHECK_STR(got, want[i]);
    }
    /* objective 23: five of the 2019 annex (seed 000 lines 229, 238, 245, 265, 274) and the
     * regional thematic priorities 1-3 */
    CHECK_SIZE(xref_get(x, XR_OBJECTIVE, 23 - 1)->n, 8);
    /* 2022-2024 workstream 2 mentions objective 8 in its text: mentioned, not listed */
    CHECK_SIZE(xref_get(x, XR_MENTIONED, 8 - 1)->n, 1);
    CHECK_STR(xref_get(x, XR_MENTIONED, 8 - 1)->ws[0]->plan->slug, "2022-2024");
    xref_free(x);
}

/* The plans' dates are the documents' dates; none of the sources says "adopted". */
static void check_plan_dates(const m_site *s)
{
    const m_plan *p;
    if ((p = find_plan(s, "2019-2020")) != NULL) {
        CHECK_STR(p->date, "2019-07");        /* seed 000 line 7: "julio de 2019" */
        CHECK(p->adopted == NULL);
        CHECK_INT(p->period_start, 0);        /* no period in seed 000 (timelines run past 2020) */
    }
    if ((p = find_plan(s, "2022-2024")) != NULL) {
        CHECK_STR(p->date, "2022-12-15");     /* seed 001 line 17: "15 de diciembre de 2022" */
        CHECK(p->adopted == NULL);
        CHECK(p->period_start == 2022 && p->period_end == 2024);   /* seed 001 lines 3-7 */
    }
    if ((p = find_plan(s, "lac-2023-2024")) != NULL) {
        CHECK_STR(p->date, "2023-05");        /* seed 004 line 9: "Mayo de 2023" */
        CHECK(p->adopted == NULL);
        CHECK(p->period_start == 2023 && p->period_end == 2024);   /* seed 004 line 7 */
    }
}

static int entity_id_is(const m_site *s, int e, const char *id)
{
    return e >= 0 && !strcmp(s->vocab[VOC_ENTITIES].terms[e].id, id);
}

/* Seed 001 line 412 (workstream 6 of 2022-2024): "Civil Society Action Committee, representado por
 * Alianza Americas, PICUM y Migrant Forum in Asia": the three take part on the Committee's behalf. */
static void check_representatives(const m_site *s)
{
    const m_plan *p = find_plan(s, "2022-2024");
    const m_ws *w = p && p->nws >= 6 ? p->ws[5] : NULL;
    const char *by[] = {"alianza-americas", "picum", "mfa"};
    size_t i, j;
    CHECK(w != NULL);
    if (!w)
        return;
    CHECK(entity_id_is(s, w->represented, "civil-society-action-committee"));
    CHECK_SIZE(w->representatives.n, 3);
    for (i = 0; i < w->representatives.n && i < 3; i++)
        CHECK(entity_id_is(s, w->representatives.v[i], by[i]));
    for (i = 0; i < w->participants.n; i++)       /* not participants of their own */
        for (j = 0; j < 3; j++)
            CHECK(!entity_id_is(s, w->participants.v[i], by[j]));
}

/* Seed 001 states no status per workstream but one per group: workstreams 6-14 are "lineamientos
 * en curso" (line 128 "ii) lineamientos en curso", line 375 "LINEAMIENTOS EN CURSO"); the five new
 * ones (line 127, 143) name none. The other plans state no status by group. */
static void check_group_status(const m_site *s)
{
    const m_plan *p = find_plan(s, "2022-2024");
    size_t i, g;
    CHECK(p != NULL && p->ngroups == 2);
    if (!p || p->ngroups != 2)
        return;
    CHECK_INT(p->groups[0].status, -1);
    CHECK(p->groups[1].status >= 0
          && !strcmp(s->vocab[VOC_STATUSES].terms[p->groups[1].status].id, "ongoing"));
    for (i = 0; i < p->nws; i++) {
        const m_ws *w = p->ws[i];
        int ongoing = !strcmp(p->groups[w->group].id, "ongoing");
        CHECK_INT(w->status_by_group, ongoing);
        CHECK_INT(w->status, ongoing ? p->groups[1].status : -1);
    }
    for (i = 0; i < s->nplans; i++)
        for (g = 0; g < s->plans[i]->ngroups; g++)
            if (s->plans[i] != p)
                CHECK_INT(s->plans[i]->groups[g].status, -1);
}

int main(void)
{
    diag_list *d = diag_list_new();
    m_load_opts o = {0, 0};
    m_site *s = model_load(PLANSITE_SOURCE_DIR, &o, d);
    const m_plan *p;
    diag_print(d, stderr);
    CHECK(s != NULL);
    if (!s)
        return h_done();
    CHECK_SIZE(diag_errors(d), 0);
    CHECK_SIZE(diag_warnings(d), 0);   /* no missing translation anywhere */
    CHECK_SIZE(s->nplans, 3);
    check_plan(s, "2019-2020", plan2019, sizeof plan2019 / sizeof *plan2019);
    check_plan(s, "2022-2024", plan2022, sizeof plan2022 / sizeof *plan2022);
    check_plan(s, "lac-2023-2024", plan_lac, sizeof plan_lac / sizeof *plan_lac);
    if ((p = find_plan(s, "2019-2020")) != NULL) {
        CHECK(group_count(p, "core") == 8 && group_count(p, "thematic") == 6);
        /* the annex: one list of 9 under one heading (seed 000 lines 224-226, 228-292) */
        CHECK_INT(group_count(p, "proposed"), 9);
        CHECK_INT(group_count(p, "cross-cutting"), 0);
    }
    if ((p = find_plan(s, "2022-2024")) != NULL)
        CHECK(group_count(p, "new") == 5 && group_count(p, "ongoing") == 9);
    if ((p = find_plan(s, "lac-2023-2024")) != NULL)
        CHECK(group_count(p, "core") == 4 && group_count(p, "thematic") == 3);
    CHECK(s->vocab[VOC_OBJECTIVES].n == 23 && s->vocab[VOC_PRINCIPLES].n == 10);
    CHECK(s->vocab[VOC_AREAS].n == 5 && s->vocab[VOC_SDGS].n == 17);
    CHECK_SIZE(s->npages, 2);
    check_objective_index(s);
    check_representatives(s);
    check_plan_dates(s);
    check_group_status(s);
    model_free(s);
    diag_list_free(d);
    return h_done();
}
