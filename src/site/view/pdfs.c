#include "pdfs.h"
#include "../../util/fs.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *pdfs_size_text(view *v, long long bytes)
{
    char *s, *dot;
    if (bytes < 1000 * 1000)
        return val_arena_printf(v->a, "%lld kB", (bytes + 999) / 1000);
    s = val_arena_printf(v->a, "%.1f MB", (double)bytes / 1e6);
    dot = strchr(s, '.');
    if (dot && ctx_t(v, "decimal_mark")[0] == ',')
        *dot = ',';
    return s;
}

/* The PDF of handout in language li as {lang, name, url, size, current}, or NULL when the file
 * is not there. */
static val *pdf_item(view *v, const out_page *handout, size_t li)
{
    const char *url = out_pdf_url(&v->sc->urls, handout, li, v->a);
    char *path = NULL;
    struct stat st;
    val *m = NULL;
    if (!url)
        goto out;
    path = fs_join(v->sc->pdf_dir, url);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        goto out;
    m = val_new_map(v->a);
    val_map_set(v->a, m, "lang", ctx_str(v, v->sc->m->langs[li]));
    val_map_set(v->a, m, "name", ctx_str(v, i18n_get(v->sc->t, li, "lang_name")));
    val_map_set(v->a, m, "url", ctx_str(v, url));
    val_map_set(v->a, m, "size", ctx_str(v, pdfs_size_text(v, (long long)st.st_size)));
    val_map_set(v->a, m, "current", val_new_bool(v->a, li == v->li));
out:
    free(path);
    return m;
}

val *pdfs_list(view *v, const out_page *handout)
{
    val *l = val_new_list(v->a), *m;
    size_t k;
    if (!v->sc->pdf_dir)
        return l;
    if ((m = pdf_item(v, handout, v->li)))
        val_list_push(v->a, l, m);
    for (k = 0; k < v->sc->m->nlangs; k++)
        if (k != v->li && (m = pdf_item(v, handout, k)))
            val_list_push(v->a, l, m);
    return l;
}

