/* model: the site as data — configuration, closed vocabularies, workplans, workstreams, pages.
 * Built and checked by model_load (content/model.c) from content/: vocabularies (vocab.c, rows in
 * vocab_table.c), workplans (plans.c), pages (pages.c), files read in parallel (preload.c) and
 * their fields checked as they are read (fields.c); read by site/.
 * Everything is owned by the model (one arena); strings point into it. Language-dependent text is
 * an array indexed by language number (site->langs order); NULL where a translation is missing. */
#ifndef PLANSITE_MODEL_H
#define PLANSITE_MODEL_H
#include "../data/value.h"
#include "../util/diag.h"
#include <stddef.h>

#define LANG_MAX 4

/* A place in a source file, for messages. */
typedef struct m_loc {
    const char *path;
    unsigned line, col;
} m_loc;

/* A list of small integers (objective numbers, entity indexes ...). */
typedef struct m_ints {
    int *v;
    size_t n;
} m_ints;

/* A list of strings. */
typedef struct m_strs {
    const char **v;
    size_t n;
} m_strs;

/* An entry of a closed vocabulary: numbered (objectives, principles, areas, sdgs) or with an id
 * (entities, statuses, countries). */
/* The groups of the entity index, in its order; ENT_GROUP_NONE: the entity's data states none
 * (its rows come last). The ids of content/data/entities.yaml's "group": vocab_ent_group_id. */
typedef enum { ENT_GROUP_NONE, ENT_GROUP_UN, ENT_GROUP_OTHER, ENT_GROUP_COUNT } m_ent_group;

typedef struct m_term {
    int number;              /* 1..n for numbered vocabularies, else 0 */
    const char *id;          /* id, or the number as text */
    const char *letter;      /* principles: a..j */
    const char *url;         /* entities: official site (optional) */
    m_ent_group group;       /* entities: the index's group (optional: ENT_GROUP_NONE) */
    const char *title[LANG_MAX];   /* title / name */
    const char *short_[LANG_MAX];  /* short label or acronym */
    m_loc loc;
} m_term;

typedef enum {
    VOC_OBJECTIVES, VOC_PRINCIPLES, VOC_AREAS, VOC_SDGS, VOC_ENTITIES, VOC_STATUSES,
    VOC_COUNTRIES, VOC_COUNT
} m_vocab_kind;

typedef struct m_vocab {
    m_vocab_kind kind;
    const char *file;        /* e.g. "objectives.yaml" */
    m_term *terms;           /* numbered: index number-1; else in file order */
    size_t n;
    struct strmap *index;    /* id -> index (id vocabularies) */
    int broken;              /* the file did not load (reported): references are not checked */
    long long mtime;         /* the file's modification time when loaded (0: not read) */
} m_vocab;

/* One activity of a workstream: facts once, text per language. */
typedef struct m_activity {
    m_ints entities;                   /* responsible entities (indexes into entities) */
    int has_entities;                  /* 0: not stated in the source (key left out) */
    const char *text[LANG_MAX];        /* Markdown */
    m_strs items[LANG_MAX];            /* sub-items, Markdown */
    const char *timeline[LANG_MAX];
    const char *reference[LANG_MAX];
} m_activity;

/* The text of a Markdown file: front matter fields plus where the body is. */
typedef struct m_body {
    const char *path;        /* the .LANG.md file */
    size_t offset;           /* byte offset of the Markdown body in that file */
    size_t size;             /* the file's size when it was loaded */
    long long mtime;         /* its modification time then (seconds since the epoch) */
    unsigned long long hash; /* tf_hash of the body when it was loaded */
    unsigned line;           /* its first line */
    const char *text;        /* the body itself, when kept in memory (NULL: read it from path) */
    int may_link;            /* it holds "](" or "]:", so it may have a link (site/links.c) */
    int outdated;            /* a translation whose original changed since (translate/status.h) */
} m_body;

struct m_plan;

typedef struct m_ws {
    const char *slug;
    struct m_plan *plan;
    size_t index;            /* position in plan->ws */
    size_t gid;              /* position among all the site's workstreams (0 .. nws-1) */
    int order;
    const char *number;
    int group;               /* index into plan->groups */
    int status;              /* index into statuses, -1 when not stated (for the workstream or
                              * its group) */
    int status_by_group;     /* 1: status is its group's (the workstream states none itself) */
    m_ints leads, participants, interest;
    int has_leads, has_participants, has_interest;   /* 0: not stated (key left out); 1 with
                                                      * n == 0: the source says there are none */
    int represented;         /* a participant others take part on behalf of (entity index), or -1 */
    m_ints representatives;  /* the entities that take part on its behalf (not as participants) */
    m_ints objectives, objectives_mentioned, sdgs, areas;
    int has_objectives, has_objectives_mentioned, has_sdgs, has_areas;  /* 0: not stated */
    m_strs progress_declaration;
    int has_progress_declaration;
    m_activity *acts;
    size_t nacts;
    const char *acts_src;              /* the file that first listed the activities */
    int draft;
    m_loc loc;                         /* the .yaml */
    long long mtime;                   /* its modification time when loaded (0: not read) */
    int has_lang[LANG_MAX];            /* a text file exists for that language */
    const char *title[LANG_MAX];
    const char *summary[LANG_MAX];
    const char *purpose[LANG_MAX];
    const char *timeline[LANG_MAX];
    const char *status_note[LANG_MAX];
    m_body body[LANG_MAX];
} m_ws;

