#include "datafiles.h"
#include <string.h>

#define END {NULL, 0, 0, NULL, NULL}

static const df_field term_fields[] = {
    {"id", DF_STRING, 0, "df_term_id", NULL},
    {"title", DF_TEXTS, 0, "df_term_title", NULL},
    {"short", DF_TEXTS, 0, "df_term_short", NULL},
    END};

static const df_field entity_fields[] = {
    {"id", DF_STRING, 0, "df_term_id", NULL},
    {"title", DF_TEXTS, 0, "df_term_title", NULL},
    {"short", DF_TEXTS, 0, "df_term_short", NULL},
    {"group", DF_STRING, 1, "df_entity_group", NULL},
    END};

static const df_field period_fields[] = {
    {"start", DF_INT, 0, "df_period_start", NULL},
    {"end", DF_INT, 0, "df_period_end", NULL},
    END};

static const df_field source_fields[] = {
    {"title", DF_STRING, 0, "df_source_title", NULL},
    {"url", DF_STRING, 1, "df_source_url", NULL},
    {"date", DF_STRING, 1, "df_source_date", NULL},
    END};

static const df_field group_fields[] = {
    {"id", DF_STRING, 0, "df_group_id", NULL},
    {"status", DF_STRING, 1, "df_group_status", NULL},
    {"title", DF_TEXTS, 0, "df_group_title", NULL},
    END};

static const df_field rep_fields[] = {
    {"of", DF_STRING, 0, "df_rep_of", NULL},
    {"by", DF_IDS, 0, "df_rep_by", NULL},
    END};

static const df_field activity_fields[] = {
    {"text", DF_TEXTS, 0, "df_act_text", NULL},
    {"items", DF_TEXT_LISTS, 0, "df_act_items", NULL},
    {"timeline", DF_TEXTS, 1, "df_act_timeline", NULL},
    {"reference", DF_TEXTS, 1, "df_act_reference", NULL},
    {"entities", DF_IDS, 1, "df_act_entities", NULL},
    END};

/* In the order export.c writes them. */
static const df_field ws_fields[] = {
    {"slug", DF_STRING, 0, "df_ws_slug", NULL},
    {"number", DF_STRING, 1, "df_ws_number", NULL},
    {"group", DF_STRING, 1, "df_ws_group", NULL},
    {"status", DF_STRING, 1, "df_ws_status", NULL},
    {"status_by_group", DF_BOOL, 0, "df_ws_status_by_group", NULL},
    {"leads", DF_IDS, 1, "df_ws_leads", NULL},
    {"participants", DF_IDS, 1, "df_ws_participants", NULL},
    {"interest", DF_IDS, 1, "df_ws_interest", NULL},
    {"representatives", DF_OBJECT, 1, "df_ws_representatives", rep_fields},
    {"objectives", DF_NUMBERS, 1, "df_ws_objectives", NULL},
    {"objectives_mentioned", DF_NUMBERS, 1, "df_ws_objectives_mentioned", NULL},
    {"sdgs", DF_NUMBERS, 1, "df_ws_sdgs", NULL},
    {"areas", DF_NUMBERS, 1, "df_ws_areas", NULL},
    {"progress_declaration", DF_STRINGS, 1, "df_ws_progress_declaration", NULL},
    {"title", DF_TEXTS, 0, "df_ws_title", NULL},
    {"url", DF_TEXTS, 0, "df_ws_url", NULL},
    {"purpose", DF_TEXTS, 1, "df_ws_purpose", NULL},
    {"timeline", DF_TEXTS, 1, "df_ws_timeline", NULL},
    {"status_note", DF_TEXTS, 1, "df_ws_status_note", NULL},
    {"activities", DF_OBJECTS, 0, "df_ws_activities", activity_fields},
    END};

