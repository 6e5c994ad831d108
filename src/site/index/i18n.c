#include "i18n.h"
#include "../../content/fields.h"
#include "../../data/yaml_load.h"
#include "../../util/fs.h"
#include "../../util/mem.h"
#include <stdlib.h>
#include <string.h>

struct i18n {
    val_arena *a;
    size_t nlangs;
    val *table[LANG_MAX];
    const char *path[LANG_MAX];   /* the theme's table of each language, for messages */
    int missing[LANG_MAX];        /* no table file: one error said so, nothing more is reported */
};

/* Add the string entries of src whose keys dst lacks. */
static void merge(i18n *t, val *dst, const val *src, diag_list *d)
{
    size_t i;
    for (i = 0; i < val_len(src); i++) {
        size_t klen = 0;
        const char *k = val_key_at(src, i, &klen);
        if (val_kind_of(val_at(src, i)) != VAL_STRING) {
            fld_error(val_at(src, i), d, "%s: expected a string, not %s", k,
                      val_kind_name(val_kind_of(val_at(src, i))));
            continue;
        }
        if (!val_getn(dst, k, klen))
            val_map_put(t->a, dst, k, klen, val_at(src, i));
    }
}

static val *load_table(i18n *t, const char *dir, const char *lang, int required, diag_list *d)
{
    char *name = NULL, *path = NULL;
    val *root = NULL;
    name = xmalloc(strlen(lang) + 6);
    strcpy(name, lang);
    strcat(name, ".yaml");
    path = fs_join(dir, name);
    if (!fs_is_file(path)) {
        if (required)
            diag_add(d, DIAG_ERROR, path, 0, 0, "missing: the string table of language '%s'",
                     lang);
        goto out;
    }
    root = yaml_load_file(t->a, path, d);
    if (root && !fld_expect_map(root, "a string table", d))
        root = NULL;
out:
    free(name);
    free(path);
    return root;
}

/* The site's own strings first, then the theme's for every key the site does not set. */
static val *combine(i18n *t, const val *theme, const val *site, diag_list *d)
{
    val *out = val_new_map(t->a);
    merge(t, out, site, d);
    merge(t, out, theme, d);
    return out;
}

static void check_missing(const i18n *t, const m_site *s, const char *dir, diag_list *d)
{
    size_t a, b, i;
    for (a = 0; a < t->nlangs; a++)
        for (b = 0; b < t->nlangs; b++) {
            if (a == b || t->missing[a] || t->missing[b])
                continue;
            for (i = 0; i < val_len(t->table[a]); i++) {
                size_t klen = 0;
                const char *k = val_key_at(t->table[a], i, &klen);
                if (!val_getn(t->table[b], k, klen))
                    diag_add(d, DIAG_WARNING, dir, 0, 0, "missing translation: string '%s' is in "
                             "%s.yaml but not in %s.yaml", k, s->langs[a], s->langs[b]);
            }
        }
}

i18n *i18n_load(const m_site *s, const char *theme_dir, diag_list *d)
{
    i18n *t = xcalloc(1, sizeof *t);
    char *tdir = fs_join(theme_dir, "i18n"), *sdir = fs_join(s->dir, "i18n");
    size_t li;
    t->a = val_arena_new();
    t->nlangs = s->nlangs;
    for (li = 0; li < s->nlangs; li++) {
        val *theme = load_table(t, tdir, s->langs[li], 1, d);
        t->missing[li] = theme == NULL;
        val *site = load_table(t, sdir, s->langs[li], 0, d);
        t->table[li] = combine(t, theme, site, d);
        t->path[li] = val_arena_printf(t->a, "%s/%s.yaml", tdir, s->langs[li]);
        val_map_index(t->a, t->table[li]);   /* every page reads it many times */
    }
    check_missing(t, s, tdir, d);
    free(tdir);
    free(sdir);
    return t;
}

void i18n_free(i18n *t)
{
    if (!t)
        return;
    val_arena_free(t->a);
    free(t);
}

const val *i18n_table(const i18n *t, size_t li)
{
    return t->table[li];
}

int i18n_missing(const i18n *t, size_t li)
{
    return t->missing[li];
}

const char *i18n_path(const i18n *t, size_t li)
{
    return t->path[li];
}

const char *i18n_get(const i18n *t, size_t li, const char *key)
{
    const char *s = val_str(val_get(t->table[li], key), NULL);
    return s ? s : key;
}
