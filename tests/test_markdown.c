/* site/markdown: GFM rendering, raw HTML escaped by default, lost link targets kept as text. */
#include "harness.h"
#include "site/render/markdown.h"
#include "util/fs.h"
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <malloc.h>
#include <stdlib.h>

/* Each extension is attached only when the text could trigger it: the HTML must be what it is
 * with all of them attached. Returns how many texts differed. */
static int same_with_all_ext(const char *src, size_t len)
{
    buf gated, all;
    int differ;
    buf_init(&gated);
    buf_init(&all);
    md_render(src, len, MD_PARSER, &gated);
    md_render(src, len, MD_PARSER | MD_ALL_EXT, &all);
    differ = gated.len != all.len || (gated.len && memcmp(gated.data, all.data, gated.len));
    if (differ)
        fprintf(stderr, "extension gating changed the HTML of:\n%.*s\n", (int)len, src);
    buf_free(&gated);
    buf_free(&all);
    return differ;
}

/* Every .md file under dir (recursively): rendered the same with the gating. */
static int corpus_differs(const char *dir, size_t *files)
{
    char **names = NULL;
    int i, n = fs_list(dir, &names), bad = 0;
    for (i = 0; i < n; i++) {
        char *path = fs_join(dir, names[i]);
        size_t len = 0, k = strlen(names[i]);
        if (fs_is_dir(path))
            bad += corpus_differs(path, files);
        else if (k > 3 && !strcmp(names[i] + k - 3, ".md")) {
            char *text = fs_read(path, &len);
            if (text) {
                bad += same_with_all_ext(text, len);
                ++*files;
            }
            free(text);
        }
        free(path);
        free(names[i]);
    }
    free(names);
    return bad;
}

/* cmark-gfm's default allocator (calloc, realloc, free), counting the bytes it holds. */
static long long sys_held, sys_peak;

static void sys_count(void *p, long long sign)
{
    sys_held += sign * (long long)malloc_usable_size(p);
    if (sys_held > sys_peak)
        sys_peak = sys_held;
}

static void *sys_calloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    sys_count(p, 1);
    return p;
}

static void *sys_realloc(void *old, size_t n)
{
    void *p;
    sys_count(old, -1);
    p = realloc(old, n);
    sys_count(p, 1);
    return p;
}

static void sys_free(void *p)
{
    sys_count(p, -1);
    free(p);
}

/* The most bytes cmark-gfm holds at once with the system's allocator to render src as md_render
 * does (the same options, every extension), counted in malloc's usable sizes. */
static size_t cmark_peak(const char *src, size_t len)
{
    static cmark_mem mem = {sys_calloc, sys_realloc, sys_free};
    static const char *const names[] = {"table", "strikethrough", "autolink", "tasklist"};
    int opts = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    cmark_parser *p = cmark_parser_new_with_mem(opts, &mem);
    cmark_node *doc;
    char *html;
    size_t i;
    sys_held = sys_peak = 0;
    for (i = 0; i < sizeof names / sizeof *names; i++)
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(names[i]));
    cmark_parser_feed(p, src, len);
    doc = cmark_parser_finish(p);
    html = cmark_render_html_with_mem(doc, opts, cmark_parser_get_syntax_extensions(p), &mem);
    sys_free(html);
    cmark_node_free(doc);
    cmark_parser_free(p);
    return (size_t)sys_peak;
}

/* A GFM table of about bytes bytes: four columns, short cells. */
static void big_table(buf *b, size_t bytes)
{
    int row;
    buf_puts(b, "| a | b | c | d |\n|---|---|---|---|\n");
    for (row = 0; b->len < bytes; row++)
        buf_printf(b, "| cell %d | *x* | y | z |\n", row);
}

static const char *md(const char *src, int flags, buf *b)
{
    buf_reset(b);
    md_render(src, strlen(src), flags, b);
    return buf_cstr(b);
}

