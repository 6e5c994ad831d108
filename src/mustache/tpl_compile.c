/* tpl_compile: tokens -> a compiled template, in three passes over the tokens:
 *  1. match: pair open and closing tags, refuse malformed nesting (one handler per token type);
 *  2. standalone: find lines that hold only whitespace and non-printing tags, drop their
 *     whitespace and line end, mark where output lines start, and work out block indentation;
 *  3. build: emit the flattened node tree (one handler per token type).
 *
 * Indentation model (what the renderer reproduces): a standalone partial or parent is rendered
 * as if its indentation were prepended to each of its source lines; a block whose content is
 * given by a parent tag has that content's common indentation (tpl_tok.strip) replaced by the
 * block's own (tpl_tok.ws): for a standalone block tag, the indentation common to its default
 * content, or the tag's own when that content is empty; otherwise the whitespace before the tag
 * (the content's first line then continues the line the tag is on). */
#include "tpl_internal.h"
#include "../util/buf.h"
#include "../util/mem.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

typedef struct compiler {
    const char *name, *src;
    tpl_toks toks;
    char **err;
    size_t stack[TPL_MAX_NESTING]; /* open tags (match) or open nodes (build) */
    size_t depth;
    /* build */
    tpl_node *nodes;
    size_t nnodes, ncap;
    tpl_seg *segs;
    size_t nsegs, scap;
    buf pool;
    size_t open_text; /* node that following text may extend, or NONE */
    int pending_bol;  /* a line started at a tag that makes no node */
} compiler;

char *tpl_verrf(const char *name, unsigned line, unsigned col, const char *fmt, va_list ap)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "%s:%u:%u: ", name, line, col);
    buf_vprintf(&b, fmt, ap);
    return buf_detach(&b, NULL);
}

char *tpl_errf(const char *name, unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    char *e;
    va_start(ap, fmt);
    e = tpl_verrf(name, line, col, fmt, ap);
    va_end(ap);
    return e;
}

static int fail_at(compiler *c, unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    *c->err = tpl_verrf(c->name, line, col, fmt, ap);
    va_end(ap);
    return -1;
}

static tpl_tok *tok(compiler *c, size_t i)
{
    return &c->toks.v[i];
}

static const char *tok_name(compiler *c, size_t i)
{
    return c->src + tok(c, i)->name;
}

static int is_open(tpl_tok_type t)
{
    return t == TK_SECTION || t == TK_INVERTED || t == TK_PARENT || t == TK_BLOCK;
}

static const char *kind_word(tpl_tok_type t)
{
    switch (t) {
    case TK_INVERTED: return "inverted section";
    case TK_PARENT: return "parent";
    case TK_BLOCK: return "block";
    default: return "section";
    }
}

/* ---- pass 1: match ---- */

typedef int (*match_fn)(compiler *c, size_t i);

/* Only blocks may sit directly inside a parent (text is allowed and ignored). */
static int check_not_in_parent(compiler *c, size_t i)
{
    const tpl_tok *p = NULL, *tk = tok(c, i);
    if (!c->depth || tok(c, c->stack[c->depth - 1])->type != TK_PARENT)
        return 0;
    p = tok(c, c->stack[c->depth - 1]);
    return fail_at(c, tk->line, tk->col,
                   "tag '%.*s' is directly inside parent '%.*s' (opened at %u:%u): only blocks "
                   "may appear there",
                   (int)tk->len, c->src + tk->off, (int)p->namelen, c->src + p->name, p->line,
                   p->col);
}

/* A block given to parent p (token index) must not be given twice. */
static int check_block_once(compiler *c, size_t p, size_t i)
{
    const tpl_tok *tk = tok(c, i), *o = NULL;
    size_t j = p + 1;
    while (j < i) {
        o = tok(c, j);
        if (o->type == TK_BLOCK && o->namelen == tk->namelen &&
            memcmp(c->src + o->name, c->src + tk->name, tk->namelen) == 0)
            return fail_at(c, tk->line, tk->col,
                           "block '%.*s' is given twice to parent '%.*s' (first at %u:%u)",
                           (int)tk->namelen, tok_name(c, i), (int)tok(c, p)->namelen,
                           tok_name(c, p), o->line, o->col);
        j = is_open(o->type) ? o->match + 1 : j + 1;
    }
    return 0;
}

