#define _POSIX_C_SOURCE 200809L
#include "lastmod.h"
#include "../../content/vocab_table.h"
#include "../../util/buf.h"
#include "../../util/fs.h"
#include "../../util/mem.h"
#include "../../util/strmap.h"
#include "../../util/sys.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct lastmod {
    const m_site *s;
    const xref *x;
    strmap *git;             /* a path relative to the site folder -> its time's slot in gt, for
                              * the files git's history names (NULL: git not asked or failed) */
    buf log;                 /* git's output: the map's keys point into it */
    long long *gt;           /* slot -> the time of the last commit that touched that file */
    size_t ngt, cap;
    long long sde;           /* SOURCE_DATE_EPOCH, or -1 */
    long long *ws;           /* [gid * nlangs + li] */
    long long *plan;         /* [plan index * nlangs + li] */
    long long voc[VOC_COUNT];
    long long all[LANG_MAX]; /* the newest of every plan and document */
    long long docs[LANG_MAX];
};

long long lastmod_source_date_epoch(void)
{
    long long t = -1;
    return sys_source_date_epoch(&t) == 1 ? t : -1;
}

/* path relative to the site folder dir (the model's paths start with it). */
static const char *site_rel(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (!strncmp(path, dir, n) && path[n] == '/')
        return path + n + 1;
    return path;
}

/* The time of the file at path (NULL: none, 0) that was modified at mtime when it was loaded:
 * git's when its history names the file, else mtime; never later than SOURCE_DATE_EPOCH. */
static long long file_time(const lastmod *l, const char *path, long long mtime)
{
    long long t = mtime;
    int i;
    if (!path)
        return 0;
    if (l->git && (i = strmap_get(l->git, site_rel(l->s->dir, path))) >= 0)
        t = l->gt[i];
    return l->sde >= 0 && t > l->sde ? l->sde : t;
}

/* Run `git log --format=@%ct --name-only --relative -- content` in the site folder into fd;
 * 0 when git ran and exited with 0. */
