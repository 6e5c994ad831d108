#include "links.h"
#include "../../util/mem.h"
#include "../../util/strmap.h"
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

/* Append segment [s, s+n) to the path being built in out (at *len), applying "." and "..";
 * -1 when ".." climbs above the root. */
static int push_segment(char *out, size_t *len, const char *s, size_t n)
{
    if (n == 1 && s[0] == '.')
        return 0;
    if (n == 2 && s[0] == '.' && s[1] == '.') {
        if (*len == 0)
            return -1;
        (*len)--;                                   /* the '/' ending the last segment */
        while (*len > 0 && out[*len - 1] != '/')
            (*len)--;
        return 0;
    }
    memcpy(out + *len, s, n);
    *len += n;
    return 0;
}

const char *links_resolve(const char *base, const char *link, val_arena *a)
{
    size_t blen = strlen(base), llen = strcspn(link, "#?"), len = 0;
    char *out = val_arena_alloc(a, blen + llen + 2);
    const char *end = link + llen, *p = link;
    if (*link == '/')
        p++;                                        /* from the site root */
    else {
        while (blen > 0 && base[blen - 1] != '/')
            blen--;                                 /* the page's folder */
        memcpy(out, base, blen);
        len = blen;
    }
    while (p < end) {
        const char *slash = memchr(p, '/', (size_t)(end - p));
        size_t n = slash ? (size_t)(slash - p) : (size_t)(end - p);
        if (n && push_segment(out, &len, p, n) != 0)
            return NULL;
        if (slash && n && !(n == 1 && p[0] == '.') && !(n == 2 && p[0] == '.' && p[1] == '.'))
            out[len++] = '/';
        p += n + (slash != NULL);
    }
    out[len] = '\0';
    return out;
}

/* 1 when link points into the site: no scheme ("x:" before any '/'), not "//host", not only an
 * anchor or a query, and not a file other than a page (its last segment has no extension, or
 * ".html"). */
static int is_internal(const char *link)
{
    size_t scheme = strcspn(link, ":/?#"), n = strcspn(link, "#?"), last = n;
    const char *dot = NULL;
    if (!*link || link[0] == '#' || link[0] == '?' || link[scheme] == ':' ||
        !strncmp(link, "//", 2))
        return 0;
    while (last > 0 && link[last - 1] != '/')
        last--;
    dot = memchr(link + last, '.', n - last);
    return !dot || (n - (size_t)(dot - link) == 5 && !strncmp(dot, ".html", 5));
}

/* The URLs of every page, as links name them: "es/x/" (and "es/x/index.html"), "404.html". */
static strmap *url_set(const site_ctx *sc, const out_list *pages, val_arena *a)
{
    strmap *m = strmap_new();
    size_t i;
    for (i = 0; i < pages->n; i++) {
        const char *u = out_url(&sc->urls, &pages->v[i], pages->v[i].lang, a);
        strmap_put(m, u, 1);
        if (!*u || u[strlen(u) - 1] == '/')
            strmap_put(m, val_arena_printf(a, "%sindex.html", u), 1);
    }
    return m;
}

/* A page's own-language body, or NULL when it has none (a fallback text is checked in its own
 * language's page) or it cannot hold a link (the loader saw no "](" or "]:" in it). */
static const m_body *page_body(const out_page *p)
{
    const int *has = NULL;
    const m_body *b = NULL;
    if (p->kind == PK_WS) {
        has = ((const m_ws *)p->obj)->has_lang;
        b = ((const m_ws *)p->obj)->body;
    } else if (p->kind == PK_PLAN) {
        has = ((const m_plan *)p->obj)->has_lang;
        b = ((const m_plan *)p->obj)->body;
    } else if (p->kind == PK_DOC) {
        has = ((const m_page *)p->obj)->has_lang;
        b = ((const m_page *)p->obj)->body;
    }
    return b && has[p->lang] && b[p->lang].path && b[p->lang].may_link ? &b[p->lang] : NULL;
}

/* The column of byte column bcol (1-based) of line (1-based) of text, in UTF-8 characters. */
static unsigned char_col(const char *text, int line, int bcol)
{
    const char *s = text;
    unsigned col = 1;
    int i;
    while (--line > 0 && (s = strchr(s, '\n')))
        s++;
    for (i = 1; s && i < bcol && s[i - 1]; i++)
        col += ((unsigned char)s[i - 1] & 0xC0) != 0x80;
    return col;
}

typedef struct scan {
    const site_ctx *sc;
    const strmap *urls;
    val_arena *a;
    diag_list *d;
} scan;

static void check_link(scan *k, const m_body *b, const char *text, const char *base,
                       cmark_node *n)
{
    const char *link = cmark_node_get_url(n), *to = NULL;
    unsigned line, col;
    if (!link || !is_internal(link))
        return;
    to = links_resolve(base, link, k->a);
    if (to && strmap_get(k->urls, to) >= 0)
        return;
    line = b->line + (unsigned)cmark_node_get_start_line(n) - 1;
    col = char_col(text, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
    if (!to)
        diag_add(k->d, DIAG_WARNING, b->path, line, col,
                 "broken link '%s': it climbs above the site root", link);
    else if (*link == '/')
        diag_add(k->d, DIAG_WARNING, b->path, line, col,
                 "broken link '%s': the site has no such page", link);
    else
        diag_add(k->d, DIAG_WARNING, b->path, line, col,
                 "broken link '%s': the site has no page /%s", link, to);
}

/* Check the links of one body. */
static void scan_body(scan *k, const m_body *b, const char *base)
{
    size_t len = 0;
    char *text = model_read_body(b, &len, k->d);
    cmark_node *doc = NULL;
    cmark_iter *it = NULL;
    cmark_event_type e;
    if (!text || (!strstr(text, "](") && !strstr(text, "]:")))
        goto out;
    doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
    it = cmark_iter_new(doc);
    while ((e = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        if (e == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_LINK)
            check_link(k, b, text, base, cmark_iter_get_node(it));
out:
    if (it)
        cmark_iter_free(it);
    if (doc)
        cmark_node_free(doc);
    free(text);
}

void links_check(const site_ctx *sc, const out_list *pages, diag_list *d)
{
    val_arena *a = val_arena_new();
    scan k = {sc, NULL, a, d};
    strmap *urls = url_set(sc, pages, a);
    size_t i;
    k.urls = urls;
    for (i = 0; i < pages->n; i++) {
        const m_body *b = page_body(&pages->v[i]);
        if (b)
            scan_body(&k, b, out_url(&sc->urls, &pages->v[i], pages->v[i].lang, a));
    }
    strmap_free(urls);
    val_arena_free(a);
}
