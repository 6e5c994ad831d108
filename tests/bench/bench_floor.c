/* bench_floor: lower bounds on a full build of a site, measured on this machine apart from
 * plansite's own code. Whatever a static site generator does, it lists and reads its content,
 * parses the YAML in it, renders every Markdown body and writes its output tree; this program
 * does only that, as cheaply as it knows how, and prints the CPU seconds of each step on one core,
 * their sum, and the sum divided by the cores: the wall time no build can beat here.
 *
 * Usage: bench_floor [--peer [NAME=]DIR]... [--scratch DIR] SITE PLANSITE_OUTPUT [SCRATCH_DIR]
 *   SITE             a site (e.g. from tests/bench/gen_site.py); its content/ folder is read
 *   PLANSITE_OUTPUT  what plansite built from SITE: the first tree to reproduce
 *   --peer NAME=DIR  another program's output for the same content (e.g. Hugo's), reproduced too
 *   --scratch DIR    where the trees are written and removed (default /dev/shm, else /tmp)
 *
 * The choices, each made so that the number is a bound, not an estimate:
 * - Single-threaded, CPU time of the process (user + system) per step; minor page faults are
 *   printed beside each step, since on this VM a first-touched page costs about 22 us.
 * - Listing: readdir with d_type (a stat only where the file system gives no type), no sorting.
 * - Reading: each folder opened once, each file opened relative to it (openat), one fstat and
 *   read(2) into one reused 8 MiB window, touched before timing. Files are taken in batches that
 *   fill the window; each batch is read, then parsed, then rendered, and only the batches are
 *   timed, not each file (a clock read is a system call). No heap per file: the old version kept
 *   every file in fresh heap and its read step was mostly first-touch page faults.
 * - YAML: libyaml's event parser run over every .yaml file and every Markdown front matter, to
 *   the end of the stream, building nothing (any loader does at least this). libyaml has no way to
 *   reset a parser, so one is initialised and deleted per file; its buffers come back from malloc's
 *   free lists, not from fresh pages.
 * - Markdown: cmark-gfm parses and renders each .md body (after its front matter) once, with the
 *   options plansite's HTML needs (smart punctuation, footnotes) and the GFM extensions whose
 *   syntax can occur in the text (tables always; strikethrough, autolinks and task lists only where
 *   '~', ':'/'@'/"www." or '[' occur), all of its memory in one reused arena dropped per body.
 *   Markdown inside front matter (titles, purposes) is not rendered: the step is lower still. It is
 *   a floor for cmark-gfm only: Hugo (Goldmark) and Eleventy (markdown-it) have other engines.
 * - Writing: each tree given is reproduced file for file, with the same folders, names and bytes:
 *   a batch of its files is loaded into the window untimed, then the batch is written timed (a
 *   mkdirat per folder, an openat relative to the folder, write(2)s and a close per file). The
 *   trees of different programs differ (plansite's handouts make it about 4 times Hugo's), so
 *   the write step and the sum are printed for each tree.
 * - Not counted: template rendering, building pages, deleting an old output; a build does these
 *   on top, so the sum is a lower bound. */
#define _GNU_SOURCE
#include "util/mem.h"
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#define WINDOW (8u * 1024u * 1024u)
#define SLOTS 16384u
#define MAX_PEERS 8

/* A tree: its folders in preorder ("" is the root), its files grouped by folder in that order. */
typedef struct entry {
    size_t dir;
    char *name;
} entry;

typedef struct tree {
    char **dirs;
    size_t ndirs, dcap;
    entry *files;
    size_t nfiles, fcap;
} tree;

/* A file loaded into the window: where, how long, where its Markdown body starts. */
typedef struct slot {
    size_t file, off, len, body;
} slot;

typedef struct window {
    char *p;
    size_t cap, used;
    slot *slots;
    size_t n;
} window;

/* What a step cost: CPU seconds and minor page faults. */
typedef struct cost {
    double cpu;
    long faults;
} cost;

typedef struct mark {
    double cpu;
    long faults;
} mark;

typedef struct counts {
    size_t bytes, yaml_files, front_matters, yaml_errors, bodies, html;
} counts;

