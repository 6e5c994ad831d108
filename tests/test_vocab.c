/* content/vocab: the closed vocabularies of the base site, references to them by number and by
 * id (with the error for each kind of bad reference, at the reference's path:line:col), and the
 * checks made while loading a vocabulary file. */
#include "site_fixture.h"
#include "content/vocab.h"
#include "content/vocab_table.h"
#include "data/yaml_load.h"

/* Parse text as "ref.yaml" into the site's arena. */
static val *doc(m_site *s, const char *text, diag_list *d)
{
    return yaml_load_mem(s->arena, "ref.yaml", text, strlen(text), 0, d);
}

static void test_loaded(const m_site *s)
{
    const m_vocab *o = &s->vocab[VOC_OBJECTIVES], *e = &s->vocab[VOC_ENTITIES];
    CHECK_SIZE(o->n, 3);
    CHECK_INT(o->terms[2].number, 3);
    CHECK_STR(o->terms[2].id, "3");
    CHECK_STR(o->terms[0].title[0], "Recopilar y utilizar datos exactos");
    CHECK_STR(o->terms[0].title[1], "Collect and utilize accurate data");
    CHECK_STR(o->terms[1].short_[1], "Drivers");
    CHECK_SIZE(s->vocab[VOC_PRINCIPLES].n, 1);
    CHECK_STR(s->vocab[VOC_PRINCIPLES].terms[0].letter, "a");
    CHECK_SIZE(s->vocab[VOC_AREAS].n, 2);
    CHECK_SIZE(s->vocab[VOC_SDGS].n, 2);
    CHECK_SIZE(e->n, 3);
    CHECK_STR(e->terms[1].id, "unhcr");
    CHECK_STR(e->terms[1].short_[0], "ACNUR");
    CHECK_STR(e->terms[1].title[1], "United Nations High Commissioner for Refugees");
    CHECK_SIZE(s->vocab[VOC_STATUSES].n, 1);
    CHECK_SIZE(s->vocab[VOC_COUNTRIES].n, 2);
    CHECK_STR(s->vocab[VOC_COUNTRIES].terms[0].title[1], "Mexico");
    CHECK_STR(o->file, "objectives.yaml");
    CHECK_CONTAINS(o->terms[1].loc.path, "content/data/objectives.yaml");
    CHECK_INT(o->terms[1].loc.line, 4);
    CHECK_INT(e->terms[2].loc.line, 9);
    /* the entity index's groups: iom and unhcr are "un", ilo states none */
    CHECK_INT(e->terms[0].group, ENT_GROUP_UN);
    CHECK_INT(e->terms[1].group, ENT_GROUP_UN);
    CHECK_INT(e->terms[2].group, ENT_GROUP_NONE);
    CHECK_INT(o->terms[0].group, ENT_GROUP_NONE);
}

