/* search: the full-text search index of a built site, made by Pagefind (an external program: the
 * npm package `pagefind`, which ships its binary) over the new output folder before it is swapped
 * in, so the index is part of the atomic build. Pagefind splits the index by <html lang> (one
 * index per language) and reads only the elements marked data-pagefind-body (the pages' <main>),
 * with the filters and metadata the templates mark (README, "Search"). */
#ifndef PLANSITE_SEARCH_H
#define PLANSITE_SEARCH_H
#include "../../util/diag.h"

#define SEARCH_ENV "PLANSITE_PAGEFIND"    /* a path or program name; "off": no search index */
#define SEARCH_MARK "pagefind/pagefind.js"   /* Pagefind wrote an index: this file exists */
#define SEARCH_LOCAL "tools/pagefind/node_modules/.bin/pagefind"   /* under the site folder */
#define SEARCH_INSTALL_HINT "tests/tools/deps.sh search"

/* Where Pagefind is, tried in this order: $PLANSITE_PAGEFIND (a path, or a name looked up on
 * PATH), SITE_DIR/SEARCH_LOCAL, then `pagefind` on PATH. Returns a malloc'd path (caller frees),
 * or NULL: with *why set to "off" when $PLANSITE_PAGEFIND is "off", to "missing" when
 * $PLANSITE_PAGEFIND names a program that cannot be run (an error for the caller), or to "none"
 * when nothing was found (the caller warns). */
char *search_find(const char *site_dir, const char **why);

/* Run Pagefind (bin) over the folder dir ("BIN --site DIR --quiet"), which gets dir/pagefind/.
 * label names the destination in diagnostics. A Pagefind that cannot start or exits non-zero is
 * an error in d with the last line it printed, and so is one that exits 0 without writing
 * dir/SEARCH_MARK. *seconds (may be NULL) gets the wall time.
 * Returns 0 on success, -1 on failure. */
int search_index(const char *bin, const char *dir, const char *label, diag_list *d,
                 double *seconds);

/* A Pagefind run in the background (plansite serve indexes the served folder after the reload). */
typedef struct search_job search_job;
/* Start Pagefind (bin) over dir without waiting; with own_group it runs in its own process group,
 * so that search_job_free stops its children too. Returns the job (free it with
 * search_job_free), or NULL with errno set when it could not start. */
search_job *search_start(const char *bin, const char *dir, int own_group);
/* 1 when the job has ended (reaped; with block, waits for it), 0 while it runs. */
int search_job_done(search_job *j, int block);
/* After search_job_done returned 1: 0 when Pagefind exited 0 and wrote dir/SEARCH_MARK, else -1
 * with an error in d (label names the folder). */
int search_job_result(search_job *j, const char *dir, const char *label, diag_list *d);
/* Stop the job if it still runs (SIGKILL, then wait), close its output, free it. NULL is fine. */
void search_job_free(search_job *j);

#endif
