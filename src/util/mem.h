/* mem: allocation that never returns NULL.
 * A build tool may abort on out-of-memory; these print a clear message and exit(70). */
#ifndef PLANSITE_MEM_H
#define PLANSITE_MEM_H
#include <stddef.h>

/* Allocate n bytes (n may be 0). Never returns NULL. Caller frees with free(). */
void *xmalloc(size_t n);
/* Allocate and zero count*size bytes, checking the product for overflow. Caller frees. */
void *xcalloc(size_t count, size_t size);
/* Resize p to n bytes. Never returns NULL. */
void *xrealloc(void *p, size_t n);
/* Copy a NUL-terminated string. Caller frees. */
char *xstrdup(const char *s);
/* Copy n bytes of s and terminate with NUL. Caller frees. */
char *xstrndup(const char *s, size_t n);
/* Print "plansite: out of memory" and exit. */
void mem_die(void);

#endif
