/* tpl_render: walk a compiled template against the caller's data. All state lives in one
 * rstate per tpl_render call plus small frames on the C stack (context stack, indentation,
 * block substitutions), so concurrent renders share nothing but immutable templates and the
 * env's locked cache. One handler per node kind. */
#include "tpl_internal.h"
#include "../util/mem.h"
#include <stdlib.h>
#include <string.h>

typedef struct ctxf {          /* the context stack, innermost first */
    const void *v;
    const struct ctxf *up;
    int is_map;                /* v is a map: the only frames a name is looked up in */
} ctxf;

typedef struct indent {        /* applied at each output line start, innermost first */
    const struct indent *up;
    size_t strip;              /* drop up to this many leading whitespace bytes */
    const char *add;           /* then prepend this */
    size_t addlen;
} indent;

typedef struct subst {         /* the parents being rendered: their blocks replace others */
    const struct subst *up;
    const tpl_template *t;
    uint32_t parent;           /* index of the parent node in t */
} subst;

typedef struct rstate {
    tpl_env *env;
    const tpl_data *ops;
    buf *out;
    char *err;
    unsigned partials, depth;  /* current partial/parent nesting, total nesting */
    const indent *ind;
    const subst *subs;
    int glue;                  /* the next line start continues the line of a block tag */
    buf scratch;
} rstate;

typedef int (*node_fn)(rstate *st, const tpl_template *t, const tpl_node *n, const ctxf *ctx);

static int render_range(rstate *st, const tpl_template *t, uint32_t b, uint32_t e,
                        const ctxf *ctx);

static int fail(rstate *st, const tpl_template *t, const tpl_node *n, const char *what)
{
    st->err = tpl_errf(t->name, n->line, n->col, "%s '%s' nested too deeply (recursion?)", what,
                       t->pool + n->str);
    return -1;
}

/* ---- output and indentation ---- */

static void prepend(buf *b, const char *s, size_t n)
{
    if (!n)
        return;
    buf_grow(b, n);
    memmove(b->data + n, b->data, b->len);
    memcpy(b->data, s, n);
    b->len += n;
}

/* An output line starts whose source indentation is ws[0, n): emit it transformed by every
 * indentation frame (or, glued to a block tag's line, only stripped by the innermost). */
static void line_start(rstate *st, const char *ws, size_t n)
{
    const indent *f = st->ind;
    buf *s = &st->scratch;
    size_t k;
    if (st->glue) {
        k = f && f->strip < n ? f->strip : f ? n : 0;
        buf_append(st->out, ws + k, n - k);
        st->glue = 0;
        return;
    }
    buf_reset(s);
    buf_append(s, ws, n);
    for (; f; f = f->up) {
        k = f->strip < s->len ? f->strip : s->len;
        if (k) {
            memmove(s->data, s->data + k, s->len - k);
            s->len -= k;
        }
        prepend(s, f->add, f->addlen);
    }
    buf_append(st->out, s->data, s->len);
}

static void emit(rstate *st, const char *s, size_t n)
{
    if (n)
        st->glue = 0;
    buf_append(st->out, s, n);
}

/* Text that holds line starts (after each inner '\n', and at 0 if bol) under indentation. */
static void text_indented(rstate *st, const char *s, size_t len, int bol)
{
    size_t p = 0, w, q;
    const char *nl = NULL;
    if (!bol) {
        nl = memchr(s, '\n', len);
        p = nl ? (size_t)(nl - s) + 1 : len;
        emit(st, s, p);
    }
    while (p < len) {
        for (w = p; w < len && (s[w] == ' ' || s[w] == '\t'); w++)
            ;
        line_start(st, s + p, w - p);
        nl = memchr(s + w, '\n', len - w);
        q = nl ? (size_t)(nl - s) + 1 : len;
        emit(st, s + w, q - w);
        p = q;
    }
}

/* ---- data ---- */

/* The value of node n's data name in ctx, or NULL when missing. */
static const void *lookup(rstate *st, const tpl_template *t, const tpl_node *n, const ctxf *ctx)
{
    const tpl_data *ops = st->ops;
    const tpl_seg *seg = NULL;
    const void *v = NULL;
    uint32_t i;
    if (!n->nseg)   /* the implicit iterator (a template may then have no segments at all) */
        return ctx ? ctx->v : NULL;
    seg = t->segs + n->seg;
    for (; ctx && !v; ctx = ctx->up) {
        if (ctx->is_map)
            v = ops->get(ctx->v, t->pool + seg[0].off, seg[0].len);
    }
    for (i = 1; i < n->nseg && v; i++)
        v = ops->kind(v) == TPL_MAP ? ops->get(v, t->pool + seg[i].off, seg[i].len) : NULL;
    return v;
}

/* Whether a section over v renders (the rules of tpl.h): missing, null, false, an empty list
 * and the empty string are false. */
