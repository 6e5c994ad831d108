#include "anchors.h"
#include "../../util/collate.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ANCHORS_SLUG_MAX 64

struct anchors {
    char **ids;
    size_t n, cap;
};

static int taken(const anchors *a, const char *id)
{
    size_t i;
    for (i = 0; i < a->n; i++)
        if (!strcmp(a->ids[i], id))
            return 1;
    return 0;
}

static int take(anchors *a, const char *id)
{
    char *copy;
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 16;
        char **ids = realloc(a->ids, cap * sizeof *ids);
        if (!ids)
            return -1;
        a->ids = ids;
        a->cap = cap;
    }
    if (!(copy = malloc(strlen(id) + 1)))
        return -1;
    strcpy(copy, id);
    a->ids[a->n++] = copy;
    return 0;
}

anchors *anchors_new(const char *const *reserved)
{
    anchors *a = calloc(1, sizeof *a);
    size_t i;
    for (i = 0; a && reserved && reserved[i]; i++)
        if (take(a, reserved[i]) != 0) {
            anchors_free(a);
            return NULL;
        }
    return a;
}

void anchors_free(anchors *a)
{
    size_t i;
    if (!a)
        return;
    for (i = 0; i < a->n; i++)
        free(a->ids[i]);
    free(a->ids);
    free(a);
}

size_t anchors_id(anchors *a, const char *text, char *out, size_t cap)
{
    char base[ANCHORS_SLUG_MAX + 1];
    size_t n = collate_slug(text, base, sizeof base), k;
    while (n > 1 && base[n - 1] == '-')   /* cut inside a word run: no trailing "-" */
        base[--n] = '\0';
    snprintf(out, cap, "%s", base);
    for (k = 2; taken(a, out); k++)
        snprintf(out, cap, "%s-%zu", base, k);
    take(a, out);   /* out of memory: the id may repeat later, never a crash */
    return strlen(out);
}

/* The text of the heading's inner HTML: tags dropped; character references kept (html) or read
 * as a space (for the slug). */
static char *plain_text(const char *s, size_t len, int html)
{
    char *t = malloc(len + 1);
    size_t i, n = 0;
    if (!t)
        return NULL;
    for (i = 0; i < len; i++) {
        if (s[i] == '<' || (s[i] == '&' && !html)) {
            const char *e = memchr(s + i, s[i] == '<' ? '>' : ';', len - i);
            if (e) {
                i = (size_t)(e - s);
                if (!html)
                    t[n++] = ' ';
                continue;
            }
        }
        t[n++] = s[i];
    }
    t[n] = '\0';
    return t;
}

/* The heading <hN>inner</hN> at p (its open tag is 4 bytes) with its id and link, appended to
 * out; returns where it ends, or NULL (no closing tag, out of memory: left as it is). */
static const char *heading(anchors *a, const char *p, const char *end, const char *label,
                           buf *out, anchors_fn fn, void *ud)
{
    char close[6] = "</h?>", id[ANCHORS_SLUG_MAX + 16], *text;
    const char *in = p + 4, *q = in;
    close[3] = p[2];
    while ((q = memchr(q, '<', (size_t)(end - q))) != NULL && (size_t)(end - q) >= 5 &&
           memcmp(q, close, 5))
        q++;
    if (!q || (size_t)(end - q) < 5 || !(text = plain_text(in, (size_t)(q - in), 0)))
        return NULL;
    anchors_id(a, text, id, sizeof id);
    free(text);
    buf_printf(out, "<h%c id=\"%s\">", p[2], id);
    buf_append(out, in, (size_t)(q - in));
    buf_printf(out, " <a class=\"anchor\" href=\"#%s\" aria-label=\"", id);
    buf_append_html(out, label, strlen(label));
    buf_puts(out, "\">\xC2\xA7</a>");
    buf_append(out, close, 5);
    if (fn && (text = plain_text(in, (size_t)(q - in), 1)) != NULL) {
        fn(ud, p[2] - '0', id, text, strlen(text));
        free(text);
    }
    return q + 5;
}

void anchors_headings(anchors *a, const char *html, size_t len, const char *label, buf *out,
                      anchors_fn fn, void *ud)
{
    const char *end = html + len, *start = html, *p = html, *next;
    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
        if ((size_t)(end - p) >= 4 && p[1] == 'h' && p[2] >= '2' && p[2] <= '6' && p[3] == '>') {
            buf_append(out, start, (size_t)(p - start));
            if ((next = heading(a, p, end, label, out, fn, ud)) != NULL) {
                start = p = next;
                continue;
            }
            start = p;
        }
        p++;
    }
    buf_append(out, start, (size_t)(end - start));
}
