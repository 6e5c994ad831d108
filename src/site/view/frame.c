#include "frame.h"
#include "dates.h"
#include "items.h"
#include "../../content/vocab_table.h"
#include "../index/xref.h"
#include <string.h>

/* An address as a reader reads it: without "http(s)://" and a lone trailing '/'. */
static const char *url_shown(view *v, const char *url)
{
    const char *p = !strncmp(url, "https://", 8) ? url + 8 : !strncmp(url, "http://", 7) ? url + 7
                                                                                       : url;
    size_t n = strlen(p);
    if (n && p[n - 1] == '/' && !memchr(p, '/', n - 1))
        n--;
    return val_arena_strndup(v->a, p, n);
}

/* The footer's contact line {lead, email, url, url_text, links}, or null when site.yaml has no
 * contact. lead: the configured text, else the string "contact". */
static val *contact_new(view *v, int *fb)
{
    const m_contact *c = &v->sc->m->contact;
    const char *text = ctx_text(v, c->text, fb);
    val *m;
    if (!text && !c->email && !c->url)
        return val_new_null(v->a);
    m = val_new_map(v->a);
    val_map_set(v->a, m, "lead", ctx_str(v, text ? text : ctx_t(v, "contact")));
    val_map_set(v->a, m, "email", ctx_str(v, c->email));
    val_map_set(v->a, m, "url", ctx_str(v, c->url));
    val_map_set(v->a, m, "url_text", ctx_str(v, c->url ? url_shown(v, c->url) : NULL));
    val_map_set(v->a, m, "links", val_new_bool(v->a, c->email || c->url));
    val_map_set(v->a, m, "both", val_new_bool(v->a, c->email && c->url));
    return m;
}

/* The site map {title, description, base_url, paper, contact}, made anew. */
static val *site_new(view *v, int *fb)
{
    val *m = val_new_map(v->a);
    const m_site *s = v->sc->m;
    val_map_set(v->a, m, "title", ctx_str(v, ctx_text(v, s->title, fb)));
    val_map_set(v->a, m, "description", ctx_str(v, ctx_text(v, s->description, fb)));
    val_map_set(v->a, m, "base_url", ctx_str(v, s->base_url));
    val_map_set(v->a, m, "paper", ctx_str(v, s->paper));
    val_map_set(v->a, m, "contact", contact_new(v, fb));
    return m;
}

/* The site map of the page's language: the shared one when built. */
static const val *frame_site(view *v, int *fb)
{
    const frame_shared *c = items_frame(v);
    if (!c || !c->site)
        return site_new(v, fb);
    if (c->site_fell_back)
        *fb = 1;
    return c->site;
}

static val *frame_alternates(view *v)
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
        val_map_set(v->a, m, "og_locale", ctx_str(v, i18n_get(v->sc->t, li, "og_locale")));
        val_map_set(v->a, m, "current", val_new_bool(v->a, li == v->li));
        val_list_push(v->a, l, m);
    }
    return l;
}

/* When the page's content last changed: {iso, text} (lastmod.h), or null when it has no time. */
static val *updated_new(view *v)
{
    char iso[11];
    val *m;
    lastmod_iso(lastmod_page(v->sc->lm, v->page), iso);
    if (!*iso)
        return val_new_null(v->a);
    m = val_new_map(v->a);
    val_map_set(v->a, m, "iso", ctx_str(v, val_arena_strndup(v->a, iso, strlen(iso))));
    val_map_set(v->a, m, "text", ctx_str(v, dates_text(v, iso)));
    return m;
}

/* Open Graph's og:type: "article" for a page of one workplan, workstream or document, else
 * "website". */
static const char *og_type(const view *v)
{
    int k = v->page->kind;
    return k == PK_PLAN || k == PK_WS || k == PK_DOC ? "article" : "website";
}

/* The navigation's entries of language v->li: their string keys and addresses. Home, workplans,
 * each vocabulary with pages (in the order of its rows) but one that no workstream states (its
 * pages stay, linked from the other vocabularies' overviews: terms.mustache), documents when
 * there are any. */
