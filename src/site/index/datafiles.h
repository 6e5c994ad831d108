/* datafiles: the open data the site publishes, described once — every field of data/workplans.json
 * (its type, whether it may be null and the string-table key of its description) and the facet
 * CSVs. The export writes the JSON Schema from this table, the "Open data" page lists the fields
 * from it, and the tests validate the export against the schema, so the three cannot drift. */
#ifndef PLANSITE_DATAFILES_H
#define PLANSITE_DATAFILES_H
#include "../../content/model.h"

typedef enum {
    DF_STRING,       /* a string */
    DF_INT,          /* an integer */
    DF_BOOL,         /* true or false */
    DF_STRINGS,      /* an array of strings */
    DF_NUMBERS,      /* an array of term numbers (objectives, SDGs, areas) */
    DF_IDS,          /* an array of term ids (entities) */
    DF_TEXTS,        /* an object: language code -> string (null: no text in that language) */
    DF_TEXT_LISTS,   /* an object: language code -> array of strings */
    DF_OBJECT,       /* an object of the fields in sub */
    DF_OBJECTS,      /* an array of objects of the fields in sub */
    DF_TYPE_COUNT
} df_type;

typedef struct df_field {
    const char *name;
    df_type type;
    int nullable;                 /* null: the source does not state it */
    const char *key;              /* string-table key of its description */
    const struct df_field *sub;   /* DF_OBJECT, DF_OBJECTS: its fields, ended by a NULL name */
} df_field;

/* The top-level fields of data/workplans.json, ended by a NULL name. */
const df_field *df_workplans(void);
/* The string-table key naming type t for readers ("df_type_texts"...). */
const char *df_type_key(df_type t);

/* A facet CSV: one row per (workstream, value) of a vocabulary. */
typedef enum { DF_FACET_OBJECTIVES, DF_FACET_SDGS, DF_FACET_AREAS, DF_FACET_ENTITIES,
               DF_FACET_COUNT } df_facet;
typedef struct df_facet_desc {
    const char *name;             /* in the file name: data/workstreams-<name>.<lang>.csv */
    m_vocab_kind voc;
    int roles;                    /* has the role and role_label columns */
    int represents;               /* has the represents column */
} df_facet_desc;
const df_facet_desc *df_facet_of(df_facet f);

/* A CSV column: its header and the string-table key of its description. */
typedef struct df_column {
    const char *name;
    const char *key;
} df_column;
/* The columns of facet f's CSV, in order, ended by a NULL name. */
size_t df_columns(df_facet f, df_column *out, size_t max);

/* The files of data/, in the order the page lists them: index i of 0..df_nfiles(s)-1. Facet CSVs
 * come per facet, then per language. */
typedef enum { DF_FILE_JSON, DF_FILE_SCHEMA, DF_FILE_MATRIX, DF_FILE_FACET } df_file_kind;
typedef struct df_file {
    df_file_kind kind;
    df_facet facet;               /* DF_FILE_FACET */
    size_t lang;                  /* DF_FILE_FACET: language index */
} df_file;
size_t df_nfiles(const m_site *s);
df_file df_file_at(const m_site *s, size_t i);
/* Its path under the output folder ("data/workstreams-sdgs.en.csv"), in a. */
const char *df_file_path(const m_site *s, df_file f, val_arena *a);

#endif
