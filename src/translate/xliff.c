#include "xliff.h"
#include "../util/buf.h"
#include "../util/fs.h"
#include "../util/mem.h"
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#define XLIFF_NS "urn:oasis:names:tc:xliff:document:1.2"
#define PLANSITE_NS "urn:plansite:xliff:1"

typedef const xmlChar *X;

/* ---- export ---- */

static int wants(const tr_seg *s, int all)
{
    return all || s->state != TR_OK;
}

static void write_unit(xmlTextWriterPtr w, const tr_set *t, const tr_doc *doc, const tr_seg *s)
{
    char *id = xmalloc(strlen(doc->key) + strlen(s->orig->id) + 2);
    sprintf(id, "%s#%s", doc->key, s->orig->id);
    xmlTextWriterStartElement(w, (X) "trans-unit");
    xmlTextWriterWriteAttribute(w, (X) "id", (X)id);
    xmlTextWriterWriteAttribute(w, (X) "plansite:hash", (X)s->hash);
    xmlTextWriterWriteAttribute(w, (X) "xml:space", (X) "preserve");
    xmlTextWriterWriteElement(w, (X) "source", (X)s->orig->text);
    if (s->trans) {
        xmlTextWriterStartElement(w, (X) "target");
        xmlTextWriterWriteAttribute(w, (X) "state", (X)(s->state == TR_OK
                                                            ? "translated"
                                                            : "needs-review-translation"));
        xmlTextWriterWriteString(w, (X)s->trans->text);
        xmlTextWriterEndElement(w);
    }
    xmlTextWriterStartElement(w, (X) "note");
    xmlTextWriterWriteAttribute(w, (X) "from", (X) "plansite");
    xmlTextWriterWriteFormatString(w, "content/%s: %s (the original: content/%s.%s.md:%u)%s",
                                   doc->trans_rel, s->orig->label, doc->key, t->langs[0],
                                   s->orig->line, s->state == TR_OUTDATED
                                       ? "; the original changed since it was translated" : "");
    xmlTextWriterEndElement(w);
    xmlTextWriterEndElement(w);
    free(id);
}

static size_t write_doc(xmlTextWriterPtr w, const tr_set *t, const tr_doc *doc, int all)
{
    size_t i, n = 0;
    char orig[4096];
    for (i = 0; i < doc->n; i++)
        n += wants(&doc->segs[i], all);
    if (!n)
        return 0;
    snprintf(orig, sizeof orig, "content/%s.%s.md", doc->key, t->langs[0]);
    xmlTextWriterStartElement(w, (X) "file");
    xmlTextWriterWriteAttribute(w, (X) "original", (X)orig);
    xmlTextWriterWriteAttribute(w, (X) "source-language", (X)t->langs[0]);
    xmlTextWriterWriteAttribute(w, (X) "target-language", (X)doc->lang);
    xmlTextWriterWriteAttribute(w, (X) "datatype", (X) "plaintext");
    xmlTextWriterStartElement(w, (X) "body");
    for (i = 0; i < doc->n; i++)
        if (wants(&doc->segs[i], all))
            write_unit(w, t, doc, &doc->segs[i]);
    xmlTextWriterEndElement(w);
    xmlTextWriterEndElement(w);
    return n;
}

static int lang_ok(const tr_set *t, const char *lang)
{
    size_t li;
    for (li = 1; li < t->nlangs; li++)
        if (!strcmp(t->langs[li], lang))
            return 1;
    return 0;
}