typedef struct m_group {
    const char *id;
    int status;              /* index into statuses when the plan states it for the whole group
                              * (plan.yaml `groups: [{id, status}]`), -1 when not */
    const char *title[LANG_MAX];
    const char *description[LANG_MAX];
    m_loc loc;
} m_group;

/* The document a plan comes from, as its plan.yaml names it (source: {title, url, date}); every
 * field NULL when not stated. */
typedef struct m_source {
    const char *title;
    const char *url;
    const char *date;        /* ISO, as precise as the source ("2019-07") */
} m_source;

typedef struct m_plan {
    const char *slug;
    const char *scope;       /* global / regional */
    const char *region;
    int period_start, period_end;      /* 0 when unknown */
    const char *date;        /* the document's date (ISO, as precise as the source), or NULL */
    const char *adopted;     /* the adoption date, only where a source says adopted, or NULL */
    m_source source;         /* the source document; all NULL when plan.yaml names none */
    int order;
    int draft;
    m_group *groups;
    size_t ngroups;
    m_ws **ws;               /* ordered */
    size_t nws;
    m_loc loc;               /* plan.yaml */
    long long mtime;         /* its modification time when loaded (0: not read) */
    int has_lang[LANG_MAX];
    const char *title[LANG_MAX];
    const char *network[LANG_MAX];
    const char *summary[LANG_MAX];
    m_body body[LANG_MAX];
} m_plan;

typedef struct m_country_list {
    const char *id;
    m_ints countries;
    const char *caption[LANG_MAX];
} m_country_list;

typedef struct m_page {
    const char *slug;
    int order;
    const char *date;
    m_country_list *lists;
    size_t nlists;
    m_loc loc;               /* the .yaml, or the first text file when there is none */
    long long mtime;         /* that file's modification time when loaded (0: not read) */
    int has_lang[LANG_MAX];
    const char *title[LANG_MAX];
    const char *summary[LANG_MAX];
    m_body body[LANG_MAX];
} m_page;

/* How to reach whoever the site names (site.yaml's contact: {email, url, text}); every field
 * NULL when not configured. */
typedef struct m_contact {
    const char *email;                 /* an address, shown as a mailto: link */
    const char *url;                   /* an http(s) address */
    const char *text[LANG_MAX];        /* the line's wording per language, before the links */
} m_contact;

typedef struct m_site {
    const char *dir;                   /* the site folder */
    size_t nlangs;
    const char *langs[LANG_MAX];       /* codes, default first */
    const char *title[LANG_MAX];
    const char *description[LANG_MAX];
    const char *data_licence[LANG_MAX]; /* the open data's licence as written; all NULL: not stated */
    const char *base_url;              /* ends with '/' */
    m_loc base_url_loc;                /* where site.yaml gives it (path NULL: not given) */
    int raw_html;
    const char *paper;                 /* "a4" or "letter" */
    size_t max_body;                   /* max_body_size: the largest Markdown body, in bytes */
    m_contact contact;                 /* the footer's contact line; all NULL: none */
    m_vocab vocab[VOC_COUNT];
    m_plan **plans;                    /* ordered */
    size_t nplans;
    m_page **pages;                    /* ordered */
    size_t npages;
    size_t nws;                        /* all workstreams of all plans */
    val_arena *arena;                  /* owns everything */
} m_site;

/* Options for loading. */
typedef struct m_load_opts {
    int drafts;              /* keep drafts (serve, build --drafts) */
    int keep_bodies;         /* keep Markdown bodies in memory (else re-read them when rendering) */
} m_load_opts;

/* Load the site in dir: content/site.yaml, content/data, content/plans, content/pages.
 * Every problem is added to d (errors and warnings, with locations). Returns the model (free with
 * model_free) even when errors were found, so that all of them can be reported; callers must not
 * render when diag_errors(d) > 0. Returns NULL only when content/site.yaml cannot be read. */
m_site *model_load(const char *dir, const m_load_opts *opts, diag_list *d);
/* Free the model and everything it owns (NULL is fine). */
void model_free(m_site *s);
/* Index of language code in the site, or -1. */
int model_lang_index(const m_site *s, const char *code);
/* A text in language li, or the first language's text that exists (fallback); NULL if none.
 * *fell_back (optional) says whether another language's text was used. */
const char *model_text(const m_site *s, const char *const *texts, size_t li, int *fell_back);
/* The Markdown body of a file: a malloc'd copy (caller frees), or NULL with a diagnostic naming
 * the file when it cannot be read again or is no longer what was loaded (size and hash). */
char *model_read_body(const m_body *b, size_t *len, diag_list *d);

#endif
