#include "diag.h"
#include "buf.h"
#include "mem.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>

typedef struct diag_item {
    diag_level lvl;
    char *text;
} diag_item;

struct diag_list {
    diag_item *items;
    size_t len, cap;
    size_t errors, warnings;
    pthread_mutex_t lock;
};

diag_list *diag_list_new(void)
{
    diag_list *d = xcalloc(1, sizeof *d);
    pthread_mutex_init(&d->lock, NULL);
    return d;
}

void diag_clear(diag_list *d)
{
    size_t i;
    for (i = 0; i < d->len; i++)
        free(d->items[i].text);
    d->len = d->errors = d->warnings = 0;
}

void diag_list_free(diag_list *d)
{
    if (!d)
        return;
    diag_clear(d);
    free(d->items);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

static void push(diag_list *d, diag_level lvl, char *text)
{
    pthread_mutex_lock(&d->lock);
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = xrealloc(d->items, d->cap * sizeof *d->items);
    }
    d->items[d->len].lvl = lvl;
    d->items[d->len].text = text;
    d->len++;
    if (lvl == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
    pthread_mutex_unlock(&d->lock);
}

void diag_addv(diag_list *d, diag_level lvl, const char *path, unsigned line, unsigned col,
               const char *fmt, va_list ap)
{
    buf b;
    buf_init(&b);
    if (path) {
        buf_puts(&b, path);
        if (line)
            buf_printf(&b, ":%u", line);
        if (line && col)
            buf_printf(&b, ":%u", col);
        buf_puts(&b, ": ");
    }
    if (lvl == DIAG_WARNING)
        buf_puts(&b, "warning: ");
    buf_vprintf(&b, fmt, ap);
    push(d, lvl, buf_detach(&b, NULL));
}

void diag_add(diag_list *d, diag_level lvl, const char *path, unsigned line, unsigned col,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(d, lvl, path, line, col, fmt, ap);
    va_end(ap);
}

void diag_add_raw(diag_list *d, diag_level lvl, const char *text)
{
    push(d, lvl, xstrdup(text));
}

size_t diag_errors(const diag_list *d) { return d->errors; }
size_t diag_warnings(const diag_list *d) { return d->warnings; }
size_t diag_count(const diag_list *d) { return d->len; }
const char *diag_text(const diag_list *d, size_t i) { return i < d->len ? d->items[i].text : NULL; }
diag_level diag_level_at(const diag_list *d, size_t i) { return d->items[i].lvl; }

void diag_print(const diag_list *d, FILE *f)
{
    size_t i;
    for (i = 0; i < d->len; i++)
        fprintf(f, "%s\n", d->items[i].text);
}

void diag_move(diag_list *dst, diag_list *src)
{
    size_t i;
    for (i = 0; i < src->len; i++)
        push(dst, src->items[i].lvl, src->items[i].text);
    src->len = src->errors = src->warnings = 0;
}
