#define _POSIX_C_SOURCE 200809L
#include "export.h"
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

static void json_ws(const site_ctx *sc, json_w *j, const m_ws *w)
{
    size_t i;
    json_ws_facts(sc, j, w);
    json_texts(sc, j, "title", w->title);
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

static void json_plan(const site_ctx *sc, json_w *j, const m_plan *p)
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
    json_texts(sc, j, "network", p->network);
    json_key(j, "groups");
    json_begin_array(j);
    for (i = 0; i < p->ngroups; i++) {
        json_begin_object(j);
        json_key(j, "id");
        json_string(j, p->groups[i].id);
        json_texts(sc, j, "title", p->groups[i].title);
        json_end_object(j);
    }
    json_end_array(j);
    json_key(j, "workstreams");
    json_begin_array(j);
    for (i = 0; i < p->nws; i++) {
        if (i)
            json_break(j);
        json_ws(sc, j, p->ws[i]);
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
        json_end_object(j);
    }
    json_end_array(j);
}

void export_json(const site_ctx *sc, buf *out)
{
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
        json_plan(sc, &j, sc->m->plans[i]);
    }
    json_end_array(&j);
    json_vocab(sc, &j, VOC_OBJECTIVES, "objectives");
    json_vocab(sc, &j, VOC_AREAS, "areas");
    json_vocab(sc, &j, VOC_SDGS, "sdgs");
    json_vocab(sc, &j, VOC_ENTITIES, "entities");
    json_end_object(&j);
    buf_putc(out, '\n');
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

typedef void (*doc_writer)(const site_ctx *sc, const out_list *pages, buf *out);

static void sitemap_doc(const site_ctx *sc, const out_list *pages, buf *out)
{
    export_sitemap(sc, pages, out);
}

static void json_doc(const site_ctx *sc, const out_list *pages, buf *out)
{
    (void)pages;
    export_json(sc, out);
}

static void csv_doc(const site_ctx *sc, const out_list *pages, buf *out)
{
    (void)pages;
    export_csv(sc, out);
}

/* Write one document into dest/rel as it is made (the JSON of a large site is tens of MB). */
static int write_doc(const site_ctx *sc, const out_list *pages, const char *dest, const char *rel,
                     doc_writer fn, diag_list *d)
{
    char *path = fs_join(dest, rel);
    int fd = -1, rc = -1;
    buf b;
    buf_init(&b);
    if ((fd = fs_create(path)) < 0)
        goto out;
    buf_set_sink(&b, fs_sink_fd, &fd, 256u * 1024u);
    fn(sc, pages, &b);
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

int export_all(const site_ctx *sc, const out_list *pages, const char *dest, diag_list *d)
{
    int rc = 0;
    rc |= write_doc(sc, pages, dest, "sitemap.xml", sitemap_doc, d);
    rc |= write_doc(sc, pages, dest, "data/workplans.json", json_doc, d);
    rc |= write_doc(sc, pages, dest, "data/workstreams-objectives.csv", csv_doc, d);
    return rc;
}