static mark mark_now(void)
{
    struct timespec t;
    struct rusage ru;
    mark m;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    getrusage(RUSAGE_SELF, &ru);
    m.cpu = (double)t.tv_sec + (double)t.tv_nsec / 1e9;
    m.faults = ru.ru_minflt;
    return m;
}

static void cost_add(cost *c, mark a, mark b)
{
    c->cpu += b.cpu - a.cpu;
    c->faults += b.faults - a.faults;
}

static int ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), k = strlen(end);
    return n >= k && !strcmp(s + n - k, end);
}

static size_t tree_add_dir(tree *t, char *rel)
{
    if (t->ndirs == t->dcap) {
        t->dcap = t->dcap ? t->dcap * 2 : 64;
        t->dirs = xrealloc(t->dirs, t->dcap * sizeof *t->dirs);
    }
    t->dirs[t->ndirs] = rel;
    return t->ndirs++;
}

static void tree_add_file(tree *t, size_t dir, const char *name)
{
    if (t->nfiles == t->fcap) {
        t->fcap = t->fcap ? t->fcap * 2 : 1024;
        t->files = xrealloc(t->files, t->fcap * sizeof *t->files);
    }
    t->files[t->nfiles].dir = dir;
    t->files[t->nfiles++].name = xstrdup(name);
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a), k = strlen(b);
    char *s = xmalloc(n + k + 2);
    memcpy(s, a, n);
    s[n] = '/';
    memcpy(s + (n ? n + 1 : 0), b, k + 1);
    return s;
}

/* Walk the folder open as fd (closed here), known as rel under the root: its files first, then its
 * subfolders. Returns 0, or -1 when a folder cannot be read. */
static int walk(int fd, char *rel, tree *t)
{
    DIR *d = fdopendir(fd);
    struct dirent *e;
    char **subs = NULL;
    size_t nsubs = 0, cap = 0, i, me;
    int rc = 0;
    if (!d) {
        close(fd);
        free(rel);
        return -1;
    }
    me = tree_add_dir(t, rel);
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        int type = e->d_type;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if ((type == DT_UNKNOWN || type == DT_LNK) && fstatat(dirfd(d), e->d_name, &st, 0) == 0)
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
        if (type == DT_REG)
            tree_add_file(t, me, e->d_name);
        else if (type == DT_DIR) {
            if (nsubs == cap) {
                cap = cap ? cap * 2 : 16;
                subs = xrealloc(subs, cap * sizeof *subs);
            }
            subs[nsubs++] = xstrdup(e->d_name);
        }
    }
    for (i = 0; i < nsubs; i++) {
        int sub = openat(dirfd(d), subs[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (sub < 0 || walk(sub, *rel ? join(rel, subs[i]) : xstrdup(subs[i]), t) < 0)
            rc = -1;
        free(subs[i]);
    }
    free(subs);
    closedir(d);
    return rc;
}

static int tree_load(const char *root, tree *t, cost *c)
{
    int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;
    mark a = mark_now();
    if (fd < 0)
        return -1;
    rc = walk(fd, xstrdup(""), t);
    if (c)
        cost_add(c, a, mark_now());
    return rc;
}

static void tree_free(tree *t)
{
    size_t i;
    for (i = 0; i < t->ndirs; i++)
        free(t->dirs[i]);
    for (i = 0; i < t->nfiles; i++)
        free(t->files[i].name);
    free(t->dirs);
    free(t->files);
}

/* cmark-gfm's memory: a bump arena whose first chunk is reused for every body; blocks start with
 * their size (for realloc); nothing is freed one by one. */
typedef struct chunk {
    struct chunk *next;
    size_t cap, used;
    max_align_t data[];
} chunk;

static chunk *arena;

#define HDR sizeof(max_align_t)

static void *arena_alloc(size_t n)
{
    size_t need = (n + 2 * HDR - 1) / HDR * HDR;
    chunk *c = arena;
    char *p;
    if (n > (size_t)-1 / 2)
        mem_die();
    if (!c || c->cap - c->used < need) {
        size_t cap = need > WINDOW / 8 ? need : WINDOW / 8;
        c = xmalloc(sizeof *c + cap);
        c->cap = cap;
        c->used = 0;
        c->next = arena;
        arena = c;
    }
    p = (char *)c->data + c->used;
    c->used += need;
    *(size_t *)p = n;
    return p + HDR;
}

static void *arena_calloc(size_t count, size_t size)
{
    void *p;
    if (size && count > (size_t)-1 / size)
        mem_die();
    p = arena_alloc(count * size);
    memset(p, 0, count * size);
    return p;
}

static void *arena_realloc(void *old, size_t n)
{
    size_t had;
    void *p;
    if (!old)
        return arena_alloc(n);
    had = *(size_t *)((char *)old - HDR);
    if (n <= had)
        return old;
    p = arena_alloc(n);
    memcpy(p, old, had);
    return p;
}

static void arena_free(void *p)
{
    (void)p;
}

static cmark_mem arena_mem = {arena_calloc, arena_realloc, arena_free};

/* Drop every chunk but the newest, which is kept (already touched) for the next body. */
static void arena_reset(int all)
{
    chunk *c = arena, *next;
    if (!c)
        return;
    for (next = c->next; next; next = c->next) {
        c->next = next->next;
        free(next);
    }
    c->used = 0;
    if (all) {
        free(c);
        arena = NULL;
    }
}

/* Parse s to the end of its YAML stream, building nothing. Returns 0, or -1 on a YAML error. */
static int yaml_events(const char *s, size_t n)
{
    yaml_parser_t p;
    yaml_event_t e;
    int rc = 0, done = 0;
    if (!yaml_parser_initialize(&p))
        mem_die();
    yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
    while (!done) {
        if (!yaml_parser_parse(&p, &e)) {
            rc = -1;
            break;
        }
        done = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    return rc;
}

static int has_autolink(const char *s, size_t n)
{
    return memchr(s, ':', n) || memchr(s, '@', n) || memmem(s, n, "www.", 4);
}

/* Render one body with cmark-gfm; returns the length of its HTML. */
static size_t md_body(const char *s, size_t n)
{
    int opts = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    cmark_parser *p = cmark_parser_new_with_mem(opts, &arena_mem);
    cmark_node *doc;
    size_t len;
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
    if (memchr(s, '~', n))
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("strikethrough"));
    if (has_autolink(s, n))
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("autolink"));
    if (memchr(s, '[', n))
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("tasklist"));
    cmark_parser_feed(p, s, n);
    doc = cmark_parser_finish(p);
    len = strlen(cmark_render_html_with_mem(doc, opts, cmark_parser_get_syntax_extensions(p),
                                            &arena_mem));
    arena_reset(0);
    return len;
}

