/* data: the value tree and the YAML loader (types, locations, errors). */
#include "harness.h"
#include "data/value.h"
#include "data/yaml_load.h"

static val *load(val_arena *a, const char *text, diag_list *d)
{
    return yaml_load_mem(a, "t.yaml", text, strlen(text), 0, d);
}

static void test_types(void)
{
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    val *r = load(a, "n: 1.10\ns: \"1.10\"\nb: true\nz: ~\ne:\nl: [1, two]\nm: {x: 1}\nno: no\n", d);
    CHECK(r && val_kind_of(r) == VAL_MAP && val_len(r) == 8);
    CHECK_INT(val_kind_of(val_get(r, "n")), VAL_NUMBER);
    CHECK_STR(val_str(val_get(r, "n"), NULL), "1.10");   /* source text kept */
    CHECK(val_num(val_get(r, "n")) == 1.1);
    {
        size_t len = 0;
        CHECK_STR(val_num_text(val_get(r, "n"), &len), "1.1");   /* shortest form, made once */
        CHECK(len == 3 && val_num_text(val_get(r, "s"), &len) == NULL);
    }
    CHECK_INT(val_kind_of(val_get(r, "s")), VAL_STRING);
    CHECK(val_kind_of(val_get(r, "b")) == VAL_BOOL && val_bool(val_get(r, "b")));
    CHECK(val_kind_of(val_get(r, "z")) == VAL_NULL && val_get(r, "z") != NULL);
    CHECK_INT(val_kind_of(val_get(r, "e")), VAL_NULL);
    CHECK_SIZE(val_len(val_get(r, "l")), 2);
    CHECK_STR(val_str(val_at(val_get(r, "l"), 1), NULL), "two");
    CHECK_INT(val_kind_of(val_get(r, "no")), VAL_STRING);   /* YAML 1.1 booleans are not */
    CHECK_SIZE(diag_count(d), 0);
    diag_list_free(d);
    val_arena_free(a);
}

static void test_locations(void)
{
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    val *r = yaml_load_mem(a, "f.md", "title: x\nobjectives:\n  - 3\n  - 24\n", 33, 1, d);
    const val *o = val_at(val_get(r, "objectives"), 1);
    CHECK_STR(val_path(o), "f.md");
    CHECK(val_line(o) == 5 && val_col(o) == 5);   /* line offset 1: front matter */
    diag_list_free(d);
    val_arena_free(a);
}

static void test_errors(void)
{
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    CHECK(load(a, "a: [1, 2\nb: 3\n", d) == NULL);
    CHECK_SIZE(diag_errors(d), 1);
    CHECK_STR(diag_text(d, 0), "t.yaml:2:2: YAML syntax error: did not find expected ',' or ']' "
                               "while parsing a flow sequence that starts at line 1, column 4");
    diag_clear(d);
    CHECK(load(a, "a: 1\nb: 2\na: 3\n", d) == NULL);
    CHECK_STR(diag_text(d, 0), "t.yaml:3:1: duplicate key 'a' (first at line 1)");
    diag_clear(d);
    CHECK(load(a, "a: *nope\n", d) == NULL);
    CHECK_STR(diag_text(d, 0), "t.yaml:1:4: unknown YAML alias '*nope'");
    diag_clear(d);
    CHECK(load(a, "a: 1\n---\nb: 2\n", d) == NULL);
    CHECK_STR(diag_text(d, 0), "t.yaml:2:1: only one YAML document is allowed here");
    diag_clear(d);
    {
        char deep[1000];
        size_t i;
        for (i = 0; i < 400; i++)
            deep[i] = '[';
        deep[400] = '\0';
        CHECK(load(a, deep, d) == NULL && diag_errors(d) >= 1);
    }
    diag_list_free(d);
    val_arena_free(a);
}

