/* i18n: the user-interface string tables, one YAML map per language
 * (themes/<theme>/i18n/LANG.yaml; a site's own i18n/LANG.yaml overrides single strings). */
#ifndef PLANSITE_I18N_H
#define PLANSITE_I18N_H
#include "../../content/model.h"

typedef struct i18n i18n;   /* opaque */

/* Load the tables of every language of s from the theme folder (and the site's overrides).
 * A string present in one language but missing in another is a warning; a missing file or a
 * non-string value is an error. Never NULL. Free with i18n_free. */
i18n *i18n_load(const m_site *s, const char *theme_dir, diag_list *d);
void i18n_free(i18n *t);
/* The table of language li as a value map (for templates: {{t.key}}). */
const val *i18n_table(const i18n *t, size_t li);
/* 1 when language li's string table could not be read (an error was reported). */
int i18n_missing(const i18n *t, size_t li);
/* The theme's string table file of language li (for messages). */
const char *i18n_path(const i18n *t, size_t li);
/* One string, or the key itself when missing (never NULL). */
const char *i18n_get(const i18n *t, size_t li, const char *key);

#endif
