/* util: buf, diag, json, quote (JSON and YAML string literals), fs (safe paths, swap, creating
 * files, opening only regular files, copies), strmap, sys (parallel runs, caught signals). */
#define _GNU_SOURCE
#include "harness.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/json.h"
#include "util/mem.h"
#include "util/quote.h"
#include "util/strmap.h"
#include "util/sys.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static void test_buf(void)
{
    buf b;
    char *d;
    size_t len = 0;
    buf_init(&b);
    CHECK_STR(buf_cstr(&b), "");
    buf_puts(&b, "a<b>&\"c'");
    buf_putc(&b, '|');
    buf_append_html(&b, "a<b>&\"c'", 8);
    buf_printf(&b, "|%d-%s", 42, "x");
    CHECK_STR(buf_cstr(&b), "a<b>&\"c'|a&lt;b&gt;&amp;&quot;c&#39;|42-x");
    d = buf_detach(&b, &len);
    CHECK(len == strlen(d) && b.len == 0 && b.data == NULL);
    free(d);
    for (len = 0; len < 10000; len++)
        buf_putc(&b, 'x');
    CHECK(b.len == 10000 && strlen(buf_cstr(&b)) == 10000);
    buf_free(&b);
}

static int collect(void *ud, const char *p, size_t n)
{
    buf_append(ud, p, n);
    return 0;
}

static int refuse(void *ud, const char *p, size_t n)
{
    (void)ud;
    (void)p;
    (void)n;
    return -1;
}

/* A streaming buffer never holds much more than its limit and loses nothing. */
static void test_buf_sink(void)
{
    buf b, got;
    size_t i, most = 0;
    buf_init(&b);
    buf_init(&got);
    buf_set_sink(&b, collect, &got, 100);
    for (i = 0; i < 1000; i++) {
        buf_printf(&b, "%03zu,", i % 1000);
        if (b.len > most)
            most = b.len;
    }
    CHECK(most <= 100);
    CHECK_INT(buf_flush(&b), 0);
    CHECK(got.len == 4000 && b.flushed == 4000 && b.len == 0);
    CHECK(!memcmp(got.data, "000,001,", 8) && !memcmp(got.data + 3996, "999,", 4));
    buf_set_sink(&b, refuse, NULL, 10);
    buf_puts(&b, "more than ten bytes");
    buf_puts(&b, "and more");
    CHECK_INT(buf_flush(&b), -1);
    buf_free(&b);
    buf_free(&got);
}

static void test_diag(void)
{
    diag_list *d = diag_list_new(), *e = diag_list_new();
    diag_add(d, DIAG_ERROR, "a.yaml", 3, 7, "objectives: objective %d does not exist", 24);
    diag_add(d, DIAG_WARNING, "b.md", 0, 0, "missing translation");
    diag_add(e, DIAG_ERROR, NULL, 0, 0, "no location");
    CHECK(diag_errors(d) == 1 && diag_warnings(d) == 1);
    CHECK_STR(diag_text(d, 0), "a.yaml:3:7: objectives: objective 24 does not exist");
    CHECK_STR(diag_text(d, 1), "b.md: warning: missing translation");
    diag_move(d, e);
    CHECK(diag_count(d) == 3 && diag_count(e) == 0 && diag_errors(d) == 2);
    CHECK_STR(diag_text(d, 2), "no location");
    diag_list_free(d);
    diag_list_free(e);
}

/* A message of 5000 characters is kept whole (it was cut at 1023 by a fixed buffer). */
static void test_diag_long(void)
{
    diag_list *d = diag_list_new();
    char *big = xmalloc(5001);
    const char *t = NULL;
    memset(big, 'x', 5000);
    big[4999] = 'Z';
    big[5000] = '\0';
    diag_add(d, DIAG_ERROR, "a.yaml", 1, 2, "long: %s.", big);
    t = diag_text(d, 0);
    CHECK_SIZE(strlen(t), strlen("a.yaml:1:2: long: ") + 5000 + 1);
    CHECK(strlen(t) > 5000 && !strcmp(t + strlen(t) - 2, "Z."));
    diag_list_free(d);
    free(big);
}

