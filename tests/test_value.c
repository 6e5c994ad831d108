/* data/value: maps — lookups of present and absent keys, duplicate keys, indexed maps and maps
 * over a base (a page's item extending a shared card). */
#include "harness.h"
#include "data/value.h"

static const char *str_of(const val *map, const char *key)
{
    return val_str(val_get(map, key), NULL);
}

int main(void)
{
    val_arena *a = val_arena_new();
    val *card = val_new_map(a), *item = val_new_map(a), *top = val_new_map(a);
    val *big = val_new_map(a);
    char keys[200][8];
    int i, found = 0;

    val_map_set(a, card, "title", val_new_cstr(a, "Card title"));
    val_map_set(a, card, "url", val_new_cstr(a, "es/x/"));
    val_map_set(a, card, "leads", val_new_cstr(a, "card leads"));
    CHECK_STR(str_of(card, "title"), "Card title");
    CHECK(val_get(card, "titl") == NULL);        /* same first letter, other length */
    CHECK(val_get(card, "tittle") == NULL);
    CHECK(val_get(card, "") == NULL);
    CHECK(val_getn(card, "urlx", 3) != NULL);    /* the length given is what counts */

    /* an item over the card: its own keys first, then the card's; only its own are listed */
    val_map_set_base(item, card);
    val_map_set(a, item, "purpose", val_new_cstr(a, "Item purpose"));
    val_map_set(a, item, "leads", val_new_cstr(a, "item leads"));
    CHECK_STR(str_of(item, "purpose"), "Item purpose");
    CHECK_STR(str_of(item, "title"), "Card title");
    CHECK_STR(str_of(item, "leads"), "item leads");
    CHECK_STR(str_of(card, "leads"), "card leads");   /* the card is not changed */
    CHECK(val_get(item, "missing") == NULL);
    CHECK_SIZE(val_len(item), 2);
    /* bases chain */
    val_map_set_base(top, item);
    CHECK_STR(str_of(top, "url"), "es/x/");
    CHECK_STR(str_of(top, "purpose"), "Item purpose");

    /* the first of two equal keys wins, indexed or not */
    val_map_set(a, card, "title", val_new_cstr(a, "Second title"));
    CHECK_STR(str_of(card, "title"), "Card title");

    /* many keys: every one is found, near misses are not (the key mask may not hide a key) */
    for (i = 0; i < 200; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        val_map_set(a, big, keys[i], val_new_number(a, i, NULL, 0));
    }
    for (i = 0; i < 200; i++)
        found += val_num(val_get(big, keys[i])) == i;
    CHECK_INT(found, 200);
    CHECK(val_get(big, "k200") == NULL);
    CHECK(val_get(big, "k") == NULL);
    val_map_index(a, big);
    CHECK(val_num(val_get(big, "k199")) == 199);
    CHECK(val_get(big, "k-1") == NULL);

    val_arena_free(a);
    return h_done();
}
