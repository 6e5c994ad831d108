#include "cli.h"
#include "../content/fields.h"
#include "scaffold.h"
#include "translations.h"
#include "../serve/server.h"
#include "../site/build/build.h"
#include "../util/diag.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: plansite COMMAND [OPTIONS]\n"
    "\n"
    "Publish the workplans of the UN Network on Migration as a bilingual static site.\n"
    "\n"
    "Commands:\n"
    "  build [-s SITE] [-d DEST] [--base-url URL] [--drafts] [--pdf] [-j N] [--force]\n"
    "        [--timings] [--incremental]\n"
    "                      render the site into DEST (default SITE/public); DEST is replaced\n"
    "                      only when the whole build succeeds\n"
    "  check [-s SITE]     validate content, data and templates; write nothing\n"
    "  serve [-s SITE] [-p PORT] [--bind ADDR] [--drafts]\n"
    "                      preview with live reload at http://127.0.0.1:1313/\n"
    "  pdf [-s SITE] [-d DEST] [--base-url URL] [--drafts] [-j N]\n"
    "                      build with the handouts, then turn every handout into a PDF\n"
    "                      beside its HTML\n"
    "                      (needs WeasyPrint: apt-get install weasyprint); the same as\n"
    "                      build --pdf\n"
    "  new site DIR        make a working bilingual site in DIR\n"
    "  new workstream PLAN SLUG [-s SITE]\n"
    "                      add a workstream's files (facts, default language) to a plan\n"
    "  new page SLUG [-s SITE]\n"
    "                      add a page's files\n"
    "  translations [status] [-s SITE] [--format text|json]\n"
    "                      per translation: up to date, outdated, missing; work to do\n"
    "  translations export --lang LANG [-o FILE] [--all] [-s SITE]\n"
    "                      the segments to translate as XLIFF 1.2, for CAT tools\n"
    "  translations import FILE [-s SITE]\n"
    "                      write an XLIFF file's targets into the translations\n"
    "  translations mark (FILE... | --all) [-s SITE]\n"
    "                      record translations edited by hand as up to date\n"
    "\n"
    "Options:\n"
    "  -s, --site SITE     the site folder (default: .)\n"
    "  -d, --dest DEST     the output folder (default: SITE/public)\n"
    "      --base-url URL  the address the site is published at (overrides site.yaml)\n"
    "      --drafts        include workplans and workstreams marked draft: true\n"
    "      --handouts      build: also write the handouts (a whole workplan, an objective's\n"
    "                      sheet, for printing) and link them; --pdf and pdf imply it\n"
    "      --force         replace DEST even if it holds files that plansite did not make\n"
    "      --timings       print each stage's time and the CPU time per kind of page\n"
    "      --incremental   build: render only the pages that changed, link the files that did\n"
    "                      not change from the previous build (cache: DEST.plansite-cache/)\n"
    "                      in DEST instead of writing them again\n"
    "  -j, --jobs N        rendering threads and PDF engines at once (default: one per core)\n"
    "  -h, --help          show this help\n"
    "  -V, --version       show the version\n";

typedef struct cli_opts {
    site_build_opts b;
    int pdf;
    int port;
    const char *bind;
} cli_opts;

/* The value of an option that takes one; NULL (after a message) when it is missing or empty
 * (an empty folder name would mean the current folder). */
