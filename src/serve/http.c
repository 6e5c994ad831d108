#define _GNU_SOURCE
#include "http.h"
#include "../util/buf.h"
#include "../util/mem.h"
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define KEEPALIVE_MS 10000
#define IDLE_TIMEOUT_S 30       /* a connection silent this long is closed (event streams aside) */
#define FD_RESERVE 256          /* descriptors left to the builds */
#define PREFIX "/__plansite/"

/* An open event stream. While it has nothing to send its connection is suspended (it costs the
 * polling thread nothing) and the streams thread watches its socket: the stream resumes when the
 * hub publishes, when a keep-alive is due, or, when the client has closed the socket, to end. */
typedef struct stream {
    http_server *h;
    struct MHD_Connection *c;
    sse_client *cl;
    int fd;                     /* the connection's socket */
    int suspended, gone, due;   /* gone: the client closed it; due: a keep-alive is due */
    int slot;                   /* its index in the streams thread's poll set, or -1 */
    long long since;            /* when it was suspended (ms) */
    struct stream *prev, *next;
} stream;

struct http_server {
    struct MHD_Daemon *d;
    sse_hub *hub;
    pthread_mutex_t ev_lock;    /* guards the streams, their flags and the two below */
    stream *streams;
    size_t nstreams, max_streams;
    int published, stopping;    /* the hub has news; the server stops */
    int ev_fd;                  /* eventfd that wakes the streams thread */
    pthread_t ev_thread;
    int ev_started;
    pthread_mutex_t lock;       /* guards root and status */
    docroot *root;
    char *status;
    char *key0;
    int port, loopback;
    atomic_int started;         /* then library messages are printed, else kept in log */
    char *log;                  /* the library's last message while starting (malloc'd) */
    http_make_fn make;          /* makes a lazy file of a docroot (http_opts.make), or NULL */
    void *make_ud;
    pthread_mutex_t make_lock;  /* one file made at a time */
};

/* The live-reload script, in two parts around the key of the build the page comes from. */
static const char script_start[] =
    "<script>/* plansite serve: live reload */(function(key){"
    "var box=null,first=true;"
    "function hide(){if(box){box.parentNode.removeChild(box);box=null;}}"
    "function show(errs){hide();if(!errs||!errs.length)return;"
    "box=document.createElement('div');box.id='plansite-errors';box.setAttribute('role','alert');"
    "box.style.cssText='position:fixed;z-index:2147483647;left:0;right:0;top:0;max-height:70vh;"
    "overflow:auto;margin:0;padding:1em 1.25em;background:#fff0f0;color:#600;"
    "border-bottom:4px solid #c00;box-shadow:0 4px 16px rgba(0,0,0,.3);"
    "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;text-align:left';"
    "var h=document.createElement('strong');"
    "h.textContent='plansite: '+errs.length+' error'+(errs.length==1?'':'s')+"
    "' \\u2014 still showing the last good build';"
    "var p=document.createElement('pre');"
    "p.style.cssText='white-space:pre-wrap;margin:.5em 0 0;font:inherit;color:inherit';"
    "p.textContent=errs.join('\\n');box.appendChild(h);box.appendChild(p);"
    "document.body.appendChild(box);}"
    "function status(){if(!window.fetch)return;"
    "fetch('/__plansite/status',{cache:'no-store'}).then(function(r){return r.json();})"
    ".then(function(s){show(s.ok?[]:s.errors);}).catch(function(){});}"
    "status();if(!window.EventSource)return;"
    "var es=new EventSource('/__plansite/events');"
    "es.addEventListener('hello',function(e){var d=JSON.parse(e.data);"
    "if(d.key!==key){location.reload();return;}if(!first)status();first=false;});"
    "es.addEventListener('reload',function(){location.reload();});"
    "es.addEventListener('error',function(e){if(e.data)show(JSON.parse(e.data).errors);});"
    "})('";
static const char script_end[] = "');</script>\n";

