/* quote: string literals for the text formats plansite writes, from one escaper driven by a
 * table of what each format escapes. In every format '"' and '\\' get a backslash; the control
 * characters a format names get a backslash and their letter (JSON: \n; YAML: \n \t); the other
 * control characters and DEL its numeric escape (JSON \u00XX, YAML \xXX). Every other byte is
 * written as it is, except that YAML escapes the Unicode line breaks it would fold (U+2028 \L,
 * U+2029 \P, NEL \N); JSON keeps them. */
#ifndef PLANSITE_QUOTE_H
#define PLANSITE_QUOTE_H
#include "buf.h"

typedef enum quote_format {
    QUOTE_JSON,   /* a JSON string */
    QUOTE_YAML    /* a YAML double-quoted scalar */
} quote_format;

/* Append the string literal of s (not NULL) in format f to b, quotes included. */
void quote_append(buf *b, const char *s, quote_format f);

#endif
