/* vocab_table: one row per vocabulary, read by every stage that handles vocabularies — loading
 * and validation (content/vocab.c), the URLs of its pages (site/index/urls.c), its page kinds and
 * templates (site/index/outputs.c), its shared links and labels (site/view/items.c), the
 * navigation (site/view/frame.c) and the cross-index pages (site/view/views.c).
 * Adding a vocabulary: a VOC_ constant in model.h (before VOC_COUNT), a row here, its file in
 * content/data/, and the strings the row names in every string table (README, "How it is built"). */
#ifndef PLANSITE_VOCAB_TABLE_H
#define PLANSITE_VOCAB_TABLE_H
#include "model.h"

typedef struct voc_desc {
    const char *facet;       /* its name as a filter / in the data exports ("objectives") */
    const char *file;        /* in content/data/ */
    const char *noun;        /* in messages ("objective") */
    int numbered;            /* keyed by number 1..n, else by id */
    const char *title_key;   /* per-language field: main text */
    const char *short_key;   /* per-language field: short label / acronym (may be NULL) */
    const char *noun_key;    /* string-table key of one term ("objective": "Objetivo 8") */
    const char *plural_key;  /* string-table key of the list: index title, navigation entry */
    /* pages: NULL url_key: none (principles, statuses, countries) */
    const char *url_key;     /* string-table key of the URL section ("url_objectives") */
    const char *url_default; /* the section when the key is missing ("objectives") */
    const char *tpl_index;   /* template of the index page */
    const char *tpl_term;    /* template of a term's page */
    int pages_if_named;      /* a term has a page only when some workstream names it */
    int handouts;            /* every term has a handout (with PDFs) */
} voc_desc;

/* The row of vocabulary k (0 <= k < VOC_COUNT). */
const voc_desc *voc_desc_of(m_vocab_kind k);
/* 1 when vocabulary k has pages (an index and a page per term), else 0. */
int voc_has_pages(m_vocab_kind k);

#endif
