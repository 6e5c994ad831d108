/* Small sites for unit tests: a copy of the golden cases' base site (tests/cases/_base/site) in a
 * temporary folder, with the repository's themes, that a test may change file by file before
 * loading it. Include it first (it includes harness.h). */
#ifndef PLANSITE_SITE_FIXTURE_H
#define PLANSITE_SITE_FIXTURE_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "harness.h"
#include "content/model.h"
#include "util/fs.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A new temporary folder (caller frees the name; fx_remove removes the folder). */
static inline char *fx_tempdir(void)
{
    char tmpl[] = "/tmp/plansite-unit-XXXXXX";
    if (!mkdtemp(tmpl)) {
        perror("mkdtemp");
        exit(2);
    }
    return strdup(tmpl);
}

/* The folder of the last fx_site, with a '/' (diagnostics are shown without it). */
static char fx_prefix[256];

/* A fresh copy of the base site (with_theme: and of the repository's themes/). */
static inline char *fx_site(int with_theme)
{
    char *dir = fx_tempdir(), *themes = fs_join(dir, "themes");
    snprintf(fx_prefix, sizeof fx_prefix, "%s/", dir);
    if (fs_copy_tree(PLANSITE_SOURCE_DIR "/tests/cases/_base/site", dir, NULL, NULL) != 0 ||
        (with_theme && fs_copy_tree(PLANSITE_SOURCE_DIR "/themes", themes, NULL, NULL) != 0)) {
        fprintf(stderr, "cannot copy the base site into %s\n", dir);
        exit(2);
    }
    free(themes);
    return dir;
}

/* Write text to dir/rel, making the folders it needs. */
static inline void fx_put(const char *dir, const char *rel, const char *text)
{
    char *p = fs_join(dir, rel);
    if (fs_mkparent(p) != 0 || fs_write(p, text, strlen(text)) != 0) {
        fprintf(stderr, "cannot write %s\n", p);
        exit(2);
    }
    free(p);
}

/* Delete dir/rel (a file or a folder). */
static inline void fx_del(const char *dir, const char *rel)
{
    char *p = fs_join(dir, rel);
    fs_remove_tree(p);
    free(p);
}

/* Load the site in dir (drafts: keep drafts); diagnostics into d. */
static inline m_site *fx_load(const char *dir, int drafts, diag_list *d)
{
    m_load_opts o;
    memset(&o, 0, sizeof o);
    o.drafts = drafts;
    return model_load(dir, &o, d);
}

/* Print d (on a failure, to see why) and return 1 when it holds no error. */
static inline int fx_no_errors(const diag_list *d)
{
    if (diag_errors(d))
        diag_print(d, stderr);
    return diag_errors(d) == 0;
}

/* The index of the first diagnostic of d holding text, or -1. */
static inline long fx_find(const diag_list *d, const char *text)
{
    size_t i;
    for (i = 0; i < diag_count(d); i++)
        if (strstr(diag_text(d, i), text))
            return (long)i;
    return -1;
}

/* The first diagnostic of d holding text ("" when none) without the site's folder in front of
 * its path, for CHECK_STR on its whole text or CHECK_CONTAINS on a part. */
static inline const char *fx_diag(const diag_list *d, const char *text)
{
    long i = fx_find(d, text);
    const char *t = i < 0 ? "" : diag_text(d, (size_t)i);
    size_t n = strlen(fx_prefix);
    return n && !strncmp(t, fx_prefix, n) ? t + n : t;
}

/* Remove the folder and free its name. */
static inline void fx_remove(char *dir)
{
    if (dir)
        fs_remove_tree(dir);
    free(dir);
}

#endif
