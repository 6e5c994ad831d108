#include "status.h"
#include "../data/yaml_load.h"
#include "../util/buf.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include "../util/quote.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tr_lang_name(const char *code)
{
    static const char *const names[][2] = {
        {"es", "Spanish"}, {"en", "English"}, {"fr", "French"}, {"ar", "Arabic"},
        {"ru", "Russian"}, {"zh", "Chinese"}, {"pt", "Portuguese"}, {"de", "German"}};
    size_t i;
    for (i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(names[i][0], code))
            return names[i][1];
    return code;
}

/* ---- states ---- */

void tr_update(const tr_set *t, tr_doc *d)
{
    size_t i;
    d->tracked = d->trans && lock_tracks(t->lock, d->trans_rel);
    d->todo = d->words = 0;
    for (i = 0; i < d->n; i++) {
        tr_seg *s = &d->segs[i];
        const char *rec = lock_get(t->lock, d->trans_rel, s->orig->id);
        s->trans = d->trans ? seg_find(d->trans, s->orig->id) : NULL;
        if (!d->tracked)
            s->state = s->trans ? TR_OK : TR_MISSING;
        else if (rec && !strcmp(rec, s->hash))
            s->state = TR_OK;
        else
            s->state = s->trans ? TR_OUTDATED : TR_MISSING;
        if (s->state != TR_OK) {
            d->todo++;
            d->words += seg_words(s->orig->text);
        }
    }
    if (!d->trans)
        d->state = TRF_MISSING;
    else if (!d->tracked)
        d->state = TRF_UNTRACKED;
    else
        d->state = d->todo ? TRF_OUTDATED : TRF_UP_TO_DATE;
}

/* ---- loading ---- */

static int read_langs(tr_set *t, diag_list *d)
{
    val_arena *a = val_arena_new();
    char *path = fs_join(t->site, "content/site.yaml");
    val *root = yaml_load_file(a, path, d);
    const val *langs = val_get(root, "languages");
    size_t i;
    for (i = 0; i < val_len(langs) && t->nlangs < LANG_MAX; i++)
        if (val_str(val_at(langs, i), NULL))
            t->langs[t->nlangs++] = xstrdup(val_str(val_at(langs, i), NULL));
    if (root && !t->nlangs)
        diag_add(d, DIAG_ERROR, path, 0, 0, "languages: expected a list of language codes");
    free(path);
    val_arena_free(a);
    return t->nlangs ? 0 : -1;
}

static void add_doc(tr_set *t, size_t *cap, const char *key, seg_file *orig, size_t li,
                    diag_list *d)
{
    tr_doc *doc;
    size_t i;
    char *rel = xmalloc(strlen(key) + strlen(t->langs[li]) + 8), *content;
    if (t->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        t->docs = xrealloc(t->docs, *cap * sizeof *t->docs);
    }
    doc = &t->docs[t->n++];
    memset(doc, 0, sizeof *doc);
    doc->key = xstrdup(key);
    doc->lang = t->langs[li];
    doc->orig = orig;
    sprintf(rel, "%s.%s.md", key, t->langs[li]);
    doc->trans_rel = rel;
    content = fs_join(t->site, "content");
    doc->trans_path = fs_join(content, rel);
    free(content);
    if (fs_is_file(doc->trans_path))
        doc->broken = !(doc->trans = seg_file_load(doc->trans_path, d));
    doc->segs = xcalloc(orig->n + 1, sizeof *doc->segs);
    doc->n = orig->n;
    for (i = 0; i < orig->n; i++) {
        doc->segs[i].orig = &orig->v[i];
        seg_hash_text(orig->v[i].text, doc->segs[i].hash);
    }
    tr_update(t, doc);
}

