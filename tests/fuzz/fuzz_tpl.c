/* libFuzzer: any bytes as a template — compile, list names, render against a small tree, with the
 * bytes also serving as a partial ("p"). Must never crash, leak or hang. */
#include "data/val_tpl.h"
#include "data/value.h"
#include "mustache/tpl.h"
#include "util/mem.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *g_data;
static size_t g_size;

static char *load(void *ud, const char *name, size_t *len)
{
    (void)ud;
    if (strcmp(name, "p") != 0)
        return NULL;
    *len = g_size;
    return xstrndup((const char *)g_data, g_size);
}

static void on_name(void *ud, const char *name, unsigned line, unsigned col, int kind)
{
    (void)ud, (void)name, (void)line, (void)col, (void)kind;
}

static val *tree(val_arena *a)
{
    val *root = val_new_map(a), *list = val_new_list(a), *item = val_new_map(a);
    val_map_set(a, item, "x", val_new_cstr(a, "<&>"));
    val_list_push(a, list, item);
    val_list_push(a, list, val_new_number(a, 1.5, NULL, 0));
    val_map_set(a, root, "a", list);
    val_map_set(a, root, "b", val_new_bool(a, 1));
    val_map_set(a, root, "name", val_new_cstr(a, "p"));
    val_map_set(a, root, "t", item);
    return root;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tpl_env *env = tpl_env_new(load, NULL);
    val_arena *a = val_arena_new();
    char *err = NULL;
    buf out;
    tpl_template *t;
    g_data = data;
    g_size = size;
    buf_init(&out);
    t = tpl_compile(env, "f", (const char *)data, size, &err);
    if (t) {
        tpl_names(t, on_name, NULL);
        if (tpl_render(env, t, val_tpl_data(), tree(a), &out, &err) != 0)
            free(err);
    } else
        free(err);
    buf_free(&out);
    val_arena_free(a);
    tpl_env_free(env);
    return 0;
}
