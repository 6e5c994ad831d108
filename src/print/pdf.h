/* pdf: turn HTML handouts into PDFs with an external engine (WeasyPrint by default), running
 * several engines at once: a small pool of child processes started with fork/exec (an argv array,
 * never a shell). The engine reads the HTML file and the stylesheets it links (CSS paged media),
 * and writes the PDF with its title (<title>), language (<html lang>) and bookmarks (headings). */
#ifndef PLANSITE_PDF_H
#define PLANSITE_PDF_H
#include "../util/diag.h"
#include <stddef.h>

#define PDF_ENGINE "weasyprint"
#define PDF_INSTALL_HINT "apt-get install weasyprint"

typedef struct pdf_job {
    const char *html;        /* the handout's HTML file (its links resolve beside it) */
    const char *pdf;         /* the PDF to write (replaced; removed when the engine fails) */
    const char *label;       /* how diagnostics name the PDF (its final path); NULL: pdf */
} pdf_job;

typedef struct pdf_opts {
    const char *engine;      /* program name (searched on PATH) or path; NULL: PDF_ENGINE */
    int jobs;                /* engines at once; < 1: one per core */
    int timeout;             /* seconds one engine may run before it is killed; < 1: 600 */
} pdf_opts;

typedef struct pdf_stats {
    size_t made;             /* PDFs written */
    size_t failed;           /* jobs whose engine failed, died or timed out */
    double seconds;          /* wall time of the whole pool */
} pdf_stats;

/* Where the engine is: the full path of program engine found on PATH, or engine itself when it
 * holds a '/' and is executable. NULL when it cannot be run. Caller frees. */
char *pdf_engine_path(const char *engine);

/* Run the engine once per job ("ENGINE --encoding utf-8 --pdf-variant pdf/ua-1 HTML PDF": tagged PDF/UA-1), at most o->jobs at a time,
 * the largest HTML first. A job whose engine exits non-zero, is killed or runs past the timeout is
 * an error in d (with the last line the engine printed) and leaves no PDF; "ERROR:" lines of an
 * engine that succeeded (a stylesheet it could not load) are warnings. When the engine is missing,
 * one error says how to install it and nothing runs. st (may be NULL) gets the counts.
 * Returns 0 when every PDF was made. */
int pdf_make_all(const pdf_job *jobs, size_t n, const pdf_opts *o, diag_list *d, pdf_stats *st);

#endif