/* The JSON writer: commas, keys, nesting, escapes, null strings, line breaks after commas. */
static void test_json(void)
{
    buf b;
    json_w j;
    buf_init(&b);
    json_init(&j, &b);
    json_begin_object(&j);
    json_key(&j, "a");
    json_begin_array(&j);
    json_int(&j, -3);
    json_bool(&j, 1);
    json_bool(&j, 0);
    json_null(&j);
    json_string(&j, NULL);
    json_break(&j);
    json_string(&j, "q\"\\\n\t\x7f\xc3\xa9");
    json_end_array(&j);
    json_break(&j);
    json_key(&j, "b");
    json_begin_object(&j);
    json_end_object(&j);
    json_key(&j, "c");
    json_begin_array(&j);
    json_break(&j);
    json_begin_object(&j);
    json_key(&j, "d");
    json_int(&j, 12345678901LL);
    json_end_object(&j);
    json_end_array(&j);
    json_end_object(&j);
    CHECK_STR(buf_cstr(&b), "{\"a\":[-3,true,false,null,null,\n\"q\\\"\\\\\\n\\u0009\\u007f\xc3\xa9\"],"
                            "\n\"b\":{},\"c\":[\n{\"d\":12345678901}]}");
    buf_free(&b);
}

/* s quoted in format f (a static buffer's worth: the tests' strings are short). */
static const char *quoted(const char *s, quote_format f)
{
    static char out[256];
    buf b;
    buf_init(&b);
    buf_puts(&b, "k=");                  /* appends: what the buffer holds stays */
    quote_append(&b, s, f);
    snprintf(out, sizeof out, "%s", buf_cstr(&b));
    buf_free(&b);
    return out;
}

/* The scalar libyaml reads back from the YAML double-quoted literal lit (malloc'd), or NULL. */
static char *yaml_read_back(const char *lit)
{
    yaml_parser_t p;
    yaml_event_t e;
    char *got = NULL;
    int done = 0;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)lit, strlen(lit));
    while (!done && yaml_parser_parse(&p, &e)) {
        if (e.type == YAML_SCALAR_EVENT && !got)
            got = xstrdup((const char *)e.data.scalar.value);
        done = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
    }
    if (!done) {
        free(got);
        got = NULL;
    }
    yaml_parser_delete(&p);
    return got;
}

