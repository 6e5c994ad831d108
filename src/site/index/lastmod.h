/* lastmod: when each page's content last changed ("Last updated", the sitemap's lastmod): the
 * newest time of the content files a page is built from, and for a page that lists others (a plan,
 * an index, a term, an entity) the newest of what it lists. A file's time comes from git when the
 * site is a git checkout (one `git log` over content/'s history: the last commit that touched it),
 * else, and for files git does not know, from its modification time. With SOURCE_DATE_EPOCH set
 * (reproducible builds), no time is later than it. */
#ifndef PLANSITE_LASTMOD_H
#define PLANSITE_LASTMOD_H
#include "outputs.h"

typedef struct lastmod lastmod;   /* opaque */

/* The times of every content file of s (the model's .yaml and .LANG.md files and the
 * vocabularies' data files) and of each workstream and plan per language. use_git: ask git
 * first (0: modification times only). Free with lastmod_free. */
lastmod *lastmod_new(const m_site *s, const xref *x, int use_git);
void lastmod_free(lastmod *l);
/* Page p's time (seconds since the epoch, UTC), or 0 for a page that has none (root, 404) or when
 * l is NULL. */
long long lastmod_page(const lastmod *l, const out_page *p);
/* The date of time t as "YYYY-MM-DD" (UTC) into out (11 bytes); "" for t <= 0. */
void lastmod_iso(long long t, char out[11]);
/* SOURCE_DATE_EPOCH as a number of seconds, or -1 when it is not set or not a whole number. The
 * parsing is util/sys's sys_source_date_epoch. */
long long lastmod_source_date_epoch(void);

#endif
