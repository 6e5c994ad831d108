/* docroot: one built site folder being served by `plansite serve`, and the safe lookup of request
 * paths in it.
 *
 * A docroot is reference-counted: the server holds one reference for the current build and every
 * request in flight holds its own, so a rebuild can switch the server to a new folder at any time;
 * the old folder is deleted (when asked) only after the last request that used it let go.
 *
 * Lookups never leave the folder: the request path is percent-decoded by this module (the HTTP
 * library must hand it over still encoded), encoded '/' or '\', NUL and control bytes are refused,
 * "." and ".." segments are refused, and the file is opened one segment at a time with openat()
 * and O_NOFOLLOW from a descriptor of the folder, so no symlink is ever followed. */
#ifndef PLANSITE_DOCROOT_H
#define PLANSITE_DOCROOT_H
#include <stddef.h>

typedef struct docroot docroot;

typedef enum {
    DOCROOT_OK,          /* a regular file was opened */
    DOCROOT_REDIRECT,    /* a folder asked without its final '/': redirect to path + "/" */
    DOCROOT_BAD,         /* 400: malformed path (bad escape, NUL, control byte, encoded slash) */
    DOCROOT_FORBIDDEN,   /* 403: ".." or a symlink on the way */
    DOCROOT_NOT_FOUND    /* 404 */
} docroot_status;

typedef struct docroot_file {
    int fd;                   /* open read-only; the caller closes it; -1 unless DOCROOT_OK */
    unsigned long long size;
    long long mtime;          /* seconds since the epoch */
    char etag[72];            /* strong validator, quoted: "ino-size-mtime" */
    const char *mime;         /* Content-Type (static string) */
    int is_html;
} docroot_file;

/* Open dir (an existing folder) for serving under the name key (copied; it names the build, e.g.
 * in the pages' live-reload script). With remove_at_end, the folder is deleted when the last
 * reference goes. Returns the first reference, or NULL with errno set. */
docroot *docroot_open(const char *dir, const char *key, int remove_at_end);
/* A new docroot for old's folder, which a build updated in place, under the name key: the first
 * reference to it, or NULL with errno. The duty to delete the folder at the end passes from old
 * to it (old, still referenced by the caller, will not delete it). */
docroot *docroot_renew(docroot *old, const char *key);
/* Take one more reference; returns r. */
docroot *docroot_ref(docroot *r);
/* Drop a reference; the last one closes (and maybe deletes) the folder. NULL is fine. */
void docroot_unref(docroot *r);
/* Record the files of r that are not there yet but can be made when asked for (serve's
 * handouts): names holds them NUL-terminated one after another, len bytes in all (copied: the
 * caller keeps names). Call it once, before r is shared with request threads. */
void docroot_set_lazy(docroot *r, const char *names, size_t len);
/* 1 when rel (a decoded relative file path, e.g. "en/print/x/index.html") is one of them. */
int docroot_is_lazy(const docroot *r, const char *rel);
/* The folder given to docroot_open. */
const char *docroot_path(const docroot *r);
/* The key given to docroot_open. */
const char *docroot_key(const docroot *r);

/* Check and percent-decode a request path (as sent, starting with '/', without the query) into
 * out, a relative path without leading '/' and without empty segments ("" for the root).
 * *dir_form is set to 1 when the path ends with '/' (or is "/"). Returns DOCROOT_OK, BAD,
 * FORBIDDEN (a ".." segment) or NOT_FOUND (a segment starting with '.', or too long). */
docroot_status docroot_decode(const char *raw, char *out, size_t size, int *dir_form);
/* Resolve the request path raw (as for docroot_decode) in r: a file, or a folder's index.html.
 * On DOCROOT_OK, *f describes the open file. */
docroot_status docroot_lookup(docroot *r, const char *raw, docroot_file *f);
/* Open the file at a relative path (already decoded and checked, e.g. "404.html"), following no
 * symlink. 0 and *f filled, or -1. */
int docroot_open_file(docroot *r, const char *rel, docroot_file *f);
/* The Content-Type for a file name, from its extension (application/octet-stream if unknown). */
const char *docroot_mime(const char *name);
/* 1 when the If-None-Match header value inm lists etag (or is "*"); weak tags compare too. */
int docroot_etag_match(const char *inm, const char *etag);
/* Format t as an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT") into out (30 bytes or more). */
void docroot_http_date(long long t, char *out, size_t size);
/* Parse an HTTP date (IMF-fixdate); -1 when it is not one. */
long long docroot_parse_http_date(const char *s);

#endif