static const char placeholder_page[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>plansite serve</title>\n</head>\n<body>\n<h1>No build to show yet</h1>\n"
    "<p>The site is being built, or it has errors (listed in the terminal). This page reloads by "
    "itself as soon as there is a build to show.</p>\n</body>\n</html>\n";

/* ---- responses ---- */

static enum MHD_Result queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *r)
{
    enum MHD_Result rc;
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    rc = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned status, const char *text)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    if (r)
        MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
    if (r && status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, "Allow", "GET, HEAD");
    return queue(c, status, r);
}

static enum MHD_Result reply_buf(struct MHD_Connection *c, unsigned status, buf *b,
                                 const char *type)
{
    size_t len = 0;
    char *data = buf_detach(b, &len);
    struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!r)
        free(data);
    else
        MHD_add_response_header(r, "Content-Type", type);
    return queue(c, status, r);
}

/* Position of the last "</body>" in s (case-insensitive), or len when there is none. */
static size_t body_end(const char *s, size_t len)
{
    size_t i = len;
    while (i >= 7) {
        i--;
        if (s[i - 6] == '<' && !strncasecmp(s + i - 6, "</body>", 7))
            return i - 6;
    }
    return len;
}

/* Position just after "<head...>" when the page has no <base> yet, else 0. */
static size_t head_start(const char *s)
{
    const char *h = strcasestr(s, "<head"), *gt;
    if (!h || strcasestr(s, "<base") || !(gt = strchr(h, '>')))
        return 0;
    return (size_t)(gt + 1 - s);
}

/* html (NUL-terminated, len bytes) with the live script before </body>; with base, also
 * <base href="/"> at the start of <head> (the 404 page is shown at any depth). */
static void inject(buf *out, const char *html, size_t len, const char *key, int base)
{
    size_t at = body_end(html, len), h = base ? head_start(html) : 0;
    if (h && h < at) {
        buf_append(out, html, h);
        buf_puts(out, "<base href=\"/\">");
    } else
        h = 0;
    buf_append(out, html + h, at - h);
    buf_puts(out, script_start);
    buf_puts(out, key);
    buf_puts(out, script_end);
    buf_append(out, html + at, len - at);
}

/* ---- files ---- */

static int read_all(int fd, size_t size, buf *b)
{
    buf_grow(b, size);
    while (b->len < size) {
        ssize_t n = read(fd, b->data + b->len, size - b->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        b->len += (size_t)n;
    }
    buf_cstr(b);
    return 0;
}

static int not_modified(struct MHD_Connection *c, const docroot_file *f)
{
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    long long t;
    if (inm)
        return docroot_etag_match(inm, f->etag);
    t = docroot_parse_http_date(
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-Modified-Since"));
    return t >= 0 && f->mtime <= t;
}

static void add_validators(struct MHD_Response *r, const docroot_file *f)
{
    char date[64];
    docroot_http_date(f->mtime, date, sizeof date);
    MHD_add_response_header(r, "ETag", f->etag);
    MHD_add_response_header(r, "Last-Modified", date);
}

/* The response for an open file (status 200 or 404); takes the descriptor. */
static struct MHD_Response *file_response(docroot_file *f, const char *key, int is_404)
{
    struct MHD_Response *r;
    buf html, out;
    size_t len = 0;
    char *data;
    if (!f->is_html) {
        r = MHD_create_response_from_fd((size_t)f->size, f->fd);
        if (!r)
            close(f->fd);
        return r;
    }
    buf_init(&html);
    buf_init(&out);
    read_all(f->fd, (size_t)f->size, &html);
    close(f->fd);
    inject(&out, buf_cstr(&html), html.len, key, is_404);
    buf_free(&html);
    data = buf_detach(&out, &len);
    r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!r)
        free(data);
    return r;
}

static enum MHD_Result send_file(struct MHD_Connection *c, docroot_file *f, const char *key,
                                 unsigned status)
{
    struct MHD_Response *r;
    if (status == MHD_HTTP_OK && not_modified(c, f)) {
        close(f->fd);
        r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        if (r)
            add_validators(r, f);
        return queue(c, MHD_HTTP_NOT_MODIFIED, r);
    }
    r = file_response(f, key, status == MHD_HTTP_NOT_FOUND);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", f->mime);
    if (status == MHD_HTTP_OK)
        add_validators(r, f);
    return queue(c, status, r);
}

static enum MHD_Result not_found(struct MHD_Connection *c, docroot *root)
{
    docroot_file f;
    if (docroot_open_file(root, "404.html", &f) != 0)
        return reply_text(c, MHD_HTTP_NOT_FOUND, "404 not found\n");
    return send_file(c, &f, docroot_key(root), MHD_HTTP_NOT_FOUND);
}

/* Append a query part: it is still %-escaped (keep_escaped), but the server made '+' a space. */
static void put_query_part(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == ' ')
            buf_putc(b, '+');
        else if (ch < 0x21 || ch >= 0x7f) {   /* never raw in a header */
            buf_putc(b, '%');
            buf_putc(b, hex[ch >> 4]);
            buf_putc(b, hex[ch & 15]);
        } else
            buf_putc(b, (char)ch);
    }
}

