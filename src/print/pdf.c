#define _POSIX_C_SOURCE 200809L
#include "pdf.h"
#include "../util/buf.h"
#include "../util/fs.h"
#include "../util/sys.h"
#include "../util/mem.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { ERR_MAX = 1 << 20, TIMEOUT_DEFAULT = 600 };

/* One running engine. */
typedef struct slot {
    pid_t pid;               /* 0: the slot is free */
    size_t job;
    int err_fd;              /* what the engine printed on stderr (an unlinked temporary file) */
    double started;
} slot;

typedef struct pool {
    const pdf_job *jobs;
    size_t *order;           /* job indexes, largest HTML first */
    size_t n, next;
    slot *slots;
    int nslots;
    const char *engine;      /* full path */
    double timeout;
    diag_list *d;
    pdf_stats st;
} pool;

typedef struct sized {
    size_t idx;
    off_t size;
} sized;

/* 1 if path is a regular file this process may execute. */
static int runnable(const char *path)
{
    return fs_is_file(path) && access(path, X_OK) == 0;
}

/* "dir/name" from the first len bytes of dir ("./name" when len is 0). Caller frees. */
static char *dir_join(const char *dir, size_t len, const char *name)
{
    size_t n = (len ? len : 1) + 1 + strlen(name) + 1;
    char *s = xmalloc(n);
    snprintf(s, n, "%.*s/%s", len ? (int)len : 1, len ? dir : ".", name);
    return s;
}

char *pdf_engine_path(const char *engine)
{
    const char *path = getenv("PATH"), *p, *end;
    if (!engine || !*engine)
        return NULL;
    if (strchr(engine, '/'))
        return runnable(engine) ? xstrdup(engine) : NULL;
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (p = path;; p = end + 1) {
        char *cand;
        end = strchr(p, ':');
        if (!end)
            end = p + strlen(p);
        cand = dir_join(p, (size_t)(end - p), engine);
        if (runnable(cand))
            return cand;
        free(cand);
        if (!*end)
            return NULL;
    }
}

