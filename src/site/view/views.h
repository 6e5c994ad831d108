/* views: the template context of each page template (home, plan, workstream, cross-index pages,
 * documents, handouts), built from the model with the view stage's pieces (context, items,
 * wsview, frame, dates, pdfs): one builder per template, in one table. */
#ifndef PLANSITE_VIEWS_H
#define PLANSITE_VIEWS_H
#include "context.h"

/* Build the context of v->page (v->url already set) in v->a. Never NULL; problems (an unreadable
 * body) go to v->d. */
val *view_build(view *v);
/* Write into names (at most max) the page templates the views build a context for, the order in
 * which they are preloaded; returns how many (VIEW_TEMPLATES_MAX at most). */
#define VIEW_TEMPLATES_MAX 32
size_t view_templates(const char **names, size_t max);

#endif
