#include "value.h"
#include "../util/mem.h"
#include "../util/strmap.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

typedef struct val_pair {
    const char *key;
    size_t keylen;
    const val *v;
} val_pair;

struct val {
    val_kind kind;
    unsigned line, col;
    const char *path;
    union {
        int b;
        struct { const char *s; size_t len; double num; const char *canon; size_t canon_len; } sc;
        struct { const val **items; size_t len, cap; val_gen gen; void *ud; val_arena *scratch; } list;
        struct {
            val_pair *pairs;
            size_t len, cap;
            struct strmap *index;
            uint64_t keybits;   /* key_bit of every key: most lookups of absent keys stop here */
            const struct val *base;   /* looked in when a key is not the map's own */
        } map;
    } u;
};

typedef struct arena_block {
    struct arena_block *next;
    size_t size, used;
    max_align_t data[];
} arena_block;

struct val_arena {
    arena_block *head;  /* newest block first; the last one is the first block */
    struct strmap **indexes;      /* map indexes to free with the arena */
    size_t nindexes;
    struct val_arena *children;   /* scratch arenas of lazy lists, freed with this one */
    struct val_arena *next_child;
};

static void free_indexes(val_arena *a)
{
    while (a->nindexes)
        strmap_free(a->indexes[--a->nindexes]);
    free(a->indexes);
    a->indexes = NULL;
}

static void free_children(val_arena *a)
{
    val_arena *c = a->children, *next;
    for (; c; c = next) {
        next = c->next_child;
        val_arena_free(c);
    }
    a->children = NULL;
}

#define ARENA_BLOCK 65536u

