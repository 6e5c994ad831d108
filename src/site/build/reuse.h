/* reuse: an incremental build's files that did not change. A file whose new bytes equal the
 * previous build's file of the same path is not written again: the new folder gets a hard link
 * to the previous file (same inode). The previous tree is never opened for writing, so it stays
 * as it was until the swap removes it. Exact by construction: the bytes are compared, not
 * guessed from what changed. */
#ifndef PLANSITE_REUSE_H
#define PLANSITE_REUSE_H
#include "../../util/buf.h"
#include <stddef.h>

/* 1 when prev_dir/rel is a regular file (not a symbolic link) holding exactly the len bytes at
 * data; 0 otherwise (missing, different, unreadable). rel must be a safe relative path. */
int reuse_same(const char *prev_dir, const char *rel, const char *data, size_t len);
/* Make dest_dir/rel (its folder made, nothing there yet) a hard link to prev_dir/rel.
 * 0, or -1 with errno (the caller then writes the file itself). */
int reuse_link(const char *prev_dir, const char *rel, const char *dest_dir);
/* 1 when prev_dir/rel is a regular file (not a symbolic link). */
int reuse_present(const char *prev_dir, const char *rel);
/* Walk the tree dest_dir (files written by this build: exports, static files) and replace every
 * regular file whose bytes equal prev_dir's file of the same path by a hard link to that file
 * (made beside it and renamed over it, so a failure leaves the written file). The top-level
 * entries named in skip (nskip of them: the language folders, whose pages were linked as they
 * were rendered) are passed over. *linked (if not NULL) is increased by the number of files
 * replaced. 0, or -1 with errno when a folder cannot be listed. */
int reuse_tree(const char *prev_dir, const char *dest_dir, const char *const *skip, size_t nskip,
               size_t *linked);
/* In place (serve): move every regular file of the tree staging (but its build mark) into the
 * same place in dir, its folders made, unless dir's file holds the same bytes; *moved (if not
 * NULL) counts the files moved. 0, or -1 with errno (some files may have moved). */
int reuse_commit(const char *staging, const char *dir, size_t *moved);
/* Append to names the path (below dir, NUL-terminated) of every regular file of the tree dir but
 * its build mark and the top-level entries named in skip. 0, or -1 with errno. */
int reuse_list(const char *dir, const char *const *skip, size_t nskip, buf *names);
/* Remove dir/rel, then each of its folders below dir that it leaves empty. 0 when the file was
 * removed, -1 with errno (ENOENT: it was not there). */
int reuse_remove(const char *dir, const char *rel);

#endif
