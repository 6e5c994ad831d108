/* dates: ISO dates as the readers of a page's language write them. */
#ifndef PLANSITE_DATES_H
#define PLANSITE_DATES_H
#include "context.h"

/* An ISO date ("2022-12-15", "2019-07") as readers of the page's language write it, with the
 * string table's month_1..month_12 and its date_dmy / date_my patterns ("{d} de {m} de {y}"), in
 * v->a; NULL for NULL, the text itself when it is not such a date (a bare year, say). */
const char *dates_text(view *v, const char *iso);

#endif
