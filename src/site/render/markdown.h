/* markdown: Markdown (CommonMark + GFM tables, strikethrough, autolinks, task lists) to HTML with
 * cmark-gfm. Raw HTML is escaped unless allowed. Links whose target is lost ("#" or empty) are
 * kept as plain text. Thread-safe after md_init. */
#ifndef PLANSITE_MARKDOWN_H
#define PLANSITE_MARKDOWN_H
#include "../../util/buf.h"
#include <stddef.h>

enum {
    MD_RAW_HTML = 1,   /* let raw HTML through (site.yaml raw_html: true) */
    MD_INLINE = 2,     /* one paragraph's content, without the <p> wrapper (titles, list items) */
    MD_SHIFT = 4,      /* demote headings by one level (bodies under a page's <h1>) */
    MD_SHIFT2 = 8,     /* demote headings by two levels (bodies under an <h3>: handouts) */
    MD_PARSER = 16,    /* always run the parser (tests check the plain-text fast path with it) */
    MD_ALL_EXT = 32    /* attach every extension, even those the text cannot trigger (tests) */
};

/* Register the GFM extensions once, before any thread renders. */
void md_init(void);
/* Append html with every heading tag <hN> and </hN> moved down by levels (at most h6): the HTML
 * md_render makes with MD_SHIFT/MD_SHIFT2, from the HTML it makes without. Raw HTML aside. */
void md_shift_headings(const char *html, size_t len, int levels, buf *out);
/* Free the calling thread's Markdown memory (each rendering thread, when it is done). */
void md_release(void);
/* The calling thread's Markdown memory (for tests and benchmarks): the bytes its allocator holds
 * now in *held and the most it held at once in *peak, since the thread began or the last call;
 * the call starts a new peak from what is held now. */
void md_stats(size_t *held, size_t *peak);
/* The most memory cmark-gfm may take for one text of len bytes: MD_BUDGET_BASE plus
 * MD_BUDGET_PER_BYTE per byte (a 2 MB body: 384 MiB; real tables need about 100 bytes a byte).
 * It stops texts that make cmark-gfm build far more than they hold — a table whose header has
 * hundreds of columns and whose rows are short gets every row filled to the header's width (a
 * 100 KB body: over 400 MB and seconds of work). */
#define MD_BUDGET_BASE ((size_t)128 << 20)
#define MD_BUDGET_PER_BYTE 128u
size_t md_budget_for(size_t len);
/* Render len bytes of Markdown to HTML appended to out. Returns 0, or -1 (out as it was) when
 * the text needs more memory than md_budget_for(len): the caller reports it. */
int md_render(const char *src, size_t len, int flags, buf *out);

#endif
