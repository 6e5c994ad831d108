/* collate: deterministic, locale-free string order and slugs for the site's languages (es, en).
 * Letters compare by their base letter first (accents and case folded: "Ácnur" sorts with
 * "ACNUR"), then accents, then case, then bytes, so the order is total and never depends on the
 * machine's locale. In Spanish "ñ" is its own letter after "n". Characters outside Latin-1 and
 * Latin Extended-A compare by code point after all letters. */
#ifndef PLANSITE_COLLATE_H
#define PLANSITE_COLLATE_H
#include <stddef.h>

/* Compare UTF-8 strings a and b for language lang ("es", "en", ...; NULL: as "en").
 * Returns <0, 0 or >0 as a sorts before, with or after b; 0 only for equal bytes. */
int collate_cmp(const char *a, const char *b, const char *lang);

/* Write into out (size cap, at least 1) the slug of UTF-8 text s: accents folded, lower-case
 * ASCII letters and digits, runs of anything else as one "-", no leading or trailing "-"; an
 * empty slug is "section". Returns the slug's length (truncated to cap - 1). */
size_t collate_slug(const char *s, char *out, size_t cap);

#endif
