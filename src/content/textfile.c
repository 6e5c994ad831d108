#include "textfile.h"
#include "../data/yaml_load.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Find the line "---" that closes the front matter, starting at p; returns its offset or -1. */
static long find_close(const char *text, size_t len, size_t p)
{
    while (p < len) {
        const char *nl = memchr(text + p, '\n', len - p);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t n = end - p;
        if (n && text[end - 1] == '\r')
            n--;
        if (n == 3 && !memcmp(text + p, "---", 3))
            return (long)p;
        p = end + 1;
    }
    return -1;
}

static unsigned count_lines(const char *s, size_t n)
{
    unsigned lines = 0;
    size_t i;
    for (i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines;
}

/* Split text into front matter [fm_start, fm_end) and body offset; 0 when there is none. */
static int split(const char *text, size_t len, size_t *fm_start, size_t *fm_end, size_t *body)
{
    size_t start = 0;
    long close;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        start = 3;
    if (len - start < 4 || memcmp(text + start, "---", 3) != 0 ||
        (text[start + 3] != '\n' && text[start + 3] != '\r'))
        return 0;
    start += text[start + 3] == '\r' ? 5 : 4;
    close = find_close(text, len, start);
    if (close < 0)
        return 0;
    *fm_start = start;
    *fm_end = (size_t)close;
    *body = (size_t)close + 3;
    while (*body < len && (text[*body] == '\r' || text[*body] == '\n'))
        (*body)++;
    return 1;
}

int tf_load(val_arena *a, const char *path, int keep_body, val **fm, m_body *body,
            diag_list *d)
{
    size_t len = 0, fs = 0, fe = 0, bo = 0;
    char *text = fs_read(path, &len);
    int ok = 0;
    val *root = NULL;
    if (!text) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        goto out;
    }
    if (!split(text, len, &fs, &fe, &bo)) {
        diag_add(d, DIAG_ERROR, path, 1, 1,
                 "expected YAML front matter between two '---' lines at the top of the file");
        goto out;
    }
    root = yaml_load_mem(a, path, text + fs, fe - fs, 1, d);
    if (!root)
        goto out;
    if (val_kind_of(root) != VAL_MAP) {
        diag_add(d, DIAG_ERROR, path, 2, 1, "front matter must be a map of fields, not %s",
                 val_kind_name(val_kind_of(root)));
        goto out;
    }
    *fm = root;
    body->path = val_path(root);
    body->offset = bo;
    body->size = len;
    body->line = count_lines(text, bo) + 1;
    body->text = keep_body ? val_arena_strndup(a, text + bo, len - bo) : NULL;
    body->may_link = strstr(text + bo, "](") || strstr(text + bo, "]:");
    ok = 1;
out:
    free(text);
    return ok;
}

int tf_split_name(const m_site *s, const char *name, char **stem)
{
    size_t n = strlen(name), i;
    const char *dot;
    if (n < 4 || strcmp(name + n - 3, ".md") != 0)
        return -1;
    dot = NULL;
    for (i = n - 3; i-- > 0;)
        if (name[i] == '.') {
            dot = name + i;
            break;
        }
    if (!dot)
        return -1;
    *stem = xstrndup(name, (size_t)(dot - name));
    for (i = 0; i < s->nlangs; i++)
        if (strlen(s->langs[i]) == (size_t)(name + n - 3 - dot - 1) &&
            !memcmp(dot + 1, s->langs[i], strlen(s->langs[i])))
            return (int)i;
    return -2;
}
