#include "dataview.h"
#include "dates.h"
#include "frame.h"
#include "pdfs.h"
#include "../index/datafiles.h"
#include <string.h>

static void set(view *v, val *m, const char *key, const val *x)
{
    val_map_set(v->a, m, key, x);
}

static const char *file_key(df_file f)
{
    static const char *const facet_keys[DF_FACET_COUNT] = {
        "df_file_objectives", "df_file_sdgs", "df_file_areas", "df_file_entities"};
    if (f.kind == DF_FILE_JSON)
        return "df_file_json";
    if (f.kind == DF_FILE_SCHEMA)
        return "df_file_schema";
    if (f.kind == DF_FILE_MATRIX)
        return "df_file_matrix";
    return facet_keys[f.facet];
}

/* {path, url, lang, description, size} of data file i. */
static val *file_item(view *v, size_t i)
{
    const m_site *s = v->sc->m;
    df_file f = df_file_at(s, i);
    val *m = val_new_map(v->a);
    set(v, m, "path", ctx_str(v, df_file_path(s, f, v->a)));
    set(v, m, "lang", f.kind == DF_FILE_FACET ? ctx_str(v, s->langs[f.lang]) : ctx_str(v, NULL));
    set(v, m, "description", ctx_str(v, ctx_t(v, file_key(f))));
    set(v, m, "size", ctx_str(v, v->sc->data_sizes ? pdfs_size_text(v, (long long)
                                                         v->sc->data_sizes[i]) : NULL));
    return m;
}

/* The rows of fields (and of their fields, depth first) with their path ("plans[].slug"). */
static void field_rows(view *v, val *rows, const df_field *fields, const char *prefix)
{
    size_t i;
    for (i = 0; fields[i].name; i++) {
        const df_field *f = &fields[i];
        const char *path = val_arena_cat(v->a, prefix, f->name, (char *)NULL);
        val *m = val_new_map(v->a);
        set(v, m, "path", ctx_str(v, path));
        set(v, m, "type", ctx_str(v, ctx_t(v, df_type_key(f->type))));
        set(v, m, "nullable", val_new_bool(v->a, f->nullable));
        set(v, m, "description", ctx_str(v, ctx_t(v, f->key)));
        val_list_push(v->a, rows, m);
        if (f->sub)
            field_rows(v, rows, f->sub,
                       val_arena_cat(v->a, path, f->type == DF_OBJECTS ? "[]." : ".",
                                     (char *)NULL));
    }
}

/* Per facet: {files: [{path, lang}], columns: [{name, description}]}. */
static val *facets(view *v)
{
    const m_site *s = v->sc->m;
    val *l = val_new_list(v->a);
    size_t f, i, n;
    for (f = 0; f < DF_FACET_COUNT; f++) {
        val *m = val_new_map(v->a), *files = val_new_list(v->a), *cols = val_new_list(v->a);
        df_column c[16];
        for (i = 0; i < df_nfiles(s); i++) {
            df_file x = df_file_at(s, i);
            if (x.kind == DF_FILE_FACET && x.facet == (df_facet)f)
                val_list_push(v->a, files, file_item(v, i));
        }
        n = df_columns((df_facet)f, c, 16);
        for (i = 0; i < n; i++) {
            val *cm = val_new_map(v->a);
            set(v, cm, "name", ctx_str(v, c[i].name));
            set(v, cm, "description", ctx_str(v, ctx_t(v, c[i].key)));
            val_list_push(v->a, cols, cm);
        }
        df_file x;
        memset(&x, 0, sizeof x);
        x.kind = DF_FILE_FACET;
        x.facet = (df_facet)f;
        set(v, m, "id", ctx_str(v, df_facet_of((df_facet)f)->name));
        set(v, m, "description", ctx_str(v, ctx_t(v, file_key(x))));
        set(v, m, "files", files);
        set(v, m, "columns", cols);
        val_list_push(v->a, l, m);
    }
    return l;
}

val *dataview_build(view *v, int *fb)
{
    const char *title = ctx_t(v, "data_export");
    val *f = frame_new(v, title, ctx_t(v, "data_intro"), fb), *d = val_new_map(v->a);
    val *files = val_new_list(v->a), *rows = val_new_list(v->a);
    size_t i;
    frame_crumb(v, f, ctx_t(v, "home"), url_home(&v->sc->urls, v->li, v->a));
    frame_crumb(v, f, title, NULL);
    for (i = 0; i < df_nfiles(v->sc->m); i++)
        val_list_push(v->a, files, file_item(v, i));
    field_rows(v, rows, df_workplans(), "");
    set(v, d, "files", files);
    set(v, d, "fields", rows);
    set(v, d, "facets", facets(v));
    set(v, d, "licence", ctx_str(v, ctx_text(v, v->sc->m->data_licence, fb)));
    set(v, d, "built", ctx_str(v, dates_text(v, dates_day_iso(v, v->sc->build_time))));
    set(v, d, "built_iso", ctx_str(v, dates_day_iso(v, v->sc->build_time)));
    set(v, f, "data", d);
    return f;
}
