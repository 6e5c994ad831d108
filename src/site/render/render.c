#define _POSIX_C_SOURCE 200809L
#include "render.h"
#include "markdown.h"
#include "../view/views.h"
#include "theme.h"
#include "../build/fprint.h"
#include "../build/reuse.h"
#include "../../data/val_hash.h"
#include "../../util/hash.h"
#include "../../util/strmap.h"
#include "../../data/val_tpl.h"
#include "../../util/fs.h"
#include "../../util/mem.h"
#include "../../util/sys.h"
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A template error met while rendering, once per distinct message (a broken partial would
 * otherwise be reported on every page that uses it). */
typedef struct render_err {
    char *text;              /* "name:line:col: message" from the engine */
    char *url;               /* the first page, in page order, it was met on */
    size_t first;            /* that page's index */
    size_t pages;
} render_err;

typedef struct job {
    const site_ctx *sc;
    tpl_env *env;
    pthread_mutex_t elock;   /* guards errs and eidx */
    render_err *errs;
    size_t nerrs;
    strmap *eidx;            /* text -> index into errs */
    char *werr;              /* the first file (in page order) that could not be written */
    int werrno;              /* its errno */
    size_t wfirst, nwerr;    /* its page index; how many files could not be written */
    const out_list *pages;
    const char *dest;
    diag_list *d;
    atomic_size_t next;
    atomic_size_t bytes;
    atomic_size_t reused;
    atomic_size_t rendered;  /* pages rendered (incremental: those whose fingerprint changed) */
    atomic_int failed;
    int timed;               /* --timings: measure each page's CPU time */
    const render_late *late; /* pages rendered in a second pass, or NULL (one pass) */
    int pass;                /* with late: 0, the others; 1, the late pages */
} job;

typedef struct worker {
    job *j;
    val_arena *a;
    buf out, scratch;
    val_hash_memo *memo;     /* fingerprints of the shared parts of contexts (sc->fp_new) */
    char *rel;               /* the page's file, while its fingerprint is compared */
    size_t per_lang[LANG_MAX + 1];
    size_t kind_pages[PK_COUNT];
    double kind_cpu[PK_COUNT];
} worker;

static double thread_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

#define STREAM_AT (256u * 1024u)   /* a page larger than this is written as it is rendered */

static int sink_none(void *ud, const char *p, size_t n)
{
    (void)ud;
    (void)p;
    (void)n;
    return 0;
}

/* A page that could not be written (errno err): remembered, reported once by report_errors
 * (a full disk would otherwise give one line per page). */
static void note_write_error(job *j, const char *path, int err, size_t page)
{
    pthread_mutex_lock(&j->elock);
    if (!j->werr || page < j->wfirst) {
        free(j->werr);
        j->werr = xstrdup(path);
        j->werrno = err;
        j->wfirst = page;
    }
    j->nwerr++;
    pthread_mutex_unlock(&j->elock);
}

/* Open the page's file in the destination (its folder made); -1 after a diagnostic. */
static int open_page(worker *w, const char *url, size_t page, char **path)
{
    const char *rel = url_file(url, w->a);
    int fd;
    if (!fs_rel_path_ok(rel)) {
        diag_add(w->j->d, DIAG_ERROR, rel, 0, 0, "refusing to write outside the destination");
        return -1;
    }
    *path = fs_join(w->j->dest, rel);
    if ((fd = fs_create(*path)) < 0)
        note_write_error(w->j, *path, errno, page);
    return fd;
}

static void note_error(job *j, const char *err, const char *url, size_t page)
{
    int at;
    pthread_mutex_lock(&j->elock);
    at = strmap_get(j->eidx, err);
    if (at >= 0) {
        render_err *e = &j->errs[at];
        e->pages++;
        if (page < e->first) {   /* threads meet pages out of order: keep the first */
            free(e->url);
            e->url = xstrdup(url);
            e->first = page;
        }
    } else {
        render_err *e;
        j->errs = xrealloc(j->errs, (j->nerrs + 1) * sizeof *j->errs);
        e = &j->errs[j->nerrs];
        e->text = xstrdup(err);
        e->url = xstrdup(url);
        e->first = page;
        e->pages = 1;
        strmap_put(j->eidx, e->text, (int)j->nerrs++);
    }
    pthread_mutex_unlock(&j->elock);
}

/* Each distinct template error once, at its template's file, with the pages it spoiled. */
static void report_errors(job *j, const theme *th)
{
    size_t i;
    if (j->nwerr > 1)
        diag_add(j->d, DIAG_ERROR, j->werr, 0, 0, "cannot write: %s (and %zu other files)",
                 strerror(j->werrno), j->nwerr - 1);
    else if (j->nwerr)
        diag_add(j->d, DIAG_ERROR, j->werr, 0, 0, "cannot write: %s", strerror(j->werrno));
    free(j->werr);
    for (i = 0; i < j->nerrs; i++) {
        render_err *e = &j->errs[i];
        char *located = theme_locate(th, e->text);
        if (e->pages > 1)
            diag_add(j->d, DIAG_ERROR, NULL, 0, 0, "%s (rendering %s and %zu other pages)",
                     located, e->url, e->pages - 1);
        else
            diag_add(j->d, DIAG_ERROR, NULL, 0, 0, "%s (rendering %s)", located, e->url);
        free(located);
        free(e->text);
        free(e->url);
    }
    free(j->errs);
    strmap_free(j->eidx);
}

