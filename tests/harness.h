/* A tiny test harness: CHECK(cond), CHECK_STR(got, want), and a closing line "N passed, N failed". */
#ifndef PLANSITE_HARNESS_H
#define PLANSITE_HARNESS_H
#include <stdio.h>
#include <string.h>

static int h_passed, h_failed;

#define CHECK(cond)                                                                             \
    do {                                                                                        \
        if (cond)                                                                               \
            h_passed++;                                                                         \
        else {                                                                                  \
            h_failed++;                                                                         \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);           \
        }                                                                                       \
    } while (0)

#define CHECK_STR(got, want)                                                                    \
    do {                                                                                        \
        const char *g_ = (got), *w_ = (want);                                                   \
        if (g_ && w_ && !strcmp(g_, w_))                                                        \
            h_passed++;                                                                         \
        else {                                                                                  \
            h_failed++;                                                                         \
            fprintf(stderr, "%s:%d: CHECK_STR failed\n  got:  %s\n  want: %s\n", __FILE__,      \
                    __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)");                          \
        }                                                                                       \
    } while (0)

/* Print the closing line; the exit status of the test program. */
static int h_done(void)
{
    printf("%d passed, %d failed\n", h_passed, h_failed);
    return h_failed ? 1 : 0;
}

#endif
