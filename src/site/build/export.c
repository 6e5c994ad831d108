#define _POSIX_C_SOURCE 200809L
#include "export.h"
#include "../index/datafiles.h"
#include "../index/i18n.h"
#include "../../content/vocab.h"
#include "../../util/fs.h"
#include "../../util/json.h"
#include "../../util/mem.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- sitemap ---- */

static void xml_text(buf *out, const char *s)
{
    buf_append_html(out, s, strlen(s));
}

static void sitemap_url(const site_ctx *sc, const out_page *p, val_arena *a, buf *out)
{
    size_t li;
    char iso[11];
    buf_puts(out, "  <url>\n    <loc>");
    xml_text(out, sc->m->base_url);
    xml_text(out, out_url(&sc->urls, p, p->lang, a));
    buf_puts(out, "</loc>\n");
    lastmod_iso(lastmod_page(sc->lm, p), iso);
    if (*iso)
        buf_printf(out, "    <lastmod>%s</lastmod>\n", iso);
    for (li = 0; li < sc->m->nlangs; li++) {
        buf_printf(out, "    <xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"",
                   sc->m->langs[li]);
        xml_text(out, sc->m->base_url);
        xml_text(out, out_url(&sc->urls, p, li, a));
        buf_puts(out, "\"/>\n");
    }
    buf_puts(out, "  </url>\n");
}

void export_sitemap(const site_ctx *sc, const out_list *pages, buf *out)
{
    val_arena *a = val_arena_new();
    size_t i;
    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                  "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for (i = 0; i < pages->n; i++) {
        const out_page *p = &pages->v[i];
        if (!out_kind_of((out_kind)p->kind)->in_sitemap)
            continue;
        sitemap_url(sc, p, a, out);
        val_arena_reset(a);
    }
    buf_puts(out, "</urlset>\n");
    val_arena_free(a);
}

/* ---- JSON ---- */

/* {"es": "...", "en": "..."} */
static void json_texts(const site_ctx *sc, json_w *j, const char *key, const char *const *texts)
{
    size_t li;
    json_key(j, key);
    json_begin_object(j);
    for (li = 0; li < sc->m->nlangs; li++) {
        json_key(j, sc->m->langs[li]);
        json_string(j, texts[li]);
    }
    json_end_object(j);
}

/* key: {"es": "...", "en": "..."}, or null when no language states it (a fact not stated) */
static void json_texts_known(const site_ctx *sc, json_w *j, const char *key,
                             const char *const *texts)
{
    size_t li;
    for (li = 0; li < sc->m->nlangs; li++)
        if (texts[li]) {
            json_texts(sc, j, key, texts);
            return;
        }
    json_key(j, key);
    json_null(j);
}

static void json_strings(json_w *j, const char *const *v, size_t n)
{
    size_t i;
    json_begin_array(j);
    for (i = 0; i < n; i++)
        json_string(j, v[i]);
    json_end_array(j);
}

static void json_ids(const site_ctx *sc, json_w *j, const char *key, m_vocab_kind k,
                     const m_ints *v, int known)
{
    size_t i;
    json_key(j, key);
    if (!known) {
        json_null(j);
        return;
    }
    json_begin_array(j);
    for (i = 0; i < v->n; i++) {
        const m_term *t = &sc->m->vocab[k].terms[v->v[i]];
        if (t->number)
            json_int(j, t->number);
        else
            json_string(j, t->id);
    }
    json_end_array(j);
}

static void json_activity(const site_ctx *sc, json_w *j, const m_activity *a)
{
    size_t li;
    json_begin_object(j);
    json_texts(sc, j, "text", a->text);
    json_key(j, "items");
    json_begin_object(j);
    for (li = 0; li < sc->m->nlangs; li++) {
        json_key(j, sc->m->langs[li]);
        json_strings(j, (const char *const *)a->items[li].v, a->items[li].n);
    }
    json_end_object(j);
    json_texts_known(sc, j, "timeline", a->timeline);
    json_texts_known(sc, j, "reference", a->reference);
    json_ids(sc, j, "entities", VOC_ENTITIES, &a->entities, a->has_entities);
    json_end_object(j);
}

