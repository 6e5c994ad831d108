/* tpl_lex: template source -> tokens. One handler per tag type reads and checks the tag's
 * content; set-delimiter tags change the delimiters for the rest of the source. */
#include "tpl_internal.h"
#include "../util/buf.h"
#include "../util/mem.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND ((size_t)-1)

typedef struct lexer {
    const char *name, *src;
    size_t len;
    const char *otag, *ctag; /* current delimiters */
    size_t olen, clen;
    size_t at;               /* position tracking: offset whose line/col are known */
    unsigned line, col;
    tpl_toks *toks;
    char **err;
} lexer;

/* Reads the content [cs, ce) of tag tk (already pushed) and fills its name; 0 or -1 (error set). */
typedef int (*tag_fn)(lexer *lx, tpl_tok *tk, size_t cs, size_t ce);

typedef struct tag_kind {
    char sigil;          /* the character after the opening delimiter, 0 for plain {{x}} */
    tpl_tok_type type;
    char close_prefix;   /* '}' for {{{x}}}, '=' for {{=a b=}}, else 0 */
    tag_fn fn;
} tag_kind;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Line and column (1-based, columns count UTF-8 characters) of off; offs must not decrease. */
static void where(lexer *lx, size_t off, unsigned *line, unsigned *col)
{
    for (; lx->at < off; lx->at++) {
        unsigned char c = (unsigned char)lx->src[lx->at];
        if (c == '\n') {
            lx->line++;
            lx->col = 1;
        } else if ((c & 0xC0) != 0x80) {
            lx->col++;
        }
    }
    *line = lx->line;
    *col = lx->col;
}

/* Offset of the first pat (plen > 0 bytes) in src[from, to), or NOT_FOUND. */
static size_t find(const char *src, size_t from, size_t to, const char *pat, size_t plen)
{
    while (from + plen <= to) {
        const char *p = memchr(src + from, pat[0], to - from - plen + 1);
        if (!p)
            return NOT_FOUND;
        from = (size_t)(p - src);
        if (memcmp(p, pat, plen) == 0)
            return from;
        from++;
    }
    return NOT_FOUND;
}

static tpl_tok *push_tok(lexer *lx, tpl_tok_type type, size_t off, size_t len)
{
    tpl_toks *t = lx->toks;
    tpl_tok *tk = NULL;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->v = xrealloc(t->v, t->cap * sizeof *t->v);
    }
    tk = &t->v[t->n++];
    memset(tk, 0, sizeof *tk);
    tk->type = type;
    tk->off = off;
    tk->len = len;
    where(lx, off, &tk->line, &tk->col);
    return tk;
}

/* Set the error to "name:line:col: <fmt...>" at tk's position; returns -1. */
static int fail(lexer *lx, const tpl_tok *tk, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    *lx->err = tpl_verrf(lx->name, tk->line, tk->col, fmt, ap);
    va_end(ap);
    return -1;
}

/* Literal text src[from, to) as tokens, one per line piece (each ends at a '\n' or at to). */
static void lex_text(lexer *lx, size_t from, size_t to)
{
    while (from < to) {
        const char *nl = memchr(lx->src + from, '\n', to - from);
        size_t end = nl ? (size_t)(nl - lx->src) + 1 : to;
        push_tok(lx, TK_TEXT, from, end - from);
        from = end;
    }
}

/* Trim [*cs, *ce) of surrounding whitespace. */
static void trim(const char *src, size_t *cs, size_t *ce)
{
    while (*cs < *ce && is_space(src[*cs]))
        (*cs)++;
    while (*ce > *cs && is_space(src[*ce - 1]))
        (*ce)--;
}

