/* json: a streaming JSON writer into a buf (which may stream into a file: buf_set_sink). It puts
 * the commas and colons; the caller says what comes, in order. No whitespace is written except
 * the line breaks asked for with json_break. Strings are escaped by quote (QUOTE_JSON): '"' and
 * '\\' escaped, a line feed as \n, other control characters and DEL as \u00XX; everything else
 * (UTF-8 included) as it is. */
#ifndef PLANSITE_JSON_H
#define PLANSITE_JSON_H
#include "buf.h"

#define JSON_DEPTH 32   /* objects and arrays open at once (deeper aborts: a program error) */

typedef struct json_w {
    buf *out;
    int depth;
    int after_key;                      /* a key was written: the value needs no comma */
    int newline;                        /* json_break: a line feed before the next value or key */
    unsigned char first[JSON_DEPTH];    /* per open level: nothing written in it yet */
} json_w;

/* Start writing into out (not owned; it outlives the writer). Nothing to free. */
void json_init(json_w *j, buf *out);
/* Open / close an object or an array. */
void json_begin_object(json_w *j);
void json_end_object(json_w *j);
void json_begin_array(json_w *j);
void json_end_array(json_w *j);
/* A key of the open object (escaped like a string); its value comes next. */
void json_key(json_w *j, const char *key);
/* Values. json_string writes null for NULL. */
void json_string(json_w *j, const char *s);
void json_int(json_w *j, long long v);
void json_bool(json_w *j, int v);
void json_null(json_w *j);
/* A line feed before the next key or value (after its comma). */
void json_break(json_w *j);
/* Append the JSON string literal of s (not NULL) to b, quotes included. */
void json_quote(buf *b, const char *s);

#endif
