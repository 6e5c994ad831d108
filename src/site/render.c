#include "render.h"
#include "views.h"
#include "../data/val_tpl.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct job {
    const site_ctx *sc;
    tpl_env *env;
    const out_list *pages;
    const char *dest;
    diag_list *d;
    atomic_size_t next;
    atomic_size_t bytes;
    atomic_int failed;
} job;

typedef struct worker {
    job *j;
    val_arena *a;
    buf out, scratch;
    size_t per_lang[LANG_MAX + 1];
} worker;

/* mkdir the folder of file path (its parents usually exist: pages are planned top-down). */
static int make_parent(const char *path)
{
    char *dir = xstrdup(path), *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash) {
        *slash = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST)
            rc = fs_mkdirs(dir);
    }
    free(dir);
    return rc;
}

static int write_page(worker *w, const char *url)
{
    const char *rel = url_file(url, w->a);
    char *path = NULL;
    int rc = -1;
    if (!fs_rel_path_ok(rel)) {
        diag_add(w->j->d, DIAG_ERROR, rel, 0, 0, "refusing to write outside the destination");
        return -1;
    }
    path = fs_join(w->j->dest, rel);
    if (make_parent(path) != 0 || fs_write(path, w->out.data, w->out.len) != 0)
        diag_add(w->j->d, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
    else
        rc = 0;
    free(path);
    return rc;
}

static int render_one(worker *w, const out_page *p)
{
    view v;
    char *err = NULL;
    const tpl_template *t;
    val *ctx;
    int rc = -1;
    val_arena_reset(w->a);
    memset(&v, 0, sizeof v);
    v.sc = w->j->sc;
    v.a = w->a;
    v.li = p->lang;
    v.scratch = &w->scratch;
    v.d = w->j->d;
    v.page = p;
    v.url = out_url(&v.sc->urls, p, p->lang, w->a);
    ctx = view_build(&v);
    t = tpl_env_get(w->j->env, out_template(p), &err);
    buf_reset(&w->out);
    if (!t || tpl_render(w->j->env, t, val_tpl_data(), ctx, &w->out, &err) != 0) {
        diag_add(w->j->d, DIAG_ERROR, NULL, 0, 0, "%s (rendering %s)", err ? err : "?", v.url);
        goto out;
    }
    atomic_fetch_add(&w->j->bytes, w->out.len);
    rc = w->j->dest ? write_page(w, v.url) : 0;
out:
    free(err);
    return rc;
}

static void *work(void *arg)
{
    worker *w = arg;
    job *j = w->j;
    size_t i;
    while ((i = atomic_fetch_add(&j->next, 1)) < j->pages->n) {
        const out_page *p = &j->pages->v[i];
        if (render_one(w, p) != 0)
            atomic_store(&j->failed, 1);
        else if (p->kind == PK_ROOT || p->kind == PK_NOT_FOUND)
            w->per_lang[LANG_MAX]++;
        else
            w->per_lang[p->lang]++;
    }
    return NULL;
}

int render_all(const site_ctx *sc, tpl_env *env, const out_list *pages, const char *dest,
               int threads, diag_list *d, render_stats *st)
{
    job j;
    worker *ws = NULL;
    pthread_t *tids = NULL;
    int i, k;
    if (threads < 1)
        threads = 1;
    memset(&j, 0, sizeof j);
    j.sc = sc;
    j.env = env;
    j.pages = pages;
    j.dest = dest;
    j.d = d;
    atomic_init(&j.next, 0);
    atomic_init(&j.bytes, 0);
    atomic_init(&j.failed, 0);
    ws = xcalloc((size_t)threads, sizeof *ws);
    tids = xcalloc((size_t)threads, sizeof *tids);
    for (i = 0; i < threads; i++) {
        ws[i].j = &j;
        ws[i].a = val_arena_new();
        buf_init(&ws[i].out);
        buf_init(&ws[i].scratch);
        if (i > 0 && pthread_create(&tids[i], NULL, work, &ws[i]) != 0)
            mem_die();
    }
    work(&ws[0]);
    for (i = 1; i < threads; i++)
        pthread_join(tids[i], NULL);
    memset(st, 0, sizeof *st);
    for (i = 0; i < threads; i++) {
        for (k = 0; k < LANG_MAX; k++)
            st->pages[k] += ws[i].per_lang[k];
        st->other += ws[i].per_lang[LANG_MAX];
        val_arena_free(ws[i].a);
        buf_free(&ws[i].out);
        buf_free(&ws[i].scratch);
    }
    st->bytes = atomic_load(&j.bytes);
    free(ws);
    free(tids);
    return atomic_load(&j.failed) ? -1 : 0;
}