static void window_init(window *w)
{
    w->cap = WINDOW;
    w->p = xmalloc(w->cap);
    memset(w->p, 0, w->cap);   /* touched once, before any timing */
    w->slots = xmalloc(SLOTS * sizeof *w->slots);
    memset(w->slots, 0, SLOTS * sizeof *w->slots);
    w->used = w->n = 0;
}

static void window_grow(window *w, size_t need)
{
    w->cap = need * 2;
    w->p = xrealloc(w->p, w->cap);
    memset(w->p, 0, w->cap);
}

/* Read size bytes of fd into the window as a slot for file; returns 0 or -1. */
static int window_read(window *w, int fd, size_t size, size_t file)
{
    size_t got = 0;
    while (got < size) {
        ssize_t k = read(fd, w->p + w->used + got, size - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        got += (size_t)k;
    }
    w->slots[w->n].file = file;
    w->slots[w->n].off = w->used;
    w->slots[w->n].len = size;
    w->slots[w->n++].body = 0;
    w->used += size;
    return 0;
}

/* The folder of t->files[i] opened (relative to root) as *dfd when it is not already. */
static int enter_dir(int root, const tree *t, size_t i, size_t *cur, int *dfd)
{
    size_t d = t->files[i].dir;
    if (*cur == d && *dfd >= 0)
        return 0;
    if (*dfd >= 0)
        close(*dfd);
    *dfd = openat(root, *t->dirs[d] ? t->dirs[d] : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    *cur = d;
    return *dfd < 0 ? -1 : 0;
}

/* Read the next batch of content files from *i on, as many as the window holds. A file that does
 * not fit is kept open in *pending for the next batch. Returns 0 or -1 (error printed). */
static int read_batch(int root, const tree *t, size_t *i, window *w, int *pending, size_t *cur,
                      int *dfd, counts *k)
{
    w->used = w->n = 0;
    while (*i < t->nfiles && w->n < SLOTS) {
        struct stat st;
        int fd = *pending;
        *pending = -1;
        if (fd < 0 && enter_dir(root, t, *i, cur, dfd) == 0)
            fd = openat(*dfd, t->files[*i].name, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fstat(fd, &st) != 0) {
            fprintf(stderr, "bench_floor: %s/%s: %s\n", t->dirs[t->files[*i].dir],
                    t->files[*i].name, strerror(errno));
            return -1;
        }
        if ((size_t)st.st_size > w->cap - w->used && w->n) {
            *pending = fd;
            return 0;
        }
        if ((size_t)st.st_size > w->cap - w->used)
            window_grow(w, (size_t)st.st_size);
        if (window_read(w, fd, (size_t)st.st_size, *i) != 0) {
            fprintf(stderr, "bench_floor: %s: short read\n", t->files[*i].name);
            close(fd);
            return -1;
        }
        close(fd);
        k->bytes += (size_t)st.st_size;
        (*i)++;
    }
    return 0;
}

/* Parse the batch's YAML: .yaml files whole, .md front matters ("---\n" to "\n---\n"), noting
 * where each Markdown body starts. */
static void yaml_batch(const tree *t, window *w, counts *k)
{
    size_t j;
    for (j = 0; j < w->n; j++) {
        slot *s = &w->slots[j];
        const char *name = t->files[s->file].name, *p = w->p + s->off, *close = NULL;
        if (ends_with(name, ".yaml") || ends_with(name, ".yml")) {
            k->yaml_files++;
            k->yaml_errors += yaml_events(p, s->len) != 0;
        } else if (ends_with(name, ".md") && s->len >= 4 && !memcmp(p, "---\n", 4)) {
            close = memmem(p + 3, s->len - 3, "\n---", 4);
            if (!close)
                continue;
            k->front_matters++;
            k->yaml_errors += yaml_events(p + 4, (size_t)(close + 1 - (p + 4))) != 0;
            s->body = (size_t)(close + 4 - p);
            if (s->body < s->len && p[s->body] == '\n')
                s->body++;
        }
    }
}

static void md_batch(const tree *t, const window *w, counts *k)
{
    size_t j;
    for (j = 0; j < w->n; j++) {
        const slot *s = &w->slots[j];
        if (!ends_with(t->files[s->file].name, ".md"))
            continue;
        k->bodies++;
        k->html += md_body(w->p + s->off + s->body, s->len - s->body);
    }
}

/* Read, parse and render the content tree in batches; each step's cost added to its own. */
static int content_costs(const char *root, const tree *t, window *w, cost c[3], counts *k)
{
    int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC), pending = -1, dfd = -1, rc = 0;
    size_t i = 0, cur = (size_t)-1;
    if (fd < 0)
        return -1;
    cmark_gfm_core_extensions_ensure_registered();
    while (i < t->nfiles && rc == 0) {
        mark a = mark_now(), b, d, e;
        rc = read_batch(fd, t, &i, w, &pending, &cur, &dfd, k);
        b = mark_now();
        yaml_batch(t, w, k);
        d = mark_now();
        md_batch(t, w, k);
        e = mark_now();
        cost_add(&c[0], a, b);
        cost_add(&c[1], b, d);
        cost_add(&c[2], d, e);
    }
    arena_reset(1);
    if (dfd >= 0)
        close(dfd);
    close(fd);
    return rc;
}

/* Load t's files from *i on into the window (untimed), from the tree open as src. */
static int load_batch(int src, const tree *t, size_t *i, window *w, size_t *bytes)
{
    char path[PATH_MAX];
    w->used = w->n = 0;
    while (*i < t->nfiles && w->n < SLOTS) {
        const entry *f = &t->files[*i];
        struct stat st;
        int fd;
        snprintf(path, sizeof path, "%s%s%s", t->dirs[f->dir], *t->dirs[f->dir] ? "/" : "",
                 f->name);
        fd = openat(src, path, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fstat(fd, &st) != 0) {
            fprintf(stderr, "bench_floor: %s: %s\n", path, strerror(errno));
            return -1;
        }
        if ((size_t)st.st_size > w->cap - w->used && w->n) {
            close(fd);
            return 0;
        }
        if ((size_t)st.st_size > w->cap - w->used)
            window_grow(w, (size_t)st.st_size);
        if (window_read(w, fd, (size_t)st.st_size, *i) != 0) {
            fprintf(stderr, "bench_floor: %s: short read\n", path);
            close(fd);
            return -1;
        }
        close(fd);
        *bytes += (size_t)st.st_size;
        (*i)++;
    }
    return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Make the folders of t up to and including d under dest (the root exists). */
static int make_dirs(int dest, const tree *t, size_t d, size_t *next)
{
    for (; *next <= d && *next < t->ndirs; (*next)++)
        if (mkdirat(dest, t->dirs[*next], 0777) != 0 && errno != EEXIST)
            return -1;
    return 0;
}

/* Write the batch in the window under dest, folders made as they come. */
static int write_batch(int dest, const tree *t, const window *w, size_t *next, size_t *cur,
                       int *dfd)
{
    size_t j;
    for (j = 0; j < w->n; j++) {
        const slot *s = &w->slots[j];
        int fd;
        if (make_dirs(dest, t, t->files[s->file].dir, next) != 0 ||
            enter_dir(dest, t, s->file, cur, dfd) != 0)
            return -1;
        fd = openat(*dfd, t->files[s->file].name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd < 0 || write_all(fd, w->p + s->off, s->len) != 0) {
            if (fd >= 0)
                close(fd);
            return -1;
        }
        close(fd);
    }
    return 0;
}

/* Reproduce the tree at src under the empty folder dest; the writing's cost into c. */
static int write_costs(const char *src, const tree *t, const char *dest, window *w, cost *c,
                       size_t *bytes)
{
    int sfd = open(src, O_RDONLY | O_DIRECTORY | O_CLOEXEC), dfd = -1, rc = 0,
        root = open(dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    size_t i = 0, next = 1, cur = (size_t)-1;
    mark a;
    if (sfd < 0 || root < 0)
        rc = -1;
    while (rc == 0 && i < t->nfiles) {
        rc = load_batch(sfd, t, &i, w, bytes);
        a = mark_now();
        if (rc == 0 && write_batch(root, t, w, &next, &cur, &dfd) != 0) {
            fprintf(stderr, "bench_floor: writing under %s: %s\n", dest, strerror(errno));
            rc = -1;
        }
        cost_add(c, a, mark_now());
    }
    a = mark_now();
    if (rc == 0 && make_dirs(root, t, t->ndirs, &next) != 0)
        rc = -1;
    cost_add(c, a, mark_now());
    if (dfd >= 0)
        close(dfd);
    if (sfd >= 0)
        close(sfd);
    if (root >= 0)
        close(root);
    return rc;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_one, 32, FTW_DEPTH | FTW_PHYS);
}

typedef struct tree_arg {
    const char *name, *dir;
    tree t;
} tree_arg;

static void print_step(const char *what, const cost *c, const char *note)
{
    printf("  %-48s %6.3f s  (%ld page faults)%s%s\n", what, c->cpu, c->faults, *note ? "  " : "",
           note);
}

static int usage(void)
{
    fprintf(stderr, "usage: bench_floor [--peer [NAME=]DIR]... [--scratch DIR] SITE "
                    "PLANSITE_OUTPUT [SCRATCH_DIR]\n");
    return 2;
}

/* Each output tree listed (untimed); 0, or -1 with a message. */
static int load_outputs(tree_arg *outs, size_t nouts)
{
    size_t i;
    for (i = 0; i < nouts; i++) {
        if (tree_load(outs[i].dir, &outs[i].t, NULL) != 0) {
            fprintf(stderr, "bench_floor: cannot read the output tree %s\n", outs[i].dir);
            return -1;
        }
        if (outs[i].t.nfiles == 0) {
            fprintf(stderr, "bench_floor: the output tree %s has no files\n", outs[i].dir);
            return -1;
        }
    }
    return 0;
}

/* Reproduce each output tree in its own scratch folder; print its write cost and the floors. */
static int write_trees(tree_arg *outs, size_t nouts, const char *scratch_base, window *w,
                       double content_sum, long cores)
{
    double sums[MAX_PEERS + 1];
    char label[160];
    size_t i;
    for (i = 0; i < nouts; i++) {
        cost c = {0, 0};
        size_t bytes = 0;
        char *scratch = join(scratch_base, "plansite-floor-XXXXXX");
        int rc = -1;
        if (!mkdtemp(scratch))
            fprintf(stderr, "bench_floor: %s: %s\n", scratch, strerror(errno));
        else {
            rc = write_costs(outs[i].dir, &outs[i].t, scratch, w, &c, &bytes);
            remove_tree(scratch);
        }
        if (rc == 0) {
            snprintf(label, sizeof label, "write %s's output (%zu files, %.0f MB)", outs[i].name,
                     outs[i].t.nfiles, (double)bytes / 1e6);
            print_step(label, &c, "");
            sums[i] = content_sum + c.cpu;
        }
        free(scratch);
        if (rc != 0)
            return -1;
    }
    printf("the floor: the sum of the steps on one core, and divided by %ld cores\n", cores);
    for (i = 0; i < nouts; i++)
        printf("  writing %-20s %6.3f s of CPU -> at least %.3f s of wall time\n",
               (snprintf(label, sizeof label, "%s's output", outs[i].name), label), sums[i],
               sums[i] / (double)cores);
    return 0;
}

int main(int argc, char **argv)
{
    tree_arg outs[MAX_PEERS + 1] = {{NULL, NULL, {0}}};
    size_t nouts = 1, npos = 0, j;
    const char *pos[3] = {NULL, NULL, NULL}, *scratch = NULL;
    tree in = {0};
    cost c[4] = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
    counts k = {0, 0, 0, 0, 0, 0};
    window w;
    char *content = NULL, note[160];
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int i, rc = 1;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--peer") && i + 1 < argc && nouts <= MAX_PEERS) {
            char *eq = strchr(argv[++i], '=');
            outs[nouts].name = eq ? (*eq = '\0', argv[i]) : "a peer";
            outs[nouts++].dir = eq ? eq + 1 : argv[i];
        } else if (!strcmp(argv[i], "--scratch") && i + 1 < argc)
            scratch = argv[++i];
        else if (argv[i][0] == '-' || npos == 3)
            return usage();
        else
            pos[npos++] = argv[i];
    }
    if (npos < 2)
        return usage();
    if (!scratch)
        scratch = pos[2] ? pos[2] : access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    cores = cores > 0 ? cores : 1;
    outs[0].name = "plansite";
    outs[0].dir = pos[1];
    content = join(pos[0], "content");
    window_init(&w);
    if (load_outputs(outs, nouts) != 0)
        goto out;
    if (tree_load(content, &in, &c[3]) != 0 || in.nfiles == 0) {
        fprintf(stderr, "bench_floor: cannot read the content folder %s\n", content);
        goto out;
    }
    if (content_costs(content, &in, &w, c, &k) != 0)
        goto out;
    if (k.yaml_errors)
        fprintf(stderr, "bench_floor: warning: %zu YAML errors in %s\n", k.yaml_errors, content);
    printf("bench_floor: lower bounds, CPU seconds on one core (single-threaded; see its header)\n");
    printf("content: %zu files in %zu folders, %.0f MB (%s)\n", in.nfiles, in.ndirs,
           (double)k.bytes / 1e6, content);
    print_step("list the content folders (readdir)", &c[3], "");
    print_step("read the content files (one reused buffer)", &c[0], "");
    snprintf(note, sizeof note, "%zu .yaml files, %zu front matters", k.yaml_files,
             k.front_matters);
    print_step("parse their YAML with libyaml (events only)", &c[1], note);
    snprintf(note, sizeof note, "%zu bodies, %.0f MB of HTML", k.bodies, (double)k.html / 1e6);
    print_step("render each body once with cmark-gfm", &c[2], note);
    printf("    (a floor for cmark-gfm only: Hugo's Goldmark and Eleventy's markdown-it are other "
           "engines)\n");
    if (write_trees(outs, nouts, scratch, &w, c[0].cpu + c[1].cpu + c[2].cpu + c[3].cpu, cores) ==
        0)
        rc = 0;
out:
    for (j = 0; j < nouts; j++)
        tree_free(&outs[j].t);
    tree_free(&in);
    free(content);
    free(w.p);
    free(w.slots);
    return rc;
}
