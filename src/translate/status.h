/* status: every translation of a site against its original (the default language's file) and
 * the lock (translate/lock.h): per segment up to date, outdated (the original changed since, or
 * nothing records what it translates) or missing; per file up to date, outdated, missing (no
 * file) or untracked (a file the lock knows nothing of: taken as up to date, its absent segments
 * as missing, and `check` says nothing of it). Also `check`'s warnings and the pages' notice
 * (tr_check), the status report (text and JSON) and `mark`. */
#ifndef PLANSITE_TR_STATUS_H
#define PLANSITE_TR_STATUS_H
#include "lock.h"
#include "segments.h"
#include "../content/model.h"
#include <stdio.h>

typedef enum { TR_OK, TR_OUTDATED, TR_MISSING } tr_state;
typedef enum { TRF_UP_TO_DATE, TRF_OUTDATED, TRF_MISSING, TRF_UNTRACKED } tr_file_state;

typedef struct tr_seg {
    const seg *orig;         /* the original's segment */
    const seg *trans;        /* the translation's, or NULL */
    char hash[17];           /* of the original's text */
    tr_state state;
} tr_seg;

typedef struct tr_doc {
    char *key;               /* under content/, without ".LANG.md": "plans/2022-2024/plan" */
    char *orig_path;         /* SITE/content/KEY.es.md */
    char *trans_path;        /* SITE/content/KEY.en.md */
    char *trans_rel;         /* KEY.en.md: its name in the lock */
    const char *lang;        /* the translation's language */
    seg_file *orig, *trans;  /* trans NULL: no file */
    int tracked;
    int broken;              /* the translation exists but does not parse (an error was given) */
    tr_seg *segs;            /* one per segment of the original, in its order */
    size_t n;
    size_t todo, words;      /* segments not up to date, and their original's words */
    tr_file_state state;
} tr_doc;

typedef struct tr_set {
    char *site;              /* the site folder */
    char *lock_path;         /* SITE/content/translations.lock */
    tr_lock *lock;
    size_t nlangs;
    char *langs[LANG_MAX];   /* the default (the originals' language) first */
    tr_doc *docs;            /* by key, then language */
    size_t n;
} tr_set;

/* Load every original of site_dir (each plan folder of content/plans, and content/pages) with
 * its translations and the lock, and work out their states. NULL after errors in d (no site.yaml
 * or languages, a bad lock); a text file that does not parse is an error in d (an original is
 * left out, a translation is flagged broken). Free with tr_free. */
tr_set *tr_load(const char *site_dir, diag_list *d);
void tr_free(tr_set *t);
/* The document of key (e.g. "plans/2022-2024/plan") in language lang, or NULL. */
tr_doc *tr_find(const tr_set *t, const char *key, const char *lang);
/* Work out d's states again from its files and the lock (after a change to either). */
void tr_update(const tr_set *t, tr_doc *d);
/* The English name of a language ("es" -> "Spanish"), or the code itself. */
const char *tr_lang_name(const char *code);
/* `check` and `build`: when SITE/content/translations.lock exists, warn for each tracked
 * translation that is not up to date ("PATH.en.md: outdated translation: the Spanish original
 * changed since (activity 2, item 1)") and flag the model's body of that file (m_body.outdated)
 * so its page says so. Without a lock nothing is read. Errors of the lock go to d. */
void tr_check(m_site *m, diag_list *d);
/* Print the status report: one line per translation, then totals per language (json: one JSON
 * object). */
void tr_print_status(const tr_set *t, int json, FILE *out);
/* Record the files given (paths as typed: SITE/content/..., or under content/) as up to date
 * in the lock — every segment of their original, absent ones too — or every translation that
 * exists with all. Writes the lock (atomically) when it changed. 0, or -1 after errors in d
 * (a file that is not a translation of the site). */
int tr_mark(tr_set *t, char **files, int nfiles, int all, diag_list *d, FILE *out);

#endif