static int truthy(const tpl_data *ops, const void *v)
{
    size_t len = 0;
    if (!v)
        return 0;
    switch (ops->kind(v)) {
    case TPL_NULL: return 0;
    case TPL_BOOL: return ops->boolean(v) != 0;
    case TPL_LIST: return ops->count(v) > 0;
    case TPL_STRING: return ops->text(v, &len) != NULL && len > 0;
    default: return 1;
    }
}

/* How v interpolates: its text, or NULL for nothing. */
static const char *value_text(const tpl_data *ops, const void *v, size_t *len)
{
    tpl_kind k = ops->kind(v);
    if (k == TPL_STRING || k == TPL_NUMBER)
        return ops->text(v, len);
    if (k == TPL_BOOL) {
        *len = ops->boolean(v) ? 4 : 5;
        return ops->boolean(v) ? "true" : "false";
    }
    return NULL;
}

/* ---- node handlers ---- */

static int r_text(rstate *st, const tpl_template *t, const tpl_node *n, const ctxf *ctx)
{
    (void)ctx;
    if (!st->ind) {
        emit(st, t->pool + n->str, n->len);
        return 0;
    }
    text_indented(st, t->pool + n->str, n->len, n->bol);
    return 0;
}

/* s[0, len) holds a character that HTML escaping replaces. */
static int needs_escape(const char *s, size_t len)
{
    static const unsigned char special[256] = {
        ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
    };
    size_t i;
    for (i = 0; i < len; i++) {
        if (special[(unsigned char)s[i]])
            return 1;
    }
    return 0;
}

static int r_var(rstate *st, const tpl_template *t, const tpl_node *n, const ctxf *ctx)
{
    const void *v = lookup(st, t, n, ctx);
    const char *s = NULL;
    size_t len = 0;
    if (!v || !(s = value_text(st->ops, v, &len)) || !len)
        return 0;
    st->glue = 0;
    if (n->kind == N_VAR && needs_escape(s, len))
        buf_append_html(st->out, s, len);
    else
        buf_append(st->out, s, len);
    return 0;
}

static int r_section(rstate *st, const tpl_template *t, const tpl_node *n, const ctxf *ctx)
{
    const tpl_data *ops = st->ops;
    const void *v = lookup(st, t, n, ctx);
    uint32_t body = (uint32_t)(n - t->nodes) + 1;
    ctxf f;
    size_t i, count;
    int rc = 0;
    if (!truthy(ops, v))
        return 0;
    if (++st->depth > TPL_MAX_RENDER_DEPTH)
        return fail(st, t, n, "section");
    f.up = ctx;
    if (ops->kind(v) == TPL_LIST) {
        count = ops->count(v);
        for (i = 0; i < count && !rc; i++) {
            f.v = ops->item(v, i);
            f.is_map = f.v && ops->kind(f.v) == TPL_MAP;
            rc = render_range(st, t, body, n->next, &f);
        }
    } else {
        f.v = v;
        f.is_map = ops->kind(v) == TPL_MAP;
        rc = render_range(st, t, body, n->next, ops->kind(v) == TPL_BOOL ? ctx : &f);
    }
    st->depth--;
    return rc;
}

static int r_inverted(rstate *st, const tpl_template *t, const tpl_node *n, const ctxf *ctx)
{
    int rc;
    if (truthy(st->ops, lookup(st, t, n, ctx)))
        return 0;
    if (++st->depth > TPL_MAX_RENDER_DEPTH)
        return fail(st, t, n, "inverted section");
    rc = render_range(st, t, (uint32_t)(n - t->nodes) + 1, n->next, ctx);
    st->depth--;
    return rc;
}

/* The template a partial or parent node names: 1 and *p, 0 when there is none, -1 on error. */
static int target(rstate *st, const tpl_template *t, const tpl_node *n, const ctxf *ctx,
                  const tpl_template **p)
{
    const char *name = t->pool + n->str, *cerr = NULL;
    size_t len = n->len;
    const void *v = NULL;
    int rc;
    if (n->dynamic) {
        v = lookup(st, t, n, ctx);
        if (!v || (st->ops->kind(v) != TPL_STRING && st->ops->kind(v) != TPL_NUMBER))
            return 0;
        name = st->ops->text(v, &len);
        if (!name || memchr(name, '\0', len))
            return 0;
    }
    if (st->partials >= TPL_MAX_PARTIAL_DEPTH || st->depth >= TPL_MAX_RENDER_DEPTH)
        return fail(st, t, n, n->kind == N_PARENT ? "parent" : "partial");
    rc = tpl_env_fetch(st->env, name, len, p, &cerr);
    if (rc < 0)
        st->err = tpl_errf(t->name, n->line, n->col, "%s '%.*s' does not compile: %s",
                           n->kind == N_PARENT ? "parent" : "partial", (int)len, name, cerr);
    return rc;
}