int xliff_export(const tr_set *t, const char *lang, int all, const char *out_path,
                 size_t *units, diag_list *d)
{
    xmlBufferPtr xb = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(xb, 0);
    size_t i, n = 0;
    int rc = -1;
    if (!lang_ok(t, lang)) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "--lang %s: not a language to translate into (the "
                 "site's are %s%s%s)", lang, t->langs[0], t->nlangs > 1 ? ", " : "",
                 t->nlangs > 1 ? t->langs[1] : "");
        goto out;
    }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, (X) "  ");
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    xmlTextWriterStartElement(w, (X) "xliff");
    xmlTextWriterWriteAttribute(w, (X) "version", (X) "1.2");
    xmlTextWriterWriteAttribute(w, (X) "xmlns", (X)XLIFF_NS);
    xmlTextWriterWriteAttribute(w, (X) "xmlns:plansite", (X)PLANSITE_NS);
    for (i = 0; i < t->n; i++)
        if (!strcmp(t->docs[i].lang, lang))
            n += write_doc(w, t, &t->docs[i], all);
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    w = NULL;
    if (!xb->use || xb->content[xb->use - 1] != '\n')
        xmlBufferCCat(xb, "\n");
    if (units)
        *units = n;
    if (!out_path)
        rc = fwrite(xb->content, 1, xb->use, stdout) == xb->use ? 0 : -1;
    else if ((rc = lock_write_atomic(out_path, (const char *)xb->content, xb->use)) != 0)
        diag_add(d, DIAG_ERROR, out_path, 0, 0, "cannot write: %s", strerror(errno));
out:
    if (w)
        xmlFreeTextWriter(w);
    xmlBufferFree(xb);
    return rc;
}

/* ---- import: reading ---- */

/* One segment to change in one translation. */
typedef struct change {
    const tr_seg *seg;
    char *text;              /* the target */
    int write;               /* differs from the translation: write it (else only mark) */
} change;

typedef struct doc_changes {
    tr_doc *doc;
    change *v;
    size_t n, cap;
    char *data;              /* the new file, when it changes */
    size_t len;
} doc_changes;

typedef struct importer {
    tr_set *t;
    const char *path;
    diag_list *d;
    doc_changes *docs;       /* one per translation touched */
    size_t n, cap;
    size_t units, skipped;
} importer;

static int is_el(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, (X)name);
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    for (n = n->children; n; n = n->next)
        if (is_el(n, name))
            return n;
    return NULL;
}

static void unit_error(importer *im, xmlNodePtr n, const char *id, const char *msg)
{
    diag_add(im->d, DIAG_ERROR, im->path, (unsigned)xmlGetLineNo(n), 0, "trans-unit '%s': %s",
             id ? id : "(no id)", msg);
}

static doc_changes *changes_of(importer *im, tr_doc *doc)
{
    size_t i;
    for (i = 0; i < im->n; i++)
        if (im->docs[i].doc == doc)
            return &im->docs[i];
    if (im->n == im->cap) {
        im->cap = im->cap ? im->cap * 2 : 16;
        im->docs = xrealloc(im->docs, im->cap * sizeof *im->docs);
    }
    memset(&im->docs[im->n], 0, sizeof *im->docs);
    im->docs[im->n].doc = doc;
    return &im->docs[im->n++];
}

static const tr_seg *seg_of(const tr_doc *doc, const char *id)
{
    size_t i;
    for (i = 0; i < doc->n; i++)
        if (!strcmp(doc->segs[i].orig->id, id))
            return &doc->segs[i];
    return NULL;
}

/* Text without trailing line breaks (blocks), malloc'd. */
static char *trimmed(const char *s, int block)
{
    size_t n = strlen(s);
    while (block && n && strchr("\r\n", s[n - 1]))
        n--;
    return xstrndup(s, n);
}

static void add_change(importer *im, xmlNodePtr unit, const char *id, tr_doc *doc,
                       const tr_seg *s, const char *target, const char *state)
{
    doc_changes *dc = NULL;
    char *text = trimmed(target, s->orig->in_body);
    int needs = state && (!strncmp(state, "needs-", 6) || !strcmp(state, "new"));
    int same = s->trans && !strcmp(s->trans->text, text);
    size_t i;
    if (!*text || (same && (needs || s->state == TR_OK))) {
        im->skipped++;          /* nothing to translate, not confirmed, or already up to date */
        free(text);
        return;
    }
    dc = changes_of(im, doc);
    for (i = 0; i < dc->n; i++)
        if (dc->v[i].seg == s) {
            unit_error(im, unit, id, "the file has this unit twice");
            free(text);
            return;
        }
    if (dc->n == dc->cap) {
        dc->cap = dc->cap ? dc->cap * 2 : 16;
        dc->v = xrealloc(dc->v, dc->cap * sizeof *dc->v);
    }
    dc->v[dc->n].seg = s;
    dc->v[dc->n].text = text;
    dc->v[dc->n].write = !same;
    dc->n++;
}