/* Append "?k=v&k2" for the request's query, as it came. */
static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    buf *b = cls;
    (void)kind;
    buf_putc(b, b->len ? '&' : '?');
    put_query_part(b, key);
    if (value) {
        buf_putc(b, '=');
        put_query_part(b, value);
    }
    return MHD_YES;
}

/* Send a folder's address to its slash form: "/es?x=1" to "/es/?x=1". Runs of slashes become one,
 * so that "//host" can never turn into a link to another site. */
static enum MHD_Result redirect(struct MHD_Connection *c, const char *url)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    buf loc, query;
    const char *p;
    buf_init(&loc);
    buf_init(&query);
    for (p = url; *p; p++)
        if (*p != '/' || (loc.len && loc.data[loc.len - 1] != '/'))
            buf_putc(&loc, *p);
        else if (!loc.len)
            buf_putc(&loc, '/');
    if (!loc.len || loc.data[loc.len - 1] != '/')
        buf_putc(&loc, '/');
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &query);
    buf_append(&loc, query.data ? query.data : "", query.len);
    if (r)
        MHD_add_response_header(r, "Location", buf_cstr(&loc));
    buf_free(&loc);
    buf_free(&query);
    return queue(c, MHD_HTTP_MOVED_PERMANENTLY, r);
}

/* ---- the site, the placeholder and the internal endpoints ---- */

static docroot *acquire(http_server *h)
{
    docroot *r;
    pthread_mutex_lock(&h->lock);
    r = h->root ? docroot_ref(h->root) : NULL;
    pthread_mutex_unlock(&h->lock);
    return r;
}

static enum MHD_Result placeholder(http_server *h, struct MHD_Connection *c)
{
    buf b;
    buf_init(&b);
    inject(&b, placeholder_page, sizeof placeholder_page - 1, h->key0, 0);
    return reply_buf(c, MHD_HTTP_SERVICE_UNAVAILABLE, &b, "text/html; charset=utf-8");
}

/* A file of root that was missing and is lazy (docroot_set_lazy), made now by h->make: 1 when
 * it is there afterwards, else 0. One at a time: a second request for the same file waits and
 * finds it made. */
static int make_lazy(http_server *h, docroot *root, const char *url)
{
    char rel[2048];
    docroot_file f;
    int dir_form = 0, made = 0;
    size_t n;
    if (!h->make || docroot_decode(url, rel, sizeof rel - 16, &dir_form) != DOCROOT_OK)
        return 0;
    n = strlen(rel);
    if (dir_form)
        snprintf(rel + n, sizeof rel - n, "%sindex.html", n ? "/" : "");
    if (!docroot_is_lazy(root, rel))
        return 0;
    pthread_mutex_lock(&h->make_lock);
    if (docroot_open_file(root, rel, &f) == 0) {
        close(f.fd);
        made = 1;
    } else
        made = h->make(h->make_ud, docroot_path(root), rel) == 0;
    pthread_mutex_unlock(&h->make_lock);
    return made;
}