static int match_none(compiler *c, size_t i)
{
    (void)c;
    (void)i;
    return 0;
}

static int match_leaf(compiler *c, size_t i)
{
    return check_not_in_parent(c, i);
}

static int match_open(compiler *c, size_t i)
{
    const tpl_tok *tk = tok(c, i);
    int in_parent = c->depth && tok(c, c->stack[c->depth - 1])->type == TK_PARENT;
    if (tk->type != TK_BLOCK && check_not_in_parent(c, i))
        return -1;
    if (tk->type == TK_BLOCK && in_parent && check_block_once(c, c->stack[c->depth - 1], i))
        return -1;
    if (c->depth == TPL_MAX_NESTING)
        return fail_at(c, tk->line, tk->col, "%s '%.*s' nested too deeply (more than %d levels)",
                       kind_word(tk->type), (int)tk->namelen, tok_name(c, i), TPL_MAX_NESTING);
    c->stack[c->depth++] = i;
    return 0;
}

static int match_close(compiler *c, size_t i)
{
    tpl_tok *tk = tok(c, i), *o = NULL;
    if (!c->depth)
        return fail_at(c, tk->line, tk->col, "unexpected closing tag '/%.*s' (no section is open)",
                       (int)tk->namelen, tok_name(c, i));
    o = tok(c, c->stack[c->depth - 1]);
    if (o->namelen != tk->namelen || memcmp(c->src + o->name, c->src + tk->name, tk->namelen))
        return fail_at(c, tk->line, tk->col,
                       "closing tag '/%.*s' does not match open %s '%.*s' (opened at %u:%u)",
                       (int)tk->namelen, tok_name(c, i), kind_word(o->type), (int)o->namelen,
                       c->src + o->name, o->line, o->col);
    o->match = i;
    tk->match = c->stack[--c->depth];
    return 0;
}

static const match_fn match_fns[TK_KINDS] = {
    [TK_TEXT] = match_none,      [TK_VAR] = match_leaf,     [TK_RAW] = match_leaf,
    [TK_SECTION] = match_open,   [TK_INVERTED] = match_open, [TK_CLOSE] = match_close,
    [TK_COMMENT] = match_none,   [TK_DELIM] = match_none,   [TK_PARTIAL] = match_leaf,
    [TK_PARENT] = match_open,    [TK_BLOCK] = match_open,
};

static int match_all(compiler *c)
{
    size_t i;
    const tpl_tok *o = NULL;
    c->depth = 0;
    for (i = 0; i < c->toks.n; i++) {
        if (match_fns[tok(c, i)->type](c, i))
            return -1;
    }
    if (!c->depth)
        return 0;
    o = tok(c, c->stack[c->depth - 1]);
    return fail_at(c, c->toks.eof_line, c->toks.eof_col,
                   "%s '%.*s' opened at %u:%u is never closed",
                   kind_word(o->type), (int)o->namelen, c->src + o->name, o->line, o->col);
}

/* ---- pass 2: standalone lines and indentation ---- */

static int ends_line(compiler *c, size_t i)
{
    const tpl_tok *tk = tok(c, i);
    return tk->type == TK_TEXT && c->src[tk->off + tk->len - 1] == '\n';
}

/* Length of the run of spaces and tabs at the start of text token i. */
static size_t lead_ws(compiler *c, size_t i)
{
    const tpl_tok *tk = tok(c, i);
    size_t n = 0;
    while (n < tk->len && (c->src[tk->off + n] == ' ' || c->src[tk->off + n] == '\t'))
        n++;
    return n;
}

/* Text token i is only spaces and tabs, then (if nl) "\n" or "\r\n". */
static int blank_text(compiler *c, size_t i, int nl)
{
    const tpl_tok *tk = tok(c, i);
    size_t n = lead_ws(c, i);
    if (tk->type != TK_TEXT)
        return 0;
    if (!nl)
        return n == tk->len;
    if (n < tk->len && c->src[tk->off + n] == '\r')
        n++;
    return n + 1 == tk->len && c->src[tk->off + n] == '\n';
}

static int may_stand_alone(tpl_tok_type t)
{
    return t != TK_TEXT && t != TK_VAR && t != TK_RAW;
}

