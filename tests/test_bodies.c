/* site/bodies: the first visitor renders and offers, the second takes; the cap is kept. */
#include "harness.h"
#include "site/render/bodies.h"
#include <stdlib.h>

int main(void)
{
    bodies *b = bodies_new(4, 10);
    size_t len = 0;
    int first = 0;
    char *h;
    CHECK(bodies_visit(b, 0, &len, &first) == NULL && first);
    bodies_put(b, 0, "<p>a</p>", 8);
    h = bodies_visit(b, 0, &len, &first);
    CHECK(h && !first && len == 8 && !memcmp(h, "<p>a</p>", 8));
    free(h);
    CHECK(bodies_visit(b, 0, &len, &first) == NULL && !first);   /* a third visit: nothing */
    /* over the cap: not kept, the second visitor renders again */
    CHECK(bodies_visit(b, 1, &len, &first) == NULL && first);
    bodies_put(b, 1, "<p>too long</p>", 15);
    CHECK(bodies_visit(b, 1, &len, &first) == NULL && !first);
    /* the second visitor came before the first offered: the offer is not kept */
    CHECK(bodies_visit(b, 2, &len, &first) == NULL && first);
    CHECK(bodies_visit(b, 2, &len, &first) == NULL && !first);
    bodies_put(b, 2, "<p>x</p>", 8);
    /* kept bodies that nobody took are freed with the cache (valgrind/ASan check) */
    CHECK(bodies_visit(b, 3, &len, &first) == NULL && first);
    bodies_put(b, 3, "<p>y</p>", 8);
    bodies_free(b);
    return h_done();
}