/* "url": {"es": "https://.../es/planes/...", ...}: the page of plan p, or of workstream w. a is
 * the export's scratch arena, reset before returning. */
static void json_urls(const site_ctx *sc, json_w *j, const m_plan *p, const m_ws *w, val_arena *a)
{
    size_t li;
    json_key(j, "url");
    json_begin_object(j);
    for (li = 0; li < sc->m->nlangs; li++) {
        json_key(j, sc->m->langs[li]);
        json_string(j, val_arena_cat(a, sc->m->base_url, p ? url_plan(&sc->urls, li, p, a)
                                                           : url_ws(&sc->urls, li, w, a),
                                     (char *)NULL));
    }
    json_end_object(j);
    val_arena_reset(a);
}

/* Opens the workstream's object and writes its facts (json_ws closes it). */
static void json_ws_facts(const site_ctx *sc, json_w *j, const m_ws *w)
{
    const m_plan *p = w->plan;
    json_begin_object(j);
    json_key(j, "slug");
    json_string(j, w->slug);
    json_key(j, "number");
    json_string(j, w->number);
    json_key(j, "group");
    json_string(j, w->group >= 0 ? p->groups[w->group].id : NULL);
    json_key(j, "status");
    json_string(j, w->status >= 0 ? sc->m->vocab[VOC_STATUSES].terms[w->status].id : NULL);
    json_key(j, "status_by_group");   /* the status is the one its plan states for its group */
    json_bool(j, w->status_by_group);
    json_ids(sc, j, "leads", VOC_ENTITIES, &w->leads, w->has_leads);
    json_ids(sc, j, "participants", VOC_ENTITIES, &w->participants, w->has_participants);
    json_ids(sc, j, "interest", VOC_ENTITIES, &w->interest, w->has_interest);
    json_key(j, "representatives");
    if (w->represented < 0)
        json_null(j);
    else {
        json_begin_object(j);
        json_key(j, "of");
        json_string(j, sc->m->vocab[VOC_ENTITIES].terms[w->represented].id);
        json_ids(sc, j, "by", VOC_ENTITIES, &w->representatives, 1);
        json_end_object(j);
    }
    json_ids(sc, j, "objectives", VOC_OBJECTIVES, &w->objectives, w->has_objectives);
    json_ids(sc, j, "objectives_mentioned", VOC_OBJECTIVES, &w->objectives_mentioned,
             w->has_objectives_mentioned);
    json_ids(sc, j, "sdgs", VOC_SDGS, &w->sdgs, w->has_sdgs);
    json_ids(sc, j, "areas", VOC_AREAS, &w->areas, w->has_areas);
    json_key(j, "progress_declaration");
    if (!w->has_progress_declaration)
        json_null(j);
    else
        json_strings(j, (const char *const *)w->progress_declaration.v,
                     w->progress_declaration.n);
}

static void json_ws(const site_ctx *sc, json_w *j, const m_ws *w, val_arena *a)
{
    size_t i;
    json_ws_facts(sc, j, w);
    json_texts(sc, j, "title", w->title);
    json_urls(sc, j, NULL, w, a);
    json_texts_known(sc, j, "purpose", w->purpose);
    json_texts_known(sc, j, "timeline", w->timeline);
    json_texts_known(sc, j, "status_note", w->status_note);
    json_key(j, "activities");
    json_begin_array(j);
    for (i = 0; i < w->nacts; i++)
        json_activity(sc, j, &w->acts[i]);
    json_end_array(j);
    json_end_object(j);
}

