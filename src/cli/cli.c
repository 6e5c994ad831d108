#include "cli.h"
#include "../serve/server.h"
#include "../site/build.h"
#include "../util/diag.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: plansite COMMAND [OPTIONS]\n"
    "\n"
    "Publish the workplans of the UN Network on Migration as a bilingual static site.\n"
    "\n"
    "Commands:\n"
    "  build [-s SITE] [-d DEST] [--base-url URL] [--drafts] [--pdf] [-j N]\n"
    "                      render the site into DEST (default SITE/public); DEST is replaced\n"
    "                      only when the whole build succeeds\n"
    "  check [-s SITE]     validate content, data and templates; write nothing\n"
    "  serve [-s SITE] [-p PORT] [--bind ADDR] [--drafts]\n"
    "                      preview with live reload at http://127.0.0.1:1313/\n"
    "  pdf [-s SITE] [-d DEST] [--base-url URL] [--drafts] [-j N]\n"
    "                      build, then turn every handout into a PDF beside its HTML\n"
    "                      (needs WeasyPrint: apt-get install weasyprint); the same as\n"
    "                      build --pdf\n"
    "\n"
    "Options:\n"
    "  -s, --site SITE     the site folder (default: .)\n"
    "  -d, --dest DEST     the output folder (default: SITE/public)\n"
    "      --base-url URL  the address the site is published at (overrides site.yaml)\n"
    "      --drafts        include workplans and workstreams marked draft: true\n"
    "  -j, --jobs N        rendering threads and PDF engines at once (default: one per core)\n"
    "  -h, --help          show this help\n"
    "  -V, --version       show the version\n";

typedef struct cli_opts {
    site_build_opts b;
    int pdf;
    int port;
    const char *bind;
} cli_opts;

/* The value of an option that takes one; NULL (after a message) when it is missing. */
static const char *opt_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "plansite: option %s needs a value\n", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

static int is(const char *a, const char *s, const char *l)
{
    return (s && !strcmp(a, s)) || (l && !strcmp(a, l));
}

/* Parse options after the command; 0 on success, 2 on a usage error. */
static int parse(int argc, char **argv, cli_opts *o)
{
    int i;
    const char *v;
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (is(a, "-s", "--site") && (v = opt_value(argc, argv, &i)))
            o->b.site_dir = v;
        else if (is(a, "-d", "--dest") && (v = opt_value(argc, argv, &i)))
            o->b.dest_dir = v;
        else if (is(a, NULL, "--base-url") && (v = opt_value(argc, argv, &i)))
            o->b.base_url = v;
        else if (is(a, "-j", "--jobs") && (v = opt_value(argc, argv, &i)))
            o->b.threads = atoi(v);
        else if (is(a, "-p", "--port") && (v = opt_value(argc, argv, &i)))
            o->port = atoi(v);
        else if (is(a, NULL, "--bind") && (v = opt_value(argc, argv, &i)))
            o->bind = v;
        else if (is(a, NULL, "--drafts"))
            o->b.drafts = 1;
        else if (is(a, NULL, "--pdf"))
            o->pdf = 1;
        else {
            if (i < argc && argv[i] == a)
                fprintf(stderr, "plansite: unknown option '%s' (try 'plansite --help')\n", a);
            return 2;
        }
    }
    return 0;
}

/* The PDF step's line: what was made, or that the HTML site stands without (some of) its PDFs. */
static void report_pdfs(const site_build_stats *st)
{
    if (st->pdfs)
        printf("made %zu PDF%s in %.2f s\n", st->pdfs, st->pdfs == 1 ? "" : "s",
               st->pdf_seconds);
    if (st->pdf_errors)
        fprintf(stderr, "plansite: the PDF step failed with %zu error%s; the HTML site was built "
                "and links only the PDFs that were made\n", st->pdf_errors,
                st->pdf_errors == 1 ? "" : "s");
}

static int cmd_build(cli_opts *o, int check)
{
    diag_list *d = diag_list_new();
    site_build_stats st;
    char line[512];
    int rc;
    o->b.check_only = check;
    o->b.pdf = o->pdf && !check;
    rc = site_build(&o->b, d, &st);
    diag_print(d, stderr);
    if (rc == 0) {
        site_build_summary(&st, check, line, sizeof line);
        printf("%s\n", line);
        if (o->b.pdf)
            report_pdfs(&st);
    } else
        fprintf(stderr, "plansite: %s failed with %zu error%s%s\n", check ? "check" : "build",
                st.errors, st.errors == 1 ? "" : "s",
                check ? "" : "; the destination was not changed");
    diag_list_free(d);
    return rc == 0 && !st.pdf_errors ? 0 : 1;
}

static int cmd_serve(const cli_opts *o)
{
    srv_opts so;
    if (o->b.dest_dir || o->b.base_url || o->pdf) {
        fprintf(stderr, "plansite: serve builds into a temporary folder for its own address; "
                        "--dest, --base-url and --pdf are for build\n");
        return 2;
    }
    memset(&so, 0, sizeof so);
    so.site_dir = o->b.site_dir;
    so.bind = o->bind;
    so.port = o->port;
    so.threads = o->b.threads;
    return srv_run(&so);    /* drafts are always shown; --drafts is accepted */
}

int cli_main(int argc, char **argv)
{
    cli_opts o;
    const char *cmd = argc > 1 ? argv[1] : NULL;
    memset(&o, 0, sizeof o);
    o.b.site_dir = ".";
    o.port = 1313;
    o.bind = "127.0.0.1";
    if (!cmd || is(cmd, "-h", "--help") || !strcmp(cmd, "help")) {
        fputs(usage, cmd ? stdout : stderr);
        return cmd ? 0 : 2;
    }
    if (is(cmd, "-V", "--version")) {
        printf("plansite %s\n", PLANSITE_VERSION);
        return 0;
    }
    if (strcmp(cmd, "build") && strcmp(cmd, "check") && strcmp(cmd, "pdf") &&
        strcmp(cmd, "serve")) {
        fprintf(stderr, "plansite: unknown command '%s' (try 'plansite --help')\n", cmd);
        return 2;
    }
    if (parse(argc, argv, &o) != 0)
        return 2;
    if (!strcmp(cmd, "serve"))
        return cmd_serve(&o);
    if (!strcmp(cmd, "pdf"))
        o.pdf = 1;
    return cmd_build(&o, !strcmp(cmd, "check"));
}
