#include "val_hash.h"
#include "../util/hash.h"
#include "../util/mem.h"
#include <stdlib.h>
#include <string.h>

#define MEMO_MIN 8   /* containers smaller than this are cheaper to walk than to look up */

typedef struct memo_slot {
    const val *key;
    uint64_t h;
} memo_slot;

struct val_hash_memo {
    memo_slot *slots;
    size_t cap, n;           /* cap: a power of two */
};

val_hash_memo *val_hash_memo_new(void)
{
    val_hash_memo *m = xcalloc(1, sizeof *m);
    m->cap = 1024;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    return m;
}

void val_hash_memo_free(val_hash_memo *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

static size_t slot_of(const val_hash_memo *m, const val *key)
{
    size_t i = (size_t)(hash_mix(0, (uint64_t)(uintptr_t)key) & (m->cap - 1));
    while (m->slots[i].key && m->slots[i].key != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void memo_grow(val_hash_memo *m)
{
    memo_slot *old = m->slots;
    size_t cap = m->cap, i;
    m->cap *= 2;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    for (i = 0; i < cap; i++)
        if (old[i].key)
            m->slots[slot_of(m, old[i].key)] = old[i];
    free(old);
}

static void memo_put(val_hash_memo *m, const val *key, uint64_t h)
{
    size_t i;
    if (2 * (m->n + 1) > m->cap)
        memo_grow(m);
    i = slot_of(m, key);
    if (!m->slots[i].key)
        m->n++;
    m->slots[i].key = key;
    m->slots[i].h = h;
}

typedef struct walk {
    val_hash_memo *m;
    const val_arena *transient;
} walk;

static uint64_t node_hash(const walk *w, const val *v, int in_lazy);

static uint64_t text_hash(uint64_t h, const char *s, size_t len)
{
    return hash_mix(hash_mix(h, len), hash_bytes(s, len));
}

static uint64_t map_hash(const walk *w, const val *v, int in_lazy)
{
    size_t n = val_len(v), i, klen = 0;
    uint64_t h = hash_mix(VAL_MAP, n);
    const val *base = val_map_base(v);
    for (i = 0; i < n; i++) {
        const char *k = val_key_at(v, i, &klen);
        h = text_hash(h, k, klen);
        h = hash_mix(h, node_hash(w, val_at(v, i), in_lazy));
    }
    return base ? hash_mix(hash_mix(h, 0xBA5E), node_hash(w, base, in_lazy)) : h;
}

/* A lazy list's items are made one at a time: each is hashed before the next is read. */
static uint64_t list_hash(const walk *w, const val *v, int in_lazy)
{
    size_t n = val_len(v), i;
    int lazy = in_lazy || val_is_lazy(v);
    uint64_t h = hash_mix(VAL_LIST, n);
    for (i = 0; i < n; i++)
        h = hash_mix(h, node_hash(w, val_at(v, i), lazy));
    return h;
}

static uint64_t scalar_hash(const val *v)
{
    size_t len = 0;
    const char *s;
    uint64_t h;
    switch (val_kind_of(v)) {
    case VAL_BOOL:
        return hash_mix(VAL_BOOL, (uint64_t)val_bool(v));
    case VAL_NUMBER:   /* as written (when it was) and in its shortest form */
        s = val_str(v, &len);
        h = text_hash(VAL_NUMBER, s ? s : "", s ? len : 0);
        s = val_num_text(v, &len);
        return text_hash(h, s ? s : "", s ? len : 0);
    case VAL_STRING:
        s = val_str(v, &len);
        return text_hash(VAL_STRING, s, len);
    default:
        return hash_mix(VAL_NULL, 0);
    }
}

/* 1 when v's fingerprint may be remembered: a large enough container, made for the whole build
 * (not in the transient arena, not an item of a lazy list). */
static int memoizable(const walk *w, const val *v, int in_lazy)
{
    return w->m && !in_lazy && val_len(v) >= MEMO_MIN &&
           !(w->transient && val_arena_owns(w->transient, v));
}

static uint64_t node_hash(const walk *w, const val *v, int in_lazy)
{
    val_kind k = val_kind_of(v);
    int memo;
    size_t at = 0;
    uint64_t h;
    if (k != VAL_MAP && k != VAL_LIST)
        return scalar_hash(v);
    memo = memoizable(w, v, in_lazy);
    if (memo && w->m->slots[at = slot_of(w->m, v)].key == v)
        return w->m->slots[at].h;
    h = k == VAL_MAP ? map_hash(w, v, in_lazy) : list_hash(w, v, in_lazy);
    if (memo)
        memo_put(w->m, v, h);
    return h;
}

uint64_t val_hash(const val *v, val_hash_memo *m, const val_arena *transient)
{
    walk w;
    w.m = m;
    w.transient = transient;
    return node_hash(&w, v, 0);
}
