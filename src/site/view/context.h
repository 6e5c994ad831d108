/* context: building blocks of a page's template context (a value tree in a per-page arena):
 * the common frame of every page (language, navigation, breadcrumbs, alternates) and the items
 * that many pages show (a workstream card, an entity link, an objective link, a whole workstream).
 * Strings from the model are referenced, not copied; Markdown is rendered here. */
#ifndef PLANSITE_CONTEXT_H
#define PLANSITE_CONTEXT_H
#include "../index/outputs.h"
#include "../../util/buf.h"

/* Everything a page's rendering may read; shared read-only by all workers. */
typedef struct ctx_cache ctx_cache;   /* opaque: items built once per language */

typedef struct site_ctx {
    const m_site *m;
    const i18n *t;
    url_map urls;
    const xref *x;
    int md_flags;            /* MD_RAW_HTML when the site allows raw HTML */
    const char *pdf_dir;     /* the output folder that holds the handouts' PDFs; NULL: no PDFs */
    ctx_cache *cache;        /* NULL until ctx_cache_build */
    struct bodies *bodies;   /* workstream bodies between their page and the handout, or NULL */
} site_ctx;

/* One page being built: its arena, language and scratch space. */
typedef struct view {
    const site_ctx *sc;
    val_arena *a;
    size_t li;
    buf *scratch;
    diag_list *d;
    int fell_back;           /* some text of the page came from another language */
    const out_page *page;
    const char *url;         /* the page's own URL */
} view;

/* A string node for s (referenced, not copied), or a null node when s is NULL. */
val *ctx_str(view *v, const char *s);
/* The text of language v->li, falling back to another language (and noting it). */
const char *ctx_text(view *v, const char *const *texts);
/* Markdown rendered to HTML (flags: MD_INLINE, MD_SHIFT), or null for NULL. */
val *ctx_md(view *v, const char *md, int flags);
/* The Markdown body of a file rendered to HTML, or null when empty. */
val *ctx_body(view *v, const m_body *b, int flags);
/* The body of the page's language, or of the first language that has one (a translation not
 * written yet), rendered; and null or the code of the language shown instead. */
val *ctx_body_of(view *v, const m_body *bodies, const int *has_lang, int flags);
val *ctx_body_lang(view *v, const int *has_lang);
/* Plain text from Markdown, cut at a word boundary to at most max bytes (meta descriptions). */
val *ctx_plain(view *v, const char *md, size_t max);
/* A UI string of the page's language. */
const char *ctx_t(view *v, const char *key);
/* Build, once and before any page, the items that many pages show — every workstream item,
 * entity link and term link, the site map and the navigation, in every language — so that pages
 * share them instead of rebuilding them (a cross-index page lists hundreds). Each language is
 * built on its own thread. They are read-only from then on; free with ctx_cache_free. */
void ctx_cache_build(site_ctx *sc);
void ctx_cache_free(site_ctx *sc);
/* An entity: {id, acronym, name, url (null without a page)}. Shared: do not change it. */
val *ctx_entity(view *v, size_t e);
/* The same as a new map of the page, which the caller may extend. */
val *ctx_entity_new(view *v, size_t e);
val *ctx_entities(view *v, const m_ints *ids);
/* A term of a numbered vocabulary: {number, id, title, short, label ("Objetivo 8"), url}.
 * Shared: do not change it; ctx_term_new makes one the caller may extend. */
val *ctx_term(view *v, m_vocab_kind k, size_t t);
val *ctx_term_new(view *v, m_vocab_kind k, size_t t);
/* {known: bool, items: [term...]} for a fact that may be "not stated in the source". */
val *ctx_terms(view *v, m_vocab_kind k, const m_ints *ids, int known);
/* A workstream as a list item: {number, slug, title, url, plan_title, plan_url, group, status,
 * leads, timeline}. Shared: do not change it. */
val *ctx_ws_item(view *v, const m_ws *w);
/* A workstream for an objective's handout: the item plus purpose and has_leads. */
val *ctx_ws_brief(view *v, const m_ws *w);
/* A lazy list of n workstreams made one at a time as the template reads them (full: every field,
 * else brief), so that a page listing thousands of them stays in constant memory. ws must outlive
 * the page (allocate it in v->a). */
val *ctx_ws_lazy(view *v, const m_ws **ws, size_t n, int full);
/* A workstream with every field (its page, the handouts). */
val *ctx_ws_full(view *v, const m_ws *w);
/* An ISO date ("2022-12-15", "2019-07") as readers of the page's language write it, with the
 * string table's month_1..month_12 and its date_dmy / date_my patterns ("{d} de {m} de {y}");
 * NULL for NULL, the text itself when it is not such a date (a bare year, say). */
const char *ctx_date(view *v, const char *iso);
/* The PDFs of a handout page (kind PK_HANDOUT_*) that exist in sc->pdf_dir, the page's language
 * first: [{lang, name, url, size ("412 kB", "1,2 MB"), current}]. Empty without pdf_dir. */
val *ctx_pdfs(view *v, const out_page *handout);
/* The frame of every page: lang, root, t, site, page{title, description, url, canonical},
 * alternates, nav, and an empty breadcrumbs list to append to. Returns the root map. */
val *ctx_frame(view *v, const char *title, const char *description);
/* Append {title, url} to the frame's breadcrumbs (url NULL: the current page). */
void ctx_crumb(view *v, val *frame, const char *title, const char *url);

#endif