static enum MHD_Result serve_site(http_server *h, struct MHD_Connection *c, const char *url)
{
    docroot *root = acquire(h);
    docroot_file f;
    enum MHD_Result rc;
    docroot_status s;
    if (!root)
        return placeholder(h, c);
    s = docroot_lookup(root, url, &f);
    if (s == DOCROOT_NOT_FOUND && make_lazy(h, root, url))
        s = docroot_lookup(root, url, &f);
    switch (s) {
    case DOCROOT_OK:
        rc = send_file(c, &f, docroot_key(root), MHD_HTTP_OK);
        break;
    case DOCROOT_REDIRECT:
        rc = redirect(c, url);
        break;
    case DOCROOT_BAD:
        rc = reply_text(c, MHD_HTTP_BAD_REQUEST, "400 bad request\n");
        break;
    case DOCROOT_FORBIDDEN:
        rc = reply_text(c, MHD_HTTP_FORBIDDEN, "403 forbidden\n");
        break;
    default:
        rc = not_found(c, root);
        break;
    }
    docroot_unref(root);
    return rc;
}

/* ---- event streams ---- */

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void wake_streams(http_server *h)
{
    uint64_t one = 1;
    if (write(h->ev_fd, &one, sizeof one) < 0 && errno != EAGAIN)
        return;   /* an eventfd write only fails when it is full, and then it is awake */
}

/* The hub's notify function: every suspended stream has something to read. */
static void on_publish(void *ud)
{
    http_server *h = ud;
    pthread_mutex_lock(&h->ev_lock);
    h->published = 1;
    pthread_mutex_unlock(&h->ev_lock);
    wake_streams(h);
}

/* The response's reader: what the stream has, or suspend the connection until it has some. */
static ssize_t events_read(void *cls, uint64_t pos, char *out, size_t max)
{
    stream *e = cls;
    http_server *h = e->h;
    long n = 0;
    (void)pos;
    pthread_mutex_lock(&h->ev_lock);
    if (e->gone || h->stopping)
        n = -1;
    else if (!e->due && !sse_client_pending(e->cl)) {
        e->suspended = 1;
        e->since = now_ms();
        MHD_suspend_connection(e->c);
    } else {
        e->due = 0;
        n = sse_client_read(e->cl, out, max, 0);
    }
    pthread_mutex_unlock(&h->ev_lock);
    if (!n)
        wake_streams(h);   /* to watch its socket */
    if (n < 0)   /* stopping, or the client went away: the stream ends (not an error to log) */
        return MHD_CONTENT_READER_END_OF_STREAM;
    return (ssize_t)n;
}

static void events_free(void *cls)
{
    stream *e = cls;
    http_server *h = e->h;
    pthread_mutex_lock(&h->ev_lock);
    if (e->prev)
        e->prev->next = e->next;
    else
        h->streams = e->next;
    if (e->next)
        e->next->prev = e->prev;
    h->nstreams--;
    pthread_mutex_unlock(&h->ev_lock);
    sse_client_free(e->cl);
    free(e);
}

/* Whether the client of a suspended stream closed its socket (or sent what a stream's client
 * never sends). */
static int closed_by_client(int fd, short revents)
{
    char c;
    if (revents & (POLLHUP | POLLERR | POLLRDHUP | POLLNVAL))
        return 1;
    return (revents & POLLIN) && recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) >= 0;
}

static void resume(stream *e)
{
    e->suspended = 0;
    e->slot = -1;
    MHD_resume_connection(e->c);
}

