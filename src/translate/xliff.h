/* xliff: translations out to CAT tools and back, as XLIFF 1.2 (libxml2).
 * Export: one <file> per original that has work in that language, one <trans-unit> per segment
 * (translate/segments.h) that is not up to date (all with --all); its id is stable
 * ("plans/2022-2024/07-alternativas-a-la-detencion#activity-2.item-1"), <source> is the
 * original's text (Markdown inline markup kept as text), <target> the current translation when
 * there is one (state "needs-review-translation" when outdated, "translated" when up to date), a
 * <note> names the translation's file and the field, and the attribute plansite:hash (namespace
 * urn:plansite:xliff:1) the hash of the source, so an import can tell that the original changed.
 * Import: a target that differs from the translation is written into it, only that value (a
 * missing translation is created from its original's structure, the segments not given keeping
 * the original's text and left to translate; a field the translation lacks inside an activity or
 * a list, such as a new item, makes its front matter again from the original's with the
 * translation's values); a target equal to it marks the segment up to date unless its state is
 * "new" or "needs-..."; an empty or absent target is skipped. Everything is checked first — a
 * malformed file, an unknown id, a unit whose original changed since the export is an error
 * naming it, and then nothing at all is written; each file is then replaced atomically, only when
 * its bytes change, and the lock last. */
#ifndef PLANSITE_XLIFF_H
#define PLANSITE_XLIFF_H
#include "status.h"

/* Write the XLIFF for language lang (not the originals' own) to out_path (atomically), or to
 * stdout when out_path is NULL. all: every segment, not only those that need work. 0, or -1 after
 * an error in d. *units (optional) gets the number of units written. */
int xliff_export(const tr_set *t, const char *lang, int all, const char *out_path,
                 size_t *units, diag_list *d);
/* Import the XLIFF file at path into t's translation files and lock. 0, or -1 after errors in d
 * (then no file was written). A line of summary goes to out. */
int xliff_import(tr_set *t, const char *path, diag_list *d, FILE *out);

#endif
