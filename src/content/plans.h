/* plans: load content/plans/<plan>/ (plan.yaml, plan.LANG.md, <ws>.yaml, <ws>.LANG.md) into the
 * model: workplans, their groups and their ordered workstreams. */
#ifndef PLANSITE_PLANS_H
#define PLANSITE_PLANS_H
#include "model.h"

/* Load every plan folder of s->dir/content/plans into s->plans (sorted by order, then slug).
 * Vocabularies must be loaded first. Problems go to d. */
void plans_load_all(m_site *s, const m_load_opts *opts, diag_list *d);

#endif
