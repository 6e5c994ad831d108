#include "preload.h"
#include "textfile.h"
#include "../data/yaml_load.h"
#include "../util/mem.h"
#include "../util/sys.h"
#include <stdatomic.h>
#include <stdlib.h>

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
    if (f->kind == PRE_YAML)
        f->root = yaml_load_file(w->a, f->path, f->d);
    else if (f->kind == PRE_TEXT && tf_load(w->a, f->path, w->job->keep_bodies, w->job->max_body, &f->root,
                                            &f->body, f->d) != 0)
        f->root = NULL;
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
