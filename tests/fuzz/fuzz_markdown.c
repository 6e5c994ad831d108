/* libFuzzer, differential: the shortcuts of site/markdown must not change the HTML. For any text,
 * (1) the plain-text fast path gives what the parser gives, (2) attaching only the GFM extensions
 * the text could trigger gives what attaching all of them gives, and (3) shifting the headings of
 * the HTML gives what the parser gives with MD_SHIFT2 (raw HTML aside, which is escaped here).
 * A difference aborts, so the fuzzer keeps the input. */
#include "site/render/markdown.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same(const buf *a, const buf *b, const char *what, const uint8_t *data, size_t size)
{
    if (a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len)))
        return;
    fprintf(stderr, "%s changed the HTML of %zu bytes:\n%.*s\n--- got:\n%.*s\n--- want:\n%.*s\n",
            what, size, (int)size, (const char *)data, (int)a->len, a->data ? a->data : "",
            (int)b->len, b->data ? b->data : "");
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    const char *src = (const char *)data;
    buf fast, parsed, all, shifted, want;
    if (!ready) {
        md_init();
        ready = 1;
    }
    if (memchr(data, '\0', size))
        return 0;   /* texts come from files read as C strings */
    buf_init(&fast);
    buf_init(&parsed);
    buf_init(&all);
    buf_init(&shifted);
    buf_init(&want);
    md_render(src, size, MD_INLINE, &fast);
    md_render(src, size, MD_INLINE | MD_PARSER, &parsed);
    same(&fast, &parsed, "the plain-text fast path (inline)", data, size);
    buf_reset(&fast);
    buf_reset(&parsed);
    md_render(src, size, 0, &fast);
    md_render(src, size, MD_PARSER, &parsed);
    same(&fast, &parsed, "the plain-text fast path", data, size);
    md_render(src, size, MD_PARSER | MD_ALL_EXT, &all);
    same(&parsed, &all, "leaving out extensions", data, size);
    md_shift_headings(parsed.data ? parsed.data : "", parsed.len, 2, &shifted);
    md_render(src, size, MD_PARSER | MD_SHIFT2, &want);
    if (!memchr(data, '<', size))   /* raw HTML's <h2> is escaped, and so never shifted */
        same(&shifted, &want, "shifting the headings", data, size);
    md_release();
    buf_free(&fast);
    buf_free(&parsed);
    buf_free(&all);
    buf_free(&shifted);
    buf_free(&want);
    return 0;
}
