#include "cli.h"
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: plansite COMMAND [OPTIONS]\n"
    "\n"
    "Publish the workplans of the UN Network on Migration as a bilingual static site.\n"
    "\n"
    "Commands:\n"
    "  build [-s SITE] [-d DEST] [--base-url URL] [--drafts] [--pdf]\n"
    "                      render the site into DEST (default SITE/public); DEST is replaced\n"
    "                      only when the whole build succeeds\n"
    "  check [-s SITE]     validate content, data and templates; write nothing\n"
    "  serve [-s SITE] [-p PORT] [--bind ADDR] [--drafts]\n"
    "                      preview with live reload at http://127.0.0.1:1313/\n"
    "  pdf [-s SITE] [-d DEST]\n"
    "                      build, then turn every handout into a PDF\n"
    "\n"
    "Options:\n"
    "  -h, --help          show this help\n"
    "  -V, --version       show the version\n";

int cli_main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
        !strcmp(argv[1], "help")) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
        printf("plansite %s\n", PLANSITE_VERSION);
        return 0;
    }
    fprintf(stderr, "plansite: unknown command '%s' (try 'plansite --help')\n", argv[1]);
    return 2;
}
