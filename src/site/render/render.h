/* render: turn every planned page into HTML with worker threads and write each file as soon as it
 * is rendered (nothing is kept per page afterwards). */
#ifndef PLANSITE_RENDER_H
#define PLANSITE_RENDER_H
#include "../view/context.h"
#include "theme.h"
#include "../../mustache/tpl.h"

typedef struct render_stats {
    size_t pages[LANG_MAX];  /* pages per language */
    size_t other;            /* pages of no language (root, 404) */
    size_t bytes;            /* HTML bytes produced */
    size_t reused;           /* pages linked from sc->prev_dir, unchanged (src/site/build/reuse.h) */
    size_t rendered;         /* pages rendered (incremental with fingerprints: the changed ones) */
    /* when timed: pages and CPU seconds (of the threads that made them) per kind */
    size_t kind_pages[PK_COUNT];
    double kind_cpu[PK_COUNT];
} render_stats;

/* Render pages with threads workers (at least 1), with th's templates. dest: the folder to write
 * into, or NULL to render without writing (check). timed: also measure each page's CPU time
 * (st->kind_pages, kind_cpu; zero otherwise). Errors (a failed render, an unsafe path, a write failure) go to
 * d; a template error is reported once, at its file, with the first page it spoiled and how many
 * others. Returns 0 when every page was rendered (and written). */
int render_all(const site_ctx *sc, theme *th, const out_list *pages, const char *dest,
               int threads, int timed, diag_list *d, render_stats *st);

/* Pages to render after all the others, once something they show is ready: those late(p) holds
 * for, rendered when wait(ud) has returned (called once, every other page rendered by then). */
typedef struct render_late {
    int (*late)(const out_page *p);
    void (*wait)(void *ud);
    void *ud;
} render_late;
/* render_all, the pages that lt->late holds for rendered last, after lt->wait (lt NULL: as
 * render_all). The errors are reported as one run's (each template error once, at its first page
 * in pages' order). */
int render_all_late(const site_ctx *sc, theme *th, const out_list *pages, const char *dest,
                    int threads, int timed, const render_late *lt, diag_list *d,
                    render_stats *st);

#endif
