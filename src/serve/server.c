#define _GNU_SOURCE
#include "server.h"
#include "docroot.h"
#include "http.h"
#include "sse.h"
#include "watch.h"
#include "../site/build/build.h"
#include "../site/build/search.h"
#include "../util/buf.h"
#include "../util/diag.h"
#include "../util/fs.h"
#include "../util/json.h"
#include "../util/mem.h"
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEBOUNCE_MS 30
#define DEBOUNCE_MAX_MS 500
#define INDEX_POLL_MS 100

typedef struct session {
    const srv_opts *o;
    char *tmp;               /* the session's temporary folder */
    char *base_url;
    char url[128];           /* the address to open */
    char instance[24];       /* tells this server's builds from an earlier server's */
    unsigned builds;         /* builds attempted */
    char served[64];         /* the key of the build served; "" before the first good one */
    sse_hub *hub;
    http_server *http;
    docroot *root;           /* the build served (the server holds its reference) */
    char *fp_file;           /* the served build's pages' fingerprints (incremental rebuilds) */
    watcher *w;
    int sigfd;
    sigset_t oldmask;
    search_job *index;       /* Pagefind over the served build, in the background */
    char *index_dir;         /* the folder it indexes */
    unsigned index_build;    /* the build it indexes */
    int index_warned;        /* "Pagefind not found" said once */
} session;

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- JSON for the browser ---- */

/* {"ok":..,"key":..,"nerrors":..,"errors":[every diagnostic as printed, when not ok]} into b:
 * the answer of /__plansite/status and the data of the `error` event. */
static void status_json(buf *b, int ok, const char *key, const diag_list *d)
{
    size_t i, n = d && !ok ? diag_count(d) : 0;
    json_w j;
    json_init(&j, b);
    json_begin_object(&j);
    json_key(&j, "ok");
    json_bool(&j, ok);
    json_key(&j, "key");
    json_string(&j, key);
    json_key(&j, "nerrors");
    json_int(&j, n ? (long long)diag_errors(d) : 0);
    json_key(&j, "errors");
    json_begin_array(&j);
    for (i = 0; i < n; i++)
        json_string(&j, diag_text(d, i));
    json_end_array(&j);
    json_end_object(&j);
}

static void key_json(buf *b, const char *key)
{
    json_w j;
    json_init(&j, b);
    json_begin_object(&j);
    json_key(&j, "key");
    json_string(&j, key);
    json_end_object(&j);
}

/* ---- builds ---- */

static const char *shown_path(const session *s, const char *path)
{
    size_t n = strlen(s->o->site_dir);
    if (!strncmp(path, s->o->site_dir, n) && path[n] == '/')
        return path + n + 1;
    return path;
}

/* Serve the fresh build dest under key and tell every page to reload; the previous build goes
 * once the requests still reading it are done. */
static int switch_root(session *s, const char *dest, const char *key, const site_build_stats *bs)
{
    docroot *r = bs->in_place && s->root ? docroot_renew(s->root, key) : docroot_open(dest, key, 1),
            *old;
    buf st, hello;
    if (!r)
        return -1;
    docroot_set_lazy(r, bs->lazy, bs->lazy_len);   /* the handouts, made when asked for */
    buf_init(&st);
    buf_init(&hello);
    old = http_set_root(s->http, r);
    s->root = r;
    snprintf(s->served, sizeof s->served, "%s", key);
    status_json(&st, 1, key, NULL);
    http_set_status(s->http, buf_cstr(&st));
    key_json(&hello, key);
    sse_publish(s->hub, "reload", buf_cstr(&hello), buf_cstr(&hello));
    docroot_unref(old);         /* after the event: deleting a tree takes a few ms */
    buf_free(&st);
    buf_free(&hello);
    return 0;
}

/* ---- the search index, in the background ----
 * After the reload, Pagefind indexes the served folder (pages get search when it is done); a
 * newer build stops it. Failures are warnings in the log: the pages are served either way. */