/* The suspended streams' sockets into p (after the eventfd at p[0]); returns their number + 1
 * and the poll timeout for the next keep-alive (ev_lock held). */
static nfds_t watch_set(http_server *h, struct pollfd **p, size_t *cap, int *timeout)
{
    stream *e;
    nfds_t n = 1;
    long long now = now_ms(), wait = KEEPALIVE_MS;
    for (e = h->streams; e; e = e->next)
        if (e->suspended) {
            if ((size_t)n >= *cap) {
                *cap = *cap * 2 + 16;
                *p = xrealloc(*p, *cap * sizeof **p);
            }
            (*p)[n].fd = e->fd;
            (*p)[n].events = POLLIN | POLLRDHUP;
            (*p)[n].revents = 0;
            e->slot = (int)n++;
            if (e->since + KEEPALIVE_MS - now < wait)
                wait = e->since + KEEPALIVE_MS - now;
        } else
            e->slot = -1;
    *timeout = wait < 0 ? 0 : (int)wait;
    return n;
}

/* Resume the streams that have something to do after a poll of p (ev_lock held). */
static void resume_due(http_server *h, const struct pollfd *p)
{
    stream *e;
    long long now = now_ms();
    int all = h->published || h->stopping;
    h->published = 0;
    for (e = h->streams; e; e = e->next) {
        if (!e->suspended)
            continue;
        if (e->slot > 0 && closed_by_client(e->fd, p[e->slot].revents))
            e->gone = 1;
        else if (now - e->since >= KEEPALIVE_MS)
            e->due = 1;
        if (all || e->gone || e->due)
            resume(e);
    }
}

/* The streams thread: waits on the suspended streams' sockets and on the eventfd. */
static void *streams_main(void *arg)
{
    http_server *h = arg;
    size_t cap = 16;
    struct pollfd *p = xmalloc(cap * sizeof *p);
    int stopping = 0, timeout = 0;
    uint64_t count;
    while (!stopping) {
        nfds_t n;
        pthread_mutex_lock(&h->ev_lock);
        n = watch_set(h, &p, &cap, &timeout);
        pthread_mutex_unlock(&h->ev_lock);
        p[0].fd = h->ev_fd;
        p[0].events = POLLIN;
        p[0].revents = 0;
        if (poll(p, n, timeout) < 0 && errno != EINTR)
            poll(NULL, 0, 100);   /* out of memory: try again (streams resume on timeouts) */
        if (p[0].revents & POLLIN)
            (void)!read(h->ev_fd, &count, sizeof count);
        pthread_mutex_lock(&h->ev_lock);
        resume_due(h, p);
        stopping = h->stopping;
        pthread_mutex_unlock(&h->ev_lock);
    }
    free(p);
    return NULL;
}

static enum MHD_Result serve_events(http_server *h, struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    struct MHD_Response *r = NULL;
    stream *e = NULL;
    sse_client *cl = NULL;
    pthread_mutex_lock(&h->ev_lock);
    if (h->nstreams < h->max_streams && !h->stopping && ci && (cl = sse_client_new(h->hub))) {
        e = xcalloc(1, sizeof *e);
        e->h = h;
        e->c = c;
        e->cl = cl;
        e->fd = ci->connect_fd;
        e->slot = -1;
        e->next = h->streams;
        if (e->next)
            e->next->prev = e;
        h->streams = e;
        h->nstreams++;
    }
    pthread_mutex_unlock(&h->ev_lock);
    if (!e)
        return reply_text(c, MHD_HTTP_SERVICE_UNAVAILABLE,
                          "no event stream: too many or stopping\n");
    r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, events_read, e, events_free);
    if (!r) {
        events_free(e);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", "text/event-stream; charset=utf-8");
    MHD_add_response_header(r, "X-Accel-Buffering", "no");
    return queue(c, MHD_HTTP_OK, r);
}

