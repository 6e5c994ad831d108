#define _POSIX_C_SOURCE 200809L
/* translate/segments and translate/lock: a text file's segments (ids, labels, texts, byte
 * ranges), the stable hash, rewriting values byte for byte, and the lock's format. */
#include "harness.h"
#include "translate/lock.h"
#include "translate/segments.h"
#include "util/fs.h"
#include "util/mem.h"
#include <stdlib.h>
#include <unistd.h>

static const char ws[] =
    "---\n"
    "title: \"Datos para las políticas\"\n"
    "purpose: Mejorar los *datos*.   # a comment\n"
    "activities:\n"
    "  - text: \"Elaborar una guía.\"\n"
    "    items: [\"primer punto\", 'segundo punto']\n"
    "    timeline: \"Primer semestre\"\n"
    "  - \"Organizar talleres.\"\n"
    "  - text: |\n"
    "      Línea uno\n"
    "      línea dos\n"
    "    reference: \"Objetivo 23\"\n"
    "---\n"
    "\n"
    "Primer párrafo\nsigue aquí.\n"
    "\n\n"
    "- uno\n- dos\n"
    "\n"
    "```\ncódigo\n\nmás código\n```\n";

static const char plan[] =
    "---\n"
    "title: \"Plan\"\n"
    "groups:\n"
    "  new:\n"
    "    title: \"Nuevos\"\n"
    "    description: \"Lineamientos nuevos.\"\n"
    "---\n";

static void test_ids(void)
{
    diag_list *d = diag_list_new();
    seg_file *f = seg_file_parse("x.es.md", ws, strlen(ws), d);
    static const char *const ids[] = {"title", "purpose", "activity-1.text", "activity-1.item-1",
                                      "activity-1.item-2", "activity-1.timeline", "activity-2",
                                      "activity-3.text", "activity-3.reference", "block-1",
                                      "block-2", "block-3"};
    size_t i;
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_SIZE(f->n, sizeof ids / sizeof *ids);
    for (i = 0; i < f->n && i < sizeof ids / sizeof *ids; i++)
        CHECK_STR(f->v[i].id, ids[i]);
    CHECK_STR(seg_find(f, "title")->text, "Datos para las políticas");
    CHECK_STR(seg_find(f, "purpose")->text, "Mejorar los *datos*.");
    CHECK_STR(seg_find(f, "activity-1.item-2")->text, "segundo punto");
    CHECK_STR(seg_find(f, "activity-3.text")->text, "Línea uno\nlínea dos\n");
    CHECK_STR(seg_find(f, "block-1")->text, "Primer párrafo\nsigue aquí.");
    CHECK_STR(seg_find(f, "block-3")->text, "```\ncódigo\n\nmás código\n```");
    CHECK_STR(seg_find(f, "activity-1.item-1")->label, "activity 1, item 1");
    CHECK_STR(seg_find(f, "activity-1.text")->label, "activity 1");
    CHECK_STR(seg_find(f, "block-2")->label, "paragraph 2");
    /* byte ranges are bytes, though libyaml counts characters (the accents before them) */
    {
        const seg *s = seg_find(f, "activity-1.item-1");
        CHECK_MEM(ws + s->start, s->end - s->start, "\"primer punto\"", 14);
        CHECK_INT(s->line, 6);
        s = seg_find(f, "purpose");
        CHECK_MEM(ws + s->start, s->end - s->start, "Mejorar los *datos*.", 20);
    }
    seg_file_free(f);
    f = seg_file_parse("plan.es.md", plan, strlen(plan), d);
    CHECK(f && seg_find(f, "group-new.description"));
    CHECK_STR(f ? seg_find(f, "group-new.title")->label : NULL, "group new, title");
    seg_file_free(f);
    CHECK_SIZE(diag_errors(d), 0);
    CHECK(seg_file_parse("bad.es.md", "title: x\n", 9, d) == NULL);
    CHECK(seg_file_parse("bad.es.md", "---\ntitle: [\n---\n", 17, d) == NULL);
    CHECK_SIZE(diag_errors(d), 2);
    diag_list_free(d);
}

static void test_hash(void)
{
    char hex[17];
    /* FNV-1a 64 reference values: stable across machines and versions */
    CHECK(seg_hash("", 0) == 0xcbf29ce484222325ULL);
    CHECK(seg_hash("a", 1) == 0xaf63dc4c8601ec8cULL);
    seg_hash_text("foobar", hex);
    CHECK_STR(hex, "85944171f73967e8");
    seg_hash_hex(0x00000000000000ffULL, hex);
    CHECK_STR(hex, "00000000000000ff");
    CHECK(seg_hash("Organizar talleres.", 19) != seg_hash("Organizar talleres!", 19));
    CHECK_SIZE(seg_words("  Elaborar una\nguía  *técnica*. "), 4);
    CHECK_SIZE(seg_words(""), 0);
}