/* Render template p in place of node n of t (indented if n is standalone) with substitutions
 * subs. */
static int include(rstate *st, const tpl_template *t, const tpl_template *p, const tpl_node *n,
                   const ctxf *ctx, const subst *subs)
{
    const indent *saved_ind = st->ind;
    const subst *saved_subs = st->subs;
    indent f;
    int rc;
    if (!n->standalone) {
        st->ind = NULL;
    } else if (n->wslen) {
        f.up = st->ind;
        f.strip = 0;
        f.add = t->pool + n->ws;
        f.addlen = n->wslen;
        st->ind = &f;
    }
    st->subs = subs;
    st->partials++;
    st->depth++;
    rc = render_range(st, p, 0, p->nnodes, ctx);
    st->depth--;
    st->partials--;
    st->ind = saved_ind;
    st->subs = saved_subs;
    return rc;
}

static int r_partial(rstate *st, const tpl_template *t, const tpl_node *n, const ctxf *ctx)
{
    const tpl_template *p = NULL;
    int rc = target(st, t, n, ctx, &p);
    if (rc <= 0)
        return rc;
    return include(st, t, p, n, ctx, st->subs);
}

static int r_parent(rstate *st, const tpl_template *t, const tpl_node *n, const ctxf *ctx)
{
    const tpl_template *p = NULL;
    subst s;
    int rc = target(st, t, n, ctx, &p);
    if (rc <= 0)
        return rc;
    s.up = st->subs;
    s.t = t;
    s.parent = (uint32_t)(n - t->nodes);
    return include(st, t, p, n, ctx, &s);
}

/* The block named name given to parent node pi of t: its index, or 0 (never a block's). */
static uint32_t find_arg(const tpl_template *t, uint32_t pi, const char *name)
{
    uint32_t i = pi + 1;
    for (; i < t->nodes[pi].next; i = t->nodes[i].next) {
        if (strcmp(t->pool + t->nodes[i].str, name) == 0)
            return i;
    }
    return 0;
}

static int r_block(rstate *st, const tpl_template *t, const tpl_node *n, const ctxf *ctx)
{
    const char *name = t->pool + n->str;
    const tpl_template *at = NULL;
    const indent *saved = st->ind;
    const subst *s = NULL;
    uint32_t ai = 0, k;
    indent f;
    int rc;
    for (s = st->subs; s; s = s->up) { /* the outermost substitution wins */
        if ((k = find_arg(s->t, s->parent, name)) != 0) {
            at = s->t;
            ai = k;
        }
    }
    if (++st->depth > TPL_MAX_RENDER_DEPTH)
        return fail(st, t, n, "block");
    if (!at) {
        rc = render_range(st, t, (uint32_t)(n - t->nodes) + 1, n->next, ctx);
    } else {
        f.up = st->ind;
        f.strip = at->nodes[ai].strip;
        f.add = t->pool + n->ws;
        f.addlen = n->wslen;
        st->ind = &f;
        st->glue = !n->standalone;
        rc = render_range(st, at, ai + 1, at->nodes[ai].next, ctx);
        st->glue = 0;
        st->ind = saved;
    }
    st->depth--;
    return rc;
}

static const node_fn node_fns[N_KINDS] = {
    [N_TEXT] = r_text,         [N_VAR] = r_var,           [N_RAW] = r_var,
    [N_SECTION] = r_section,   [N_INVERTED] = r_inverted, [N_PARTIAL] = r_partial,
    [N_PARENT] = r_parent,     [N_BLOCK] = r_block,
};

static int render_range(rstate *st, const tpl_template *t, uint32_t b, uint32_t e,
                        const ctxf *ctx)
{
    const tpl_node *n = NULL;
    uint32_t i;
    for (i = b; i < e; i = n->next) {
        n = &t->nodes[i];
        if (n->bol && st->ind && n->kind != N_TEXT)
            line_start(st, "", 0);
        if (node_fns[n->kind](st, t, n, ctx))
            return -1;
    }
    return 0;
}

int tpl_render(tpl_env *env, const tpl_template *t, const tpl_data *ops, const void *root, buf *out,
               char **err)
{
    rstate st;
    ctxf top;
    size_t start = out->len, flushed = out->flushed;
    int rc;
    memset(&st, 0, sizeof st);
    st.env = env;
    st.ops = ops;
    st.out = out;
    buf_init(&st.scratch);
    top.v = root;
    top.up = NULL;
    top.is_map = root && ops->kind(root) == TPL_MAP;
    rc = render_range(&st, t, 0, t->nnodes, root ? &top : NULL);
    buf_free(&st.scratch);
    if (rc) {
        if (out->flushed == flushed)   /* what a streaming out passed on cannot be taken back */
            out->len = start;
        *err = st.err;
    }
    return rc;
}
