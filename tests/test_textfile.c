#define _POSIX_C_SOURCE 200809L
/* content/textfile and model_read_body: front matter split from the body; the body read again at
 * render time is the one that was loaded, and a file that changed in between is an error. */
#include "harness.h"
#include "content/textfile.h"
#include "util/fs.h"
#include <stdlib.h>
#include <unistd.h>

static int contains(const diag_list *d, const char *text)
{
    size_t i;
    for (i = 0; i < diag_count(d); i++)
        if (strstr(diag_text(d, i), text))
            return 1;
    return 0;
}

int main(void)
{
    char dir[] = "/tmp/plansite-textfile-XXXXXX";
    char *path = NULL, *body = NULL;
    const char *text = "---\ntitle: \"Uno\"\n---\n\n## Actividades\n\n1. Primera.\n";
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    val *fm = NULL;
    m_body b;
    size_t len = 0;
    memset(&b, 0, sizeof b);
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return h_done();
    }
    path = fs_join(dir, "ws-1.es.md");
    CHECK_INT(fs_write(path, text, strlen(text)), 0);
    CHECK_INT(tf_load(a, path, 0, &fm, &b, d), 1);
    CHECK_STR(val_str(val_get(fm, "title"), NULL), "Uno");
    CHECK(b.line == 5 && b.offset == 22 && b.size == strlen(text) && b.text == NULL);

    body = model_read_body(&b, &len, d);
    CHECK_STR(body, "## Actividades\n\n1. Primera.\n");
    CHECK(len == strlen(text) - 22);
    free(body);

    /* edited after loading: longer, then shorter; then gone */
    {
        const char *longer = "---\ntitle: \"Uno\"\n---\n\nMore text than before, much more.\n";
        CHECK_INT(fs_write(path, longer, strlen(longer)), 0);
    }
    CHECK(model_read_body(&b, &len, d) == NULL);
    CHECK(contains(d, "ws-1.es.md: the file changed while the site was built"));
    diag_clear(d);
    CHECK_INT(fs_write(path, "---\n---\n", 8), 0);
    CHECK(model_read_body(&b, &len, d) == NULL);
    CHECK(contains(d, "the file changed while the site was built"));
    diag_clear(d);
    unlink(path);
    CHECK(model_read_body(&b, &len, d) == NULL);
    CHECK(contains(d, "cannot read: No such file or directory"));

    /* kept in memory (serve): no file is read */
    diag_clear(d);
    CHECK_INT(fs_write(path, text, strlen(text)), 0);
    CHECK_INT(tf_load(a, path, 1, &fm, &b, d), 1);
    unlink(path);
    body = model_read_body(&b, &len, d);
    CHECK_STR(body, "## Actividades\n\n1. Primera.\n");
    free(body);
    CHECK_SIZE(diag_count(d), 0);

    rmdir(dir);
    free(path);
    diag_list_free(d);
    val_arena_free(a);
    return h_done();
}
