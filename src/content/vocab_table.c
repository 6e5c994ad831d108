#include "vocab_table.h"

/* The order of the rows with pages is the order of the navigation and of the URL sections. */
static const voc_desc descs[VOC_COUNT] = {
    [VOC_OBJECTIVES] = {"objectives", "objectives.yaml", "objective", 1, "title", "short",
                        "objective", "objectives", "url_objectives", "objectives", "terms",
                        "term", 0, 1},
    [VOC_PRINCIPLES] = {"principles", "principles.yaml", "guiding principle", 1, "title",
                        "short", "principle", "principles", NULL, NULL, NULL, NULL, 0, 0},
    [VOC_AREAS] = {"areas", "areas.yaml", "thematic area", 1, "title", "short", "area", "areas",
                   "url_areas", "thematic-areas", "terms", "term", 0, 0},
    [VOC_SDGS] = {"sdgs", "sdgs.yaml", "SDG", 1, "title", "short", "sdg", "sdgs", "url_sdgs",
                  "sdgs", "terms", "term", 0, 0},
    [VOC_ENTITIES] = {"entities", "entities.yaml", "entity", 0, "name", "acronym", "entity",
                      "entities", "url_entities", "entities", "entities", "entity", 1, 0},
    [VOC_STATUSES] = {"statuses", "statuses.yaml", "status", 0, "name", NULL, "entity",
                      "entities", NULL, NULL, NULL, NULL, 0, 0},
    [VOC_COUNTRIES] = {"countries", "countries.yaml", "country", 0, "name", NULL, "entity",
                       "entities", NULL, NULL, NULL, NULL, 0, 0},
};

const voc_desc *voc_desc_of(m_vocab_kind k)
{
    return &descs[k];
}

int voc_has_pages(m_vocab_kind k)
{
    return descs[k].url_key != NULL;
}
