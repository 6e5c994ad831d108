/* export: files for machines — sitemap.xml (every page with its hreflang alternates), and the open
 * data (index/datafiles.h): every plan and workstream as JSON with its JSON Schema, the
 * workstream x objective matrix as CSV, and one CSV per facet and language. */
#ifndef PLANSITE_EXPORT_H
#define PLANSITE_EXPORT_H
#include "../index/datafiles.h"
#include "../view/context.h"

/* Write sitemap.xml and every file of datafiles.h's list into dest; sizes (optional: df_nfiles
 * entries) gets the size in bytes of each data file as written, in datafiles.h's order (what
 * export_sizes gives, without making the files twice). Errors go to d. Returns 0 on success. */
int export_all(const site_ctx *sc, const out_list *pages, const char *dest, size_t *sizes,
               diag_list *d);
/* The size in bytes of each data file, in datafiles.h's order (df_file_at), computed without
 * writing anything (check, which writes nothing); free() it. */
size_t *export_sizes(const site_ctx *sc);
/* The writers, each appending its document to out. */
void export_sitemap(const site_ctx *sc, const out_list *pages, buf *out);
void export_json(const site_ctx *sc, buf *out);
void export_schema(const site_ctx *sc, buf *out);
void export_csv(const site_ctx *sc, buf *out);
/* data/workstreams-<facet>.<lang>.csv of facet f in language li. */
void export_facet_csv(const site_ctx *sc, df_facet f, size_t li, buf *out);

#endif
