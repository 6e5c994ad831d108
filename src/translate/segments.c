#include "segments.h"
#include "../util/buf.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include "../util/quote.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ---- hashing and words ---- */

uint64_t seg_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void seg_hash_hex(uint64_t h, char *out)
{
    static const char hex[] = "0123456789abcdef";
    int i;
    for (i = 15; i >= 0; i--, h >>= 4)
        out[i] = hex[h & 15];
    out[16] = '\0';
}

void seg_hash_text(const char *text, char *out)
{
    seg_hash_hex(seg_hash(text, strlen(text)), out);
}

size_t seg_words(const char *text)
{
    size_t n = 0;
    int in = 0;
    for (; *text; text++) {
        int sp = *text == ' ' || *text == '\n' || *text == '\t' || *text == '\r';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

/* ---- labels ---- */

/* One part of an id as words: "activity-2" -> "activity 2", "block-3" -> "paragraph 3". */
static void label_part(buf *b, const char *p, size_t n, int first)
{
    size_t i;
    if (n > 6 && !memcmp(p, "block-", 6)) {
        buf_puts(b, "paragraph ");
        buf_append(b, p + 6, n - 6);
        return;
    }
    if (!first && n == 4 && !memcmp(p, "text", 4))
        return;
    if (b->len)
        buf_puts(b, ", ");
    for (i = 0; i < n; i++)
        buf_putc(b, p[i] == '-' || p[i] == '_' ? ' ' : p[i]);
}

char *seg_label(const char *id)
{
    buf b;
    const char *p = id;
    buf_init(&b);
    while (*p) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        label_part(&b, p, n, p == id);
        p += n + (dot != NULL);
    }
    return buf_detach(&b, NULL);
}

/* ---- the front matter ---- */

/* Where the parser is: a stack of maps and lists, each with its name in the id. */
typedef struct frame {
    int is_map;
    int want_key;            /* a map expecting a key next */
    char *key;               /* a map's current key */
    size_t index;            /* a list's items so far */
    char *name;              /* this container's part of the id ("activity-2", "groups") */
    int absorbed;            /* its children's names carry its own ("activities" -> "activity-2") */
} frame;

typedef struct fm_walk {
    seg_file *f;
    size_t *char_byte;       /* byte offset in the file of each character of the front matter */
    size_t nchars;
    frame st[16];
    int depth;
    size_t cap;
    unsigned line0;          /* the front matter's first line in the file, 0-based */
} fm_walk;

/* The id part of the next value in the current container: "title", "activity-2", "item-1",
 * "group-new", "country-list-networks"; malloc'd. */
static char *child_name(const fm_walk *w)
{
    const frame *t = w->depth ? &w->st[w->depth - 1] : NULL;
    buf b;
    buf_init(&b);
    if (!t)
        buf_puts(&b, "");
    else if (t->is_map) {
        const char *parent = t->name;
        if (parent && !strcmp(parent, "groups"))
            buf_printf(&b, "group-%s", t->key);
        else if (parent && !strcmp(parent, "country_lists"))
            buf_printf(&b, "country-list-%s", t->key);
        else
            buf_puts(&b, t->key ? t->key : "");
    } else {
        const char *k = t->name ? t->name : "item";
        size_t n = strlen(k);
        if (!strcmp(k, "activities"))
            buf_printf(&b, "activity-%zu", t->index + 1);
        else if (n > 1 && k[n - 1] == 's')
            buf_printf(&b, "%.*s-%zu", (int)(n - 1), k, t->index + 1);
        else
            buf_printf(&b, "%s-%zu", k, t->index + 1);
    }
    return buf_detach(&b, NULL);
}

/* The id of a value named leaf: the names of the containers above it and its own, with '.'. */
static char *full_id(const fm_walk *w, const char *leaf)
{
    buf b;
    int i;
    buf_init(&b);
    for (i = 1; i < w->depth; i++)
        if (!w->st[i].absorbed)
            buf_printf(&b, "%s.", w->st[i].name);
    buf_puts(&b, leaf);
    return buf_detach(&b, NULL);
}

/* The value in the current container is done: a map waits for its next key, a list counts it. */
static void value_done(fm_walk *w)
{
    frame *t = w->depth ? &w->st[w->depth - 1] : NULL;
    if (!t)
        return;
    if (t->is_map) {
        t->want_key = 1;
        free(t->key);
        t->key = NULL;
    } else
        t->index++;
}

static size_t byte_at(const fm_walk *w, size_t ch)
{
    return w->char_byte[ch < w->nchars ? ch : w->nchars];
}

static int is_null_plain(const yaml_event_t *e)
{
    const char *v = (const char *)e->data.scalar.value;
    if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "true") ||
           !strcmp(v, "false");
}

