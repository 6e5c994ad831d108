#include "vocab.h"
#include "fields.h"
#include "vocab_table.h"
#include "../data/yaml_load.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include "../util/strmap.h"
#include <stdlib.h>
#include <string.h>

typedef voc_desc vocab_spec;   /* the row of vocab_table.c */

/* entities.yaml's "group" values, indexed by m_ent_group */
static const char *const ent_groups[ENT_GROUP_COUNT] = {NULL, "un", "other"};

const char *vocab_ent_group_id(m_ent_group g)
{
    return g > ENT_GROUP_NONE && g < ENT_GROUP_COUNT ? ent_groups[g] : NULL;
}

/* An entity's optional "group" (entry i of the file): one of ent_groups, else an error at the
 * value naming the closed list. */
static m_ent_group read_group(const val *entry, size_t i, diag_list *d)
{
    const val *g = val_get(entry, "group");
    const char *txt;
    int k;
    if (!g || val_kind_of(g) == VAL_NULL)
        return ENT_GROUP_NONE;
    txt = val_kind_of(g) == VAL_STRING ? val_str(g, NULL) : NULL;
    for (k = ENT_GROUP_NONE + 1; txt && k < ENT_GROUP_COUNT; k++)
        if (!strcmp(txt, ent_groups[k]))
            return (m_ent_group)k;
    fld_error(g, d, "entities[%zu].group: expected one of %s, %s (not %s%s%s)", i,
              ent_groups[ENT_GROUP_UN], ent_groups[ENT_GROUP_OTHER], txt ? "'" : "",
              txt ? txt : val_kind_name(val_kind_of(g)), txt ? "'" : "");
    return ENT_GROUP_NONE;
}

static void read_lang(m_site *s, const vocab_spec *sp, const val *entry, m_term *t,
                      diag_list *d)
{
    size_t li;
    for (li = 0; li < s->nlangs; li++) {
        const val *m = val_get(entry, s->langs[li]);
        const char *known[] = {sp->title_key, sp->short_key, NULL};
        if (!m) {
            fld_warn(entry, d, "missing translation: %s '%s' has no '%s' text", sp->noun, t->id,
                     s->langs[li]);
            continue;
        }
        if (!fld_expect_map(m, s->langs[li], d))
            continue;
        fld_check_keys(m, known, sp->file, d);
        t->title[li] = fld_string(m, sp->title_key, 1, d);
        if (sp->short_key)
            t->short_[li] = fld_string(m, sp->short_key, 0, d);
    }
}

static int entry_key(m_site *s, m_vocab *v, const vocab_spec *sp, const val *entry, m_term *t,
                     diag_list *d)
{
    int num = 0, prev;
    if (sp->numbered) {
        if (!fld_int(entry, "number", 1, 1, 999, &num, d))
            return 0;
        t->number = num;
        t->id = val_arena_printf(s->arena, "%d", num);
        return 1;
    }
    t->id = fld_string(entry, "id", 1, d);
    if (!t->id)
        return 0;
    if (!fld_slug_ok(t->id)) {
        fld_error(val_get(entry, "id"), d,
                  "id: '%s' is not a valid id (lower-case letters, digits and hyphens)", t->id);
        return 0;
    }
    if ((prev = strmap_get(v->index, t->id)) >= 0) {
        const m_loc *first = &v->terms[prev].loc;
        fld_error(val_get(entry, "id"), d, "id: duplicate %s id '%s' (first defined at %u:%u)",
                  sp->noun, t->id, first->line, first->col);
        return 0;
    }
    strmap_put(v->index, t->id, (int)v->n);
    return 1;
}

/* Entry number idx of the file (from 0). */
static void load_entry(m_site *s, m_vocab *v, const vocab_spec *sp, const val *entry, size_t idx,
                       diag_list *d)
{
    static const char *const base[] = {"number", "id", "letter", "url", NULL};
    m_term *t = &v->terms[v->n];
    size_t i, nk = 0;
    const char *known[5 + LANG_MAX + 1];
    for (i = 0; base[i]; i++)
        known[nk++] = base[i];
    if (v->kind == VOC_ENTITIES)
        known[nk++] = "group";
    for (i = 0; i < s->nlangs; i++)
        known[nk++] = s->langs[i];
    known[nk] = NULL;
    if (!fld_expect_map(entry, sp->noun, d))
        return;
    fld_check_keys(entry, known, sp->file, d);
    if (!entry_key(s, v, sp, entry, t, d))
        return;
    t->letter = fld_string(entry, "letter", 0, d);
    t->url = fld_url(entry, "url", d);
    if (v->kind == VOC_ENTITIES)
        t->group = read_group(entry, idx, d);
    t->loc.path = val_path(entry);
    t->loc.line = val_line(entry);
    t->loc.col = val_col(entry);
    read_lang(s, sp, entry, t, d);
    v->n++;
}

