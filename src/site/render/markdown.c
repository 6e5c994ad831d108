#include "markdown.h"
#include "../../util/mem.h"
#include <setjmp.h>
#include <stddef.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>

static int has_www(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    while ((p = memchr(p, '.', (size_t)(end - p))) != NULL) {
        if (p - s >= 3 && (p[-1] | 0x20) == 'w' && (p[-2] | 0x20) == 'w' && (p[-3] | 0x20) == 'w')
            return 1;
        p++;
    }
    return 0;
}

static int has_tilde(const char *s, size_t n) { return memchr(s, '~', n) != NULL; }
static int has_bracket(const char *s, size_t n) { return memchr(s, '[', n) != NULL; }

static int has_autolink(const char *s, size_t n)
{
    return memchr(s, ':', n) || memchr(s, '@', n) || has_www(s, n);
}

/* The GFM extensions, each with what a text needs for it to change anything: strikethrough '~', a
 * task list item '[', an autolink "scheme:", an e-mail's '@' or "www.". An extension that cannot
 * match is not attached, which spares the parser its hooks (autolink's is the costly one).
 * tests/fuzz/fuzz_markdown checks that the HTML is the same as with all of them. Tables (no test)
 * are always attached: their syntax has forms without any '|' (one column, inside block quotes,
 * rows ended by \v or \r; the fuzzer found each), and their hook costs nothing measurable. */
static const struct {
    const char *name;
    int (*wanted)(const char *src, size_t len);   /* NULL: always attached */
} exts[] = {{"table", NULL}, {"strikethrough", has_tilde}, {"autolink", has_autolink},
            {"tasklist", has_bracket}};

/* A small-block allocator per thread for cmark: blocks of up to MD_SMALL bytes come from 256 KB
 * chunks, rounded up to a multiple of MD_UNIT, and a freed one goes on its size's free list for the
 * next allocation of that size (nodes, cells, short buffers: malloc/free were a tenth of the time).
 * Larger blocks (the growing buffers of a long text and its HTML) are malloc'd one by one, linked
 * so that md_reset can free those cmark did not, and given back to the system when cmark frees or
 * reallocs them. So the memory of one body stays close to what cmark-gfm needs with malloc (a
 * bump allocator that never freed held about twice as much again, and more where cmark frees and
 * allocates repeatedly). Every block's size is just before it; a large block's links before
 * that. */
typedef struct md_chunk {
    struct md_chunk *next;
    size_t cap, used;
    max_align_t data[];
} md_chunk;

/* Before a large block: the links of the thread's list of them, then its size. */
typedef struct md_big {
    struct md_big *prev, *next;
    size_t pad, size;
} md_big;

typedef union md_free_block {   /* a freed small block, on its size's list */
    union md_free_block *next;
    max_align_t align;
} md_free_block;

#define MD_UNIT sizeof(max_align_t)   /* a small block's header and size unit */
#define MD_SMALL 1024u
#define MD_CHUNK (256u * 1024u)
#define MD_SIZE(p) (((size_t *)(p))[-1])   /* every block's size, just before it */

static _Thread_local md_chunk *md_chunks;
static _Thread_local md_big md_bigs;   /* the list's head; next NULL while empty */
static _Thread_local md_free_block *md_lists[MD_SMALL / MD_UNIT + 1];
static _Thread_local size_t md_held, md_peak;   /* bytes of chunks and large blocks */
/* While md_render runs: where to go when the text needs more than md_budget bytes. Everything
 * cmark allocated is in this thread's chunks and large blocks, so leaving cmark half-way by
 * longjmp and then md_reset loses nothing and leaks nothing. */
static _Thread_local jmp_buf *md_jump;
static _Thread_local size_t md_budget;

static void md_hold(size_t n)
{
    md_held += n;
    if (md_held > md_peak)
        md_peak = md_held;
    if (md_jump && md_held > md_budget)
        longjmp(*md_jump, 1);   /* the block is already on a list: md_reset frees it */
}

