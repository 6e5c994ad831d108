#include "yaml_load.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define YAML_MAX_DEPTH 200

typedef struct anchor {
    const char *name;
    val *v;
} anchor;

typedef struct loader {
    yaml_parser_t parser;
    val_arena *a;
    const char *path;
    const char *text;        /* the input: advice on a syntax error, locating encoding errors */
    size_t len;
    unsigned line_offset;
    diag_list *d;
    anchor *anchors;
    size_t nanchors, capanchors;
    int failed;
} loader;

static val *parse_node(loader *L, yaml_event_t *ev, unsigned depth);

static void fail_at(loader *L, yaml_mark_t m, const char *msg, const char *arg)
{
    diag_add(L->d, DIAG_ERROR, L->path, (unsigned)m.line + 1 + L->line_offset,
             (unsigned)m.column + 1, msg, arg);
    L->failed = 1;
}

/* 1 if line (from 0) of the input has a tab in its indentation. */
static int tab_indented(const loader *L, size_t line)
{
    size_t i = 0;
    while (line && i < L->len)
        line -= L->text[i++] == '\n';
    for (; i < L->len && (L->text[i] == ' ' || L->text[i] == '\t'); i++)
        if (L->text[i] == '\t')
            return 1;
    return 0;
}

/* What to do about the parser's problem, for the two mistakes people make most: an unquoted
 * ": " inside a value, and a tab in the indentation. "" when there is no advice. */
static const char *advice(const loader *L)
{
    const yaml_parser_t *p = &L->parser;
    if (p->problem && !strcmp(p->problem, "mapping values are not allowed in this context"))
        return " (if a value holds ': ', put it in quotes: title: \"Data: a guide\")";
    if ((p->problem && strstr(p->problem, "tab")) || tab_indented(L, p->problem_mark.line))
        return " (indent with spaces, not tabs)";
    return "";
}

/* An encoding error: libyaml gives only its byte offset; report its line and column (for a bad
 * UTF-8 sequence, those of its first byte). */
static void fail_reader(loader *L)
{
    yaml_parser_t *p = &L->parser;
    size_t i, end = p->problem_offset < L->len ? p->problem_offset : L->len;
    unsigned line = 1, col = 1;
    int utf8 = p->problem && strstr(p->problem, "UTF-8") != NULL;
    if (utf8 && strstr(p->problem, "trailing") && end > 0) {   /* back to the leading byte */
        end--;
        while (end > 0 && ((unsigned char)L->text[end] & 0xC0) == 0x80)
            end--;
    }
    for (i = 0; i < end; i++) {
        if (L->text[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)L->text[i] & 0xC0) != 0x80)
            col++;
    }
    diag_add(L->d, DIAG_ERROR, L->path, line + L->line_offset, col,
             "%s (byte 0x%02X): save the file as UTF-8 text", utf8 ? "invalid UTF-8" :
             p->problem ? p->problem : "?",
             (unsigned)(end < L->len ? (unsigned char)L->text[end] : p->problem_value) & 0xFFu);
    L->failed = 1;
}

static void fail_parser(loader *L)
{
    yaml_parser_t *p = &L->parser;
    yaml_mark_t m = p->problem_mark, c = p->context_mark;
    const char *ctx = p->context ? p->context : "";
    char where[64] = "";
    if (p->error == YAML_READER_ERROR) {
        fail_reader(L);
        return;
    }
    if (*ctx)
        snprintf(where, sizeof where, " that starts at line %u, column %u",
                 (unsigned)c.line + 1 + L->line_offset, (unsigned)c.column + 1);
    diag_add(L->d, DIAG_ERROR, L->path, (unsigned)m.line + 1 + L->line_offset,
             (unsigned)m.column + 1, "YAML syntax error: %s%s%s%s%s",
             p->problem ? p->problem : "?", *ctx ? " " : "", ctx, where, advice(L));
    L->failed = 1;
}