static void view_init(worker *w, view *v, const out_page *p)
{
    memset(v, 0, sizeof *v);
    v->sc = w->j->sc;
    v->a = w->a;
    v->li = p->lang;
    v->scratch = &w->scratch;
    v->d = w->j->d;
    v->page = p;
    v->url = out_url(&v->sc->urls, p, p->lang, w->a);
}

/* Incremental: write the page held in w->out into its file as a new file (never into the
 * previous build's inode that a link may share), or link the previous build's file when it holds
 * the same bytes. 0, or -1 after a diagnostic. */
static int keep_or_write(worker *w, const char *url, size_t page)
{
    const char *rel = url_file(url, w->a), *prev = w->j->sc->prev_dir;
    char *path = NULL;
    int fd = -1, rc = -1;
    if (!fs_rel_path_ok(rel)) {
        diag_add(w->j->d, DIAG_ERROR, rel, 0, 0, "refusing to write outside the destination");
        return -1;
    }
    path = fs_join(w->j->dest, rel);
    unlink(path);   /* a page rendered again (PDF links) may be a link into the previous build */
    /* the same bytes: in place, prev_dir is the tree served and keeps its file; else a link */
    if (reuse_same(prev, rel, w->out.data, w->out.len) &&
        (w->j->sc->in_place || reuse_link(prev, rel, w->j->dest) == 0)) {
        atomic_fetch_add(&w->j->reused, 1);
        rc = 0;
    } else if ((fd = fs_create(path)) >= 0 && fs_sink_fd(&fd, w->out.data, w->out.len) == 0) {
        rc = close(fd);
        fd = -1;
    }
    if (rc != 0)
        note_write_error(w->j, path, errno, page);
    if (fd >= 0)
        close(fd);
    free(path);
    return rc;
}

/* The fingerprint of page p (src/site/build/fprint.h): its context built for a fingerprint and
 * hashed, with its template's name; w->rel is set to its file. */
static uint64_t page_fp(worker *w, const out_page *p)
{
    view v;
    const char *name = out_template(p);
    uint64_t h;
    val_arena_reset(w->a);
    view_init(w, &v, p);
    v.fp = 1;
    free(w->rel);
    w->rel = xstrdup(url_file(v.url, w->a));
    h = val_hash(view_build(&v), w->memo, w->a);
    return hash_mix(h, hash_bytes(name, strlen(name)));
}

/* Incremental with fingerprints: 1 when page i (p) is the same as in the previous build, whose
 * file is then reused (linked, or left where it is in place); its fingerprint is recorded. */
static int unchanged(worker *w, const out_page *p, size_t i)
{
    const site_ctx *sc = w->j->sc;
    uint64_t fp = page_fp(w, p), old = 0;
    sc->fp_new[i] = fp;
    if (!fp_lookup(sc->fp_prev, w->rel, &old) || old != fp)
        return 0;
    if (sc->in_place)
        return fs_rel_path_ok(w->rel) && reuse_present(sc->prev_dir, w->rel);
    return fs_rel_path_ok(w->rel) && reuse_link(sc->prev_dir, w->rel, w->j->dest) == 0;
}

/* Incremental: render one page into memory, then keep_or_write. */
static int render_kept(worker *w, const out_page *p)
{
    view v;
    char *err = NULL;
    const tpl_template *t;
    size_t page = (size_t)(p - w->j->pages->v);
    int rc = -1;
    val_arena_reset(w->a);
    view_init(w, &v, p);
    t = tpl_env_get(w->j->env, out_template(p), &err);
    buf_reset(&w->out);
    if (!t || tpl_render(w->j->env, t, val_tpl_data(), view_build(&v), &w->out, &err) != 0)
        note_error(w->j, err ? err : "?", v.url, page);
    else {
        atomic_fetch_add(&w->j->bytes, w->out.len);
        rc = keep_or_write(w, v.url, page);
    }
    free(err);
    return rc;
}

/* Render one page straight into its file (or nowhere, for check). */
static int render_one(worker *w, const out_page *p)
{
    view v;
    char *err = NULL, *path = NULL;
    const tpl_template *t;
    size_t page = (size_t)(p - w->j->pages->v);
    int fd = -1, rc = -1;
    val_arena_reset(w->a);
    view_init(w, &v, p);
    if (w->j->dest && (fd = open_page(w, v.url, page, &path)) < 0)
        goto out;
    t = tpl_env_get(w->j->env, out_template(p), &err);
    buf_reset(&w->out);
    buf_set_sink(&w->out, fd >= 0 ? fs_sink_fd : sink_none, &fd, STREAM_AT);
    if (!t || tpl_render(w->j->env, t, val_tpl_data(), view_build(&v), &w->out, &err) != 0) {
        buf_flush(&w->out);
        note_error(w->j, err ? err : "?", v.url, page);
        goto out;
    }
    atomic_fetch_add(&w->j->bytes, w->out.flushed + w->out.len);
    if (buf_flush(&w->out) == 0) {
        rc = fd >= 0 ? close(fd) : 0;   /* after a failed write fd stays open: closed at out */
        fd = -1;
    }
    if (rc != 0)
        note_write_error(w->j, path, errno, page);
out:
    if (fd >= 0)
        close(fd);
    free(path);
    free(err);
    return rc;
}