/* Put b (of n bytes) at the head of the thread's list of large blocks; returns its data. */
static void *md_link(md_big *b, size_t n)
{
    if (!md_bigs.next)
        md_bigs.next = md_bigs.prev = &md_bigs;
    b->size = n;
    b->prev = &md_bigs;
    b->next = md_bigs.next;
    b->next->prev = b;
    md_bigs.next = b;
    md_hold(sizeof *b + n);
    return b + 1;
}

static void md_unlink(md_big *b)
{
    b->prev->next = b->next;
    b->next->prev = b->prev;
    md_held -= sizeof *b + b->size;
}

/* A small block of size bytes (a multiple of MD_UNIT): from its free list, else carved. */
static void *md_alloc_small(size_t size)
{
    md_free_block **list = &md_lists[size / MD_UNIT], *f = *list;
    md_chunk *c = md_chunks;
    char *p = NULL;
    if (f) {
        *list = f->next;
        return f;
    }
    if (!c || c->cap - c->used < MD_UNIT + size) {
        c = xmalloc(sizeof *c + MD_CHUNK);
        c->cap = MD_CHUNK;
        c->used = 0;
        c->next = md_chunks;
        md_chunks = c;
        md_hold(sizeof *c + MD_CHUNK);
    }
    p = (char *)c->data + c->used + MD_UNIT;
    c->used += MD_UNIT + size;
    MD_SIZE(p) = size;
    return p;
}

static void *md_alloc(size_t n)
{
    if (n > (size_t)-1 / 2)
        mem_die();
    if (n > MD_SMALL)
        return md_link(xmalloc(sizeof(md_big) + n), n);
    return md_alloc_small(n ? (n + MD_UNIT - 1) / MD_UNIT * MD_UNIT : MD_UNIT);
}

static void *md_calloc(size_t count, size_t size)
{
    void *p;
    if (size && count > (size_t)-1 / size)
        mem_die();
    p = md_alloc(count * size);
    memset(p, 0, count * size);
    return p;
}

static void md_free(void *p)
{
    md_free_block *f = p;
    md_big *b = p ? (md_big *)p - 1 : NULL;
    if (!p)
        return;
    if (MD_SIZE(p) > MD_SMALL) {
        md_unlink(b);
        free(b);
        return;
    }
    f->next = md_lists[MD_SIZE(p) / MD_UNIT];
    md_lists[MD_SIZE(p) / MD_UNIT] = f;
}

static void *md_realloc(void *old, size_t n)
{
    size_t had = old ? MD_SIZE(old) : 0;
    md_big *b = NULL;
    void *p = NULL;
    if (!old)
        return md_alloc(n);
    if (n <= had && (had <= MD_SMALL || n > MD_SMALL))
        return old;   /* fits (a large block shrinks only when it becomes small) */
    if (had > MD_SMALL && n > MD_SMALL) {   /* large to larger: the system's realloc */
        if (n > (size_t)-1 / 2)
            mem_die();
        md_unlink((md_big *)old - 1);   /* out of the list while it moves */
        b = xrealloc((md_big *)old - 1, sizeof *b + n);
        return md_link(b, n);
    }
    p = md_alloc(n);
    memcpy(p, old, n < had ? n : had);
    md_free(old);
    return p;
}

static cmark_mem md_mem = {md_calloc, md_realloc, md_free};

/* Free the large blocks cmark left and forget the free lists. */
static void md_drop_blocks(void)
{
    md_big *b = md_bigs.next, *next = NULL;
    for (; b && b != &md_bigs; b = next) {
        next = b->next;
        md_held -= sizeof *b + b->size;
        free(b);
    }
    md_bigs.next = md_bigs.prev = NULL;
    memset(md_lists, 0, sizeof md_lists);
}

/* Drop the calling thread's cmark memory, keeping one chunk for the next document. */
static void md_reset(void)
{
    md_chunk *c = md_chunks, *next;
    md_drop_blocks();
    if (!c)
        return;
    for (next = c->next; next; next = c->next) {
        c->next = next->next;
        md_held -= sizeof *next + next->cap;
        free(next);
    }
    c->used = 0;
}