static enum MHD_Result serve_status(http_server *h, struct MHD_Connection *c)
{
    buf b;
    buf_init(&b);
    pthread_mutex_lock(&h->lock);
    buf_puts(&b, h->status ? h->status : "{}");
    pthread_mutex_unlock(&h->lock);
    return reply_buf(c, MHD_HTTP_OK, &b, "application/json");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **req_cls)
{
    static int seen;
    http_server *h = cls;
    (void)version;
    (void)upload;
    if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
        return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "405 method not allowed\n");
    /* Answer once the whole request is in (an early answer would cost the keep-alive). */
    if (!*req_cls) {
        *req_cls = &seen;
        return MHD_YES;
    }
    if (*upload_size) {
        *upload_size = 0;       /* a GET body means nothing: skip it */
        return MHD_YES;
    }
    if (!strcmp(url, PREFIX "events"))
        return serve_events(h, c);
    if (!strcmp(url, PREFIX "status"))
        return serve_status(h, c);
    if (!strncmp(url, PREFIX, strlen(PREFIX)))
        return reply_text(c, MHD_HTTP_NOT_FOUND, "404 not found\n");
    return serve_site(h, c, url);
}

/* ---- the daemon ---- */

/* Keep the request path exactly as sent: docroot_decode checks and decodes it. */
static size_t keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

static void on_log(void *cls, const char *fmt, va_list ap)
{
    http_server *h = cls;
    buf b;
    char *msg = NULL;
    buf_init(&b);
    buf_vprintf(&b, fmt, ap);
    msg = buf_detach(&b, NULL);
    msg[strcspn(msg, "\n")] = '\0';
    if (!strncmp(msg, "Error processing request", 24))
        goto out;               /* a malformed request, already answered with its 4xx/5xx */
    if (atomic_load(&h->started))
        fprintf(stderr, "plansite serve: http: %s\n", msg);
    else {
        free(h->log);           /* before the start, only the starting thread logs */
        h->log = msg;
        msg = NULL;
    }
out:
    free(msg);
}

static int is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
    }
    return 0;
}

/* Resolve addr:port into *ss; 0, or -1 with a message. */
static int resolve(const http_opts *o, struct sockaddr_storage *ss, char *err, size_t errsize)
{
    struct addrinfo hints, *res = NULL;
    char port[16];
    int rc;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    snprintf(port, sizeof port, "%d", o->port);
    rc = getaddrinfo(o->addr, port, &hints, &res);
    if (rc != 0 || !res || res->ai_addrlen > sizeof *ss) {
        snprintf(err, errsize, "cannot use the address '%s': %s", o->addr,
                 rc ? gai_strerror(rc) : "unsupported");
        if (res)
            freeaddrinfo(res);
        return -1;
    }
    memset(ss, 0, sizeof *ss);
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    return 0;
}

/* Raise the soft limit on open descriptors to the hard one; returns how many connections fit
 * beside the builds' own descriptors. */
static unsigned connection_limit(void)
{
    struct rlimit rl;
    rlim_t n;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 256;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
            getrlimit(RLIMIT_NOFILE, &rl);
    }
    n = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 65536 ? 65536 : rl.rlim_cur;
    return n > 2 * FD_RESERVE ? (unsigned)(n - FD_RESERVE) : (unsigned)(n / 2);
}

/* One polling thread (epoll) for every connection, each closed after IDLE_TIMEOUT_S of silence;
 * event streams are suspended while they wait (see stream). */
static struct MHD_Daemon *start_daemon(http_server *h, const struct sockaddr_storage *ss,
                                       unsigned limit)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
                     MHD_USE_ERROR_LOG;
    uint16_t port = ss->ss_family == AF_INET6
                        ? ntohs(((const struct sockaddr_in6 *)ss)->sin6_port)
                        : ntohs(((const struct sockaddr_in *)ss)->sin_port);
    if (ss->ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    return MHD_start_daemon(flags, port, NULL, NULL, on_request, h,
                            MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)ss,
                            MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL,
                            MHD_OPTION_EXTERNAL_LOGGER, on_log, h,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
                            MHD_OPTION_CONNECTION_LIMIT, limit,
                            MHD_OPTION_END);
}

