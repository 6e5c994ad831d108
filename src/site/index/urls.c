#include "urls.h"
#include "../../content/fields.h"
#include <string.h>

static const char *const sect_keys[SECT_COUNT] = {
    "url_plans", "url_objectives", "url_areas", "url_sdgs", "url_entities", "url_documents",
    "url_print"};
static const char *const sect_default[SECT_COUNT] = {
    "workplans", "objectives", "thematic-areas", "sdgs", "entities", "documents", "print"};

void url_map_init(url_map *u, const m_site *s, const i18n *t, diag_list *d)
{
    size_t li;
    int k;
    u->s = s;
    for (li = 0; li < s->nlangs; li++)
        for (k = 0; k < SECT_COUNT; k++) {
            const char *name = val_str(val_get(i18n_table(t, li), sect_keys[k]), NULL);
            u->sect[li][k] = sect_default[k];
            if (!name && i18n_missing(t, li))
                continue;   /* the missing table was reported once */
            if (!name)
                diag_add(d, DIAG_ERROR, i18n_path(t, li), 0, 0, "missing string '%s' (the URL "
                         "name of a section, lower-case letters, digits and hyphens)",
                         sect_keys[k]);
            else if (!fld_slug_ok(name))
                fld_error(val_get(i18n_table(t, li), sect_keys[k]), d, "%s: '%s' is not safe in "
                          "a URL (lower-case letters, digits and hyphens)", sect_keys[k], name);
            else
                u->sect[li][k] = name;
        }
}

url_sect url_sect_of(m_vocab_kind k)
{
    switch (k) {
    case VOC_OBJECTIVES: return SECT_OBJECTIVES;
    case VOC_AREAS: return SECT_AREAS;
    case VOC_SDGS: return SECT_SDGS;
    default: return SECT_ENTITIES;
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

const char *url_term(const url_map *u, size_t li, m_vocab_kind k, size_t term, val_arena *a)
{
    return val_arena_cat(a, u->s->langs[li], "/", u->sect[li][url_sect_of(k)], "/",
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
                            u->sect[li][SECT_OBJECTIVES],
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
