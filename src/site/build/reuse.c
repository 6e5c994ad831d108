#define _POSIX_C_SOURCE 200809L
#include "reuse.h"
#include "../../util/buf.h"
#include "../../util/fs.h"
#include "../../util/mem.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 1 when the open file fd holds exactly len bytes equal to data (its size already checked). */
static int same_bytes(int fd, const char *data, size_t len)
{
    char chunk[65536];
    size_t at = 0;
    while (at < len) {
        ssize_t k = read(fd, chunk, sizeof chunk < len - at ? sizeof chunk : len - at);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0 || memcmp(chunk, data + at, (size_t)k) != 0)
            return 0;
        at += (size_t)k;
    }
    return 1;
}

int reuse_same(const char *prev_dir, const char *rel, const char *data, size_t len)
{
    char *path = fs_join(prev_dir, rel);
    size_t size = 0;
    int fd = fs_open_regular(path, &size, NULL), same = 0;
    if (fd >= 0 && size == len)
        same = same_bytes(fd, data, len);
    if (fd >= 0)
        close(fd);
    free(path);
    return same;
}

int reuse_present(const char *prev_dir, const char *rel)
{
    char *path = fs_join(prev_dir, rel);
    struct stat st;
    int ok = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
    free(path);
    return ok;
}

int reuse_link(const char *prev_dir, const char *rel, const char *dest_dir)
{
    char *from = fs_join(prev_dir, rel), *to = fs_join(dest_dir, rel);
    int rc = fs_mkparent(to) == 0 && link(from, to) == 0 ? 0 : -1;
    free(from);
    free(to);
    return rc;
}

/* Replace the file written at dest_dir/rel by a link to prev_dir/rel when their bytes match:
 * 1 when replaced, 0 when not. */
static int reuse_file(const char *prev_dir, const char *dest_dir, const char *rel)
{
    char *path = fs_join(dest_dir, rel), *data = NULL, *aside = NULL, *from = NULL;
    size_t len = 0;
    int done = 0;
    data = fs_read(path, &len);
    if (!data || !reuse_same(prev_dir, rel, data, len))
        goto out;
    from = fs_join(prev_dir, rel);
    aside = xmalloc(strlen(path) + 32);
    sprintf(aside, "%s.plansite-link", path);
    if (link(from, aside) != 0)
        goto out;
    if (rename(aside, path) != 0) {
        unlink(aside);
        goto out;
    }
    done = 1;
out:
    free(data);
    free(aside);
    free(from);
    free(path);
    return done;
}

/* 1 when name is one of the n names in skip. */
static int skipped(const char *name, const char *const *skip, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!strcmp(name, skip[i]))
            return 1;
    return 0;
}

/* What a walk does with each regular file (rel, its path below the top, full, its own path):
 * 0 to go on, -1 to stop with errno. */
typedef int (*walk_fn)(void *ud, const char *rel, const char *full, const struct stat *st);

/* Call fn for every regular file below the relative folder rel ("" at the top) of top, but the
 * build mark and, at the top, the entries named in skip. */
static int walk(const char *top, const char *rel, const char *const *skip, size_t nskip,
                walk_fn fn, void *ud)
{
    char *dir = *rel ? fs_join(top, rel) : xstrdup(top), **names = NULL;
    int n = fs_list(dir, &names), i, rc = n < 0 ? -1 : 0;
    for (i = 0; i < n && rc == 0; i++) {
        char *sub = *rel ? fs_join(rel, names[i]) : xstrdup(names[i]), *full = fs_join(dir, names[i]);
        struct stat st;
        if (!*rel && (!strcmp(names[i], ".plansite-build") || skipped(names[i], skip, nskip)))
            ;   /* the build mark is rewritten in place after this: never shared */
        else if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
            rc = walk(top, sub, NULL, 0, fn, ud);
        else if (lstat(full, &st) == 0 && S_ISREG(st.st_mode))
            rc = fn(ud, sub, full, &st);
        free(sub);
        free(full);
    }
    if (n > 0)
        fs_names_free(names, n);
    free(dir);
    return rc;
}

typedef struct walk_ctx {
    const char *prev_dir, *dest_dir;
    size_t *count;
} walk_ctx;

static int link_same(void *ud, const char *rel, const char *full, const struct stat *st)
{
    walk_ctx *c = ud;
    (void)full;
    if (st->st_nlink == 1 && reuse_file(c->prev_dir, c->dest_dir, rel) && c->count)
        (*c->count)++;
    return 0;
}

int reuse_tree(const char *prev_dir, const char *dest_dir, const char *const *skip, size_t nskip,
               size_t *linked)
{
    walk_ctx c;
    c.prev_dir = prev_dir;
    c.dest_dir = dest_dir;
    c.count = linked;
    return walk(dest_dir, "", skip, nskip, link_same, &c);
}

/* Move staging's file rel into dir (c->prev_dir) unless dir holds the same bytes. */
static int move_changed(void *ud, const char *rel, const char *full, const struct stat *st)
{
    walk_ctx *c = ud;
    char *data = NULL, *to = NULL;
    size_t len = 0;
    int rc = 0;
    (void)st;
    data = fs_read(full, &len);
    if (data && reuse_same(c->prev_dir, rel, data, len))
        goto out;
    to = fs_join(c->prev_dir, rel);
    if (fs_mkparent(to) != 0 || rename(full, to) != 0)
        rc = -1;
    else if (c->count)
        (*c->count)++;
out:
    free(data);
    free(to);
    return rc;
}

int reuse_commit(const char *staging, const char *dir, size_t *moved)
{
    walk_ctx c;
    c.prev_dir = dir;
    c.dest_dir = staging;
    c.count = moved;
    return walk(staging, "", NULL, 0, move_changed, &c);
}

static int add_name(void *ud, const char *rel, const char *full, const struct stat *st)
{
    (void)full;
    (void)st;
    buf_append((buf *)ud, rel, strlen(rel) + 1);
    return 0;
}

int reuse_list(const char *dir, const char *const *skip, size_t nskip, buf *names)
{
    return walk(dir, "", skip, nskip, add_name, names);
}

int reuse_remove(const char *dir, const char *rel)
{
    char *path = fs_join(dir, rel), *slash;
    size_t top = strlen(dir);
    int rc = unlink(path);
    while (rc == 0 && (slash = strrchr(path, '/')) && (size_t)(slash - path) > top) {
        *slash = '\0';
        if (rmdir(path) != 0)
            break;   /* not empty: others' files are there */
    }
    free(path);
    return rc;
}
