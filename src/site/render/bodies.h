/* bodies: a bounded cache of rendered Markdown bodies between the two pages that show each one —
 * a workstream's own page and its plan's handout — so that each body goes through the Markdown
 * parser once. Both pages walk the workstreams in the same order, so few bodies wait at a time;
 * past the cap a body is simply rendered again. Thread-safe. */
#ifndef PLANSITE_BODIES_H
#define PLANSITE_BODIES_H
#include <stddef.h>

typedef struct bodies bodies;

/* A cache of nslots slots (one per workstream and language) holding at most cap bytes. */
bodies *bodies_new(size_t nslots, size_t cap);
void bodies_free(bodies *b);
/* Visit a slot. The first visitor gets NULL and should render the body and bodies_put it; the
 * second gets the cached HTML (caller frees; *len set) or NULL when it was not kept. */
char *bodies_visit(bodies *b, size_t slot, size_t *len, int *first);
/* Keep the first visitor's HTML for the second, if it has not come yet and the cap allows. */
void bodies_put(bodies *b, size_t slot, const char *html, size_t len);

#endif
