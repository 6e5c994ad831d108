/* fprint: the fingerprints of an incremental build's pages (issue #16). A page's fingerprint is
 * the val_hash of the context its template reads (built with view.fp: bodies and Markdown stand as
 * their source), mixed with its template's name: two pages with the same fingerprint render to the
 * same bytes with the same templates. Everything a page may read from outside its context (the
 * templates, content/site.yaml, the program itself, the build's options) goes into the salt; a
 * different salt makes every fingerprint of the earlier build stale (a full build).
 *
 * The fingerprints of a build are saved in a file ("fingerprints" in the cache folder beside the
 * destination, or serve's own) together with the salt and the identity of the tree they describe
 * (device, inode and time of its BUILD_MARK file), so that a cache left by another tree (a failed
 * swap, a hand-made copy) is never trusted. A page whose fingerprint equals the one recorded for
 * its file is not rendered: the earlier file is reused. */
#ifndef PLANSITE_FPRINT_H
#define PLANSITE_FPRINT_H
#include <stddef.h>
#include <stdint.h>

#define FP_LAZY 0   /* the fingerprint recorded for a page not written (a handout made on demand) */
#define FP_FILE 1   /* the one recorded for a file that is not a page (an export, a static file) */

typedef struct fp_cache fp_cache;   /* opaque: relative file -> fingerprint */

/* The salt of a build of site_dir with the theme folder theme_dir: the program (its file's size,
 * time and inode), the templates of the theme and of the site (names and bytes),
 * content/site.yaml's bytes, and opts (nopts words: the build's options that change pages). */
uint64_t fp_salt(const char *site_dir, const char *theme_dir, const uint64_t *opts, size_t nopts);
/* The fingerprints file saved for the tree tree_dir with the same salt, or NULL (no file, another
 * salt or tree, unreadable or malformed). Free with fp_free. */
fp_cache *fp_load(const char *file, const char *tree_dir, uint64_t salt);
void fp_free(fp_cache *c);
/* 1 and *fp set when c records rel; 0 otherwise (c may be NULL). Safe from many threads. */
int fp_lookup(const fp_cache *c, const char *rel, uint64_t *fp);
/* The number of files recorded and the i-th one's path and fingerprint (i < fp_count). */
size_t fp_count(const fp_cache *c);
const char *fp_rel_at(const fp_cache *c, size_t i, uint64_t *fp);
/* Save n fingerprints (rels[i] -> fps[i]) for the tree tree_dir (which holds its BUILD_MARK) with
 * salt into file, atomically (a temporary file beside it, renamed over it), its folder made.
 * 0, or -1 with errno. */
int fp_save(const char *file, const char *tree_dir, uint64_t salt, const char *const *rels,
            const uint64_t *fps, size_t n);
/* The default fingerprints file of destination dest: "DEST.plansite-cache/fingerprints"
 * (malloc'd). */
char *fp_default_file(const char *dest);

#endif
