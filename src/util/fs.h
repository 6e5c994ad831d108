/* fs: files and folders — reading, safe relative paths, recursive make/copy/remove, and the
 * atomic replacement of an output folder. */
#ifndef PLANSITE_FS_H
#define PLANSITE_FS_H
#include <stddef.h>

/* errno of fs_open_regular / fs_read for a FIFO, socket or device (not a system errno value). */
#define FS_ENOTREG 4096
/* Open path for reading, never blocking and never following a symbolic link: the descriptor
 * (caller closes) of a regular file, its size in *size and its modification time (seconds since
 * the epoch) in *mtime (both optional); else -1 with errno (ELOOP: a symbolic link, EISDIR: a
 * folder, FS_ENOTREG: a FIFO, socket or device). */
int fs_open_regular(const char *path, size_t *size, long long *mtime);
/* strerror, with plain words for ELOOP (a refused symbolic link) and FS_ENOTREG. */
const char *fs_strerror(int err);
/* Read a whole regular file (as fs_open_regular opens it). Returns a malloc'd NUL-terminated
 * buffer (caller frees) and its length in *len, or NULL with errno set. */
char *fs_read(const char *path, size_t *len);
/* fs_read that also gives the file's modification time (seconds since the epoch) in *mtime
 * (optional), from the fstat it opens the file with: no second stat for whoever needs both. */
char *fs_read_timed(const char *path, size_t *len, long long *mtime);
/* Write len bytes to path (created or truncated). 0 on success, -1 with errno. */
int fs_write(const char *path, const char *data, size_t len);
/* 1 if path is a directory / a regular file (symbolic links followed), else 0. */
int fs_is_dir(const char *path);
int fs_is_file(const char *path);
/* 1 if path itself is a symbolic link, else 0. */
int fs_is_link(const char *path);
/* mkdir -p. 0 on success, -1 with errno. */
int fs_mkdirs(const char *path);
/* rm -rf (does not follow symlinks). 0 on success or when missing, -1 with errno. */
int fs_remove_tree(const char *path);
/* Copy the tree src into dst (created), regular files and folders only; symlinks are skipped.
 * 0 on success, -1 with errno; *count (if not NULL) is increased by the number of files copied.
 * On failure *failed (if not NULL and still NULL) is set to the file or folder it met the error
 * on (malloc'd, caller frees). */
int fs_copy_tree(const char *src, const char *dst, size_t *count, char **failed);
/* 1 if rel is a safe relative output path: not empty, not absolute, no "." or ".." segment, no
 * empty segment, no backslash, no control characters. */
int fs_rel_path_ok(const char *rel);
/* The absolute, symlink-free form of path, which need not exist yet (its existing ancestor is
 * resolved and the rest appended). Caller frees; NULL on error. */
char *fs_absolute(const char *path);
/* 1 if path a is b or a folder that contains b (both absolute, as fs_absolute gives them). */
int fs_contains(const char *a, const char *b);
/* Join a and b with one '/'. Caller frees. */
char *fs_join(const char *a, const char *b);
/* dest without its trailing '/'s, followed by suffix ("public" + ".old" -> "public.old"). Caller
 * frees. */
char *fs_beside(const char *dest, const char *suffix);
/* Make a new empty folder beside dest ("<dest>.tmp-XXXXXX"). Caller frees the returned path. */
char *fs_make_temp_beside(const char *dest);
/* Swap tmp in as dest: the old dest (if any) is renamed aside, tmp renamed to dest. With aside
 * NULL the old copy is removed at once; else it is left at "<dest>.old-<pid>" and *aside is that
 * path (caller removes the tree and frees the path; NULL when there was no old copy, or it could
 * not take that name and was removed). On failure dest is left as it was. 0, or -1 with errno. */
int fs_swap_in(const char *tmp, const char *dest, char **aside);
/* Make the folder that path is in, and its parents, when missing (the folder alone is tried
 * first: writers usually make folders top-down). 0, or -1 with errno. */
int fs_mkparent(const char *path);
/* Open path for writing, created or emptied (mode 0644), its folder made first. Returns the file
 * descriptor (caller closes), or -1 with errno. */
int fs_create(const char *path);
/* A buf_sink (util/buf.h) that writes to the file descriptor *(int *)fd, retrying short writes.
 * Returns 0, or -1 with errno. */
int fs_sink_fd(void *fd, const char *data, size_t len);
/* Sorted names (not "." or "..") of a folder's entries. Returns count, names in *out (caller frees
 * each and the array with fs_names_free), or -1 with errno. */
int fs_list(const char *dir, char ***out);
void fs_names_free(char **names, int n);
/* A new temporary file, already unlinked, as a descriptor (>= 3) closed on exec, for a child
 * process's output; -1 with errno on failure. The caller closes it. */
int fs_tmp_fd(void);

#endif
