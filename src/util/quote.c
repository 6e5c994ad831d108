#include "quote.h"

/* What a format escapes: the bytes written as a backslash and a letter (pairs of byte, letter),
 * the printf format of the other control characters and DEL, and whether the Unicode line
 * breaks NEL, U+2028 and U+2029 are escaped (YAML reads them as line breaks and folds the spaces
 * around them: \N, \L, \P; JSON keeps them as they are). */
typedef struct quote_rules {
    const char *named;
    const char *numeric;
    int unicode_breaks;
} quote_rules;

static const quote_rules rules[] = {
    [QUOTE_JSON] = {"\"\"\\\\\nn", "\\u%04x", 0},
    [QUOTE_YAML] = {"\"\"\\\\\nn\tt", "\\x%02x", 1},
};

/* The letter of the Unicode line break s starts with (N, L, P) and its length in *len, or 0. */
static char unicode_break(const char *s, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == 0xc2 && u[1] == 0x85) {
        *len = 2;
        return 'N';
    }
    if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9)) {
        *len = 3;
        return u[2] == 0xa8 ? 'L' : 'P';
    }
    return 0;
}

/* The letter that names c in the pairs of named, or 0. */
static char named_letter(const char *named, unsigned char c)
{
    for (; *named; named += 2)
        if ((unsigned char)named[0] == c)
            return named[1];
    return 0;
}

static int needs_escape(unsigned char c)
{
    return c < 0x20 || c == 0x7f || c == '"' || c == '\\';
}

void quote_append(buf *b, const char *s, quote_format f)
{
    const quote_rules *r = &rules[f];
    buf_putc(b, '"');
    while (*s) {
        size_t n = 0;
        size_t len = 0;
        char letter;
        while (s[n] && !needs_escape((unsigned char)s[n]) &&
               !(r->unicode_breaks && unicode_break(s + n, &len)))
            n++;
        buf_append(b, s, n);
        s += n;
        if (!*s)
            break;
        if (r->unicode_breaks && (letter = unicode_break(s, &len))) {
            buf_putc(b, '\\');
            buf_putc(b, letter);
            s += len;
            continue;
        }
        letter = named_letter(r->named, (unsigned char)*s);
        if (letter) {
            buf_putc(b, '\\');
            buf_putc(b, letter);
        } else {
            buf_printf(b, r->numeric, (unsigned char)*s);
        }
        s++;
    }
    buf_putc(b, '"');
}
