#define _POSIX_C_SOURCE 200809L
#include "search.h"
#include "../../print/pdf.h"
#include "../../util/buf.h"
#include "../../util/fs.h"
#include "../../util/mem.h"
#include "../../util/sys.h"
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define OUT_MAX 65536   /* bytes of Pagefind's output kept for the error message */

char *search_find(const char *site_dir, const char **why)
{
    const char *env = getenv(SEARCH_ENV);
    char *local, *bin;
    if (env && *env) {
        if (!strcmp(env, "off")) {
            *why = "off";
            return NULL;
        }
        bin = pdf_engine_path(env);
        *why = bin ? NULL : "missing";
        return bin;
    }
    local = fs_join(site_dir, SEARCH_LOCAL);
    bin = pdf_engine_path(local);
    free(local);
    if (!bin)
        bin = pdf_engine_path("pagefind");
    *why = bin ? NULL : "none";
    return bin;
}

/* In the child: stdin on /dev/null, stdout and stderr into fd, then Pagefind. Never returns. */
static void run_child(int fd, const char *const *argv)
{
    int null = open("/dev/null", O_RDONLY);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);   /* serve blocks its stop signals */
    if (null >= 0)
        dup2(null, STDIN_FILENO);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    execv(argv[0], (char *const *)argv);
    dprintf(STDERR_FILENO, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* The last non-empty line Pagefind printed into fd, in out ("" when none). */
static void last_line(int fd, buf *out)
{
    char chunk[4096];
    ssize_t r;
    size_t end, start;
    buf_reset(out);
    if (lseek(fd, 0, SEEK_SET) != 0)
        return;
    while (out->len < OUT_MAX && (r = read(fd, chunk, sizeof chunk)) > 0)
        buf_append(out, chunk, (size_t)r);
    end = out->len;
    while (end > 0 && (out->data[end - 1] == '\n' || out->data[end - 1] == ' '))
        end--;
    for (start = end; start > 0 && out->data[start - 1] != '\n'; start--)
        ;
    if (out->data)
        memmove(out->data, out->data + start, end - start);
    out->len = end - start;
    buf_cstr(out);
}

/* 1 when Pagefind left its entry script in dir, 0 otherwise. */
static int has_index(const char *dir)
{
    char *path = fs_join(dir, SEARCH_MARK);
    int yes = fs_is_file(path);
    free(path);
    return yes;
}

struct search_job {
    char *bin;
    pid_t pid;       /* 0 once reaped */
    int fd;          /* Pagefind's output */
    int status;      /* its wait status, once reaped */
    int group;       /* in its own process group (killed with it) */
};

search_job *search_start(const char *bin, const char *dir, int own_group)
{
    const char *argv[] = {bin, "--site", dir, "--quiet", NULL};
    search_job *j = xcalloc(1, sizeof *j);
    j->bin = xstrdup(bin);
    j->group = own_group;
    j->fd = fs_tmp_fd();
    if (j->fd < 0 || (j->pid = fork()) < 0) {
        int e = errno;
        j->pid = 0;
        search_job_free(j);
        errno = e;
        return NULL;
    }
    if (j->pid == 0) {
        if (own_group)
            setpgid(0, 0);
        run_child(j->fd, argv);
    }
    if (own_group)
        setpgid(j->pid, j->pid);   /* on both sides, whichever runs first */
    return j;
}

int search_job_done(search_job *j, int block)
{
    pid_t r;
    if (!j->pid)
        return 1;
    while ((r = waitpid(j->pid, &j->status, block ? 0 : WNOHANG)) < 0 && errno == EINTR)
        ;
    if (r == 0)
        return 0;
    if (r < 0)
        j->status = 127 << 8;   /* lost: reported as a failure */
    j->pid = 0;
    return 1;
}

int search_job_result(search_job *j, const char *dir, const char *label, diag_list *d)
{
    int status = j->status, rc = -1;
    buf out;
    buf_init(&out);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        last_line(j->fd, &out);
        diag_add(d, DIAG_ERROR, label, 0, 0, "the search index was not made: Pagefind (%s) %s "
                 "%d%s%s", j->bin, WIFEXITED(status) ? "exited with status" :
                 "was killed by signal", WIFEXITED(status) ? WEXITSTATUS(status) :
                 WTERMSIG(status), out.len ? ": " : "", buf_cstr(&out));
    } else if (!has_index(dir)) {
        diag_add(d, DIAG_ERROR, label, 0, 0, "the search index was not made: Pagefind (%s) "
                 "exited with status 0 but wrote no %s", j->bin, SEARCH_MARK);
    } else
        rc = 0;
    buf_free(&out);
    return rc;
}

void search_job_free(search_job *j)
{
    if (!j)
        return;
    if (j->pid) {
        kill(j->group ? -j->pid : j->pid, SIGKILL);
        search_job_done(j, 1);
    }
    if (j->fd >= 0)
        close(j->fd);
    free(j->bin);
    free(j);
}

int search_index(const char *bin, const char *dir, const char *label, diag_list *d,
                 double *seconds)
{
    double t0 = sys_now();
    search_job *j = search_start(bin, dir, 0);
    int rc = -1;
    if (!j)
        diag_add(d, DIAG_ERROR, label, 0, 0, "cannot start Pagefind (%s): %s", bin,
                 strerror(errno));
    else {
        search_job_done(j, 1);
        rc = search_job_result(j, dir, label, d);
    }
    search_job_free(j);
    if (seconds)
        *seconds = sys_now() - t0;
    return rc;
}
