/* tpl_internal: what the engine's own files share (lexer, compiler, env cache, renderer).
 * Nothing here is part of the public API (tpl.h). */
#ifndef PLANSITE_TPL_INTERNAL_H
#define PLANSITE_TPL_INTERNAL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "tpl.h"

/* Total nesting of sections, partials, parents and blocks while rendering; keeps the C stack
 * bounded whatever the templates do. */
#define TPL_MAX_RENDER_DEPTH 1000
/* Longest delimiter a set-delimiter tag may choose. */
#define TPL_MAX_DELIM 32
/* Largest template source accepted (offsets are 32-bit). */
#define TPL_MAX_SOURCE ((size_t)1 << 30)

/* ---- tokens: the compiler's view of the source ---- */

typedef enum {
    TK_TEXT,     /* literal text; never spans a line end (split after each '\n') */
    TK_VAR,      /* {{x}} */
    TK_RAW,      /* {{{x}}} or {{& x}} */
    TK_SECTION,  /* {{#x}} */
    TK_INVERTED, /* {{^x}} */
    TK_CLOSE,    /* {{/x}} */
    TK_COMMENT,  /* {{! ...}} */
    TK_DELIM,    /* {{=a b=}} */
    TK_PARTIAL,  /* {{>x}} */
    TK_PARENT,   /* {{<x}} */
    TK_BLOCK,    /* {{$x}} */
    TK_KINDS
} tpl_tok_type;

typedef struct tpl_tok {
    tpl_tok_type type;
    unsigned char dynamic;    /* partial/parent: the name is a data name ('*') */
    unsigned char drop;       /* text removed because its line is standalone */
    unsigned char bol;        /* first token of a line that is not standalone */
    unsigned char standalone; /* tag alone (with whitespace) on its line */
    size_t off, len;          /* the whole text or tag in the source */
    size_t name, namelen;     /* tags: the trimmed name, without sigil or '*' */
    size_t match;             /* open tag: index of its closing tag; closing tag: of its open tag */
    size_t ws, wslen;         /* partial/parent/block: indentation (see tpl_compile.c) */
    size_t strip;             /* block: length of the indentation common to its content */
    unsigned line, col;       /* 1-based position of the token's first byte */
} tpl_tok;

typedef struct tpl_toks {
    tpl_tok *v;
    size_t n, cap;
    unsigned eof_line, eof_col; /* the position just past the source */
} tpl_toks;

/* Split src (len bytes) into tokens, following set-delimiter tags, and check each tag's name.
 * toks must be zeroed; it is filled (free toks->v with free() in every case). Returns 0, or -1
 * with *err a malloc'd "name:line:col: message". */
int tpl_lex(const char *name, const char *src, size_t len, tpl_toks *toks, char **err);

/* ---- compiled templates ---- */

typedef enum {
    N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK, N_KINDS
} tpl_node_kind;

typedef struct tpl_seg {
    uint32_t off, len; /* one part of a dotted name, in the pool */
} tpl_seg;

typedef struct tpl_node {
    unsigned char kind;       /* tpl_node_kind */
    unsigned char bol;        /* a source line starts at this node */
    unsigned char dynamic;    /* partial/parent: name is a data name */
    unsigned char standalone; /* partial/parent/block: its tag line was standalone */
    uint32_t next;            /* index of the node after this one and its body */
    uint32_t str, len;        /* text; or the name (NUL-terminated), in the pool */
    uint32_t seg, nseg;       /* data name parts in segs (nseg 0: the implicit iterator) */
    uint32_t ws, wslen;       /* partial/parent: indentation; block: target indentation */
    uint32_t strip;           /* block given to a parent: indentation to strip from its lines */
    unsigned line, col;
} tpl_node;

struct tpl_template {
    char *name;
    tpl_node *nodes; /* the tree, flattened: a container's body follows it, up to its next */
    uint32_t nnodes;
    char *pool;      /* texts, names and indentations */
    tpl_seg *segs;
    struct tpl_template *next_owned; /* the env's list of the templates it owns */
};

/* Compile src (len bytes) into a new template named name, not attached to any env. Returns it
 * (free with tpl_template_free) or NULL with *err a malloc'd "name:line:col: message". */
tpl_template *tpl_compile_source(const char *name, const char *src, size_t len, char **err);
/* Free a template (NULL is fine). */
void tpl_template_free(tpl_template *t);

/* A malloc'd "name:line:col: message" of any length (caller frees); ap used once, caller ends it. */
char *tpl_verrf(const char *name, unsigned line, unsigned col, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 0)))
#endif
    ;
/* A malloc'd "name:line:col: message" (caller frees). */
char *tpl_errf(const char *name, unsigned line, unsigned col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* ---- env cache ---- */

/* Find the template called name (len bytes): cached, or loaded and compiled now (thread-safe).
 * Returns 1 with *t set, 0 when there is no such template, or -1 with *err pointing at the
 * cached compile error (owned by env, valid until tpl_env_free). */
int tpl_env_fetch(tpl_env *env, const char *name, size_t len, const tpl_template **t,
                  const char **err);

#endif
