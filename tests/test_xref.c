/* site/xref: the cross-indexes of a site of two plans — which workstreams list each objective,
 * area, SDG and entity (in each role), in plan order and each once; counts per plan; how many
 * workstreams of a plan do not state a fact; entities used or not. */
#include "site_fixture.h"
#include "site/index/xref.h"

/* The base plan 2024-2025 (order 1) has 01-datos (objectives 1 3, mentioned 2, area 1, no SDG,
 * leads iom, participants unhcr ilo, an activity of iom) and 02-retorno (lead unhcr, nothing
 * stated); 03-borrador is a draft. Add plan 2019-2020 before it (order 0) with two workstreams. */
static void add_plan_2019(const char *dir)
{
    fx_put(dir, "content/plans/2019-2020/plan.yaml",
           "scope: global\nperiod: {start: 2019, end: 2020}\norder: 0\ngroups:\n  - id: core\n");
    fx_put(dir, "content/plans/2019-2020/plan.es.md", "---\ntitle: \"Plan 2019\"\n---\n");
    fx_put(dir, "content/plans/2019-2020/plan.en.md", "---\ntitle: \"Plan 2019\"\n---\n");
    fx_put(dir, "content/plans/2019-2020/a.yaml",
           "number: \"A\"\norder: 1\ngroup: core\nleads: [ilo]\ninterest: [iom]\n"
           "objectives: [3]\nsdgs: [2]\nareas: []\n"
           "activities:\n  - entities: [unhcr]\n  - entities: [unhcr, ilo]\n  - {}\n");
    fx_put(dir, "content/plans/2019-2020/a.es.md",
           "---\ntitle: A\nactivities: [\"uno\", \"dos\", \"tres\"]\n---\n");
    fx_put(dir, "content/plans/2019-2020/a.en.md",
           "---\ntitle: A\nactivities: [\"one\", \"two\", \"three\"]\n---\n");
    fx_put(dir, "content/plans/2019-2020/b.yaml",
           "number: \"B\"\norder: 2\ngroup: core\nleads: [iom]\nobjectives: [1]\n");
    fx_put(dir, "content/plans/2019-2020/b.es.md", "---\ntitle: B\n---\n");
    fx_put(dir, "content/plans/2019-2020/b.en.md", "---\ntitle: B\n---\n");
}

/* The numbers of the workstreams of a list, space separated, in a static buffer. */
static const char *numbers(const xr_list *l)
{
    static char out[256];
    size_t i;
    out[0] = '\0';
    for (i = 0; i < l->n; i++) {
        if (i)
            strcat(out, " ");
        strncat(out, l->ws[i]->number, 20);
    }
    return out;
}

static void test_lists(const m_site *s, const xref *x)
{
    /* objectives index numbers-1; entities: iom 0, unhcr 1, ilo 2 */
    CHECK_STR(numbers(xref_get(x, XR_OBJECTIVE, 0)), "B 1.1");
    CHECK_STR(numbers(xref_get(x, XR_OBJECTIVE, 1)), "");
    CHECK_STR(numbers(xref_get(x, XR_OBJECTIVE, 2)), "A 1.1");
    CHECK_STR(numbers(xref_get(x, XR_MENTIONED, 1)), "1.1");
    CHECK_STR(numbers(xref_get(x, XR_AREA, 0)), "1.1");
    CHECK_STR(numbers(xref_get(x, XR_AREA, 1)), "");
    CHECK_STR(numbers(xref_get(x, XR_SDG, 1)), "A");
    CHECK_STR(numbers(xref_get(x, XR_SDG, 0)), "");
    CHECK_STR(numbers(xref_get(x, XR_LEAD, 0)), "B 1.1");
    CHECK_STR(numbers(xref_get(x, XR_LEAD, 1)), "2");
    CHECK_STR(numbers(xref_get(x, XR_LEAD, 2)), "A");
    CHECK_STR(numbers(xref_get(x, XR_PARTICIPANT, 1)), "1.1");
    CHECK_STR(numbers(xref_get(x, XR_PARTICIPANT, 2)), "1.1");
    CHECK_STR(numbers(xref_get(x, XR_INTEREST, 0)), "A");
    /* two activities of A name unhcr: A once */
    CHECK_STR(numbers(xref_get(x, XR_ACTIVITY, 1)), "A");
    CHECK_STR(numbers(xref_get(x, XR_ACTIVITY, 2)), "A");
    CHECK_STR(numbers(xref_get(x, XR_ACTIVITY, 0)), "1.1");
    /* out of range: an empty list, never NULL */
    CHECK_SIZE(xref_get(x, XR_OBJECTIVE, 3)->n, 0);
    CHECK_SIZE(xref_get(x, XR_LEAD, 999)->n, 0);
    CHECK_SIZE(xref_count_in_plan(xref_get(x, XR_OBJECTIVE, 0), s->plans[0]), 1);
    CHECK_SIZE(xref_count_in_plan(xref_get(x, XR_OBJECTIVE, 0), s->plans[1]), 1);
    CHECK_SIZE(xref_count_in_plan(xref_get(x, XR_LEAD, 0), s->plans[0]), 1);
    CHECK_SIZE(xref_count_in_plan(xref_get(x, XR_LEAD, 1), s->plans[0]), 0);
    CHECK_SIZE(xref_count_in_plan(xref_get(x, XR_LEAD, 1), s->plans[1]), 1);
}

