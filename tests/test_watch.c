/* serve/watch: the inotify watcher on a site in a temporary folder sees a file written, renamed,
 * touched and deleted, folders created (then files in them, even two levels down), moved away,
 * and templates/ appearing; it ignores editor scratch files and other top-level folders. Every
 * wait is a poll with a deadline. */
#define _GNU_SOURCE
#include "site_fixture.h"
#include "serve/watch.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *dir;

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read changes for up to ms milliseconds. want: stop as soon as the last change is the path
 * dir/want, and return the changes read (-1 if it never was); NULL: return every change read in
 * that time. */
static int changes(watcher *w, const char *want, int ms)
{
    long long end = now_ms() + ms;
    int total = 0;
    char *full = want ? fs_join(dir, want) : NULL;
    for (;;) {
        struct pollfd p = {watch_fd(w), POLLIN, 0};
        long long left = end - now_ms();
        int n;
        if (left <= 0)
            break;
        if (poll(&p, 1, (int)left) <= 0)
            continue;
        n = watch_read(w);
        if (n < 0)
            break;
        total += n;
        if (full && n > 0 && !strcmp(watch_last(w), full)) {
            free(full);
            return total;
        }
    }
    if (full)
        fprintf(stderr, "  never saw %s (last: %s)\n", full, watch_last(w));
    free(full);
    return full ? -1 : total;
}

/* Read changes until n folders are watched (at most ms milliseconds); the changes read. */
static int until_count(watcher *w, int n, int ms)
{
    long long end = now_ms() + ms;
    int total = 0;
    while (watch_count(w) != n && now_ms() < end) {
        struct pollfd p = {watch_fd(w), POLLIN, 0};
        if (poll(&p, 1, (int)(end - now_ms())) > 0 && watch_read(w) > 0)
            total++;
    }
    return total;
}

static void mkdir_at(const char *rel)
{
    char *p = fs_join(dir, rel);
    CHECK_INT(mkdir(p, 0755), 0);
    free(p);
}

static void rename_at(const char *from, const char *to)
{
    char *a = fs_join(dir, from), *b = fs_join(dir, to);
    CHECK_INT(rename(a, b), 0);
    free(a);
    free(b);
}

static void test_files(watcher *w)
{
    char *p;
    fx_put(dir, "content/a.yaml", "x: 1\n");
    CHECK(changes(w, "content/a.yaml", 5000) > 0);
    CHECK_STR(watch_last(w) + strlen(dir), "/content/a.yaml");
    /* scratch files: nothing at all */
    fx_put(dir, "content/.a.yaml.swp", "s");
    fx_put(dir, "content/a.yaml~", "s");
    fx_put(dir, "content/4913", "s");
    fx_put(dir, "content/#a.yaml#", "s");
    CHECK_INT(changes(w, NULL, 150), 0);
    rename_at("content/a.yaml", "content/b.yaml");
    CHECK(changes(w, "content/b.yaml", 5000) > 0);
    p = fs_join(dir, "content/b.yaml");
    CHECK_INT(utimensat(AT_FDCWD, p, NULL, 0), 0); /* touch */
    CHECK(changes(w, "content/b.yaml", 5000) > 0);
    CHECK_INT(unlink(p), 0);
    CHECK(changes(w, "content/b.yaml", 5000) > 0);
    free(p);
}

static void test_folders(watcher *w)
{
    int before = watch_count(w);
    mkdir_at("content/plans/new");
    CHECK(changes(w, "content/plans/new", 5000) > 0);
    CHECK_INT(watch_count(w), before + 1);
    fx_put(dir, "content/plans/new/x.yaml", "y: 2\n"); /* seen: the new folder is watched */
    CHECK(changes(w, "content/plans/new/x.yaml", 5000) > 0);
    /* two levels at once: both watched once the first one's creation is read */
    mkdir_at("content/deep");
    mkdir_at("content/deep/er");
    CHECK(until_count(w, before + 3, 5000) > 0);
    CHECK_INT(watch_count(w), before + 3);
    fx_put(dir, "content/deep/er/f.md", "z");
    CHECK(changes(w, "content/deep/er/f.md", 5000) > 0);
    /* moved out of the site: a change, and its watches go */
    rename_at("content/deep", "away");
    CHECK(changes(w, "content/deep", 5000) > 0);
    CHECK_INT(watch_count(w), before + 1);
    fx_put(dir, "away/er/g.md", "z");
    CHECK_INT(changes(w, NULL, 150), 0);
    /* moved in: watched again */
    rename_at("away", "content/back");
    CHECK(changes(w, "content/back", 5000) > 0);
    CHECK_INT(watch_count(w), before + 3);
    fx_put(dir, "content/back/er/h.md", "z");
    CHECK(changes(w, "content/back/er/h.md", 5000) > 0);
}

static void test_roots(watcher *w)
{
    int before = watch_count(w);
    mkdir_at("other");   /* not a source folder */
    fx_put(dir, "other/x", "1");
    fx_put(dir, "notes.txt", "1");
    CHECK_INT(changes(w, NULL, 150), 0);
    CHECK_INT(watch_count(w), before);
    mkdir_at("templates");
    CHECK(changes(w, "templates", 5000) > 0);
    CHECK_INT(watch_count(w), before + 1);
    fx_put(dir, "templates/home.mustache", "hi");
    CHECK(changes(w, "templates/home.mustache", 5000) > 0);
}

int main(void)
{
    watcher *w;
    char *file;
    dir = fx_tempdir();
    fx_put(dir, "content/plans/p/plan.yaml", "order: 1\n");
    file = fs_join(dir, "content/plans/p/plan.yaml");
    errno = 0;
    CHECK(watch_new(file) == NULL);
    CHECK_INT(errno, ENOTDIR);
    free(file);
    w = watch_new(dir);
    CHECK(w != NULL);
    if (!w)
        return h_done();
    CHECK_INT(watch_count(w), 4); /* the site, content, plans, plans/p */
    CHECK_STR(watch_last(w), "");
    test_files(w);
    test_folders(w);
    test_roots(w);
    watch_free(w);
    watch_free(NULL);
    fx_remove(dir);
    return h_done();
}