static arena_block *block_new(size_t size)
{
    arena_block *b = xmalloc(sizeof *b + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

val_arena *val_arena_new(void)
{
    val_arena *a = xmalloc(sizeof *a);
    a->head = block_new(ARENA_BLOCK);
    a->children = NULL;
    a->next_child = NULL;
    a->indexes = NULL;
    a->nindexes = 0;
    return a;
}

void val_arena_free(val_arena *a)
{
    arena_block *b, *next;
    if (!a)
        return;
    free_children(a);
    free_indexes(a);
    for (b = a->head; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void val_arena_adopt(val_arena *a, val_arena *child)
{
    child->next_child = a->children;
    a->children = child;
}

void val_arena_reset(val_arena *a)
{
    arena_block *b = a->head, *next;
    free_children(a);
    free_indexes(a);
    while (b->next) {
        next = b->next;
        free(b);
        b = next;
    }
    b->used = 0;
    a->head = b;
}

void *val_arena_alloc(val_arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    size_t need = (n + align - 1) / align * align;
    arena_block *b = a->head;
    void *p;
    if (b->size - b->used < need) {
        b = block_new(need > ARENA_BLOCK ? need : ARENA_BLOCK);
        b->next = a->head;
        a->head = b;
    }
    p = (char *)b->data + b->used;
    b->used += need;
    return p;
}

char *val_arena_strndup(val_arena *a, const char *s, size_t n)
{
    char *d = val_arena_alloc(a, n + 1);
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *val_arena_cat(val_arena *a, ...)
{
    va_list ap;
    const char *part;
    size_t n = 0, k;
    char *d, *p;
    va_start(ap, a);
    while ((part = va_arg(ap, const char *)) != NULL)
        n += strlen(part);
    va_end(ap);
    d = p = val_arena_alloc(a, n + 1);
    va_start(ap, a);
    while ((part = va_arg(ap, const char *)) != NULL) {
        k = strlen(part);
        memcpy(p, part, k);
        p += k;
    }
    va_end(ap);
    *p = '\0';
    return d;
}

char *val_arena_printf(val_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *d;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    d = val_arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    va_start(ap, fmt);
    vsnprintf(d, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
    va_end(ap);
    return d;
}

static val *node(val_arena *a, val_kind k)
{
    val *v = val_arena_alloc(a, sizeof *v);
    memset(v, 0, sizeof *v);
    v->kind = k;
    return v;
}

val *val_new_null(val_arena *a) { return node(a, VAL_NULL); }

val *val_new_bool(val_arena *a, int b)
{
    val *v = node(a, VAL_BOOL);
    v->u.b = b != 0;
    return v;
}

val *val_new_number(val_arena *a, double num, const char *text, size_t len)
{
    val *v = node(a, VAL_NUMBER);
    char canon[40];
    int n = snprintf(canon, sizeof canon, "%.15g", num);
    size_t clen = n > 0 ? (size_t)n : 0;
    v->u.sc.num = num;
    v->u.sc.canon = val_arena_strndup(a, canon, clen);
    v->u.sc.canon_len = clen;
    if (text && !(len == clen && !memcmp(text, canon, len))) {
        v->u.sc.s = val_arena_strndup(a, text, len);   /* as written, e.g. "1.10" */
        v->u.sc.len = len;
    } else {
        v->u.sc.s = v->u.sc.canon;
        v->u.sc.len = clen;
    }
    return v;
}

const char *val_num_text(const val *v, size_t *len)
{
    if (!v || v->kind != VAL_NUMBER)
        return NULL;
    *len = v->u.sc.canon_len;
    return v->u.sc.canon;
}

val *val_new_string(val_arena *a, const char *s, size_t len)
{
    return val_new_string_ref(a, val_arena_strndup(a, s, len), len);
}

val *val_new_string_ref(val_arena *a, const char *s, size_t len)
{
    val *v = node(a, VAL_STRING);
    v->u.sc.s = s;
    v->u.sc.len = len;
    return v;
}

val *val_new_cstr(val_arena *a, const char *s)
{
    return val_new_string_ref(a, s ? s : "", s ? strlen(s) : 0);
}

val *val_new_list(val_arena *a) { return node(a, VAL_LIST); }
val *val_new_map(val_arena *a) { return node(a, VAL_MAP); }

/* Grow an arena array of elem-sized items from cap to at least cap+1; old space is left behind. */
static void *grow(val_arena *a, void *old, size_t len, size_t *cap, size_t elem)
{
    size_t ncap = *cap ? *cap * 2 : 4;
    void *n = val_arena_alloc(a, ncap * elem);
    if (len)
        memcpy(n, old, len * elem);
    *cap = ncap;
    return n;
}

val *val_new_lazy_list(val_arena *a, size_t n, val_gen gen, void *ud)
{
    val *v = node(a, VAL_LIST);
    v->u.list.len = n;
    v->u.list.gen = gen;
    v->u.list.ud = ud;
    v->u.list.scratch = val_arena_new();
    val_arena_adopt(a, v->u.list.scratch);
    return v;
}

void val_list_push(val_arena *a, val *list, const val *item)
{
    if (list->u.list.gen)
        abort();   /* a lazy list is read-only */
    if (list->u.list.len == list->u.list.cap)
        list->u.list.items = grow(a, list->u.list.items, list->u.list.len, &list->u.list.cap,
                                  sizeof(val *));
    list->u.list.items[list->u.list.len++] = item;
}

/* One of 64 bits for a key, from its length and its first and last characters. */
static uint64_t key_bit(const char *key, size_t len)
{
    unsigned h = len ? (unsigned char)key[0] * 31u + (unsigned char)key[len - 1] : 0;
    return (uint64_t)1 << ((h + (unsigned)len * 7u) & 63u);
}

void val_map_put(val_arena *a, val *map, const char *key, size_t keylen, const val *v)
{
    val_pair *p;
    map->u.map.keybits |= key_bit(key, keylen);
    if (map->u.map.len == map->u.map.cap)
        map->u.map.pairs = grow(a, map->u.map.pairs, map->u.map.len, &map->u.map.cap,
                                sizeof(val_pair));
    p = &map->u.map.pairs[map->u.map.len++];
    p->key = key;
    p->keylen = keylen;
    p->v = v;
}

void val_map_set(val_arena *a, val *map, const char *key, const val *v)
{
    val_map_put(a, map, key, strlen(key), v);
}

void val_map_replace(val_arena *a, val *map, const char *key, const val *v)
{
    size_t i, n = strlen(key);
    for (i = 0; i < map->u.map.len; i++)
        if (map->u.map.pairs[i].keylen == n && !memcmp(map->u.map.pairs[i].key, key, n)) {
            map->u.map.pairs[i].v = v;
            return;
        }
    val_map_put(a, map, key, n, v);
}

void val_map_index(val_arena *a, val *map)
{
    strmap *m = strmap_new();
    size_t i;
    for (i = 0; i < map->u.map.len; i++)
        if (strmap_get(m, map->u.map.pairs[i].key) < 0)   /* the first of equal keys wins */
            strmap_put(m, map->u.map.pairs[i].key, (int)i);
    a->indexes = xrealloc(a->indexes, (a->nindexes + 1) * sizeof *a->indexes);
    a->indexes[a->nindexes++] = m;
    map->u.map.index = m;
}

void val_set_loc(val *v, const char *path, unsigned line, unsigned col)
{
    v->path = path;
    v->line = line;
    v->col = col;
}

val_kind val_kind_of(const val *v) { return v ? v->kind : VAL_NULL; }
const char *val_path(const val *v) { return v ? v->path : NULL; }
unsigned val_line(const val *v) { return v ? v->line : 0; }
unsigned val_col(const val *v) { return v ? v->col : 0; }
int val_bool(const val *v) { return v && v->kind == VAL_BOOL && v->u.b; }
double val_num(const val *v) { return v && v->kind == VAL_NUMBER ? v->u.sc.num : 0.0; }

const char *val_str(const val *v, size_t *len)
{
    if (!v || (v->kind != VAL_STRING && v->kind != VAL_NUMBER))
        return NULL;
    if (len)
        *len = v->u.sc.len;
    return v->u.sc.s;
}

size_t val_len(const val *v)
{
    if (!v)
        return 0;
    if (v->kind == VAL_LIST)
        return v->u.list.len;
    if (v->kind == VAL_MAP)
        return v->u.map.len;
    return 0;
}

const val *val_at(const val *v, size_t i)
{
    if (!v || i >= val_len(v))
        return NULL;
    if (v->kind == VAL_LIST && v->u.list.gen) {
        val_arena_reset(v->u.list.scratch);
        return v->u.list.gen(v->u.list.ud, i, v->u.list.scratch);
    }
    return v->kind == VAL_LIST ? v->u.list.items[i] : v->u.map.pairs[i].v;
}

const char *val_key_at(const val *v, size_t i, size_t *len)
{
    if (!v || v->kind != VAL_MAP || i >= v->u.map.len)
        return NULL;
    if (len)
        *len = v->u.map.pairs[i].keylen;
    return v->u.map.pairs[i].key;
}

/* The value of key (whose key_bit is bit) among map's own entries, or NULL. */
static const val *own_entry(const val *map, const char *key, size_t keylen, uint64_t bit)
{
    size_t i;
    int at;
    if (!(map->u.map.keybits & bit))
        return NULL;
    if (map->u.map.index) {
        at = strmap_getn(map->u.map.index, key, keylen);
        return at < 0 ? NULL : map->u.map.pairs[at].v;
    }
    for (i = 0; i < map->u.map.len; i++) {
        const val_pair *p = &map->u.map.pairs[i];
        if (p->keylen == keylen && (!keylen || p->key[0] == key[0]) &&
            memcmp(p->key, key, keylen) == 0)
            return p->v;
    }
    return NULL;
}

const val *val_getn(const val *map, const char *key, size_t keylen)
{
    uint64_t bit = key_bit(key, keylen);
    const val *v = NULL;
    for (; map && map->kind == VAL_MAP && !v; map = map->u.map.base)
        v = own_entry(map, key, keylen, bit);
    return v;
}

void val_map_set_base(val *map, const val *base)
{
    if (map && map->kind == VAL_MAP)
        map->u.map.base = base;
}

const val *val_map_base(const val *map)
{
    return map && map->kind == VAL_MAP ? map->u.map.base : NULL;
}

int val_is_lazy(const val *v)
{
    return v && v->kind == VAL_LIST && v->u.list.gen != NULL;
}

int val_arena_owns(const val_arena *a, const void *p)
{
    const arena_block *b;
    const val_arena *c;
    uintptr_t q = (uintptr_t)p;
    for (b = a->head; b; b = b->next)
        if (q >= (uintptr_t)b->data && q < (uintptr_t)b->data + b->size)
            return 1;
    for (c = a->children; c; c = c->next_child)
        if (val_arena_owns(c, p))
            return 1;
    return 0;
}

const val *val_get(const val *map, const char *key)
{
    return val_getn(map, key, strlen(key));
}

const char *val_kind_name(val_kind k)
{
    static const char *const names[] = {"null", "a boolean", "a number", "a string", "a list",
                                        "a map"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}