static int by_size_desc(const void *a, const void *b)
{
    const sized *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The order to start jobs in: the largest input first, so that the longest runs overlap. */
static size_t *job_order(const pdf_job *jobs, size_t n)
{
    sized *s = xcalloc(n ? n : 1, sizeof *s);
    size_t *order = xcalloc(n ? n : 1, sizeof *order), i;
    for (i = 0; i < n; i++) {
        struct stat st;
        s[i].idx = i;
        s[i].size = stat(jobs[i].html, &st) == 0 ? st.st_size : 0;
    }
    qsort(s, n, sizeof *s, by_size_desc);
    for (i = 0; i < n; i++)
        order[i] = s[i].idx;
    free(s);
    return order;
}

/* In the child: stdin and stdout on /dev/null, stderr into err_fd, then the engine. Never
 * returns. */
static void run_child(int err_fd, const char *const *argv)
{
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
    }
    dup2(err_fd, STDERR_FILENO);
    execvp(argv[0], (char *const *)argv);
    dprintf(STDERR_FILENO, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* Start job j in the free slot s. 0 on success; -1 (an error in d) when it could not start. */
static int start(pool *p, slot *s, size_t j)
{
    const pdf_job *job = &p->jobs[j];
    const char *name = job->label ? job->label : job->pdf;
    /* tagged PDF (structure tree, MarkInfo, language, document title shown): PDF/UA-1 */
    const char *argv[] = {p->engine, "--encoding", "utf-8", "--pdf-variant", "pdf/ua-1",
                          job->html, job->pdf, NULL};
    int fd = fs_tmp_fd();
    pid_t pid;
    if (fd < 0) {
        diag_add(p->d, DIAG_ERROR, name, 0, 0, "cannot make a temporary file: %s",
                 strerror(errno));
        return -1;
    }
    pid = fork();
    if (pid < 0) {
        diag_add(p->d, DIAG_ERROR, name, 0, 0, "cannot start %s: %s", p->engine,
                 strerror(errno));
        close(fd);
        return -1;
    }
    if (pid == 0)
        run_child(fd, argv);
    s->pid = pid;
    s->job = j;
    s->err_fd = fd;
    s->started = sys_now();
    return 0;
}

/* What the engine printed (at most ERR_MAX bytes) into out. */
static void read_err(int fd, buf *out)
{
    char chunk[4096];
    ssize_t r;
    if (lseek(fd, 0, SEEK_SET) != 0)
        return;
    while (out->len < ERR_MAX && (r = read(fd, chunk, sizeof chunk)) > 0)
        buf_append(out, chunk, (size_t)r);
}

/* The last non-empty line of text, whole: a malloc'd copy (caller frees; "" when none). */
static char *last_line(const char *text)
{
    const char *end = text + strlen(text), *start;
    while (end > text && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
        end--;
    for (start = end; start > text && start[-1] != '\n'; start--)
        ;
    return xstrndup(start, (size_t)(end - start));
}

/* The "ERROR:" lines of a successful engine (e.g. a stylesheet it could not load): warnings. */
static void warn_errors(pool *p, const char *pdf, const char *text)
{
    const char *s = text;
    while (s && *s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (len > 6 && !strncmp(s, "ERROR:", 6))
            diag_add(p->d, DIAG_WARNING, pdf, 0, 0, "%s: %.*s", p->engine, (int)len, s);
        s = nl ? nl + 1 : NULL;
    }
}

/* Account for the engine of slot s, which ended with status (or was killed: timed_out). */
static void finish(pool *p, slot *s, int status, int timed_out)
{
    const pdf_job *job = &p->jobs[s->job];
    const char *name = job->label ? job->label : job->pdf;
    buf err;
    char *line = NULL;
    buf_init(&err);
    read_err(s->err_fd, &err);
    line = last_line(buf_cstr(&err));
    if (!timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 0 && fs_is_file(job->pdf)) {
        p->st.made++;
        warn_errors(p, name, buf_cstr(&err));
    } else {
        p->st.failed++;
        unlink(job->pdf);
        if (timed_out)
            diag_add(p->d, DIAG_ERROR, name, 0, 0, "%s ran longer than %.0f s and was "
                     "stopped", p->engine, p->timeout);
        else if (WIFSIGNALED(status))
            diag_add(p->d, DIAG_ERROR, name, 0, 0, "%s was killed by signal %d%s%s",
                     p->engine, WTERMSIG(status), *line ? ": " : "", line);
        else
            diag_add(p->d, DIAG_ERROR, name, 0, 0, "%s failed (exit status %d)%s%s",
                     p->engine, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                     *line ? ": " : "", line);
    }
    buf_free(&err);
    free(line);
    close(s->err_fd);
    s->pid = 0;
}

/* Collect every engine that has ended, and stop those past their time. 1 if a slot was freed. */
static int reap(pool *p)
{
    int i, freed = 0;
    for (i = 0; i < p->nslots; i++) {
        slot *s = &p->slots[i];
        int status = 0;
        pid_t r;
        if (!s->pid)
            continue;
        r = waitpid(s->pid, &status, WNOHANG);
        if (r == s->pid || (r < 0 && errno != EINTR)) {
            finish(p, s, r == s->pid ? status : -1, 0);
            freed = 1;
        } else if (r == 0 && sys_now() - s->started > p->timeout) {
            kill(s->pid, SIGKILL);
            while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
                ;
            finish(p, s, status, 1);
            freed = 1;
        }
    }
    return freed;
}

static int running(const pool *p)
{
    int i, n = 0;
    for (i = 0; i < p->nslots; i++)
        n += p->slots[i].pid != 0;
    return n;
}

/* Start queued jobs in every free slot. */
static void fill(pool *p)
{
    int i;
    for (i = 0; i < p->nslots && p->next < p->n; i++) {
        size_t j;
        if (p->slots[i].pid)
            continue;
        j = p->order[p->next++];
        if (start(p, &p->slots[i], j) != 0)
            p->st.failed++;
    }
}

int pdf_make_all(const pdf_job *jobs, size_t n, const pdf_opts *o, diag_list *d, pdf_stats *st)
{
    const char *name = o && o->engine ? o->engine : PDF_ENGINE;
    const struct timespec nap = {0, 20 * 1000 * 1000};
    double t0 = sys_now();
    char *engine = NULL;
    pool p;
    int rc = -1;
    memset(&p, 0, sizeof p);
    p.jobs = jobs;
    p.n = n;
    p.d = d;
    if (n == 0) {
        rc = 0;
        goto out;
    }
    engine = pdf_engine_path(name);
    if (!engine) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot make PDFs: the PDF engine '%s' is not "
                 "installed; install it with: %s", name, PDF_INSTALL_HINT);
        p.st.failed = n;
        goto out;
    }
    p.engine = engine;
    p.timeout = o && o->timeout > 0 ? o->timeout : TIMEOUT_DEFAULT;
    p.nslots = o && o->jobs > 0 ? o->jobs : sys_ncpus();
    if ((size_t)p.nslots > n)
        p.nslots = (int)n;
    p.slots = xcalloc((size_t)p.nslots, sizeof *p.slots);
    p.order = job_order(jobs, n);
    for (fill(&p); running(&p) || p.next < p.n; fill(&p))
        if (!reap(&p))
            nanosleep(&nap, NULL);
    rc = p.st.failed ? -1 : 0;
out:
    p.st.seconds = sys_now() - t0;
    if (st)
        *st = p.st;
    free(p.slots);
    free(p.order);
    free(engine);
    return rc;
}
