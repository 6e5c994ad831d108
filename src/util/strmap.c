#include "strmap.h"
#include "mem.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
    const char *key;   /* NULL: empty */
    size_t len;
    int value;
} slot;

struct strmap {
    slot *slots;
    size_t cap, count;   /* cap a power of two */
};

static uint64_t hashn(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    while (n--)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

strmap *strmap_new(void)
{
    strmap *m = xcalloc(1, sizeof *m);
    m->cap = 16;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    return m;
}

void strmap_free(strmap *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

/* The slot of the n bytes at key: its own, or the empty one where it would go. */
static slot *find(const strmap *m, const char *key, size_t n)
{
    size_t i = (size_t)hashn(key, n) & (m->cap - 1);
    while (m->slots[i].key && (m->slots[i].len != n || memcmp(m->slots[i].key, key, n) != 0))
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

static void rehash(strmap *m)
{
    slot *old = m->slots;
    size_t oldcap = m->cap, i;
    m->cap *= 2;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    for (i = 0; i < oldcap; i++)
        if (old[i].key)
            *find(m, old[i].key, old[i].len) = old[i];
    free(old);
}

int strmap_putn(strmap *m, const char *key, size_t n, int value)
{
    slot *s;
    int prev;
    if ((m->count + 1) * 4 > m->cap * 3)
        rehash(m);
    s = find(m, key, n);
    if (s->key) {
        prev = s->value;
        s->value = value;
        return prev;
    }
    s->key = key;
    s->len = n;
    s->value = value;
    m->count++;
    return -1;
}

int strmap_put(strmap *m, const char *key, int value)
{
    return strmap_putn(m, key, strlen(key), value);
}

int strmap_getn(const strmap *m, const char *key, size_t n)
{
    const slot *s = find(m, key, n);
    return s->key ? s->value : -1;
}

int strmap_get(const strmap *m, const char *key)
{
    return strmap_getn(m, key, strlen(key));
}

size_t strmap_count(const strmap *m)
{
    return m->count;
}
