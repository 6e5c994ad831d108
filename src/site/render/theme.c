#define _POSIX_C_SOURCE 200809L
#include "theme.h"
#include "../../util/fs.h"
#include "../../util/mem.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PLANSITE_DATADIR
#define PLANSITE_DATADIR "/usr/local/share/plansite"
#endif

struct theme {
    char *site_dir;
    char *theme_dir;
    tpl_env *env;
    char **loaded;           /* names of the templates theme_preload reached */
    size_t nloaded;
    char *read_failed;       /* a template that exists but could not be read, and its errno */
    int read_errno;
};

static char *path_of(const char *dir, const char *name)
{
    char *file = xmalloc(strlen(name) + 10), *p;
    strcpy(file, name);
    strcat(file, ".mustache");
    p = fs_join(dir, file);
    free(file);
    return p;
}

/* Loader for the engine: the site's override first, then the theme. */
static char *load(void *ud, const char *name, size_t *len)
{
    theme *t = ud;
    char *tdir = NULL, *p = NULL, *text = NULL;
    if (!*name || strstr(name, "..") || strchr(name, '\\') || name[0] == '/')
        return NULL;
    tdir = fs_join(t->site_dir, "templates");
    p = path_of(tdir, name);
    if (!fs_is_file(p)) {
        free(p);
        free(tdir);
        tdir = fs_join(t->theme_dir, "templates");
        p = path_of(tdir, name);
    }
    text = fs_read(p, len);
    if (!text && errno != ENOENT && !t->read_failed) {   /* for visit's message */
        t->read_errno = errno;
        t->read_failed = p;
        p = NULL;
    }
    free(p);
    free(tdir);
    return text;
}

/* EXE_DIR/../share/plansite for the running program (a relocated install), or NULL. */
static char *exe_datadir(void)
{
    char exe[4096], *slash;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    if (!(slash = strrchr(exe, '/')))
        return NULL;
    strcpy(slash, "/../share/plansite");
    return xstrdup(exe);
}

char *theme_datadir(void)
{
    const char *env = getenv("PLANSITE_DATADIR");
    char *p = NULL;
    if (env && *env)
        return fs_is_dir(env) ? xstrdup(env) : NULL;
    if ((p = exe_datadir()) && fs_is_dir(p))
        return p;
    free(p);
    return fs_is_dir(PLANSITE_DATADIR) ? xstrdup(PLANSITE_DATADIR) : NULL;
}

/* SITE/themes/NAME when the site has it, else the installed DATADIR/themes/NAME when that
 * exists, else SITE/themes/NAME (whose missing files are then reported). Caller frees. */
static char *find_theme(const char *dir, const char *name)
{
    char *themes = fs_join(dir, "themes"), *own = fs_join(themes, name), *data = NULL, *p = NULL;
    free(themes);
    if (fs_is_dir(own) || !(data = theme_datadir()))
        goto out;
    themes = fs_join(data, "themes");
    p = fs_join(themes, name);
    free(themes);
    if (fs_is_dir(p)) {
        free(own);
        own = p;
        p = NULL;
    }
out:
    free(p);
    free(data);
    return own;
}

theme *theme_new(const char *dir, const char *name)
{
    theme *t = xcalloc(1, sizeof *t);
    t->site_dir = xstrdup(dir);
    t->theme_dir = find_theme(dir, name);
    t->env = tpl_env_new(load, t);
    return t;
}

void theme_free(theme *t)
{
    if (!t)
        return;
    tpl_env_free(t->env);
    while (t->nloaded)
        free(t->loaded[--t->nloaded]);
    free(t->loaded);
    free(t->site_dir);
    free(t->theme_dir);
    free(t->read_failed);
    free(t);
}

const char *theme_dir(const theme *t)
{
    return t->theme_dir;
}

tpl_env *theme_env(theme *t)
{
    return t->env;
}

typedef struct walk {
    theme *t;
    diag_list *d;
    const char *from;        /* the template being scanned */
    char **seen;
    size_t nseen, cap;
    int failed;
} walk;

static int seen_before(walk *w, const char *name)
{
    size_t i;
    for (i = 0; i < w->nseen; i++)
        if (!strcmp(w->seen[i], name))
            return 1;
    if (w->nseen == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 32;
        w->seen = xrealloc(w->seen, w->cap * sizeof *w->seen);
    }
    w->seen[w->nseen++] = xstrdup(name);
    return 0;
}

static void visit(walk *w, const char *name, const char *from, unsigned line, unsigned col);

/* The file a template name is read from (the site's override or the theme's). Caller frees. */
static char *template_path(const theme *t, const char *name)
{
    char *dir = fs_join(t->site_dir, "templates"), *p = path_of(dir, name);
    free(dir);
    if (fs_is_file(p))
        return p;
    free(p);
    dir = fs_join(t->theme_dir, "templates");
    p = path_of(dir, name);
    free(dir);
    return p;
}

