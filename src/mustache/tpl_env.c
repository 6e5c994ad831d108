/* tpl_env: the named-template cache. A hash table from name to entry (template, cached compile
 * error, or "no such template"), guarded by one mutex so that renders on several threads may
 * load partials lazily. Entries and templates are only freed by tpl_env_free. */
#include "tpl_internal.h"
#include "../util/mem.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

typedef struct entry {
    char *name;      /* NUL-terminated */
    size_t len;
    uint64_t hash;
    tpl_template *t; /* NULL: see err */
    char *err;       /* compile error, or NULL when there is no such template */
} entry;

struct tpl_env {
    tpl_loader load;
    void *ud;
    pthread_mutex_t lock;
    entry **tab;     /* open addressing, cap a power of two */
    size_t cap, count;
    tpl_template *owned;
};

static uint64_t hash_name(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

tpl_env *tpl_env_new(tpl_loader load, void *ud)
{
    tpl_env *env = xcalloc(1, sizeof *env);
    env->load = load;
    env->ud = ud;
    if (pthread_mutex_init(&env->lock, NULL) != 0)
        mem_die();
    env->cap = 16;
    env->tab = xcalloc(env->cap, sizeof *env->tab);
    return env;
}

void tpl_env_free(tpl_env *env)
{
    size_t i;
    tpl_template *t = NULL, *next = NULL;
    if (!env)
        return;
    for (i = 0; i < env->cap; i++) {
        if (!env->tab[i])
            continue;
        free(env->tab[i]->name);
        free(env->tab[i]->err);
        free(env->tab[i]);
    }
    for (t = env->owned; t; t = next) {
        next = t->next_owned;
        tpl_template_free(t);
    }
    free(env->tab);
    pthread_mutex_destroy(&env->lock);
    free(env);
}

/* The slot for name: its entry, or the empty slot where it would go. Lock held. */
static entry **slot(tpl_env *env, const char *name, size_t len, uint64_t h)
{
    size_t i = (size_t)h & (env->cap - 1);
    while (env->tab[i]) {
        entry *e = env->tab[i];
        if (e->hash == h && e->len == len && memcmp(e->name, name, len) == 0)
            break;
        i = (i + 1) & (env->cap - 1);
    }
    return &env->tab[i];
}

static void grow(tpl_env *env)
{
    entry **old = env->tab;
    size_t oldcap = env->cap, i;
    env->cap *= 2;
    env->tab = xcalloc(env->cap, sizeof *env->tab);
    for (i = 0; i < oldcap; i++) {
        if (old[i])
            *slot(env, old[i]->name, old[i]->len, old[i]->hash) = old[i];
    }
    free(old);
}

/* The entry for name, created empty if new. Lock held. */
static entry *entry_for(tpl_env *env, const char *name, size_t len, int *created)
{
    uint64_t h = hash_name(name, len);
    entry **s = slot(env, name, len, h);
    *created = 0;
    if (*s)
        return *s;
    if ((env->count + 1) * 2 > env->cap) {
        grow(env);
        s = slot(env, name, len, h);
    }
    *s = xcalloc(1, sizeof **s);
    (*s)->name = xstrndup(name, len);
    (*s)->len = len;
    (*s)->hash = h;
    env->count++;
    *created = 1;
    return *s;
}

static void adopt(tpl_env *env, tpl_template *t)
{
    t->next_owned = env->owned;
    env->owned = t;
}

/* Fill a new entry through the loader. Lock held. */
static void load_entry(tpl_env *env, entry *e)
{
    char *src = NULL;
    size_t len = 0;
    if (!env->load)
        goto out;
    src = env->load(env->ud, e->name, &len);
    if (!src)
        goto out;
    e->t = tpl_compile_source(e->name, src, len, &e->err);
    if (e->t)
        adopt(env, e->t);
out:
    free(src);
}

int tpl_env_fetch(tpl_env *env, const char *name, size_t len, const tpl_template **t,
                  const char **err)
{
    entry *e = NULL;
    int created = 0, rc = 0;
    pthread_mutex_lock(&env->lock);
    e = entry_for(env, name, len, &created);
    if (created)
        load_entry(env, e);
    *t = e->t;
    *err = e->err;
    rc = e->t ? 1 : e->err ? -1 : 0;
    pthread_mutex_unlock(&env->lock);
    return rc;
}

tpl_template *tpl_compile(tpl_env *env, const char *name, const char *src, size_t len, char **err)
{
    tpl_template *t = tpl_compile_source(name, src, len, err);
    entry *e = NULL;
    int created = 0;
    if (!t)
        return NULL;
    pthread_mutex_lock(&env->lock);
    adopt(env, t);
    e = entry_for(env, name, strlen(name), &created);
    e->t = t; /* an earlier cached error stays allocated: a render may still be reading it */
    pthread_mutex_unlock(&env->lock);
    return t;
}

tpl_template *tpl_env_get(tpl_env *env, const char *name, char **err)
{
    const tpl_template *t = NULL;
    const char *cached = NULL;
    buf b;
    int rc = tpl_env_fetch(env, name, strlen(name), &t, &cached);
    if (rc > 0)
        return (tpl_template *)t;
    if (rc < 0) {
        *err = xstrdup(cached);
        return NULL;
    }
    buf_init(&b);
    buf_printf(&b, "%s: template not found", name);
    *err = buf_detach(&b, NULL);
    return NULL;
}
