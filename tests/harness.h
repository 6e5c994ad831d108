/* A tiny test harness. Every check counts one pass or one failure; a failure prints where it is
 * and both sides:
 *   CHECK(cond)                        the expression itself
 *   CHECK_INT(got, want)               as long long
 *   CHECK_SIZE(got, want)              as size_t
 *   CHECK_STR(got, want)               strings (NULL never equals anything)
 *   CHECK_MEM(got, glen, want, wlen)   byte ranges (printed escaped)
 *   CHECK_CONTAINS(haystack, needle)   needle occurs in haystack
 * h_done() prints the closing line "N passed, N failed" and gives the exit status. */
#ifndef PLANSITE_HARNESS_H
#define PLANSITE_HARNESS_H
#include <stdio.h>
#include <string.h>

static int h_passed, h_failed;

/* Print len bytes of s with C escapes for control bytes and quotes (at most 400 of them). */
static inline void h_print_mem(const char *s, size_t len)
{
    size_t i, n = len > 400 ? 400 : len;
    fputc('"', stderr);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", stderr);
        else if (c == '"' || c == '\\')
            fprintf(stderr, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
    fputs(len > n ? "\"..." : "\"", stderr);
}

static inline void h_fail_head(const char *file, int line, const char *what, const char *expr)
{
    h_failed++;
    fprintf(stderr, "%s:%d: %s failed: %s\n", file, line, what, expr);
}

static inline void h_print_str(const char *label, const char *s)
{
    fprintf(stderr, "  %s ", label);
    if (s)
        h_print_mem(s, strlen(s));
    else
        fputs("(null)", stderr);
    fputc('\n', stderr);
}

static inline void h_check(int ok, const char *file, int line, const char *expr)
{
    if (ok)
        h_passed++;
    else
        h_fail_head(file, line, "CHECK", expr);
}

static inline void h_check_int(long long got, long long want, const char *file, int line,
                        const char *expr)
{
    if (got == want) {
        h_passed++;
        return;
    }
    h_fail_head(file, line, "CHECK_INT", expr);
    fprintf(stderr, "  got:  %lld\n  want: %lld\n", got, want);
}

static inline void h_check_size(size_t got, size_t want, const char *file, int line, const char *expr)
{
    if (got == want) {
        h_passed++;
        return;
    }
    h_fail_head(file, line, "CHECK_SIZE", expr);
    fprintf(stderr, "  got:  %zu\n  want: %zu\n", got, want);
}

static inline void h_check_str(const char *got, const char *want, const char *file, int line,
                        const char *expr)
{
    if (got && want && !strcmp(got, want)) {
        h_passed++;
        return;
    }
    h_fail_head(file, line, "CHECK_STR", expr);
    h_print_str("got: ", got);
    h_print_str("want:", want);
}

static inline void h_check_mem(const void *got, size_t glen, const void *want, size_t wlen,
                        const char *file, int line, const char *expr)
{
    if (got && want && glen == wlen && !memcmp(got, want, glen)) {
        h_passed++;
        return;
    }
    h_fail_head(file, line, "CHECK_MEM", expr);
    fprintf(stderr, "  got:  (%zu bytes) ", glen);
    if (got)
        h_print_mem(got, glen);
    fprintf(stderr, "\n  want: (%zu bytes) ", wlen);
    if (want)
        h_print_mem(want, wlen);
    fputc('\n', stderr);
}

static inline void h_check_contains(const char *hay, const char *needle, const char *file, int line,
                             const char *expr)
{
    if (hay && needle && strstr(hay, needle)) {
        h_passed++;
        return;
    }
    h_fail_head(file, line, "CHECK_CONTAINS", expr);
    h_print_str("in:    ", hay);
    h_print_str("lacks: ", needle);
}

#define CHECK(cond) h_check((cond) ? 1 : 0, __FILE__, __LINE__, #cond)
#define CHECK_INT(got, want)                                                                    \
    h_check_int((long long)(got), (long long)(want), __FILE__, __LINE__, #got " == " #want)
#define CHECK_SIZE(got, want)                                                                   \
    h_check_size((size_t)(got), (size_t)(want), __FILE__, __LINE__, #got " == " #want)
#define CHECK_STR(got, want) h_check_str((got), (want), __FILE__, __LINE__, #got " == " #want)
#define CHECK_MEM(got, glen, want, wlen)                                                        \
    h_check_mem((got), (glen), (want), (wlen), __FILE__, __LINE__, #got " == " #want)
#define CHECK_CONTAINS(hay, needle)                                                             \
    h_check_contains((hay), (needle), __FILE__, __LINE__, #hay " contains " #needle)

/* Print the closing line; the exit status of the test program. */
static inline int h_done(void)
{
    printf("%d passed, %d failed\n", h_passed, h_failed);
    return h_failed ? 1 : 0;
}

#endif