void md_stats(size_t *held, size_t *peak)
{
    *held = md_held;
    *peak = md_peak;
    md_peak = md_held;
}

void md_shift_headings(const char *html, size_t len, int levels, buf *out)
{
    const char *end = html + len, *start = html, *p = html;
    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
        const char *t = p + 1 < end && p[1] == '/' ? p + 2 : p + 1;
        if (t + 2 < end && t[0] == 'h' && t[1] >= '1' && t[1] <= '6' &&
            (t[2] == '>' || t[2] == ' ')) {
            int level = t[1] - '0' + levels;
            buf_append(out, start, (size_t)(t + 1 - start));
            buf_putc(out, (char)('0' + (level > 6 ? 6 : level)));
            start = p = t + 2;
            continue;
        }
        p++;
    }
    buf_append(out, start, (size_t)(end - start));
}

void md_release(void)
{
    md_chunk *c = md_chunks, *next;
    md_drop_blocks();
    for (; c; c = next) {
        next = c->next;
        md_held -= sizeof *c + c->cap;
        free(c);
    }
    md_chunks = NULL;
}

void md_init(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

/* Replace a link whose target was lost by its children. */
static void unlink_dead(cmark_node *link)
{
    cmark_node *child = cmark_node_first_child(link), *next;
    for (; child; child = next) {
        next = cmark_node_next(child);
        cmark_node_insert_before(link, child);
    }
    cmark_node_free(link);
}

static int dead_target(const char *url)
{
    return !url || !*url || !strcmp(url, "#");
}

static void fix_tree(cmark_node *doc, int shift)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    cmark_node *dead[256];
    size_t ndead = 0, i;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (cmark_node_get_type(n) == CMARK_NODE_LINK && dead_target(cmark_node_get_url(n)) &&
            ndead < 256)
            dead[ndead++] = n;
        else if (shift && cmark_node_get_type(n) == CMARK_NODE_HEADING)
            cmark_node_set_heading_level(n, cmark_node_get_heading_level(n) + shift > 6
                                                ? 6 : cmark_node_get_heading_level(n) + shift);
    }
    cmark_iter_free(it);
    for (i = ndead; i-- > 0;)
        unlink_dead(dead[i]);
}

static void strip_paragraph(const char *html, size_t n, buf *out)
{
    while (n && (html[n - 1] == '\n'))
        n--;
    if (n >= 7 && !memcmp(html, "<p>", 3) && !memcmp(html + n - 4, "</p>", 4) &&
        !memchr(html + 3, '\n', n - 7)) {
        buf_append(out, html + 3, n - 7);
        return;
    }
    buf_append(out, html, n);
}

/* Plain text that cmark would only wrap in <p>: no Markdown or HTML syntax, no typographic
 * quotes or dashes to make, no autolink, no line breaks, no leading or trailing space, no list or
 * heading marker. Such text (titles, labels, most sentences) can skip the parser. */
/* Characters that may start Markdown, HTML or typography: 1 in this table; 2 for those that do
 * only in some company (':' before '/', "--", "...", "www."). Spaces inside a line change
 * nothing (a hard break needs a line end; code needs a line start, and those are checked). */