/* Numbered vocabularies: terms must be exactly 1..n, each once, stored at index number-1. */
static void order_numbered(m_site *s, m_vocab *v, const vocab_spec *sp, const char *path,
                           diag_list *d)
{
    m_term *sorted = val_arena_alloc(s->arena, (v->n ? v->n : 1) * sizeof *sorted);
    unsigned char *seen = xcalloc(v->n + 1, 1);
    size_t i, n = v->n;
    memset(sorted, 0, (n ? n : 1) * sizeof *sorted);
    for (i = 0; i < n; i++) {
        int num = v->terms[i].number;
        if (num < 1 || (size_t)num > n) {
            diag_add(d, DIAG_ERROR, v->terms[i].loc.path, v->terms[i].loc.line,
                     v->terms[i].loc.col, "number: %s %d is out of order (expected 1 to %zu)",
                     sp->noun, num, n);
            continue;
        }
        if (seen[num])
            diag_add(d, DIAG_ERROR, v->terms[i].loc.path, v->terms[i].loc.line,
                     v->terms[i].loc.col, "number: duplicate %s %d (first defined at %u:%u)",
                     sp->noun, num, sorted[num - 1].loc.line, sorted[num - 1].loc.col);
        seen[num] = 1;
        sorted[num - 1] = v->terms[i];
    }
    for (i = 1; i <= n; i++)
        if (!seen[i])
            diag_add(d, DIAG_ERROR, path, 0, 0, "%s %zu is missing", sp->noun, i);
    free(seen);
    v->terms = sorted;
}

static void load_one(m_site *s, m_vocab_kind kind, diag_list *d)
{
    const vocab_spec *sp = voc_desc_of(kind);
    m_vocab *v = &s->vocab[kind];
    char *dir = fs_join(s->dir, "content/data"), *path = fs_join(dir, sp->file);
    val *root = yaml_load_file_timed(s->arena, path, &v->mtime, d);
    size_t i;
    v->kind = kind;
    v->file = sp->file;
    v->index = strmap_new();
    if (!root || !fld_expect_list(root, sp->file, d)) {
        v->broken = 1;
        goto out;
    }
    v->terms = val_arena_alloc(s->arena, (val_len(root) + 1) * sizeof *v->terms);
    memset(v->terms, 0, (val_len(root) + 1) * sizeof *v->terms);
    for (i = 0; i < val_len(root); i++)
        load_entry(s, v, sp, val_at(root, i), i, d);
    if (sp->numbered)
        order_numbered(s, v, sp, val_path(root), d);
out:
    free(dir);
    free(path);
}

void vocab_load_all(m_site *s, diag_list *d)
{
    int k;
    for (k = 0; k < VOC_COUNT; k++)
        load_one(s, (m_vocab_kind)k, d);
}

void vocab_free_all(m_site *s)
{
    int k;
    for (k = 0; k < VOC_COUNT; k++) {
        strmap_free(s->vocab[k].index);
        s->vocab[k].index = NULL;
    }
}

static int ref_number(m_site *s, m_vocab_kind kind, const val *item, const char *field,
                      diag_list *d)
{
    const m_vocab *v = &s->vocab[kind];
    double x = val_num(item);
    size_t len = 0;
    const char *txt = val_str(item, &len);
    /* the range is checked before any conversion to an integer (undefined behaviour out of
     * range): a fraction is not a number of the vocabulary, a whole number may not exist */
    if (val_kind_of(item) != VAL_NUMBER ||
        (x > -1e15 && x < 1e15 && x != (double)(long long)x)) {
        fld_error(item, d, "%s: expected %s numbers, not %s%s%s", field, voc_desc_of(kind)->noun,
                  txt ? "'" : "", txt ? txt : val_kind_name(val_kind_of(item)), txt ? "'" : "");
        return -1;
    }
    if (!fld_whole_in(x, 1, (double)v->n)) {
        fld_error(item, d, "%s: %s %s does not exist (content/data/%s has 1 to %zu)", field,
                  voc_desc_of(kind)->noun, txt, voc_desc_of(kind)->file, v->n);
        return -1;
    }
    return (int)x - 1;
}