/* Every original "STEM.DEF.md" of folder rel (under content/) and its translations. */
static void load_folder(tr_set *t, size_t *cap, const char *rel, diag_list *d)
{
    char *content = fs_join(t->site, "content"), *dir = fs_join(content, rel), **names = NULL;
    char suffix[16];
    int n = fs_list(dir, &names), i;
    size_t li, sl;
    snprintf(suffix, sizeof suffix, ".%s.md", t->langs[0]);
    sl = strlen(suffix);
    for (i = 0; i < n; i++) {
        size_t nl = strlen(names[i]);
        char *path, *key;
        seg_file *orig;
        if (nl <= sl || strcmp(names[i] + nl - sl, suffix))
            continue;
        path = fs_join(dir, names[i]);
        orig = seg_file_load(path, d);
        key = xmalloc(strlen(rel) + nl + 2);
        sprintf(key, "%s/%.*s", rel, (int)(nl - sl), names[i]);
        for (li = 1; orig && li < t->nlangs; li++) {
            add_doc(t, cap, key, orig, li, d);
            t->docs[t->n - 1].orig_path = xstrdup(path);
        }
        if (orig && t->nlangs == 1)
            seg_file_free(orig);
        free(key);
        free(path);
    }
    if (n > 0)
        fs_names_free(names, n);
    free(dir);
    free(content);
}

tr_set *tr_load(const char *site_dir, diag_list *d)
{
    tr_set *t = xcalloc(1, sizeof *t);
    char *plans = NULL, **names = NULL;
    size_t cap = 0;
    int n, i;
    t->site = xstrdup(site_dir);
    t->lock_path = fs_join(site_dir, "content/translations.lock");
    if (read_langs(t, d) != 0 || !(t->lock = lock_load(t->lock_path, d))) {
        tr_free(t);
        return NULL;
    }
    plans = fs_join(site_dir, "content/plans");
    n = fs_list(plans, &names);
    for (i = 0; i < n; i++) {
        char *rel = fs_join("plans", names[i]), *abs = fs_join(plans, names[i]);
        if (fs_is_dir(abs))
            load_folder(t, &cap, rel, d);
        free(rel);
        free(abs);
    }
    if (n > 0)
        fs_names_free(names, n);
    free(plans);
    load_folder(t, &cap, "pages", d);
    return t;
}

void tr_free(tr_set *t)
{
    size_t i;
    if (!t)
        return;
    for (i = 0; i < t->n; i++) {
        tr_doc *d = &t->docs[i];
        /* the original is shared by its translations: the first one frees it */
        if (i == 0 || t->docs[i - 1].orig != d->orig)
            seg_file_free(d->orig);
        seg_file_free(d->trans);
        free(d->segs);
        free(d->key);
        free(d->orig_path);
        free(d->trans_path);
        free(d->trans_rel);
    }
    free(t->docs);
    for (i = 0; i < t->nlangs; i++)
        free(t->langs[i]);
    lock_free(t->lock);
    free(t->lock_path);
    free(t->site);
    free(t);
}

tr_doc *tr_find(const tr_set *t, const char *key, const char *lang)
{
    size_t i;
    for (i = 0; i < t->n; i++)
        if (!strcmp(t->docs[i].key, key) && !strcmp(t->docs[i].lang, lang))
            return &t->docs[i];
    return NULL;
}

/* ---- check ---- */

/* The labels of the segments that are not up to date: "activity 2, item 1; paragraph 3". */
static char *todo_labels(const tr_doc *doc)
{
    buf b;
    size_t i;
    buf_init(&b);
    for (i = 0; i < doc->n; i++)
        if (doc->segs[i].state != TR_OK)
            buf_printf(&b, "%s%s", b.len ? "; " : "", doc->segs[i].orig->label);
    return buf_detach(&b, NULL);
}

static void flag_body(m_body *bodies, const int *has, size_t nlangs, const char *path)
{
    size_t li;
    for (li = 0; li < nlangs; li++)
        if (has[li] && bodies[li].path && !strcmp(bodies[li].path, path))
            bodies[li].outdated = 1;
}

static void flag_model(m_site *m, const char *path)
{
    size_t i, j;
    for (i = 0; i < m->nplans; i++) {
        flag_body(m->plans[i]->body, m->plans[i]->has_lang, m->nlangs, path);
        for (j = 0; j < m->plans[i]->nws; j++)
            flag_body(m->plans[i]->ws[j]->body, m->plans[i]->ws[j]->has_lang, m->nlangs, path);
    }
    for (i = 0; i < m->npages; i++)
        flag_body(m->pages[i]->body, m->pages[i]->has_lang, m->nlangs, path);
}

