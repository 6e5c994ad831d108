#include "quote.h"

/* What a format escapes: the bytes written as a backslash and a letter (pairs of byte, letter),
 * and the printf format of the other control characters and DEL. */
typedef struct quote_rules {
    const char *named;
    const char *numeric;
} quote_rules;

static const quote_rules rules[] = {
    [QUOTE_JSON] = {"\"\"\\\\\nn", "\\u%04x"},
    [QUOTE_YAML] = {"\"\"\\\\\nn\tt", "\\x%02x"},
};

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
        char letter;
        while (s[n] && !needs_escape((unsigned char)s[n]))
            n++;
        buf_append(b, s, n);
        s += n;
        if (!*s)
            break;
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
