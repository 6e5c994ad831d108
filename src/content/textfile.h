/* textfile: a Markdown file with YAML front matter between '---' lines ("x.es.md"). */
#ifndef PLANSITE_TEXTFILE_H
#define PLANSITE_TEXTFILE_H
#include "model.h"

#include <stdint.h>

/* Read path into arena a: parse its front matter (a map, located at the file's own lines) into
 * *fm and record where the body starts, the file's size and the body's tf_hash in *body (the body
 * text is kept when keep_body). A body over max_body bytes (0: no limit) or not valid UTF-8 is an
 * error. Returns 0 on success, -1 after adding errors to d. */
int tf_load(val_arena *a, const char *path, int keep_body, size_t max_body, val **fm,
            m_body *body, diag_list *d);
/* A fast 64-bit hash of p[0..n) (not cryptographic): tells a body that changed since load. */
uint64_t tf_hash(const char *p, size_t n);
/* Split a file name "stem.LANG.md": returns the language index in s and sets *stem (malloc'd,
 * caller frees); -1 when name does not end in ".md" or has no language part; -2 when the language
 * is not one of the site's (then *stem is set too). */
int tf_split_name(const m_site *s, const char *name, char **stem);

#endif
