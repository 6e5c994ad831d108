/* outputs: the list of every page the site has, planned before anything is rendered, so that
 * rendering can run in parallel and serve can tell what to rebuild. */
#ifndef PLANSITE_OUTPUTS_H
#define PLANSITE_OUTPUTS_H
#include "urls.h"
#include "xref.h"

typedef enum {
    PK_ROOT,          /* /index.html: sends readers to their language */
    PK_NOT_FOUND,     /* /404.html */
    PK_HOME, PK_PLANS, PK_PLAN, PK_WS,
    PK_TERMS,         /* index of a vocabulary (voc): objectives, areas, SDGs, entities */
    PK_TERM,          /* one term's page */
    PK_DOCS, PK_DOC,
    PK_HANDOUT_PLAN, PK_HANDOUT_TERM,
    PK_SEARCH,        /* the search page (Pagefind's index, src/site/build/search.h) */
    PK_DATA,          /* the open data page (index/datafiles.h) */
    PK_COUNT
} out_kind;

typedef struct out_page {
    unsigned char kind;      /* out_kind */
    unsigned char lang;      /* language index */
    unsigned char voc;       /* m_vocab_kind for PK_TERMS / PK_TERM */
    size_t idx;              /* term index, or plan/page index */
    const void *obj;         /* m_plan*, m_ws*, m_page* */
} out_page;

typedef struct out_list {
    out_page *v;
    size_t n, cap;
} out_list;

/* A page kind's row: how its URL is made, its template, the outputs that list it. */
typedef const char *(*out_url_fn)(const url_map *u, const out_page *p, size_t li, val_arena *a);
typedef struct out_kind_desc {
    const char *tpl;         /* its template (PK_TERMS, PK_TERM: the vocabulary's own) */
    out_url_fn url;          /* its URL in language li */
    int in_sitemap;          /* a page of one language: in the sitemap and its language's count */
    int links_pdfs;          /* shows links to PDFs (rendered again once they exist) */
} out_kind_desc;

/* The row of page kind k (0 <= k < PK_COUNT). */
const out_kind_desc *out_kind_of(out_kind k);
/* 1 when page p shows links to PDFs (its kind's row, or a term of a vocabulary with handouts),
 * else 0. */
int out_links_pdfs(const out_page *p);
/* Plan every page of s (all languages); the handouts (PK_HANDOUT_*) only when handouts is not 0.
 * Free with out_list_free. */
void out_plan(const m_site *s, const xref *x, int handouts, out_list *out);
void out_list_free(out_list *l);
/* The URL of page p in language li (the same page in another language when li != p->lang). */
const char *out_url(const url_map *u, const out_page *p, size_t li, val_arena *a);
/* The PDF made from a handout page, in language li, beside its HTML: "<handout>plan-<slug>-<lang>.pdf"
 * for a workplan, "<handout><objectives>-<n>-<lang>.pdf" for an objective (e.g.
 * "es/imprimir/objetivos-8/objetivos-8-es.pdf"). NULL for a page that is not a handout. */
const char *out_pdf_url(const url_map *u, const out_page *p, size_t li, val_arena *a);
/* The template that renders a page kind. */
const char *out_template(const out_page *p);

#endif
