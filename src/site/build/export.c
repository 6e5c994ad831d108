#define _POSIX_C_SOURCE 200809L
#include "export.h"
#include "../../util/fs.h"
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
    buf_puts(out, "  <url>\n    <loc>");
    xml_text(out, sc->m->base_url);
    xml_text(out, out_url(&sc->urls, p, p->lang, a));
    buf_puts(out, "</loc>\n");
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

static void json_str(buf *out, const char *s)
{
    if (!s) {
        buf_puts(out, "null");
        return;
    }
    buf_putc(out, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            buf_putc(out, '\\'), buf_putc(out, (char)c);
        else if (c == '\n')
            buf_puts(out, "\\n");
        else if (c < 0x20)
            buf_printf(out, "\\u%04x", c);
        else
            buf_putc(out, (char)c);
    }
    buf_putc(out, '"');
}

/* {"es": "...", "en": "..."} */
static void json_texts(const site_ctx *sc, buf *out, const char *const *texts)
{
    size_t li;
    buf_putc(out, '{');
    for (li = 0; li < sc->m->nlangs; li++) {
        buf_printf(out, "%s\"%s\":", li ? "," : "", sc->m->langs[li]);
        json_str(out, texts[li]);
    }
    buf_putc(out, '}');
}

/* {"es": "...", "en": "..."}, or null when no language states it (a fact not stated) */
static void json_texts_known(const site_ctx *sc, buf *out, const char *const *texts)
{
    size_t li;
    for (li = 0; li < sc->m->nlangs; li++)
        if (texts[li]) {
            json_texts(sc, out, texts);
            return;
        }
    buf_puts(out, "null");
}

static void json_ids(const site_ctx *sc, buf *out, m_vocab_kind k, const m_ints *v, int known)
{
    size_t i;
    if (!known) {
        buf_puts(out, "null");
        return;
    }
    buf_putc(out, '[');
    for (i = 0; i < v->n; i++) {
        const m_term *t = &sc->m->vocab[k].terms[v->v[i]];
        if (i)
            buf_putc(out, ',');
        if (t->number)
            buf_printf(out, "%d", t->number);
        else
            json_str(out, t->id);
    }
    buf_putc(out, ']');
}

static void json_activity(const site_ctx *sc, buf *out, const m_activity *a)
{
    size_t li, i;
    buf_puts(out, "{\"text\":");
    json_texts(sc, out, a->text);
    buf_puts(out, ",\"items\":{");
    for (li = 0; li < sc->m->nlangs; li++) {
        buf_printf(out, "%s\"%s\":[", li ? "," : "", sc->m->langs[li]);
        for (i = 0; i < a->items[li].n; i++) {
            if (i)
                buf_putc(out, ',');
            json_str(out, a->items[li].v[i]);
        }
        buf_putc(out, ']');
    }
    buf_puts(out, "},\"timeline\":");
    json_texts_known(sc, out, a->timeline);
    buf_puts(out, ",\"reference\":");
    json_texts_known(sc, out, a->reference);
    buf_puts(out, ",\"entities\":");
    json_ids(sc, out, VOC_ENTITIES, &a->entities, a->has_entities);
    buf_putc(out, '}');
}

static void json_ws_facts(const site_ctx *sc, buf *out, const m_ws *w)
{
    const m_plan *p = w->plan;
    size_t i;
    buf_puts(out, "{\"slug\":");
    json_str(out, w->slug);
    buf_puts(out, ",\"number\":");
    json_str(out, w->number);
    buf_puts(out, ",\"group\":");
    json_str(out, w->group >= 0 ? p->groups[w->group].id : NULL);
    buf_puts(out, ",\"status\":");
    json_str(out, w->status >= 0 ? sc->m->vocab[VOC_STATUSES].terms[w->status].id : NULL);
    buf_puts(out, ",\"leads\":");
    json_ids(sc, out, VOC_ENTITIES, &w->leads, w->has_leads);
    buf_puts(out, ",\"participants\":");
    json_ids(sc, out, VOC_ENTITIES, &w->participants, w->has_participants);
    buf_puts(out, ",\"interest\":");
    json_ids(sc, out, VOC_ENTITIES, &w->interest, w->has_interest);
    buf_puts(out, ",\"representatives\":");
    if (w->represented < 0)
        buf_puts(out, "null");
    else {
        buf_puts(out, "{\"of\":");
        json_str(out, sc->m->vocab[VOC_ENTITIES].terms[w->represented].id);
        buf_puts(out, ",\"by\":");
        json_ids(sc, out, VOC_ENTITIES, &w->representatives, 1);
        buf_putc(out, '}');
    }
    buf_puts(out, ",\"objectives\":");
    json_ids(sc, out, VOC_OBJECTIVES, &w->objectives, w->has_objectives);
    buf_puts(out, ",\"objectives_mentioned\":");
    json_ids(sc, out, VOC_OBJECTIVES, &w->objectives_mentioned,
             w->has_objectives_mentioned);
    buf_puts(out, ",\"sdgs\":");
    json_ids(sc, out, VOC_SDGS, &w->sdgs, w->has_sdgs);
    buf_puts(out, ",\"areas\":");
    json_ids(sc, out, VOC_AREAS, &w->areas, w->has_areas);
    buf_puts(out, ",\"progress_declaration\":");
    if (!w->has_progress_declaration)
        buf_puts(out, "null");
    else {
        buf_putc(out, '[');
        for (i = 0; i < w->progress_declaration.n; i++) {
            if (i)
                buf_putc(out, ',');
            json_str(out, w->progress_declaration.v[i]);
        }
        buf_putc(out, ']');
    }
}

