/* hash: 64-bit non-cryptographic hashes for telling contents apart (a file's body, a page's
 * context): fast, well mixed, stable across runs and machines of the same byte order (they are
 * stored in caches and lock files). */
#ifndef PLANSITE_HASH_H
#define PLANSITE_HASH_H
#include <stddef.h>
#include <stdint.h>

/* The hash of the n bytes at p (p may be NULL when n is 0). */
uint64_t hash_bytes(const char *p, size_t n);
/* Fold x into the running hash h; the order of the folds matters. */
uint64_t hash_mix(uint64_t h, uint64_t x);

#endif