static void test_refs(m_site *s)
{
    diag_list *d = diag_list_new();
    val *m = doc(s, "o: [3, 1]\nbad: [0, 4, 1.5, x]\ne: [ilo, iom]\n"
                    "u: [unhcrr, 7]\ntwice: [2, 2]\nnone: ~\nnotlist: 3\nempty: []\n", d);
    m_ints out;
    CHECK_INT(vocab_refs(s, VOC_OBJECTIVES, m, "o", &out, d), 1);
    CHECK_SIZE(out.n, 2);
    if (out.n == 2) {
        CHECK_INT(out.v[0], 2);
        CHECK_INT(out.v[1], 0);
    }
    CHECK_INT(vocab_refs(s, VOC_ENTITIES, m, "e", &out, d), 1);
    CHECK_SIZE(out.n, 2);
    if (out.n == 2) {
        CHECK_INT(out.v[0], 2);
        CHECK_INT(out.v[1], 0);
    }
    CHECK_INT(vocab_refs(s, VOC_AREAS, m, "empty", &out, d), 1);
    CHECK_SIZE(out.n, 0);
    CHECK_INT(vocab_refs(s, VOC_AREAS, m, "none", &out, d), 0);
    CHECK_INT(vocab_refs(s, VOC_AREAS, m, "absent", &out, d), 0);
    CHECK(fx_no_errors(d));
    /* every bad reference is one error at that reference; the good ones are kept */
    CHECK_INT(vocab_refs(s, VOC_OBJECTIVES, m, "bad", &out, d), 1);
    CHECK_SIZE(diag_errors(d), 4);
    CHECK_SIZE(out.n, 0);
    CHECK_CONTAINS(fx_diag(d, "ref.yaml:2:7: bad: "), "0");
    CHECK_CONTAINS(fx_diag(d, "ref.yaml:2:10: bad: "), "4");
    CHECK_CONTAINS(fx_diag(d, "ref.yaml:2:13: bad: "), "1.5");
    CHECK_STR(fx_diag(d, "ref.yaml:2:18:"), "ref.yaml:2:18: bad: expected objective numbers, not 'x'");
    diag_clear(d);
    CHECK_INT(vocab_refs(s, VOC_ENTITIES, m, "u", &out, d), 1);
    CHECK_SIZE(diag_errors(d), 2);
    CHECK_CONTAINS(fx_diag(d, "ref.yaml:4:5: u: entity 'unhcrr' is not in content/data/entities.yaml"),
                   "unhcr'"); /* a suggestion (its wording left free) */
    CHECK_STR(fx_diag(d, "ref.yaml:4:13:"), "ref.yaml:4:13: u: expected entity ids, not a number");
    diag_clear(d);
    CHECK_INT(vocab_refs(s, VOC_OBJECTIVES, m, "twice", &out, d), 1);
    CHECK_SIZE(out.n, 1);
    CHECK_SIZE(diag_errors(d), 1);
    CHECK(fx_find(d, "ref.yaml:5:12: twice: ") == 0);
    diag_clear(d);
    CHECK_INT(vocab_refs(s, VOC_OBJECTIVES, m, "notlist", &out, d), 0);
    CHECK_STR(fx_diag(d, "ref.yaml"), "ref.yaml:7:10: notlist must be a list, not a number");
    diag_clear(d);
    /* one reference */
    CHECK_INT(vocab_ref(s, VOC_SDGS, val_at(val_get(m, "o"), 1), "sdg", d), 0);
    CHECK_INT(vocab_ref(s, VOC_SDGS, val_at(val_get(m, "o"), 0), "sdg", d), -1);
    CHECK(fx_find(d, "ref.yaml:1:5: sdg: ") == 0);
    CHECK_INT(vocab_ref(s, VOC_STATUSES, val_at(val_get(m, "e"), 0), "status", d), -1);
    CHECK(fx_find(d, "ref.yaml:3:5: status: status 'ilo' is not in content/data/statuses.yaml") == 1);
    diag_list_free(d);
}

/* Load the base site with one vocabulary file replaced; the diagnostics in d. */
static m_site *load_with(const char *file, const char *text, diag_list *d)
{
    char *dir = fx_site(0), *rel = NULL;
    m_site *s;
    if (asprintf(&rel, "content/data/%s", file) < 0)
        exit(2);
    if (text)
        fx_put(dir, rel, text);
    else
        fx_del(dir, rel);
    s = fx_load(dir, 0, d);
    free(rel);
    fx_remove(dir);
    return s;
}