/* 1 when page p belongs to this pass of j. */
static int in_pass(const job *j, const out_page *p)
{
    return !j->late || (j->late->late(p) ? 1 : 0) == j->pass;
}

static void *work(void *arg)
{
    worker *w = arg;
    job *j = w->j;
    size_t i;
    while (!sys_signalled() && (i = atomic_fetch_add(&j->next, 1)) < j->pages->n) {
        const out_page *p = &j->pages->v[i];
        double t0;
        int rc = 0, same = 0;
        if (!in_pass(j, p))
            continue;
        t0 = j->timed ? thread_cpu() : 0;
        if (j->sc->fp_new && j->dest && j->sc->prev_dir)
            same = unchanged(w, p, i);
        else if (j->sc->fp_new)
            j->sc->fp_new[i] = page_fp(w, p);   /* nothing to compare with: recorded */
        if (same)
            atomic_fetch_add(&j->reused, 1);
        else {
            rc = j->dest && j->sc->prev_dir ? render_kept(w, p) : render_one(w, p);
            atomic_fetch_add(&j->rendered, 1);
        }
        if (j->timed) {
            w->kind_cpu[p->kind] += thread_cpu() - t0;
            w->kind_pages[p->kind]++;
        }
        if (rc != 0)
            atomic_store(&j->failed, 1);
        else if (!out_kind_of((out_kind)p->kind)->in_sitemap)
            w->per_lang[LANG_MAX]++;
        else
            w->per_lang[p->lang]++;
    }
    md_release();
    return NULL;
}

/* The workers' counts into st. */
static void sum_stats(const worker *ws, int threads, render_stats *st)
{
    int i, k;
    memset(st, 0, sizeof *st);
    for (i = 0; i < threads; i++) {
        for (k = 0; k < LANG_MAX; k++)
            st->pages[k] += ws[i].per_lang[k];
        st->other += ws[i].per_lang[LANG_MAX];
        for (k = 0; k < PK_COUNT; k++) {
            st->kind_pages[k] += ws[i].kind_pages[k];
            st->kind_cpu[k] += ws[i].kind_cpu[k];
        }
    }
}

/* The pages of j on its workers ws: in one pass, or the others, lt->wait, then the late ones. */
static void run_passes(job *j, worker *ws, int threads, const render_late *lt)
{
    sys_parallel(work, ws, (size_t)threads, sizeof *ws);
    if (!lt)
        return;
    lt->wait(lt->ud);
    j->pass = 1;
    atomic_store(&j->next, 0);
    sys_parallel(work, ws, (size_t)threads, sizeof *ws);
}

int render_all(const site_ctx *sc, theme *th, const out_list *pages, const char *dest,
               int threads, int timed, diag_list *d, render_stats *st)
{
    return render_all_late(sc, th, pages, dest, threads, timed, NULL, d, st);
}

int render_all_late(const site_ctx *sc, theme *th, const out_list *pages, const char *dest,
                    int threads, int timed, const render_late *lt, diag_list *d,
                    render_stats *st)
{
    job j;
    worker *ws = NULL;
    int i;
    if (threads < 1)
        threads = 1;
    memset(&j, 0, sizeof j);
    j.sc = sc;
    j.env = theme_env(th);
    pthread_mutex_init(&j.elock, NULL);
    j.eidx = strmap_new();
    j.pages = pages;
    j.dest = dest;
    j.d = d;
    atomic_init(&j.next, 0);
    atomic_init(&j.bytes, 0);
    atomic_init(&j.reused, 0);
    atomic_init(&j.rendered, 0);
    atomic_init(&j.failed, 0);
    j.timed = timed;
    j.late = lt;
    ws = xcalloc((size_t)threads, sizeof *ws);
    for (i = 0; i < threads; i++) {
        ws[i].j = &j;
        ws[i].a = val_arena_new();
        buf_init(&ws[i].out);
        buf_init(&ws[i].scratch);
        ws[i].memo = sc->fp_new ? val_hash_memo_new() : NULL;
    }
    run_passes(&j, ws, threads, lt);
    sum_stats(ws, threads, st);
    for (i = 0; i < threads; i++) {
        val_arena_free(ws[i].a);
        buf_free(&ws[i].out);
        buf_free(&ws[i].scratch);
        val_hash_memo_free(ws[i].memo);
        free(ws[i].rel);
    }
    st->bytes = atomic_load(&j.bytes);
    st->reused = atomic_load(&j.reused);
    st->rendered = atomic_load(&j.rendered);
    report_errors(&j, th);
    pthread_mutex_destroy(&j.elock);
    free(ws);
    return atomic_load(&j.failed) ? -1 : 0;
}
