/* val_hash: what a template can read changes the fingerprint; what it cannot does not; the memo
 * never confuses a page's transient nodes (reused addresses) with shared ones. */
#include "harness.h"
#include "data/val_hash.h"
#include <stdio.h>

static val *card(val_arena *a, const char *title, int n)
{
    val *m = val_new_map(a), *l = val_new_list(a);
    int i;
    val_map_set(a, m, "title", val_new_cstr(a, title));
    for (i = 0; i < n; i++)
        val_list_push(a, l, val_new_number(a, i, NULL, 0));
    val_map_set(a, m, "items", l);
    return m;
}

static val *gen(void *ud, size_t i, val_arena *scratch)
{
    const char *const *words = ud;
    return card(scratch, words[i], 10);
}

/* Kinds, keys, order and text all count. */
static void test_contents(val_arena *a)
{
    val *m1 = card(a, "A", 3), *m2 = card(a, "A", 3), *m3 = card(a, "B", 3), *m4 = card(a, "A", 4);
    val *s = val_new_cstr(a, "1"), *n = val_new_number(a, 1, "1", 1), *b = val_new_bool(a, 1);
    val *k1 = val_new_map(a), *k2 = val_new_map(a);
    CHECK(val_hash(m1, NULL, NULL) == val_hash(m2, NULL, NULL));
    CHECK(val_hash(m1, NULL, NULL) != val_hash(m3, NULL, NULL));
    CHECK(val_hash(m1, NULL, NULL) != val_hash(m4, NULL, NULL));
    CHECK(val_hash(s, NULL, NULL) != val_hash(n, NULL, NULL));   /* "1" and 1 */
    CHECK(val_hash(n, NULL, NULL) != val_hash(b, NULL, NULL));
    CHECK(val_hash(NULL, NULL, NULL) == val_hash(val_new_null(a), NULL, NULL));
    /* computed numbers (no text) differ by value */
    CHECK(val_hash(val_new_number(a, 2, NULL, 0), NULL, NULL) !=
          val_hash(val_new_number(a, 3, NULL, 0), NULL, NULL));
    /* key order: templates iterate maps in order */
    val_map_set(a, k1, "x", s);
    val_map_set(a, k1, "y", n);
    val_map_set(a, k2, "y", n);
    val_map_set(a, k2, "x", s);
    CHECK(val_hash(k1, NULL, NULL) != val_hash(k2, NULL, NULL));
}

/* A map's base is read by lookups: it counts. */
static void test_base(val_arena *a)
{
    val *top1 = val_new_map(a), *top2 = val_new_map(a);
    val_map_set(a, top1, "url", val_new_cstr(a, "/x/"));
    val_map_set(a, top2, "url", val_new_cstr(a, "/x/"));
    val_map_set_base(top1, card(a, "A", 2));
    val_map_set_base(top2, card(a, "B", 2));
    CHECK(val_map_base(top1) != NULL);
    CHECK(val_hash(top1, NULL, NULL) != val_hash(top2, NULL, NULL));
}

/* Every item of a lazy list is read, one at a time. */
static void test_lazy(val_arena *a)
{
    static const char *w1[] = {"a", "b", "c"}, *w2[] = {"a", "b", "d"};
    val *l1 = val_new_lazy_list(a, 3, gen, (void *)w1), *l2 = val_new_lazy_list(a, 3, gen, (void *)w1),
        *l3 = val_new_lazy_list(a, 3, gen, (void *)w2);
    val_hash_memo *m = val_hash_memo_new();
    CHECK(val_is_lazy(l1));
    CHECK(val_hash(l1, NULL, NULL) == val_hash(l2, NULL, NULL));
    CHECK(val_hash(l1, NULL, NULL) != val_hash(l3, NULL, NULL));
    /* with a memo: items made in the same scratch memory are not remembered by address */
    CHECK(val_hash(l1, m, NULL) != val_hash(l3, m, NULL));
    val_hash_memo_free(m);
}

/* The memo remembers shared nodes, never the transient arena's (reset between pages). */
static void test_memo(void)
{
    val_arena *shared = val_arena_new(), *page = val_arena_new();
    val_hash_memo *m = val_hash_memo_new();
    val *common = card(shared, "shared", 20), *p1, *p2;
    uint64_t h1, h2, again;
    char title[32];
    int i, distinct = 1;
    p1 = val_new_map(page);
    val_map_set(page, p1, "common", common);
    val_map_set(page, p1, "own", card(page, "page one", 20));
    h1 = val_hash(p1, m, page);
    CHECK(h1 == val_hash(p1, NULL, NULL));
    CHECK(val_arena_owns(page, p1));
    CHECK(!val_arena_owns(page, common));
    /* the same addresses, other contents: the fingerprints must follow the contents */
    for (i = 0; i < 50; i++) {
        val_arena_reset(page);
        p2 = val_new_map(page);
        snprintf(title, sizeof title, "page %d", i);
        val_map_set(page, p2, "common", common);
        val_map_set(page, p2, "own", card(page, title, 20));
        h2 = val_hash(p2, m, page);
        again = val_hash(p2, NULL, NULL);
        distinct &= h2 == again && h2 != h1;
    }
    CHECK(distinct);
    val_hash_memo_free(m);
    val_arena_free(page);
    val_arena_free(shared);
}

int main(void)
{
    val_arena *a = val_arena_new();
    test_contents(a);
    test_base(a);
    test_lazy(a);
    test_memo();
    val_arena_free(a);
    return h_done();
}
