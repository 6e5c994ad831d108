/* site/view/context: ctx_plain, the plain text of meta descriptions — Markdown marks and link
 * targets left out, white space collapsed, cut at a word boundary to at most max characters
 * (not bytes: a cut never splits a UTF-8 sequence) with an ellipsis. */
#include "harness.h"
#include "site/view/context.h"
#include <string.h>

static const char *plain(view *v, const char *md, size_t max)
{
    return val_str(ctx_plain(v, md, max), NULL);
}

/* The number of characters (UTF-8 sequences) of s. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int main(void)
{
    view v;
    const char *s;
    memset(&v, 0, sizeof v);
    v.a = val_arena_new();
    CHECK_STR(plain(&v, "Short *text*, [a link](https://x.org/) and `code`.", 160),
              "Short text, a link and code.");
    CHECK_STR(plain(&v, "one\n\n  two\tthree  ", 160), "one two three");
    /* cut at the last whole word, with an ellipsis */
    CHECK_STR(plain(&v, "alpha beta gamma delta", 13), "alpha beta\xE2\x80\xA6");
    /* max characters reached right at the end of a word: that word stays */
    CHECK_STR(plain(&v, "alpha beta gamma", 10), "alpha beta\xE2\x80\xA6");
    /* exactly max characters: no cut, no ellipsis */
    CHECK_STR(plain(&v, "alpha beta", 10), "alpha beta");
    /* characters, not bytes: 14 characters (25 bytes) fit in 14 */
    CHECK_STR(plain(&v, "\xC3\xA1\xC3\xA9\xC3\xAD \xC3\xB3\xC3\xBA\xC3\xB1 "
                        "\xC3\xA1\xC3\xA9\xC3\xAD \xC3\xB3\xC3\xBA", 14),
              "\xC3\xA1\xC3\xA9\xC3\xAD \xC3\xB3\xC3\xBA\xC3\xB1 \xC3\xA1\xC3\xA9\xC3\xAD "
              "\xC3\xB3\xC3\xBA");
    /* a long text: at most max characters plus the ellipsis, ending at a word */
    s = plain(&v, "Reforzar la capacidad de los Estados para ofrecer alternativas a la detenci\xC3\xB3n "
                  "de migrantes mediante la identificaci\xC3\xB3n y promoci\xC3\xB3n de soluciones "
                  "viables que respeten los derechos humanos", 60);
    CHECK(chars(s) <= 61);
    CHECK_STR(s, "Reforzar la capacidad de los Estados para ofrecer\xE2\x80\xA6");
    /* one word longer than max: cut inside it, on a character boundary */
    s = plain(&v, "\xC3\xA1\xC3\xA1\xC3\xA1\xC3\xA1\xC3\xA1", 3);
    CHECK_STR(s, "\xC3\xA1\xC3\xA1\xC3\xA1");
    CHECK(val_kind_of(ctx_plain(&v, NULL, 10)) == VAL_NULL);
    val_arena_free(v.a);
    return h_done();
}