http_server *http_start(const http_opts *o, char *err, size_t errsize)
{
    struct sockaddr_storage ss;
    const union MHD_DaemonInfo *info;
    http_server *h = NULL;
    unsigned limit = connection_limit();
    if (resolve(o, &ss, err, errsize) != 0)
        return NULL;
    h = xcalloc(1, sizeof *h);
    pthread_mutex_init(&h->lock, NULL);
    pthread_mutex_init(&h->ev_lock, NULL);
    pthread_mutex_init(&h->make_lock, NULL);
    h->make = o->make;
    h->make_ud = o->make_ud;
    atomic_init(&h->started, 0);
    h->hub = o->hub;
    h->max_streams = limit / 2;   /* event streams never take every connection */
    h->key0 = xstrdup(o->key0);
    h->loopback = is_loopback((const struct sockaddr *)&ss);
    h->ev_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (h->ev_fd < 0 || pthread_create(&h->ev_thread, NULL, streams_main, h) != 0) {
        snprintf(err, errsize, "cannot start the event streams: %s", strerror(errno));
        http_stop(h);
        return NULL;
    }
    h->ev_started = 1;
    sse_hub_set_notify(h->hub, on_publish, h);
    h->d = start_daemon(h, &ss, limit);
    if (!h->d) {
        snprintf(err, errsize, "cannot listen on %s port %d: %s", o->addr, o->port,
                 h->log && h->log[0] ? h->log : "failed");
        http_stop(h);
        return NULL;
    }
    atomic_store(&h->started, 1);
    info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
    h->port = info && info->port ? info->port : o->port;
    return h;
}

int http_port(const http_server *h)
{
    return h->port;
}

int http_is_loopback(const http_server *h)
{
    return h->loopback;
}

docroot *http_set_root(http_server *h, docroot *r)
{
    docroot *old;
    pthread_mutex_lock(&h->lock);
    old = h->root;
    h->root = r;
    pthread_mutex_unlock(&h->lock);
    return old;
}

void http_set_status(http_server *h, const char *json)
{
    char *copy = xstrdup(json), *old;
    pthread_mutex_lock(&h->lock);
    old = h->status;
    h->status = copy;
    pthread_mutex_unlock(&h->lock);
    free(old);
}

/* Give the polling thread up to 2 s to end the resumed streams (their last chunk sent, their
 * responses freed): MHD_stop_daemon would otherwise cut them off mid-way. */
static void wait_streams_ended(http_server *h)
{
    int i, left = 1;
    for (i = 0; i < 200 && left; i++) {
        pthread_mutex_lock(&h->ev_lock);
        left = h->nstreams > 0;
        pthread_mutex_unlock(&h->ev_lock);
        if (left)
            poll(NULL, 0, 10);
    }
}

void http_stop(http_server *h)
{
    if (!h)
        return;
    if (h->hub)
        sse_hub_set_notify(h->hub, NULL, NULL);
    /* Every stream resumed and ended first: the daemon cannot stop with suspended ones. */
    pthread_mutex_lock(&h->ev_lock);
    h->stopping = 1;
    pthread_mutex_unlock(&h->ev_lock);
    if (h->ev_started) {
        wake_streams(h);
        pthread_join(h->ev_thread, NULL);
    }
    wait_streams_ended(h);
    if (h->d)
        MHD_stop_daemon(h->d);
    if (h->ev_fd >= 0)
        close(h->ev_fd);
    pthread_mutex_destroy(&h->ev_lock);
    docroot_unref(http_set_root(h, NULL));
    free(h->status);
    free(h->key0);
    free(h->log);
    pthread_mutex_destroy(&h->lock);
    pthread_mutex_destroy(&h->make_lock);
    free(h);
}
