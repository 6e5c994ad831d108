#include "translations.h"
#include "../translate/xliff.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tr_opts {
    const char *site, *lang, *out, *format;
    int all;
    char **files;            /* the operands (import: one file; mark: translations) */
    int nfiles;
} tr_opts;

static const char tr_usage[] =
    "usage: plansite translations [status] [-s SITE] [--format text|json]\n"
    "       plansite translations export --lang LANG [-o FILE] [--all] [-s SITE]\n"
    "       plansite translations import FILE [-s SITE]\n"
    "       plansite translations mark (FILE... | --all) [-s SITE]\n";

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "plansite: translations: %s%s%s\n%s", what, arg ? " " : "", arg ? arg : "",
            tr_usage);
    return 2;
}

static int takes(const char *a)
{
    return !strcmp(a, "-s") || !strcmp(a, "--site") || !strcmp(a, "--lang") ||
           !strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--format");
}

/* Parse options after the subcommand; 0, or 2 after a message. */
static int parse(int argc, char **argv, int i, tr_opts *o)
{
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    if (!o->files)
        abort();
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (takes(a)) {
            if (i + 1 >= argc || !*argv[i + 1])
                return usage_error("option needs a value:", a);
            if (!strcmp(a, "-s") || !strcmp(a, "--site"))
                o->site = argv[++i];
            else if (!strcmp(a, "--lang"))
                o->lang = argv[++i];
            else if (!strcmp(a, "--format"))
                o->format = argv[++i];
            else
                o->out = argv[++i];
        } else if (!strcmp(a, "--all"))
            o->all = 1;
        else if (a[0] == '-')
            return usage_error("unknown option", a);
        else
            o->files[o->nfiles++] = argv[i];
    }
    return 0;
}

static int run(const char *cmd, tr_opts *o)
{
    diag_list *d = diag_list_new();
    tr_set *t = tr_load(o->site, d);
    int rc = 1;
    size_t units = 0;
    if (!t)
        goto out;
    if (!strcmp(cmd, "status")) {
        tr_print_status(t, o->format && !strcmp(o->format, "json"), stdout);
        rc = 0;
    } else if (!strcmp(cmd, "export")) {
        rc = xliff_export(t, o->lang, o->all, o->out, &units, d) == 0 ? 0 : 1;
        if (rc == 0 && o->out)
            printf("wrote %zu unit%s to %s\n", units, units == 1 ? "" : "s", o->out);
    } else if (!strcmp(cmd, "import"))
        rc = xliff_import(t, o->files[0], d, stdout) == 0 ? 0 : 1;
    else
        rc = tr_mark(t, o->files, o->nfiles, o->all, d, stdout) == 0 ? 0 : 1;
out:
    diag_print(d, stderr);
    if (diag_errors(d))
        rc = 1;
    if (rc && !strcmp(cmd, "import"))
        fprintf(stderr, "plansite: import failed with %zu error%s; no file was written\n",
                diag_errors(d), diag_errors(d) == 1 ? "" : "s");
    tr_free(t);
    diag_list_free(d);
    return rc;
}

static int check_args(const char *cmd, const tr_opts *o)
{
    if (o->format && strcmp(o->format, "json") && strcmp(o->format, "text"))
        return usage_error("--format takes text or json, not", o->format);
    if (!strcmp(cmd, "status") && (o->nfiles || o->lang || o->out || o->all))
        return usage_error("status takes only -s and --format", NULL);
    if (!strcmp(cmd, "export") && (!o->lang || o->nfiles))
        return usage_error("export needs --lang LANG and takes no file", NULL);
    if (!strcmp(cmd, "import") && (o->nfiles != 1 || o->lang || o->out || o->all))
        return usage_error("import takes one XLIFF file", NULL);
    if (!strcmp(cmd, "mark") && (!o->nfiles == !o->all || o->lang || o->out))
        return usage_error("mark takes translation files, or --all", NULL);
    return 0;
}

int translations_main(int argc, char **argv)
{
    tr_opts o;
    const char *cmd = "status";
    int i = 1, rc;
    memset(&o, 0, sizeof o);
    o.site = ".";
    if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        fputs(tr_usage, stdout);
        return 0;
    }
    if (argc > 1 && argv[1][0] != '-') {
        cmd = argv[1];
        i = 2;
        if (strcmp(cmd, "status") && strcmp(cmd, "export") && strcmp(cmd, "import") &&
            strcmp(cmd, "mark"))
            return usage_error("unknown command", cmd);
    }
    rc = parse(argc, argv, i, &o);
    if (rc == 0)
        rc = check_args(cmd, &o);
    if (rc == 0)
        rc = run(cmd, &o);
    free(o.files);
    return rc;
}
