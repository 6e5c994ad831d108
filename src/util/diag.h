/* diag: a list of diagnostics (errors and warnings), each with a location.
 * A run collects every problem it finds, prints them all in order, and fails if any is an error.
 * Printed form: "path:line:col: message" (warnings: "path:line:col: warning: message"). */
#ifndef PLANSITE_DIAG_H
#define PLANSITE_DIAG_H
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct diag_list diag_list;

typedef enum { DIAG_ERROR, DIAG_WARNING } diag_level;

/* A new empty list. Free with diag_list_free. Thread-safe for concurrent adds. */
diag_list *diag_list_new(void);
/* Free the list and its messages (NULL is fine). */
void diag_list_free(diag_list *d);
/* Add a diagnostic. path may be NULL (then no location is printed); line/col 0 omit that part. */
void diag_add(diag_list *d, diag_level lvl, const char *path, unsigned line, unsigned col,
              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* The same with the arguments as a va_list (used once; the caller ends it). The message is kept
 * whole, whatever its length. */
void diag_addv(diag_list *d, diag_level lvl, const char *path, unsigned line, unsigned col,
               const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;
/* Add a message that already carries its own location (e.g. from the template engine). */
void diag_add_raw(diag_list *d, diag_level lvl, const char *text);
/* Number of errors / warnings so far. */
size_t diag_errors(const diag_list *d);
size_t diag_warnings(const diag_list *d);
/* Total count and the i-th formatted message ("path:line:col: message"), owned by the list. */
size_t diag_count(const diag_list *d);
const char *diag_text(const diag_list *d, size_t i);
diag_level diag_level_at(const diag_list *d, size_t i);
/* Print all diagnostics, one per line, in the order they were added, to f. */
void diag_print(const diag_list *d, FILE *f);
/* Move every diagnostic of src to the end of dst; src becomes empty. */
void diag_move(diag_list *dst, diag_list *src);
/* Forget everything. */
void diag_clear(diag_list *d);

#endif
