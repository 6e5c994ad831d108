#define _POSIX_C_SOURCE 200809L
/* content/textfile and model_read_body: front matter split from the body; the body read again at
 * render time is the one that was loaded, and a file that changed in between is an error. */
#include "harness.h"
#include "content/textfile.h"
#include "util/fs.h"
#include <stdlib.h>
#include <sys/stat.h>
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
    CHECK_INT(tf_load(a, path, 0, 0, &fm, &b, d), 0);
    CHECK_STR(val_str(val_get(fm, "title"), NULL), "Uno");
    CHECK(b.line == 5 && b.offset == 22 && b.size == strlen(text) && b.text == NULL);

    body = model_read_body(&b, &len, d);
    CHECK_STR(body, "## Actividades\n\n1. Primera.\n");
    CHECK(len == strlen(text) - 22);
    free(body);

    /* edited after loading with the same size: the front matter is from one version, the body
     * would be from the other */
    {
        const char *same = "---\ntitle: \"Uno\"\n---\n\n## Actividadez\n\n1. Primera.\n";
        CHECK(strlen(same) == strlen(text));
        CHECK(fs_write(path, same, strlen(same)) == 0);
        CHECK(model_read_body(&b, &len, d) == NULL);
        CHECK(contains(d, "ws-1.es.md: changed during the build"));
        diag_clear(d);
        CHECK(fs_write(path, text, strlen(text)) == 0);
        body = model_read_body(&b, &len, d);
        CHECK_STR(body, "## Actividades\n\n1. Primera.\n");
        free(body);
        CHECK(diag_count(d) == 0);
    }

    /* edited after loading: longer, then shorter; then gone */
    {
        const char *longer = "---\ntitle: \"Uno\"\n---\n\nMore text than before, much more.\n";
        CHECK_INT(fs_write(path, longer, strlen(longer)), 0);
    }
    CHECK(model_read_body(&b, &len, d) == NULL);
    CHECK(contains(d, "ws-1.es.md: changed during the build"));
    diag_clear(d);
    CHECK_INT(fs_write(path, "---\n---\n", 8), 0);
    CHECK(model_read_body(&b, &len, d) == NULL);
    CHECK(contains(d, "changed during the build"));
    diag_clear(d);
    unlink(path);
    CHECK(model_read_body(&b, &len, d) == NULL);
    CHECK(contains(d, "cannot read: No such file or directory"));

    /* kept in memory (serve): no file is read */
    diag_clear(d);
    CHECK_INT(fs_write(path, text, strlen(text)), 0);
    CHECK_INT(tf_load(a, path, 1, 0, &fm, &b, d), 0);
    unlink(path);
    body = model_read_body(&b, &len, d);
    CHECK_STR(body, "## Actividades\n\n1. Primera.\n");
    free(body);
    CHECK_SIZE(diag_count(d), 0);

    /* a body over the limit: an error naming the file and the limit, at load */
    diag_clear(d);
    CHECK(fs_write(path, text, strlen(text)) == 0);
    CHECK(tf_load(a, path, 0, 10, &fm, &b, d) == -1);
    CHECK(contains(d, "ws-1.es.md: the Markdown body is 28 bytes, over the limit of 10 bytes "
                      "(max_body_size in content/site.yaml)"));
    diag_clear(d);
    CHECK(tf_load(a, path, 0, 28, &fm, &b, d) == 0);

    /* invalid UTF-8 in the body: at the byte's line and column */
    {
        const char *bad = "---\ntitle: \"Uno\"\n---\n\nUna l\xc3\xadnea\nY otra \xff aqu\xed\n";
        diag_clear(d);
        CHECK(fs_write(path, bad, strlen(bad)) == 0);
        CHECK(tf_load(a, path, 0, 0, &fm, &b, d) == -1);
        CHECK(contains(d, "ws-1.es.md:6:8: invalid UTF-8 (byte 0xFF)"));
    }
    /* valid 2-, 3- and 4-byte sequences pass; an overlong form and a surrogate do not */
    {
        static const char *const cases[][2] = {
            {"---\ntitle: \"Uno\"\n---\n\n\xc3\xb1 \xe2\x82\xac \xf0\x9f\x98\x80 long ascii tail\n", NULL},
            {"---\ntitle: \"Uno\"\n---\n\nabcdefghijklmnop\xc0\x80\n", "ws-1.es.md:5:17: invalid UTF-8 (byte 0xC0)"},
            {"---\ntitle: \"Uno\"\n---\n\n\xed\xa0\x80\n", "ws-1.es.md:5:1: invalid UTF-8 (byte 0xED)"},
            {"---\ntitle: \"Uno\"\n---\n\nend \xe2\x82", "ws-1.es.md:5:5: invalid UTF-8 (byte 0xE2)"}};
        size_t k;
        for (k = 0; k < sizeof cases / sizeof *cases; k++) {
            diag_clear(d);
            CHECK(fs_write(path, cases[k][0], strlen(cases[k][0])) == 0);
            CHECK(tf_load(a, path, 0, 0, &fm, &b, d) == (cases[k][1] ? -1 : 0));
            CHECK(cases[k][1] ? contains(d, cases[k][1]) : diag_count(d) == 0);
        }
    }
    /* ... and in the front matter: libyaml's reader error, located */
    {
        const char *bad = "---\ntitle: \"Uno\"\nsummary: \"s\xe9\"\n---\n\nText.\n";
        diag_clear(d);
        CHECK(fs_write(path, bad, strlen(bad)) == 0);
        CHECK(tf_load(a, path, 0, 0, &fm, &b, d) == -1);
        CHECK(contains(d, "ws-1.es.md:3:12: invalid UTF-8 (byte 0xE9)"));
    }
    unlink(path);

    /* a FIFO is refused at once (it would block the build forever), and so is a symbolic link */
    diag_clear(d);
    CHECK(mkfifo(path, 0600) == 0);
    CHECK(tf_load(a, path, 0, 0, &fm, &b, d) == -1);
    CHECK(contains(d, "ws-1.es.md: cannot read: not a regular file (a FIFO, socket or device)"));
    unlink(path);
    {
        char *target = fs_join(dir, "elsewhere.md");
        CHECK(fs_write(target, text, strlen(text)) == 0);
        CHECK(symlink(target, path) == 0);
        diag_clear(d);
        CHECK(tf_load(a, path, 0, 0, &fm, &b, d) == -1);
        CHECK(contains(d, "ws-1.es.md: cannot read: it is a symbolic link"));
        unlink(path);
        unlink(target);
        free(target);
    }

    rmdir(dir);
    free(path);
    diag_list_free(d);
    val_arena_free(a);
    return h_done();
}
