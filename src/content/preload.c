#include "preload.h"
#include "textfile.h"
#include "fields.h"
#include "../data/yaml_load.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include "../util/sys.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct pre_job {
    pre_file *files;
    size_t n;
    int keep_bodies;
    size_t max_body;
    atomic_size_t next;
} pre_job;

typedef struct pre_worker {
    pre_job *job;
    val_arena *a;
} pre_worker;

static void parse_one(pre_worker *w, pre_file *f)
{
    f->d = diag_list_new();
    f->root = NULL;
    f->mtime = 0;
    if (f->kind == PRE_YAML)
        f->root = yaml_load_file_timed(w->a, f->path, &f->mtime, f->d);
    else if (f->kind == PRE_TEXT && tf_load(w->a, f->path, w->job->keep_bodies, w->job->max_body, &f->root,
                                            &f->body, f->d) != 0)
        f->root = NULL;
    else if (f->kind == PRE_TEXT)
        f->mtime = f->body.mtime;
}

static void *pre_work(void *arg)
{
    pre_worker *w = arg;
    size_t i;
    while ((i = atomic_fetch_add(&w->job->next, 1)) < w->job->n)
        parse_one(w, &w->job->files[i]);
    return NULL;
}

void pre_parse(pre_file *files, size_t n, val_arena *a, int keep_bodies, size_t max_body,
               int threads)
{
    pre_job job;
    pre_worker *ws = NULL;
    int i;
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > n / 64 + 1)
        threads = (int)(n / 64 + 1);   /* a few files are not worth a thread */
    job.files = files;
    job.n = n;
    job.keep_bodies = keep_bodies;
    job.max_body = max_body;
    atomic_init(&job.next, 0);
    ws = xcalloc((size_t)threads, sizeof *ws);
    for (i = 0; i < threads; i++) {
        ws[i].job = &job;
        ws[i].a = val_arena_new();
        val_arena_adopt(a, ws[i].a);
    }
    sys_parallel(pre_work, ws, (size_t)threads, sizeof *ws);
    free(ws);
}

pre_file *pre_folder(const m_site *s, const m_load_opts *opts, const char *dir, char **names,
                     int n)
{
    pre_file *pre = xcalloc(n > 0 ? (size_t)n : 1, sizeof *pre);
    char *stem = NULL;
    int i;
    for (i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        pre[i].path = fs_join(dir, names[i]);
        if (len > 5 && !strcmp(names[i] + len - 5, ".yaml"))
            pre[i].kind = PRE_YAML;
        else if (tf_split_name(s, names[i], &stem) >= 0)
            pre[i].kind = PRE_TEXT;
        free(stem);
        stem = NULL;
    }
    pre_parse(pre, n > 0 ? (size_t)n : 0, s->arena, opts->keep_bodies, s->max_body,
              sys_ncpus());
    return pre;
}

val *pre_take(pre_file *pre, int i, diag_list *d)
{
    diag_move(d, pre[i].d);
    return pre[i].root;
}

void pre_folder_free(pre_file *pre, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        diag_list_free(pre[i].d);
        free(pre[i].path);
    }
    free(pre);
}

static int is_yaml(const char *name)
{
    size_t len = strlen(name);
    return len > 5 && !strcmp(name + len - 5, ".yaml");
}

static void scan_facts(const pre_scan *sc, void *ud, const char *dir, char **names, int n,
                       diag_list *d)
{
    int i;
    for (i = 0; i < n; i++) {
        char *path = NULL, *stem = NULL;
        if (!is_yaml(names[i]) || (sc->skip && !strcmp(names[i], sc->skip)))
            continue;
        path = fs_join(dir, names[i]);
        stem = xstrndup(names[i], strlen(names[i]) - 5);
        if (!fld_slug_ok(stem))
            diag_add(d, DIAG_ERROR, path, 0, 0, "'%s' is not a valid %s slug%s", stem, sc->what,
                     sc->slug_hint);
        else
            sc->facts(ud, i, stem, path);
        free(stem);
        free(path);
    }
}

static void scan_texts(const pre_scan *sc, void *ud, const m_site *s, const char *dir,
                       char **names, int n, diag_list *d)
{
    int i, li;
    for (i = 0; i < n; i++) {
        char *path = NULL, *stem = NULL;
        if (is_yaml(names[i]))
            continue;
        path = fs_join(dir, names[i]);
        li = tf_split_name(s, names[i], &stem);
        if (li == -1)
            diag_add(d, DIAG_ERROR, path, 0, 0, "%s", sc->unexpected);
        else if (li == -2)
            fld_unknown_lang(d, path, names[i], strlen(stem), s->langs, s->nlangs);
        else
            sc->text(ud, i, stem, (size_t)li, path);
        free(stem);
        free(path);
    }
}

void pre_scan_folder(const pre_scan *sc, void *ud, const m_site *s, const char *dir,
                     char **names, int n, diag_list *d)
{
    scan_facts(sc, ud, dir, names, n, d);
    scan_texts(sc, ud, s, dir, names, n, d);
}