void tr_check(m_site *m, diag_list *d)
{
    char *lock = fs_join(m->dir, "content/translations.lock");
    diag_list *quiet = diag_list_new();
    tr_set *t = NULL;
    size_t i;
    if (!fs_is_file(lock))
        goto out;
    t = tr_load(m->dir, quiet);      /* a text file's own errors are the loader's to report */
    for (i = 0; i < diag_count(quiet); i++)
        if (strstr(diag_text(quiet, i), "translations.lock"))
            diag_add_raw(d, diag_level_at(quiet, i), diag_text(quiet, i));
    for (i = 0; t && i < t->n; i++) {
        char *labels;
        if (t->docs[i].state != TRF_OUTDATED)
            continue;
        labels = todo_labels(&t->docs[i]);
        diag_add(d, DIAG_WARNING, t->docs[i].trans_path, 0, 0,
                 "outdated translation: the %s original changed since (%s)",
                 tr_lang_name(t->langs[0]), labels);
        flag_model(m, t->docs[i].trans_path);
        free(labels);
    }
out:
    tr_free(t);
    diag_list_free(quiet);
    free(lock);
}

/* ---- the report ---- */

static const char *const file_state_names[] = {"up to date", "outdated", "missing", "untracked"};

/* The JSON string of pre + s + post (util/quote: the export's escaper). */
static void json_str3(FILE *out, const char *pre, const char *s, const char *post)
{
    buf text, q;
    buf_init(&text);
    buf_init(&q);
    buf_puts(&text, pre);
    buf_puts(&text, s);
    buf_puts(&text, post);
    quote_append(&q, buf_cstr(&text), QUOTE_JSON);
    fwrite(q.data, 1, q.len, out);
    buf_free(&q);
    buf_free(&text);
}

static void json_str(FILE *out, const char *s)
{
    json_str3(out, "", s, "");
}

static void json_ids(FILE *out, const tr_doc *doc, tr_state st)
{
    size_t i, k = 0;
    fputc('[', out);
    for (i = 0; i < doc->n; i++)
        if (doc->segs[i].state == st) {
            fputs(k++ ? ", " : "", out);
            json_str(out, doc->segs[i].orig->id);
        }
    fputc(']', out);
}

static void json_doc(FILE *out, const tr_set *t, const tr_doc *doc, int first)
{
    char suffix[16];
    snprintf(suffix, sizeof suffix, ".%s.md", t->langs[0]);
    fprintf(out, "%s\n    {\"key\": ", first ? "" : ",");
    json_str(out, doc->key);
    fputs(", \"original\": ", out);
    json_str3(out, "content/", doc->key, suffix);
    fputs(", \"translation\": ", out);
    json_str3(out, "content/", doc->trans_rel, "");
    fputs(", \"language\": ", out);
    json_str(out, doc->lang);
    fprintf(out, ", \"status\": \"%s\", \"segments\": %zu, \"to_translate\": %zu, \"words\": %zu,"
            " \"outdated\": ", file_state_names[doc->state], doc->n, doc->todo, doc->words);
    json_ids(out, doc, TR_OUTDATED);
    fputs(", \"missing\": ", out);
    json_ids(out, doc, TR_MISSING);
    fputc('}', out);
}

typedef struct totals {
    size_t files[4], todo, words;
} totals;

static void sum(const tr_set *t, totals *tot)
{
    size_t i, li;
    memset(tot, 0, LANG_MAX * sizeof *tot);
    for (i = 0; i < t->n; i++)
        for (li = 1; li < t->nlangs; li++)
            if (!strcmp(t->docs[i].lang, t->langs[li])) {
                tot[li].files[t->docs[i].state]++;
                tot[li].todo += t->docs[i].todo;
                tot[li].words += t->docs[i].words;
            }
}

static void print_json(const tr_set *t, FILE *out)
{
    totals tot[LANG_MAX];
    size_t i, li;
    sum(t, tot);
    fprintf(out, "{\n  \"original_language\": \"%s\",\n  \"translations\": [", t->langs[0]);
    for (i = 0; i < t->n; i++)
        json_doc(out, t, &t->docs[i], i == 0);
    fputs("\n  ],\n  \"totals\": {", out);
    for (li = 1; li < t->nlangs; li++)
        fprintf(out, "%s\n    \"%s\": {\"up_to_date\": %zu, \"outdated\": %zu, \"missing\": %zu, "
                "\"untracked\": %zu, \"to_translate\": %zu, \"words\": %zu}", li > 1 ? "," : "",
                t->langs[li], tot[li].files[0], tot[li].files[1], tot[li].files[2],
                tot[li].files[3], tot[li].todo, tot[li].words);
    fputs("\n  }\n}\n", out);
}

