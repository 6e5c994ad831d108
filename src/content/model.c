#define _POSIX_C_SOURCE 200809L
#include "model.h"
#include "fields.h"
#include "pages.h"
#include "plans.h"
#include "textfile.h"
#include "vocab.h"
#include "../data/yaml_load.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int lang_code_ok(const char *s)
{
    size_t n = strlen(s), i;
    if (n < 2 || n > 3)
        return 0;
    for (i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    return 1;
}

static void site_langs(m_site *s, const val *list, diag_list *d)
{
    size_t i;
    if (!list) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "content/site.yaml: missing field 'languages'");
        return;
    }
    if (!fld_expect_list(list, "languages", d))
        return;
    for (i = 0; i < val_len(list); i++) {
        const char *code = val_str(val_at(list, i), NULL);
        if (!code || !lang_code_ok(code))
            fld_error(val_at(list, i), d, "languages: expected a language code such as 'es'");
        else if (model_lang_index(s, code) >= 0)
            fld_error(val_at(list, i), d, "languages: '%s' is listed twice", code);
        else if (s->nlangs == LANG_MAX)
            fld_error(val_at(list, i), d, "languages: at most %d languages", LANG_MAX);
        else
            s->langs[s->nlangs++] = code;
    }
    if (!s->nlangs)
        fld_error(list, d, "languages: at least one language is needed");
}

/* A field given once per language: {es: "...", en: "..."}; name: the field as messages name it
 * ("title", "contact: text"). */
static void per_lang(m_site *s, const val *root, const char *key, const char *name,
                     const char **out, int required, diag_list *d)
{
    const val *m = val_get(root, key);
    size_t li;
    if (!m) {
        if (required)
            fld_error(root, d, "missing field '%s' (a text per language)", name);
        return;
    }
    if (!fld_expect_map(m, name, d))
        return;
    for (li = 0; li < s->nlangs; li++) {
        out[li] = fld_string(m, s->langs[li], 0, d);
        if (!out[li])
            fld_warn(m, d, "missing translation: %s has no '%s' text", name, s->langs[li]);
    }
}

#define MAX_BODY_DEFAULT (2u << 20)

/* max_body_size: a whole number of bytes, or with a unit "512K", "4M" (default 2M). */
static void site_max_body(m_site *s, const val *v, diag_list *d)
{
    const char *t = v ? val_str(v, NULL) : NULL;
    char *end = NULL;
    unsigned long long x;
    s->max_body = MAX_BODY_DEFAULT;
    if (!v)
        return;
    errno = 0;
    x = t && *t >= '0' && *t <= '9' ? strtoull(t, &end, 10) : 0;
    if (end && (*end == 'K' || *end == 'M')) {
        x = x > (1ull << 30) ? 0 : *end == 'K' ? x << 10 : x << 20;   /* 0: out of range */
        end++;
    }
    if (!end || *end || errno || x == 0 || x > (1ull << 30))
        fld_error(v, d, "max_body_size: expected a size in bytes from 1 to 1G, such as 2097152, "
                  "512K or 4M");
    else
        s->max_body = (size_t)x;
}

/* data_licence: the open data's licence as the site states it, one text for every language or a
 * text per language; left out: not stated (the open data page says so). */
