/* bench_floor: what the unavoidable parts of a build cost on this machine, measured apart from
 * plansite's own work: reading every content file, parsing its YAML with libyaml, rendering every
 * Markdown body once with cmark-gfm, and writing a tree of the same files and sizes as a built
 * site (a folder and a file per page). Whatever plansite does, it does at least these; their sum
 * divided by the cores is a lower bound on its wall time. Single-threaded; prints CPU seconds.
 * Usage: bench_floor SITE BUILT_OUTPUT [SCRATCH_DIR]   (e.g. a site from gen_site.py and the
 * output plansite made of it). */
#define _POSIX_C_SOURCE 200809L
#include "data/yaml_load.h"
#include "site/markdown.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct file {
    char *rel;     /* path under the root */
    size_t size;
} file;

typedef struct files {
    file *v;
    size_t n, cap;
} files;

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Every regular file under root/rel, recursively, with its size. */
static void walk(const char *root, const char *rel, files *out)
{
    char *dir = *rel ? fs_join(root, rel) : xstrdup(root), **names = NULL;
    int i, n = fs_list(dir, &names);
    for (i = 0; i < n; i++) {
        char *sub = *rel ? fs_join(rel, names[i]) : xstrdup(names[i]), *path = fs_join(root, sub);
        struct stat st;
        int known = stat(path, &st) == 0;
        if (known && S_ISDIR(st.st_mode))
            walk(root, sub, out);
        else if (known && S_ISREG(st.st_mode)) {
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 1024;
                out->v = xrealloc(out->v, out->cap * sizeof *out->v);
            }
            out->v[out->n].rel = sub;
            out->v[out->n++].size = (size_t)st.st_size;
            sub = NULL;
        }
        free(sub);
        free(path);
    }
    fs_names_free(names, n < 0 ? 0 : n);
    free(dir);
}

static int ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), k = strlen(end);
    return n >= k && !strcmp(s + n - k, end);
}

/* Read, then parse the YAML (a .yaml file, or a .md file's front matter), then render the bodies. */
static void content_costs(const char *root, const files *in, double *t_read, double *t_yaml,
                          double *t_md)
{
    char **texts = xcalloc(in->n ? in->n : 1, sizeof *texts);
    size_t *lens = xcalloc(in->n ? in->n : 1, sizeof *lens), i, bytes = 0;
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    buf out;
    double t = cpu_now();
    for (i = 0; i < in->n; i++) {
        char *path = fs_join(root, in->v[i].rel);
        texts[i] = fs_read(path, &lens[i]);
        free(path);
    }
    *t_read = cpu_now() - t;
    t = cpu_now();
    for (i = 0; i < in->n; i++) {
        const char *s = texts[i], *close = NULL;
        if (!s)
            continue;
        if (ends_with(in->v[i].rel, ".yaml"))
            yaml_load_mem(a, in->v[i].rel, s, lens[i], 0, d);
        else if (ends_with(in->v[i].rel, ".md") && !strncmp(s, "---\n", 4) &&
                 (close = strstr(s + 4, "\n---\n")) != NULL)
            yaml_load_mem(a, in->v[i].rel, s + 4, (size_t)(close + 1 - (s + 4)), 1, d);
    }
    *t_yaml = cpu_now() - t;
    buf_init(&out);
    md_init();
    t = cpu_now();
    for (i = 0; i < in->n; i++) {
        const char *s = texts[i], *close = NULL;
        if (!s || !ends_with(in->v[i].rel, ".md") || (close = strstr(s + 3, "\n---\n")) == NULL)
            continue;
        buf_reset(&out);
        md_render(close + 5, lens[i] - (size_t)(close + 5 - s), 0, &out);
        bytes += out.len;
    }
    *t_md = cpu_now() - t;
    fprintf(stderr, "(%zu bytes of HTML from the bodies)\n", bytes);
    md_release();
    buf_free(&out);
    for (i = 0; i < in->n; i++)
        free(texts[i]);
    free(texts);
    free(lens);
    diag_list_free(d);
    val_arena_free(a);
}

/* Write files of the same names and sizes under dest: a folder made per file as pages have. */
static double write_costs(const char *dest, const files *out, size_t *bytes)
{
    static char block[256 * 1024];
    size_t i;
    double t;
    memset(block, 'x', sizeof block);
    *bytes = 0;
    t = cpu_now();
    for (i = 0; i < out->n; i++) {
        char *path = fs_join(dest, out->v[i].rel);
        size_t left = out->v[i].size;
        int fd = fs_create(path);
        while (fd >= 0 && left) {
            size_t k = left < sizeof block ? left : sizeof block;
            if (write(fd, block, k) != (ssize_t)k)
                break;
            left -= k;
        }
        if (fd >= 0)
            close(fd);
        *bytes += out->v[i].size;
        free(path);
    }
    return cpu_now() - t;
}

int main(int argc, char **argv)
{
    files in = {0}, out = {0};
    double t_read, t_yaml, t_md, t_write, sum;
    size_t bytes = 0, i;
    char *content = NULL, *scratch = NULL;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (argc < 3) {
        fprintf(stderr, "usage: bench_floor SITE BUILT_OUTPUT [SCRATCH_DIR]\n");
        return 2;
    }
    content = fs_join(argv[1], "content");
    walk(content, "", &in);
    walk(argv[2], "", &out);
    scratch = fs_join(argc > 3 ? argv[3] : "/dev/shm", "plansite-floor-XXXXXX");
    if (!mkdtemp(scratch)) {
        perror(scratch);
        return 1;
    }
    content_costs(content, &in, &t_read, &t_yaml, &t_md);
    t_write = write_costs(scratch, &out, &bytes);
    sum = t_read + t_yaml + t_md + t_write;
    printf("%zu content files, %zu output files (%.0f MB), CPU seconds on one core:\n", in.n, out.n,
           (double)bytes / 1e6);
    printf("  read the content files           %6.3f\n", t_read);
    printf("  parse their YAML (libyaml)       %6.3f\n", t_yaml);
    printf("  render every body once (cmark)   %6.3f\n", t_md);
    printf("  write the same files and folders %6.3f\n", t_write);
    printf("  sum %.3f s; on %ld cores at best %.3f s of wall time\n", sum, cores,
           sum / (double)(cores > 0 ? cores : 1));
    fs_remove_tree(scratch);
    for (i = 0; i < in.n; i++)
        free(in.v[i].rel);
    for (i = 0; i < out.n; i++)
        free(out.v[i].rel);
    free(in.v);
    free(out.v);
    free(content);
    free(scratch);
    return 0;
}