/* 1 if a and b are the same ASCII text but for case. */
static int same_caseless(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* The term whose short label (an entity's acronym) in some language is id, ignoring case: its
 * index, with that language in *li; -1 when none. */
static int by_short(const m_site *s, const m_vocab *v, const char *id, size_t *li)
{
    size_t i, l;
    for (i = 0; i < v->n; i++)
        for (l = 0; l < s->nlangs; l++)
            if (v->terms[i].short_[l] && same_caseless(v->terms[i].short_[l], id)) {
                *li = l;
                return (int)i;
            }
    return -1;
}

/* "entity 'x' is not in content/data/FILE", with the id it may stand for: a term whose acronym
 * it is (in any language), else the nearest id. */
static void unknown_id(m_site *s, m_vocab_kind kind, const val *item, const char *field,
                       const char *id, diag_list *d)
{
    const m_vocab *v = &s->vocab[kind];
    const char **ids = xmalloc((v->n + 1) * sizeof *ids), *near;
    size_t i, li = 0;
    int t = by_short(s, v, id, &li);
    if (t >= 0) {
        fld_error(item, d, "%s: %s '%s' is not in content/data/%s (did you mean '%s', whose %s in "
                  "'%s' is %s?)", field, voc_desc_of(kind)->noun, id, voc_desc_of(kind)->file, v->terms[t].id,
                  voc_desc_of(kind)->short_key, s->langs[li], v->terms[t].short_[li]);
        goto out;
    }
    for (i = 0; i < v->n; i++)
        ids[i] = v->terms[i].id;
    near = fld_nearest(id, ids, v->n);
    fld_error(item, d, "%s: %s '%s' is not in content/data/%s%s%s%s", field, voc_desc_of(kind)->noun, id,
              voc_desc_of(kind)->file, near ? " (did you mean '" : "", near ? near : "",
              near ? "'?)" : "");
out:
    free(ids);
}

static int ref_id(m_site *s, m_vocab_kind kind, const val *item, const char *field, diag_list *d)
{
    const m_vocab *v = &s->vocab[kind];
    const char *id = val_str(item, NULL);
    int idx;
    if (!id || val_kind_of(item) != VAL_STRING) {
        fld_error(item, d, "%s: expected %s ids, not %s", field, voc_desc_of(kind)->noun,
                  val_kind_name(val_kind_of(item)));
        return -1;
    }
    idx = v->index ? strmap_get(v->index, id) : -1;
    if (idx >= 0)
        return idx;
    unknown_id(s, kind, item, field, id, d);
    return -1;
}

int vocab_ref(m_site *s, m_vocab_kind kind, const val *item, const char *field, diag_list *d)
{
    if (s->vocab[kind].broken)
        return -1;   /* the broken file is the one error: no "not in FILE" for each reference */
    return voc_desc_of(kind)->numbered ? ref_number(s, kind, item, field, d)
                                : ref_id(s, kind, item, field, d);
}

int vocab_refs(m_site *s, m_vocab_kind kind, const val *map, const char *key, m_ints *out,
               diag_list *d)
{
    const val *list = val_get(map, key);
    size_t i, n;
    out->v = NULL;
    out->n = 0;
    if (!list || val_kind_of(list) == VAL_NULL)
        return 0;
    if (!fld_expect_list(list, key, d))
        return 0;
    n = val_len(list);
    out->v = val_arena_alloc(s->arena, (n ? n : 1) * sizeof *out->v);
    for (i = 0; i < n; i++) {
        int idx = vocab_ref(s, kind, val_at(list, i), key, d), j;
        if (idx < 0)
            continue;
        for (j = 0; j < (int)out->n && out->v[j] != idx; j++)
            ;
        if (j < (int)out->n) {
            fld_error(val_at(list, i), d, "%s: %s '%s' is listed twice", key, voc_desc_of(kind)->noun,
                      s->vocab[kind].terms[idx].id);
            continue;
        }
        out->v[out->n++] = idx;
    }
    return 1;
}