static void test_load_errors(void)
{
    diag_list *d = diag_list_new();
    m_site *s;
    s = load_with("entities.yaml",
                  "- id: iom\n  es: {acronym: OIM, name: OIM}\n"
                  "- id: Bad_Id\n  es: {name: x}\n  en: {name: x}\n"
                  "- id: iom\n  es: {name: y}\n  en: {name: y}\n"
                  "- {id: ok, es: {name: z}, en: {name: z}, colour: red}\n"
                  "- just text\n", d);
    CHECK(s != NULL);
    /* iom lacks its English text: a warning at the entry */
    CHECK_STR(fx_diag(d, "missing translation"),
              "content/data/entities.yaml:1:3: warning: missing translation: entity 'iom' has no 'en' text");
    CHECK_CONTAINS(fx_diag(d, "Bad_Id"), "content/data/entities.yaml:3:7: id: 'Bad_Id' is not a valid id");
    CHECK_CONTAINS(fx_diag(d, "entities.yaml:6:7: id: "), "iom");  /* duplicate (wording free) */
    CHECK_CONTAINS(fx_diag(d, "colour"), "content/data/entities.yaml:9:50: unknown field 'colour'");
    CHECK_CONTAINS(fx_diag(d, "must be a map"), "content/data/entities.yaml:10:3: entity must be a map");
    if (s) {
        CHECK_SIZE(s->vocab[VOC_ENTITIES].n, 2); /* iom and ok */
        CHECK_STR(s->vocab[VOC_ENTITIES].terms[1].id, "ok");
    }
    model_free(s);
    diag_clear(d);
    /* group: a closed list, each bad value one error at the value naming the entry and the list;
     * the entry itself is kept, without a group */
    s = load_with("entities.yaml",
                  "- {id: a, group: un, es: {name: a}, en: {name: a}}\n"
                  "- {id: b, group: other, es: {name: b}, en: {name: b}}\n"
                  "- {id: c, group: UN, es: {name: c}, en: {name: c}}\n"
                  "- {id: d, group: 3, es: {name: d}, en: {name: d}}\n"
                  "- {id: e, group: [un], es: {name: e}, en: {name: e}}\n"
                  "- {id: f, group: ~, es: {name: f}, en: {name: f}}\n", d);
    {
        size_t i, n = 0;   /* (the base site's references to iom, unhcr, ilo fail too) */
        for (i = 0; i < diag_count(d); i++)
            n += strstr(diag_text(d, i), "].group: ") != NULL;
        CHECK_SIZE(n, 3);
    }
    CHECK_STR(fx_diag(d, "entities.yaml:3:"),
              "content/data/entities.yaml:3:18: entities[2].group: expected one of un, other (not 'UN')");
    CHECK_STR(fx_diag(d, "entities.yaml:4:"),
              "content/data/entities.yaml:4:18: entities[3].group: expected one of un, other (not a number)");
    CHECK_CONTAINS(fx_diag(d, "entities.yaml:5:"), "entities[4].group: expected one of un, other (not a list)");
    if (s) {
        const m_vocab *e = &s->vocab[VOC_ENTITIES];
        CHECK_SIZE(e->n, 6);
        if (e->n == 6) {
            CHECK_INT(e->terms[0].group, ENT_GROUP_UN);
            CHECK_INT(e->terms[1].group, ENT_GROUP_OTHER);
            CHECK_INT(e->terms[2].group, ENT_GROUP_NONE);
            CHECK_INT(e->terms[5].group, ENT_GROUP_NONE);
        }
    }
    CHECK_STR(vocab_ent_group_id(ENT_GROUP_OTHER), "other");
    CHECK(vocab_ent_group_id(ENT_GROUP_NONE) == NULL);
    model_free(s);
    diag_clear(d);
    /* group is an entity's field only */
    s = load_with("statuses.yaml", "- {id: ongoing, group: un, es: {name: x}, en: {name: x}}\n", d);
    CHECK_CONTAINS(fx_diag(d, "statuses.yaml:1:"), "unknown field 'group'");
    model_free(s);
    diag_clear(d);
    s = load_with("objectives.yaml",
                  "- number: 2\n  es: {title: b}\n  en: {title: b}\n"
                  "- number: 7\n  es: {title: c}\n  en: {title: c}\n"
                  "- number: 0\n  es: {title: d}\n  en: {title: d}\n", d);
    /* 0 is out of the field's range; 7 of the file's; 1 and 3 are missing */
    CHECK(fx_find(d, "content/data/objectives.yaml:7:11: number: ") >= 0);
    CHECK(fx_find(d, "content/data/objectives.yaml:4:3: number: ") >= 0);
    CHECK_CONTAINS(fx_diag(d, " 1 is missing"), "content/data/objectives.yaml: objective 1");
    CHECK(fx_find(d, " 3 is missing") < 0); /* two entries loaded: 1 and 2 expected */
    if (s) {
        CHECK_SIZE(s->vocab[VOC_OBJECTIVES].n, 2);
        CHECK_STR(s->vocab[VOC_OBJECTIVES].terms[1].title[0], "b"); /* stored at number - 1 */
    }
    model_free(s);
    diag_clear(d);
    s = load_with("sdgs.yaml", NULL, d);
    CHECK(diag_errors(d) >= 1);
    CHECK(fx_find(d, "content/data/sdgs.yaml") >= 0);
    model_free(s);
    diag_clear(d);
    s = load_with("statuses.yaml", "id: ongoing\n", d);
    CHECK_STR(fx_diag(d, "statuses.yaml"),
              "content/data/statuses.yaml:1:1: statuses.yaml must be a list, not a map");
    model_free(s);
    diag_list_free(d);
}