static void add_seg(fm_walk *w, const yaml_event_t *e)
{
    seg_file *f = w->f;
    seg *s;
    char *leaf = child_name(w);
    if (f->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 16;
        f->v = xrealloc(f->v, w->cap * sizeof *f->v);
    }
    s = &f->v[f->n++];
    memset(s, 0, sizeof *s);
    s->id = full_id(w, leaf);
    s->label = seg_label(s->id);
    s->text = xstrdup((const char *)e->data.scalar.value);
    s->start = byte_at(w, e->start_mark.index);
    s->end = byte_at(w, e->end_mark.index);
    s->block_scalar = e->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                      e->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
    if (s->block_scalar)   /* its range runs to the next line: keep only its own lines */
        while (s->end > s->start && strchr(" \t\r\n", f->data[s->end - 1]))
            s->end--;
    s->line = w->line0 + (unsigned)e->start_mark.line + 1;
    s->col = (unsigned)e->start_mark.column + 1;
    free(leaf);
}

static void on_scalar(fm_walk *w, const yaml_event_t *e)
{
    frame *t = w->depth ? &w->st[w->depth - 1] : NULL;
    if (t && t->is_map && t->want_key) {
        t->key = xstrdup((const char *)e->data.scalar.value);
        t->want_key = 0;
        return;
    }
    if (t && !is_null_plain(e))
        add_seg(w, e);
    value_done(w);
}

/* A map or list starts (push) or ends (pop). 0, or -1 when nested too deep. */
static int on_open(fm_walk *w, int is_map)
{
    frame *t;
    if (w->depth == (int)(sizeof w->st / sizeof *w->st))
        return -1;
    t = &w->st[w->depth];
    memset(t, 0, sizeof *t);
    t->is_map = is_map;
    t->want_key = 1;
    t->name = w->depth ? child_name(w) : xstrdup("");
    t->absorbed = !is_map || !strcmp(t->name, "groups") || !strcmp(t->name, "country_lists");
    w->depth++;
    return 0;
}

static void on_close(fm_walk *w)
{
    frame *t = &w->st[--w->depth];
    free(t->key);
    free(t->name);
    value_done(w);
}

/* The byte offset of every character of the front matter (libyaml counts characters). */
static void map_chars(fm_walk *w)
{
    const seg_file *f = w->f;
    size_t i, n = 0;
    w->char_byte = xmalloc((f->fm_end - f->fm_start + 1) * sizeof *w->char_byte);
    for (i = f->fm_start; i < f->fm_end; i++)
        if (((unsigned char)f->data[i] & 0xC0) != 0x80)
            w->char_byte[n++] = i;
    w->char_byte[n] = f->fm_end;
    w->nchars = n;
}

static int walk_events(fm_walk *w, yaml_parser_t *p, const char *path, diag_list *d)
{
    yaml_event_t e;
    int done = 0, rc = 0, first = 1;
    while (!done && rc == 0) {
        if (!yaml_parser_parse(p, &e)) {
            diag_add(d, DIAG_ERROR, path, w->line0 + (unsigned)p->problem_mark.line + 1,
                     (unsigned)p->problem_mark.column + 1, "%s",
                     p->problem ? p->problem : "YAML syntax error");
            return -1;
        }
        if (e.type == YAML_MAPPING_START_EVENT || e.type == YAML_SEQUENCE_START_EVENT) {
            if (first && e.type != YAML_MAPPING_START_EVENT) {
                diag_add(d, DIAG_ERROR, path, w->line0 + 1, 1, "front matter must be a map");
                rc = -1;
            } else
                rc = on_open(w, e.type == YAML_MAPPING_START_EVENT);
            first = 0;
        } else if (e.type == YAML_MAPPING_END_EVENT || e.type == YAML_SEQUENCE_END_EVENT)
            on_close(w);
        else if (e.type == YAML_SCALAR_EVENT)
            on_scalar(w, &e);
        else if (e.type == YAML_ALIAS_EVENT)
            value_done(w);
        done = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
    }
    return rc;
}

static unsigned lines_before(const char *s, size_t n)
{
    unsigned l = 0;
    size_t i;
    for (i = 0; i < n; i++)
        l += s[i] == '\n';
    return l;
}

static int parse_fm(seg_file *f, const char *path, diag_list *d)
{
    yaml_parser_t p;
    fm_walk w;
    int rc;
    memset(&w, 0, sizeof w);
    w.f = f;
    w.line0 = lines_before(f->data, f->fm_start);
    map_chars(&w);
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)f->data + f->fm_start,
                                 f->fm_end - f->fm_start);
    rc = walk_events(&w, &p, path, d);
    while (w.depth)
        on_close(&w);
    yaml_parser_delete(&p);
    free(w.char_byte);
    return rc;
}

/* ---- the body ---- */

static size_t line_end(const char *s, size_t len, size_t p)
{
    const char *nl = memchr(s + p, '\n', len - p);
    return nl ? (size_t)(nl - s) : len;
}