static void json_plan(const site_ctx *sc, json_w *j, const m_plan *p, val_arena *a)
{
    size_t i;
    json_begin_object(j);
    json_key(j, "slug");
    json_string(j, p->slug);
    json_key(j, "scope");
    json_string(j, p->scope);
    json_key(j, "region");
    json_string(j, p->region);
    json_key(j, "period");
    if (!p->period_start)
        json_null(j);
    else {
        json_begin_object(j);
        json_key(j, "start");
        json_int(j, p->period_start);
        json_key(j, "end");
        json_int(j, p->period_end);
        json_end_object(j);
    }
    json_key(j, "date");
    json_string(j, p->date);
    json_key(j, "adopted");
    json_string(j, p->adopted);
    json_key(j, "source");
    if (!p->source.title)
        json_null(j);
    else {
        json_begin_object(j);
        json_key(j, "title");
        json_string(j, p->source.title);
        json_key(j, "url");
        json_string(j, p->source.url);
        json_key(j, "date");
        json_string(j, p->source.date);
        json_end_object(j);
    }
    json_texts(sc, j, "title", p->title);
    json_urls(sc, j, p, NULL, a);
    json_texts(sc, j, "network", p->network);
    json_key(j, "groups");
    json_begin_array(j);
    for (i = 0; i < p->ngroups; i++) {
        json_begin_object(j);
        json_key(j, "id");
        json_string(j, p->groups[i].id);
        json_key(j, "status");   /* null: the plan states no status for the group as a whole */
        json_string(j, p->groups[i].status >= 0
                       ? sc->m->vocab[VOC_STATUSES].terms[p->groups[i].status].id : NULL);
        json_texts(sc, j, "title", p->groups[i].title);
        json_end_object(j);
    }
    json_end_array(j);
    json_key(j, "workstreams");
    json_begin_array(j);
    for (i = 0; i < p->nws; i++) {
        if (i)
            json_break(j);
        json_ws(sc, j, p->ws[i], a);
    }
    json_end_array(j);
    json_end_object(j);
}

static void json_vocab(const site_ctx *sc, json_w *j, m_vocab_kind k, const char *name)
{
    const m_vocab *v = &sc->m->vocab[k];
    size_t i;
    json_break(j);
    json_key(j, name);
    json_begin_array(j);
    for (i = 0; i < v->n; i++) {
        json_break(j);
        json_begin_object(j);
        json_key(j, "id");
        json_string(j, v->terms[i].id);
        json_texts(sc, j, "title", v->terms[i].title);
        json_texts(sc, j, "short", v->terms[i].short_);
        if (k == VOC_ENTITIES) {   /* the entity index's group; null: not stated */
            json_key(j, "group");
            json_string(j, vocab_ent_group_id(v->terms[i].group));
        }
        json_end_object(j);
    }
    json_end_array(j);
}

void export_json(const site_ctx *sc, buf *out)
{
    val_arena *a = val_arena_new();   /* scratch for the pages' addresses (json_urls) */
    json_w j;
    size_t i;
    json_init(&j, out);
    json_begin_object(&j);
    json_key(&j, "languages");
    json_strings(&j, (const char *const *)sc->m->langs, sc->m->nlangs);
    json_break(&j);
    json_key(&j, "plans");
    json_begin_array(&j);
    for (i = 0; i < sc->m->nplans; i++) {
        json_break(&j);
        json_plan(sc, &j, sc->m->plans[i], a);
    }
    json_end_array(&j);
    json_vocab(sc, &j, VOC_OBJECTIVES, "objectives");
    json_vocab(sc, &j, VOC_AREAS, "areas");
    json_vocab(sc, &j, VOC_SDGS, "sdgs");
    json_vocab(sc, &j, VOC_ENTITIES, "entities");
    json_end_object(&j);
    buf_putc(out, '\n');
    val_arena_free(a);
}

/* ---- CSV ---- */

static void csv_field(buf *out, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\n\r")) {
        buf_puts(out, s);
        return;
    }
    buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(out, '"');
        buf_putc(out, *s);
    }
    buf_putc(out, '"');
}

/* A cell of text from content: one that a spreadsheet would take for a formula (it starts with
 * = + - @, a tab or a carriage return) gets a leading single quote, the OWASP advice against CSV
 * injection, so that it is shown as the text it is. */
static void csv_text(buf *out, const char *s)
{
    if (s && *s && strchr("=+-@\t\r", *s)) {
        buf cell;
        buf_init(&cell);
        buf_putc(&cell, '\'');
        buf_puts(&cell, s);
        csv_field(out, buf_cstr(&cell));
        buf_free(&cell);
        return;
    }
    csv_field(out, s);
}

static int has(const m_ints *v, int x)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        if (v->v[i] == x)
            return 1;
    return 0;
}