/* Stop a running index (a newer build supersedes it). */
static void cancel_index(session *s)
{
    if (!s->index)
        return;
    if (!search_job_done(s->index, 0)) {
        printf("search index of build %u stopped: a newer build supersedes it\n", s->index_build);
        fflush(stdout);
    }
    search_job_free(s->index);
    s->index = NULL;
    free(s->index_dir);
    s->index_dir = NULL;
}

/* Start Pagefind over the build just served in dest, if there is one to run. */
static void start_index(session *s, const char *dest)
{
    const char *why = NULL;
    char *bin = search_find(s->o->site_dir, &why);
    if (!bin) {
        if (strcmp(why, "off") && !s->index_warned)
            fprintf(stderr, "plansite serve: warning: %s: no search index\n",
                    !strcmp(why, "missing") ? "$" SEARCH_ENV " cannot be run" :
                    "Pagefind not found");
        s->index_warned = 1;
        return;
    }
    s->index = search_start(bin, dest, 1);
    if (!s->index)
        fprintf(stderr, "plansite serve: warning: cannot start Pagefind (%s): %s\n", bin,
                strerror(errno));
    else {
        s->index_dir = xstrdup(dest);
        s->index_build = s->builds;
    }
    free(bin);
}

/* When the index has ended: say how it went (a failure is a warning). */
static void check_index(session *s)
{
    diag_list *d;
    size_t i;
    if (!s->index || !search_job_done(s->index, 0))
        return;
    d = diag_list_new();
    if (search_job_result(s->index, s->index_dir, "plansite serve", d) == 0)
        printf("search index of build %u ready\n", s->index_build);
    else
        for (i = 0; i < diag_count(d); i++)
            fprintf(stderr, "warning: %s\n", diag_text(d, i));
    fflush(stdout);
    fflush(stderr);
    diag_list_free(d);
    search_job_free(s->index);
    s->index = NULL;
    free(s->index_dir);
    s->index_dir = NULL;
}

/* Keep the last good build; show the diagnostics in the terminal and in open pages. */
static void report_failure(session *s, diag_list *d, const site_build_stats *st)
{
    buf b;
    diag_print(d, stderr);
    fprintf(stderr, "plansite serve: build failed with %zu error%s; %s\n", st->errors,
            st->errors == 1 ? "" : "s",
            s->served[0] ? "still serving the last good build" : "nothing to serve yet");
    fflush(stderr);
    buf_init(&b);
    status_json(&b, 0, s->served, d);
    http_set_status(s->http, buf_cstr(&b));
    sse_publish(s->hub, "error", buf_cstr(&b), NULL);
    buf_free(&b);
}

static void report_success(session *s, diag_list *d, const site_build_stats *st, long long ms,
                           const char *why)
{
    char line[512], how[128];
    diag_print(d, stderr);
    if (st->in_place)   /* only the pages whose fingerprints changed were rendered */
        snprintf(how, sizeof how, "%zu page%s rendered, %zu file%s changed, %zu removed; ",
                 st->rendered, st->rendered == 1 ? "" : "s", st->moved, st->moved == 1 ? "" : "s",
                 st->removed);
    else
        snprintf(how, sizeof how, "every page rendered; ");
    if (s->builds == 1) {
        site_build_summary(st, 0, line, sizeof line);
        printf("%s\n", line);
    } else if (why && *why)
        printf("rebuilt in %lld ms (%s changed; %s%zu open page%s reloading)\n", ms,
               shown_path(s, why), how, sse_clients(s->hub), sse_clients(s->hub) == 1 ? "" : "s");
    else
        printf("rebuilt in %lld ms (%s)\n", ms, how);
    fflush(stdout);
}

/* ---- the build, in a child process ----
 * A build runs in a child process so that a stop signal never waits for it (a hostile or huge
 * input can take seconds): the child is killed, and the session's temporary folder, where it
 * wrote, is removed with the rest. The child sends back its result, its statistics and every
 * diagnostic (a level byte, then the NUL-terminated text) through a pipe. */

/* In the child: keep only stdin, stdout, stderr and fd (the server's sockets and watches must
 * not outlive their closing in the server). */
