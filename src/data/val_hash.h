/* val_hash: a 64-bit fingerprint of a value tree — everything a template can read from it (kinds,
 * map keys in order, strings, numbers as written, a map's base, every item of a lazy list) — so
 * that two trees with the same fingerprint render the same with the same templates. Used by
 * incremental builds to tell the pages whose context changed (src/site/build/fprint.h).
 *
 * Trees share subtrees that live for a whole build (a site's string tables, items every page
 * lists): a memo remembers the fingerprint of such nodes by address, so each is walked once per
 * memo. Only nodes outside the caller's transient arena (the page's, which is reset between pages
 * and reuses addresses) and outside lazy lists (whose items are made in a scratch arena) are
 * remembered. */
#ifndef PLANSITE_VAL_HASH_H
#define PLANSITE_VAL_HASH_H
#include "value.h"
#include <stdint.h>

typedef struct val_hash_memo val_hash_memo;   /* opaque: address -> fingerprint */

/* A new, empty memo (one per thread: it is not locked). Free with val_hash_memo_free. */
val_hash_memo *val_hash_memo_new(void);
void val_hash_memo_free(val_hash_memo *m);
/* The fingerprint of v (NULL hashes as a null node). transient: the arena whose nodes must not be
 * remembered (NULL: none is, every container is remembered); m may be NULL (no memo). The nodes
 * remembered must not change while m is in use. */
uint64_t val_hash(const val *v, val_hash_memo *m, const val_arena *transient);

#endif
