#include "urls.h"
#include "../../content/fields.h"
#include "../../content/vocab_table.h"
#include <string.h>

static const char *const sect_keys[SECT_COUNT] = {"url_plans", "url_documents", "url_print",
                                                   "url_search", "url_data"};
static const char *const sect_default[SECT_COUNT] = {"workplans", "documents", "print",
                                                      "search", "data"};

/* The URL name of a section from string-table key key of language li (default: dflt), checked. */
static const char *sect_name(const i18n *t, size_t li, const char *key, const char *dflt,
                             diag_list *d)
{
    const char *name = val_str(val_get(i18n_table(t, li), key), NULL);
    if (!name && i18n_missing(t, li))
        return dflt;   /* the missing table was reported once */
    if (!name)
        diag_add(d, DIAG_ERROR, i18n_path(t, li), 0, 0, "missing string '%s' (the URL "
                 "name of a section, lower-case letters, digits and hyphens)", key);
    else if (!fld_slug_ok(name))
        fld_error(val_get(i18n_table(t, li), key), d, "%s: '%s' is not safe in "
                  "a URL (lower-case letters, digits and hyphens)", key, name);
    else
        return name;
    return dflt;
}

/* In the order of the messages: plans, the vocabularies with pages, documents, print, search, data. */
void url_map_init(url_map *u, const m_site *s, const i18n *t, diag_list *d)
{
    size_t li;
    int k;
    u->s = s;
    for (li = 0; li < s->nlangs; li++) {
        u->sect[li][SECT_PLANS] = sect_name(t, li, sect_keys[SECT_PLANS],
                                            sect_default[SECT_PLANS], d);
        for (k = 0; k < VOC_COUNT; k++) {
            const voc_desc *vd = voc_desc_of((m_vocab_kind)k);
            u->voc[li][k] = vd->url_key ? sect_name(t, li, vd->url_key, vd->url_default, d)
                                        : NULL;
        }
        for (k = SECT_DOCS; k < SECT_COUNT; k++)
            u->sect[li][k] = sect_name(t, li, sect_keys[k], sect_default[k], d);
    }
}

const char *url_home(const url_map *u, size_t li, val_arena *a)
{
    return val_arena_cat(a, u->s->langs[li], "/", (char *)NULL);
}

const char *url_plan(const url_map *u, size_t li, const m_plan *p, val_arena *a)
{
    return val_arena_cat(a, u->s->langs[li], "/", u->sect[li][SECT_PLANS], "/", p->slug, "/",
                        (char *)NULL);
}

const char *url_ws(const url_map *u, size_t li, const m_ws *w, val_arena *a)
{
    return val_arena_cat(a, u->s->langs[li], "/", u->sect[li][SECT_PLANS], "/", w->plan->slug,
                         "/", w->slug, "/", (char *)NULL);
}

const char *url_section(const url_map *u, size_t li, url_sect sect, val_arena *a)
{
    return val_arena_cat(a, u->s->langs[li], "/", u->sect[li][sect], "/", (char *)NULL);
}

const char *url_voc_section(const url_map *u, size_t li, m_vocab_kind k, val_arena *a)
{
    return val_arena_cat(a, u->s->langs[li], "/", u->voc[li][k], "/", (char *)NULL);
}

const char *url_term(const url_map *u, size_t li, m_vocab_kind k, size_t term, val_arena *a)
{
    return val_arena_cat(a, u->s->langs[li], "/", u->voc[li][k], "/",
                         u->s->vocab[k].terms[term].id, "/", (char *)NULL);
}

const char *url_doc(const url_map *u, size_t li, const m_page *p, val_arena *a)
{
    return val_arena_cat(a, u->s->langs[li], "/", u->sect[li][SECT_DOCS], "/", p->slug, "/",
                         (char *)NULL);
}

const char *url_handout_plan(const url_map *u, size_t li, const m_plan *p, val_arena *a)
{
    return val_arena_cat(a, u->s->langs[li], "/", u->sect[li][SECT_PRINT], "/", p->slug, "/",
                         (char *)NULL);
}

const char *url_handout_term(const url_map *u, size_t li, size_t objective, val_arena *a)
{
    return val_arena_printf(a, "%s/%s/%s-%s/", u->s->langs[li], u->sect[li][SECT_PRINT],
                            u->voc[li][VOC_OBJECTIVES],
                            u->s->vocab[VOC_OBJECTIVES].terms[objective].id);
}

const char *url_root_prefix(const char *url, val_arena *a)
{
    size_t depth = 0, i;
    char *p;
    for (i = 0; url[i]; i++)
        depth += url[i] == '/';
    p = val_arena_alloc(a, depth * 3 + 1);
    for (i = 0; i < depth; i++)
        memcpy(p + i * 3, "../", 3);
    p[depth * 3] = '\0';
    return p;
}

const char *url_file(const char *url, val_arena *a)
{
    size_t n = strlen(url);
    if (n == 0)
        return "index.html";
    if (url[n - 1] == '/')
        return val_arena_cat(a, url, "index.html", (char *)NULL);
    return url;
}
