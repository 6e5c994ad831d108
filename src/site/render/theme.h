/* theme: where templates and static files come from. A template NAME is SITE/templates/NAME.mustache
 * when that file exists (the site's override), else SITE/themes/THEME/templates/NAME.mustache. */
#ifndef PLANSITE_THEME_H
#define PLANSITE_THEME_H
#include "../../mustache/tpl.h"
#include "../../data/value.h"
#include "../../util/diag.h"

typedef struct theme theme;   /* opaque */

/* A theme of site folder dir (theme name: "default"): SITE/themes/NAME when the site has one,
 * else the installed one in theme_datadir()/themes/NAME. Free with theme_free. */
theme *theme_new(const char *dir, const char *name);
void theme_free(theme *t);
/* The installed data folder (PREFIX/share/plansite: themes/, data/): $PLANSITE_DATADIR when set,
 * else ../share/plansite beside the running program (/proc/self/exe), else the compile-time
 * PLANSITE_DATADIR; NULL when the folder chosen does not exist. Caller frees. */
char *theme_datadir(void);
/* The theme's own folder (SITE/themes/NAME, or the installed one). */
const char *theme_dir(const theme *t);
/* A template env reading this theme's templates (owned by the theme). */
tpl_env *theme_env(theme *t);
/* An engine message "NAME:line:col: message" with NAME replaced by the template's file (the
 * site's override or the theme's); other messages as they are. Caller frees. */
char *theme_locate(const theme *t, const char *err);
/* Compile the named templates and, recursively, every partial and parent they name; a syntax
 * error or a missing partial is an error in d. 0 when all compiled. */
int theme_preload(theme *t, const char *const *names, size_t n, diag_list *d);
/* Warn (with the template's path:line:col) about every {{t.key}} that the templates preloaded by
 * theme_preload use and that a language's string table (tables[i] for langs[i]) lacks. */
void theme_check_strings(theme *t, const val *const *tables, const char *const *langs, size_t n,
                         diag_list *d);

#endif