/* Next event; 0 on a syntax error (reported). */
static int next(loader *L, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&L->parser, ev)) {
        fail_parser(L);
        return 0;
    }
    return 1;
}

static void remember(loader *L, const yaml_char_t *name, val *v)
{
    if (!name)
        return;
    if (L->nanchors == L->capanchors) {
        L->capanchors = L->capanchors ? L->capanchors * 2 : 8;
        L->anchors = xrealloc(L->anchors, L->capanchors * sizeof *L->anchors);
    }
    L->anchors[L->nanchors].name = val_arena_strndup(L->a, (const char *)name,
                                                     strlen((const char *)name));
    L->anchors[L->nanchors].v = v;
    L->nanchors++;
}

static void locate(loader *L, val *v, yaml_mark_t m)
{
    val_set_loc(v, L->path, (unsigned)m.line + 1 + L->line_offset, (unsigned)m.column + 1);
}

static int is_number(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, digits++;
    }
    if (digits && i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = ++i;
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++, e++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == e)
            return 0;
    }
    return digits > 0 && i == n;
}

static int word_is(const char *s, size_t n, const char *a, const char *b, const char *c)
{
    return (strlen(a) == n && !memcmp(s, a, n)) || (strlen(b) == n && !memcmp(s, b, n)) ||
           (strlen(c) == n && !memcmp(s, c, n));
}

static val *scalar_value(loader *L, const yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    if (!ev->data.scalar.plain_implicit || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return val_new_string(L->a, s, n);
    if (n == 0 || word_is(s, n, "~", "null", "Null") || word_is(s, n, "NULL", "~", "~"))
        return val_new_null(L->a);
    if (word_is(s, n, "true", "True", "TRUE"))
        return val_new_bool(L->a, 1);
    if (word_is(s, n, "false", "False", "FALSE"))
        return val_new_bool(L->a, 0);
    if (is_number(s, n))
        return val_new_number(L->a, strtod(s, NULL), s, n);
    return val_new_string(L->a, s, n);
}

static val *parse_scalar(loader *L, yaml_event_t *ev)
{
    val *v = scalar_value(L, ev);
    locate(L, v, ev->start_mark);
    remember(L, ev->data.scalar.anchor, v);
    return v;
}

static val *parse_alias(loader *L, yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    size_t i;
    for (i = L->nanchors; i-- > 0;)
        if (!strcmp(L->anchors[i].name, name))
            return L->anchors[i].v;
    fail_at(L, ev->start_mark, "unknown YAML alias '*%s'", name);
    return NULL;
}

static val *parse_sequence(loader *L, yaml_event_t *start, unsigned depth)
{
    val *list = val_new_list(L->a);
    yaml_event_t ev;
    locate(L, list, start->start_mark);
    remember(L, start->data.sequence_start.anchor, list);
    for (;;) {
        val *item;
        if (!next(L, &ev))
            return NULL;
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            return list;
        }
        item = parse_node(L, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!item)
            return NULL;
        val_list_push(L->a, list, item);
    }
}

static int check_key(loader *L, val *map, val *key, yaml_mark_t m)
{
    size_t klen = 0;
    const char *k = val_str(key, &klen);
    const val *prev;
    if (!k) {
        fail_at(L, m, "a map key must be a string, not %s", val_kind_name(val_kind_of(key)));
        return 0;
    }
    prev = val_getn(map, k, klen);
    if (prev) {
        diag_add(L->d, DIAG_ERROR, L->path, val_line(key), val_col(key),
                 "duplicate key '%s' (first at line %u)", k, val_line(prev));
        L->failed = 1;
        return 0;
    }
    return 1;
}

static val *parse_mapping(loader *L, yaml_event_t *start, unsigned depth)
{
    val *map = val_new_map(L->a);
    yaml_event_t ev;
    locate(L, map, start->start_mark);
    remember(L, start->data.mapping_start.anchor, map);
    for (;;) {
        val *key, *v;
        yaml_mark_t km;
        size_t klen = 0;
        if (!next(L, &ev))
            return NULL;
        if (ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            return map;
        }
        km = ev.start_mark;
        key = parse_node(L, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!key || !check_key(L, map, key, km))
            return NULL;
        if (!next(L, &ev))
            return NULL;
        v = parse_node(L, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!v)
            return NULL;
        {
            const char *k = val_str(key, &klen);
            val_map_put(L->a, map, k, klen, v);
        }
    }
}

