/* strmap: string -> int map (open addressing, linear probing), the program's one hash table: id
 * lookups (entity ids, slugs), the index of large value maps (string tables), the template cache.
 * A key is a byte string of a given length (it may hold NUL bytes with the _n calls). Keys are not
 * copied: they must outlive the map. */
#ifndef PLANSITE_STRMAP_H
#define PLANSITE_STRMAP_H
#include <stddef.h>

typedef struct strmap strmap;

/* A new empty map. Free with strmap_free. */
strmap *strmap_new(void);
void strmap_free(strmap *m);
/* Set key -> value; returns the previous value, or -1 when the key was new. */
int strmap_put(strmap *m, const char *key, int value);
/* The same for the n bytes at key (not NUL-terminated). */
int strmap_putn(strmap *m, const char *key, size_t n, int value);
/* The value for key, or -1. */
int strmap_get(const strmap *m, const char *key);
/* The same for the n bytes at key (not NUL-terminated). */
int strmap_getn(const strmap *m, const char *key, size_t n);
size_t strmap_count(const strmap *m);

#endif