static void read_unit(importer *im, xmlNodePtr unit, const char *lang)
{
    char *id = (char *)xmlGetProp(unit, (X) "id");
    char *hash = (char *)xmlGetNsProp(unit, (X) "hash", (X)PLANSITE_NS);
    char *hashp = id ? strrchr(id, '#') : NULL, *target = NULL, *state = NULL;
    xmlNodePtr tn = child(unit, "target");
    tr_doc *doc = NULL;
    const tr_seg *s = NULL;
    im->units++;
    if (hashp) {
        *hashp = '\0';
        doc = tr_find(im->t, id, lang);
        s = doc ? seg_of(doc, hashp + 1) : NULL;
        *hashp = '#';
    }
    if (!s)
        unit_error(im, unit, id, "unknown id: no such segment in the site's originals");
    else if (doc->broken)
        unit_error(im, unit, id, "its translation file does not read (see the error above): "
                   "fix it first");
    else if (!hash)
        unit_error(im, unit, id, "no plansite:hash attribute (export the file with 'plansite "
                   "translations export')");
    else if (strcmp(hash, s->hash))
        unit_error(im, unit, id, "the original changed since the export: export again and "
                   "translate the new text");
    else if (tn) {
        target = (char *)xmlNodeGetContent(tn);
        state = (char *)xmlGetProp(tn, (X) "state");
        add_change(im, unit, id, doc, s, target ? target : "", state);
    } else
        im->skipped++;
    xmlFree(id);
    xmlFree(hash);
    xmlFree(target);
    xmlFree(state);
}

/* Units directly in n or in its <group>s. */
static void read_units(importer *im, xmlNodePtr n, const char *lang)
{
    for (n = n->children; n; n = n->next)
        if (is_el(n, "trans-unit"))
            read_unit(im, n, lang);
        else if (is_el(n, "group"))
            read_units(im, n, lang);
}

static void read_file_el(importer *im, xmlNodePtr f)
{
    char *src = (char *)xmlGetProp(f, (X) "source-language");
    char *tgt = (char *)xmlGetProp(f, (X) "target-language");
    xmlNodePtr body = child(f, "body");
    if (!src || strcmp(src, im->t->langs[0]))
        diag_add(im->d, DIAG_ERROR, im->path, (unsigned)xmlGetLineNo(f), 0, "<file>: "
                 "source-language must be '%s' (the originals' language), not '%s'",
                 im->t->langs[0], src ? src : "");
    else if (!tgt || !lang_ok(im->t, tgt))
        diag_add(im->d, DIAG_ERROR, im->path, (unsigned)xmlGetLineNo(f), 0, "<file>: "
                 "target-language '%s' is not one of the site's translations", tgt ? tgt : "");
    else if (body)
        read_units(im, body, tgt);
    xmlFree(src);
    xmlFree(tgt);
}

static int read_xliff(importer *im, xmlDocPtr x)
{
    xmlNodePtr root = xmlDocGetRootElement(x), n;
    char *version = root ? (char *)xmlGetProp(root, (X) "version") : NULL;
    if (!root || !is_el(root, "xliff") || !version || strcmp(version, "1.2")) {
        diag_add(im->d, DIAG_ERROR, im->path, root ? (unsigned)xmlGetLineNo(root) : 1, 0,
                 "not an XLIFF 1.2 file (expected <xliff version=\"1.2\">)");
        xmlFree(version);
        return -1;
    }
    xmlFree(version);
    for (n = root->children; n; n = n->next)
        if (is_el(n, "file"))
            read_file_el(im, n);
    return diag_errors(im->d) ? -1 : 0;
}

/* ---- import: the new files ---- */

/* A field the translation lacks inside an activity, a group or a list (a new item of the
 * original): it cannot be added in place, so the front matter is made again from the original's. */
static int needs_restructure(const tr_doc *doc, const char *const *ids, size_t k)
{
    size_t i;
    for (i = 0; doc->trans && i < k; i++)
        if (strncmp(ids[i], "block-", 6) && !seg_find(doc->trans, ids[i]) &&
            (strchr(ids[i], '.') || strchr(ids[i], '-')))
            return 1;
    return 0;
}

