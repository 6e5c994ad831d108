/* buf: a growable byte buffer, always NUL-terminated after buf_cstr().
 * The struct is visible because rendering appends to it on the hot path. */
#ifndef PLANSITE_BUF_H
#define PLANSITE_BUF_H
#include <stdarg.h>
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
/* buf_append and buf_putc when the buffer must grow or pass its content on first. */
void buf_append_slow(buf *b, const char *s, size_t n);
void buf_putc_slow(buf *b, char c);

/* Whether n more bytes (and a NUL) fit without growing or passing the content on. */
static inline int buf_fits(const buf *b, size_t n)
{
    return n < b->cap - b->len && (!b->sink || b->len + n <= b->sink_at);
}

/* Append n bytes. */
static inline void buf_append(buf *b, const char *s, size_t n)
{
    if (n && buf_fits(b, n)) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
    } else if (n) {
        buf_append_slow(b, s, n);
    }
}

/* Append a NUL-terminated string. */
void buf_puts(buf *b, const char *s);

/* Append one byte. */
static inline void buf_putc(buf *b, char c)
{
    if (buf_fits(b, 1))
        b->data[b->len++] = c;
    else
        buf_putc_slow(b, c);
}
/* Append printf-formatted text of any length (ap is used once, via va_copy; the caller still
 * owns it and ends it). */
void buf_vprintf(buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;
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
