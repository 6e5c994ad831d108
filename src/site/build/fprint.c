#define _POSIX_C_SOURCE 200809L
#include "fprint.h"
#include "build.h"
#include "../../util/buf.h"
#include "../../util/fs.h"
#include "../../util/hash.h"
#include "../../util/mem.h"
#include "../../util/strmap.h"
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FP_MAGIC "plansite-fingerprints 1"

struct fp_cache {
    char *text;              /* the file, its lines cut at '\n' and ' ' */
    const char **rels;
    uint64_t *fps;
    size_t n;
    strmap *index;           /* rel -> i */
};

/* The identity of the tree dir: its BUILD_MARK's device, inode and modification time. */
static int tree_id(const char *dir, char *out, size_t size)
{
    char *mark = fs_join(dir, BUILD_MARK);
    struct stat st;
    int rc = lstat(mark, &st);
    if (rc == 0)
        snprintf(out, size, "%llu:%llu:%lld.%09ld", (unsigned long long)st.st_dev,
                 (unsigned long long)st.st_ino, (long long)st.st_mtim.tv_sec,
                 (long)st.st_mtim.tv_nsec);
    free(mark);
    return rc;
}

/* Fold the file at path (its name as given, and its bytes; a missing file folds as such). */
static uint64_t mix_file(uint64_t h, const char *path)
{
    size_t len = 0;
    char *data = fs_read(path, &len);
    h = hash_mix(h, hash_bytes(path, strlen(path)));
    h = hash_mix(h, data ? hash_bytes(data, len) : 0x4D155);
    free(data);
    return h;
}

/* Fold every file of the folder dir (sorted by name, not recursive). */
static uint64_t mix_folder(uint64_t h, const char *dir)
{
    char **names = NULL;
    int n = fs_list(dir, &names), i;
    for (i = 0; i < n; i++) {
        char *p = fs_join(dir, names[i]);
        h = mix_file(h, p);
        free(p);
    }
    if (n > 0)
        fs_names_free(names, n);
    return hash_mix(h, (uint64_t)(n < 0 ? 0 : n));
}

/* Fold the running program's identity: a rebuilt plansite may render differently. */
static uint64_t mix_program(uint64_t h)
{
    struct stat st;
    h = hash_mix(h, hash_bytes(PLANSITE_VERSION, strlen(PLANSITE_VERSION)));
    if (stat("/proc/self/exe", &st) != 0)
        return hash_mix(h, 0x5E1F);
    h = hash_mix(h, (uint64_t)st.st_size);
    h = hash_mix(h, (uint64_t)st.st_ino);
    h = hash_mix(h, (uint64_t)st.st_mtim.tv_sec);
    return hash_mix(h, (uint64_t)st.st_mtim.tv_nsec);
}

uint64_t fp_salt(const char *site_dir, const char *theme_dir, const uint64_t *opts, size_t nopts)
{
    char *t1 = fs_join(theme_dir, "templates"), *t2 = fs_join(site_dir, "templates"),
         *sy = fs_join(site_dir, "content/site.yaml");
    uint64_t h = hash_bytes(FP_MAGIC, strlen(FP_MAGIC));
    size_t i;
    h = mix_program(h);
    h = mix_folder(h, t1);
    h = mix_folder(h, t2);
    h = mix_file(h, sy);
    for (i = 0; i < nopts; i++)
        h = hash_mix(h, opts[i]);
    free(t1);
    free(t2);
    free(sy);
    return h;
}

/* Parse the entries ("<16 hex> <rel>" lines) after the header; 0, or -1 when malformed. */
static int parse_entries(fp_cache *c, char *p)
{
    size_t cap = 1024;
    c->rels = xmalloc(cap * sizeof *c->rels);
    c->fps = xmalloc(cap * sizeof *c->fps);
    c->index = strmap_new();
    while (*p) {
        char *nl = strchr(p, '\n'), *end = NULL;
        if (!nl || nl - p < 18 || p[16] != ' ')
            return -1;
        *nl = '\0';
        if (c->n == cap) {
            cap *= 2;
            c->rels = xrealloc(c->rels, cap * sizeof *c->rels);
            c->fps = xrealloc(c->fps, cap * sizeof *c->fps);
        }
        c->fps[c->n] = (uint64_t)strtoull(p, &end, 16);
        if (end != p + 16)
            return -1;
        c->rels[c->n] = p + 17;
        strmap_put(c->index, p + 17, (int)c->n);
        c->n++;
        p = nl + 1;
    }
    return 0;
}

fp_cache *fp_load(const char *file, const char *tree_dir, uint64_t salt)
{
    char head[256], id[128];
    fp_cache *c = NULL;
    char *text = NULL, *body;
    int n;
    if (tree_id(tree_dir, id, sizeof id) != 0 || !(text = fs_read(file, NULL)))
        goto fail;
    n = snprintf(head, sizeof head, FP_MAGIC "\nsalt %016" PRIx64 "\ntree %s\n", salt, id);
    if (n <= 0 || (size_t)n >= sizeof head || strncmp(text, head, (size_t)n))
        goto fail;
    body = text + n;
    c = xcalloc(1, sizeof *c);
    c->text = text;
    text = NULL;
    if (parse_entries(c, body) != 0)
        goto fail;
    return c;
fail:
    fp_free(c);
    free(text);
    return NULL;
}

void fp_free(fp_cache *c)
{
    if (!c)
        return;
    free(c->text);
    free(c->rels);
    free(c->fps);
    strmap_free(c->index);
    free(c);
}

int fp_lookup(const fp_cache *c, const char *rel, uint64_t *fp)
{
    int at = c && c->index ? strmap_get(c->index, rel) : -1;
    if (at < 0)
        return 0;
    *fp = c->fps[at];
    return 1;
}

size_t fp_count(const fp_cache *c)
{
    return c ? c->n : 0;
}

const char *fp_rel_at(const fp_cache *c, size_t i, uint64_t *fp)
{
    if (fp)
        *fp = c->fps[i];
    return c->rels[i];
}

int fp_save(const char *file, const char *tree_dir, uint64_t salt, const char *const *rels,
            const uint64_t *fps, size_t n)
{
    char id[128], line[32], *tmp = NULL;
    buf b;
    size_t i;
    int rc = -1;
    buf_init(&b);
    if (tree_id(tree_dir, id, sizeof id) != 0 || fs_mkparent(file) != 0)
        goto out;
    buf_printf(&b, FP_MAGIC "\nsalt %016" PRIx64 "\ntree %s\n", salt, id);
    for (i = 0; i < n; i++) {
        if (strchr(rels[i], '\n'))
            continue;   /* fs_rel_path_ok refuses such names: never a page */
        snprintf(line, sizeof line, "%016" PRIx64 " ", fps[i]);
        buf_append(&b, line, strlen(line));
        buf_append(&b, rels[i], strlen(rels[i]));
        buf_append(&b, "\n", 1);
    }
    tmp = xmalloc(strlen(file) + 16);
    sprintf(tmp, "%s.tmp", file);
    if (fs_write(tmp, b.data ? b.data : "", b.len) != 0 || rename(tmp, file) != 0) {
        unlink(tmp);
        goto out;
    }
    rc = 0;
out:
    free(tmp);
    buf_free(&b);
    return rc;
}

char *fp_default_file(const char *dest)
{
    return fs_beside(dest, ".plansite-cache/fingerprints");
}