static void site_licence(m_site *s, const val *root, diag_list *d)
{
    const val *v = val_get(root, "data_licence");
    const char *known[LANG_MAX + 1];
    size_t li;
    if (!v)
        return;
    if (val_kind_of(v) == VAL_STRING || val_kind_of(v) == VAL_NUMBER) {
        const char *one = val_str(v, NULL);
        if (!*one)
            fld_error(v, d, "data_licence: must not be empty (leave it out when the licence is "
                      "not stated)");
        for (li = 0; *one && li < s->nlangs; li++)
            s->data_licence[li] = one;
        return;
    }
    if (val_kind_of(v) != VAL_MAP) {
        fld_error(v, d, "data_licence: expected a text, or a text per language such as "
                  "{%s: \"...\"}, not %s", s->langs[0], val_kind_name(val_kind_of(v)));
        return;
    }
    if (!val_len(v)) {
        fld_error(v, d, "data_licence: expected a text, or a text per language such as "
                  "{%s: \"...\"}, not an empty map", s->langs[0]);
        return;
    }
    for (li = 0; li < s->nlangs; li++)
        known[li] = s->langs[li];
    known[s->nlangs] = NULL;
    fld_check_keys(v, known, "data_licence", d);
    for (li = 0; li < s->nlangs; li++) {
        const val *x = val_get(v, s->langs[li]);
        if (x && !val_str(x, NULL)) {
            fld_error(x, d, "data_licence: %s: expected a text, not %s", s->langs[li],
                      val_kind_name(val_kind_of(x)));
            continue;
        }
        s->data_licence[li] = fld_string(v, s->langs[li], 0, d);
        if (!x)
            fld_warn(v, d, "missing translation: data_licence has no '%s' text", s->langs[li]);
        else if (!s->data_licence[li] && val_str(x, NULL))
            fld_error(x, d, "data_licence: %s: must not be empty (leave it out when the "
                      "licence is not stated)", s->langs[li]);
    }
}

/* 1 when e looks like an e-mail address: one '@' between a local part and a domain with a dot
 * inside it, none of white space, control characters or <>()[],;:"\\/ anywhere. */
static int email_ok(const char *e)
{
    const char *at = strchr(e, '@'), *dot = at ? strchr(at + 1, '.') : NULL, *p;
    size_t n = strlen(e);
    if (!at || at == e || strchr(at + 1, '@') || !dot || dot == at + 1 || e[n - 1] == '.')
        return 0;
    for (p = e; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f || strchr("<>()[],;:\"\\/", *p))
            return 0;
    return 1;
}

/* contact: {email, url, text: {LANG: ...}}, each optional, at least one given. */
static void site_contact(m_site *s, const val *c, diag_list *d)
{
    static const char *const known[] = {"email", "url", "text", NULL};
    m_contact *k = &s->contact;
    size_t li;
    int any = 0;
    if (!c || !fld_expect_map(c, "contact", d))
        return;
    fld_check_keys(c, known, "contact", d);
    k->email = fld_string(c, "email", 0, d);
    if (k->email && !email_ok(k->email)) {
        fld_error(val_get(c, "email"), d, "contact: email: expected an address such as "
                  "name@example.org, not '%s'", k->email);
        k->email = NULL;
    }
    k->url = fld_url(c, "url", d);
    if (k->url && strncmp(k->url, "http://", 7) && strncmp(k->url, "https://", 8)) {
        fld_error(val_get(c, "url"), d, "contact: url: expected an absolute http:// or "
                  "https:// address, not '%s'", k->url);
        k->url = NULL;
    }
    per_lang(s, c, "text", "contact: text", k->text, 0, d);
    for (li = 0; li < s->nlangs; li++)
        any |= k->text[li] != NULL;
    if (!any && !k->email && !k->url && !val_get(c, "email") && !val_get(c, "url") &&
        !val_get(c, "text"))
        fld_error(c, d, "contact: expected at least one of email, url, text");
}