static const char *opt_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "plansite: option %s needs a value\n", argv[*i]);
        return NULL;
    }
    if (!*argv[*i + 1]) {
        fprintf(stderr, "plansite: option %s needs a value, not an empty string\n", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

/* A whole number in [lo, hi] for option opt; 0 on success, else a message and -1. */
static int opt_int(const char *opt, const char *v, long lo, long hi, int *out)
{
    char *end = NULL;
    long x;
    errno = 0;
    x = strtol(v, &end, 10);
    if (errno || !*v || *end || x < lo || x > hi) {
        fprintf(stderr, "plansite: %s expects a whole number from %ld to %ld, not '%s'\n", opt,
                lo, hi, v);
        return -1;
    }
    *out = (int)x;
    return 0;
}

static int is(const char *a, const char *s, const char *l)
{
    return (s && !strcmp(a, s)) || (l && !strcmp(a, l));
}

/* One option: its names, whether it takes a value, and what it sets. 0 on success. */
typedef struct cli_option {
    const char *short_name, *long_name;
    int (*set)(cli_opts *o, const char *opt, const char *value);
} cli_option;

static int set_site(cli_opts *o, const char *opt, const char *v) { (void)opt; o->b.site_dir = v; return 0; }
static int set_dest(cli_opts *o, const char *opt, const char *v) { (void)opt; o->b.dest_dir = v; return 0; }
static int set_base(cli_opts *o, const char *opt, const char *v)
{
    const char *why = fld_url_problem(v);
    if (why) {
        fprintf(stderr, "plansite: %s: '%s' is not a safe address (%s)\n", opt, v, why);
        return -1;
    }
    o->b.base_url = v;
    return 0;
}
static int set_bind(cli_opts *o, const char *opt, const char *v) { (void)opt; o->bind = v; return 0; }
static int set_jobs(cli_opts *o, const char *opt, const char *v) { return opt_int(opt, v, 1, 256, &o->b.threads); }
static int set_port(cli_opts *o, const char *opt, const char *v) { return opt_int(opt, v, 0, 65535, &o->port); }
static int set_drafts(cli_opts *o, const char *opt, const char *v) { (void)opt; (void)v; o->b.drafts = 1; return 0; }
static int set_pdf(cli_opts *o, const char *opt, const char *v) { (void)opt; (void)v; o->pdf = 1; return 0; }
static int set_handouts(cli_opts *o, const char *opt, const char *v) { (void)opt; (void)v; o->b.handouts = BUILD_HANDOUTS_WRITE; return 0; }
static int set_force(cli_opts *o, const char *opt, const char *v) { (void)opt; (void)v; o->b.force = 1; return 0; }
static int set_timings(cli_opts *o, const char *opt, const char *v) { (void)opt; (void)v; o->b.timings = 1; return 0; }
static int set_incr(cli_opts *o, const char *opt, const char *v) { (void)opt; (void)v; o->b.incremental = 1; return 0; }

static const cli_option options[] = {
    {"-s", "--site", set_site}, {"-d", "--dest", set_dest}, {NULL, "--base-url", set_base},
    {"-j", "--jobs", set_jobs}, {"-p", "--port", set_port}, {NULL, "--bind", set_bind},
    {NULL, "--drafts", set_drafts}, {NULL, "--pdf", set_pdf}, {NULL, "--force", set_force},
    {NULL, "--timings", set_timings}, {NULL, "--incremental", set_incr},
    {NULL, "--handouts", set_handouts}};

static int takes_value(const cli_option *opt)
{
    return opt->set != set_drafts && opt->set != set_pdf && opt->set != set_force &&
           opt->set != set_timings && opt->set != set_incr && opt->set != set_handouts;
}

static const cli_option *find_option(const char *a)
{
    size_t i;
    for (i = 0; i < sizeof options / sizeof *options; i++)
        if (is(a, options[i].short_name, options[i].long_name))
            return &options[i];
    return NULL;
}

/* Parse options after the command; 0 on success, 2 on a usage error (after a message). */
static int parse(int argc, char **argv, cli_opts *o)
{
    int i;
    for (i = 2; i < argc; i++) {
        const cli_option *opt = find_option(argv[i]);
        const char *name = argv[i], *v = NULL;
        if (!opt) {
            fprintf(stderr, "plansite: unknown option '%s' (try 'plansite --help')\n", argv[i]);
            return 2;
        }
        if (takes_value(opt) && !(v = opt_value(argc, argv, &i)))
            return 2;
        if (opt->set(o, name, v) != 0)
            return 2;
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
    o->b.catch_signals = 1;
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
    fflush(stdout);
    site_build_finish(&st);   /* the replaced build goes after the report */
    diag_list_free(d);
    if (st.signal)
        return 128 + st.signal;   /* as a shell reports a process killed by it */
    return rc == 0 && !st.pdf_errors ? 0 : 1;
}

static int cmd_serve(const cli_opts *o)
{
    srv_opts so;
    if (o->b.dest_dir || o->b.base_url || o->pdf || o->b.handouts) {
        fprintf(stderr, "plansite: serve builds into a temporary folder for its own address "
                        "(and makes a handout when it is asked for); --dest, --base-url, "
                        "--handouts and --pdf are for build\n");
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
    if (!strcmp(cmd, "new"))
        return scaffold_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "translations"))
        return translations_main(argc - 1, argv + 1);
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