static const df_field plan_fields[] = {
    {"slug", DF_STRING, 0, "df_plan_slug", NULL},
    {"scope", DF_STRING, 0, "df_plan_scope", NULL},
    {"region", DF_STRING, 1, "df_plan_region", NULL},
    {"period", DF_OBJECT, 1, "df_plan_period", period_fields},
    {"date", DF_STRING, 1, "df_plan_date", NULL},
    {"adopted", DF_STRING, 1, "df_plan_adopted", NULL},
    {"source", DF_OBJECT, 1, "df_plan_source", source_fields},
    {"title", DF_TEXTS, 0, "df_plan_title", NULL},
    {"url", DF_TEXTS, 0, "df_plan_url", NULL},
    {"network", DF_TEXTS, 0, "df_plan_network", NULL},
    {"groups", DF_OBJECTS, 0, "df_plan_groups", group_fields},
    {"workstreams", DF_OBJECTS, 0, "df_plan_workstreams", ws_fields},
    END};

static const df_field top_fields[] = {
    {"languages", DF_STRINGS, 0, "df_languages", NULL},
    {"plans", DF_OBJECTS, 0, "df_plans", plan_fields},
    {"objectives", DF_OBJECTS, 0, "df_objectives", term_fields},
    {"areas", DF_OBJECTS, 0, "df_areas", term_fields},
    {"sdgs", DF_OBJECTS, 0, "df_sdgs", term_fields},
    {"entities", DF_OBJECTS, 0, "df_entities", entity_fields},
    END};

const df_field *df_workplans(void)
{
    return top_fields;
}

const char *df_type_key(df_type t)
{
    static const char *const keys[DF_TYPE_COUNT] = {
        "df_type_string", "df_type_int", "df_type_bool", "df_type_strings", "df_type_numbers", "df_type_ids",
        "df_type_texts", "df_type_text_lists", "df_type_object", "df_type_objects"};
    return t < DF_TYPE_COUNT ? keys[t] : "df_type_string";
}

static const df_facet_desc facets[DF_FACET_COUNT] = {
    [DF_FACET_OBJECTIVES] = {"objectives", VOC_OBJECTIVES, 1, 0},
    [DF_FACET_SDGS] = {"sdgs", VOC_SDGS, 0, 0},
    [DF_FACET_AREAS] = {"areas", VOC_AREAS, 0, 0},
    [DF_FACET_ENTITIES] = {"entities", VOC_ENTITIES, 1, 1},
};

const df_facet_desc *df_facet_of(df_facet f)
{
    return &facets[f];
}

size_t df_columns(df_facet f, df_column *out, size_t max)
{
    static const df_column common[] = {
        {"plan", "df_col_plan"}, {"number", "df_col_number"}, {"slug", "df_col_slug"},
        {"title", "df_col_title"}, {"url", "df_col_url"}, {"code", "df_col_code"},
        {"short", "df_col_short"}, {"label", "df_col_label"}};
    size_t n = 0, i;
    for (i = 0; i < sizeof common / sizeof *common && n < max; i++)
        out[n++] = common[i];
    if (facets[f].roles && n + 2 <= max) {
        out[n].name = "role";
        out[n++].key = f == DF_FACET_ENTITIES ? "df_col_role_entities" : "df_col_role_objectives";
        out[n].name = "role_label";
        out[n++].key = "df_col_role_label";
    }
    if (facets[f].represents && n < max) {
        out[n].name = "represents";
        out[n++].key = "df_col_represents";
    }
    if (n < max)
        out[n].name = out[n].key = NULL;
    return n;
}

size_t df_nfiles(const m_site *s)
{
    return DF_FILE_FACET + DF_FACET_COUNT * s->nlangs;
}

df_file df_file_at(const m_site *s, size_t i)
{
    df_file f;
    memset(&f, 0, sizeof f);
    if (i < DF_FILE_FACET) {
        f.kind = (df_file_kind)i;
        return f;
    }
    i -= DF_FILE_FACET;
    f.kind = DF_FILE_FACET;
    f.facet = (df_facet)(i / s->nlangs);
    f.lang = i % s->nlangs;
    return f;
}

const char *df_file_path(const m_site *s, df_file f, val_arena *a)
{
    if (f.kind == DF_FILE_JSON)
        return "data/workplans.json";
    if (f.kind == DF_FILE_SCHEMA)
        return "data/workplans.schema.json";
    if (f.kind == DF_FILE_MATRIX)
        return "data/workstreams-objectives.csv";
    return val_arena_printf(a, "data/workstreams-%s.%s.csv", facets[f.facet].name,
                            s->langs[f.lang]);
}
