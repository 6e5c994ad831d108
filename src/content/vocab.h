/* vocab: the closed vocabularies of content/data/ (objectives, principles, areas, SDGs, entities,
 * statuses, countries) and references to them from content. */
#ifndef PLANSITE_VOCAB_H
#define PLANSITE_VOCAB_H
#include "model.h"

/* Load every vocabulary file of s->dir/content/data into s->vocab. Errors and missing-translation
 * warnings go to d. A missing file is an error. */
void vocab_load_all(m_site *s, diag_list *d);
/* Free the indexes of the vocabularies (the terms live in the site arena). */
void vocab_free_all(m_site *s);
/* Read the list field key of map as references into vocabulary kind, appending term indexes to
 * *out (allocated in the site arena). Unknown references are errors located at the item.
 * Returns 1 when the field is present (even empty), 0 when absent or null. */
int vocab_refs(m_site *s, m_vocab_kind kind, const val *map, const char *key, m_ints *out,
               diag_list *d);
/* Resolve one reference (a number or an id) into a term index, or -1 after an error (or, with
 * no error of its own, when the vocabulary's file did not load: that error was reported). */
int vocab_ref(m_site *s, m_vocab_kind kind, const val *item, const char *field, diag_list *d);
/* The id of entity group g as entities.yaml writes it ("un", "other"); NULL for ENT_GROUP_NONE
 * and out of range. */
const char *vocab_ent_group_id(m_ent_group g);

#endif
