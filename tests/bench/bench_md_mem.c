/* bench_md_mem: peak memory of rendering one large GFM table body, with plansite's md_render and
 * with cmark-gfm's own default allocator (the bound md_render must stay within a small multiple
 * of). Peak RSS is per process, so each run measures one allocator.
 * Usage: bench_md_mem plansite|cmark [BYTES [COLUMNS] | FILE]   (default 1900000 bytes, 4
 * columns; or the Markdown of FILE).
 * Prints the HTML size, wall seconds and peak RSS in KB (and md_stats' peak for plansite). */
#define _POSIX_C_SOURCE 200809L
#include "site/render/markdown.h"
#include "util/buf.h"
#include "util/fs.h"
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* A table of cols columns and as many rows as make about bytes bytes. */
static void make_table(buf *b, size_t bytes, int cols)
{
    int i, row;
    for (i = 0; i < cols; i++)
        buf_printf(b, "| h%d ", i);
    buf_puts(b, "|\n");
    for (i = 0; i < cols; i++)
        buf_puts(b, "|---");
    buf_puts(b, "|\n");
    for (row = 0; b->len < bytes; row++) {
        for (i = 0; i < cols; i++)
            buf_printf(b, "| cell %d %d ", row, i);
        buf_puts(b, "|\n");
    }
}

/* The same options and extensions as md_render, with cmark-gfm's default allocator. */
static size_t render_cmark(const char *src, size_t len)
{
    static const char *const names[] = {"table", "strikethrough", "autolink", "tasklist"};
    int opts = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    cmark_parser *p = cmark_parser_new(opts);
    cmark_node *doc;
    char *html;
    size_t i, n;
    for (i = 0; i < sizeof names / sizeof *names; i++)
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(names[i]));
    cmark_parser_feed(p, src, len);
    doc = cmark_parser_finish(p);
    html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
    n = strlen(html);
    free(html);
    cmark_node_free(doc);
    cmark_parser_free(p);
    return n;
}

int main(int argc, char **argv)
{
    size_t bytes = argc > 2 ? strtoul(argv[2], NULL, 10) : 1900000, flen = 0;
    int cols = argc > 3 ? atoi(argv[3]) : 4, plansite = argc > 1 && !strcmp(argv[1], "plansite");
    struct timespec t0, t1;
    struct rusage ru;
    size_t held = 0, peak = 0;
    buf src, html;
    size_t n;
    if (argc < 2 || (!plansite && strcmp(argv[1], "cmark")) || cols < 1) {
        fprintf(stderr, "usage: bench_md_mem plansite|cmark [BYTES [COLUMNS]]\n");
        return 2;
    }
    buf_init(&src);
    buf_init(&html);
    if (argc > 2 && (argv[2][0] < '0' || argv[2][0] > '9')) {
        char *text = fs_read(argv[2], &flen);
        if (!text) {
            fprintf(stderr, "bench_md_mem: cannot read %s\n", argv[2]);
            return 1;
        }
        buf_append(&src, text, flen);
        free(text);
    } else
        make_table(&src, bytes, cols);
    md_init();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (plansite) {
        md_render(src.data, src.len, MD_PARSER | MD_ALL_EXT, &html);
        n = html.len;
    } else
        n = render_cmark(src.data, src.len);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    getrusage(RUSAGE_SELF, &ru);
    md_stats(&held, &peak);
    printf("%s: %zu bytes in, %zu bytes of HTML, %.2f s, peak RSS %ld KB", argv[1], src.len, n,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss);
    if (plansite)
        printf(", allocator peak %zu KB", peak / 1024);
    putchar('\n');
    md_release();
    buf_free(&src);
    buf_free(&html);
    return 0;
}