static size_t nav_entries(view *v, const char **keys, const char **urls)
{
    size_t n = 0;
    int k;
    keys[n] = "home";
    urls[n++] = url_home(&v->sc->urls, v->li, v->a);
    keys[n] = "workplans";
    urls[n++] = url_section(&v->sc->urls, v->li, SECT_PLANS, v->a);
    for (k = 0; k < VOC_COUNT; k++)
        if (voc_has_pages((m_vocab_kind)k)
            && !(v->sc->x && xref_none_stated(v->sc->x, v->sc->m, (m_vocab_kind)k))) {
            keys[n] = voc_desc_of((m_vocab_kind)k)->plural_key;
            urls[n++] = url_voc_section(&v->sc->urls, v->li, (m_vocab_kind)k, v->a);
        }
    if (v->sc->m->npages) {
        keys[n] = "documents";
        urls[n++] = url_section(&v->sc->urls, v->li, SECT_DOCS, v->a);
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
    const frame_shared *c = items_frame(v);
    const char *const *urls = c ? c->nav_urls : own;
    size_t n = c ? c->nnav : nav_entries(v, keys, own), i;
    for (i = 0; i < n; i++) {
        size_t k = strlen(urls[i]);
        if (!strncmp(v->url, urls[i], k) && (i > 0 || !strcmp(v->url, urls[i])))
            return (int)i;
    }
    return -1;
}

static const val *frame_nav(view *v)
{
    const frame_shared *c = items_frame(v);
    int current = nav_current(v);
    if (c && c->nav[current + 1])
        return c->nav[current + 1];
    return nav_list(v, current);
}

val *frame_new(view *v, const char *title, const char *description, int *fb)
{
    val *m = val_new_map(v->a), *page = val_new_map(v->a);
    const m_site *s = v->sc->m;
    val_map_set(v->a, m, "lang", ctx_str(v, s->langs[v->li]));
    val_map_set(v->a, m, "root", ctx_str(v, url_root_prefix(v->url, v->a)));
    val_map_set(v->a, m, "t", i18n_table(v->sc->t, v->li));
    val_map_set(v->a, m, "site", frame_site(v, fb));
    val_map_set(v->a, page, "title", ctx_str(v, title));
    /* every page has a description: its own, else the site's */
    val_map_set(v->a, page, "description",
                ctx_plain(v, description ? description : ctx_text(v, s->description, fb),
                          FRAME_DESCRIPTION_MAX));
    val_map_set(v->a, page, "og_type", ctx_str(v, og_type(v)));
    val_map_set(v->a, page, "updated", updated_new(v));
    val_map_set(v->a, page, "url", ctx_str(v, v->url));
    val_map_set(v->a, page, "canonical",
                ctx_str(v, val_arena_cat(v->a, s->base_url, v->url, (char *)NULL)));
    val_map_set(v->a, m, "page", page);
    val_map_set(v->a, m, "alternates", frame_alternates(v));
    val_map_set(v->a, m, "nav", frame_nav(v));
    v->crumbs = val_new_list(v->a);
    val_map_set(v->a, m, "breadcrumbs", v->crumbs);
    val_map_set(v->a, m, "home_url", ctx_str(v, url_home(&v->sc->urls, v->li, v->a)));
    val_map_set(v->a, m, "search_url", ctx_str(v, url_section(&v->sc->urls, v->li, SECT_SEARCH,
                                                            v->a)));
    val_map_set(v->a, m, "data_url", ctx_str(v, url_section(&v->sc->urls, v->li, SECT_DATA,
                                                            v->a)));
    return m;
}

void frame_crumb(view *v, val *frame, const char *title, const char *url)
{
    val *m = val_new_map(v->a), *list = v->crumbs;
    if (!val_len(list))
        val_map_set(v->a, frame, "has_breadcrumbs", val_new_bool(v->a, 1));
    val_map_set(v->a, m, "title", ctx_str(v, title));
    val_map_set(v->a, m, "url", ctx_str(v, url));
    val_map_set(v->a, m, "current", val_new_bool(v->a, url == NULL));
    val_list_push(v->a, list, m);
}

void frame_shared_build(view *v, frame_shared *out)
{
    const char *keys[NAV_MAX];
    int k;
    out->nnav = nav_entries(v, keys, out->nav_urls);
    int fb = 0;
    out->site = site_new(v, &fb);
    out->site_fell_back = (unsigned char)fb;
    for (k = -1; k < (int)out->nnav; k++)
        out->nav[k + 1] = nav_list(v, k);
}
