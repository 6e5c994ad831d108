/* sse: Server-Sent Events for `plansite serve` — a hub that keeps the last few events and any
 * number of client streams that wait for them. Independent of the HTTP library: a client stream
 * is read in pieces by whatever sends it.
 *
 * Wire format (text/event-stream): a new stream starts with "retry: 1000" and a `hello` event
 * carrying the hub's current hello data; then every published event, in order, and a comment
 * line (": keep-alive") whenever nothing happened for a while. A client that fell more than the
 * hub's memory (16 events) behind gets one `reload` event instead of the events it missed. */
#ifndef PLANSITE_SSE_H
#define PLANSITE_SSE_H
#include <stddef.h>

typedef struct sse_hub sse_hub;
typedef struct sse_client sse_client;

/* A new hub whose hello data (one line, e.g. JSON) is hello. Free with sse_hub_free. */
sse_hub *sse_hub_new(const char *hello);
/* Free the hub. Every client must have been freed before. NULL is fine. */
void sse_hub_free(sse_hub *h);
/* Send event (a name: letters, digits, '-') with data (one line, no CR/LF) to every client.
 * hello, when not NULL, becomes the hello data of streams opened from now on; both change under
 * one lock, so a new stream sees either the old hello and the event, or the new hello. */
void sse_publish(sse_hub *h, const char *event, const char *data, const char *hello);
/* Close the hub: every waiting client wakes up and its stream ends; no new stream starts. */
void sse_close(sse_hub *h);
/* Number of open client streams. */
size_t sse_clients(sse_hub *h);

/* Call fn(ud) after every sse_publish and sse_close, outside the hub's lock (NULL: no one): the
 * sender of the streams learns that they have something to read. */
void sse_hub_set_notify(sse_hub *h, void (*fn)(void *ud), void *ud);

/* A new stream of h (NULL when the hub is closed). Free with sse_client_free. */
sse_client *sse_client_new(sse_hub *h);
/* Copy up to max bytes of the stream into out, waiting up to keepalive_ms for an event (then the
 * keep-alive comment is sent). Returns the number of bytes (> 0), or -1 when the stream ended
 * (the hub was closed). Never returns 0. With keepalive_ms 0 it never waits. */
long sse_client_read(sse_client *c, char *out, size_t max, int keepalive_ms);
/* 1 when sse_client_read would return without waiting: bytes or events not sent yet, or the hub
 * closed; else 0. */
int sse_client_pending(sse_client *c);
/* Forget the stream (the connection ended). NULL is fine. */
void sse_client_free(sse_client *c);

#endif