static void site_config(m_site *s, const val *root, diag_list *d)
{
    static const char *const known[] = {"languages", "base_url", "raw_html", "paper", "title",
                                        "description", "max_body_size", "data_licence", "contact",
                                        NULL};
    const char *url;
    if (!fld_expect_map(root, "content/site.yaml", d))
        return;
    fld_check_keys(root, known, "content/site.yaml", d);
    site_langs(s, val_get(root, "languages"), d);
    url = fld_url(root, "base_url", d);
    if (url) {
        const val *v = val_get(root, "base_url");
        s->base_url_loc.path = val_path(v);
        s->base_url_loc.line = val_line(v);
        s->base_url_loc.col = val_col(v);
    } else
        url = "/";
    s->base_url = url[strlen(url) - 1] == '/' ? url : val_arena_printf(s->arena, "%s/", url);
    s->raw_html = fld_bool(root, "raw_html", d);
    s->paper = fld_string(root, "paper", 0, d);
    if (!s->paper)
        s->paper = "a4";
    else if (strcmp(s->paper, "a4") && strcmp(s->paper, "letter"))
        fld_error(val_get(root, "paper"), d, "paper: expected 'a4' or 'letter', not '%s'",
                  s->paper);
    site_max_body(s, val_get(root, "max_body_size"), d);
    per_lang(s, root, "title", "title", s->title, 1, d);
    per_lang(s, root, "description", "description", s->description, 0, d);
    if (s->nlangs) {
        site_licence(s, root, d);
        site_contact(s, val_get(root, "contact"), d);
    }
}

m_site *model_load(const char *dir, const m_load_opts *opts, diag_list *d)
{
    m_site *s = xcalloc(1, sizeof *s);
    char *path = NULL;
    val *root = NULL;
    s->arena = val_arena_new();
    s->dir = val_arena_strndup(s->arena, dir, strlen(dir));
    path = fs_join(dir, "content/site.yaml");
    root = yaml_load_file(s->arena, path, d);
    free(path);
    if (!root) {
        model_free(s);
        return NULL;
    }
    site_config(s, root, d);
    if (!s->nlangs)
        return s;
    vocab_load_all(s, d);
    plans_load_all(s, opts, d);
    pages_load_all(s, opts, d);
    return s;
}

void model_free(m_site *s)
{
    if (!s)
        return;
    vocab_free_all(s);
    val_arena_free(s->arena);
    free(s);
}

int model_lang_index(const m_site *s, const char *code)
{
    size_t i;
    for (i = 0; i < s->nlangs; i++)
        if (!strcmp(s->langs[i], code))
            return (int)i;
    return -1;
}

const char *model_text(const m_site *s, const char *const *texts, size_t li, int *fell_back)
{
    size_t i;
    if (fell_back)
        *fell_back = 0;
    if (texts[li])
        return texts[li];
    for (i = 0; i < s->nlangs; i++)
        if (texts[i]) {
            if (fell_back)
                *fell_back = 1;
            return texts[i];
        }
    return NULL;
}

/* The body as it was at load time: read from its offset in one call; NULL with errno when it
 * cannot be read, NULL with errno 0 when the file is not the size it was (a reading one byte
 * longer tells a file that grew) or the body's hash differs (same size, other text). */
static char *read_known(const m_body *b, size_t *len)
{
    size_t want = b->size - b->offset, size = 0;
    char *out = NULL;
    ssize_t n;
    int fd = fs_open_regular(b->path, &size, NULL), e;
    if (fd < 0)
        return NULL;
    out = xmalloc(want + 2);
    n = size == b->size ? pread(fd, out, want + 1, (off_t)b->offset) : -2;
    e = errno;
    close(fd);
    if (n != (ssize_t)want || tf_hash(out, want) != b->hash) {
        free(out);
        errno = n == -1 ? e : 0;
        return NULL;
    }
    out[want] = '\0';
    *len = want;
    return out;
}

char *model_read_body(const m_body *b, size_t *len, diag_list *d)
{
    char *out = NULL;
    if (b->text) {
        *len = strlen(b->text);
        return xstrndup(b->text, *len);
    }
    if (!b->path) {
        *len = 0;
        return xstrdup("");
    }
    errno = 0;
    if (b->size >= b->offset && (out = read_known(b, len)) != NULL)
        return out;
    if (errno)
        diag_add(d, DIAG_ERROR, b->path, 0, 0, "cannot read: %s", fs_strerror(errno));
    else
        diag_add(d, DIAG_ERROR, b->path, 0, 0, "changed during the build (edited, moved or "
                 "resized): build again");
    return NULL;
}