static const char *text_for(const seg *o, const tr_doc *doc, const char *const *ids,
                            const char *const *texts, size_t k)
{
    size_t i;
    for (i = 0; i < k; i++)
        if (!strcmp(ids[i], o->id))
            return texts[i];
    return seg_find(doc->trans, o->id) ? seg_find(doc->trans, o->id)->text : o->text;
}

/* The translation with the original's front matter, every value of it the target, else the
 * translation's own, else the original's (left to translate); the body edited in place. */
static char *restructure(const tr_doc *doc, const char *const *ids, const char *const *texts,
                         size_t k, size_t *len, char **err)
{
    const seg_file *o = doc->orig;
    const char **fi = xcalloc(o->n + k + 1, sizeof *fi), **ft = xcalloc(o->n + k + 1, sizeof *ft);
    size_t i, nf = 0, nb = 0, fl = 0, bl = 0;
    char *fm = NULL, *body = NULL, *out = NULL;
    seg_file *fmf = NULL, *bf = NULL;
    diag_list *quiet = diag_list_new();
    buf b;
    buf_init(&b);
    for (i = 0; i < o->n; i++)
        if (!o->v[i].in_body) {
            fi[nf] = o->v[i].id;
            ft[nf++] = text_for(&o->v[i], doc, ids, texts, k);
        }
    for (i = 0; i < k; i++)
        if (!strncmp(ids[i], "block-", 6)) {
            fi[o->n + nb] = ids[i];
            ft[o->n + nb++] = texts[i];
        }
    if (!(fm = seg_rewrite(o, fi, ft, nf, NULL, &fl, err)) ||
        !(body = seg_rewrite(doc->trans, fi + o->n, ft + o->n, nb, o, &bl, err)))
        goto out;
    fmf = seg_file_parse(doc->trans_path, fm, fl, quiet);
    bf = seg_file_parse(doc->trans_path, body, bl, quiet);
    if (!fmf || !bf) {
        *err = xstrdup("the new front matter does not read back");
        goto out;
    }
    buf_append(&b, body, bf->fm_start);
    buf_append(&b, fm + fmf->fm_start, fmf->fm_end - fmf->fm_start);
    buf_append(&b, body + bf->fm_end, bl - bf->fm_end);
    out = buf_detach(&b, len);
out:
    diag_list_free(quiet);
    buf_free(&b);
    seg_file_free(fmf);
    seg_file_free(bf);
    free(fm);
    free(body);
    free(fi);
    free(ft);
    return out;
}

/* The new bytes of one translation (from the original's when it does not exist yet), checked by
 * reading them back. 0, or -1 after an error. */
static int build_file(importer *im, doc_changes *dc)
{
    const tr_doc *doc = dc->doc;
    const seg_file *base = doc->trans ? doc->trans : doc->orig;
    const char **ids = xcalloc(dc->n + 1, sizeof *ids), **texts = xcalloc(dc->n + 1,
                                                                          sizeof *texts);
    size_t i, k = 0;
    char *err = NULL;
    seg_file *back = NULL;
    int rc = -1;
    for (i = 0; i < dc->n; i++)
        if (dc->v[i].write) {
            ids[k] = dc->v[i].seg->orig->id;
            texts[k++] = dc->v[i].text;
        }
    if (!k) {
        rc = 0;
        goto out;
    }
    if (needs_restructure(doc, ids, k))
        dc->data = restructure(doc, ids, texts, k, &dc->len, &err);
    else
        dc->data = seg_rewrite(base, ids, texts, k, doc->orig, &dc->len, &err);
    if (!dc->data) {
        diag_add(im->d, DIAG_ERROR, doc->trans_path, 0, 0, "cannot import into it: %s", err);
        goto out;
    }
    back = seg_file_parse(doc->trans_path, dc->data, dc->len, im->d);
    for (i = 0; back && i < k; i++)
        if (!seg_find(back, ids[i]) || strcmp(seg_find(back, ids[i])->text, texts[i])) {
            diag_add(im->d, DIAG_ERROR, doc->trans_path, 0, 0, "cannot import '%s' into it: "
                     "the text would not read back the same", ids[i]);
            goto out;
        }
    rc = back ? 0 : -1;
out:
    seg_file_free(back);
    free(err);
    free(ids);
    free(texts);
    return rc;
}

