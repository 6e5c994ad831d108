/* http: the HTTP side of `plansite serve`, on libmicrohttpd: one polling thread (epoll) for every
 * connection, so idle or slow clients cost a descriptor each and never a thread or a slot that
 * readers need. A connection silent for 30 s is closed; the soft limit on open descriptors is
 * raised to the hard one and every descriptor but 256 (left to the builds) may be a connection.
 * Event streams wait suspended (off the polling thread) while a thread of their own watches their
 * sockets: a stream closed by its client is forgotten at once; at most half the connections may
 * be event streams (then 503).
 *
 * Serves the current docroot: GET and HEAD only (405 otherwise); a folder's index.html (a folder
 * asked without its final '/' is redirected to it, 301); Content-Type by extension; ETag and
 * Last-Modified with 304 answers to If-None-Match / If-Modified-Since; the site's 404.html with
 * status 404, unless it is a lazy file of the docroot (docroot_set_lazy: serve's handouts), which
 * http_opts.make makes first; 400 and 403 for malformed or forbidden paths (see docroot.h). Every response says
 * Cache-Control: no-cache, so browsers revalidate after each rebuild.
 *
 * HTML responses get a small live-reload script inserted before the last </body> (the files on
 * disk are not changed). The script follows GET /__plansite/events (Server-Sent Events from the
 * hub: `hello` {"key"}, `reload`, `error` {"errors": [...]}) and GET /__plansite/status (the JSON
 * given to http_set_status): it shows the error list as an overlay, and reloads the page on
 * `reload`, or when the hello's key differs from the key of the build it came from (the server
 * rebuilt or restarted while the page was not connected). */
#ifndef PLANSITE_HTTP_H
#define PLANSITE_HTTP_H
#include "docroot.h"
#include "sse.h"
#include <stddef.h>

typedef struct http_server http_server;
/* Make the lazy file rel (docroot_set_lazy) in the served folder dir; 0 when it was made. */
typedef int (*http_make_fn)(void *ud, const char *dir, const char *rel);

typedef struct http_opts {
    const char *addr;        /* address to listen on: numeric IPv4/IPv6 or a host name */
    int port;                /* 0: any free port (see http_port) */
    sse_hub *hub;            /* feeds /__plansite/events; not owned */
    const char *key0;        /* the key of the placeholder page served before the first build */
    http_make_fn make;       /* called for a missing file that the docroot lists as lazy, on the
                              * polling thread (other requests wait meanwhile); NULL: 404 */
    void *make_ud;
} http_opts;

/* Start listening and serving (in threads of its own). Until the first http_set_root every page
 * is a placeholder (503) that reloads once a build is served. NULL and a message in err when the
 * address cannot be resolved or bound. */
http_server *http_start(const http_opts *o, char *err, size_t errsize);
/* The port listened on. */
int http_port(const http_server *h);
/* 1 when the address listened on is a loopback address (127.0.0.0/8, ::1). */
int http_is_loopback(const http_server *h);
/* Serve r from now on (NULL: the placeholder), taking over the caller's reference. Requests
 * already running keep the root they started with. Returns the server's reference to the previous
 * root (NULL if none) for the caller to drop with docroot_unref. */
docroot *http_set_root(http_server *h, docroot *r);
/* The JSON document answered at /__plansite/status (copied). */
void http_set_status(http_server *h, const char *json);
/* Stop listening, end the event streams, close every connection and free everything (NULL is
 * fine). */
void http_stop(http_server *h);

#endif
