#include "pages.h"
#include "preload.h"
#include "fields.h"
#include "textfile.h"
#include "vocab.h"
#include "../data/yaml_load.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include "../util/strmap.h"
#include <stdlib.h>
#include <string.h>

typedef struct pages_load {
    m_site *s;
    const m_load_opts *opts;
    diag_list *d;
    char *dir;
    strmap *by_slug;
    pre_file *pre;           /* the folder's files, parsed in parallel, by name index */
    m_page **pages;
    size_t n, cap;
} pages_load;

/* The page slug, made from the file at path (its .yaml, else its first text file; read at time
 * mtime) when new. */
static m_page *page_get(pages_load *L, const char *slug, const char *path, long long mtime)
{
    int i = strmap_get(L->by_slug, slug);
    m_page *p;
    if (i >= 0)
        return L->pages[i];
    p = val_arena_alloc(L->s->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    p->slug = val_arena_strndup(L->s->arena, slug, strlen(slug));
    p->loc.path = val_arena_strndup(L->s->arena, path, strlen(path));
    p->loc.line = 1;
    p->loc.col = 1;
    p->mtime = mtime;
    if (L->n == L->cap) {
        L->cap = L->cap ? L->cap * 2 : 8;
        L->pages = xrealloc(L->pages, L->cap * sizeof *L->pages);
    }
    strmap_put(L->by_slug, p->slug, (int)L->n);
    L->pages[L->n++] = p;
    return p;
}

static void page_lists(pages_load *L, m_page *p, const val *lists)
{
    size_t i, n = val_len(lists);
    if (!lists || !fld_expect_map(lists, "country_lists", L->d))
        return;
    p->lists = val_arena_alloc(L->s->arena, (n ? n : 1) * sizeof *p->lists);
    memset(p->lists, 0, (n ? n : 1) * sizeof *p->lists);
    for (i = 0; i < n; i++) {
        m_country_list *cl = &p->lists[p->nlists];
        val *wrap = val_new_map(L->s->arena);
        cl->id = val_key_at(lists, i, NULL);
        val_map_set(L->s->arena, wrap, cl->id, val_at(lists, i));
        vocab_refs(L->s, VOC_COUNTRIES, wrap, cl->id, &cl->countries, L->d);
        p->nlists++;
    }
}

static void page_facts(pages_load *L, m_page *p, const val *root)
{
    static const char *const known[] = {"order", "date", "country_lists", NULL};
    if (!fld_expect_map(root, "a page's .yaml", L->d))
        return;
    fld_check_keys(root, known, "a page", L->d);
    fld_int(root, "order", 0, 0, 1000000, &p->order, L->d);
    p->date = fld_string(root, "date", 0, L->d);
    page_lists(L, p, val_get(root, "country_lists"));
}

static m_country_list *find_list(m_page *p, const char *id)
{
    size_t i;
    for (i = 0; i < p->nlists; i++)
        if (!strcmp(p->lists[i].id, id))
            return &p->lists[i];
    return NULL;
}

static void page_text(pages_load *L, m_page *p, int fi, size_t li)
{
    static const char *const known[] = {"title", "summary", "country_lists", NULL};
    val *fm = NULL;
    const val *caps;
    size_t i;
    p->has_lang[li] = 1;
    if ((fm = pre_take(L->pre, fi, L->d)) == NULL)
        return;
    p->body[li] = L->pre[fi].body;
    fld_check_keys(fm, known, "a page's text", L->d);
    p->title[li] = fld_string(fm, "title", 1, L->d);
    p->summary[li] = fld_string(fm, "summary", 0, L->d);
    caps = val_get(fm, "country_lists");
    if (!caps || !fld_expect_map(caps, "country_lists", L->d))
        return;
    for (i = 0; i < val_len(caps); i++) {
        m_country_list *cl = find_list(p, val_key_at(caps, i, NULL));
        if (!cl)
            fld_error(val_at(caps, i), L->d, "country_lists: '%s' is not a list of %s.yaml",
                      val_key_at(caps, i, NULL), p->slug);
        else
            cl->caption[li] = val_str(val_at(caps, i), NULL);
    }
}

static void on_facts(void *ud, int i, const char *stem, const char *path)
{
    pages_load *L = ud;
    val *root = pre_take(L->pre, i, L->d);
    if (root)
        page_facts(L, page_get(L, stem, path, L->pre[i].mtime), root);
}

static void on_text(void *ud, int i, const char *stem, size_t li, const char *path)
{
    pages_load *L = ud;
    if (!fld_slug_ok(stem))
        diag_add(L->d, DIAG_ERROR, path, 0, 0, "'%s' is not a valid page slug", stem);
    else
        page_text(L, page_get(L, stem, path, L->pre[i].mtime), i, li);
}

static const pre_scan page_scan = {
    "page", "", NULL,
    "unexpected file in content/pages (expected <page>.yaml and <page>.LANG.md)", on_facts,
    on_text};

static int page_cmp(const void *a, const void *b)
{
    const m_page *x = *(m_page *const *)a, *y = *(m_page *const *)b;
    return fld_order_cmp(x->order, x->slug, y->order, y->slug);
}

static void finish(pages_load *L)
{
    size_t i;
    m_site *s = L->s;
    s->pages = val_arena_alloc(s->arena, (L->n ? L->n : 1) * sizeof *s->pages);
    for (i = 0; i < L->n; i++) {
        m_page *p = L->pages[i];
        if (fld_check_langs(L->d, p->loc.path, 0, 0, "page", p->slug, "", p->has_lang, s->langs,
                            s->nlangs))
            s->pages[s->npages++] = p;
    }
    qsort(s->pages, s->npages, sizeof *s->pages, page_cmp);
}

void pages_load_all(m_site *s, const m_load_opts *opts, diag_list *d)
{
    pages_load L;
    char **names = NULL;
    int n;
    memset(&L, 0, sizeof L);
    L.s = s;
    L.opts = opts;
    L.d = d;
    L.dir = fs_join(s->dir, "content/pages");
    L.by_slug = strmap_new();
    n = fs_list(L.dir, &names);
    if (n > 0) {
        L.pre = pre_folder(s, opts, L.dir, names, n);
        pre_scan_folder(&page_scan, &L, s, L.dir, names, n, d);
        pre_folder_free(L.pre, n);
        fs_names_free(names, n);
    }
    finish(&L);
    free(L.pages);
    free(L.dir);
    strmap_free(L.by_slug);
}
