#include "collate.h"
#include <string.h>

/* Base letters of U+00C0..U+017F ('\0': not a letter); the accent rank is the offset in the
 * block, so accented letters sort after the plain one and deterministically among themselves. */
static const char latin1[65] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
                               "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
static const char ext_a[129] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
                               "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* One code point from *s (advanced); invalid bytes stand for themselves. */
static unsigned long next_cp(const unsigned char **s)
{
    const unsigned char *p = *s;
    unsigned long c = p[0];
    int n = 0, i;
    if (c >= 0xF0 && c < 0xF8) { n = 3; c &= 0x07; }
    else if (c >= 0xE0) { n = c < 0xF0 ? 2 : 0; c &= n ? 0x0F : 0xFF; }
    else if (c >= 0xC2) { n = 1; c &= 0x1F; }
    for (i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) {   /* truncated sequence: the lead byte alone */
            *s = p + 1;
            return p[0];
        }
        c = (c << 6) | (p[i] & 0x3F);
    }
    *s = p + n + 1;
    return c;
}

/* The base letter of code point c (lower case ASCII), or 0; *accent gets its accent rank. */
static int base_of(unsigned long c, int *accent)
{
    *accent = 0;
    if (c >= 'a' && c <= 'z')
        return (int)c;
    if (c >= 'A' && c <= 'Z')
        return (int)(c - 'A' + 'a');
    if (c >= 0xC0 && c < 0x100 && latin1[c - 0xC0]) {
        *accent = 1 + (int)((c - 0xC0) & 0x1F);
        return latin1[c - 0xC0];
    }
    if (c >= 0x100 && c < 0x180 && ext_a[c - 0x100]) {
        *accent = 1 + (int)((c - 0x100) >> 1);
        return ext_a[c - 0x100];
    }
    return 0;
}

/* Primary weight of c: separators, then digits, then letters (es: ñ after n), then the rest. */
static unsigned long primary(unsigned long c, int es, int *accent)
{
    int b = base_of(c, accent);
    if (b) {
        if (es && (c == 0xF1 || c == 0xD1)) {
            *accent = 0;
            return 0x100 + (unsigned long)('n' - 'a') * 2 + 1;
        }
        return 0x100 + (unsigned long)(b - 'a') * 2;
    }
    if (c >= '0' && c <= '9')
        return 0x80 + c;
    if (c < 0x80 && !(c >= 'a' && c <= 'z'))
        return c;                       /* spaces and punctuation first */
    return 0x1000 + c;
}

/* Compare at one level: 1 primary, 2 accents, 3 case. */
static int level_cmp(const char *a, const char *b, int es, int level)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    while (*p && *q) {
        unsigned long ca = next_cp(&p), cb = next_cp(&q), wa, wb;
        int aa, ab;
        wa = primary(ca, es, &aa);
        wb = primary(cb, es, &ab);
        if (level == 2) {
            wa = (unsigned long)aa;
            wb = (unsigned long)ab;
        } else if (level == 3) {
            wa = (ca >= 'A' && ca <= 'Z') || (ca >= 0xC0 && ca < 0xDF);
            wb = (cb >= 'A' && cb <= 'Z') || (cb >= 0xC0 && cb < 0xDF);
        }
        if (wa != wb)
            return wa < wb ? -1 : 1;
    }
    return (*p != 0) - (*q != 0);
}

int collate_cmp(const char *a, const char *b, const char *lang)
{
    int es = lang && !strcmp(lang, "es"), level, r;
    for (level = 1; level <= 3; level++)
        if ((r = level_cmp(a, b, es, level)) != 0)
            return r;
    r = strcmp(a, b);
    return r < 0 ? -1 : r > 0;
}

size_t collate_slug(const char *s, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    int dash = 0, accent;
    while (*p && n + 1 < cap) {
        unsigned long c = next_cp(&p);
        int b = base_of(c, &accent);
        if (!b && c >= '0' && c <= '9')
            b = (int)c;
        if (!b) {
            dash = n > 0;
            continue;
        }
        if (dash && n + 2 < cap)
            out[n++] = '-';
        dash = 0;
        out[n++] = (char)b;
    }
    if (!n && cap > 7) {
        memcpy(out, "section", 7);
        n = 7;
    }
    out[n] = '\0';
    return n;
}
