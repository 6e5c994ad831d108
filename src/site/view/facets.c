#include "facets.h"
#include "items.h"
#include "../../content/vocab_table.h"
#include "../../util/json.h"
#include <stddef.h>
#include <string.h>

typedef enum { FC_PLAN, FC_GROUP, FC_TERMS, FC_STATUS } fc_kind;

typedef struct facet_row {
    const char *id;          /* its name in URLs ("?leads=iom"); NULL: the vocabulary's facet */
    const char *name_key;    /* string-table key of its name */
    fc_kind kind;
    m_vocab_kind voc;        /* FC_TERMS, FC_STATUS */
    size_t ids, known;       /* FC_TERMS: offsets in m_ws of the m_ints and of its has_ flag */
} facet_row;

#define TERMS(id, key, voc, field) \
    {id, key, FC_TERMS, voc, offsetof(m_ws, field), offsetof(m_ws, has_##field)}

static const facet_row rows[] = {
    {"plan", "workplan", FC_PLAN, VOC_COUNT, 0, 0},
    {"group", "workstream_group", FC_GROUP, VOC_COUNT, 0, 0},
    TERMS(NULL, "gcm_objectives", VOC_OBJECTIVES, objectives),
    TERMS(NULL, "sdgs_short", VOC_SDGS, sdgs),
    TERMS(NULL, "mptf_areas", VOC_AREAS, areas),
    TERMS("leads", "lead_entities", VOC_ENTITIES, leads),
    TERMS("participants", "participating_entities", VOC_ENTITIES, participants),
    {NULL, "status", FC_STATUS, VOC_STATUSES, 0, 0},
};
#define NROWS (sizeof rows / sizeof *rows)

/* A term as a filter value: "Objetivo 8: Salvar vidas" for a numbered vocabulary, else its
 * short label (acronym) or, without one, its title. */
static const char *term_value(view *v, m_vocab_kind k, size_t t, int *fb)
{
    const m_term *term = &v->sc->m->vocab[k].terms[t];
    const char *s = voc_desc_of(k)->short_key ? ctx_text(v, term->short_, fb) : NULL;
    if (!s)
        s = ctx_text(v, term->title, fb);
    if (voc_desc_of(k)->numbered)
        return val_arena_cat(v->a, items_term_label(v, k, t), s ? ": " : "", s ? s : "",
                             (char *)NULL);
    return s ? s : term->id;
}

static void push(view *v, val *l, const char *name, const char *value)
{
    val *m = val_new_map(v->a);
    val_map_set(v->a, m, "name", val_new_cstr(v->a, name));
    val_map_set(v->a, m, "value", val_new_cstr(v->a, value ? value : ""));
    val_list_push(v->a, l, m);
}

/* The values of row r for w, pushed onto l. */
static void row_values(view *v, const facet_row *r, const m_ws *w, val *l, int *fb)
{
    const char *name = ctx_t(v, r->name_key), *none = ctx_t(v, "not_stated");
    const m_ints *ids;
    size_t i;
    if (r->kind == FC_PLAN)
        push(v, l, name, ctx_text(v, w->plan->title, fb));
    else if (r->kind == FC_GROUP)
        push(v, l, name, w->group >= 0 ? ctx_text(v, w->plan->groups[w->group].title, fb) : none);
    else if (r->kind == FC_STATUS)
        push(v, l, name, w->status >= 0 ? term_value(v, r->voc, (size_t)w->status, fb) : none);
    else if (!*(const int *)((const char *)w + r->known))
        push(v, l, name, none);
    else
        for (ids = (const m_ints *)((const char *)w + r->ids), i = 0; i < ids->n; i++)
            push(v, l, name, term_value(v, r->voc, (size_t)ids->v[i], fb));
}

val *facets_ws(view *v, const m_ws *w, int *fb)
{
    val *l = val_new_list(v->a);
    size_t r;
    for (r = 0; r < NROWS; r++)
        row_values(v, &rows[r], w, l, fb);
    return l;
}

/* The "values" object of row r: every value a workstream may have, keyed as URLs name them. */
static void json_values(view *v, const facet_row *r, json_w *j, int *fb)
{
    const m_site *s = v->sc->m;
    size_t i, g;
    json_begin_object(j);
    if (r->kind == FC_PLAN)
        for (i = 0; i < s->nplans; i++) {
            json_key(j, s->plans[i]->slug);
            json_string(j, ctx_text(v, s->plans[i]->title, fb));
        }
    else if (r->kind == FC_GROUP)
        for (i = 0; i < s->nplans; i++)
            for (g = 0; g < s->plans[i]->ngroups; g++) {
                json_key(j, s->plans[i]->groups[g].id);
                json_string(j, ctx_text(v, s->plans[i]->groups[g].title, fb));
            }
    else
        for (i = 0; i < s->vocab[r->voc].n; i++) {
            json_key(j, s->vocab[r->voc].terms[i].id);
            json_string(j, term_value(v, r->voc, i, fb));
        }
    json_key(j, "not-stated");
    json_string(j, ctx_t(v, "not_stated"));
    json_end_object(j);
}

val *facets_json(view *v, int *fb)
{
    buf b;
    json_w j;
    size_t r;
    val *out;
    buf_init(&b);
    json_init(&j, &b);
    json_begin_array(&j);
    for (r = 0; r < NROWS; r++) {
        json_begin_object(&j);
        json_key(&j, "id");
        json_string(&j, rows[r].id ? rows[r].id : voc_desc_of(rows[r].voc)->facet);
        json_key(&j, "name");
        json_string(&j, ctx_t(v, rows[r].name_key));
        json_key(&j, "values");
        json_values(v, &rows[r], &j, fb);
        json_end_object(&j);
    }
    json_end_array(&j);
    out = val_new_string(v->a, buf_cstr(&b), b.len);
    buf_free(&b);
    return out;
}
