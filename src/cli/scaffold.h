/* scaffold: `plansite new` — write the starting files of a site, a workstream or a page.
 * Never overwrites: when any file it would write exists, it names it and writes nothing. Slugs
 * follow the loader's rule (content/fields.h fld_slug_ok). Messages go to stderr ("plansite: ..."),
 * the files written to stdout ("created PATH"). */
#ifndef PLANSITE_SCAFFOLD_H
#define PLANSITE_SCAFFOLD_H

/* Run `plansite new KIND ...`: argv[0] is "new", then one of
 *   site DIR                          a working bilingual site (es, en) in DIR
 *   workstream PLAN SLUG [-s SITE]    SITE/content/plans/PLAN/SLUG.yaml and SLUG.LANG.md
 *   page SLUG [-s SITE]               SITE/content/pages/SLUG.yaml and SLUG.LANG.md
 * (LANG: the site's default language, the first of site.yaml's languages.) Returns the exit
 * status: 0 written, 1 refused or failed (a file exists, an unsafe slug, no such plan), 2 a
 * wrong command line. */
int scaffold_main(int argc, char **argv);

/* The pieces, for tests. Each returns 0 when it wrote its files, else -1 after a message. */
int scaffold_site(const char *dir);
int scaffold_workstream(const char *site, const char *plan, const char *slug);
int scaffold_page(const char *site, const char *slug);

#endif
