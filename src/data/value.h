/* value: a generic value tree (null, bool, number, string, list, map) whose every node remembers
 * where it came from (path:line:col). Nodes live in an arena and are immutable once built, so
 * trees from different arenas may share subtrees (a page context points into the site model).
 * Maps keep their keys in insertion order. */
#ifndef PLANSITE_VALUE_H
#define PLANSITE_VALUE_H
#include <stddef.h>

typedef enum { VAL_NULL, VAL_BOOL, VAL_NUMBER, VAL_STRING, VAL_LIST, VAL_MAP } val_kind;

typedef struct val val;             /* opaque node */
typedef struct val_arena val_arena; /* opaque bump allocator that owns nodes and strings */

/* A new arena. Free with val_arena_free, which frees every node and string allocated in it. */
val_arena *val_arena_new(void);
void val_arena_free(val_arena *a);
/* Make child part of a: freed when a is freed or reset (arenas filled by other threads). */
void val_arena_adopt(val_arena *a, val_arena *child);
/* Forget every node of the arena but keep its first block for reuse (per-page contexts). */
void val_arena_reset(val_arena *a);
/* Allocate n bytes in the arena (aligned for any node). Never NULL. */
void *val_arena_alloc(val_arena *a, size_t n);
/* Copy n bytes into the arena, NUL-terminated. */
char *val_arena_strndup(val_arena *a, const char *s, size_t n);
/* Concatenate NUL-terminated strings (the list ends with NULL) into the arena. */
char *val_arena_cat(val_arena *a, ...);
/* printf into the arena. */
char *val_arena_printf(val_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Constructors: every node is owned by the arena. */
val *val_new_null(val_arena *a);
val *val_new_bool(val_arena *a, int b);
/* A number; text is how it was written (copied; val_str gives it back), NULL when computed. */
val *val_new_number(val_arena *a, double num, const char *text, size_t len);
/* A string copied into the arena. */
val *val_new_string(val_arena *a, const char *s, size_t len);
/* A string that points at s, which must outlive the node and be NUL-terminated at s[len]. */
val *val_new_string_ref(val_arena *a, const char *s, size_t len);
/* A string that points at a NUL-terminated C string that outlives the node (literals, model text). */
val *val_new_cstr(val_arena *a, const char *s);
val *val_new_list(val_arena *a);
val *val_new_map(val_arena *a);
/* A lazy list of n items: item i is made by gen(ud, i, scratch) only when read, in a scratch
 * arena that is emptied before the next item is made — for pages that list thousands of large
 * items (a whole plan's handout) in constant memory. Readers must use an item only until they read
 * the next one (the template engine iterates that way). The scratch arena belongs to a. */
typedef val *(*val_gen)(void *ud, size_t i, val_arena *scratch);
val *val_new_lazy_list(val_arena *a, size_t n, val_gen gen, void *ud);

/* Append item to list. Children are read-only: a tree may hold nodes shared with other trees
 * (a page's context holds the items shared by every page), so readers get const nodes. */
void val_list_push(val_arena *a, val *list, const val *item);
/* Add key -> v to map. key is NOT copied: it must outlive the map (literal or arena string). */
void val_map_put(val_arena *a, val *map, const char *key, size_t keylen, const val *v);
/* Set key -> v, replacing the value of an existing key (else adding it). */
void val_map_replace(val_arena *a, val *map, const char *key, const val *v);
/* Same as val_map_put with a NUL-terminated key literal. */
void val_map_set(val_arena *a, val *map, const char *key, const val *v);
/* Give a finished map (keys NUL-terminated) a hash index, for maps read far more often than they
 * are built (string tables). The map must not change afterwards. The index is freed with a. */
void val_map_index(val_arena *a, val *map);
/* Give map a base: a lookup (val_get, val_getn) that finds no key of map's own looks in base (and
 * its base ...). Iteration and val_len see only map's own entries. base must outlive map. Lets a
 * page extend a shared, read-only item with a few fields without copying it. */
void val_map_set_base(val *map, const val *base);
/* The base given to map by val_map_set_base, or NULL. */
const val *val_map_base(const val *map);
/* 1 when v is a lazy list (val_new_lazy_list). */
int val_is_lazy(const val *v);
/* 1 when p points into memory of arena a (or of the scratch arenas it adopted). */
int val_arena_owns(const val_arena *a, const void *p);
/* Record where a node came from. path is not copied (intern it in the arena). */
void val_set_loc(val *v, const char *path, unsigned line, unsigned col);

/* Readers (all accept NULL and then answer as for a null node). */
val_kind val_kind_of(const val *v);
const char *val_path(const val *v);
unsigned val_line(const val *v);
unsigned val_col(const val *v);
int val_bool(const val *v);
double val_num(const val *v);
/* Strings and numbers: the text and its length (NUL-terminated); NULL for other kinds. */
const char *val_str(const val *v, size_t *len);
/* A number in its shortest form ("%.15g": 1.210 -> "1.21"), made once with the node; NULL for
 * other kinds. */
const char *val_num_text(const val *v, size_t *len);
/* Lists and maps: number of entries; 0 for others. */
size_t val_len(const val *v);
/* i-th item of a list, or i-th value of a map; NULL when out of range. */
const val *val_at(const val *v, size_t i);
/* i-th key of a map (NUL-terminated when built by the YAML loader) or NULL. */
const char *val_key_at(const val *v, size_t i, size_t *len);
/* Value for key in a map; NULL when absent or v is not a map. */
const val *val_get(const val *map, const char *key);
const val *val_getn(const val *map, const char *key, size_t keylen);
/* A name for the kind ("a string", "a list" ...), for messages. */
const char *val_kind_name(val_kind k);

#endif
