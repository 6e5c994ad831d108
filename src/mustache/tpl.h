/* tpl: a Mustache template engine (https://github.com/mustache/spec).
 *
 * Supported: interpolation ({{x}} escapes & < > " ', {{{x}}} and {{& x}} do not), dotted names,
 * the implicit iterator {{.}}, sections, inverted sections, comments, set delimiters, partials
 * (with standalone indentation), template inheritance (parents {{<p}} and blocks {{$b}}) and
 * dynamic names ({{>*name}}, {{<*name}}). Lambdas are not supported.
 *
 * The engine knows nothing of the caller's data: it reads a value tree only through a tpl_data
 * table of functions.
 *
 * Truthiness (what {{#x}} renders once and {{^x}} skips, and the other way round):
 *   false: a missing name, null, false, an empty list, and the empty string "" (as mustache.js,
 *          Ruby's mustache, Hogan and Handlebars treat it; the spec leaves it to the engine);
 *   true:  everything else: true, every number (0 too), every non-empty string (also "0", " "
 *          and "false"), every map (also an empty one), every non-empty list.
 * A list section renders once per item; any other truthy value renders once with it pushed on the
 * context stack. Interpolating a string or number prints ops->text; true/false print
 * "true"/"false"; null, lists and maps print nothing.
 *
 * Partials and parents: a name with no template renders nothing. A standalone partial/parent
 * tag (alone on its line) is indented: its leading whitespace is prepended to every line of the
 * included template; an inline one is not. Blocks given by a parent tag replace the blocks of the
 * same name in the parent template and in everything it includes (partials too); in multi-level
 * inheritance the outermost definition wins. Given block content is re-indented to the block's
 * place. Dynamic names ({{>*x}}) take the template name from the data: the loader gets it as is
 * and must treat it as untrusted (e.g. refuse "..").
 *
 * Compile errors, all "name:line:col: message" (columns count UTF-8 characters):
 *   unclosed tag '{{' (expected '}}')                 also '{{{' / '}}}', '{{=' / '=}}'
 *   section 'items' opened at 2:3 is never closed      (section, inverted section, parent, block;
 *                                                       reported at the end of the source)
 *   closing tag '/b' does not match open section 'a' (opened at 3:1)
 *   unexpected closing tag '/x' (no section is open)
 *   bad delimiter change '{{=<% =}}' (expected two delimiters without '=' or spaces)
 *   empty tag name in '{{#}}'
 *   bad tag name 'a b' in '{{a b}}' (names cannot contain spaces)
 *   bad name 'a..b' in '{{a..b}}' (a dotted name has an empty part)
 *   block tag '$*x' cannot use a dynamic name
 *   tag '{{x}}' is directly inside parent 'p' (opened at 1:1): only blocks may appear there
 *   block 'a' is given twice to parent 'p' (first at 1:7)
 *   section 's' nested too deeply (more than 100 levels)
 * Render errors:
 *   partial 'x' nested too deeply (recursion?)         (also parent, block, section)
 *   partial 'x' does not compile: x:1:3: unclosed tag ...   (at the including tag)
 *
 * Ownership: an env owns every template compiled in it (by tpl_compile or through the loader);
 * they stay valid until tpl_env_free.
 *
 * Threads: tpl_render may be called concurrently from any number of threads on the same env and
 * the same templates. Templates are immutable once compiled; the env's name cache is guarded by
 * a mutex, so partials are loaded and compiled lazily and safely (the loader is called with that
 * mutex held, one call at a time, and must not call back into the env). The caller's tpl_data
 * functions are called from every rendering thread and must be safe for concurrent reads.
 * tpl_env_free must not race with anything. */
#ifndef PLANSITE_TPL_H
#define PLANSITE_TPL_H
#include <stddef.h>
#include "../util/buf.h"

typedef enum { TPL_NULL, TPL_BOOL, TPL_NUMBER, TPL_STRING, TPL_LIST, TPL_MAP } tpl_kind;