static int blank_line(const char *s, size_t a, size_t b)
{
    for (; a < b; a++)
        if (!strchr(" \t\r", s[a]))
            return 0;
    return 1;
}

static int fence_line(const char *s, size_t a, size_t b)
{
    while (a < b && s[a] == ' ')
        a++;
    return b - a >= 3 && (!memcmp(s + a, "```", 3) || !memcmp(s + a, "~~~", 3));
}

static void add_block(seg_file *f, size_t *cap, size_t a, size_t b, size_t nblock)
{
    seg *s;
    char id[32];
    while (b > a && f->data[b - 1] == '\r')
        b--;
    if (f->n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        f->v = xrealloc(f->v, *cap * sizeof *f->v);
    }
    s = &f->v[f->n++];
    memset(s, 0, sizeof *s);
    snprintf(id, sizeof id, "block-%zu", nblock);
    s->id = xstrdup(id);
    s->label = seg_label(id);
    s->text = xstrndup(f->data + a, b - a);
    s->start = a;
    s->end = b;
    s->line = lines_before(f->data, a) + 1;
    s->col = 1;
    s->in_body = 1;
}

/* Blocks: runs of lines between empty lines; a fenced code block is one block, empty lines and
 * all. */
static void parse_body(seg_file *f)
{
    size_t p = f->body_start, cap = f->n, start = 0, last = 0, nb = 0;
    int in_block = 0, in_fence = 0;
    while (p < f->len) {
        size_t e = line_end(f->data, f->len, p);
        int blank = blank_line(f->data, p, e);
        if (!in_block && !blank) {
            in_block = 1;
            start = p;
        }
        if (in_block && fence_line(f->data, p, e))
            in_fence = !in_fence;
        if (in_block && blank && !in_fence) {
            add_block(f, &cap, start, last, ++nb);
            in_block = 0;
        }
        if (!blank)
            last = e;
        p = e + 1;
    }
    if (in_block)
        add_block(f, &cap, start, last, ++nb);
}

/* ---- files ---- */

static int split_file(seg_file *f)
{
    size_t p = 0;
    if (f->len >= 3 && !memcmp(f->data, "\xEF\xBB\xBF", 3))
        p = 3;
    if (f->len - p < 4 || memcmp(f->data + p, "---", 3) || !strchr("\r\n", f->data[p + 3]))
        return -1;
    p = line_end(f->data, f->len, p) + 1;
    f->fm_start = p;
    while (p < f->len) {
        size_t e = line_end(f->data, f->len, p), n = e - p;
        if (n && f->data[e - 1] == '\r')
            n--;
        if (n == 3 && !memcmp(f->data + p, "---", 3)) {
            f->fm_end = p;
            f->body_start = e < f->len ? e + 1 : e;
            return 0;
        }
        p = e + 1;
    }
    return -1;
}

seg_file *seg_file_parse(const char *path, const char *data, size_t len, diag_list *d)
{
    seg_file *f = xcalloc(1, sizeof *f);
    f->data = xmalloc(len + 1);
    memcpy(f->data, data, len);
    f->data[len] = '\0';
    f->len = len;
    if (split_file(f) != 0) {
        diag_add(d, DIAG_ERROR, path, 1, 1,
                 "expected YAML front matter between two '---' lines at the top of the file");
        goto fail;
    }
    if (parse_fm(f, path, d) != 0)
        goto fail;
    parse_body(f);
    return f;
fail:
    seg_file_free(f);
    return NULL;
}

seg_file *seg_file_load(const char *path, diag_list *d)
{
    size_t len = 0;
    char *data = fs_read(path, &len);
    seg_file *f;
    if (!data) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return NULL;
    }
    f = seg_file_parse(path, data, len, d);
    free(data);
    return f;
}

void seg_file_free(seg_file *f)
{
    size_t i;
    if (!f)
        return;
    for (i = 0; i < f->n; i++) {
        free(f->v[i].id);
        free(f->v[i].label);
        free(f->v[i].text);
    }
    free(f->v);
    free(f->data);
    free(f);
}

const seg *seg_find(const seg_file *f, const char *id)
{
    size_t i;
    for (i = 0; f && i < f->n; i++)
        if (!strcmp(f->v[i].id, id))
            return &f->v[i];
    return NULL;
}

/* ---- rewriting ---- */

typedef struct edit {
    size_t start, end;       /* the bytes replaced (start == end: an insertion) */
    char *text;              /* malloc'd */
    size_t order;            /* insertions at one place keep their order */
} edit;

