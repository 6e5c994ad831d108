#include "textfile.h"
#include "../util/hash.h"
#include "../data/yaml_load.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include <errno.h>
#include <stdint.h>
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

uint64_t tf_hash(const char *p, size_t n)
{
    return hash_bytes(p, n);
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is not valid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 &&
                 s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0, i;
    if (!len || len > n)
        return 0;
    for (i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;   /* overlong, surrogate or beyond U+10FFFF */
    return len;
}

/* 1 when text[from..len) is valid UTF-8; else 0 after an error at the first bad byte's line and
 * column (characters, counted from the start of the file). */
static int check_utf8(const char *path, const char *text, size_t from, size_t len, diag_list *d)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t i = from, k, line_start = 0;
    unsigned line = 1, col = 1;
    for (;;) {
        uint64_t w;
        while (i + 8 <= len && (memcpy(&w, u + i, 8), !(w & 0x8080808080808080u)))
            i += 8;   /* ASCII, eight bytes at a time */
        if (i >= len || (k = utf8_seq(u + i, len - i)) == 0)
            break;
        i += k;
    }
    if (i >= len)
        return 1;
    for (k = 0; k < i; k++)
        if (u[k] == '\n') {
            line++;
            line_start = k + 1;
        }
    for (k = line_start; k < i; k++)
        col += (u[k] & 0xC0) != 0x80;
    diag_add(d, DIAG_ERROR, path, line, col, "invalid UTF-8 (byte 0x%02X): save the file as "
             "UTF-8 text", u[i]);
    return 0;
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

int tf_load(val_arena *a, const char *path, int keep_body, size_t max_body, val **fm,
            m_body *body, diag_list *d)
{
    size_t len = 0, fs = 0, fe = 0, bo = 0;
    long long mtime = 0;
    char *text = fs_read_timed(path, &len, &mtime);
    int rc = -1;
    val *root = NULL;
    if (!text) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s", fs_strerror(errno));
        goto out;
    }
    if (!split(text, len, &fs, &fe, &bo)) {
        diag_add(d, DIAG_ERROR, path, 1, 1,
                 "expected YAML front matter between two '---' lines at the top of the file");
        goto out;
    }
    if (max_body && len - bo > max_body) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "the Markdown body is %zu bytes, over the limit of "
                 "%zu bytes (max_body_size in content/site.yaml)", len - bo, max_body);
        goto out;
    }
    if (!check_utf8(path, text, bo, len, d))
        goto out;
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
    body->mtime = mtime;
    body->hash = tf_hash(text + bo, len - bo);
    body->line = count_lines(text, bo) + 1;
    body->text = keep_body ? val_arena_strndup(a, text + bo, len - bo) : NULL;
    body->may_link = strstr(text + bo, "](") || strstr(text + bo, "]:");
    rc = 0;
out:
    free(text);
    return rc;
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