static void test_roles_and_unknown(const xref *x)
{
    CHECK_INT(xref_vocab(XR_OBJECTIVE), VOC_OBJECTIVES);
    CHECK_INT(xref_vocab(XR_MENTIONED), VOC_OBJECTIVES);
    CHECK_INT(xref_vocab(XR_AREA), VOC_AREAS);
    CHECK_INT(xref_vocab(XR_SDG), VOC_SDGS);
    CHECK_INT(xref_vocab(XR_LEAD), VOC_ENTITIES);
    CHECK_INT(xref_vocab(XR_ACTIVITY), VOC_ENTITIES);
    CHECK_INT(xref_role_of(VOC_OBJECTIVES), XR_OBJECTIVE);
    CHECK_INT(xref_role_of(VOC_AREAS), XR_AREA);
    CHECK_INT(xref_role_of(VOC_SDGS), XR_SDG);
    /* a vocabulary without a cross-index of its own reads as empty, not as another's lists */
    CHECK_INT(xref_role_of(VOC_PRINCIPLES), XR_COUNT);
    CHECK_SIZE(xref_get(x, xref_role_of(VOC_PRINCIPLES), 0)->n, 0);
    /* plan 0 (2019): A states objectives, SDGs and areas (empty); B only objectives */
    CHECK_SIZE(xref_unknown(x, 0, VOC_OBJECTIVES), 0);
    CHECK_SIZE(xref_unknown(x, 0, VOC_SDGS), 1);
    CHECK_SIZE(xref_unknown(x, 0, VOC_AREAS), 1);
    /* plan 1 (2024): 1.1 states all three (SDGs empty); 2 none */
    CHECK_SIZE(xref_unknown(x, 1, VOC_OBJECTIVES), 1);
    CHECK_SIZE(xref_unknown(x, 1, VOC_SDGS), 1);
    CHECK_SIZE(xref_unknown(x, 1, VOC_AREAS), 1);
    CHECK_SIZE(xref_unknown(x, 1, VOC_ENTITIES), 0);
    CHECK_INT(xref_entity_used(x, 0), 1);
    CHECK_INT(xref_entity_used(x, 2), 1);
}

/* An entity named only in an activity is used; one named nowhere is not. */
static void test_entity_used(void)
{
    char *dir = fx_site(0);
    diag_list *d = diag_list_new();
    m_site *s;
    xref *x;
    fx_put(dir, "content/plans/2024-2025/02-retorno.yaml",
           "number: \"2\"\norder: 2\ngroup: thematic\nleads: [iom]\n");
    s = fx_load(dir, 0, d);
    CHECK(fx_no_errors(d));
    x = xref_build(s);
    CHECK_INT(xref_entity_used(x, 0), 1);
    CHECK_INT(xref_entity_used(x, 1), 1); /* unhcr: participant of 1.1 */
    CHECK_INT(xref_entity_used(x, 2), 1);
    CHECK_STR(numbers(xref_get(x, XR_LEAD, 1)), "");
    /* 1.1 states its SDGs (none: []): the SDGs have a known value */
    CHECK_INT(xref_none_stated(x, s, VOC_SDGS), 0);
    CHECK_INT(xref_none_stated(x, s, VOC_OBJECTIVES), 0);
    xref_free(x);
    model_free(s);
    fx_put(dir, "content/plans/2024-2025/01-datos.yaml",
           "number: \"1.1\"\norder: 1\ngroup: core\nleads: [iom]\nactivities:\n"
           "  - entities: [unhcr]\n  - {}\n");
    diag_clear(d);
    s = fx_load(dir, 0, d);
    CHECK(fx_no_errors(d));
    x = xref_build(s);
    CHECK_INT(xref_entity_used(x, 1), 1); /* only in an activity */
    CHECK_INT(xref_entity_used(x, 2), 0); /* ilo: nowhere now */
    CHECK_SIZE(xref_unknown(x, 0, VOC_OBJECTIVES), 2);
    /* now no workstream states objectives, SDGs or areas; entities have no such count */
    CHECK_INT(xref_none_stated(x, s, VOC_OBJECTIVES), 1);
    CHECK_INT(xref_none_stated(x, s, VOC_SDGS), 1);
    CHECK_INT(xref_none_stated(x, s, VOC_AREAS), 1);
    CHECK_INT(xref_none_stated(x, s, VOC_ENTITIES), 0);
    xref_free(x);
    model_free(s);
    diag_list_free(d);
    fx_remove(dir);
}

int main(void)
{
    char *dir = fx_site(0);
    diag_list *d = diag_list_new();
    m_site *s;
    add_plan_2019(dir);
    s = fx_load(dir, 0, d);
    CHECK(fx_no_errors(d));
    if (s && s->nplans == 2) {
        xref *x = xref_build(s);
        CHECK_STR(s->plans[0]->slug, "2019-2020");
        test_lists(s, x);
        test_roles_and_unknown(x);
        CHECK_INT(xref_none_stated(x, s, VOC_SDGS), 0);   /* A states SDG 2 */
        xref_free(x);
    } else
        CHECK(!"two plans loaded");
    model_free(s);
    diag_list_free(d);
    fx_remove(dir);
    test_entity_used();
    return h_done();
}