int main(void)
{
    buf b;
    buf_init(&b);
    md_init();
    CHECK_STR(md("*a* **b**", MD_INLINE, &b), "<em>a</em> <strong>b</strong>");
    CHECK_STR(md("para", 0, &b), "<p>para</p>\n");
    CHECK_STR(md("see [the guide](#) now", MD_INLINE, &b), "see the guide now");
    CHECK_STR(md("[x]() y", MD_INLINE, &b), "x y");
    CHECK_STR(md("[ok](https://example.org/)", MD_INLINE, &b),
              "<a href=\"https://example.org/\">ok</a>");
    CHECK(strstr(md("<script>alert(1)</script>", 0, &b), "<script>") == NULL);
    CHECK(strstr(md("<b>x</b>", MD_RAW_HTML | MD_INLINE, &b), "<b>x</b>") != NULL);
    CHECK_STR(md("## Sub", MD_SHIFT, &b), "<h3>Sub</h3>\n");
    CHECK(strstr(md("| a | b |\n|---|---|\n| 1 | 2 |\n", 0, &b), "<table>") != NULL);
    CHECK(strstr(md("~~gone~~", MD_INLINE, &b), "<del>gone</del>") != NULL);
    /* the plain-text fast path gives exactly what cmark gives */
    {
        static const char *const samples[] = {
            "Datos para las políticas", "Lineamiento 1: migración, pacto; red (apoyo).",
            "Objetivo 8", "Save lives. Establish efforts", "a: b / c", "Año 2024 – 2025",
            "x \"quoted\"", "see www.example.org", "http://example.org", "1. list?",
            "dash -- dash", "wait...", "a  b", "*em*", "Línea\nnueva",
            /* past the first eight characters, at every place in a block of eight */
            "abcdefg*h*", "abcdefgh_i_", "abcdefghijklmno`c`", "Ordinary words then www.x.org",
            "Ordinary words then a -- dash", "Ordinary words and two  spaces  inside",
            "Ordinary words ending in a colon: http://x.org", "Ordinary words & more"};
        size_t i;
        buf c;
        buf_init(&c);
        for (i = 0; i < sizeof samples / sizeof *samples; i++) {
            buf_reset(&c);
            md_render(samples[i], strlen(samples[i]), MD_PARSER, &c);
            CHECK_STR(md(samples[i], 0, &b), buf_cstr(&c));
            buf_reset(&c);
            md_render(samples[i], strlen(samples[i]), MD_PARSER | MD_INLINE, &c);
            CHECK_STR(md(samples[i], MD_INLINE, &b), buf_cstr(&c));
        }
        buf_free(&c);
    }
    /* extensions left out when they cannot match change nothing: samples that trigger each, and
     * every Markdown file of the repository (the real workplans, the test sites, the docs) */
    {
        static const char *const samples[] = {
            "| a | b |\n|---|---|\n| 1 | 2 |\n", "~~gone~~ and ~one~", "- [ ] to do\n- [x] done\n",
            "see www.example.org", "see WWW.EXAMPLE.ORG.", "write to a@b.org", "http://x.org/a",
            "mailto:a@b.org", "a: b", "plain prose with nothing special", "[link](http://x.org)",
            "footnote[^1]\n\n[^1]: note",
            /* found by tests/fuzz/fuzz_markdown: a one-column table has no '|' */
            "%WWW/=((-~~~autolcas.#\n:--\n", "a\n--:\n", "a\n  :-:  \nb\n", "(a-c.\"\n---\v",
            "a\n\v---\n", "\"\n:-\r\r\r:\n\r\n\r\r", "(\n>\x1d\n>-\f"};
        size_t i, files = 0;
        for (i = 0; i < sizeof samples / sizeof *samples; i++)
            CHECK(same_with_all_ext(samples[i], strlen(samples[i])) == 0);
        CHECK(corpus_differs(PLANSITE_SOURCE_DIR "/content", &files) == 0);
        CHECK(corpus_differs(PLANSITE_SOURCE_DIR "/tests/cases", &files) == 0);
        CHECK(files > 100);
    }
    /* shifting the HTML's headings gives what the parser gives with MD_SHIFT / MD_SHIFT2 */
    {
        const char *doc = "# One\n\nText <h2> here.\n\n## Two\n\n### Three {#x}\n\n"
                          "#### Four\n\n##### Five\n\n###### Six\n\n> ## quoted\n";
        buf plain, shifted;
        buf_init(&plain);
        buf_init(&shifted);
        md_render(doc, strlen(doc), 0, &plain);
        md_shift_headings(plain.data, plain.len, 2, &shifted);
        CHECK_STR(buf_cstr(&shifted), md(doc, MD_SHIFT2, &b));
        buf_reset(&shifted);
        md_shift_headings(plain.data, plain.len, 1, &shifted);
        CHECK_STR(buf_cstr(&shifted), md(doc, MD_SHIFT, &b));
        buf_free(&plain);
        buf_free(&shifted);
    }
    /* one large body: the allocator holds at most twice what cmark-gfm holds with malloc, and
     * gives it back after the body (a bump allocator that never freed held 2.6 times as much) */
    {
        buf src, html;
        size_t held = 0, peak = 0, need;
        buf_init(&src);
        buf_init(&html);
        big_table(&src, 1900000);
        need = cmark_peak(src.data, src.len);
        md_stats(&held, &peak);
        CHECK_INT(md_render(src.data, src.len, MD_PARSER | MD_ALL_EXT, &html), 0);
        md_stats(&held, &peak);
        fprintf(stderr, "1.9 MB table: md_render held at most %zu KB, cmark-gfm with malloc "
                "%zu KB\n", peak / 1024, need / 1024);
        CHECK(strstr(buf_cstr(&html), "<td>cell 9999</td>") != NULL);
        CHECK(need > src.len);
        CHECK(peak <= 2 * need);
        CHECK(held <= 512 * 1024);   /* one chunk kept for the next body */
        buf_free(&src);
        buf_free(&html);
    }
    /* a 100-column header over 16,000 one-cell rows (about 100 KB): cmark-gfm fills every row to
     * the header's width (over 400 MB with malloc). md_render stops at its budget, returns -1,
     * writes nothing and keeps nothing; the next text renders as usual */
    {
        buf src, html;
        size_t held = 0, peak = 0, i;
        buf_init(&src);
        buf_init(&html);
        buf_puts(&src, "|");
        for (i = 0; i < 100; i++)
            buf_puts(&src, " c |");
        buf_puts(&src, "\n|");
        for (i = 0; i < 100; i++)
            buf_puts(&src, "---|");
        buf_puts(&src, "\n");
        for (i = 0; i < 16000; i++)
            buf_puts(&src, "| x |\n");
        md_stats(&held, &peak);
        CHECK_INT(md_render(src.data, src.len, 0, &html), -1);
        md_stats(&held, &peak);
        CHECK_SIZE(html.len, 0);
        CHECK(peak <= md_budget_for(src.len) + (1u << 20));
        CHECK(held <= 512 * 1024);
        CHECK_INT(md_render("*a*", 3, 0, &html), 0);
        CHECK_STR(buf_cstr(&html), "<p><em>a</em></p>\n");
        buf_free(&src);
        buf_free(&html);
    }
    buf_free(&b);
    md_release();
    return h_done();
}