static int git_log(const char *dir, int fd)
{
    const char *argv[] = {"git", "log", "--format=@%ct", "--name-only", "--relative",
                          "--no-renames", "--", "content", NULL};
    int status = 0, null;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        null = open("/dev/null", O_RDWR | O_CLOEXEC);
        if (null < 0 || chdir(dir) != 0 || dup2(fd, 1) < 0 || dup2(null, 2) < 0 || dup2(null, 0) < 0)
            _exit(127);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* 1 when path exists (of any type, a link not followed). */
static int exists(const char *dir, const char *name)
{
    char *p = fs_join(dir, name);
    struct stat st;
    int yes = lstat(p, &st) == 0;
    free(p);
    return yes;
}

/* 0 when git surely finds no repository from dir: GIT_DIR is not set and neither dir nor any
 * folder above it holds a .git or is a bare repository (HEAD, objects, refs), where git's own
 * search looks (it may stop sooner: a ceiling, another file system). Spares a non-git site the
 * start of a git that would fail. */
static int may_be_git(const char *dir)
{
    char *p = getenv("GIT_DIR") ? NULL : fs_absolute(dir), *slash;
    int found = p == NULL;
    while (p && !found) {
        found = exists(p, ".git") ||
                (exists(p, "HEAD") && exists(p, "objects") && exists(p, "refs"));
        slash = strrchr(p, '/');
        if (!slash || slash == p)
            break;
        *slash = '\0';
    }
    if (p && !found)
        found = exists("/", ".git") || (exists("/", "HEAD") && exists("/", "objects") &&
                                        exists("/", "refs"));
    free(p);
    return found;
}

/* Record that the file named by the n bytes at name last changed at t, unless a newer commit
 * already did. */
static void git_file(lastmod *l, const char *name, size_t n, long long t)
{
    if (!n || strmap_getn(l->git, name, n) >= 0)
        return;
    if (l->ngt == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->gt = xrealloc(l->gt, l->cap * sizeof *l->gt);
    }
    l->gt[l->ngt] = t;
    strmap_putn(l->git, name, n, (int)l->ngt++);
}

/* The files' times from git's history (newest commit first: a file's first mention is its last
 * change); l->git stays NULL when git cannot tell. */
static void from_git(lastmod *l)
{
    int fd = -1;
    char chunk[65536], *line, *end;
    ssize_t r;
    long long t = 0;
    if (!may_be_git(l->s->dir))
        return;
    fd = fs_tmp_fd();
    if (fd < 0 || git_log(l->s->dir, fd) != 0 || lseek(fd, 0, SEEK_SET) != 0)
        goto out;
    while ((r = read(fd, chunk, sizeof chunk)) > 0)
        buf_append(&l->log, chunk, (size_t)r);
    l->git = strmap_new();
    for (line = (char *)buf_cstr(&l->log); *line; line = *end ? end + 1 : end) {
        end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        if (*line == '@')
            t = strtoll(line + 1, NULL, 10);
        else
            git_file(l, line, (size_t)(end - line), t);
    }
out:
    if (fd >= 0)
        close(fd);
}

static long long newer(long long a, long long b)
{
    return a > b ? a : b;
}

/* The file of language li of bodies, or of the first language that has one (the fallback). */
static long long body_time(const lastmod *l, const m_body *b, const int *has_lang, size_t li)
{
    size_t i;
    if (has_lang[li])
        return file_time(l, b[li].path, b[li].mtime);
    for (i = 0; i < l->s->nlangs; i++)
        if (has_lang[i])
            return file_time(l, b[i].path, b[i].mtime);
    return 0;
}

/* Each workstream's and plan's time per language, and the site's newest. */
static void sum_up(lastmod *l)
{
    const m_site *s = l->s;
    size_t nl = s->nlangs, p, i, li;
    int k;
    for (k = 0; k < VOC_COUNT; k++) {
        char *rel = val_arena_printf(s->arena, "content/data/%s", s->vocab[k].file);
        l->voc[k] = file_time(l, rel, s->vocab[k].mtime);
    }
    for (p = 0; p < s->nplans; p++)
        for (li = 0; li < nl; li++) {
            const m_plan *pl = s->plans[p];
            long long t = newer(file_time(l, pl->loc.path, pl->mtime),
                                body_time(l, pl->body, pl->has_lang, li));
            for (i = 0; i < pl->nws; i++) {
                const m_ws *w = pl->ws[i];
                long long tw = newer(file_time(l, w->loc.path, w->mtime),
                                     body_time(l, w->body, w->has_lang, li));
                l->ws[w->gid * nl + li] = tw;
                t = newer(t, tw);
            }
            l->plan[p * nl + li] = t;
            l->all[li] = newer(l->all[li], t);
        }
    for (p = 0; p < s->npages; p++)
        for (li = 0; li < nl; li++) {
            const m_page *pg = s->pages[p];
            long long t = newer(file_time(l, pg->loc.path, pg->mtime),
                                body_time(l, pg->body, pg->has_lang, li));
            l->docs[li] = newer(l->docs[li], t);
            l->all[li] = newer(l->all[li], t);
        }
}

lastmod *lastmod_new(const m_site *s, const xref *x, int use_git)
{
    lastmod *l = xcalloc(1, sizeof *l);
    l->s = s;
    l->x = x;
    l->sde = lastmod_source_date_epoch();
    buf_init(&l->log);
    l->ws = xcalloc(s->nws * s->nlangs + 1, sizeof *l->ws);
    l->plan = xcalloc(s->nplans * s->nlangs + 1, sizeof *l->plan);
    if (use_git)
        from_git(l);
    sum_up(l);
    return l;
}

void lastmod_free(lastmod *l)
{
    if (!l)
        return;
    strmap_free(l->git);
    buf_free(&l->log);
    free(l->gt);
    free(l->ws);
    free(l->plan);
    free(l);
}

/* The newest of the workstreams of list r (roles r[0..nr) of term idx) and of vocabulary k's
 * file. */
static long long listed(const lastmod *l, const xr_role *r, size_t nr, size_t idx,
                        m_vocab_kind k, size_t li)
{
    long long t = l->voc[k];
    size_t i, j;
    for (j = 0; j < nr; j++) {
        const xr_list *xl = xref_get(l->x, r[j], idx);
        for (i = 0; i < xl->n; i++)
            t = newer(t, l->ws[xl->ws[i]->gid * l->s->nlangs + li]);
    }
    return t;
}

static long long term_time(const lastmod *l, const out_page *p)
{
    static const xr_role entity_roles[] = {XR_LEAD, XR_PARTICIPANT, XR_INTEREST, XR_ACTIVITY,
                                           XR_REPRESENTATIVE};
    m_vocab_kind k = (m_vocab_kind)p->voc;
    xr_role r = xref_role_of(k);
    if (k == VOC_ENTITIES)
        return listed(l, entity_roles, 5, p->idx, k, p->lang);
    return listed(l, &r, 1, p->idx, k, p->lang);
}

/* The newest of every workstream and plan of language li and of every vocabulary. */
static long long data_time(const lastmod *l, size_t li)
{
    long long t = l->all[li];
    size_t k;
    for (k = 0; k < VOC_COUNT; k++)
        t = newer(t, l->voc[k]);
    return t;
}

long long lastmod_page(const lastmod *l, const out_page *p)
{
    size_t nl;
    if (!l)
        return 0;
    nl = l->s->nlangs;
    switch ((out_kind)p->kind) {
    case PK_WS:
        return l->ws[((const m_ws *)p->obj)->gid * nl + p->lang];
    case PK_PLAN:
    case PK_HANDOUT_PLAN:
        return l->plan[p->idx * nl + p->lang];
    case PK_DOC: {
        const m_page *pg = p->obj;
        return newer(file_time(l, pg->loc.path, pg->mtime),
                     body_time(l, pg->body, pg->has_lang, p->lang));
    }
    case PK_DOCS:
        return l->docs[p->lang];
    case PK_TERM:
    case PK_HANDOUT_TERM:
        return term_time(l, p);
    case PK_TERMS:   /* the matrices count every workstream */
        return newer(l->voc[p->voc], l->all[p->lang]);
    case PK_HOME:
    case PK_PLANS:
    case PK_SEARCH:
        return l->all[p->lang];
    case PK_DATA:   /* the data hold every plan, workstream and vocabulary */
        return data_time(l, p->lang);
    default:
        return 0;
    }
}

void lastmod_iso(long long t, char out[11])
{
    time_t tt = (time_t)t;
    struct tm tm;
    out[0] = '\0';
    if (t > 0 && gmtime_r(&tt, &tm))
        strftime(out, 11, "%Y-%m-%d", &tm);
}