static void close_others(int fd)
{
    int i;
    if (fd > 3)
        close_range(3, (unsigned)fd - 1, 0);
    if (close_range((unsigned)fd + 1, ~0u, 0) != 0)
        for (i = fd + 1; i < 65536; i++)
            close(i);
}

/* The child: build, send the outcome to fd, exit. */
static void build_child(const site_build_opts *bo, int fd)
{
    diag_list *d = diag_list_new();
    site_build_stats st;
    buf msg;
    size_t i;
    int rc;
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    close_others(fd);
    memset(&st, 0, sizeof st);
    rc = site_build(bo, d, &st);
    buf_init(&msg);
    buf_append(&msg, (const char *)&rc, sizeof rc);
    buf_append(&msg, (const char *)&st, sizeof st);
    for (i = 0; i < diag_count(d); i++) {
        buf_putc(&msg, diag_level_at(d, i) == DIAG_WARNING ? 'W' : 'E');
        buf_append(&msg, diag_text(d, i), strlen(diag_text(d, i)) + 1);
    }
    for (i = 0; i < st.lazy_len; i += strlen(st.lazy + i) + 1) {   /* handouts not written */
        buf_putc(&msg, 'H');
        buf_append(&msg, st.lazy + i, strlen(st.lazy + i) + 1);
    }
    rc = fs_sink_fd(&fd, msg.data, msg.len);
    close(fd);
    site_build_finish(&st);   /* after the report: the parent serves the new tree meanwhile */
    _exit(rc == 0 ? 0 : 1);
}

/* The child's message into rc, st and d; -1 when it is incomplete (the child died). */
static int parse_outcome(const buf *msg, int *rc, site_build_stats *st, diag_list *d)
{
    const char *p = msg->data, *end = msg->data + msg->len;
    size_t i;
    if (msg->len < sizeof *rc + sizeof *st)
        return -1;
    memcpy(rc, p, sizeof *rc);
    memcpy(st, p + sizeof *rc, sizeof *st);
    st->old_tree = NULL;   /* the child's own, removed by it */
    st->lazy = NULL;
    st->lazy_len = 0;
    for (i = 0; i < st->nlangs && i < LANG_MAX; i++)
        st->langs[i] = st->lang_codes[i];
    for (p += sizeof *rc + sizeof *st; p < end;) {
        const char *text = p + 1, *nul = memchr(text, '\0', (size_t)(end - text));
        if (!nul)
            return -1;
        if (*p == 'H') {
            size_t n = (size_t)(nul - text) + 1;
            st->lazy = xrealloc(st->lazy, st->lazy_len + n);
            memcpy(st->lazy + st->lazy_len, text, n);
            st->lazy_len += n;
        } else
            diag_add_raw(d, *p == 'W' ? DIAG_WARNING : DIAG_ERROR, text);
        p = nul + 1;
    }
    return 0;
}

/* A stop signal read from the session's signalfd: 1 (and says so), else 0. */
static int stop_signal(session *s)
{
    struct signalfd_siginfo si;
    if (read(s->sigfd, &si, sizeof si) != (ssize_t)sizeof si)
        return 0;
    printf("\nplansite serve: %s, stopping\n", strsignal((int)si.ssi_signo));
    fflush(stdout);
    return 1;
}