static void csv_row(const site_ctx *sc, buf *out, const m_ws *w)
{
    size_t li, o;
    csv_text(out, w->plan->slug);
    buf_putc(out, ',');
    csv_text(out, w->number);
    buf_putc(out, ',');
    csv_text(out, w->slug);
    for (li = 0; li < sc->m->nlangs; li++) {
        buf_putc(out, ',');
        csv_text(out, w->title[li]);
    }
    for (o = 0; o < sc->m->vocab[VOC_OBJECTIVES].n; o++) {
        buf_putc(out, ',');
        if (has(&w->objectives, (int)o))
            buf_puts(out, "listed");
        else if (has(&w->objectives_mentioned, (int)o))
            buf_puts(out, "mentioned");
        else if (!w->has_objectives)
            buf_puts(out, "not stated");
    }
    buf_puts(out, "\r\n");
}

void export_csv(const site_ctx *sc, buf *out)
{
    size_t li, o, p, i;
    buf_puts(out, "plan,number,slug");
    for (li = 0; li < sc->m->nlangs; li++)
        buf_printf(out, ",title_%s", sc->m->langs[li]);
    for (o = 0; o < sc->m->vocab[VOC_OBJECTIVES].n; o++)
        buf_printf(out, ",objective_%zu", o + 1);
    buf_puts(out, "\r\n");
    for (p = 0; p < sc->m->nplans; p++)
        for (i = 0; i < sc->m->plans[p]->nws; i++)
            csv_row(sc, out, sc->m->plans[p]->ws[i]);
}

/* ---- JSON Schema (from the field table, datafiles.h) ---- */

static void schema_of(const site_ctx *sc, json_w *j, const df_field *f);

static void schema_type(json_w *j, const char *type, int nullable)
{
    json_key(j, "type");
    if (!nullable) {
        json_string(j, type);
        return;
    }
    json_begin_array(j);
    json_string(j, type);
    json_string(j, "null");
    json_end_array(j);
}

/* {"type": "array", "items": {"type": item}} */
static void schema_array_of(json_w *j, const char *item, int nullable)
{
    schema_type(j, "array", nullable);
    json_key(j, "items");
    json_begin_object(j);
    schema_type(j, item, 0);
    json_end_object(j);
}

/* The properties of an object whose every key is required and no other allowed: the fields of
 * sub, or (sub NULL) the site's languages, each of the schema write_lang writes. */
static void schema_props(const site_ctx *sc, json_w *j, const df_field *sub, int lists)
{
    size_t i, n = 0;
    json_key(j, "properties");
    json_begin_object(j);
    for (i = 0; sub ? sub[i].name != NULL : i < sc->m->nlangs; i++, n++) {
        json_break(j);
        json_key(j, sub ? sub[i].name : sc->m->langs[i]);
        if (sub)
            schema_of(sc, j, &sub[i]);
        else {
            json_begin_object(j);
            if (lists)
                schema_array_of(j, "string", 0);
            else
                schema_type(j, "string", 1);   /* null: no text in that language */
            json_end_object(j);
        }
    }
    json_end_object(j);
    json_key(j, "required");
    json_begin_array(j);
    for (i = 0; i < n; i++)
        json_string(j, sub ? sub[i].name : sc->m->langs[i]);
    json_end_array(j);
    json_key(j, "additionalProperties");
    json_bool(j, 0);
}

/* The schema of field f; its description in the site's first language. */
static void schema_of(const site_ctx *sc, json_w *j, const df_field *f)
{
    json_begin_object(j);
    json_key(j, "description");
    json_string(j, i18n_get(sc->t, 0, f->key));
    switch (f->type) {
    case DF_STRING: schema_type(j, "string", f->nullable); break;
    case DF_INT: schema_type(j, "integer", f->nullable); break;
    case DF_BOOL: schema_type(j, "boolean", f->nullable); break;
    case DF_STRINGS: case DF_IDS: schema_array_of(j, "string", f->nullable); break;
    case DF_NUMBERS: schema_array_of(j, "integer", f->nullable); break;
    case DF_TEXTS: case DF_TEXT_LISTS:
        schema_type(j, "object", f->nullable);
        schema_props(sc, j, NULL, f->type == DF_TEXT_LISTS);
        break;
    case DF_OBJECT:
        schema_type(j, "object", f->nullable);
        schema_props(sc, j, f->sub, 0);
        break;
    default:
        schema_type(j, "array", f->nullable);
        json_key(j, "items");
        json_begin_object(j);
        schema_type(j, "object", 0);
        schema_props(sc, j, f->sub, 0);
        json_end_object(j);
    }
    json_end_object(j);
}

