#include "bodies.h"
#include "../../util/mem.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
    char *html;
    size_t len;
    unsigned char visits;
} slot;

struct bodies {
    pthread_mutex_t lock;
    slot *slots;
    size_t n, cap, bytes;
};

bodies *bodies_new(size_t nslots, size_t cap)
{
    bodies *b = xcalloc(1, sizeof *b);
    pthread_mutex_init(&b->lock, NULL);
    b->slots = xcalloc(nslots ? nslots : 1, sizeof *b->slots);
    b->n = nslots;
    b->cap = cap;
    return b;
}

void bodies_free(bodies *b)
{
    size_t i;
    if (!b)
        return;
    for (i = 0; i < b->n; i++)
        free(b->slots[i].html);
    free(b->slots);
    pthread_mutex_destroy(&b->lock);
    free(b);
}

char *bodies_visit(bodies *b, size_t i, size_t *len, int *first)
{
    char *html = NULL;
    pthread_mutex_lock(&b->lock);
    *first = b->slots[i].visits++ == 0;
    if (!*first && b->slots[i].html) {
        html = b->slots[i].html;
        *len = b->slots[i].len;
        b->bytes -= b->slots[i].len;
        b->slots[i].html = NULL;
    }
    pthread_mutex_unlock(&b->lock);
    return html;
}

void bodies_put(bodies *b, size_t i, const char *html, size_t len)
{
    pthread_mutex_lock(&b->lock);
    if (b->slots[i].visits == 1 && !b->slots[i].html && b->bytes + len <= b->cap) {
        b->slots[i].html = xstrndup(html, len);
        b->slots[i].len = len;
        b->bytes += len;
    }
    pthread_mutex_unlock(&b->lock);
}