static void test_rewrite(void)
{
    diag_list *d = diag_list_new();
    seg_file *f = seg_file_parse("x.en.md", ws, strlen(ws), d), *back = NULL;
    const char *ids[] = {"activity-1.item-1", "purpose", "block-2", "activity-3.text", "summary"};
    const char *texts[] = {"first \"point\"\\", "Better *data*.", "- one\n- two",
                           "Line one\nline two\n", "A summary."};
    char *err = NULL, *out;
    size_t len = 0;
    out = seg_rewrite(f, ids, texts, 5, NULL, &len, &err);
    CHECK(out != NULL);
    if (out) {
        CHECK_CONTAINS(out, "items: [\"first \\\"point\\\"\\\\\", 'segundo punto']\n");
        CHECK_CONTAINS(out, "purpose: \"Better *data*.\"   # a comment\n");
        CHECK_CONTAINS(out, "  - text: \"Line one\\nline two\\n\"\n    reference:");
        CHECK_CONTAINS(out, "summary: \"A summary.\"\n---\n\nPrimer");
        CHECK_CONTAINS(out, "\n\n\n- one\n- two\n\n```");
        back = seg_file_parse("x.en.md", out, len, d);
        CHECK(back && !strcmp(seg_find(back, "activity-1.item-1")->text, texts[0]));
        CHECK(back && !strcmp(seg_find(back, "activity-3.text")->text, texts[3]));
        CHECK(back && back->n == f->n + 1);
    }
    free(out);
    /* nothing changed: the same bytes */
    out = seg_rewrite(f, NULL, NULL, 0, NULL, &len, &err);
    CHECK(out && len == strlen(ws) && !memcmp(out, ws, len));
    free(out);
    /* a paragraph with an empty line, and a nested field the file lacks, are refused */
    ids[0] = "block-1";
    texts[0] = "one\n\ntwo";
    CHECK(seg_rewrite(f, ids, texts, 1, NULL, &len, &err) == NULL && err);
    free(err);
    ids[0] = "activity-2.timeline";
    texts[0] = "2024";
    CHECK(seg_rewrite(f, ids, texts, 1, NULL, &len, &err) == NULL && err);
    free(err);
    /* a paragraph past the last is appended; the one in between comes from fill */
    ids[0] = "block-5";
    texts[0] = "Fifth.";
    out = seg_rewrite(f, ids, texts, 1, NULL, &len, &err);
    CHECK(out == NULL);
    free(err);
    {
        const char more[] = "---\ntitle: \"t\"\n---\nA.\n\nB.\n\nC.\n\nD.\n\nE.\n";
        seg_file *fill = seg_file_parse("x.es.md", more, strlen(more), d);
        out = seg_rewrite(f, ids, texts, 1, fill, &len, &err);
        CHECK(out && strstr(out, "```\n\nD.\n\nFifth.\n") != NULL);
        free(out);
        seg_file_free(fill);
    }
    seg_file_free(back);
    seg_file_free(f);
    diag_list_free(d);
}

static void test_lock(void)
{
    char dir[] = "/tmp/plansite-lock-XXXXXX";
    diag_list *d = diag_list_new();
    tr_lock *l = NULL;
    char *path = NULL, *text = NULL;
    const char *ids[] = {"title", "activity-1.text"}, *hashes[] = {"0123456789abcdef",
                                                                   "fedcba9876543210"};
    size_t len = 0;
    int changed = 0;
    if (!mkdtemp(dir))
        return;
    path = fs_join(dir, "translations.lock");
    l = lock_load(path, d);
    CHECK(l && !lock_tracks(l, "b.en.md"));
    lock_set_file(l, "b.en.md", ids, hashes, 2);
    lock_set_file(l, "a.en.md", ids, hashes, 1);
    CHECK_STR(lock_get(l, "b.en.md", "activity-1.text"), "fedcba9876543210");
    CHECK(lock_get(l, "a.en.md", "activity-1.text") == NULL);
    CHECK_INT(lock_save(l, path, &changed, d), 0);
    CHECK_INT(changed, 1);
    CHECK_INT(lock_save(l, path, &changed, d), 0);
    CHECK_INT(changed, 0);
    text = fs_read(path, &len);
    /* files sorted, segments in the order given */
    CHECK_CONTAINS(text, "a.en.md title 0123456789abcdef\nb.en.md title 0123456789abcdef\n"
                         "b.en.md activity-1.text fedcba9876543210\n");
    free(text);
    lock_free(l);
    l = lock_load(path, d);
    CHECK(l && lock_tracks(l, "a.en.md") && lock_get(l, "b.en.md", "title"));
    lock_free(l);
    fs_write(path, "a.en.md title xyz\n", 18);
    CHECK(lock_load(path, d) == NULL);
    CHECK_CONTAINS(diag_text(d, diag_count(d) - 1), "translations.lock:1:1:");
    unlink(path);
    rmdir(dir);
    free(path);
    diag_list_free(d);
}

int main(void)
{
    test_ids();
    test_hash();
    test_rewrite();
    test_lock();
    return h_done();
}