void export_schema(const site_ctx *sc, buf *out)
{
    df_field top = {"workplans", DF_OBJECT, 0, "df_file_json", NULL};
    json_w j;
    top.sub = df_workplans();
    json_init(&j, out);
    json_begin_object(&j);
    json_key(&j, "$schema");
    json_string(&j, "https://json-schema.org/draft/2020-12/schema");
    json_key(&j, "$id");
    json_string(&j, val_arena_cat(sc->m->arena, sc->m->base_url, "data/workplans.schema.json",
                                  (char *)NULL));
    json_key(&j, "title");
    json_string(&j, "data/workplans.json");
    json_key(&j, "description");
    json_string(&j, i18n_get(sc->t, 0, top.key));
    schema_type(&j, "object", 0);
    schema_props(sc, &j, top.sub, 0);
    json_end_object(&j);
    buf_putc(out, '\n');
}

/* ---- facet CSVs: one row per (workstream, value), in one language ---- */

typedef struct facet_row {
    const site_ctx *sc;
    buf *out;
    const m_ws *w;
    size_t li;
    const char *url;          /* the workstream's page, absolute */
} facet_row;

static const char *lang_text(const site_ctx *sc, const char *const *texts, size_t li)
{
    return model_text(sc->m, texts, li, NULL);
}

/* One row: the workstream, term t of vocabulary k, and (role != NULL) its role and represents. */
static void facet_cell_row(const facet_row *r, m_vocab_kind k, int t, const char *role,
                           const char *role_key, int represents, int with_represents)
{
    const m_term *term = &r->sc->m->vocab[k].terms[t];
    const char *cells[8];
    size_t i;
    cells[0] = r->w->plan->slug;
    cells[1] = r->w->number;
    cells[2] = r->w->slug;
    cells[3] = lang_text(r->sc, r->w->title, r->li);
    cells[4] = r->url;
    cells[5] = term->id;
    cells[6] = lang_text(r->sc, term->short_, r->li);
    cells[7] = lang_text(r->sc, term->title, r->li);
    for (i = 0; i < 8; i++) {
        if (i)
            buf_putc(r->out, ',');
        csv_text(r->out, cells[i]);
    }
    if (role) {
        buf_putc(r->out, ',');
        csv_field(r->out, role);
        buf_putc(r->out, ',');
        csv_text(r->out, i18n_get(r->sc->t, r->li, role_key));
    }
    if (with_represents) {
        buf_putc(r->out, ',');
        if (represents >= 0)
            csv_field(r->out, r->sc->m->vocab[VOC_ENTITIES].terms[represents].id);
    }
    buf_puts(r->out, "\r\n");
}

static void facet_list(const facet_row *r, m_vocab_kind k, const m_ints *v, const char *role,
                       const char *role_key, int represents, int with_represents)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        facet_cell_row(r, k, v->v[i], role, role_key, represents, with_represents);
}

/* The rows of workstream r->w for facet f (a fact not stated has none: see workplans.json). */
static void facet_ws(const facet_row *r, df_facet f)
{
    const m_ws *w = r->w;
    switch (f) {
    case DF_FACET_OBJECTIVES:
        facet_list(r, VOC_OBJECTIVES, &w->objectives, "listed", "gcm_objectives", -1, 0);
        facet_list(r, VOC_OBJECTIVES, &w->objectives_mentioned, "mentioned",
                   "objectives_mentioned", -1, 0);
        break;
    case DF_FACET_SDGS: facet_list(r, VOC_SDGS, &w->sdgs, NULL, NULL, -1, 0); break;
    case DF_FACET_AREAS: facet_list(r, VOC_AREAS, &w->areas, NULL, NULL, -1, 0); break;
    default:
        facet_list(r, VOC_ENTITIES, &w->leads, "lead", "role_lead", -1, 1);
        facet_list(r, VOC_ENTITIES, &w->participants, "participant", "role_participant", -1, 1);
        facet_list(r, VOC_ENTITIES, &w->interest, "interest", "role_interest", -1, 1);
        if (w->represented >= 0)
            facet_list(r, VOC_ENTITIES, &w->representatives, "representative",
                       "role_representative", w->represented, 1);
    }
}

