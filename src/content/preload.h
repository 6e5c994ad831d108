/* preload: read and parse many content files at once, on several threads, before the model is
 * built from them in file order (so that diagnostics keep their order and the model stays
 * single-threaded). */
#ifndef PLANSITE_PRELOAD_H
#define PLANSITE_PRELOAD_H
#include "model.h"

typedef enum { PRE_SKIP, PRE_YAML, PRE_TEXT } pre_kind;

typedef struct pre_file {
    char *path;              /* in (pre_folder: made and freed by pre_folder_free) */
    pre_kind kind;           /* in: a YAML file, a Markdown file with front matter, or neither */
    val *root;               /* out: the YAML root or the front matter; NULL after an error */
    m_body body;             /* out (PRE_TEXT): where the Markdown body is */
    long long mtime;         /* out: the file's modification time (0 when it was not read) */
    diag_list *d;            /* out: this file's problems; move them where they belong */
} pre_file;

/* Parse every file of files[0..n) with up to threads threads (Markdown bodies over max_body bytes
 * are errors; 0: no limit). The trees live in arenas that a adopts (freed with it). Each file gets
 * its own diag list (free it with diag_list_free). */
void pre_parse(pre_file *files, size_t n, val_arena *a, int keep_bodies, size_t max_body,
               int threads);

/* The files names[0..n) of the content folder dir (plans' folders, content/pages), each by its
 * name a YAML file (.yaml), a text file (a name tf_split_name accepts) or skipped, all parsed on
 * every core (pre_parse). The trees live in s's arena. Free with pre_folder_free. */
pre_file *pre_folder(const m_site *s, const m_load_opts *opts, const char *dir, char **names,
                     int n);
/* The parsed tree of file i (NULL after an error or for a skipped file), its diagnostics moved to
 * the end of d (so that they come in the order the scanner takes the files). */
val *pre_take(pre_file *pre, int i, diag_list *d);
/* The scanner of a content folder, over its files names[0..n) in two passes, facts then texts.
 * Pass 1: every STEM.yaml but skip (e.g. "plan.yaml"): a STEM that is not a safe slug is an
 * error ("'STEM' is not a valid WHAT slugHINT"), else facts(ud, i, stem, path). Pass 2: every
 * other file: a name that is not STEM.LANG.md is an error (unexpected, the message), a LANG
 * that is not the site's is an error (fld_unknown_lang), else text(ud, i, stem, li, path).
 * path is the file's path (valid during the call); errors go to d in file order. */
typedef struct pre_scan {
    const char *what;         /* "workstream", "page" */
    const char *slug_hint;    /* after the slug error, e.g. " (lower-case letters, ...)" */
    const char *skip;         /* a .yaml name the facts pass leaves to the caller, or NULL */
    const char *unexpected;   /* the message for a file that is neither */
    void (*facts)(void *ud, int i, const char *stem, const char *path);
    void (*text)(void *ud, int i, const char *stem, size_t li, const char *path);
} pre_scan;
void pre_scan_folder(const pre_scan *sc, void *ud, const m_site *s, const char *dir,
                     char **names, int n, diag_list *d);
/* Free what pre_folder made (not the trees). */
void pre_folder_free(pre_file *pre, int n);

#endif