/* key is a string of the default theme's table lang (es, en). */
static int has_string(const char *lang, const char *key)
{
    val_arena *a = val_arena_new();
    diag_list *d = diag_list_new();
    char path[512];
    const val *t;
    int ok;
    snprintf(path, sizeof path, "%s/themes/default/i18n/%s.yaml", PLANSITE_SOURCE_DIR, lang);
    t = yaml_load_file(a, path, d);
    ok = val_str(val_get(t, key), NULL) != NULL;
    diag_list_free(d);
    val_arena_free(a);
    return ok;
}

/* Every vocabulary's row is complete, its data file is bundled, and every string it names is in
 * both string tables; a row with pages has both templates in the theme. */
static void test_rows(void)
{
    static const char *const langs[] = {"es", "en"};
    char path[512];
    int k, pages = 0;
    size_t l;
    for (k = 0; k < VOC_COUNT; k++) {
        const voc_desc *r = voc_desc_of((m_vocab_kind)k);
        CHECK(r->facet && r->file && r->noun && r->title_key && r->noun_key && r->plural_key);
        snprintf(path, sizeof path, "%s/content/data/%s", PLANSITE_SOURCE_DIR, r->file);
        CHECK(fs_is_file(path));
        if (!voc_has_pages((m_vocab_kind)k))
            continue;
        pages++;
        CHECK(r->url_default && r->tpl_index && r->tpl_term);
        for (l = 0; l < 2; l++) {
            if (!has_string(langs[l], r->url_key) || !has_string(langs[l], r->noun_key) ||
                !has_string(langs[l], r->plural_key))
                CHECK_STR(r->facet, "(a row whose strings are in every table)");
        }
        snprintf(path, sizeof path, "%s/themes/default/templates/%s.mustache",
                 PLANSITE_SOURCE_DIR, r->tpl_term);
        CHECK(fs_is_file(path));
    }
    CHECK_INT(pages, 4);   /* objectives, areas, SDGs, entities */
    CHECK(!voc_has_pages(VOC_PRINCIPLES) && voc_has_pages(VOC_ENTITIES));
    CHECK_INT(voc_desc_of(VOC_ENTITIES)->pages_if_named, 1);
    CHECK_INT(voc_desc_of(VOC_OBJECTIVES)->handouts, 1);
}

int main(void)
{
    test_rows();
    char *dir = fx_site(0);
    diag_list *d = diag_list_new();
    m_site *s = fx_load(dir, 0, d);
    CHECK(s != NULL);
    CHECK(fx_no_errors(d));
    if (s) {
        test_loaded(s);
        test_refs(s);
    }
    model_free(s);
    diag_list_free(d);
    fx_remove(dir);
    test_load_errors();
    return h_done();
}
