/* build: the whole pipeline — load, validate, plan pages, render, write into a temporary folder
 * beside the destination, and swap it in only when everything succeeded. Also `check` (the same
 * without writing). */
#ifndef PLANSITE_BUILD_H
#define PLANSITE_BUILD_H
#include "../../content/model.h"
#include <stddef.h>

#define BUILD_MARK ".plansite-build"   /* in every build's output folder */

/* The handouts (a whole plan's, an objective's sheet: pages made for printing) in a build. */
enum {
    BUILD_HANDOUTS_NONE,     /* not written, and no page links them (plain build) */
    BUILD_HANDOUTS_WRITE,    /* written and linked (build --handouts, --pdf, pdf) */
    BUILD_HANDOUTS_LINKED    /* linked, not written: made on demand (serve, site_build_handout) */
};

typedef struct site_build_opts {
    const char *site_dir;    /* the site folder (content/, templates/, themes/) */
    const char *dest_dir;    /* where the site goes; NULL: SITE/public */
    const char *base_url;    /* overrides content/site.yaml's base_url when not NULL */
    int drafts;              /* include drafts */
    int check_only;          /* render everything in memory, write nothing */
    int threads;             /* workers; 0: one per core */
    int keep_bodies;         /* keep Markdown bodies in memory (serve) */
    int pdf;                 /* also make every handout's PDF (src/print/pdf.h) before the swap;
                              * implies handouts */
    int handouts;            /* BUILD_HANDOUTS_*: whether the handouts are written and linked */
    const char *only;        /* with BUILD_HANDOUTS_LINKED: render just the handout whose file is
                              * this path (relative, e.g. "es/imprimir/x/index.html") into
                              * dest_dir, in place (site_build_handout) */
    int force;               /* replace a non-empty destination that is not an earlier build */
    int catch_signals;       /* SIGINT/SIGTERM/SIGHUP stop the build cleanly (sys_catch_signals) */
    int timings;             /* print each phase's time and the CPU time per kind of page (stderr) */
    int incremental;         /* files equal to the previous build's are hard links to them; pages
                              * whose fingerprint (fprint.h) is the one recorded for the previous
                              * build are not even rendered */
    const char *cache_file;  /* incremental: the fingerprints file; NULL: fp_default_file(DEST) */
    const char *in_place_dir; /* incremental (serve): an earlier build to update in place when its
                              * fingerprints allow (only the changed files are moved into it, once
                              * everything succeeded); otherwise a full build into dest_dir */
    int no_search;           /* make no search index (serve indexes the served folder later) */
    int no_git;              /* "last updated" from the files' times alone, without git's history
                                (serve: a git log per rebuild costs more than a small rebuild) */
} site_build_opts;

typedef struct site_build_stats {
    size_t nlangs;
    const char *langs[LANG_MAX];     /* static copies of the codes (valid until the next build) */
    char lang_codes[LANG_MAX][8];
    size_t pages[LANG_MAX];
    size_t other_pages;              /* root redirect and 404 */
    size_t files_copied;             /* static files */
    size_t workstreams, plans;
    size_t bytes;
    size_t errors, warnings;
    double seconds;
    size_t pdfs;                     /* PDFs made (opts.pdf) */
    size_t pdf_errors;               /* errors of the PDF step (engine missing, a failed PDF) */
    double pdf_seconds;
    int signal;                      /* the signal that stopped the build (catch_signals), or 0 */
    int incremental;                 /* a previous build was there to reuse (opts.incremental) */
    size_t reused;                   /* files linked from it, unchanged (opts.incremental) */
    size_t rendered;                 /* pages rendered (incremental: the changed ones) */
    int fingerprints;                /* the previous build's fingerprints were used */
    int in_place;                    /* opts.in_place_dir was updated in place (not dest_dir) */
    size_t moved, removed;           /* in place: files changed, files that are gone */
    char *old_tree;                  /* the replaced build, set aside: site_build_finish removes it */
    int indexed;                     /* Pagefind made the search index (search.h) */
    double search_seconds;           /* how long it took */
    char *lazy;                      /* BUILD_HANDOUTS_LINKED: the handouts' files, not written,
                                      * each NUL-terminated, lazy_len bytes (site_build_finish frees) */
    size_t lazy_len;
} site_build_stats;

/* Build (or check) the site. Diagnostics (errors and warnings, with locations) go to d.
 * Returns 0 on success; on failure (any error of any stage, or a caught signal) the destination
 * is untouched and the temporary folder beside it removed. Every build holds the file
 * BUILD_MARK; a non-empty destination without it is refused unless opts.force. Temporary folders
 * left beside the destination by a build whose process is gone are removed. With opts.pdf the PDFs are made
 * in the new folder before it is swapped in, and the pages that link them (workplans, objectives,
 * handouts) are rendered again with links to the PDFs that exist; a PDF that could not be made
 * (or a missing engine) does not stop the HTML site: its errors go to d after the swap, counted
 * in st->pdf_errors, and the function still returns 0. With opts.incremental, when the destination
 * holds an earlier build, every file whose bytes equal that build's file of the same path is a
 * hard link to it instead of a new file (src/site/build/reuse.h): only the files that changed
 * are written; the earlier tree is not modified. Before the swap, Pagefind indexes the new
 * folder (src/site/build/search.h): a failing Pagefind is an error (no swap); when none is
 * found, one warning, and the site has no search index. The replaced build is left in
 * st->old_tree for site_build_finish (every caller calls it, also after a failure). With
 * BUILD_HANDOUTS_LINKED the handouts are planned and linked but not written; their files are
 * listed in st->lazy for site_build_handout. */
int site_build(const site_build_opts *o, diag_list *d, site_build_stats *st);
/* Render into o->dest_dir, an existing build made with BUILD_HANDOUTS_LINKED from the same
 * site, the one handout whose file is o->only, writing nothing else (no temporary folder, no
 * swap): what serve does when a handout is asked for. Returns 0 when it was written; 1 when no
 * handout has that file (nothing written, nothing in d); -1 after errors in d. */
int site_build_handout(const site_build_opts *o, diag_list *d);
/* Remove the replaced build that site_build set aside ("DEST.old-PID", st->old_tree) and forget
 * it (and free st->lazy); nothing when there is none. Call it after reporting, so the deletion is not on the path
 * between the build and its report. A process killed first leaves the folder; the next build
 * beside the same destination removes it. */
void site_build_finish(site_build_stats *st);
/* One line of summary: "built 120 pages (es 59, en 59, 2 other), 4 files copied, 0 warnings in
 * 0.05 s" (incremental: and ", 118 unchanged files linked"). Appends to out. */
void site_build_summary(const site_build_stats *st, int check_only, char *out, size_t size);

#endif
