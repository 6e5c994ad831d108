/* buf: a growable byte buffer, always NUL-terminated after buf_cstr().
 * The struct is visible because rendering appends to it on the hot path. */
#ifndef PLANSITE_BUF_H
#define PLANSITE_BUF_H
#include <stddef.h>
#include <string.h>

/* Where a streaming buffer passes its content on (a file): 0 on success. */
typedef int (*buf_sink)(void *ud, const char *data, size_t len);

typedef struct buf {
    char *data;   /* owned; may be NULL when cap == 0 */
    size_t len;
    size_t cap;
    buf_sink sink;        /* NULL: keep everything in memory */
    void *sink_ud;
    size_t sink_at;       /* pass the content on when it would grow past this many bytes */
    size_t flushed;       /* bytes passed on so far */
    int sink_failed;
} buf;

/* Start empty; allocates nothing. */
void buf_init(buf *b);
/* Stream: from now on, whenever the content would grow past `at` bytes it is passed to sink and
 * the buffer emptied (a page of any size is written in constant memory). */
void buf_set_sink(buf *b, buf_sink sink, void *ud, size_t at);
/* Pass what the buffer holds to its sink now and stop streaming. Returns 0, or -1 when the sink
 * failed (now or earlier). */
int buf_flush(buf *b);
/* Release the storage; the buffer is empty and reusable afterwards. */
void buf_free(buf *b);
/* Ensure room for extra more bytes (plus a NUL). */
void buf_grow(buf *b, size_t extra);
/* Append n bytes. */
void buf_append(buf *b, const char *s, size_t n);
/* Append a NUL-terminated string. */
void buf_puts(buf *b, const char *s);
/* Append one byte. */
void buf_putc(buf *b, char c);
/* Append printf-formatted text. */
void buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Append s with & < > " ' replaced by HTML entities. */
void buf_append_html(buf *b, const char *s, size_t n);
/* Forget the content, keep the storage. */
void buf_reset(buf *b);
/* The content as a C string (valid until the next change). Never NULL. */
const char *buf_cstr(buf *b);
/* Hand the storage to the caller (who frees it); the buffer becomes empty. */
char *buf_detach(buf *b, size_t *len);

#endif
