#define _POSIX_C_SOURCE 200809L
#include "dates.h"
#include "../../util/buf.h"
#include "../../util/sys.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *dates_text(view *v, const char *iso)
{
    int y = 0, m = 0, d = 0, n;
    char key[16];
    const char *pat, *p;
    buf out;
    char *res;
    if (!iso)
        return NULL;
    n = sscanf(iso, "%4d-%2d-%2d", &y, &m, &d);
    if (n < 2 || m < 1 || m > 12 || (n == 3 && (d < 1 || d > 31)))
        return iso;
    snprintf(key, sizeof key, "month_%d", m);
    pat = ctx_t(v, n == 3 ? "date_dmy" : "date_my");
    buf_init(&out);
    for (p = pat; *p; p++) {
        if (p[0] != '{' || !strchr("dmy", p[1] ? p[1] : 'x') || p[2] != '}') {
            buf_putc(&out, *p);
            continue;
        }
        if (p[1] == 'm')
            buf_puts(&out, ctx_t(v, key));
        else
            buf_printf(&out, "%d", p[1] == 'd' ? d : y);
        p += 2;
    }
    res = val_arena_printf(v->a, "%s", buf_cstr(&out));
    buf_free(&out);
    return res;
}


int dates_build_time(long long *out)
{
    int r = sys_source_date_epoch(out);
    if (r == 0)
        *out = (long long)time(NULL);
    return r < 0 ? -1 : 0;
}

const char *dates_day_iso(view *v, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm))
        return NULL;
    return val_arena_printf(v->a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