char *theme_locate(const theme *t, const char *err)
{
    const char *colon = strchr(err, ':');
    char *name = NULL, *path = NULL, *out = NULL;
    if (!colon || colon == err || colon[1] < '0' || colon[1] > '9')
        return xstrdup(err);
    name = xstrndup(err, (size_t)(colon - err));
    if (strchr(name, '/')) {   /* a path already */
        free(name);
        return xstrdup(err);
    }
    path = template_path(t, name);
    out = xmalloc(strlen(path) + strlen(colon) + 1);
    strcpy(out, path);
    strcat(out, colon);
    free(path);
    free(name);
    return out;
}

/* The engine names a template by its name ("plan:5:1: ..."); editors need the file's path. */
static void report_error(walk *w, const char *name, const char *err)
{
    size_t n = strlen(name);
    char *located = NULL;
    if (!err) {
        diag_add(w->d, DIAG_ERROR, name, 0, 0, "template cannot be compiled");
        return;
    }
    if (strncmp(err, name, n) != 0 || err[n] != ':') {
        diag_add_raw(w->d, DIAG_ERROR, err);
        return;
    }
    located = theme_locate(w->t, err);
    diag_add_raw(w->d, DIAG_ERROR, located);
    free(located);
}

static void on_name(void *ud, const char *name, unsigned line, unsigned col, int kind)
{
    walk *w = ud;
    if (kind == TPL_NAME_PARTIAL || kind == TPL_NAME_PARENT)
        visit(w, name, w->from, line, col);
}

static void visit(walk *w, const char *name, const char *from, unsigned line, unsigned col)
{
    char *err = NULL;
    const tpl_template *tp;
    const char *saved = w->from;
    if (seen_before(w, name))
        return;
    tp = tpl_env_get(w->t->env, name, &err);
    if (!tp) {
        if (w->t->read_failed) {
            diag_add(w->d, DIAG_ERROR, w->t->read_failed, 0, 0, "cannot read: %s",
                     fs_strerror(w->t->read_errno));
            free(w->t->read_failed);
            w->t->read_failed = NULL;
        } else if (!from && err && strstr(err, "template not found"))
            diag_add(w->d, DIAG_ERROR, NULL, 0, 0, "template '%s' not found (looked in templates/ "
                     "and %s/templates/)", name, w->t->theme_dir);
        else if (err && strstr(err, "template not found") && from) {
            char *path = template_path(w->t, from);   /* "from" is a template name */
            diag_add(w->d, DIAG_ERROR, path, line, col, "template '%s' not found (looked in "
                     "templates/ and %s/templates/)", name, w->t->theme_dir);
            free(path);
        } else
            report_error(w, name, err);
        w->failed = 1;
        free(err);
        return;
    }
    w->from = tpl_name(tp);
    tpl_names(tp, on_name, w);
    w->from = saved;
}

int theme_preload(theme *t, const char *const *names, size_t n, diag_list *d)
{
    walk w;
    size_t i;
    memset(&w, 0, sizeof w);
    w.t = t;
    w.d = d;
    for (i = 0; i < n; i++)
        visit(&w, names[i], NULL, 0, 0);
    while (t->nloaded)
        free(t->loaded[--t->nloaded]);
    free(t->loaded);
    t->loaded = w.seen;      /* kept for theme_check_strings */
    t->nloaded = w.nseen;
    return w.failed ? -1 : 0;
}

typedef struct strings_check {
    const val *const *tables;
    const char *const *langs;
    size_t n;
    const char *path;
    diag_list *d;
} strings_check;

static void on_string(void *ud, const char *name, unsigned line, unsigned col, int kind)
{
    strings_check *c = ud;
    size_t i;
    if (strncmp(name, "t.", 2) != 0 || kind == TPL_NAME_PARTIAL || kind == TPL_NAME_PARENT ||
        kind == TPL_NAME_BLOCK)
        return;
    for (i = 0; i < c->n; i++)
        if (!val_get(c->tables[i], name + 2))
            diag_add(c->d, DIAG_WARNING, c->path, line, col, "string '%s' is not in the '%s' "
                     "string table (i18n/%s.yaml)", name + 2, c->langs[i], c->langs[i]);
}

void theme_check_strings(theme *t, const val *const *tables, const char *const *langs, size_t n,
                         diag_list *d)
{
    strings_check c;
    size_t i;
    char *err = NULL;
    c.tables = tables;
    c.langs = langs;
    c.n = n;
    c.d = d;
    for (i = 0; i < t->nloaded; i++) {
        const tpl_template *tp = tpl_env_get(t->env, t->loaded[i], &err);
        char *path = NULL;
        free(err);
        err = NULL;
        if (!tp)
            continue;
        path = template_path(t, t->loaded[i]);
        c.path = path;
        tpl_names(tp, on_string, &c);
        free(path);
    }
}
