#define _GNU_SOURCE
#include "fs.h"
#include "mem.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Read exactly n bytes (fewer only at end of file); -1 on error. */
static ssize_t read_all(int fd, char *p, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(fd, p + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        if (k == 0)
            break;
        got += (size_t)k;
    }
    return (ssize_t)got;
}

int fs_open_regular(const char *path, size_t *size, long long *mtime)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
    if (fd < 0)
        return -1;   /* a symbolic link gives ELOOP */
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = errno;
        if (fstat(fd, &st) == 0)
            e = S_ISDIR(st.st_mode) ? EISDIR : FS_ENOTREG;
        close(fd);
        errno = e;
        return -1;
    }
    if (size)
        *size = (size_t)st.st_size;
    if (mtime)
        *mtime = (long long)st.st_mtime;
    return fd;
}

const char *fs_strerror(int err)
{
    if (err == ELOOP)
        return "it is a symbolic link (links are refused: put the file or folder itself there)";
    if (err == FS_ENOTREG)
        return "not a regular file (a FIFO, socket or device)";
    return strerror(err);
}

char *fs_read(const char *path, size_t *len)
{
    return fs_read_timed(path, len, NULL);
}

char *fs_read_timed(const char *path, size_t *len, long long *mtime)
{
    char *data = NULL;
    size_t cap = 0;
    ssize_t n;
    int fd = fs_open_regular(path, &cap, mtime);
    if (fd < 0)
        return NULL;
    data = xmalloc(cap + 1);
    n = read_all(fd, data, cap);
    if (n < 0) {
        free(data);
        data = NULL;
        goto out;
    }
    data[n] = '\0';
    if (len)
        *len = (size_t)n;
out:
    close(fd);
    return data;
}

int fs_write(const char *path, const char *data, size_t len)
{
    int rc = -1;
    FILE *f = fopen(path, "wb");
    if (!f)
        goto out;
    if (len && fwrite(data, 1, len, f) != len)
        goto out;
    rc = 0;
out:
    if (f && fclose(f) != 0)
        rc = -1;
    return rc;
}

int fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_is_link(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

int fs_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int fs_mkdirs(const char *path)
{
    char *p = xstrdup(path), *s;
    int rc = -1;
    for (s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            goto out;
        *s = '/';
    }
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
        goto out;
    rc = 0;
out:
    free(p);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int fs_list(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    int n = 0, cap = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            names = xrealloc(names, (size_t)cap * sizeof *names);
        }
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, (size_t)n, sizeof *names, cmp_names);
    *out = names;
    return n;
}

void fs_names_free(char **names, int n)
{
    int i;
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

char *fs_absolute(const char *path)
{
    char *copy = xstrdup(path), *slash = NULL, *real = NULL, *out = NULL;
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    real = realpath(copy, NULL);
    if (real) {
        out = xstrdup(real);
        goto out;
    }
    slash = strrchr(copy, '/');
    if (slash == copy)
        real = realpath("/", NULL);
    else if (slash) {
        *slash = '\0';
        real = fs_absolute(copy);
    } else
        real = realpath(".", NULL);
    if (real)
        out = fs_join(strcmp(real, "/") ? real : "", slash ? slash + 1 : copy);
out:
    free(real);
    free(copy);
    return out;
}

int fs_contains(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (!strcmp(a, "/"))
        return 1;
    return !strncmp(a, b, n) && (b[n] == '\0' || b[n] == '/');
}

char *fs_join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *p;
    if (!strcmp(a, "."))
        return xstrdup(b);
    while (la > 1 && a[la - 1] == '/')
        la--;
    p = xmalloc(la + lb + 2);
    memcpy(p, a, la);
    p[la] = '/';
    memcpy(p + la + 1, b, lb + 1);
    return p;
}

int fs_remove_tree(const char *path)
{
    struct stat st;
    char **names = NULL;
    int n = 0, i, rc = -1;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    n = fs_list(path, &names);
    if (n < 0)
        goto out;
    for (i = 0; i < n; i++) {
        char *child = fs_join(path, names[i]);
        int r = fs_remove_tree(child);
        free(child);
        if (r != 0)
            goto out;
    }
    rc = rmdir(path);
out:
    if (n > 0)
        fs_names_free(names, n);
    return rc;
}

static int copy_file(const char *src, const char *dst)
{
    size_t len = 0;
    char *data = fs_read(src, &len);
    int rc;
    if (!data)
        return -1;
    rc = fs_write(dst, data, len);
    free(data);
    return rc;
}

/* Remember the first path a copy failed on (errno kept). */
static void note_failed(char **failed, const char *path)
{
    int e = errno;
    if (failed && !*failed)
        *failed = xstrdup(path);
    errno = e;
}