static val *parse_node(loader *L, yaml_event_t *ev, unsigned depth)
{
    if (depth > YAML_MAX_DEPTH) {
        fail_at(L, ev->start_mark, "YAML nested more than %s levels deep", "200");
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT: return parse_scalar(L, ev);
    case YAML_ALIAS_EVENT: return parse_alias(L, ev);
    case YAML_SEQUENCE_START_EVENT: return parse_sequence(L, ev, depth);
    case YAML_MAPPING_START_EVENT: return parse_mapping(L, ev, depth);
    default:
        fail_at(L, ev->start_mark, "unexpected YAML event%s", "");
        return NULL;
    }
}

/* Skip to the first document's content; returns its root, a null node when empty, or NULL. */
static val *parse_document(loader *L, int *ended)
{
    yaml_event_t ev;
    val *root = NULL;
    while (next(L, &ev)) {
        yaml_event_type_t t = ev.type;
        if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_START_EVENT) {
            yaml_event_delete(&ev);
            continue;
        }
        if (t == YAML_STREAM_END_EVENT || t == YAML_NO_EVENT) {
            yaml_event_delete(&ev);
            *ended = 1;
            root = val_new_null(L->a);
            val_set_loc(root, L->path, L->line_offset + 1, 1);
            return root;
        }
        root = parse_node(L, &ev, 0);
        yaml_event_delete(&ev);
        return root;
    }
    return NULL;
}

/* After the root: only the document end and stream end may follow. */
static int expect_end(loader *L)
{
    yaml_event_t ev;
    for (;;) {
        if (!next(L, &ev))
            return 0;
        if (ev.type == YAML_DOCUMENT_START_EVENT) {
            fail_at(L, ev.start_mark, "only one YAML document is allowed here%s", "");
            yaml_event_delete(&ev);
            return 0;
        }
        if (ev.type == YAML_STREAM_END_EVENT || ev.type == YAML_NO_EVENT) {
            yaml_event_delete(&ev);
            return 1;
        }
        yaml_event_delete(&ev);
    }
}

val *yaml_load_mem(val_arena *a, const char *path, const char *text, size_t len,
                   unsigned line_offset, diag_list *d)
{
    loader L;
    val *root = NULL;
    int ended = 0;
    memset(&L, 0, sizeof L);
    L.a = a;
    L.path = val_arena_strndup(a, path, strlen(path));
    L.text = text;
    L.len = len;
    L.line_offset = line_offset;
    L.d = d;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
        text += 3;   /* a UTF-8 byte order mark: libyaml told the encoding would read it as text */
        len -= 3;
    }
    L.text = text;
    L.len = len;
    if (!yaml_parser_initialize(&L.parser))
        mem_die();
    yaml_parser_set_input_string(&L.parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&L.parser, YAML_UTF8_ENCODING);
    root = parse_document(&L, &ended);
    if (root && (L.failed || (!ended && !expect_end(&L))))
        root = NULL;
    yaml_parser_delete(&L.parser);
    free(L.anchors);
    return L.failed ? NULL : root;
}

val *yaml_load_file(val_arena *a, const char *path, diag_list *d)
{
    return yaml_load_file_timed(a, path, NULL, d);
}

val *yaml_load_file_timed(val_arena *a, const char *path, long long *mtime, diag_list *d)
{
    size_t len = 0;
    char *text = fs_read_timed(path, &len, mtime);
    val *root = NULL;
    if (!text) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s", fs_strerror(errno));
        return NULL;
    }
    root = yaml_load_mem(a, path, text, len, 0, d);
    free(text);
    return root;
}
