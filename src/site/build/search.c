#define _POSIX_C_SOURCE 200809L
#include "search.h"
#include "../../print/pdf.h"
#include "../../util/buf.h"
#include "../../util/fs.h"
#include "../../util/mem.h"
#include "../../util/sys.h"
#include <errno.h>
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

/* A temporary file (already unlinked) for Pagefind's output, closed on exec; -1 on failure. */
static int out_file(void)
{
    FILE *f = tmpfile();
    int fd;
    if (!f)
        return -1;
    fd = fcntl(fileno(f), F_DUPFD_CLOEXEC, 3);
    fclose(f);
    return fd;
}

/* In the child: stdin on /dev/null, stdout and stderr into fd, then Pagefind. Never returns. */
static void run_child(int fd, const char *const *argv)
{
    int null = open("/dev/null", O_RDONLY);
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

/* Start Pagefind and wait for it: its wait status, or -1 (errno) when it could not start. */
static int run(const char *const *argv, int fd)
{
    int status;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
        run_child(fd, argv);
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return status;
}

/* 1 when Pagefind left its entry script in dir, 0 otherwise. */
static int has_index(const char *dir)
{
    char *path = fs_join(dir, SEARCH_MARK);
    int yes = fs_is_file(path);
    free(path);
    return yes;
}

int search_index(const char *bin, const char *dir, const char *label, diag_list *d,
                 double *seconds)
{
    const char *argv[] = {bin, "--site", dir, "--quiet", NULL};
    double t0 = sys_now();
    buf out;
    int fd = out_file(), status, rc = -1;
    buf_init(&out);
    if (fd < 0) {
        diag_add(d, DIAG_ERROR, label, 0, 0, "cannot make a temporary file for Pagefind: %s",
                 strerror(errno));
        goto out;
    }
    status = run(argv, fd);
    if (status < 0) {
        diag_add(d, DIAG_ERROR, label, 0, 0, "cannot start Pagefind (%s): %s", bin,
                 strerror(errno));
        goto out;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        last_line(fd, &out);
        diag_add(d, DIAG_ERROR, label, 0, 0, "the search index was not made: Pagefind (%s) %s "
                 "%d%s%s", bin, WIFEXITED(status) ? "exited with status" : "was killed by signal",
                 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
                 out.len ? ": " : "", buf_cstr(&out));
        goto out;
    }
    if (!has_index(dir)) {
        diag_add(d, DIAG_ERROR, label, 0, 0, "the search index was not made: Pagefind (%s) "
                 "exited with status 0 but wrote no %s", bin, SEARCH_MARK);
        goto out;
    }
    rc = 0;
out:
    if (seconds)
        *seconds = sys_now() - t0;
    if (fd >= 0)
        close(fd);
    buf_free(&out);
    return rc;
}