/* Read the child's message into msg until it ends, or a stop signal comes (returns 1). */
static int await_child(session *s, int fd, buf *msg)
{
    struct pollfd p[2];
    char chunk[65536];
    for (;;) {
        ssize_t n;
        p[0].fd = s->sigfd;
        p[1].fd = fd;
        p[0].events = p[1].events = POLLIN;
        p[0].revents = p[1].revents = 0;
        if (poll(p, 2, -1) < 0 && errno != EINTR)
            return 0;
        if ((p[0].revents & POLLIN) && stop_signal(s))
            return 1;
        if (!(p[1].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        buf_append(msg, chunk, (size_t)n);
    }
}

/* site_build(bo, d, st) in a child process. Returns 1 when a stop signal came first (the child
 * is killed, d and st are left alone), else 0 with the build's result in *rc. */
static int build_apart(session *s, const site_build_opts *bo, diag_list *d, site_build_stats *st,
                       int *rc)
{
    int p[2], status = 0, stopped = 0;
    pid_t pid;
    buf msg;
    fflush(stdout);
    fflush(stderr);
    if (pipe2(p, O_CLOEXEC) != 0 || (pid = fork()) < 0) {
        char *lazy;
        *rc = site_build(bo, d, st);   /* no child: build here (a signal waits for it) */
        lazy = st->lazy;
        st->lazy = NULL;               /* kept for switch_root */
        site_build_finish(st);
        st->lazy = lazy;
        return 0;
    }
    if (pid == 0) {
        close(p[0]);
        build_child(bo, p[1]);
    }
    close(p[1]);
    buf_init(&msg);
    stopped = await_child(s, p[0], &msg);
    close(p[0]);
    if (stopped)
        kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!stopped && parse_outcome(&msg, rc, st, d) != 0) {
        free(st->lazy);
        memset(st, 0, sizeof *st);
        diag_add(d, DIAG_ERROR, bo->site_dir, 0, 0, "the build stopped: %s",
                 WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "no result");
        st->errors = diag_errors(d);
        *rc = -1;
    }
    buf_free(&msg);
    return stopped;
}

/* A handout asked for (the build lists them, docroot_set_lazy): rendered into the served folder
 * dir by a child process (site_build_handout), as the builds are. 0 when it was made. Runs on
 * the HTTP polling thread (http_opts.make). */
static int make_handout(void *ud, const char *dir, const char *rel)
{
    session *s = ud;
    site_build_opts bo;
    long long t0 = now_ms();
    int status = 0;
    pid_t pid;
    memset(&bo, 0, sizeof bo);
    bo.site_dir = s->o->site_dir;
    bo.dest_dir = dir;
    bo.base_url = s->base_url;
    bo.drafts = 1;
    bo.threads = 1;
    bo.only = rel;
    fflush(stdout);
    fflush(stderr);
    if ((pid = fork()) < 0)
        return -1;
    if (pid == 0) {
        diag_list *d = diag_list_new();
        int rc;
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        close_others(2);
        rc = site_build_handout(&bo, d);
        diag_print(d, stderr);
        fflush(stderr);
        _exit(rc == 0 ? 0 : 1);
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "plansite serve: could not make %s\n", rel);
        fflush(stderr);
        return -1;
    }
    printf("made %s in %lld ms (asked for)\n", rel, now_ms() - t0);
    fflush(stdout);
    return 0;
}

/* A build updated in place: the search index of the content before it is set aside (renamed
 * into the session's folder: no page finds what is gone), to be removed after the reload event;
 * a new one is made in the background. Returns its new path (caller removes and frees), or
 * NULL when there was none. */
static char *set_index_aside(session *s, const char *dir)
{
    char name[48], *from = fs_join(dir, "pagefind"), *to;
    snprintf(name, sizeof name, "index-%u", s->builds);
    to = fs_join(s->tmp, name);
    if (rename(from, to) != 0) {
        free(to);
        to = NULL;
    }
    free(from);
    return to;
}

/* Rebuild: in place in the served folder, rendering only the pages whose fingerprints changed,
 * when the build allows it (src/site/build/fprint.h: same templates and site.yaml); else build
 * everything into a fresh folder. Then serve it under a new key and tell every page to reload,
 * or report why not. Returns 1 when a stop signal came during the build, else 0. */
