/* tpl_env: the named-template cache. A table (util/strmap) from name to entry (template, cached compile
 * error, or "no such template"), guarded by one mutex so that renders on several threads may
 * load partials lazily. Entries and templates are only freed by tpl_env_free. */
#include "tpl_internal.h"
#include "../util/mem.h"
#include "../util/strmap.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

typedef struct entry {
    char *name;      /* NUL-terminated (the map's key) */
    size_t len;
    tpl_template *t; /* NULL: see err */
    char *err;       /* compile error, or NULL when there is no such template */
} entry;

struct tpl_env {
    tpl_loader load;
    void *ud;
    pthread_mutex_t lock;
    strmap *index;   /* name -> position in entries */
    entry **entries;
    size_t count, cap;
    tpl_template *owned;
};

tpl_env *tpl_env_new(tpl_loader load, void *ud)
{
    tpl_env *env = xcalloc(1, sizeof *env);
    env->load = load;
    env->ud = ud;
    if (pthread_mutex_init(&env->lock, NULL) != 0)
        mem_die();
    env->index = strmap_new();
    return env;
}

void tpl_env_free(tpl_env *env)
{
    size_t i;
    tpl_template *t = NULL, *next = NULL;
    if (!env)
        return;
    for (i = 0; i < env->count; i++) {
        free(env->entries[i]->name);
        free(env->entries[i]->err);
        free(env->entries[i]);
    }
    for (t = env->owned; t; t = next) {
        next = t->next_owned;
        tpl_template_free(t);
    }
    free(env->entries);
    strmap_free(env->index);
    pthread_mutex_destroy(&env->lock);
    free(env);
}

/* The entry for name, created empty if new. Lock held. */
static entry *entry_for(tpl_env *env, const char *name, size_t len, int *created)
{
    int at = strmap_getn(env->index, name, len);
    entry *e = NULL;
    *created = 0;
    if (at >= 0)
        return env->entries[at];
    if (env->count == env->cap) {
        env->cap = env->cap ? env->cap * 2 : 16;
        env->entries = xrealloc(env->entries, env->cap * sizeof *env->entries);
    }
    e = xcalloc(1, sizeof *e);
    e->name = xstrndup(name, len);
    e->len = len;
    env->entries[env->count] = e;
    strmap_putn(env->index, e->name, len, (int)env->count);
    env->count++;
    *created = 1;
    return e;
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