/* Parent and block tags may share a standalone line ("{{<p}}{{$b}}", "{{/b}}{{/p}}"), except a
 * block opened and closed on it ("{{$b}}{{/b}}" keeps its line). */
static int tags_stand_alone(compiler *c, size_t b, size_t e)
{
    size_t j;
    for (j = b; j < e; j++) {
        if (!may_stand_alone(tok(c, j)->type))
            return 0;
    }
    if (e - b == 1)
        return 1;
    for (j = b; j < e; j++) {
        const tpl_tok *tk = tok(c, j);
        tpl_tok_type t = tk->type == TK_CLOSE ? tok(c, tk->match)->type : tk->type;
        if (t != TK_PARENT && t != TK_BLOCK)
            return 0;
        if (tk->type == TK_BLOCK && j + 1 < e && tok(c, j + 1)->match == j)
            return 0;
    }
    return 1;
}

/* Decide for the line of tokens [b, e). */
static void mark_line(compiler *c, size_t b, size_t e)
{
    size_t tb = b, te = e, j;
    int lead = blank_text(c, b, 0);
    if (lead)
        tb++;
    if (te > tb && tok(c, te - 1)->type == TK_TEXT &&
        (blank_text(c, te - 1, 1) || (te == c->toks.n && blank_text(c, te - 1, 0))))
        te--;
    if (tb == te || !tags_stand_alone(c, tb, te)) {
        tok(c, b)->bol = 1;
        return;
    }
    tok(c, b)->drop = (unsigned char)lead;
    if (te < e)
        tok(c, te)->drop = 1;
    for (j = tb; j < te; j++) {
        tpl_tok *tk = tok(c, j);
        tk->standalone = 1;
        tk->ws = tok(c, b)->off;
        tk->wslen = lead ? tok(c, b)->len : 0;
    }
}

static void mark_standalone(compiler *c)
{
    size_t b = 0, e;
    while (b < c->toks.n) {
        e = b;
        while (e < c->toks.n && !ends_line(c, e))
            e++;
        if (e < c->toks.n)
            e++;
        mark_line(c, b, e);
        b = e;
    }
}

/* The indentation common to the non-blank output lines that start in tokens (b, e): 1 and
 * *off and *len, or 0 when no line starts there. */
static int common_indent(compiler *c, size_t b, size_t e, size_t *off, size_t *len)
{
    size_t j, n, k;
    int found = 0;
    for (j = b + 1; j < e; j++) {
        const tpl_tok *tk = tok(c, j);
        if (!tk->bol || (tk->type == TK_TEXT && blank_text(c, j, 1)))
            continue;
        n = tk->type == TK_TEXT ? lead_ws(c, j) : 0;
        if (!found) {
            *off = tk->off;
            *len = n;
            found = 1;
            continue;
        }
        for (k = 0; k < n && k < *len && c->src[*off + k] == c->src[tk->off + k]; k++)
            ;
        *len = k;
    }
    return found;
}

/* Block i: strip (its content's indentation) and ws (where given content goes). */
static void block_indent(compiler *c, size_t i)
{
    tpl_tok *tk = tok(c, i), *prev = i ? tok(c, i - 1) : NULL;
    size_t off = 0, len = 0;
    int found = common_indent(c, i, tk->match, &off, &len);
    tk->strip = found ? len : 0;
    if (tk->standalone) {
        if (found) {
            tk->ws = off;
            tk->wslen = len;
        }
    } else if (!tk->bol && prev && prev->bol && !prev->drop && blank_text(c, i - 1, 0)) {
        tk->ws = prev->off;
        tk->wslen = prev->len;
    } else {
        tk->ws = tk->off;
        tk->wslen = 0;
    }
}

static void mark_indents(compiler *c)
{
    size_t i;
    for (i = 0; i < c->toks.n; i++) {
        if (tok(c, i)->type == TK_BLOCK)
            block_indent(c, i);
    }
}

/* ---- pass 3: build ---- */

typedef int (*build_fn)(compiler *c, size_t i);

static uint32_t pool_add(compiler *c, const char *s, size_t n, int nul)
{
    size_t at = c->pool.len;
    buf_append(&c->pool, s, n);
    if (nul)
        buf_putc(&c->pool, '\0');
    return (uint32_t)at;
}

static tpl_node *node_at(compiler *c, size_t i)
{
    return &c->nodes[i];
}