/* The trimmed content [cs, ce) becomes tk's name: not empty, no inner whitespace. */
static int take_name(lexer *lx, tpl_tok *tk, size_t cs, size_t ce)
{
    const char *tag = lx->src + tk->off;
    size_t i;
    trim(lx->src, &cs, &ce);
    if (cs == ce)
        return fail(lx, tk, "empty tag name in '%.*s'", (int)tk->len, tag);
    for (i = cs; i < ce; i++) {
        if (is_space(lx->src[i]))
            return fail(lx, tk, "bad tag name '%.*s' in '%.*s' (names cannot contain spaces)",
                        (int)(ce - cs), lx->src + cs, (int)tk->len, tag);
    }
    tk->name = cs;
    tk->namelen = ce - cs;
    return 0;
}

/* tk's name must be a data name: "." or dot-separated non-empty parts. */
static int check_dotted(lexer *lx, const tpl_tok *tk)
{
    const char *s = lx->src + tk->name;
    size_t n = tk->namelen, i;
    int bad = 0;
    if (n == 1 && s[0] == '.')
        return 0;
    bad = s[0] == '.' || s[n - 1] == '.';
    for (i = 1; i < n && !bad; i++)
        bad = s[i] == '.' && s[i - 1] == '.';
    if (bad)
        return fail(lx, tk, "bad name '%.*s' in '%.*s' (a dotted name has an empty part)", (int)n,
                    s, (int)tk->len, lx->src + tk->off);
    return 0;
}

/* {{x}} {{{x}}} {{&x}} {{#x}} {{^x}}: a data name. */
static int lex_data_name(lexer *lx, tpl_tok *tk, size_t cs, size_t ce)
{
    if (take_name(lx, tk, cs, ce))
        return -1;
    return check_dotted(lx, tk);
}

/* {{/x}}: any name; matching against the open tag happens later. */
static int lex_close(lexer *lx, tpl_tok *tk, size_t cs, size_t ce)
{
    return take_name(lx, tk, cs, ce);
}

/* {{! ...}}: anything goes. */
static int lex_comment(lexer *lx, tpl_tok *tk, size_t cs, size_t ce)
{
    (void)lx;
    (void)tk;
    (void)cs;
    (void)ce;
    return 0;
}

/* {{>x}} {{<x}}: a template name, or '*' and a data name whose value names the template. */
static int lex_template_name(lexer *lx, tpl_tok *tk, size_t cs, size_t ce)
{
    trim(lx->src, &cs, &ce);
    if (cs < ce && lx->src[cs] == '*') {
        tk->dynamic = 1;
        if (take_name(lx, tk, cs + 1, ce))
            return -1;
        return check_dotted(lx, tk);
    }
    return take_name(lx, tk, cs, ce);
}

/* {{$x}}: a block name (its own namespace; never dynamic). */
static int lex_block_name(lexer *lx, tpl_tok *tk, size_t cs, size_t ce)
{
    if (take_name(lx, tk, cs, ce))
        return -1;
    if (lx->src[tk->name] == '*')
        return fail(lx, tk, "block tag '$%.*s' cannot use a dynamic name", (int)tk->namelen,
                    lx->src + tk->name);
    return 0;
}

/* Length of the run of non-space characters at s[from, to) that has no '='; sets *eq if one. */
static size_t delim_run(const char *s, size_t from, size_t to, int *eq)
{
    size_t i = from;
    while (i < to && !is_space(s[i])) {
        if (s[i] == '=')
            *eq = 1;
        i++;
    }
    return i - from;
}

/* {{=open close=}}: two delimiters, no '=' nor spaces in them; they apply after this tag. */
static int lex_delim(lexer *lx, tpl_tok *tk, size_t cs, size_t ce)
{
    const char *s = lx->src;
    size_t a, alen, b, blen;
    int eq = 0;
    trim(s, &cs, &ce);
    a = cs;
    alen = delim_run(s, a, ce, &eq);
    b = a + alen;
    while (b < ce && is_space(s[b]))
        b++;
    blen = delim_run(s, b, ce, &eq);
    if (!alen || !blen || b == a + alen || b + blen != ce || eq)
        return fail(lx, tk,
                    "bad delimiter change '%.*s' (expected two delimiters without '=' or spaces)",
                    (int)tk->len, s + tk->off);
    if (alen > TPL_MAX_DELIM || blen > TPL_MAX_DELIM)
        return fail(lx, tk, "bad delimiter change '%.*s' (delimiters are at most %d bytes)",
                    (int)tk->len, s + tk->off, TPL_MAX_DELIM);
    lx->otag = s + a;
    lx->olen = alen;
    lx->ctag = s + b;
    lx->clen = blen;
    return 0;
}

