#define _POSIX_C_SOURCE 200809L
#include "sse.h"
#include "../util/buf.h"
#include "../util/mem.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#define SSE_RING 16

struct sse_hub {
    pthread_mutex_t lock;
    pthread_cond_t cond;          /* signalled on every event and on close (CLOCK_MONOTONIC) */
    char *ring[SSE_RING];         /* event number n (counting from 0) is ring[n % SSE_RING] */
    unsigned long long seq;       /* events published so far */
    char *hello;
    size_t clients;
    int closed;
    void (*notify)(void *ud);     /* told after each publish and close */
    void *notify_ud;
};

struct sse_client {
    sse_hub *h;
    unsigned long long seen;      /* events already queued for this client */
    buf out;                      /* bytes not sent yet, from off */
    size_t off;
};

static const char reload_event[] = "event: reload\ndata: {}\n\n";
static const char keepalive[] = ": keep-alive\n\n";

sse_hub *sse_hub_new(const char *hello)
{
    sse_hub *h = xcalloc(1, sizeof *h);
    pthread_condattr_t ca;
    pthread_mutex_init(&h->lock, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&h->cond, &ca);
    pthread_condattr_destroy(&ca);
    h->hello = xstrdup(hello);
    return h;
}

void sse_hub_free(sse_hub *h)
{
    size_t i;
    if (!h)
        return;
    for (i = 0; i < SSE_RING; i++)
        free(h->ring[i]);
    free(h->hello);
    pthread_cond_destroy(&h->cond);
    pthread_mutex_destroy(&h->lock);
    free(h);
}

/* Call the hub's notify function, if any (the hub is not locked). */
static void tell(sse_hub *h)
{
    void (*fn)(void *);
    void *ud;
    pthread_mutex_lock(&h->lock);
    fn = h->notify;
    ud = h->notify_ud;
    pthread_mutex_unlock(&h->lock);
    if (fn)
        fn(ud);
}

void sse_publish(sse_hub *h, const char *event, const char *data, const char *hello)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "event: %s\ndata: %s\n\n", event, data);
    pthread_mutex_lock(&h->lock);
    free(h->ring[h->seq % SSE_RING]);
    h->ring[h->seq % SSE_RING] = buf_detach(&b, NULL);
    h->seq++;
    if (hello) {
        free(h->hello);
        h->hello = xstrdup(hello);
    }
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
    tell(h);
}

void sse_close(sse_hub *h)
{
    pthread_mutex_lock(&h->lock);
    h->closed = 1;
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
    tell(h);
}

void sse_hub_set_notify(sse_hub *h, void (*fn)(void *ud), void *ud)
{
    pthread_mutex_lock(&h->lock);
    h->notify = fn;
    h->notify_ud = ud;
    pthread_mutex_unlock(&h->lock);
}

size_t sse_clients(sse_hub *h)
{
    size_t n;
    pthread_mutex_lock(&h->lock);
    n = h->clients;
    pthread_mutex_unlock(&h->lock);
    return n;
}

sse_client *sse_client_new(sse_hub *h)
{
    sse_client *c = NULL;
    pthread_mutex_lock(&h->lock);
    if (h->closed)
        goto out;
    c = xcalloc(1, sizeof *c);
    c->h = h;
    c->seen = h->seq;
    buf_init(&c->out);
    buf_printf(&c->out, "retry: 1000\nevent: hello\ndata: %s\n\n", h->hello);
    h->clients++;
out:
    pthread_mutex_unlock(&h->lock);
    return c;
}

void sse_client_free(sse_client *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->h->lock);
    c->h->clients--;
    pthread_mutex_unlock(&c->h->lock);
    buf_free(&c->out);
    free(c);
}

/* Queue the events the client has not seen (the hub is locked). */
static void queue_events(sse_client *c)
{
    sse_hub *h = c->h;
    unsigned long long n;
    if (h->seq - c->seen > SSE_RING)
        buf_puts(&c->out, reload_event);
    else
        for (n = c->seen; n < h->seq; n++)
            buf_puts(&c->out, h->ring[n % SSE_RING]);
    c->seen = h->seq;
}

/* Wait for events (or keepalive_ms) and queue them; -1 when the hub is closed. */
static int wait_events(sse_client *c, int keepalive_ms)
{
    sse_hub *h = c->h;
    struct timespec until;
    int rc = 0;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += keepalive_ms / 1000;
    until.tv_nsec += (long)(keepalive_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&h->lock);
    while (!h->closed && h->seq == c->seen && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&h->cond, &h->lock, &until);
    if (h->closed)
        rc = -1;
    else if (h->seq == c->seen)
        buf_puts(&c->out, keepalive);
    else
        queue_events(c);
    pthread_mutex_unlock(&h->lock);
    return rc == -1 ? -1 : 0;
}

int sse_client_pending(sse_client *c)
{
    int pending;
    if (c->off < c->out.len)
        return 1;
    pthread_mutex_lock(&c->h->lock);
    pending = c->h->closed || c->h->seq != c->seen;
    pthread_mutex_unlock(&c->h->lock);
    return pending;
}

long sse_client_read(sse_client *c, char *out, size_t max, int keepalive_ms)
{
    size_t n;
    if (c->off >= c->out.len) {
        buf_reset(&c->out);
        c->off = 0;
        if (wait_events(c, keepalive_ms) != 0)
            return -1;
    }
    n = c->out.len - c->off;
    if (n > max)
        n = max;
    memcpy(out, c->out.data + c->off, n);
    c->off += n;
    return (long)n;
}
