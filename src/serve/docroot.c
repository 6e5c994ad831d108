#define _GNU_SOURCE
#include "docroot.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include "../util/strmap.h"
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DOCROOT_PATH_MAX 2048
#define OPEN_FLAGS (O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)

struct docroot {
    atomic_int refs;
    int dirfd;
    atomic_int remove_at_end;   /* handed on by docroot_renew */
    char *path;
    char *key;
    strmap *lazy;            /* files made when first asked for (docroot_set_lazy), or NULL */
    char *lazy_names;        /* the lazy map's keys: a copy owned by the docroot */
};

docroot *docroot_open(const char *dir, const char *key, int remove_at_end)
{
    docroot *r = NULL;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    r = xcalloc(1, sizeof *r);
    atomic_init(&r->refs, 1);
    r->dirfd = fd;
    atomic_init(&r->remove_at_end, remove_at_end);
    r->path = xstrdup(dir);
    r->key = xstrdup(key);
    return r;
}

docroot *docroot_renew(docroot *old, const char *key)
{
    docroot *r = docroot_open(old->path, key, 0);
    if (r)
        atomic_store(&r->remove_at_end, atomic_exchange(&old->remove_at_end, 0));
    return r;
}

docroot *docroot_ref(docroot *r)
{
    atomic_fetch_add(&r->refs, 1);
    return r;
}

void docroot_unref(docroot *r)
{
    if (!r || atomic_fetch_sub(&r->refs, 1) != 1)
        return;
    close(r->dirfd);
    if (atomic_load(&r->remove_at_end))
        fs_remove_tree(r->path);
    strmap_free(r->lazy);
    free(r->lazy_names);
    free(r->path);
    free(r->key);
    free(r);
}

void docroot_set_lazy(docroot *r, const char *names, size_t len)
{
    const char *p, *end;
    if (!names || !len || r->lazy)
        return;
    /* the map keeps pointers to its keys: they must live as long as the docroot, not as the
     * build report they came in (freed after the switch) */
    r->lazy_names = xmalloc(len);
    memcpy(r->lazy_names, names, len);
    p = r->lazy_names;
    end = p + len;
    r->lazy = strmap_new();
    while (p < end) {
        size_t n = strnlen(p, (size_t)(end - p));
        strmap_putn(r->lazy, p, n, 1);
        p += n + 1;
    }
}

int docroot_is_lazy(const docroot *r, const char *rel)
{
    return r->lazy && strmap_get(r->lazy, rel) >= 0;
}

const char *docroot_path(const docroot *r)
{
    return r->path;
}