static int rebuild(session *s, const char *why)
{
    site_build_opts bo;
    site_build_stats st;
    diag_list *d = diag_list_new();
    char name[32], key[64];
    char *dest = NULL, *stale = NULL;
    long long t0 = now_ms();
    int rc = -1, stopped = 0;
    memset(&bo, 0, sizeof bo);
    memset(&st, 0, sizeof st);
    cancel_index(s);
    s->builds++;
    snprintf(name, sizeof name, "build-%u", s->builds);
    snprintf(key, sizeof key, "%s-%u", s->instance, s->builds);
    dest = fs_join(s->tmp, name);
    bo.site_dir = s->o->site_dir;
    bo.dest_dir = dest;
    bo.base_url = s->base_url;
    bo.drafts = 1;
    bo.keep_bodies = 1;
    bo.threads = s->o->threads;
    bo.no_search = 1;
    bo.no_git = 1;   /* dates from the files' times: a preview's dates, no git log per save */
    bo.handouts = BUILD_HANDOUTS_LINKED;   /* made when asked for (make_handout) */
    bo.incremental = 1;   /* only the pages whose fingerprints changed are rendered, */
    bo.cache_file = s->fp_file;
    bo.in_place_dir = s->root ? docroot_path(s->root) : NULL;   /* into the served folder */
    stopped = build_apart(s, &bo, d, &st, &rc);
    if (stopped)
        goto out;
    if (rc == 0 && st.in_place)
        stale = set_index_aside(s, bo.in_place_dir);
    if (rc == 0 && switch_root(s, st.in_place ? bo.in_place_dir : dest, key, &st) != 0) {
        diag_add(d, DIAG_ERROR, dest, 0, 0, "cannot serve the new build: %s", strerror(errno));
        if (!st.in_place)
            fs_remove_tree(dest);
        st.errors = diag_errors(d);
        rc = -1;
    }
    if (stale) {
        fs_remove_tree(stale);   /* after the reload event */
        free(stale);
    }
    if (rc == 0) {
        report_success(s, d, &st, now_ms() - t0, why);
        start_index(s, docroot_path(s->root));   /* after the reload event */
    } else
        report_failure(s, d, &st);
out:
    free(st.lazy);
    diag_list_free(d);
    free(dest);
    return stopped;
}

/* ---- setup and teardown ---- */

static const char *temp_base(void)
{
    const char *t = getenv("TMPDIR");
    if (t && *t && fs_is_dir(t))
        return t;
    if (fs_is_dir("/dev/shm") && access("/dev/shm", W_OK | X_OK) == 0)
        return "/dev/shm";
    return "/tmp";
}

static int block_signals(session *s)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    /* Before any thread starts, so that every thread inherits the mask. */
    if (pthread_sigmask(SIG_BLOCK, &set, &s->oldmask) != 0)
        return -1;
    signal(SIGPIPE, SIG_IGN);
    s->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    return s->sigfd < 0 ? -1 : 0;
}

/* The address pages are built for and the user opens. */
static void make_urls(session *s)
{
    const char *a = s->o->bind;
    int wildcard = !strcmp(a, "0.0.0.0") || !strcmp(a, "::") || !strcmp(a, "[::]");
    const char *host = wildcard ? "127.0.0.1" : a;
    snprintf(s->url, sizeof s->url, "http://%s%s%s:%d/", strchr(host, ':') ? "[" : "", host,
             strchr(host, ':') ? "]" : "", http_port(s->http));
    s->base_url = xstrdup(s->url);
}

static void warn_exposed(const session *s)
{
    fprintf(stderr,
            "\n"
            "  ****************************************************************************\n"
            "  WARNING: plansite serve is listening on %s, which is not a loopback address.\n"
            "  Anyone who can reach this machine can read the site, drafts included.\n"
            "  It is a preview server for one author, not a production web server.\n"
            "  ****************************************************************************\n"
            "\n",
            s->o->bind);
}

static int start(session *s)
{
    http_opts ho;
    buf hello;
    char err[512], key0[64];
    char *pattern = fs_join(temp_base(), "plansite-serve-XXXXXX");
    if (!mkdtemp(pattern)) {
        fprintf(stderr, "plansite serve: cannot make a temporary folder %s: %s\n", pattern,
                strerror(errno));
        free(pattern);
        return -1;
    }
    s->tmp = pattern;
    s->fp_file = fs_join(s->tmp, "fingerprints");
    snprintf(key0, sizeof key0, "%s-0", s->instance);
    memset(&ho, 0, sizeof ho);
    ho.addr = s->o->bind;
    ho.port = s->o->port;
    buf_init(&hello);
    key_json(&hello, key0);
    ho.hub = s->hub = sse_hub_new(buf_cstr(&hello));
    buf_free(&hello);
    ho.key0 = key0;
    ho.make = make_handout;
    ho.make_ud = s;
    s->http = http_start(&ho, err, sizeof err);
    if (!s->http) {
        fprintf(stderr, "plansite serve: %s\n", err);
        return -1;
    }
    make_urls(s);
    if (!http_is_loopback(s->http))
        warn_exposed(s);
    return 0;
}

