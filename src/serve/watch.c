#define _GNU_SOURCE
#include "watch.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define WATCH_MAX 20000   /* folders; far more than any site has */
#define MASK_TOP (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)
#define MASK_TREE (IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | \
                   IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

static const char *const roots[] = {"content", "templates", "themes"};

typedef struct wentry {
    int wd;
    int top;          /* the site folder itself (only its three roots matter) */
    char *path;
} wentry;

struct watcher {
    int fd;
    char *site;
    wentry *e;
    int n, cap;
    char *last;
};

static wentry *find(watcher *w, int wd)
{
    int i;
    for (i = 0; i < w->n; i++)
        if (w->e[i].wd == wd)
            return &w->e[i];
    return NULL;
}

static void set_entry(watcher *w, int wd, const char *path, int top)
{
    wentry *e = find(w, wd);
    if (!e) {
        if (w->n == w->cap) {
            w->cap = w->cap ? w->cap * 2 : 64;
            w->e = xrealloc(w->e, (size_t)w->cap * sizeof *w->e);
        }
        e = &w->e[w->n++];
        e->path = NULL;
    }
    free(e->path);
    e->wd = wd;
    e->top = top;
    e->path = xstrdup(path);
}

static void drop_entry(watcher *w, wentry *e)
{
    free(e->path);
    *e = w->e[--w->n];
}

/* Watch path and every folder below it (symlinks below it are not followed). */
static void add_tree(watcher *w, const char *path, int follow)
{
    char **names = NULL;
    int wd, n, i;
    if (w->n >= WATCH_MAX)
        return;
    wd = inotify_add_watch(w->fd, path, MASK_TREE | (follow ? 0 : IN_DONT_FOLLOW));
    if (wd < 0)
        return;
    set_entry(w, wd, path, 0);
    n = fs_list(path, &names);
    for (i = 0; i < n; i++) {
        char *child = fs_join(path, names[i]);
        struct stat st;
        if (names[i][0] != '.' && lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
            add_tree(w, child, 0);
        free(child);
    }
    if (n > 0)
        fs_names_free(names, n);
}

/* Forget the watches of path and the folders below it (it was moved away). */
static void drop_tree(watcher *w, const char *path)
{
    size_t len = strlen(path);
    int i;
    for (i = w->n - 1; i >= 0; i--) {
        const char *p = w->e[i].path;
        if (w->e[i].top || strncmp(p, path, len) || (p[len] && p[len] != '/'))
            continue;
        inotify_rm_watch(w->fd, w->e[i].wd);
        drop_entry(w, &w->e[i]);
    }
}

static void add_all(watcher *w)
{
    size_t i;
    int wd = inotify_add_watch(w->fd, w->site, MASK_TOP);
    if (wd >= 0)
        set_entry(w, wd, w->site, 1);
    for (i = 0; i < sizeof roots / sizeof *roots; i++) {
        char *p = fs_join(w->site, roots[i]);
        add_tree(w, p, 1);
        free(p);
    }
}

static void remove_all(watcher *w)
{
    while (w->n > 0) {
        inotify_rm_watch(w->fd, w->e[w->n - 1].wd);
        drop_entry(w, &w->e[w->n - 1]);
    }
}

watcher *watch_new(const char *site_dir)
{
    watcher *w = NULL;
    int fd;
    if (!fs_is_dir(site_dir)) {
        errno = ENOTDIR;
        return NULL;
    }
    fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0)
        return NULL;
    w = xcalloc(1, sizeof *w);
    w->fd = fd;
    w->site = xstrdup(site_dir);
    w->last = xstrdup("");
    add_all(w);
    return w;
}

void watch_free(watcher *w)
{
    if (!w)
        return;
    remove_all(w);
    close(w->fd);
    free(w->e);
    free(w->site);
    free(w->last);
    free(w);
}

int watch_fd(const watcher *w)
{
    return w->fd;
}

const char *watch_last(const watcher *w)
{
    return w->last;
}

int watch_count(const watcher *w)
{
    return w->n;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static int is_scratch(const char *name)
{
    size_t n = strlen(name);
    return ends_with(name, ".swp") || ends_with(name, ".swx") || ends_with(name, ".swo") ||
           ends_with(name, "~") || !strcmp(name, "4913") || !strncmp(name, ".#", 2) ||
           (n > 1 && name[0] == '#' && name[n - 1] == '#');
}

static int is_root_name(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof roots / sizeof *roots; i++)
        if (!strcmp(name, roots[i]))
            return 1;
    return 0;
}

static void note(watcher *w, const char *dir, const char *name)
{
    free(w->last);
    w->last = *name ? fs_join(dir, name) : xstrdup(dir);
}

/* One event; returns 1 when it is a change. */
static int on_event(watcher *w, const struct inotify_event *ev)
{
    wentry *e = find(w, ev->wd);
    const char *name = ev->len ? ev->name : "";
    char *path;
    if (!e)
        return 0;
    if (ev->mask & IN_IGNORED) {
        drop_entry(w, e);
        return 0;
    }
    if ((e->top && !is_root_name(name)) || (*name && is_scratch(name)))
        return 0;
    note(w, e->path, name);
    if (!*name || !(ev->mask & IN_ISDIR))
        return 1;
    path = fs_join(e->path, name);
    if (ev->mask & (IN_CREATE | IN_MOVED_TO))
        add_tree(w, path, e->top);
    else if (ev->mask & IN_MOVED_FROM)
        drop_tree(w, path);
    free(path);
    return 1;
}

int watch_read(watcher *w)
{
    _Alignas(struct inotify_event) char data[16384];
    int changes = 0;
    for (;;) {
        ssize_t len = read(w->fd, data, sizeof data), off = 0;
        if (len < 0)
            return errno == EAGAIN || errno == EINTR ? changes : -1;
        while (off + (ssize_t)sizeof(struct inotify_event) <= len) {
            const struct inotify_event *ev = (const struct inotify_event *)(data + off);
            if (ev->mask & IN_Q_OVERFLOW) {
                remove_all(w);
                add_all(w);
                changes++;
            } else
                changes += on_event(w, ev);
            off += (ssize_t)sizeof *ev + ev->len;
        }
    }
}
