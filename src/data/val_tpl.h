/* val_tpl: lets the Mustache engine (mustache/tpl.h) read a value tree (data/value.h).
 * Numbers are interpolated in their shortest form ("%.15g": 1.210 -> "1.21"). */
#ifndef PLANSITE_VAL_TPL_H
#define PLANSITE_VAL_TPL_H
#include "../mustache/tpl.h"

/* The function table to pass to tpl_render with a (const val *) root. Static; do not free. */
const tpl_data *val_tpl_data(void);

#endif