/* A new node of kind for token i; returns its index. */
static size_t new_node(compiler *c, tpl_node_kind kind, size_t i)
{
    const tpl_tok *tk = tok(c, i);
    tpl_node *n = NULL;
    if (c->nnodes == c->ncap) {
        c->ncap = c->ncap ? c->ncap * 2 : 32;
        c->nodes = xrealloc(c->nodes, c->ncap * sizeof *c->nodes);
    }
    n = &c->nodes[c->nnodes];
    memset(n, 0, sizeof *n);
    n->kind = (unsigned char)kind;
    n->bol = (unsigned char)(tk->bol || c->pending_bol);
    n->line = tk->line;
    n->col = tk->col;
    n->next = (uint32_t)(c->nnodes + 1);
    c->pending_bol = 0;
    c->open_text = NONE;
    return c->nnodes++;
}

/* Give node ni token i's name (NUL-terminated) and, for data names, its dotted parts. */
static void set_name(compiler *c, size_t ni, size_t i, int data)
{
    const tpl_tok *tk = tok(c, i);
    const char *s = c->src + tk->name;
    size_t k = 0, start = 0;
    uint32_t at = pool_add(c, s, tk->namelen, 1);
    tpl_node *n = node_at(c, ni);
    n->str = at;
    n->len = (uint32_t)tk->namelen;
    n->seg = (uint32_t)c->nsegs;
    if (!data || (tk->namelen == 1 && s[0] == '.'))
        return;
    for (k = 0; k <= tk->namelen; k++) {
        if (k < tk->namelen && s[k] != '.')
            continue;
        if (c->nsegs == c->scap) {
            c->scap = c->scap ? c->scap * 2 : 16;
            c->segs = xrealloc(c->segs, c->scap * sizeof *c->segs);
        }
        c->segs[c->nsegs].off = at + (uint32_t)start;
        c->segs[c->nsegs].len = (uint32_t)(k - start);
        c->nsegs++;
        node_at(c, ni)->nseg++;
        start = k + 1;
    }
}

static void set_ws(compiler *c, size_t ni, size_t i)
{
    const tpl_tok *tk = tok(c, i);
    uint32_t at = pool_add(c, c->src + tk->ws, tk->wslen, 0);
    tpl_node *n = node_at(c, ni);
    n->ws = at;
    n->wslen = (uint32_t)tk->wslen;
    n->standalone = tk->standalone;
}

static int in_parent(compiler *c)
{
    return c->depth && node_at(c, c->stack[c->depth - 1])->kind == N_PARENT;
}

static int build_text(compiler *c, size_t i)
{
    const tpl_tok *tk = tok(c, i);
    size_t ni;
    if (tk->drop || in_parent(c))
        return 0;
    if (c->open_text != NONE) {
        pool_add(c, c->src + tk->off, tk->len, 0);
        node_at(c, c->open_text)->len += (uint32_t)tk->len;
        c->pending_bol = 0;
        return 0;
    }
    ni = new_node(c, N_TEXT, i);
    node_at(c, ni)->str = pool_add(c, c->src + tk->off, tk->len, 0);
    node_at(c, ni)->len = (uint32_t)tk->len;
    c->open_text = ni;
    return 0;
}

static int build_var(compiler *c, size_t i)
{
    size_t ni = new_node(c, tok(c, i)->type == TK_VAR ? N_VAR : N_RAW, i);
    set_name(c, ni, i, 1);
    return 0;
}

/* A partial or parent node for token i; returns its index. */
static size_t template_ref(compiler *c, tpl_node_kind kind, size_t i)
{
    size_t ni = new_node(c, kind, i);
    node_at(c, ni)->dynamic = tok(c, i)->dynamic;
    set_name(c, ni, i, tok(c, i)->dynamic);
    set_ws(c, ni, i);
    return ni;
}

static int build_partial(compiler *c, size_t i)
{
    template_ref(c, N_PARTIAL, i);
    return 0;
}

static int build_section(compiler *c, size_t i)
{
    size_t ni = new_node(c, tok(c, i)->type == TK_SECTION ? N_SECTION : N_INVERTED, i);
    set_name(c, ni, i, 1);
    c->stack[c->depth++] = ni;
    return 0;
}

