/* yaml_load: YAML text -> value tree (data/value.h), with every node's path:line:col.
 * Plain scalars are typed: empty, ~ and null are null; true/false are booleans; decimal numbers
 * are numbers (keeping their source text); everything else, and every quoted scalar, is a string.
 * Anchors and aliases are supported; a duplicate key in a map is an error. */
#ifndef PLANSITE_YAML_LOAD_H
#define PLANSITE_YAML_LOAD_H
#include "value.h"
#include "../util/diag.h"

/* Parse text (len bytes) as one YAML document into arena a. path names the source in locations
 * (it is copied into the arena); line_offset is added to every line number (front matter).
 * Returns the root (a null node for an empty document), or NULL after adding diagnostics to d. */
val *yaml_load_mem(val_arena *a, const char *path, const char *text, size_t len,
                   unsigned line_offset, diag_list *d);
/* Read and parse a file. Returns the root or NULL after adding a diagnostic to d. */
val *yaml_load_file(val_arena *a, const char *path, diag_list *d);
/* yaml_load_file that also gives the file's modification time in *mtime (seconds since the epoch,
 * left as it was when the file cannot be read); mtime may be NULL. */
val *yaml_load_file_timed(val_arena *a, const char *path, long long *mtime, diag_list *d);

#endif
