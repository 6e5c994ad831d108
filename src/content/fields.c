#include "fields.h"
#include "../util/buf.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void report(const val *v, diag_list *d, diag_level lvl, const char *fmt, va_list ap)
{
    diag_addv(d, lvl, val_path(v), val_line(v), val_col(v), fmt, ap);
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
    /* the range first: converting a double out of int's range is undefined behaviour */
    if (val_kind_of(v) != VAL_NUMBER || !fld_whole_in(x, lo, hi)) {
        size_t len = 0;
        const char *s = val_str(v, &len);
        fld_error(v, d, "%s: expected a whole number from %d to %d, not %s%s%s", key, lo, hi,
                  s ? "'" : "", s ? s : val_kind_name(val_kind_of(v)), s ? "'" : "");
        return 0;
    }
    *out = (int)x;
    return 1;
}

int fld_whole_in(double x, double lo, double hi)
{
    return x >= lo && x <= hi && x == (double)(long long)x;   /* NaN fails the first test */
}

static int scheme_char(char c, int first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (!first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
}

/* 1 if the n bytes of s are the lower-case ASCII letters of word, in any case. */
static int same_letters(const char *s, size_t n, const char *word)
{
    size_t i;
    if (strlen(word) != n)
        return 0;
    for (i = 0; i < n; i++)
        if ((s[i] | 0x20) != word[i])
            return 0;
    return 1;
}

/* The length of url's scheme (the letters before ':'), or 0 when it has none (relative). */
static size_t scheme_len(const char *url)
{
    size_t i = 0;
    while (url[i] && scheme_char(url[i], i == 0))
        i++;
    return i && url[i] == ':' ? i : 0;
}

const char *fld_url_problem(const char *url)
{
    size_t i, n;
    if (!*url)
        return "it is empty";
    for (i = 0; url[i]; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= ' ' || c == 0x7f)
            return "it holds a space or a control character";
        if (c == '\\')
            return "it holds a backslash";
    }
    n = scheme_len(url);
    if (!n)
        return NULL;   /* relative: a path, "?query", "#fragment" or "//host/path" */
    if (!same_letters(url, n, "http") && !same_letters(url, n, "https"))
        return "only http://, https:// or relative addresses are allowed";
    if (strncmp(url + n, "://", 3) || !url[n + 3] || url[n + 3] == '/')
        return "expected http:// or https:// followed by a host name";
    return NULL;
}

/* 1 when host[0..n) is name or ends with "." name (letters compared without case). */
static int host_is_under(const char *host, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (n < k || !same_letters(host + n - k, k, name))
        return 0;
    return n == k || host[n - k - 1] == '.';
}

static int host_placeholder(const char *host, size_t n)
{
    static const char *const names[] = {"example.org", "example.com", "example.net", "example",
                                        "test", "invalid", "localhost", NULL};
    size_t i;
    while (n && host[n - 1] == '.')   /* "example.org." */
        n--;
    for (i = 0; names[i]; i++)
        if (host_is_under(host, n, names[i]))
            return 1;
    if (n == 5 && !strncmp(host, "[::1]", 5))
        return 1;
    if (n == 7 && !strncmp(host, "0.0.0.0", 7))
        return 1;
    return n > 4 && !strncmp(host, "127.", 4) && strspn(host, "0123456789.") == n;
}

int fld_url_placeholder(const char *url, const char **host, size_t *len)
{
    size_t n = scheme_len(url), h;
    const char *start, *at;
    if (!n || strncmp(url + n, "://", 3))
        return 0;
    start = url + n + 3;
    h = strcspn(start, "/?#");
    at = memchr(start, '@', h);   /* user:password@host */
    if (at) {
        h -= (size_t)(at + 1 - start);
        start = at + 1;
    }
    if (*start == '[')
        h = strchr(start, ']') && (size_t)(strchr(start, ']') - start) < h
                ? (size_t)(strchr(start, ']') - start) + 1 : h;
    else if (memchr(start, ':', h))
        h = (size_t)((const char *)memchr(start, ':', h) - start);   /* the port */
    if (host)
        *host = start;
    if (len)
        *len = h;
    return host_placeholder(start, h);
}

/* url for a message: control characters written as \xNN, at most 200 bytes. */
static void url_shown(buf *b, const char *url)
{
    size_t i;
    for (i = 0; url[i] && i < 200; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c < ' ' || c == 0x7f)
            buf_printf(b, "\\x%02x", c);
        else
            buf_putc(b, (char)c);
    }
    if (url[i])
        buf_puts(b, "...");
}

const char *fld_url(const val *map, const char *key, diag_list *d)
{
    const char *url = fld_string(map, key, 0, d), *why;
    buf shown;
    if (!url || !(why = fld_url_problem(url)))
        return url;
    buf_init(&shown);
    url_shown(&shown, url);
    fld_error(val_get(map, key), d, "%s: '%s' is not a safe address (%s)", key,
              buf_cstr(&shown), why);
    buf_free(&shown);
    return NULL;
}

void fld_unknown_lang(diag_list *d, const char *path, const char *name, size_t stem_len,
                      const char *const *langs, size_t nlangs)
{
    const char *code = name + stem_len + 1;
    size_t n = strlen(code), i;
    buf b;
    buf_init(&b);
    for (i = 0; i < nlangs; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", langs[i]);
    if (n >= 3 && !strcmp(code + n - 3, ".md"))
        n -= 3;
    diag_add(d, DIAG_ERROR, path, 0, 0, "'%.*s' is not one of the site's languages (%s; "
             "content/site.yaml: languages)", (int)n, code, buf_cstr(&b));
    buf_free(&b);
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

int fld_check_langs(diag_list *d, const char *path, unsigned line, unsigned col,
                    const char *what, const char *slug, const char *where, const int *has,
                    const char *const *langs, size_t nlangs)
{
    size_t li, have = 0;
    for (li = 0; li < nlangs; li++)
        have += has[li] != 0;
    if (!have) {
        diag_add(d, DIAG_ERROR, path, line, col, "%s '%s' has no text file (expected %s.%s.md%s)",
                 what, slug, slug, langs[0], where);
        return 0;
    }
    for (li = 0; li < nlangs; li++)
        if (!has[li])
            diag_add(d, DIAG_WARNING, path, line, col,
                     "missing translation: %s '%s' has no '%s' text (%s.%s.md)", what, slug,
                     langs[li], slug, langs[li]);
    return 1;
}