/* data/workstreams-<facet>.<lang>.csv: UTF-8 with a byte order mark (spreadsheets read it as
 * UTF-8), CRLF line ends and RFC 4180 quoting. */
void export_facet_csv(const site_ctx *sc, df_facet f, size_t li, buf *out)
{
    df_column cols[16];
    size_t n = df_columns(f, cols, 16), i, p;
    val_arena *a = val_arena_new();
    facet_row r;
    buf_puts(out, "\xEF\xBB\xBF");
    for (i = 0; i < n; i++)
        buf_printf(out, "%s%s", i ? "," : "", cols[i].name);
    buf_puts(out, "\r\n");
    r.sc = sc;
    r.out = out;
    r.li = li;
    for (p = 0; p < sc->m->nplans; p++)
        for (i = 0; i < sc->m->plans[p]->nws; i++) {
            r.w = sc->m->plans[p]->ws[i];
            r.url = val_arena_cat(a, sc->m->base_url, url_ws(&sc->urls, li, r.w, a), (char *)NULL);
            facet_ws(&r, f);
            val_arena_reset(a);
        }
    val_arena_free(a);
}

/* ---- the files ---- */

/* Append data file f (datafiles.h) to out. */
static void export_file(const site_ctx *sc, df_file f, buf *out)
{
    switch (f.kind) {
    case DF_FILE_JSON: export_json(sc, out); break;
    case DF_FILE_SCHEMA: export_schema(sc, out); break;
    case DF_FILE_MATRIX: export_csv(sc, out); break;
    default: export_facet_csv(sc, f.facet, f.lang, out);
    }
}

static int count_sink(void *ud, const char *data, size_t len)
{
    (void)data;
    *(size_t *)ud += len;
    return 0;
}

size_t *export_sizes(const site_ctx *sc)
{
    size_t n = df_nfiles(sc->m), i;
    size_t *sizes = xcalloc(n ? n : 1, sizeof *sizes);
    for (i = 0; i < n; i++) {
        buf b;
        buf_init(&b);
        buf_set_sink(&b, count_sink, &sizes[i], 64u * 1024u);
        export_file(sc, df_file_at(sc->m, i), &b);
        buf_flush(&b);
        buf_free(&b);
    }
    return sizes;
}

/* Write one document into dest/rel as it is made (the JSON of a large site is tens of MB):
 * data file f, or the sitemap when pages is not NULL; its size in bytes into *size. */
static int write_doc(const site_ctx *sc, const out_list *pages, df_file f, const char *dest,
                     const char *rel, size_t *size, diag_list *d)
{
    char *path = fs_join(dest, rel);
    int fd = -1, rc = -1;
    buf b;
    buf_init(&b);
    *size = 0;
    if ((fd = fs_create(path)) < 0)
        goto out;
    buf_set_sink(&b, fs_sink_fd, &fd, 256u * 1024u);
    if (pages)
        export_sitemap(sc, pages, &b);
    else
        export_file(sc, f, &b);
    *size = b.flushed + b.len;
    if (buf_flush(&b) != 0)
        goto out;
    rc = close(fd);
    fd = -1;
out:
    if (rc != 0)
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    buf_free(&b);
    free(path);
    return rc;
}

int export_all(const site_ctx *sc, const out_list *pages, const char *dest, size_t *sizes,
               diag_list *d)
{
    val_arena *a = val_arena_new();
    size_t i, n = df_nfiles(sc->m), size = 0;
    int rc = 0;
    df_file none;
    memset(&none, 0, sizeof none);
    rc |= write_doc(sc, pages, none, dest, "sitemap.xml", &size, d);
    for (i = 0; i < n; i++) {
        df_file f = df_file_at(sc->m, i);
        rc |= write_doc(sc, NULL, f, dest, df_file_path(sc->m, f, a), &size, d);
        if (sizes)
            sizes[i] = size;
    }
    val_arena_free(a);
    return rc;
}