static void json_ws(const site_ctx *sc, buf *out, const m_ws *w)
{
    size_t i;
    json_ws_facts(sc, out, w);
    buf_puts(out, ",\"title\":");
    json_texts(sc, out, w->title);
    buf_puts(out, ",\"purpose\":");
    json_texts_known(sc, out, w->purpose);
    buf_puts(out, ",\"timeline\":");
    json_texts_known(sc, out, w->timeline);
    buf_puts(out, ",\"status_note\":");
    json_texts_known(sc, out, w->status_note);
    buf_puts(out, ",\"activities\":[");
    for (i = 0; i < w->nacts; i++) {
        if (i)
            buf_putc(out, ',');
        json_activity(sc, out, &w->acts[i]);
    }
    buf_puts(out, "]}");
}

static void json_plan(const site_ctx *sc, buf *out, const m_plan *p)
{
    size_t i;
    buf_puts(out, "{\"slug\":");
    json_str(out, p->slug);
    buf_puts(out, ",\"scope\":");
    json_str(out, p->scope);
    buf_puts(out, ",\"region\":");
    json_str(out, p->region);
    if (p->period_start)
        buf_printf(out, ",\"period\":{\"start\":%d,\"end\":%d}", p->period_start,
                   p->period_end);
    else
        buf_puts(out, ",\"period\":null");
    buf_puts(out, ",\"date\":");
    json_str(out, p->date);
    buf_puts(out, ",\"adopted\":");
    json_str(out, p->adopted);
    buf_puts(out, ",\"title\":");
    json_texts(sc, out, p->title);
    buf_puts(out, ",\"network\":");
    json_texts(sc, out, p->network);
    buf_puts(out, ",\"groups\":[");
    for (i = 0; i < p->ngroups; i++) {
        buf_puts(out, i ? ",{\"id\":" : "{\"id\":");
        json_str(out, p->groups[i].id);
        buf_puts(out, ",\"title\":");
        json_texts(sc, out, p->groups[i].title);
        buf_putc(out, '}');
    }
    buf_puts(out, "],\"workstreams\":[");
    for (i = 0; i < p->nws; i++) {
        if (i)
            buf_puts(out, ",\n");
        json_ws(sc, out, p->ws[i]);
    }
    buf_puts(out, "]}");
}

static void json_vocab(const site_ctx *sc, buf *out, m_vocab_kind k, const char *name)
{
    const m_vocab *v = &sc->m->vocab[k];
    size_t i;
    buf_printf(out, "\"%s\":[", name);
    for (i = 0; i < v->n; i++) {
        buf_puts(out, i ? ",\n{\"id\":" : "\n{\"id\":");
        json_str(out, v->terms[i].id);
        buf_puts(out, ",\"title\":");
        json_texts(sc, out, v->terms[i].title);
        buf_puts(out, ",\"short\":");
        json_texts(sc, out, v->terms[i].short_);
        buf_putc(out, '}');
    }
    buf_putc(out, ']');
}

void export_json(const site_ctx *sc, buf *out)
{
    size_t i;
    buf_puts(out, "{\"languages\":[");
    for (i = 0; i < sc->m->nlangs; i++) {
        if (i)
            buf_putc(out, ',');
        json_str(out, sc->m->langs[i]);
    }
    buf_puts(out, "],\n\"plans\":[\n");
    for (i = 0; i < sc->m->nplans; i++) {
        if (i)
            buf_puts(out, ",\n");
        json_plan(sc, out, sc->m->plans[i]);
    }
    buf_puts(out, "],\n");
    json_vocab(sc, out, VOC_OBJECTIVES, "objectives");
    buf_puts(out, ",\n");
    json_vocab(sc, out, VOC_AREAS, "areas");
    buf_puts(out, ",\n");
    json_vocab(sc, out, VOC_SDGS, "sdgs");
    buf_puts(out, ",\n");
    json_vocab(sc, out, VOC_ENTITIES, "entities");
    buf_puts(out, "}\n");
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