static void print_text(const tr_set *t, FILE *out)
{
    totals tot[LANG_MAX];
    size_t i, li;
    sum(t, tot);
    for (i = 0; i < t->n; i++) {
        const tr_doc *doc = &t->docs[i];
        fprintf(out, "%-3s %-10s  content/%s", doc->lang, file_state_names[doc->state],
                doc->trans_rel);
        if (doc->todo) {
            char *labels = todo_labels(doc);
            fprintf(out, ": %zu segment%s, %zu word%s to translate (%s)", doc->todo,
                    doc->todo == 1 ? "" : "s", doc->words, doc->words == 1 ? "" : "s", labels);
            free(labels);
        }
        fputc('\n', out);
    }
    for (li = 1; li < t->nlangs; li++)
        fprintf(out, "%s: %zu up to date, %zu outdated, %zu missing, %zu untracked; %zu segments, "
                "%zu words to translate\n", t->langs[li], tot[li].files[0], tot[li].files[1],
                tot[li].files[2], tot[li].files[3], tot[li].todo, tot[li].words);
}

void tr_print_status(const tr_set *t, int json, FILE *out)
{
    if (json)
        print_json(t, out);
    else
        print_text(t, out);
}

/* ---- mark ---- */

/* Record every segment of doc's original as translated. */
static void mark_doc(tr_set *t, tr_doc *doc)
{
    const char **ids = xcalloc(doc->n + 1, sizeof *ids), **hashes = xcalloc(doc->n + 1,
                                                                             sizeof *hashes);
    size_t i;
    for (i = 0; i < doc->n; i++) {
        ids[i] = doc->segs[i].orig->id;
        hashes[i] = doc->segs[i].hash;
    }
    lock_set_file(t->lock, doc->trans_rel, ids, hashes, doc->n);
    tr_update(t, doc);
    free(ids);
    free(hashes);
}

/* The document a path names: SITE/content/KEY.L.md, content/KEY.L.md or KEY.L.md. */
static tr_doc *doc_of_path(const tr_set *t, const char *path)
{
    size_t i;
    for (i = 0; i < t->n; i++) {
        const tr_doc *doc = &t->docs[i];
        size_t pl = strlen(path), rl = strlen(doc->trans_rel);
        if (!strcmp(path, doc->trans_path) || !strcmp(path, doc->trans_rel) ||
            (pl == rl + 8 && !strncmp(path, "content/", 8) && !strcmp(path + 8, doc->trans_rel)))
            return &t->docs[i];
    }
    return NULL;
}

int tr_mark(tr_set *t, char **files, int nfiles, int all, diag_list *d, FILE *out)
{
    size_t i, marked = 0;
    int k, changed = 0;
    for (k = 0; k < nfiles; k++) {
        tr_doc *doc = doc_of_path(t, files[k]);
        if (!doc || !doc->trans)
            diag_add(d, DIAG_ERROR, files[k], 0, 0, "not a translation of this site (expected "
                     "a file content/.../NAME.LANG.md beside its original NAME.%s.md)",
                     t->langs[0]);
    }
    if (diag_errors(d))
        return -1;
    for (i = 0; i < t->n; i++) {
        tr_doc *doc = &t->docs[i];
        int wanted = all;
        for (k = 0; !wanted && k < nfiles; k++)
            wanted = doc_of_path(t, files[k]) == doc;
        if (!doc->trans) {
            if (all)
                lock_set_file(t->lock, doc->trans_rel, NULL, NULL, 0);
            continue;
        }
        if (wanted) {
            mark_doc(t, doc);
            marked++;
        }
    }
    if (lock_save(t->lock, t->lock_path, &changed, d) != 0)
        return -1;
    fprintf(out, "marked %zu translation%s up to date%s\n", marked, marked == 1 ? "" : "s",
            changed ? "" : " (the lock was already so)");
    return 0;
}
