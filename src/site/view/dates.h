/* dates: ISO dates as the readers of a page's language write them. */
#ifndef PLANSITE_DATES_H
#define PLANSITE_DATES_H
#include "context.h"

/* An ISO date ("2022-12-15", "2019-07") as readers of the page's language write it, with the
 * string table's month_1..month_12 and its date_dmy / date_my patterns ("{d} de {m} de {y}"), in
 * v->a; NULL for NULL, the text itself when it is not such a date (a bare year, say). */
const char *dates_text(view *v, const char *iso);

/* The build's date: SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention)
 * when set and not empty, else now, into *out. -1 when SOURCE_DATE_EPOCH is not a whole number of
 * seconds from 0 to 9999-12-31. The one place the build reads the clock for a date it shows. */
int dates_build_time(long long *out);
/* Its day in UTC as "YYYY-MM-DD" (for dates_text), in v->a. */
const char *dates_day_iso(view *v, long long t);

#endif