typedef struct tpl_data {            /* how the engine reads the caller's value tree */
    tpl_kind (*kind)(const void *node);
    int (*boolean)(const void *node);                       /* for TPL_BOOL */
    const char *(*text)(const void *node, size_t *len);     /* strings and numbers, as interpolated */
    size_t (*count)(const void *list);
    const void *(*item)(const void *list, size_t i);
    const void *(*get)(const void *map, const char *key, size_t keylen); /* NULL when absent */
} tpl_data;

typedef struct tpl_env tpl_env;           /* opaque: a set of named templates, compiled once, cached */
typedef struct tpl_template tpl_template; /* opaque compiled form */

/* Source loader for partials/parents: returns malloc'd source (the env frees it) and its length
 * in *len, or NULL if there is no such template. name is NUL-terminated. */
typedef char *(*tpl_loader)(void *ud, const char *name, size_t *len);

/* The kinds of name use reported by tpl_names. */
enum {
    TPL_NAME_VAR,       /* {{x}}, {{{x}}}, {{& x}}: a data name */
    TPL_NAME_SECTION,   /* {{#x}}: a data name */
    TPL_NAME_INVERTED,  /* {{^x}}: a data name */
    TPL_NAME_PARTIAL,   /* {{>x}}: a template name */
    TPL_NAME_PARENT,    /* {{<x}}: a template name */
    TPL_NAME_BLOCK,     /* {{$x}}: a block name (its own namespace) */
    TPL_NAME_DYNAMIC    /* {{>*x}} or {{<*x}}: a data name whose value names a template */
};

/* Limits: sections/blocks/parents nest at most TPL_MAX_NESTING levels inside one template
 * (a compile error beyond); partials/parents nest at most TPL_MAX_PARTIAL_DEPTH levels deep while
 * rendering (a render error beyond, e.g. for unbounded recursion). */
#define TPL_MAX_NESTING 100
#define TPL_MAX_PARTIAL_DEPTH 100

/* A new empty env. load (may be NULL: then only tpl_compile'd templates exist) finds partial and
 * parent sources by name; ud is passed to it. Free with tpl_env_free. */
tpl_env *tpl_env_new(tpl_loader load, void *ud);
/* Free the env and every template compiled in it (NULL is fine). */
void tpl_env_free(tpl_env *env);

/* Compile src (len bytes, need not be NUL-terminated) under name; name is used as the path in
 * error messages and becomes the name partials can use to include it (replacing an earlier
 * binding of that name; earlier templates stay valid). Returns the template, owned by env, or
 * NULL with *err set to a malloc'd "name:line:col: message" (caller frees). */
tpl_template *tpl_compile(tpl_env *env, const char *name, const char *src, size_t len, char **err);

/* The template called name: compiled earlier, or loaded through the loader and compiled once,
 * then cached (failures are cached too). Returns it (owned by env), or NULL with *err malloc'd:
 * the compile error, or "name: template not found". Also serves to preload partials. */
tpl_template *tpl_env_get(tpl_env *env, const char *name, char **err);

/* Render t (compiled in env) against root, appending to out. Returns 0, or -1 with *err set to a
 * malloc'd "name:line:col: message" (caller frees) and out restored to its length on entry (unless
 * out streams to a sink and already passed part of the page on: the caller discards that).
 * Render errors: a partial or parent that fails to compile, or nesting too deep ("partial 'x'
 * nested too deeply (recursion?)"). A partial or parent with no such template renders nothing. */
int tpl_render(tpl_env *env, const tpl_template *t, const tpl_data *ops, const void *root, buf *out,
               char **err);

/* Call cb once per name use in t, in source order: name (NUL-terminated, as written, without the
 * '*' of dynamic names), its line and column (1-based) and its kind (TPL_NAME_*). Closing tags are
 * not reported; the implicit iterator is reported as ".". */
void tpl_names(const tpl_template *t,
               void (*cb)(void *ud, const char *name, unsigned line, unsigned col, int kind),
               void *ud);

/* The name t was compiled under (owned by t). */
const char *tpl_name(const tpl_template *t);

#endif