/* The two commonest mistakes get advice; a byte order mark is not a syntax error. */
static void test_advice_and_bom(void)
{
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    val *r;
    CHECK(load(a, "title: Datos: para todos\n", d) == NULL);
    CHECK_STR(diag_text(d, 0), "t.yaml:1:13: YAML syntax error: mapping values are not allowed in "
                               "this context (if a value holds ': ', put it in quotes: title: "
                               "\"Data: a guide\")");
    diag_clear(d);
    CHECK(load(a, "a:\n\tb: 1\n", d) == NULL);
    CHECK_STR(diag_text(d, 0), "t.yaml:2:1: YAML syntax error: found character that cannot start "
                               "any token while scanning for the next token that starts at line 2, "
                               "column 1 (indent with spaces, not tabs)");
    diag_clear(d);
    CHECK(load(a, "a:\n  b: 1\n\tc: 2\n", d) == NULL);
    CHECK(strstr(diag_text(d, 0), "(indent with spaces, not tabs)") != NULL);
    diag_clear(d);
    CHECK(load(a, "a: [1, 2\nb: 3\n", d) == NULL);   /* no advice for other mistakes */
    CHECK(strchr(diag_text(d, 0) + strlen("t.yaml:2:2: YAML syntax error: ") , '(') == NULL);
    diag_clear(d);
    r = load(a, "\xEF\xBB\xBF" "a: 1\nb: 2\n", d);
    CHECK(r && val_len(r) == 2 && diag_count(d) == 0);
    CHECK(r && val_line(val_get(r, "b")) == 2 && val_col(val_get(r, "a")) == 4);
    r = load(a, "\xEF\xBB\xBF- id: x\n  es: 1\n", d);
    CHECK(r && val_kind_of(r) == VAL_LIST && diag_count(d) == 0);
    diag_list_free(d);
    val_arena_free(a);
}

static void test_anchors_and_empty(void)
{
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    val *r = load(a, "x: &e [1, 2]\ny: *e\n", d);
    CHECK(r && val_get(r, "x") == val_get(r, "y"));
    r = load(a, "", d);
    CHECK(r && val_kind_of(r) == VAL_NULL);
    r = load(a, "# only a comment\n", d);
    CHECK(r && val_kind_of(r) == VAL_NULL);
    CHECK_SIZE(diag_count(d), 0);
    diag_list_free(d);
    val_arena_free(a);
}

static void test_arena(void)
{
    val_arena *a = val_arena_new();
    val *l = val_new_list(a), *m = val_new_map(a);
    size_t i;
    for (i = 0; i < 100000; i++)
        val_list_push(a, l, val_new_number(a, (double)i, NULL, 0));
    CHECK(val_len(l) == 100000 && val_num(val_at(l, 99999)) == 99999.0);
    CHECK_STR(val_str(val_at(l, 12345), NULL), "12345");
    val_map_set(a, m, "k", val_new_cstr(a, "v"));
    CHECK_STR(val_str(val_get(m, "k"), NULL), "v");
    {
        /* an indexed map answers like a plain one, for keys given with a length too */
        val *big = val_new_map(a);
        char *keys[200];
        size_t k, ok = 1;
        for (k = 0; k < 200; k++) {
            keys[k] = val_arena_printf(a, "key%zu", k);
            val_map_set(a, big, keys[k], val_new_number(a, (double)k, NULL, 0));
        }
        val_map_index(a, big);
        for (k = 0; k < 200; k++)
            ok &= val_num(val_get(big, keys[k])) == (double)k;
        CHECK(ok);
        CHECK(val_getn(big, "key12xyz", 5) == val_get(big, "key12"));
        CHECK(val_getn(big, "key1", 3) == NULL && val_get(big, "nope") == NULL);
    }
    CHECK(val_get(m, "missing") == NULL && val_at(m, 5) == NULL);
    val_arena_reset(a);
    l = val_new_list(a);
    CHECK_SIZE(val_len(l), 0);
    val_arena_free(a);
}

static int made;

static val *make_item(void *ud, size_t i, val_arena *scratch)
{
    (void)ud;
    made++;
    return val_new_number(scratch, (double)i * 2, NULL, 0);
}

/* A lazy list makes each item when it is read, in a scratch arena that is reused. */
static void test_lazy(void)
{
    val_arena *a = val_arena_new();
    val *l = val_new_lazy_list(a, 100000, make_item, NULL);
    size_t i;
    double sum = 0;
    CHECK(val_kind_of(l) == VAL_LIST && val_len(l) == 100000 && made == 0);
    for (i = 0; i < val_len(l); i++)
        sum += val_num(val_at(l, i));
    CHECK(made == 100000 && sum == 9999900000.0);
    CHECK(val_at(l, 100000) == NULL);
    val_arena_reset(a);   /* frees the scratch arena too (ASan/valgrind check it) */
    l = val_new_lazy_list(a, 3, make_item, NULL);
    CHECK(val_num(val_at(l, 2)) == 4.0);
    val_arena_free(a);
}

int main(void)
{
    test_lazy();
    test_types();
    test_locations();
    test_errors();
    test_advice_and_bom();
    test_anchors_and_empty();
    test_arena();
    return h_done();
}
