/* mustache_spec: runs the official Mustache spec (every *.yml of a folder but ~lambdas.yml)
 * against the template engine. Usage: mustache_spec [spec-folder] (default PLANSITE_SPEC_DIR).
 * The spec's files travel with the tests (tests/mustache-spec). Prints one block per failing test
 * and ends with "N passed, N failed". Exit: 0 all passed, 1 failures or the folder missing. */
#include "data/val_tpl.h"
#include "data/value.h"
#include "data/yaml_load.h"
#include "mustache/tpl.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/mem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PLANSITE_SPEC_DIR
#define PLANSITE_SPEC_DIR "tests/mustache-spec"
#endif

typedef struct tally {
    int passed, failed;
} tally;


/* Partials come from the test's "partials" map. */
/* The loader's data: the test's partials (read-only). */
typedef struct partials {
    const val *map;
} partials;

static char *load_partial(void *ud, const char *name, size_t *len)
{
    const char *s = val_str(val_get(((const partials *)ud)->map, name), len);
    return s ? xstrndup(s, *len) : NULL;
}

/* ---- running ---- */

static void put_quoted(const char *label, const char *s, size_t n)
{
    size_t i;
    printf("  %-9s \"", label);
    for (i = 0; i < n; i++) {
        switch (s[i]) {
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        default: putchar(s[i]);
        }
    }
    puts("\"");
}

static const char *str_of(const val *v, size_t *len)
{
    const char *s = val_str(v, len);
    if (!s) {
        *len = 0;
        return "";
    }
    return s;
}

/* Compile and render one test; returns the output (malloc'd) or an error text (malloc'd). */
static char *run_one(const val *test, size_t *outlen)
{
    partials parts;
    tpl_env *env;
    tpl_template *t = NULL;
    char *err = NULL, *res = NULL;
    size_t len = 0;
    parts.map = val_get(test, "partials");
    env = tpl_env_new(load_partial, &parts);
    const char *src = str_of(val_get(test, "template"), &len);
    buf out;
    buf_init(&out);
    t = tpl_compile(env, "template", src, len, &err);
    if (t)
        tpl_render(env, t, val_tpl_data(), val_get(test, "data"), &out, &err);
    if (err) {
        buf_reset(&out);
        buf_printf(&out, "<error: %s>", err);
    }
    res = buf_detach(&out, outlen);
    free(err);
    tpl_env_free(env);
    return res;
}

static void run_test(const char *file, const val *test, tally *tl)
{
    size_t glen = 0, elen = 0, tlen = 0;
    char *got = run_one(test, &glen);
    const char *exp = str_of(val_get(test, "expected"), &elen);
    const char *src = str_of(val_get(test, "template"), &tlen);
    size_t nlen = 0;
    const char *name = str_of(val_get(test, "name"), &nlen);
    if (glen == elen && memcmp(got, exp, elen) == 0) {
        tl->passed++;
    } else {
        tl->failed++;
        printf("FAIL %s: %s\n", file, name);
        put_quoted("template:", src, tlen);
        put_quoted("expected:", exp, elen);
        put_quoted("got:", got, glen);
    }
    free(got);
}

static void run_file(const char *dir, const char *file, tally *tl)
{
    char *path = fs_join(dir, file);
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    const val *root = yaml_load_file(a, path, d), *tests = NULL;
    size_t i;
    if (!root) {
        printf("FAIL %s: cannot load\n", file);
        diag_print(d, stdout);
        tl->failed++;
        goto out;
    }
    tests = val_get(root, "tests");
    for (i = 0; i < val_len(tests); i++)
        run_test(file, val_at(tests, i), tl);
out:
    diag_list_free(d);
    val_arena_free(a);
    free(path);
}

static int is_spec_file(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".yml") == 0 && strcmp(name, "~lambdas.yml") != 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : PLANSITE_SPEC_DIR;
    char **names = NULL;
    tally tl = {0, 0};
    int n, i;
    if (!fs_is_dir(dir) || (n = fs_list(dir, &names)) < 0) {
        printf("mustache spec folder %s not found\n", dir);
        return 1;
    }
    for (i = 0; i < n; i++) {
        if (is_spec_file(names[i]))
            run_file(dir, names[i], &tl);
    }
    fs_names_free(names, n);
    printf("%d passed, %d failed\n", tl.passed, tl.failed);
    return tl.failed ? 1 : 0;
}