static int build_parent(compiler *c, size_t i)
{
    c->stack[c->depth++] = template_ref(c, N_PARENT, i);
    return 0;
}

static int build_block(compiler *c, size_t i)
{
    size_t ni = new_node(c, N_BLOCK, i);
    set_name(c, ni, i, 0);
    set_ws(c, ni, i);
    node_at(c, ni)->strip = (uint32_t)tok(c, i)->strip;
    c->stack[c->depth++] = ni;
    return 0;
}

/* A line that starts at a closing tag starts at whatever follows; nothing inside a parent
 * (only blocks are kept there) starts a line. */
static int build_close(compiler *c, size_t i)
{
    size_t ni = c->stack[--c->depth];
    node_at(c, ni)->next = (uint32_t)c->nnodes;
    c->open_text = NONE;
    if (node_at(c, ni)->kind == N_PARENT)
        c->pending_bol = 0;
    c->pending_bol = !in_parent(c) && (c->pending_bol || tok(c, i)->bol);
    return 0;
}

static int build_nothing(compiler *c, size_t i)
{
    c->pending_bol |= tok(c, i)->bol && !in_parent(c);
    return 0;
}

static const build_fn build_fns[TK_KINDS] = {
    [TK_TEXT] = build_text,        [TK_VAR] = build_var,          [TK_RAW] = build_var,
    [TK_SECTION] = build_section,  [TK_INVERTED] = build_section, [TK_CLOSE] = build_close,
    [TK_COMMENT] = build_nothing,  [TK_DELIM] = build_nothing,    [TK_PARTIAL] = build_partial,
    [TK_PARENT] = build_parent,    [TK_BLOCK] = build_block,
};

static tpl_template *build(compiler *c)
{
    tpl_template *t = NULL;
    size_t i;
    c->depth = 0;
    c->open_text = NONE;
    for (i = 0; i < c->toks.n; i++)
        build_fns[tok(c, i)->type](c, i);
    t = xcalloc(1, sizeof *t);
    t->name = xstrdup(c->name);
    t->nodes = c->nodes;
    t->nnodes = (uint32_t)c->nnodes;
    t->segs = c->segs;
    t->pool = buf_detach(&c->pool, NULL);
    c->nodes = NULL;
    c->segs = NULL;
    return t;
}

tpl_template *tpl_compile_source(const char *name, const char *src, size_t len, char **err)
{
    compiler c;
    tpl_template *t = NULL;
    memset(&c, 0, sizeof c);
    c.name = name;
    c.src = src;
    c.err = err;
    buf_init(&c.pool);
    if (len > TPL_MAX_SOURCE) {
        *err = tpl_errf(name, 1, 1, "template too large (%zu bytes)", len);
        goto out;
    }
    if (tpl_lex(name, src, len, &c.toks, err) || match_all(&c))
        goto out;
    mark_standalone(&c);
    mark_indents(&c);
    t = build(&c);
out:
    free(c.toks.v);
    free(c.nodes);
    free(c.segs);
    buf_free(&c.pool);
    return t;
}

void tpl_template_free(tpl_template *t)
{
    if (!t)
        return;
    free(t->name);
    free(t->nodes);
    free(t->pool);
    free(t->segs);
    free(t);
}

static const int name_kinds[N_KINDS] = {
    [N_TEXT] = -1,
    [N_VAR] = TPL_NAME_VAR,
    [N_RAW] = TPL_NAME_VAR,
    [N_SECTION] = TPL_NAME_SECTION,
    [N_INVERTED] = TPL_NAME_INVERTED,
    [N_PARTIAL] = TPL_NAME_PARTIAL,
    [N_PARENT] = TPL_NAME_PARENT,
    [N_BLOCK] = TPL_NAME_BLOCK,
};

void tpl_names(const tpl_template *t,
               void (*cb)(void *ud, const char *name, unsigned line, unsigned col, int kind),
               void *ud)
{
    uint32_t i;
    for (i = 0; i < t->nnodes; i++) {
        const tpl_node *n = &t->nodes[i];
        int kind = n->dynamic ? TPL_NAME_DYNAMIC : name_kinds[n->kind];
        if (kind >= 0)
            cb(ud, t->pool + n->str, n->line, n->col, kind);
    }
}

const char *tpl_name(const tpl_template *t)
{
    return t->name;
}
