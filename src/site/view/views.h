/* views: the template context of each kind of page (home, plan, workstream, cross-index pages,
 * documents, handouts), built from the model with context.h's pieces. */
#ifndef PLANSITE_VIEWS_H
#define PLANSITE_VIEWS_H
#include "context.h"

/* Build the context of v->page (v->url already set) in v->a. Never NULL; problems (an unreadable
 * body) go to v->d. */
val *view_build(view *v);

#endif
