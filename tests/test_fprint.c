/* fprint: saved fingerprints come back only for the same tree and salt; a changed template,
 * site.yaml or option changes the salt; a malformed file is not trusted. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "site/build/fprint.h"
#include "util/fs.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dir_, *tree_, *file_;

static void put(const char *rel, const char *text)
{
    char *p = fs_join(dir_, rel);
    fs_mkparent(p);
    fs_write(p, text, strlen(text));
    free(p);
}

/* 1 when the fingerprints saved for tree_ with salt load (freed again). */
static int loads(uint64_t salt)
{
    fp_cache *c = fp_load(file_, tree_, salt);
    fp_free(c);
    return c != NULL;
}

static void test_roundtrip(void)
{
    const char *rels[] = {"es/index.html", "en/a b/index.html", "es/imprimir/x/index.html"};
    uint64_t fps[] = {0x0123456789abcdefu, 42, FP_LAZY}, fp = 0;
    fp_cache *c;
    CHECK_INT(fp_save(file_, tree_, 7, rels, fps, 3), 0);
    c = fp_load(file_, tree_, 7);
    CHECK(c != NULL);
    CHECK_SIZE(fp_count(c), 3);
    CHECK(fp_lookup(c, "es/index.html", &fp) && fp == fps[0]);
    CHECK(fp_lookup(c, "en/a b/index.html", &fp) && fp == 42);
    CHECK(fp_lookup(c, "es/imprimir/x/index.html", &fp) && fp == FP_LAZY);
    CHECK(!fp_lookup(c, "es/nada/index.html", &fp));
    CHECK_STR(fp_rel_at(c, 1, &fp), "en/a b/index.html");
    fp_free(c);
    CHECK(fp_load(file_, tree_, 8) == NULL);          /* another salt */
    CHECK(!fp_lookup(NULL, "es/index.html", &fp));
}

/* The tree is known by its mark: a new mark (a new build swapped in) is another tree. */
static void test_tree(void)
{
    const char *rels[] = {"es/index.html"};
    uint64_t fps[] = {1};
    char *mark = fs_join(tree_, ".plansite-build"), *side = NULL;
    CHECK_INT(fp_save(file_, tree_, 7, rels, fps, 1), 0);
    CHECK(loads(7));
    unlink(mark);
    CHECK(fp_load(file_, tree_, 7) == NULL);           /* no mark: no tree */
    fs_write(mark, "x\n", 2);
    CHECK_INT(fp_save(file_, tree_, 7, rels, fps, 1), 0);
    CHECK(loads(7));
    /* another build's mark (made while this one exists: another inode) replaces it */
    side = fs_join(tree_, "new-mark");
    fs_write(side, "x\n", 2);
    rename(side, mark);
    CHECK(fp_load(file_, tree_, 7) == NULL);
    free(side);
    free(mark);
}

static void test_malformed(void)
{
    const char *rels[] = {"es/index.html"};
    uint64_t fps[] = {1};
    char *text;
    size_t len = 0;
    CHECK_INT(fp_save(file_, tree_, 9, rels, fps, 1), 0);
    text = fs_read(file_, &len);
    text[len - 3] = '\0';   /* cut inside the last line: no newline */
    fs_write(file_, text, len - 3);
    CHECK(fp_load(file_, tree_, 9) == NULL);
    memcpy(text + len - 40, "zz", 2);
    fs_write(file_, text, len);
    CHECK(fp_load(file_, tree_, 9) == NULL);
    free(text);
}

static void test_salt(void)
{
    uint64_t o1[] = {1, 0}, o2[] = {2, 0}, s0, s1;
    char *site = fs_join(dir_, "site"), *theme = fs_join(dir_, "site/themes/default");
    put("site/content/site.yaml", "title: x\n");
    put("site/themes/default/templates/page.mustache", "<p>{{x}}</p>\n");
    s0 = fp_salt(site, theme, o1, 2);
    CHECK(s0 == fp_salt(site, theme, o1, 2));
    CHECK(s0 != fp_salt(site, theme, o2, 2));
    put("site/themes/default/templates/page.mustache", "<p>{{y}}</p>\n");
    s1 = fp_salt(site, theme, o1, 2);
    CHECK(s1 != s0);
    put("site/templates/page.mustache", "<p>override</p>\n");   /* the site's override */
    CHECK(fp_salt(site, theme, o1, 2) != s1);
    s1 = fp_salt(site, theme, o1, 2);
    put("site/content/site.yaml", "title: y\n");
    CHECK(fp_salt(site, theme, o1, 2) != s1);
    free(site);
    free(theme);
}

int main(void)
{
    char tmpl[] = "/tmp/test-fprint-XXXXXX";
    char *mark;
    dir_ = mkdtemp(tmpl);
    tree_ = fs_join(dir_, "public");
    file_ = fp_default_file(tree_);
    CHECK(strstr(file_, "public.plansite-cache/fingerprints") != NULL);
    mark = fs_join(tree_, ".plansite-build");
    fs_mkparent(mark);
    fs_write(mark, "done\n", 5);
    test_roundtrip();
    test_tree();
    test_malformed();
    test_salt();
    fs_remove_tree(dir_);
    free(mark);
    free(tree_);
    free(file_);
    return h_done();
}
