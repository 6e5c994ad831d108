/* lock: the record of which version of its original each translation translates
 * (content/translations.lock). One line per segment of a translation file:
 *     plans/2022-2024/07-alternativas-a-la-detencion.en.md activity-2.item-1 3f1c0a9e5b7d2c44
 * (the translation's path under content/, the segment's id, the 64-bit hash of the original's
 * segment it was translated from), files in path order, a file's segments in the original's
 * order: stable and diff-friendly. Editors never write it: `plansite translations mark` and
 * `import` do. A segment the translation leaves out may be recorded too (left out on purpose). */
#ifndef PLANSITE_LOCK_H
#define PLANSITE_LOCK_H
#include "../util/diag.h"
#include <stddef.h>

typedef struct tr_lock tr_lock;

/* Read the lock at path: an empty lock when the file does not exist; NULL after an error in d
 * (a line that is not "FILE SEGMENT HASH", a file that cannot be read). Free with lock_free. */
tr_lock *lock_load(const char *path, diag_list *d);
void lock_free(tr_lock *l);
/* The hash recorded for segment id of file (16 hex digits), or NULL. */
const char *lock_get(const tr_lock *l, const char *file, const char *id);
/* 1 when the lock records anything for file (the file is tracked), else 0. */
int lock_tracks(const tr_lock *l, const char *file);
/* Replace everything recorded for file by the n segments ids[i] with hashes[i] (n == 0: forget
 * the file). Strings are copied. */
void lock_set_file(tr_lock *l, const char *file, const char *const *ids,
                   const char *const *hashes, size_t n);
/* The lock's text (malloc'd, *len its size). */
char *lock_format(const tr_lock *l, size_t *len);
/* Write data to path atomically: a temporary file beside it, renamed over it. 0, or -1 with
 * errno (path untouched). */
int lock_write_atomic(const char *path, const char *data, size_t len);
/* Write the lock to path atomically unless it already holds exactly that text. 0, or -1 after an
 * error in d. *changed (optional) says whether the file was written. */
int lock_save(const tr_lock *l, const char *path, int *changed, diag_list *d);

#endif