static int edit_cmp(const void *a, const void *b)
{
    const edit *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static size_t block_number(const char *id)
{
    char *end = NULL;
    unsigned long n;
    if (strncmp(id, "block-", 6))
        return 0;
    n = strtoul(id + 6, &end, 10);
    return end && !*end ? (size_t)n : 0;
}

static int has_empty_line(const char *s)
{
    const char *p = s;
    while ((p = strchr(p, '\n'))) {
        const char *q = p + 1;
        while (*q == ' ' || *q == '\t' || *q == '\r')
            q++;
        if (*q == '\n' || !*q)
            return 1;
        p = q;
    }
    return 0;
}

static size_t nblocks(const seg_file *f)
{
    size_t i, n = 0;
    for (i = 0; i < f->n; i++)
        n += f->v[i].in_body;
    return n;
}

/* A block's text without trailing line breaks, malloc'd. */
static char *block_text(const char *s)
{
    size_t n = strlen(s);
    while (n && strchr("\r\n", s[n - 1]))
        n--;
    return xstrndup(s, n);
}

/* Blocks past the file's last one, in order, filled from fill: one insertion after the last. */
static int append_blocks(const seg_file *f, const char *const *ids, const char *const *texts,
                         size_t n, const seg_file *fill, edit *e, char **err)
{
    size_t have = nblocks(f), want = 0, i, k;
    buf b;
    for (i = 0; i < n; i++)
        if (block_number(ids[i]) > want)
            want = block_number(ids[i]);
    if (want <= have)
        return 0;
    buf_init(&b);
    e->start = e->end = have ? f->v[f->n - 1].end : f->len;
    if (!have && f->len && f->data[f->len - 1] != '\n')
        buf_putc(&b, '\n');
    for (k = have + 1; k <= want; k++) {
        const char *t = NULL;
        char id[32];
        char *bt;
        snprintf(id, sizeof id, "block-%zu", k);
        for (i = 0; i < n; i++)
            if (!strcmp(ids[i], id))
                t = texts[i];
        if (!t && fill && seg_find(fill, id))
            t = seg_find(fill, id)->text;
        if (!t) {
            buf_free(&b);
            *err = xmalloc(80);
            snprintf(*err, 80, "paragraph %zu has no text to put before it", k);
            return -1;
        }
        bt = block_text(t);
        buf_printf(&b, "%s%s", have || k > have + 1 ? "\n\n" : "", bt);
        free(bt);
    }
    if (!have)
        buf_putc(&b, '\n');
    e->text = buf_detach(&b, NULL);
    return 1;
}

/* The edit for one id: a replacement, or an insertion of a top-level field; 0, 1 (a block past
 * the last: appended later) or -1 with *err. */
static int one_edit(const seg_file *f, const char *id, const char *text, edit *e, char **err)
{
    const seg *s = seg_find(f, id);
    buf b;
    buf_init(&b);
    if (block_number(id)) {
        if (has_empty_line(text)) {
            *err = xstrdup("a paragraph's text must not hold an empty line");
            return -1;
        }
        if (!s)
            return 1;
        e->start = s->start;
        e->end = s->end;
        e->text = block_text(text);
        return 0;
    }
    if (s) {
        e->start = s->start;
        e->end = s->end;
        quote_append(&b, text, QUOTE_YAML);
    } else if (!strchr(id, '.') && !strchr(id, '-')) {
        e->start = e->end = f->fm_end;
        buf_printf(&b, "%s: ", id);
        quote_append(&b, text, QUOTE_YAML);
        buf_putc(&b, '\n');
    } else {
        size_t n = strlen(id) + 80;
        *err = xmalloc(n);
        snprintf(*err, n, "the translation has no '%s' to replace: add it by hand first", id);
        return -1;
    }
    e->text = buf_detach(&b, NULL);
    return 0;
}

char *seg_rewrite(const seg_file *f, const char *const *ids, const char *const *texts, size_t n,
                  const seg_file *fill, size_t *len, char **err)
{
    edit *ed = xcalloc(n + 1, sizeof *ed);
    size_t ne = 0, i, at = 0;
    char *out = NULL;
    buf b;
    buf_init(&b);
    *err = NULL;
    for (i = 0; i < n; i++) {
        int rc = one_edit(f, ids[i], texts[i], &ed[ne], err);
        if (rc < 0)
            goto out;
        if (rc == 0)
            ed[ne].order = ne, ne++;
    }
    if (append_blocks(f, ids, texts, n, fill, &ed[ne], err) < 0)
        goto out;
    if (ed[ne].text)
        ed[ne].order = ne, ne++;
    qsort(ed, ne, sizeof *ed, edit_cmp);
    for (i = 0; i < ne; i++) {
        buf_append(&b, f->data + at, ed[i].start - at);
        buf_puts(&b, ed[i].text);
        at = ed[i].end;
    }
    buf_append(&b, f->data + at, f->len - at);
    out = buf_detach(&b, len);
out:
    for (i = 0; i <= n; i++)
        free(ed[i].text);
    free(ed);
    buf_free(&b);
    return out;
}
