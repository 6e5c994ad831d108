#include "val_tpl.h"
#include "value.h"
#include <string.h>

static tpl_kind vt_kind(const void *node)
{
    switch (val_kind_of(node)) {
    case VAL_BOOL: return TPL_BOOL;
    case VAL_NUMBER: return TPL_NUMBER;
    case VAL_STRING: return TPL_STRING;
    case VAL_LIST: return TPL_LIST;
    case VAL_MAP: return TPL_MAP;
    default: return TPL_NULL;
    }
}

static int vt_boolean(const void *node)
{
    return val_bool(node);
}

/* Numbers print in their shortest form (1.210 -> "1.21"), made when the node was. */
static const char *vt_text(const void *node, size_t *len)
{
    if (val_kind_of(node) == VAL_NUMBER)
        return val_num_text(node, len);
    return val_str(node, len);
}

static size_t vt_count(const void *list)
{
    return val_len(list);
}

static const void *vt_item(const void *list, size_t i)
{
    return val_at(list, i);
}

static const void *vt_get(const void *map, const char *key, size_t keylen)
{
    return val_getn(map, key, keylen);
}

const tpl_data *val_tpl_data(void)
{
    static const tpl_data ops = {vt_kind, vt_boolean, vt_text, vt_count, vt_item, vt_get};
    return &ops;
}
