/* pdfs: the PDFs of a handout that exist in the output folder (the only module of the view stage
 * that looks at the file system). */
#ifndef PLANSITE_PDFS_H
#define PLANSITE_PDFS_H
#include "context.h"

/* The PDFs of a handout page (kind PK_HANDOUT_*) that exist in sc->pdf_dir, the page's language
 * first: a new list [{lang, name, url, size ("412 kB", "1,2 MB"), current}]. Empty without
 * pdf_dir. */
val *pdfs_list(view *v, const out_page *handout);

/* A file size for readers: "412 kB", "1.2 MB" with the language's decimal mark, in v->a. */
const char *pdfs_size_text(view *v, long long bytes);

#endif
