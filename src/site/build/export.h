/* export: files for machines — sitemap.xml (every page with its hreflang alternates), the data of
 * every plan and workstream as JSON, and the workstream x objective matrix as CSV. */
#ifndef PLANSITE_EXPORT_H
#define PLANSITE_EXPORT_H
#include "../view/context.h"

/* Write sitemap.xml, data/workplans.json and data/workstreams-objectives.csv into dest.
 * Errors go to d. Returns 0 on success. */
int export_all(const site_ctx *sc, const out_list *pages, const char *dest, diag_list *d);
/* The three writers, each appending its document to out. */
void export_sitemap(const site_ctx *sc, const out_list *pages, buf *out);
void export_json(const site_ctx *sc, buf *out);
void export_csv(const site_ctx *sc, buf *out);

#endif
