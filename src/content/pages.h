/* pages: load content/pages/ (<page>.yaml facts, optional; <page>.LANG.md text) into the model. */
#ifndef PLANSITE_PAGES_H
#define PLANSITE_PAGES_H
#include "model.h"

/* Load every page of s->dir/content/pages into s->pages (sorted by order, then slug). A missing
 * folder means no pages. Vocabularies must be loaded first (country lists). */
void pages_load_all(m_site *s, const m_load_opts *opts, diag_list *d);

#endif
