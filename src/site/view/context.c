#include "context.h"
#include "../render/markdown.h"
#include "../../util/mem.h"
#include <stdlib.h>
#include <string.h>

val *ctx_str(view *v, const char *s)
{
    return s ? val_new_cstr(v->a, s) : val_new_null(v->a);
}

const char *ctx_text(view *v, const char *const *texts, int *fb)
{
    int other = 0;
    const char *s = model_text(v->sc->m, texts, v->li, &other);
    if (other)
        *fb = 1;
    return s;
}

const char *ctx_t(view *v, const char *key)
{
    return i18n_get(v->sc->t, v->li, key);
}

void ctx_md_too_big(view *v, const m_body *b, size_t len)
{
    diag_add(v->d, DIAG_ERROR, b ? b->path : v->url, b ? b->line : 0, b ? 1 : 0,
             "the Markdown (%zu bytes) needs more than %zu MiB to render: a table whose header "
             "has many columns and whose rows are short? (every row is filled to the header's "
             "width)", len, md_budget_for(len) >> 20);
}

val *ctx_md(view *v, const char *md, int flags)
{
    if (!md)
        return val_new_null(v->a);
    if (v->fp) {   /* the source and the flags stand for the HTML */
        val *m = val_new_map(v->a);
        val_map_set(v->a, m, "md", val_new_cstr(v->a, md));
        val_map_set(v->a, m, "flags", val_new_number(v->a, flags | v->sc->md_flags, NULL, 0));
        return m;
    }
    buf_reset(v->scratch);
    if (md_render(md, strlen(md), flags | v->sc->md_flags, v->scratch) != 0) {
        ctx_md_too_big(v, NULL, strlen(md));
        return val_new_null(v->a);
    }
    return val_new_string(v->a, v->scratch->data ? v->scratch->data : "", v->scratch->len);
}

val *ctx_body(view *v, const m_body *b, int flags)
{
    size_t len = 0;
    char *text = NULL;
    val *out = NULL;
    if (!b->path)
        return val_new_null(v->a);
    if (v->fp)
        return ctx_body_token(v, b, flags);
    text = model_read_body(b, &len, v->d);
    if (!text || len == 0) {
        out = val_new_null(v->a);
        goto out;
    }
    buf_reset(v->scratch);
    if (md_render(text, len, flags | v->sc->md_flags, v->scratch) != 0) {
        ctx_md_too_big(v, b, len);
        out = val_new_null(v->a);
        goto out;
    }
    out = val_new_string(v->a, v->scratch->data, v->scratch->len);
out:
    free(text);
    return out;
}

val *ctx_body_token(view *v, const m_body *b, int flags)
{
    val *m;
    if (!b->path)
        return val_new_null(v->a);
    m = val_new_map(v->a);
    val_map_set(v->a, m, "body", val_new_string(v->a, val_arena_printf(v->a, "%016llx",
                b->hash), 16));
    val_map_set(v->a, m, "size", val_new_number(v->a, (double)(b->size - b->offset), NULL, 0));
    val_map_set(v->a, m, "flags", val_new_number(v->a, flags | v->sc->md_flags, NULL, 0));
    return m;
}

/* Markdown punctuation that plain text leaves out. */
static int md_mark(char c)
{
    return c == '*' || c == '_' || c == '`' || c == '#' || c == '>' || c == '[' || c == ']';
}

/* Skip a link target "(...)" right after "]". */
static const char *skip_target(const char *p)
{
    const char *close = strchr(p, ')');
    return (p[0] == '(' && close) ? close + 1 : p;
}

/* Copy the character (UTF-8 sequence) at *p to out + *n; returns the bytes it took. */
static size_t copy_char(const char *p, char *out, size_t *n)
{
    size_t k = 1;
    while (k < 4 && ((unsigned char)p[k] & 0xC0) == 0x80)
        k++;
    memcpy(out + *n, p, k);
    *n += k;
    return k;
}

val *ctx_plain(view *v, const char *md, size_t max)
{
    const char *p;
    size_t n = 0, chars = 0, lastsp = 0;
    char *out;
    if (!md)
        return val_new_null(v->a);
    out = val_arena_alloc(v->a, 4 * max + 4);
    for (p = md; *p && chars < max;) {
        if (*p == ']') {
            p = skip_target(p + 1);
            continue;
        }
        if (md_mark(*p)) {
            p++;
            continue;
        }
        if (*p == '\n' || *p == ' ' || *p == '\t') {
            if (n && out[n - 1] != ' ')
                lastsp = n, out[n++] = ' ', chars++;
            p++;
            continue;
        }
        p += copy_char(p, out, &n);
        chars++;
    }
    if (*p == ' ' || *p == '\n' || *p == '\t')
        lastsp = n;           /* stopped right after a whole word */
    while (*p == ' ' || *p == '\n' || *p == '\t')
        p++;                  /* the text ends at max characters: no cut */
    if (*p && lastsp) {
        n = lastsp;
        memcpy(out + n, "\xE2\x80\xA6", 3);   /* … */
        n += 3;
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return val_new_string_ref(v->a, out, n);
}


/* null when the page's language has the text, else the code of the language shown instead (the
 * template marks that text with lang="..." so that it is read with the right voice). */
val *ctx_lang_of(view *v, const char *const *texts)
{
    size_t i;
    if (texts[v->li])
        return val_new_null(v->a);
    for (i = 0; i < v->sc->m->nlangs; i++)
        if (texts[i])
            return ctx_str(v, v->sc->m->langs[i]);
    return val_new_null(v->a);
}

/* The language whose file gives a body: the page's, or the first that has one. */
size_t ctx_body_index(const view *v, const int *has_lang)
{
    size_t i;
    if (has_lang[v->li])
        return v->li;
    for (i = 0; i < v->sc->m->nlangs; i++)
        if (has_lang[i])
            return i;
    return v->li;
}

val *ctx_body_of(view *v, const m_body *bodies, const int *has_lang, int flags)
{
    return ctx_body(v, &bodies[ctx_body_index(v, has_lang)], flags);
}

val *ctx_body_lang(view *v, const int *has_lang)
{
    size_t li = ctx_body_index(v, has_lang);
    return li == v->li ? val_new_null(v->a) : ctx_str(v, v->sc->m->langs[li]);
}