static const unsigned char special[256] = {
    [0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1, [9] = 1,
    [10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1, [15] = 1, [16] = 1, [17] = 1, [18] = 1,
    [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1, [27] = 1,
    [28] = 1, [29] = 1, [30] = 1, [31] = 1, ['*'] = 1, ['_'] = 1, ['`'] = 1, ['['] = 1, [']'] = 1,
    ['<'] = 1, ['>'] = 1, ['&'] = 1, ['\\'] = 1, ['!'] = 1, ['~'] = 1, ['|'] = 1, ['#'] = 1,
    ['"'] = 1, ['\''] = 1, ['@'] = 1, ['$'] = 1, ['^'] = 1, ['{'] = 1, ['}'] = 1, [':'] = 2,
    ['-'] = 2, ['.'] = 2, ['w'] = 2, ['W'] = 2};

/* Whether the character at s[i] (of class 2) starts something the parser would change. */
static int starts_syntax(const char *s, size_t i, size_t n)
{
    char c = s[i];
    if (c == ':')
        return i + 1 < n && s[i + 1] == '/';   /* scheme:// autolinks */
    if (c == '-')
        return i + 1 < n && s[i + 1] == '-';
    if (c == '.')
        return i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.';
    return i + 3 < n && !strncmp(s + i + 1, "ww.", 3);   /* www. autolinks */
}

static int plain_text(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    if (!n || n > 2000 || s[0] == ' ' || s[n - 1] == ' ' || (s[0] >= '0' && s[0] <= '9') ||
        s[0] == '-' || s[0] == '+' || s[0] == '=')
        return 0;
    while (i < n) {
        unsigned char k;
        if (i + 8 <= n && !(special[u[i]] | special[u[i + 1]] | special[u[i + 2]] |
                            special[u[i + 3]] | special[u[i + 4]] | special[u[i + 5]] |
                            special[u[i + 6]] | special[u[i + 7]])) {
            i += 8;   /* most text: eight ordinary characters at a time */
            continue;
        }
        k = special[u[i]];
        if (k == 1 || (k == 2 && starts_syntax(s, i, n)))
            return 0;
        i++;
    }
    return 1;
}

size_t md_budget_for(size_t len)
{
    return MD_BUDGET_BASE + (len > ((size_t)-1 - MD_BUDGET_BASE) / MD_BUDGET_PER_BYTE
                                 ? (size_t)-1 - MD_BUDGET_BASE : len * MD_BUDGET_PER_BYTE);
}

/* Parse and render with cmark-gfm (the extensions the text can trigger attached). */
static void md_parse_render(const char *src, size_t len, int flags, buf *out)
{
    int opts = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    cmark_parser *p = NULL;
    cmark_node *doc = NULL;
    char *html = NULL;
    size_t i;
    int shift;
    if (flags & MD_RAW_HTML)
        opts |= CMARK_OPT_UNSAFE;
    p = cmark_parser_new_with_mem(opts, &md_mem);
    for (i = 0; i < sizeof exts / sizeof *exts; i++) {
        cmark_syntax_extension *e = (flags & MD_ALL_EXT) || !exts[i].wanted ||
                                            exts[i].wanted(src, len)
                                        ? cmark_find_syntax_extension(exts[i].name) : NULL;
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    cmark_parser_feed(p, src, len);
    doc = cmark_parser_finish(p);
    shift = (flags & MD_SHIFT ? 1 : 0) + (flags & MD_SHIFT2 ? 2 : 0);
    if (shift || memchr(src, ']', len))   /* else there is no link to mend, nothing to demote */
        fix_tree(doc, shift);
    html = cmark_render_html_with_mem(doc, opts, cmark_parser_get_syntax_extensions(p), &md_mem);
    if (flags & MD_INLINE)
        strip_paragraph(html, strlen(html), out);
    else
        buf_puts(out, html);
}

int md_render(const char *src, size_t len, int flags, buf *out)
{
    jmp_buf jump;
    if (!(flags & MD_PARSER) && plain_text(src, len)) {
        if (!(flags & MD_INLINE))
            buf_puts(out, "<p>");
        buf_append(out, src, len);
        if (!(flags & MD_INLINE))
            buf_puts(out, "</p>\n");
        return 0;
    }
    md_budget = md_held + md_budget_for(len);
    md_jump = &jump;
    if (setjmp(jump)) {   /* over budget (out is written only once cmark is done) */
        md_jump = NULL;
        md_reset();
        return -1;
    }
    md_parse_render(src, len, flags, out);
    md_jump = NULL;
    md_reset();   /* the parser, the tree and the HTML: all in this thread's chunks */
    return 0;
}
