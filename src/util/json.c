#include "json.h"
#include "mem.h"
#include "quote.h"
#include <string.h>

void json_init(json_w *j, buf *out)
{
    memset(j, 0, sizeof *j);
    j->out = out;
    j->first[0] = 1;
}

/* What comes before a key or a value: its comma (unless first or after a key), its line feed. */
static void sep(json_w *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (!j->first[j->depth])
        buf_putc(j->out, ',');
    j->first[j->depth] = 0;
    if (j->newline) {
        buf_putc(j->out, '\n');
        j->newline = 0;
    }
}

static void open_level(json_w *j, char c)
{
    sep(j);
    if (j->depth + 1 >= JSON_DEPTH)
        mem_die();
    buf_putc(j->out, c);
    j->first[++j->depth] = 1;
}

static void close_level(json_w *j, char c)
{
    j->newline = 0;
    if (j->depth > 0)
        j->depth--;
    buf_putc(j->out, c);
}

void json_begin_object(json_w *j) { open_level(j, '{'); }
void json_end_object(json_w *j) { close_level(j, '}'); }
void json_begin_array(json_w *j) { open_level(j, '['); }
void json_end_array(json_w *j) { close_level(j, ']'); }
void json_break(json_w *j) { j->newline = 1; }

void json_quote(buf *b, const char *s)
{
    quote_append(b, s, QUOTE_JSON);
}

void json_key(json_w *j, const char *key)
{
    sep(j);
    json_quote(j->out, key);
    buf_putc(j->out, ':');
    j->after_key = 1;
}

void json_string(json_w *j, const char *s)
{
    sep(j);
    if (s)
        json_quote(j->out, s);
    else
        buf_puts(j->out, "null");
}

void json_int(json_w *j, long long v)
{
    sep(j);
    buf_printf(j->out, "%lld", v);
}

void json_bool(json_w *j, int v)
{
    sep(j);
    buf_puts(j->out, v ? "true" : "false");
}

void json_null(json_w *j)
{
    sep(j);
    buf_puts(j->out, "null");
}