static void stop(session *s)
{
    if (s->hub)
        sse_close(s->hub);
    http_stop(s->http);
    watch_free(s->w);
    cancel_index(s);
    if (s->tmp && fs_remove_tree(s->tmp) != 0)
        fprintf(stderr, "plansite serve: cannot remove %s: %s\n", s->tmp, strerror(errno));
    sse_hub_free(s->hub);
    if (s->sigfd >= 0)
        close(s->sigfd);
    pthread_sigmask(SIG_SETMASK, &s->oldmask, NULL);
    free(s->tmp);
    free(s->fp_file);
    free(s->base_url);
}

/* ---- the loop ---- */

/* Wait for a signal (returns 1) or for changes, debounced, then rebuild (returns 1 when a signal
 * stopped the build, else 0). */
static int wait_and_build(session *s)
{
    struct pollfd p[2];
    long long first = 0, deadline = -1, t;
    for (;;) {
        int timeout = deadline < 0 ? -1 : (int)((t = deadline - now_ms()) < 0 ? 0 : t);
        if (s->index && (timeout < 0 || timeout > INDEX_POLL_MS))
            timeout = INDEX_POLL_MS;   /* look at the background index now and then */
        p[0].fd = s->sigfd;
        p[0].events = POLLIN;
        p[1].fd = s->w ? watch_fd(s->w) : -1;
        p[1].events = POLLIN;
        p[0].revents = p[1].revents = 0;
        if (poll(p, 2, timeout) < 0 && errno != EINTR)
            return 1;
        if ((p[0].revents & POLLIN) && stop_signal(s))
            return 1;
        if ((p[1].revents & POLLIN) && watch_read(s->w) > 0) {
            t = now_ms();
            if (deadline < 0)
                first = t;
            deadline = t + (s->o->debounce_ms > 0 ? s->o->debounce_ms : DEBOUNCE_MS);
            if (deadline > first + DEBOUNCE_MAX_MS)
                deadline = first + DEBOUNCE_MAX_MS;
        }
        check_index(s);
        if (deadline >= 0 && now_ms() >= deadline)
            break;
    }
    return rebuild(s, watch_last(s->w));
}

static void say_serving(const session *s)
{
    printf("Serving %s at %s (drafts included)\n", s->o->site_dir, s->url);
    printf("Builds go to %s; watching content/, templates/ and themes/ (%d folders). "
           "Press Ctrl-C to stop.\n",
           s->tmp, s->w ? watch_count(s->w) : 0);
    fflush(stdout);
}

int srv_run(const srv_opts *o)
{
    session s;
    struct timespec ts;
    int rc = 1;
    memset(&s, 0, sizeof s);
    s.o = o;
    s.sigfd = -1;
    if (o->port < 0 || o->port > 65535) {
        fprintf(stderr, "plansite serve: the port must be a number from 0 to 65535\n");
        return 2;
    }
    if (!fs_is_dir(o->site_dir)) {
        fprintf(stderr, "plansite serve: %s: not a folder\n", o->site_dir);
        return 1;
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(s.instance, sizeof s.instance, "%lx%lx", (unsigned long)ts.tv_sec & 0xfffff,
             ((unsigned long)ts.tv_nsec ^ (unsigned long)getpid()) & 0xfffff);
    if (block_signals(&s) != 0 || start(&s) != 0)
        goto out;
    s.w = watch_new(o->site_dir);
    if (!s.w)
        fprintf(stderr, "plansite serve: cannot watch %s (%s): no live reload\n", o->site_dir,
                strerror(errno));
    if (rebuild(&s, NULL) == 0) {
        say_serving(&s);
        while (wait_and_build(&s) == 0)
            ;
    }
    rc = 0;
out:
    stop(&s);
    fflush(stdout);
    return rc;
}
