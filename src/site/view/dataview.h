/* dataview: the template context of the "Open data" page — every data file with its description
 * and size, the fields of data/workplans.json and the columns of the facet CSVs, all from the
 * table of index/datafiles.h (the one the export's JSON Schema is written from), the licence as
 * site.yaml states it, and the build's date. */
#ifndef PLANSITE_DATAVIEW_H
#define PLANSITE_DATAVIEW_H
#include "context.h"

/* The page's context: the frame (frame.h) with "data" set. Sets *fb when a text (the licence)
 * comes from another language. */
val *dataview_build(view *v, int *fb);

#endif