static const tag_kind tag_kinds[] = {
    {'{', TK_RAW, '}', lex_data_name},
    {'&', TK_RAW, 0, lex_data_name},
    {'#', TK_SECTION, 0, lex_data_name},
    {'^', TK_INVERTED, 0, lex_data_name},
    {'/', TK_CLOSE, 0, lex_close},
    {'!', TK_COMMENT, 0, lex_comment},
    {'=', TK_DELIM, '=', lex_delim},
    {'>', TK_PARTIAL, 0, lex_template_name},
    {'<', TK_PARENT, 0, lex_template_name},
    {'$', TK_BLOCK, 0, lex_block_name},
};
static const tag_kind plain_tag = {0, TK_VAR, 0, lex_data_name};

static const tag_kind *kind_of(char sigil)
{
    size_t i;
    for (i = 0; i < sizeof tag_kinds / sizeof tag_kinds[0]; i++) {
        if (tag_kinds[i].sigil == sigil)
            return &tag_kinds[i];
    }
    return &plain_tag;
}

/* The tag opening at offset tag: find its end, push its token and run its handler.
 * *next is set to the offset after the tag. */
static int lex_tag(lexer *lx, size_t tag, size_t *next)
{
    size_t p = tag + lx->olen, cs, q;
    const tag_kind *k = kind_of(p < lx->len ? lx->src[p] : '\0');
    char closer[TPL_MAX_DELIM + 1];
    size_t clen = 0;
    tpl_tok *tk = push_tok(lx, k->type, tag, 0);
    if (k->close_prefix)
        closer[clen++] = k->close_prefix;
    memcpy(closer + clen, lx->ctag, lx->clen);
    clen += lx->clen;
    cs = k->sigil ? p + 1 : p;
    q = find(lx->src, cs, lx->len, closer, clen);
    if (q != NOT_FOUND && k->type != TK_COMMENT && k->type != TK_DELIM &&
        find(lx->src, cs, q, lx->otag, lx->olen) != NOT_FOUND)
        q = NOT_FOUND; /* a new tag opens before this one closes */
    if (q == NOT_FOUND)
        return fail(lx, tk, "unclosed tag '%.*s%s' (expected '%.*s')", (int)lx->olen, lx->otag,
                    k->close_prefix == '}' ? "{" : k->close_prefix == '=' ? "=" : "", (int)clen,
                    closer);
    tk->len = q + clen - tag;
    *next = q + clen;
    return k->fn(lx, tk, cs, q);
}

int tpl_lex(const char *name, const char *src, size_t len, tpl_toks *toks, char **err)
{
    lexer lx;
    size_t pos = 0, tag;
    int rc = -1;
    memset(&lx, 0, sizeof lx);
    lx.name = name;
    lx.src = src;
    lx.len = len;
    lx.otag = "{{";
    lx.ctag = "}}";
    lx.olen = lx.clen = 2;
    lx.line = lx.col = 1;
    lx.toks = toks;
    lx.err = err;
    while (pos < len) {
        tag = find(src, pos, len, lx.otag, lx.olen);
        if (tag == NOT_FOUND)
            tag = len;
        lex_text(&lx, pos, tag);
        pos = tag;
        if (tag < len && lex_tag(&lx, tag, &pos))
            goto out;
    }
    where(&lx, len, &toks->eof_line, &toks->eof_col);
    rc = 0;
out:
    return rc;
}