/* The lock's new record for one translation: the segments imported, and those already up to
 * date as they were. */
static void relock(importer *im, doc_changes *dc)
{
    tr_doc *doc = dc->doc;
    const char **ids = xcalloc(doc->n + 1, sizeof *ids), **hashes = xcalloc(doc->n + 1,
                                                                            sizeof *hashes);
    size_t i, j, k = 0;
    for (i = 0; i < doc->n; i++) {
        const tr_seg *s = &doc->segs[i];
        const char *rec = lock_get(im->t->lock, doc->trans_rel, s->orig->id), *h = NULL;
        for (j = 0; j < dc->n; j++)
            if (dc->v[j].seg == s)
                h = s->hash;
        if (!h)
            h = s->state == TR_OK ? (rec ? rec : s->hash) : rec;
        if (h) {
            ids[k] = s->orig->id;
            hashes[k++] = h;
        }
    }
    /* the strings are copied: read them all before the record is replaced */
    {
        char **idc = xcalloc(k + 1, sizeof *idc), **hc = xcalloc(k + 1, sizeof *hc);
        for (i = 0; i < k; i++) {
            idc[i] = xstrdup(ids[i]);
            hc[i] = xstrdup(hashes[i]);
        }
        lock_set_file(im->t->lock, doc->trans_rel, (const char *const *)idc,
                      (const char *const *)hc, k);
        for (i = 0; i < k; i++) {
            free(idc[i]);
            free(hc[i]);
        }
        free(idc);
        free(hc);
    }
    free(ids);
    free(hashes);
}

static int unchanged_on_disk(const doc_changes *dc)
{
    const seg_file *cur = dc->doc->trans;
    return cur && cur->len == dc->len && !memcmp(cur->data, dc->data, dc->len);
}

static int write_all(importer *im, size_t *written)
{
    size_t i;
    for (i = 0; i < im->n; i++) {
        doc_changes *dc = &im->docs[i];
        if (!dc->data || unchanged_on_disk(dc))
            continue;
        if (lock_write_atomic(dc->doc->trans_path, dc->data, dc->len) != 0) {
            diag_add(im->d, DIAG_ERROR, dc->doc->trans_path, 0, 0, "cannot write: %s",
                     strerror(errno));
            return -1;
        }
        (*written)++;
    }
    for (i = 0; i < im->n; i++)
        relock(im, &im->docs[i]);
    return lock_save(im->t->lock, im->t->lock_path, NULL, im->d);
}

static xmlDocPtr parse_xml(const char *path, diag_list *d)
{
    xmlDocPtr x = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return NULL;
    }
    fclose(f);
    x = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!x) {
        const xmlError *e = xmlGetLastError();
        size_t n;
        char msg[512];
        snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "cannot read it");
        n = strlen(msg);
        while (n && msg[n - 1] == '\n')
            msg[--n] = '\0';
        diag_add(d, DIAG_ERROR, path, e ? (unsigned)e->line : 0, e ? (unsigned)e->int2 : 0,
                 "malformed XLIFF: %s", msg);
    }
    return x;
}

int xliff_import(tr_set *t, const char *path, diag_list *d, FILE *out)
{
    importer im;
    xmlDocPtr x = parse_xml(path, d);
    size_t i, j, written = 0;
    int rc = -1;
    memset(&im, 0, sizeof im);
    im.t = t;
    im.path = path;
    im.d = d;
    if (!x || read_xliff(&im, x) != 0)
        goto out;
    for (i = 0; i < im.n; i++)
        build_file(&im, &im.docs[i]);
    if (diag_errors(d) || write_all(&im, &written) != 0)
        goto out;
    fprintf(out, "imported %zu of %zu units (%zu left: no target, not confirmed, or up to "
            "date); %zu file%s written\n", im.units - im.skipped, im.units, im.skipped, written,
            written == 1 ? "" : "s");
    rc = 0;
out:
    for (i = 0; i < im.n; i++) {
        for (j = 0; j < im.docs[i].n; j++)
            free(im.docs[i].v[j].text);
        free(im.docs[i].v);
        free(im.docs[i].data);
    }
    free(im.docs);
    if (x)
        xmlFreeDoc(x);
    return rc;
}
