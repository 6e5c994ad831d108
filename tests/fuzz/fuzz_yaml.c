/* libFuzzer: any bytes as YAML, and as a content text file (front matter + Markdown body). */
#include "content/textfile.h"
#include "data/yaml_load.h"
#include "site/render/markdown.h"
#include "util/fs.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    val *fm = NULL;
    m_body body;
    buf html;
    buf_init(&html);
    yaml_load_mem(a, "f.yaml", (const char *)data, size, 0, d);
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/plansite-fuzz-%d.md", (int)getpid());
    if (fs_write(path, (const char *)data, size) == 0 && tf_load(a, path, 1, 0, &fm, &body, d) == 0) {
        md_init();
        md_render(body.text, strlen(body.text), 0, &html);
        md_render(body.text, strlen(body.text), MD_INLINE | MD_SHIFT2, &html);
    }
    md_release();
    buf_free(&html);
    diag_list_free(d);
    val_arena_free(a);
    return 0;
}
