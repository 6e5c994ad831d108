/* print/pdf: the engine pool, with a fake engine (a shell script standing in for WeasyPrint):
 * every job is run, at most N at a time; failures, a missing engine, odd file names. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "print/pdf.h"
#include "util/diag.h"
#include "util/fs.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


static char dir[64];

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *path(const char *name)
{
    return fs_join(dir, name);
}

/* A fake engine: "ENGINE --encoding utf-8 --pdf-variant pdf/ua-1 IN OUT" (any other arguments:
 * exit 2, so every job fails and the pool test with it) sleeps a little, then copies IN to OUT; an input
 * holding "fail" makes it print a long message (over 600 characters) and exit 3 instead. */
static char *write_engine(void)
{
    static const char script[] =
        "#!/bin/sh\n"
        "[ \"$1\" = --encoding ] && [ \"$2\" = utf-8 ] && [ \"$3\" = --pdf-variant ] &&\n"
        "  [ \"$4\" = pdf/ua-1 ] || { echo 'bad arguments' >&2; exit 2; }\n"
        "shift 2\n"
        "sleep 0.3\n"
        "if grep -q fail \"$3\"; then echo 'WARNING: noise' >&2; echo \"boom: cannot render $(printf '%0600d' 0)END\" >&2; "
        "exit 3; fi\n"
        "echo 'ERROR: Failed to load stylesheet' >&2\n"
        "cp \"$3\" \"$4\"\n";
    char *p = path("fake-engine");
    fs_write(p, script, sizeof script - 1);
    chmod(p, 0755);
    return p;
}

static void test_pool(const char *engine)
{
    enum { N = 6 };
    pdf_job jobs[N];
    char *html[N], *pdf[N];
    pdf_opts o;
    pdf_stats st;
    diag_list *d = diag_list_new();
    double t0;
    int i, rc;
    for (i = 0; i < N; i++) {
        char name[64];
        /* names with spaces and a quote: passed as argv, never through a shell */
        snprintf(name, sizeof name, "hand out '%d'.html", i);
        html[i] = path(name);
        fs_write(html[i], i == 4 ? "<p>fail</p>" : "<p>ok</p>", i == 4 ? 11 : 9);
        snprintf(name, sizeof name, "hand out '%d'.pdf", i);
        pdf[i] = path(name);
        jobs[i].html = html[i];
        jobs[i].pdf = pdf[i];
        jobs[i].label = i == 4 ? "label-4.pdf" : NULL;
    }
    memset(&o, 0, sizeof o);
    o.engine = engine;
    o.jobs = 3;
    t0 = now();
    rc = pdf_make_all(jobs, N, &o, d, &st);
    CHECK_INT(rc, -1);
    CHECK_SIZE(st.made, 5);
    CHECK_SIZE(st.failed, 1);
    /* six jobs of 0.3 s, three at a time: about 0.6 s, far from the 1.8 s of one at a time */
    CHECK(now() - t0 < 1.5);
    for (i = 0; i < N; i++)
        CHECK_INT(fs_is_file(pdf[i]), i != 4);
    CHECK_SIZE(diag_errors(d), 1);
    CHECK_SIZE(diag_warnings(d), 5);
    for (i = 0; i < (int)diag_count(d); i++)
        if (diag_level_at(d, (size_t)i) == DIAG_ERROR) {
            const char *t = diag_text(d, (size_t)i);
            CHECK_MEM(t, strnlen(t, 13), "label-4.pdf: ", 13);
            CHECK_CONTAINS(t, "exit status 3");
            CHECK_CONTAINS(t, "boom: cannot render 0000");
            CHECK_CONTAINS(t, "0000END");   /* the engine's line is kept whole */
        }
    for (i = 0; i < N; i++) {
        unlink(html[i]);
        unlink(pdf[i]);
        free(html[i]);
        free(pdf[i]);
    }
    diag_list_free(d);
}

static void test_missing_engine(void)
{
    pdf_job job = {"in.html", "out.pdf", NULL};
    pdf_opts o;
    pdf_stats st;
    diag_list *d = diag_list_new();
    memset(&o, 0, sizeof o);
    o.engine = "plansite-no-such-engine";
    CHECK_INT(pdf_make_all(&job, 1, &o, d, &st), -1);
    CHECK_SIZE(st.made, 0);
    CHECK_SIZE(st.failed, 1);
    CHECK_SIZE(diag_errors(d), 1);
    CHECK_CONTAINS(diag_text(d, 0), PDF_INSTALL_HINT);
    CHECK(pdf_engine_path("plansite-no-such-engine") == NULL);
    CHECK(pdf_engine_path("/nonexistent/weasyprint") == NULL);
    diag_list_free(d);
}

static void test_no_jobs(const char *engine)
{
    pdf_opts o;
    pdf_stats st;
    diag_list *d = diag_list_new();
    memset(&o, 0, sizeof o);
    o.engine = engine;
    CHECK_INT(pdf_make_all(NULL, 0, &o, d, &st), 0);
    CHECK_SIZE(st.made, 0);
    CHECK_SIZE(diag_count(d), 0);
    diag_list_free(d);
}

static void test_engine_path(const char *engine)
{
    char *p = pdf_engine_path(engine), *sh = pdf_engine_path("sh");
    CHECK_STR(p, engine);
    CHECK(sh && sh[0] == '/');
    CHECK_CONTAINS(sh, "/sh");
    free(p);
    free(sh);
}

int main(void)
{
    char *engine;
    snprintf(dir, sizeof dir, "/tmp/plansite-test-pdf-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    engine = write_engine();
    test_engine_path(engine);
    test_pool(engine);
    test_missing_engine();
    test_no_jobs(engine);
    unlink(engine);
    free(engine);
    fs_remove_tree(dir);
    return h_done();
}