static void test_quote(void)
{
    static const char *const round[] = {"", "a\"b\\c", "\x01\x08\t\n\r\x1f\x7f end",
                                        "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "a\xe2\x80\xa8" "b",
                                        "a \xe2\x80\xa8 b \xe2\x80\xa9 c \xc2\x85 d"};
    size_t i;
    /* Both: quotes and backslash; empty. */
    CHECK_STR(quoted("a\"b\\c", QUOTE_JSON), "k=\"a\\\"b\\\\c\"");
    CHECK_STR(quoted("a\"b\\c", QUOTE_YAML), "k=\"a\\\"b\\\\c\"");
    CHECK_STR(quoted("", QUOTE_JSON), "k=\"\"");
    CHECK_STR(quoted("", QUOTE_YAML), "k=\"\"");
    /* Control characters and DEL: JSON names only \n, YAML \n and \t; the rest numeric. */
    CHECK_STR(quoted("\x01\x08\t\n\r\x1f\x7f", QUOTE_JSON),
              "k=\"\\u0001\\u0008\\u0009\\n\\u000d\\u001f\\u007f\"");
    CHECK_STR(quoted("\x01\x08\t\n\r\x1f\x7f", QUOTE_YAML),
              "k=\"\\x01\\x08\\t\\n\\x0d\\x1f\\x7f\"");
    /* Non-ASCII UTF-8 (2, 3 and 4 bytes) kept as it is. The Unicode line breaks U+2028, U+2029
     * and NEL: kept in JSON; escaped in YAML (\L, \P, \N), which would read them as line breaks
     * and fold the spaces around them. */
    CHECK_STR(quoted("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", QUOTE_JSON),
              "k=\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"");
    CHECK_STR(quoted("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", QUOTE_YAML),
              "k=\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"");
    CHECK_STR(quoted("a\xe2\x80\xa8" "b\xe2\x80\xa9", QUOTE_JSON), "k=\"a\xe2\x80\xa8" "b\xe2\x80\xa9\"");
    CHECK_STR(quoted("a\xe2\x80\xa8" "b\xe2\x80\xa9", QUOTE_YAML), "k=\"a\\Lb\\P\"");
    CHECK_STR(quoted("a \xc2\x85 \xc2\xa0", QUOTE_YAML), "k=\"a \\N \xc2\xa0\"");
    CHECK_STR(quoted("\xe2\x80\xa7\xe2\x80", QUOTE_YAML), "k=\"\xe2\x80\xa7\xe2\x80\"");
    /* YAML: libyaml reads every literal back as the string it was made from. */
    for (i = 0; i < sizeof round / sizeof round[0]; i++) {
        buf b;
        char *got;
        buf_init(&b);
        quote_append(&b, round[i], QUOTE_YAML);
        got = yaml_read_back(buf_cstr(&b));
        CHECK(got != NULL);
        if (got)
            CHECK_STR(got, round[i]);
        free(got);
        buf_free(&b);
    }
}

static void test_rel_paths(void)
{
    CHECK(fs_rel_path_ok("es/planes/x/index.html"));
    CHECK(fs_rel_path_ok("404.html"));
    CHECK(!fs_rel_path_ok(""));
    CHECK(!fs_rel_path_ok("/etc/passwd"));
    CHECK(!fs_rel_path_ok("../x"));
    CHECK(!fs_rel_path_ok("es/../../x"));
    CHECK(!fs_rel_path_ok("es/./x"));
    CHECK(!fs_rel_path_ok("es//x"));
    CHECK(!fs_rel_path_ok("es\\..\\x"));
    CHECK(!fs_rel_path_ok("es/x\n"));
    CHECK(!fs_rel_path_ok("es/.."));
}

/* Swapping with aside leaves the replaced tree beside dest, named "<dest>.old-<pid>". */
static void test_swap_aside(const char *dest)
{
    char *tmp = fs_make_temp_beside(dest), *aside = NULL, *g = NULL, *want = NULL, *data = NULL;
    CHECK(tmp != NULL);
    g = fs_join(tmp, "newer.html");
    CHECK_INT(fs_write(g, "newer", 5), 0);
    free(g);
    CHECK_INT(fs_swap_in(tmp, dest, &aside), 0);
    want = xmalloc(strlen(dest) + 32);
    sprintf(want, "%s.old-%ld", dest, (long)getpid());
    CHECK_STR(aside, want);
    g = aside ? fs_join(aside, "new.html") : NULL;
    data = g ? fs_read(g, NULL) : NULL;
    CHECK(data && !strcmp(data, "new"));   /* the tree that was replaced */
    CHECK(!fs_is_dir(tmp));
    if (aside)
        CHECK(fs_remove_tree(aside) == 0 && !fs_is_dir(aside));
    free(data);
    free(g);
    free(want);
    free(aside);
    free(tmp);
}

static void test_swap(void)
{
    char tmpl[] = "/tmp/plansite-test-XXXXXX";
    char *root = mkdtemp(tmpl), *dest = NULL, *tmp = NULL, *f = NULL, *g = NULL, *data = NULL;
    CHECK(root != NULL);
    dest = fs_join(root, "public");
    CHECK_INT(fs_mkdirs(dest), 0);
    f = fs_join(dest, "old.html");
    CHECK_INT(fs_write(f, "old", 3), 0);
    free(f);
    f = fs_join(dest, ".gitkeep");
    CHECK_INT(fs_write(f, "", 0), 0);
    tmp = fs_make_temp_beside(dest);
    CHECK(tmp != NULL && fs_is_dir(tmp));
    g = fs_join(tmp, "new.html");
    CHECK_INT(fs_write(g, "new", 3), 0);
    CHECK_INT(fs_swap_in(tmp, dest, NULL), 0);
    CHECK(!fs_is_dir(tmp));
    free(g);
    g = fs_join(dest, "new.html");
    data = fs_read(g, NULL);
    CHECK(data && !strcmp(data, "new"));
    free(data);
    free(g);
    g = fs_join(dest, "old.html");
    CHECK(!fs_is_file(g));
    CHECK(fs_is_file(f));   /* the destination's own dotfile is kept */
    test_swap_aside(dest);
    CHECK(fs_remove_tree(root) == 0 && !fs_is_dir(root));
    free(g);
    free(f);
    free(tmp);
    free(dest);
}

static void test_absolute(void)
{
    char *a = fs_absolute("/tmp/../tmp/not-there/x"), *b = fs_absolute("/");
    CHECK_STR(a, "/tmp/not-there/x");
    CHECK_STR(b, "/");
    CHECK(fs_contains("/a/b", "/a/b") && fs_contains("/a/b", "/a/b/c") && fs_contains("/", "/x"));
    CHECK(!fs_contains("/a/b", "/a/bc") && !fs_contains("/a/b/c", "/a/b"));
    free(a);
    free(b);
}

static void test_strmap(void)
{
    strmap *m = strmap_new();
    char keys[500][8];
    int i, ok = 1;
    for (i = 0; i < 500; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        ok &= strmap_put(m, keys[i], i) == -1;
    }
    CHECK(ok);
    for (i = 0; i < 500; i++)
        ok &= strmap_get(m, keys[i]) == i;
    CHECK(ok);
    CHECK_INT(strmap_get(m, "nope"), -1);
    CHECK(strmap_put(m, keys[3], 9) == 3 && strmap_get(m, "k3") == 9);
    CHECK_SIZE(strmap_count(m), 500);
    /* byte strings of a length: a prefix, and a key holding a NUL byte, are other keys */
    CHECK_INT(strmap_getn(m, "k12", 2), 1);
    CHECK_INT(strmap_getn(m, "k1\0x", 4), -1);
    CHECK_INT(strmap_putn(m, "k1\0x", 4, 77), -1);
    CHECK_INT(strmap_getn(m, "k1\0x", 4), 77);
    CHECK_INT(strmap_get(m, "k1"), 1);
    CHECK_SIZE(strmap_count(m), 501);
    strmap_free(m);
}

static void test_create(void)
{
    char tmpl[] = "/tmp/plansite-test-XXXXXX";
    char *root = mkdtemp(tmpl), *f = NULL, *data = NULL;
    int fd;
    CHECK(root != NULL);
    f = fs_join(root, "a/b/c/index.html");   /* three folders to make */
    fd = fs_create(f);
    CHECK(fd >= 0 && write(fd, "first", 5) == 5 && close(fd) == 0);
    fd = fs_create(f);                         /* an existing file is emptied */
    CHECK(fd >= 0 && write(fd, "2", 1) == 1 && close(fd) == 0);
    data = fs_read(f, NULL);
    CHECK(data && !strcmp(data, "2"));
    free(data);
    free(f);
    f = fs_join(root, "a/b/c/index.html/x");  /* a file where a folder should be */
    CHECK(fs_create(f) < 0);
    CHECK_INT(fs_remove_tree(root), 0);
    free(f);
}

/* Only regular files are opened: a FIFO would block a reader forever, a link could lead anywhere. */
static void test_open_regular(void)
{
    char tmpl[] = "/tmp/plansite-test-XXXXXX";
    char *root = mkdtemp(tmpl), *f = NULL, *fifo = NULL, *link = NULL;
    const struct timespec times[2] = {{1600000000, 0}, {1700000000, 0}};
    size_t size = 0, len = 0;
    long long mtime = 0;
    char *text = NULL;
    int fd;
    CHECK(root != NULL);
    f = fs_join(root, "a.yaml");
    fifo = fs_join(root, "fifo.yaml");
    link = fs_join(root, "link.yaml");
    CHECK(fs_write(f, "abc", 3) == 0 && mkfifo(fifo, 0600) == 0 && symlink(f, link) == 0);
    CHECK(utimensat(AT_FDCWD, f, times, 0) == 0);
    fd = fs_open_regular(f, &size, &mtime);
    CHECK(fd >= 0 && size == 3 && mtime == 1700000000);
    if (fd >= 0)
        close(fd);
    mtime = 0;
    text = fs_read_timed(f, &len, &mtime);   /* the time of the fstat it opens with */
    CHECK(text && len == 3 && mtime == 1700000000);
    free(text);
    errno = 0;
    CHECK(fs_open_regular(fifo, NULL, NULL) < 0 && errno == FS_ENOTREG);
    CHECK(fs_read(fifo, NULL) == NULL && errno == FS_ENOTREG);
    CHECK_STR(fs_strerror(FS_ENOTREG), "not a regular file (a FIFO, socket or device)");
    CHECK(fs_open_regular(link, NULL, NULL) < 0 && errno == ELOOP);
    CHECK(strstr(fs_strerror(ELOOP), "symbolic link") != NULL);
    CHECK(fs_open_regular(root, NULL, NULL) < 0 && errno == EISDIR);
    CHECK(fs_is_link(link) && !fs_is_link(f));
    CHECK(fs_remove_tree(root) == 0);
    free(f);
    free(fifo);
    free(link);
}

/* A copy that fails says on which file. */
static void test_copy_failed(void)
{
    char tmpl[] = "/tmp/plansite-test-XXXXXX";
    char *root = mkdtemp(tmpl), *src = NULL, *dst = NULL, *f = NULL, *failed = NULL;
    size_t count = 0;
    CHECK(root != NULL);
    src = fs_join(root, "src");
    dst = fs_join(root, "dst");
    f = fs_join(root, "src/css/a.css");
    {
        int fd = fs_create(f);
        CHECK(fd >= 0 && close(fd) == 0);
    }
    CHECK(fs_copy_tree(src, dst, &count, &failed) == 0 && count == 1 && failed == NULL);
    free(f);
    f = fs_join(root, "src/css/b.css");
    CHECK(mkfifo(f, 0600) == 0);   /* skipped: not a regular file */
    free(f);
    f = fs_join(root, "dst/css/a.css");
    CHECK(unlink(f) == 0 && mkdir(f, 0700) == 0);   /* a folder where the copy goes */
    CHECK(fs_copy_tree(src, dst, &count, &failed) != 0);
    CHECK(failed && strstr(failed, "src/css/a.css"));
    CHECK(fs_remove_tree(root) == 0);
    free(failed);
    free(f);
    free(src);
    free(dst);
}

/* A caught SIGTERM is recorded, not fatal. */
static void test_signals(void)
{
    CHECK(sys_signalled() == 0);
    CHECK(sys_catch_signals() == 0);
    CHECK(kill(getpid(), SIGTERM) == 0);
    {
        int i;
        for (i = 0; i < 200 && !sys_signalled(); i++)
            usleep(10000);
    }
    CHECK(sys_signalled() == SIGTERM);
}

typedef struct counted {
    int runs;
    char pad[60];   /* items are laid out size bytes apart */
} counted;

static void *count_run(void *arg)
{
    ((counted *)arg)->runs++;
    return NULL;
}

static void test_parallel(void)
{
    counted items[5];
    int i, once = 1;
    memset(items, 0, sizeof items);
    sys_parallel(count_run, items, 5, sizeof *items);
    for (i = 0; i < 5; i++)
        once &= items[i].runs == 1;
    CHECK(once);
    sys_parallel(count_run, items, 0, sizeof *items);   /* nothing to run */
    CHECK_INT(items[0].runs, 1);
}

int main(void)
{
    test_buf();
    test_buf_sink();
    test_diag();
    test_diag_long();
    test_json();
    test_quote();
    test_rel_paths();
    test_swap();
    test_absolute();
    test_strmap();
    test_create();
    test_parallel();
    test_open_regular();
    test_copy_failed();
    test_signals();
    return h_done();
}