const char *docroot_key(const docroot *r)
{
    return r->key;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Check the segment just decoded at out[start..*len); drop it when empty. */
static docroot_status end_segment(char *out, size_t start, size_t *len)
{
    size_t n = *len - start;
    const char *s = out + start;
    if (n == 0) {
        if (start > 0)
            (*len)--;             /* the separator written before an empty segment */
        return DOCROOT_OK;
    }
    if (n == 1 && s[0] == '.')
        return DOCROOT_BAD;
    if (n == 2 && s[0] == '.' && s[1] == '.')
        return DOCROOT_FORBIDDEN;
    if (s[0] == '.')
        return DOCROOT_NOT_FOUND; /* hidden files are never part of a built site */
    return DOCROOT_OK;
}

/* One decoded byte of raw at *p (advanced); -1 when malformed or not allowed in a segment. */
static int next_byte(const char **p)
{
    const char *s = *p;
    int c = (unsigned char)*s, hi, lo;
    if (c == '%') {
        hi = hexval(s[1]);
        lo = hi < 0 ? -1 : hexval(s[2]);
        if (hi < 0 || lo < 0)
            return -1;
        c = hi * 16 + lo;
        *p = s + 3;
        if (c == '/')             /* an encoded slash never separates segments: refuse it */
            return -1;
    } else
        *p = s + 1;
    if (c < 0x20 || c == 0x7f || c == '\\')
        return -1;
    return c;
}

docroot_status docroot_decode(const char *raw, char *out, size_t size, int *dir_form)
{
    const char *p = raw;
    size_t len = 0, start = 0;
    docroot_status st;
    if (!raw || raw[0] != '/' || size == 0)
        return DOCROOT_BAD;
    p++;
    while (*p) {
        int c;
        if (*p == '/') {
            if ((st = end_segment(out, start, &len)) != DOCROOT_OK)
                return st;
            p++;
            if (len + 1 >= size)
                return DOCROOT_BAD;
            if (len > 0)
                out[len++] = '/';
            start = len;
            continue;
        }
        if ((c = next_byte(&p)) < 0)
            return DOCROOT_BAD;
        if (len + 1 >= size)
            return DOCROOT_BAD;
        out[len++] = (char)c;
    }
    if ((st = end_segment(out, start, &len)) != DOCROOT_OK)
        return st;
    out[len] = '\0';
    *dir_form = p[-1] == '/';
    return DOCROOT_OK;
}

/* Open rel under dirfd one segment at a time, following no symlink. The fd, or -1 with errno. */
static int open_beneath(int dirfd, const char *rel)
{
    char *copy = xstrdup(rel), *seg = copy, *slash;
    int cur = dirfd, next = -1, err = 0;
    if (!*rel) {
        next = openat(dirfd, ".", OPEN_FLAGS | O_DIRECTORY);
        goto out;
    }
    for (;;) {
        slash = strchr(seg, '/');
        if (slash)
            *slash = '\0';
        next = openat(cur, seg, OPEN_FLAGS);
        err = errno;
        if (cur != dirfd)
            close(cur);
        if (next < 0 || !slash)
            break;
        cur = next;
        seg = slash + 1;
    }
    errno = err;
out:
    free(copy);
    return next;
}

static void describe(const struct stat *st, const char *name, docroot_file *f)
{
    const char *mime = docroot_mime(name);
    f->size = (unsigned long long)st->st_size;
    f->mtime = (long long)st->st_mtim.tv_sec;
    snprintf(f->etag, sizeof f->etag, "\"%llx-%llx-%llx.%lx\"", (unsigned long long)st->st_ino,
             f->size, (unsigned long long)st->st_mtim.tv_sec, (unsigned long)st->st_mtim.tv_nsec);
    f->mime = mime;
    f->is_html = !strncmp(mime, "text/html", 9);
}

static docroot_status from_errno(int e)
{
    return e == ELOOP || e == EACCES || e == EPERM ? DOCROOT_FORBIDDEN : DOCROOT_NOT_FOUND;
}

/* fd is a folder asked in folder form: open its index.html instead. */
static docroot_status open_index(int fd, docroot_file *f)
{
    struct stat st;
    int idx = openat(fd, "index.html", OPEN_FLAGS);
    close(fd);
    if (idx < 0)
        return from_errno(errno);
    if (fstat(idx, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(idx);
        return DOCROOT_NOT_FOUND;
    }
    f->fd = idx;
    describe(&st, "index.html", f);
    return DOCROOT_OK;
}

docroot_status docroot_lookup(docroot *r, const char *raw, docroot_file *f)
{
    char rel[DOCROOT_PATH_MAX];
    const char *name;
    struct stat st;
    int dir_form = 0, fd;
    docroot_status s = docroot_decode(raw, rel, sizeof rel, &dir_form);
    f->fd = -1;
    if (s != DOCROOT_OK)
        return s;
    if ((fd = open_beneath(r->dirfd, rel)) < 0)
        return from_errno(errno);
    if (fstat(fd, &st) != 0)
        s = DOCROOT_NOT_FOUND;
    else if (S_ISDIR(st.st_mode))
        return dir_form ? open_index(fd, f) : (close(fd), DOCROOT_REDIRECT);
    else if (!S_ISREG(st.st_mode) || dir_form)
        s = DOCROOT_NOT_FOUND;
    if (s != DOCROOT_OK) {
        close(fd);
        return s;
    }
    name = strrchr(rel, '/');
    f->fd = fd;
    describe(&st, name ? name + 1 : rel, f);
    return DOCROOT_OK;
}

int docroot_open_file(docroot *r, const char *rel, docroot_file *f)
{
    struct stat st;
    const char *name = strrchr(rel, '/');
    int fd = open_beneath(r->dirfd, rel);
    f->fd = -1;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -1;
    }
    f->fd = fd;
    describe(&st, name ? name + 1 : rel, f);
    return 0;
}

static const char *const mime_table[][2] = {
    {"html", "text/html; charset=utf-8"},      {"htm", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},        {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"}, {"json", "application/json"},
    {"map", "application/json"},               {"csv", "text/csv; charset=utf-8"},
    {"xml", "application/xml"},                {"txt", "text/plain; charset=utf-8"},
    {"md", "text/markdown; charset=utf-8"},    {"svg", "image/svg+xml"},
    {"png", "image/png"},                      {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},                    {"gif", "image/gif"},
    {"webp", "image/webp"},                    {"avif", "image/avif"},
    {"ico", "image/x-icon"},                   {"pdf", "application/pdf"},
    {"woff2", "font/woff2"},                   {"woff", "font/woff"},
    {"ttf", "font/ttf"},                       {"otf", "font/otf"},
    {"webmanifest", "application/manifest+json"}, {"wasm", "application/wasm"},
    {"zip", "application/zip"},                {"mp4", "video/mp4"},
    {"webm", "video/webm"},                    {"mp3", "audio/mpeg"},
};

const char *docroot_mime(const char *name)
{
    const char *dot = strrchr(name, '.');
    size_t i;
    if (dot && !strchr(dot, '/'))
        for (i = 0; i < sizeof mime_table / sizeof *mime_table; i++)
            if (!strcasecmp(dot + 1, mime_table[i][0]))
                return mime_table[i][1];
    return "application/octet-stream";
}

int docroot_etag_match(const char *inm, const char *etag)
{
    const char *p = inm;
    size_t n = strlen(etag);
    while (p && *p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '*')
            return 1;
        if (!strncmp(p, "W/", 2))
            p += 2;
        if (!strncmp(p, etag, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '\t'))
            return 1;
        p = strchr(p, ',');
    }
    return 0;
}

static const char wdays[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void docroot_http_date(long long t, char *out, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    snprintf(out, size, "%s, %02d %s %04d %02d:%02d:%02d GMT", wdays[tm.tm_wday % 7], tm.tm_mday,
             months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

long long docroot_parse_http_date(const char *s)
{
    char wd[4], mon[4];
    struct tm tm;
    int i, n = 0;
    memset(&tm, 0, sizeof tm);
    if (!s || sscanf(s, "%3s, %d %3s %d %d:%d:%d GMT%n", wd, &tm.tm_mday, mon, &tm.tm_year,
                     &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 7 || n == 0)
        return -1;
    for (i = 0; i < 12 && strcmp(mon, months[i]); i++)
        ;
    if (i == 12 || tm.tm_year < 1970 || tm.tm_mday < 1 || tm.tm_mday > 31)
        return -1;
    tm.tm_mon = i;
    tm.tm_year -= 1900;
    return (long long)timegm(&tm);
}
