#define _POSIX_C_SOURCE 200809L
#include "lock.h"
#include "../util/buf.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct lock_seg {
    char *id;
    char hash[17];
} lock_seg;

typedef struct lock_file {
    char *file;
    lock_seg *v;
    size_t n, cap;
} lock_file;

struct tr_lock {
    lock_file *files;
    size_t n, cap;
};

static const char header[] =
    "# plansite translations lock: for each translation, the hash of the original's segment\n"
    "# that it translates. Written by `plansite translations mark` and `import`; do not edit.\n";

static lock_file *find_file(const tr_lock *l, const char *file)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        if (!strcmp(l->files[i].file, file))
            return &l->files[i];
    return NULL;
}

static lock_file *get_file(tr_lock *l, const char *file)
{
    lock_file *f = find_file(l, file);
    if (f)
        return f;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->files = xrealloc(l->files, l->cap * sizeof *l->files);
    }
    f = &l->files[l->n++];
    memset(f, 0, sizeof *f);
    f->file = xstrdup(file);
    return f;
}

static void push_seg(lock_file *f, const char *id, const char *hash)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->v = xrealloc(f->v, f->cap * sizeof *f->v);
    }
    f->v[f->n].id = xstrdup(id);
    snprintf(f->v[f->n].hash, sizeof f->v[f->n].hash, "%s", hash);
    f->n++;
}

static int is_hash(const char *s)
{
    size_t i;
    for (i = 0; i < 16; i++)
        if (!strchr("0123456789abcdef", s[i]) || !s[i])
            return 0;
    return s[16] == '\0';
}

/* One line "FILE SEGMENT HASH" (split in place); 0, or -1 when it is not one. */
static int parse_line(tr_lock *l, char *line)
{
    char *file = strtok(line, " \t"), *id = strtok(NULL, " \t"), *hash = strtok(NULL, " \t\r");
    if (!file || !id || !hash || strtok(NULL, " \t\r") || !is_hash(hash))
        return -1;
    push_seg(get_file(l, file), id, hash);
    return 0;
}

tr_lock *lock_load(const char *path, diag_list *d)
{
    tr_lock *l = xcalloc(1, sizeof *l);
    size_t len = 0;
    char *text = fs_read(path, &len), *p, *nl;
    unsigned line = 0;
    if (!text) {
        if (errno == ENOENT)
            return l;
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        goto fail;
    }
    for (p = text; *p; p = nl ? nl + 1 : p + strlen(p)) {
        nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        line++;
        if (*p == '#' || !p[strspn(p, " \t\r")])
            continue;
        if (parse_line(l, p) != 0) {
            diag_add(d, DIAG_ERROR, path, line, 1, "expected 'FILE SEGMENT HASH' (the lock is "
                     "written by 'plansite translations mark'; run it again)");
            goto fail;
        }
    }
    free(text);
    return l;
fail:
    free(text);
    lock_free(l);
    return NULL;
}

static void clear_file(lock_file *f)
{
    size_t i;
    for (i = 0; i < f->n; i++)
        free(f->v[i].id);
    f->n = 0;
}

void lock_free(tr_lock *l)
{
    size_t i;
    if (!l)
        return;
    for (i = 0; i < l->n; i++) {
        clear_file(&l->files[i]);
        free(l->files[i].v);
        free(l->files[i].file);
    }
    free(l->files);
    free(l);
}

const char *lock_get(const tr_lock *l, const char *file, const char *id)
{
    const lock_file *f = find_file(l, file);
    size_t i;
    for (i = 0; f && i < f->n; i++)
        if (!strcmp(f->v[i].id, id))
            return f->v[i].hash;
    return NULL;
}

int lock_tracks(const tr_lock *l, const char *file)
{
    const lock_file *f = find_file(l, file);
    return f && f->n > 0;
}

void lock_set_file(tr_lock *l, const char *file, const char *const *ids,
                   const char *const *hashes, size_t n)
{
    lock_file *f = get_file(l, file);
    size_t i;
    clear_file(f);
    for (i = 0; i < n; i++)
        push_seg(f, ids[i], hashes[i]);
}

static int file_cmp(const void *a, const void *b)
{
    return strcmp((*(const lock_file *const *)a)->file, (*(const lock_file *const *)b)->file);
}

char *lock_format(const tr_lock *l, size_t *len)
{
    const lock_file **order = xmalloc((l->n + 1) * sizeof *order);
    size_t i, j;
    buf b;
    buf_init(&b);
    buf_puts(&b, header);
    for (i = 0; i < l->n; i++)
        order[i] = &l->files[i];
    qsort(order, l->n, sizeof *order, file_cmp);
    for (i = 0; i < l->n; i++)
        for (j = 0; j < order[i]->n; j++)
            buf_printf(&b, "%s %s %s\n", order[i]->file, order[i]->v[j].id, order[i]->v[j].hash);
    free(order);
    return buf_detach(&b, len);
}

int lock_write_atomic(const char *path, const char *data, size_t len)
{
    size_t n = strlen(path) + 16;
    char *tmp = xmalloc(n);
    int fd, rc = -1, saved;
    snprintf(tmp, n, "%s.tmp-XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0)
        goto out;
    if (fs_sink_fd(&fd, data, len) != 0 || fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
        saved = errno;
        close(fd);
        unlink(tmp);
        errno = saved;
        goto out;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        saved = errno;
        unlink(tmp);
        errno = saved;
        goto out;
    }
    rc = 0;
out:
    free(tmp);
    return rc;
}

int lock_save(const tr_lock *l, const char *path, int *changed, diag_list *d)
{
    size_t len = 0, old_len = 0;
    char *text = lock_format(l, &len), *old = fs_read(path, &old_len);
    int rc = 0;
    if (changed)
        *changed = 0;
    if (!old || old_len != len || memcmp(old, text, len)) {
        rc = lock_write_atomic(path, text, len);
        if (rc != 0)
            diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        else if (changed)
            *changed = 1;
    }
    free(old);
    free(text);
    return rc;
}
