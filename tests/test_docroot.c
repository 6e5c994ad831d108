/* Unit tests of src/serve/docroot.c: request path decoding (with a little fuzzing), lookups that
 * must never leave the served folder (.., encoded slashes, NUL, symlinks), index.html and
 * redirects, MIME types, ETag matching and HTTP dates. */
#define _GNU_SOURCE
#include "harness.h"
#include "serve/docroot.h"
#include "util/fs.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static docroot_status decode(const char *raw, char *out, int *dir_form)
{
    return docroot_decode(raw, out, 256, dir_form);
}

static void test_decode(void)
{
    static const struct {
        const char *raw, *rel;
        docroot_status st;
        int dir_form;
    } cases[] = {
        {"/", "", DOCROOT_OK, 1},
        {"/es", "es", DOCROOT_OK, 0},
        {"/es/", "es", DOCROOT_OK, 1},
        {"//es//planes///", "es/planes", DOCROOT_OK, 1},
        {"/a%20b.html", "a b.html", DOCROOT_OK, 0},
        {"/%41%62c", "Abc", DOCROOT_OK, 0},
        {"/caf%C3%A9", "caf\xc3\xa9", DOCROOT_OK, 0},
        {"/es..x/y..", "es..x/y..", DOCROOT_OK, 0},
        {"/..", NULL, DOCROOT_FORBIDDEN, 0},
        {"/../etc/passwd", NULL, DOCROOT_FORBIDDEN, 0},
        {"/es/../../etc", NULL, DOCROOT_FORBIDDEN, 0},
        {"/%2e%2e/%2e%2e/etc/passwd", NULL, DOCROOT_FORBIDDEN, 0},
        {"/%2E%2e/", NULL, DOCROOT_FORBIDDEN, 0},
        {"/es/..%2f..%2f", NULL, DOCROOT_BAD, 0},
        {"/es%2Fplanes", NULL, DOCROOT_BAD, 0},
        {"/es/%5c..%5c", NULL, DOCROOT_BAD, 0},
        {"/es\\..\\x", NULL, DOCROOT_BAD, 0},
        {"/a%00b", NULL, DOCROOT_BAD, 0},
        {"/a%0d%0aSet-Cookie:x", NULL, DOCROOT_BAD, 0},
        {"/a\tb", NULL, DOCROOT_BAD, 0},
        {"/%7f", NULL, DOCROOT_BAD, 0},
        {"/%", NULL, DOCROOT_BAD, 0},
        {"/%2", NULL, DOCROOT_BAD, 0},
        {"/%zz", NULL, DOCROOT_BAD, 0},
        {"/.", NULL, DOCROOT_BAD, 0},
        {"/./x", NULL, DOCROOT_BAD, 0},
        {"/.git/config", NULL, DOCROOT_NOT_FOUND, 0},
        {"/es/.htaccess", NULL, DOCROOT_NOT_FOUND, 0},
        {"", NULL, DOCROOT_BAD, 0},
        {"es/", NULL, DOCROOT_BAD, 0},
        {"http://x/es/", NULL, DOCROOT_BAD, 0},
        {"*", NULL, DOCROOT_BAD, 0},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[256] = "";
        int df = -1;
        docroot_status st = decode(cases[i].raw, out, &df);
        int before = h_failed;
        CHECK_INT(st, cases[i].st);
        if (st == DOCROOT_OK && cases[i].rel) {
            CHECK_STR(out, cases[i].rel);
            CHECK_INT(df, cases[i].dir_form);
        }
        if (h_failed > before)
            fprintf(stderr, "  (decoding \"%s\")\n", cases[i].raw);
    }
    {
        char big[600], out[256];
        int df;
        memset(big, 'a', sizeof big - 1);
        big[0] = '/';
        big[sizeof big - 1] = '\0';
        CHECK_INT(decode(big, out, &df), DOCROOT_BAD);
    }
}

