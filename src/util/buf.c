#include "buf.h"
#include "mem.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void buf_init(buf *b)
{
    memset(b, 0, sizeof *b);
}

void buf_set_sink(buf *b, buf_sink sink, void *ud, size_t at)
{
    b->sink = sink;
    b->sink_ud = ud;
    b->sink_at = at;
    b->flushed = 0;
    b->sink_failed = 0;
}

static void pass_on(buf *b)
{
    if (b->len && !b->sink_failed && b->sink(b->sink_ud, b->data, b->len) != 0)
        b->sink_failed = 1;
    b->flushed += b->len;
    b->len = 0;
}

int buf_flush(buf *b)
{
    int failed;
    if (b->sink)
        pass_on(b);
    failed = b->sink_failed;
    b->sink = NULL;
    b->sink_ud = NULL;
    b->sink_failed = 0;
    return failed ? -1 : 0;
}

/* A streaming buffer passes its content on before it would grow past its limit. */
static void maybe_pass_on(buf *b, size_t extra)
{
    if (b->sink && b->len + extra > b->sink_at)
        pass_on(b);
}

void buf_free(buf *b)
{
    free(b->data);
    buf_init(b);
}


void buf_grow(buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    size_t cap = b->cap ? b->cap : 64;
    if (need <= b->cap)
        return;
    if (need < b->len)
        mem_die();
    while (cap < need)
        cap = cap * 2 > cap ? cap * 2 : need;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void buf_append_slow(buf *b, const char *s, size_t n)
{
    if (!n)
        return;
    maybe_pass_on(b, n);
    if (b->len + n >= b->cap)   /* room for n bytes and the terminating NUL */
        buf_grow(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

void buf_puts(buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_putc_slow(buf *b, char c)
{
    maybe_pass_on(b, 1);
    if (b->len + 1 >= b->cap)
        buf_grow(b, 1);
    b->data[b->len++] = c;
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
    va_list again;
    int n;
    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    if (n <= 0)
        return;
    maybe_pass_on(b, (size_t)n);
    buf_grow(b, (size_t)n);
    va_copy(again, ap);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
    va_end(again);
    b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

static const char *html_entity(char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

void buf_append_html(buf *b, const char *s, size_t n)
{
    size_t start = 0, i;
    for (i = 0; i < n; i++) {
        const char *e = html_entity(s[i]);
        if (!e)
            continue;
        buf_append(b, s + start, i - start);
        buf_puts(b, e);
        start = i + 1;
    }
    buf_append(b, s + start, n - start);
}

void buf_reset(buf *b)
{
    b->len = 0;
}

const char *buf_cstr(buf *b)
{
    buf_grow(b, 0);
    b->data[b->len] = '\0';
    return b->data;
}

char *buf_detach(buf *b, size_t *len)
{
    char *d;
    buf_cstr(b);
    d = b->data;
    if (len)
        *len = b->len;
    buf_init(b);
    return d;
}
