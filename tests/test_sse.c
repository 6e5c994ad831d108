/* serve/sse: the event hub — the framing of a new stream (retry, hello), of events and of the
 * keep-alive comment; streams read in small pieces; a client too far behind gets one reload;
 * hello data changing with an event; client bookkeeping; closing wakes a waiting reader. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "serve/sse.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One read of at most 4095 bytes, as a string (static); "(end)" when the stream ended. */
static const char *next(sse_client *c, int keepalive_ms)
{
    static char out[4096];
    long n = sse_client_read(c, out, sizeof out - 1, keepalive_ms);
    if (n < 0)
        return "(end)";
    out[n] = '\0';
    return out;
}

static void test_framing(void)
{
    sse_hub *h = sse_hub_new("{\"build\":1}");
    sse_client *c = sse_client_new(h);
    double t0;
    CHECK(c != NULL);
    CHECK_SIZE(sse_clients(h), 1);
    CHECK_STR(next(c, 1000), "retry: 1000\nevent: hello\ndata: {\"build\":1}\n\n");
    sse_publish(h, "reload", "{\"n\":2}", NULL);
    CHECK_STR(next(c, 1000), "event: reload\ndata: {\"n\":2}\n\n");
    sse_publish(h, "error", "x", NULL);
    sse_publish(h, "status", "y", NULL);
    CHECK_STR(next(c, 1000), "event: error\ndata: x\n\nevent: status\ndata: y\n\n");
    /* nothing happens: the keep-alive comment after about keepalive_ms */
    t0 = now();
    CHECK_STR(next(c, 60), ": keep-alive\n\n");
    CHECK(now() - t0 >= 0.05);
    CHECK(now() - t0 < 5);
    sse_client_free(c);
    CHECK_SIZE(sse_clients(h), 0);
    sse_hub_free(h);
}

static void test_pieces(void)
{
    sse_hub *h = sse_hub_new("hi");
    sse_client *c = sse_client_new(h);
    char all[256] = "", piece[8];
    long n;
    size_t calls = 0;
    sse_publish(h, "e", "0123456789", NULL);
    /* the hello and then the event, 5 bytes at a time, never 0 */
    while (strlen(all) < 62 && (n = sse_client_read(c, piece, 5, 1000)) > 0) {
        CHECK(n <= 5);
        strncat(all, piece, (size_t)n);
        calls++;
    }
    CHECK_STR(all, "retry: 1000\nevent: hello\ndata: hi\n\nevent: e\ndata: 0123456789\n\n");
    CHECK_SIZE(calls, 13); /* 35 bytes of hello in 7 reads, 27 of the event in 6 (the last short) */
    sse_client_free(c);
    sse_hub_free(h);
}

static void test_behind(void)
{
    sse_hub *h = sse_hub_new("h");
    sse_client *a = sse_client_new(h), *b = sse_client_new(h);
    char expect[2048] = "", ev[64];
    int i;
    CHECK_SIZE(sse_clients(h), 2);
    next(a, 1000);
    next(b, 1000);
    /* 16 events behind: all of them, in order */
    for (i = 0; i < 16; i++) {
        snprintf(ev, sizeof ev, "%d", i);
        sse_publish(h, "n", ev, NULL);
        snprintf(ev, sizeof ev, "event: n\ndata: %d\n\n", i);
        strcat(expect, ev);
    }
    CHECK_STR(next(a, 1000), expect);
    /* b is now 17 behind: one reload instead */
    sse_publish(h, "n", "16", NULL);
    CHECK_STR(next(b, 1000), "event: reload\ndata: {}\n\n");
    CHECK_STR(next(a, 1000), "event: n\ndata: 16\n\n");
    sse_publish(h, "n", "17", NULL);
    CHECK_STR(next(b, 1000), "event: n\ndata: 17\n\n"); /* and then in step again */
    sse_client_free(a);
    CHECK_SIZE(sse_clients(h), 1);
    sse_client_free(b);
    sse_hub_free(h);
}

static void test_hello_changes(void)
{
    sse_hub *h = sse_hub_new("old");
    sse_client *a = sse_client_new(h), *b;
    next(a, 1000);
    sse_publish(h, "built", "1", "new");
    b = sse_client_new(h);
    CHECK_STR(next(b, 1000), "retry: 1000\nevent: hello\ndata: new\n\n");
    CHECK_STR(next(a, 1000), "event: built\ndata: 1\n\n");
    /* b does not get the event that came with its hello */
    CHECK_STR(next(b, 30), ": keep-alive\n\n");
    sse_client_free(a);
    sse_client_free(b);
    sse_hub_free(h);
}

typedef struct reader {
    sse_client *c;
    char got[4096];
    double took;
} reader;

static void *read_one(void *ud)
{
    reader *r = ud;
    double t0 = now();
    snprintf(r->got, sizeof r->got, "%s", next(r->c, 20000));
    r->took = now() - t0;
    return NULL;
}

static void test_wakeups(void)
{
    sse_hub *h = sse_hub_new("h");
    reader r;
    pthread_t th;
    memset(&r, 0, sizeof r);
    r.c = sse_client_new(h);
    next(r.c, 1000);
    /* a waiting reader wakes up for an event, long before its keep-alive */
    pthread_create(&th, NULL, read_one, &r);
    sse_publish(h, "x", "1", NULL);
    pthread_join(th, NULL);
    CHECK_STR(r.got, "event: x\ndata: 1\n\n");
    CHECK(r.took < 10);
    /* and for the hub closing: its stream ends */
    pthread_create(&th, NULL, read_one, &r);
    sse_close(h);
    pthread_join(th, NULL);
    CHECK_STR(r.got, "(end)");
    CHECK(r.took < 10);
    CHECK_STR(next(r.c, 1000), "(end)");
    CHECK(sse_client_new(h) == NULL); /* no new stream on a closed hub */
    CHECK_SIZE(sse_clients(h), 1);
    sse_client_free(r.c);
    CHECK_SIZE(sse_clients(h), 0);
    sse_hub_free(h);
    sse_hub_free(NULL);
    sse_client_free(NULL);
}

int main(void)
{
    test_framing();
    test_pieces();
    test_behind();
    test_hello_changes();
    test_wakeups();
    return h_done();
}