/* Random paths: whatever decodes must be a safe relative path (or the root). */
static void test_decode_fuzz(void)
{
    static const char alphabet[] = "ab./%\\2eEfF05cC:?#~ \x01\x7f\xff";
    unsigned seed = 6;
    int i, j, bad = 0;
    for (i = 0; i < 200000; i++) {
        char raw[40], out[256];
        int n, df;
        seed = seed * 1103515245u + 12345u;
        n = 1 + (int)((seed >> 16) % 38);
        raw[0] = '/';
        for (j = 1; j < n; j++) {
            seed = seed * 1103515245u + 12345u;
            raw[j] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        raw[n] = '\0';
        if (decode(raw, out, &df) != DOCROOT_OK)
            continue;
        if (*out && !fs_rel_path_ok(out)) {
            if (bad++ < 5)
                printf("FAIL: '%s' decoded to unsafe '%s'\n", raw, out);
        }
    }
    CHECK_INT(bad, 0); /* random paths decoded to unsafe paths */
}

static char *tree;

static void put(const char *rel, const char *text)
{
    char *p = fs_join(tree, rel), *slash = strrchr(p, '/');
    *slash = '\0';
    fs_mkdirs(p);
    *slash = '/';
    fs_write(p, text, strlen(text));
    free(p);
}

static docroot_status look(docroot *r, const char *raw, char *body, size_t size)
{
    docroot_file f;
    docroot_status st = docroot_lookup(r, raw, &f);
    body[0] = '\0';
    if (st == DOCROOT_OK) {
        ssize_t n = read(f.fd, body, size - 1);
        body[n > 0 ? n : 0] = '\0';
        close(f.fd);
    } else
        CHECK_INT(f.fd, -1); /* no descriptor unless OK */
    return st;
}

static void test_lookup(void)
{
    char tmpl[] = "/tmp/docroot-test-XXXXXX", body[256], *p;
    docroot *r;
    docroot_file f;
    tree = mkdtemp(tmpl);
    put("site/index.html", "root index");
    put("site/es/index.html", "es index");
    put("site/es/a.css", "css");
    put("site/empty/x.txt", "x");
    put("outside.txt", "SECRET");
    p = fs_join(tree, "site/leak.txt");
    CHECK_INT(symlink("../outside.txt", p), 0);
    free(p);
    p = fs_join(tree, "site/leakdir");
    CHECK_INT(symlink("..", p), 0);
    free(p);
    p = fs_join(tree, "site/fifo");
    CHECK_INT(mkfifo(p, 0600), 0);
    free(p);
    p = fs_join(tree, "site");
    r = docroot_open(p, "k-1", 0);
    free(p);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_STR(docroot_key(r), "k-1");
    CHECK_INT(look(r, "/", body, sizeof body), DOCROOT_OK);
    CHECK_STR(body, "root index");
    CHECK_INT(look(r, "/es/", body, sizeof body), DOCROOT_OK);
    CHECK_STR(body, "es index");
    CHECK_INT(look(r, "/es", body, sizeof body), DOCROOT_REDIRECT);
    CHECK_INT(look(r, "/es/a.css", body, sizeof body), DOCROOT_OK);
    CHECK_STR(body, "css");
    CHECK_INT(look(r, "/es/a.css/", body, sizeof body), DOCROOT_NOT_FOUND);
    CHECK_INT(look(r, "/es/a.css/x", body, sizeof body), DOCROOT_NOT_FOUND);
    CHECK_INT(look(r, "/empty/", body, sizeof body), DOCROOT_NOT_FOUND);
    CHECK_INT(look(r, "/nope", body, sizeof body), DOCROOT_NOT_FOUND);
    CHECK_INT(look(r, "/leak.txt", body, sizeof body), DOCROOT_FORBIDDEN);
    CHECK_INT(look(r, "/leakdir/outside.txt", body, sizeof body), DOCROOT_FORBIDDEN);
    CHECK_INT(look(r, "/leakdir/", body, sizeof body), DOCROOT_FORBIDDEN);
    CHECK_INT(look(r, "/fifo", body, sizeof body), DOCROOT_NOT_FOUND);
    CHECK_INT(look(r, "/../outside.txt", body, sizeof body), DOCROOT_FORBIDDEN);
    CHECK_INT(look(r, "/%2e%2e/outside.txt", body, sizeof body), DOCROOT_FORBIDDEN);
    CHECK_INT(look(r, "/es/..%2f..%2foutside.txt", body, sizeof body), DOCROOT_BAD);
    CHECK_INT(docroot_open_file(r, "404.html", &f), -1);
    CHECK_INT(docroot_open_file(r, "es/a.css", &f), 0);
    CHECK_SIZE(f.size, 3);
    CHECK_STR(f.mime, "text/css; charset=utf-8");
    CHECK_INT(f.etag[0], '"');
    if (f.fd >= 0)
        close(f.fd);
    CHECK_INT(docroot_open_file(r, "leak.txt", &f), -1);
    docroot_ref(r);
    docroot_unref(r);
    docroot_unref(r);
    CHECK(fs_is_dir(tree));
    p = fs_join(tree, "site");
    r = docroot_open(p, "k-2", 1);
    docroot_unref(r);
    CHECK(!fs_is_dir(p));
    free(p);
    fs_remove_tree(tree);
}

static void test_mime_and_validators(void)
{
    char date[64];
    CHECK_STR(docroot_mime("a.HTML"), "text/html; charset=utf-8");
    CHECK_STR(docroot_mime("x.woff2"), "font/woff2");
    CHECK_STR(docroot_mime("x.svg"), "image/svg+xml");
    CHECK_STR(docroot_mime("x.tar.gz"), "application/octet-stream");
    CHECK_STR(docroot_mime("README"), "application/octet-stream");
    CHECK(docroot_etag_match("\"a\"", "\"a\""));
    CHECK(docroot_etag_match("\"b\", W/\"a\"", "\"a\""));
    CHECK(docroot_etag_match("*", "\"a\""));
    CHECK(!docroot_etag_match("\"ab\"", "\"a\""));
    CHECK(!docroot_etag_match("", "\"a\""));
    docroot_http_date(784111777, date, sizeof date);
    CHECK_STR(date, "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK_INT(docroot_parse_http_date(date), 784111777);
    CHECK_INT(docroot_parse_http_date("yesterday"), -1);
    CHECK_INT(docroot_parse_http_date(NULL), -1);
}

/* The lazy names are the docroot's own copy: the build report they come in is freed right after
 * the switch (serve read freed memory when a handout was asked for, found by ASan). */
static void test_lazy(void)
{
    char tmpl[] = "/tmp/docroot-lazy-XXXXXX", *dir = mkdtemp(tmpl);
    static const char names[] = "es/imprimir/p/index.html\0en/print/p/index.html";
    char *copy = malloc(sizeof names);
    docroot *r = docroot_open(dir, "k-lazy", 0);
    CHECK(r != NULL && copy != NULL);
    if (!r || !copy) {
        free(copy);
        return;
    }
    memcpy(copy, names, sizeof names);
    CHECK_INT(docroot_is_lazy(r, "es/imprimir/p/index.html"), 0);
    docroot_set_lazy(r, copy, sizeof names);
    memset(copy, 'x', sizeof names);   /* the caller's buffer changes, then goes */
    free(copy);
    CHECK_INT(docroot_is_lazy(r, "es/imprimir/p/index.html"), 1);
    CHECK_INT(docroot_is_lazy(r, "en/print/p/index.html"), 1);
    CHECK_INT(docroot_is_lazy(r, "en/print/q/index.html"), 0);
    CHECK_INT(docroot_is_lazy(r, "es/index.html"), 0);
    docroot_unref(r);
    rmdir(dir);
}

int main(void)
{
    test_decode();
    test_decode_fuzz();
    test_lookup();
    test_mime_and_validators();
    test_lazy();
    return h_done();
}
