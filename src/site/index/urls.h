/* urls: the site's localized, stable URLs. Every URL is a path relative to the site root
 * ("es/planes/2022-2024/07-alternativas/"); folders end in '/', and are written as
 * <folder>/index.html. Section names come from each language's string table (url_plans ...). */
#ifndef PLANSITE_URLS_H
#define PLANSITE_URLS_H
#include "i18n.h"

/* The sections that are not a vocabulary's (those come from content/vocab_table.c). */
typedef enum { SECT_PLANS, SECT_DOCS, SECT_PRINT, SECT_SEARCH, SECT_DATA, SECT_COUNT } url_sect;

typedef struct url_map {
    const m_site *s;
    const char *sect[LANG_MAX][SECT_COUNT];
    const char *voc[LANG_MAX][VOC_COUNT];    /* NULL: the vocabulary has no pages */
} url_map;

/* Read the section names of every language from the string tables (the vocabularies' keys and
 * defaults from their rows in content/vocab_table.c); an unsafe or missing name is an error (the
 * English default is used). */
void url_map_init(url_map *u, const m_site *s, const i18n *t, diag_list *d);
/* Builders: the URL, allocated in a. */
const char *url_home(const url_map *u, size_t li, val_arena *a);
const char *url_plan(const url_map *u, size_t li, const m_plan *p, val_arena *a);
const char *url_ws(const url_map *u, size_t li, const m_ws *w, val_arena *a);
const char *url_section(const url_map *u, size_t li, url_sect sect, val_arena *a);
/* The section of vocabulary k (which has pages: voc_has_pages), "es/objetivos/", in a. */
const char *url_voc_section(const url_map *u, size_t li, m_vocab_kind k, val_arena *a);
const char *url_term(const url_map *u, size_t li, m_vocab_kind k, size_t term, val_arena *a);
const char *url_doc(const url_map *u, size_t li, const m_page *p, val_arena *a);
const char *url_handout_plan(const url_map *u, size_t li, const m_plan *p, val_arena *a);
const char *url_handout_term(const url_map *u, size_t li, size_t objective, val_arena *a);
/* "../" repeated once per folder of url (the way back to the site root), in a. */
const char *url_root_prefix(const char *url, val_arena *a);
/* The file an URL is written to: url itself, or url + "index.html" for folders. In a. */
const char *url_file(const char *url, val_arena *a);

#endif
