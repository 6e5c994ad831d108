/* context: what every builder of a page's template context (a value tree in a per-page arena)
 * reads — the site (site_ctx) and the page being built (view) — and the text values they are made
 * of: strings of the page's language (with the fallback to another), UI strings, Markdown rendered
 * to HTML, bodies, plain-text excerpts. Strings from the model are referenced, not copied.
 * The other pieces of the view stage: items (shared cards and links), wsview (workstreams in
 * full), frame (what every page has), dates, pdfs; views assembles them per page kind. */
#ifndef PLANSITE_CONTEXT_H
#define PLANSITE_CONTEXT_H
#include "../index/lastmod.h"
#include "../index/outputs.h"
#include "../../util/buf.h"
#include <stdint.h>

/* Everything a page's rendering may read; shared read-only by all workers. */
typedef struct items_cache items_cache;   /* opaque (items.c): items built once per language */

typedef struct site_ctx {
    const m_site *m;
    const i18n *t;
    url_map urls;
    const xref *x;
    int md_flags;            /* MD_RAW_HTML when the site allows raw HTML */
    int handouts;            /* the handouts exist (or are made on demand): pages link them */
    const char *pdf_dir;     /* the output folder that holds the handouts' PDFs; NULL: no PDFs */
    const char *prev_dir;    /* incremental: the previous build, whose unchanged files are linked */
    const struct fp_cache *fp_prev;   /* incremental: prev_dir's pages' fingerprints, or NULL
                                       * (src/site/build/fprint.h) */
    uint64_t *fp_new;        /* when not NULL: render_all stores each page's fingerprint here, by
                              * its index in the list it renders */
    int in_place;            /* incremental into prev_dir itself (serve): a page whose bytes are
                              * the same is not written at all; changed ones go to the
                              * destination, a staging folder moved into prev_dir afterwards */
    items_cache *cache;      /* NULL until items_cache_build */
    struct bodies *bodies;   /* workstream bodies between their page and the handout, or NULL */
    const size_t *data_sizes; /* each data file's size (index/datafiles.h order), or NULL */
    long long build_time;    /* the build's date, seconds since 1970 (dates_build_time) */
    const lastmod *lm;       /* the pages' "last updated" times, or NULL: none shown */
} site_ctx;

/* One page being built: its arena, language and scratch space. */
typedef struct view {
    const site_ctx *sc;
    val_arena *a;
    size_t li;
    buf *scratch;
    diag_list *d;
    const out_page *page;
    const char *url;         /* the page's own URL */
    val *crumbs;             /* the breadcrumbs list of the page's frame (frame_new) */
    int fp;                  /* a fingerprint's context (src/site/build/fprint.h): Markdown and
                              * bodies stand as their source (ctx_md, ctx_body_token), nothing is
                              * read or rendered; everything else as for rendering */
} view;

/* A string node for s (referenced, not copied), or a null node when s is NULL. */
val *ctx_str(view *v, const char *s);
/* The text of language v->li, or NULL when no language has it. When it comes from another
 * language (a translation not written yet), *fb is set to 1; it is never cleared, so one flag
 * gathers the fallbacks of all the texts a builder used, and the builder returns it likewise. */
const char *ctx_text(view *v, const char *const *texts, int *fb);
/* Markdown rendered to HTML (flags: MD_INLINE, MD_SHIFT), or null for NULL. */
/* Report that a Markdown text of len bytes (body b, or a text of the page when NULL) needs more
 * memory than cmark-gfm may take for it (md_render returned -1). */
void ctx_md_too_big(view *v, const m_body *b, size_t len);
val *ctx_md(view *v, const char *md, int flags);
/* The Markdown body of a file rendered to HTML, or null when empty. */
val *ctx_body(view *v, const m_body *b, int flags);
/* With v->fp: what stands for body b (not NULL) rendered with Markdown flags flags (a map of its
 * hash, size and flags: equal tokens render equal), or a null node when b has no file. */
val *ctx_body_token(view *v, const m_body *b, int flags);
/* The body of the page's language, or of the first language that has one (a translation not
 * written yet), rendered; and null or the code of the language shown instead. */
val *ctx_body_of(view *v, const m_body *bodies, const int *has_lang, int flags);
val *ctx_body_lang(view *v, const int *has_lang);
/* Plain text from Markdown (emphasis marks and link targets left out, white space collapsed),
 * cut at a word boundary to at most max characters and an ellipsis (meta descriptions). */
val *ctx_plain(view *v, const char *md, size_t max);
/* A UI string of the page's language. */
const char *ctx_t(view *v, const char *key);
/* null when the page's language has the text, else the code of the language shown instead (the
 * template marks that text with lang="..." so that it is read with the right voice). */
val *ctx_lang_of(view *v, const char *const *texts);
/* The index of the language whose file gives a body: the page's, or the first that has one. */
size_t ctx_body_index(const view *v, const int *has_lang);

#endif
