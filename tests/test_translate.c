/* translate/status: the states of translations against their originals and the lock (untracked,
 * up to date, outdated, missing; a segment left out on purpose), mark, and tr_check's warning and
 * the flag on the model's body that makes the page's notice. */
#include "site_fixture.h"
#include "harness.h"
#include "translate/status.h"
#include <stdlib.h>

static tr_doc *doc(tr_set *t, const char *key)
{
    return t ? tr_find(t, key, "en") : NULL;
}

static tr_state seg_state(const tr_doc *d, const char *id)
{
    size_t i;
    for (i = 0; d && i < d->n; i++)
        if (!strcmp(d->segs[i].orig->id, id))
            return d->segs[i].state;
    return (tr_state)-1;
}

static void test_states(void)
{
    char *dir = fx_site(0);
    diag_list *d = diag_list_new();
    tr_set *t = tr_load(dir, d);
    tr_doc *datos = doc(t, "plans/2024-2025/01-datos");
    CHECK(fx_no_errors(d));
    CHECK(datos && datos->state == TRF_UNTRACKED);
    CHECK(doc(t, "plans/2024-2025/02-retorno") &&
          doc(t, "plans/2024-2025/02-retorno")->state == TRF_MISSING);
    CHECK_SIZE(doc(t, "plans/2024-2025/02-retorno")->words, 5);   /* "Retorno digno" + 3 */
    CHECK_INT(tr_mark(t, NULL, 0, 1, d, stderr), 0);
    CHECK(datos->state == TRF_UP_TO_DATE);
    tr_free(t);
    /* the original changes one item and drops nothing; the translation leaves out its timeline */
    fx_put(dir, "content/plans/2024-2025/01-datos.es.md",
           "---\ntitle: \"Datos para las políticas\"\npurpose: \"Mejorar los *datos*.\"\n"
           "timeline: \"2024\"\nactivities:\n  - text: \"Elaborar una guía <b>técnica</b>.\"\n"
           "    items: [\"primer punto\", \"segundo punto, revisado\"]\n"
           "    timeline: \"Primer semestre\"\n  - text: \"Organizar talleres.\"\n---\n"
           "Resultados esperados: mejores datos.\n\nUn párrafo nuevo.\n");
    t = tr_load(dir, d);
    datos = doc(t, "plans/2024-2025/01-datos");
    CHECK(datos && datos->state == TRF_OUTDATED);
    CHECK_INT(seg_state(datos, "activity-1.item-2"), TR_OUTDATED);
    CHECK_INT(seg_state(datos, "activity-1.item-1"), TR_OK);
    CHECK_INT(seg_state(datos, "block-2"), TR_MISSING);
    CHECK_SIZE(datos ? datos->todo : 0, 2);
    {
        char a0[] = "content/plans/2024-2025/01-datos.en.md", *args[] = {a0};
        CHECK_INT(tr_mark(t, args, 1, 0, d, stderr), 0);
        CHECK(datos->state == TRF_UP_TO_DATE);
        /* recorded while absent: a segment left out on purpose stays up to date */
        CHECK_INT(seg_state(datos, "block-2"), TR_OK);
    }
    {
        char b0[] = "content/plans/2024-2025/01-datos.es.md", *bad[] = {b0};
        CHECK_INT(tr_mark(t, bad, 1, 0, d, stderr), -1);
        CHECK(fx_find(d, "not a translation of this site") >= 0);
    }
    tr_free(t);
    diag_list_free(d);
    fx_remove(dir);
}

static void test_check(void)
{
    char *dir = fx_site(0);
    diag_list *d = diag_list_new();
    m_site *m = NULL;
    tr_set *t = tr_load(dir, d);
    size_t i;
    m_ws *ws = NULL;
    CHECK_INT(tr_mark(t, NULL, 0, 1, d, stderr), 0);
    tr_free(t);
    fx_put(dir, "content/plans/2024-2025/plan.es.md",
           "---\ntitle: \"Plan 2024-2025\"\n---\nOtro texto.\n");
    diag_clear(d);
    m = fx_load(dir, 0, d);
    diag_clear(d);
    tr_check(m, d);
    CHECK_SIZE(diag_warnings(d), 1);
    CHECK_CONTAINS(fx_diag(d, "outdated"), "plans/2024-2025/plan.en.md: warning: outdated "
                   "translation: the Spanish original changed since (");
    CHECK(m && m->nplans == 1 && m->plans[0]->body[1].outdated);
    CHECK(m && !m->plans[0]->body[0].outdated);
    for (i = 0; m && i < m->plans[0]->nws; i++)
        if (!strcmp(m->plans[0]->ws[i]->slug, "01-datos"))
            ws = m->plans[0]->ws[i];
    CHECK(ws && !ws->body[1].outdated);
    model_free(m);
    diag_list_free(d);
    fx_remove(dir);
}

int main(void)
{
    test_states();
    test_check();
    return h_done();
}
