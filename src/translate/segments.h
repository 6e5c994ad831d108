/* segments: the translatable parts of a text file ("x.es.md"): every string of its front matter
 * (title, purpose, summary, each activity's text, timeline, reference and each item, each group's
 * title and description ...) and every block of its Markdown body (paragraphs, lists, headings,
 * code blocks: runs of lines between empty lines). Each segment has a stable id within the file
 * ("title", "activity-2.item-1", "group-new.title", "block-3"), a label for messages ("activity 2,
 * item 1", "paragraph 3"), its text and where its bytes are, so that a value can be replaced
 * without touching anything else of the file (seg_rewrite). Also the segments' hash (64-bit
 * FNV-1a, stable across machines and versions) and word counts. */
#ifndef PLANSITE_SEGMENTS_H
#define PLANSITE_SEGMENTS_H
#include "../util/diag.h"
#include <stddef.h>
#include <stdint.h>

typedef struct seg {
    char *id;                /* stable within the file: "title", "activity-2.item-1", "block-3" */
    char *label;             /* for messages: "title", "activity 2, item 1", "paragraph 3" */
    char *text;              /* the value as YAML reads it, or the block's own bytes */
    size_t start, end;       /* its bytes in the file (a scalar with its quotes, or the block) */
    unsigned line, col;      /* where it starts (1-based) */
    int in_body;             /* a block of the Markdown body */
    int block_scalar;        /* a YAML literal or folded scalar (| or >) */
} seg;

typedef struct seg_file {
    char *data;              /* the file's bytes (NUL-terminated) */
    size_t len;
    size_t fm_start, fm_end; /* the front matter (without its '---' lines) */
    size_t body_start;       /* where the Markdown body starts */
    seg *v;                  /* in document order */
    size_t n;
} seg_file;

/* Segment the text file data (len bytes, copied) named path (for messages). Returns the segments
 * (free with seg_file_free), or NULL after adding an error with its location to d (no front
 * matter, bad YAML, a front matter that is not a map). */
seg_file *seg_file_parse(const char *path, const char *data, size_t len, diag_list *d);
/* Read and segment the file at path; NULL after an error in d (a file that cannot be read too). */
seg_file *seg_file_load(const char *path, diag_list *d);
void seg_file_free(seg_file *f);
/* The segment with that id, or NULL. */
const seg *seg_find(const seg_file *f, const char *id);
/* The 64-bit FNV-1a hash of n bytes, and its 16 hex digits (out holds 17 bytes). */
uint64_t seg_hash(const char *s, size_t n);
void seg_hash_hex(uint64_t h, char *out);
/* The hash of a segment's text, as 16 hex digits in out (17 bytes). */
void seg_hash_text(const char *text, char *out);
/* Words in a text (runs of non-space bytes), for the amount of work to translate. */
size_t seg_words(const char *text);
/* A label for a segment id ("activity-2.item-1" -> "activity 2, item 1"); malloc'd. */
char *seg_label(const char *id);
/* The file f with the values of the segments ids[i] replaced by texts[i] (n of them; front matter
 * values are written as double-quoted YAML strings, blocks as they are), everything else byte for
 * byte. A block id past the file's last block is appended after it (the blocks in between taken
 * from fill, the original's segments, when given). Returns a malloc'd buffer (*len its size), or
 * NULL with a malloc'd message in *err (an id the file does not have, a block with an empty line).
 */
char *seg_rewrite(const seg_file *f, const char *const *ids, const char *const *texts, size_t n,
                  const seg_file *fill, size_t *len, char **err);

#endif