int fs_copy_tree(const char *src, const char *dst, size_t *count, char **failed)
{
    char **names = NULL;
    int n = 0, i, rc = -1;
    if (fs_mkdirs(dst) != 0) {
        note_failed(failed, dst);
        goto out;
    }
    n = fs_list(src, &names);
    if (n < 0) {
        note_failed(failed, src);
        goto out;
    }
    for (i = 0; i < n; i++) {
        char *s = fs_join(src, names[i]), *d = fs_join(dst, names[i]);
        struct stat st;
        int r = 0;
        if (lstat(s, &st) != 0)
            r = -1;
        else if (S_ISDIR(st.st_mode))
            r = fs_copy_tree(s, d, count, failed);
        else if (S_ISREG(st.st_mode)) {
            r = copy_file(s, d);
            if (r == 0 && count)
                (*count)++;
        }
        if (r != 0)
            note_failed(failed, s);
        free(s);
        free(d);
        if (r != 0)
            goto out;
    }
    rc = 0;
out:
    if (n > 0)
        fs_names_free(names, n);
    return rc;
}

static int segment_ok(const char *s, size_t n)
{
    if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
        return 0;
    return 1;
}

int fs_rel_path_ok(const char *rel)
{
    const char *seg = rel, *p;
    if (!rel || !*rel || rel[0] == '/')
        return 0;
    for (p = rel;; p++) {
        if (*p == '\\' || (*p && (unsigned char)*p < 0x20))
            return 0;
        if (*p == '/' || *p == '\0') {
            if (!segment_ok(seg, (size_t)(p - seg)))
                return 0;
            if (!*p)
                break;
            seg = p + 1;
        }
    }
    return 1;
}

char *fs_beside(const char *dest, const char *suffix)
{
    size_t n = strlen(dest), k = strlen(suffix);
    char *t = xmalloc(n + k + 1);
    while (n > 1 && dest[n - 1] == '/')
        n--;
    memcpy(t, dest, n);
    memcpy(t + n, suffix, k + 1);
    return t;
}

char *fs_make_temp_beside(const char *dest)
{
    char *t = fs_beside(dest, ".tmp-XXXXXX");
    if (!mkdtemp(t)) {
        free(t);
        return NULL;
    }
    return t;
}

/* Keep the destination's own top-level dotfiles (.gitkeep, .htaccess ...) that the new tree lacks.
 * 0, or -1 with errno when one could not be kept (or dest not listed). */
static int carry_dotfiles(const char *dest, const char *tmp)
{
    char **names = NULL;
    int n = fs_list(dest, &names), i, rc = n < 0 ? -1 : 0;
    for (i = 0; rc == 0 && i < n; i++) {
        char *s = fs_join(dest, names[i]), *d = fs_join(tmp, names[i]);
        if (names[i][0] == '.' && fs_is_file(s) && !fs_is_file(d) && !fs_is_dir(d))
            rc = copy_file(s, d);
        free(s);
        free(d);
    }
    if (n > 0)
        fs_names_free(names, n);
    return rc;
}

/* Move the old tree (now at path) to "<dest>.old-<pid>" beside dest: its path (caller frees), or
 * NULL after removing it at once when that name cannot be taken. */
static char *set_aside(const char *path, const char *dest)
{
    size_t n = strlen(dest);
    char *aside = xmalloc(n + 32);
    while (n > 1 && dest[n - 1] == '/')
        n--;
    snprintf(aside, n + 32, "%.*s.old-%ld", (int)n, dest, (long)getpid());
    if (rename(path, aside) == 0)
        return aside;
    fs_remove_tree(path);
    free(aside);
    return NULL;
}

/* The old tree, now at path: removed (aside NULL) or set aside for the caller (*aside). */
static void drop_old(const char *path, const char *dest, char **aside)
{
    if (aside)
        *aside = set_aside(path, dest);
    else
        fs_remove_tree(path);
}

int fs_swap_in(const char *tmp, const char *dest, char **aside)
{
    char *old = NULL;
    int rc = -1;
    if (aside)
        *aside = NULL;
    if (!fs_is_dir(dest)) {
        rc = rename(tmp, dest);
        goto out;
    }
    if (carry_dotfiles(dest, tmp) != 0)
        goto out;
    /* Linux: exchange both names atomically; the old tree is then at tmp. */
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dest, RENAME_EXCHANGE) == 0) {
        drop_old(tmp, dest, aside);
        rc = 0;
        goto out;
    }
    old = fs_make_temp_beside(dest);
    if (!old || rmdir(old) != 0 || rename(dest, old) != 0)
        goto out;
    if (rename(tmp, dest) != 0) {
        rename(old, dest);
        goto out;
    }
    drop_old(old, dest, aside);
    rc = 0;
out:
    free(old);
    return rc;
}

int fs_mkparent(const char *path)
{
    char *dir = xstrdup(path), *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash && slash != dir) {
        *slash = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST)
            rc = fs_mkdirs(dir);
    }
    free(dir);
    return rc;
}

int fs_create(const char *path)
{
    if (fs_mkparent(path) != 0)
        return -1;
    return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

int fs_sink_fd(void *fd, const char *p, size_t n)
{
    int f = *(int *)fd;
    while (n) {
        ssize_t k = write(f, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

int fs_tmp_fd(void)
{
    FILE *f = tmpfile();
    int fd;
    if (!f)
        return -1;
    fd = fcntl(fileno(f), F_DUPFD_CLOEXEC, 3);
    fclose(f);
    return fd;
}
