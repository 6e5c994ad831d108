#include "fields.h"
#include "../util/buf.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void report(const val *v, diag_list *d, diag_level lvl, const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    diag_add(d, lvl, val_path(v), val_line(v), val_col(v), "%s", msg);
}

void fld_error(const val *v, diag_list *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(v, d, DIAG_ERROR, fmt, ap);
    va_end(ap);
}

void fld_warn(const val *v, diag_list *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(v, d, DIAG_WARNING, fmt, ap);
    va_end(ap);
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j, row[64], prev, tmp;
    if (lb >= 63 || la >= 63)
        return 99;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        prev = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            tmp = row[j];
            row[j] = best;
            prev = tmp;
        }
    }
    return row[lb];
}

const char *fld_nearest(const char *word, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t bestd = 3, i;
    for (i = 0; i < n; i++) {
        size_t dist = cands[i] ? edit_distance(word, cands[i]) : 99;
        if (dist < bestd) {
            bestd = dist;
            best = cands[i];
        }
    }
    return best;
}

static int known_key(const char *k, const char *const *known)
{
    for (; *known; known++)
        if (!strcmp(k, *known))
            return 1;
    return 0;
}

static void list_known(buf *b, const char *const *known)
{
    const char *const *k;
    for (k = known; *k; k++) {
        if (k != known)
            buf_puts(b, ", ");
        buf_puts(b, *k);
    }
}

void fld_check_keys(const val *map, const char *const *known, const char *what, diag_list *d)
{
    size_t i, n = val_len(map), nk = 0;
    while (known[nk])
        nk++;
    for (i = 0; i < n; i++) {
        const char *k = val_key_at(map, i, NULL), *near;
        buf b;
        if (known_key(k, known))
            continue;
        buf_init(&b);
        near = fld_nearest(k, known, nk);
        if (near)
            buf_printf(&b, "did you mean '%s'?", near);
        else {
            buf_puts(&b, "expected one of: ");
            list_known(&b, known);
        }
        fld_error(val_at(map, i), d, "unknown field '%s' in %s (%s)", k, what, buf_cstr(&b));
        buf_free(&b);
    }
}

int fld_expect_map(const val *v, const char *what, diag_list *d)
{
    if (val_kind_of(v) == VAL_MAP)
        return 1;
    fld_error(v, d, "%s must be a map, not %s", what, val_kind_name(val_kind_of(v)));
    return 0;
}

int fld_expect_list(const val *v, const char *what, diag_list *d)
{
    if (val_kind_of(v) == VAL_LIST)
        return 1;
    fld_error(v, d, "%s must be a list, not %s", what, val_kind_name(val_kind_of(v)));
    return 0;
}

const char *fld_string(const val *map, const char *key, int required, diag_list *d)
{
    const val *v = val_get(map, key);
    size_t len = 0;
    const char *s;
    if (!v || val_kind_of(v) == VAL_NULL) {
        if (required)
            fld_error(map, d, "missing field '%s' (expected a string)", key);
        return NULL;
    }
    s = val_str(v, &len);
    if (!s) {
        fld_error(v, d, "%s: expected a string, not %s", key, val_kind_name(val_kind_of(v)));
        return NULL;
    }
    if (len == 0 && required)
        fld_error(v, d, "%s: must not be empty", key);
    return len ? s : NULL;
}

int fld_int(const val *map, const char *key, int required, int lo, int hi, int *out,
            diag_list *d)
{
    const val *v = val_get(map, key);
    double x;
    if (!v || val_kind_of(v) == VAL_NULL) {
        if (required)
            fld_error(map, d, "missing field '%s' (expected a whole number from %d to %d)", key,
                      lo, hi);
        return 0;
    }
    x = val_num(v);
    if (val_kind_of(v) != VAL_NUMBER || x != (double)(int)x || x < lo || x > hi) {
        size_t len = 0;
        const char *s = val_str(v, &len);
        fld_error(v, d, "%s: expected a whole number from %d to %d, not %s%s%s", key, lo, hi,
                  s ? "'" : "", s ? s : val_kind_name(val_kind_of(v)), s ? "'" : "");
        return 0;
    }
    *out = (int)x;
    return 1;
}

int fld_bool(const val *map, const char *key, diag_list *d)
{
    const val *v = val_get(map, key);
    if (!v || val_kind_of(v) == VAL_NULL)
        return 0;
    if (val_kind_of(v) != VAL_BOOL) {
        fld_error(v, d, "%s: expected true or false, not %s", key, val_kind_name(val_kind_of(v)));
        return 0;
    }
    return val_bool(v);
}

int fld_order_cmp(int order_a, const char *slug_a, int order_b, const char *slug_b)
{
    if (order_a != order_b)
        return order_a < order_b ? -1 : 1;
    return strcmp(slug_a, slug_b);
}

int fld_slug_ok(const char *s)
{
    size_t n = strlen(s), i;
    if (n == 0 || n > 80 || s[0] == '-' || s[n - 1] == '-')
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
    }
    return 1;
}
