/* test_tpl: unit tests of the Mustache engine (mustache/tpl.h): exact compile error texts,
 * recursion bounds, escaping, tpl_names, repeated and concurrent rendering. */
#include "harness.h"
#include "data/val_tpl.h"
#include "data/value.h"
#include "mustache/tpl.h"
#include "util/buf.h"
#include "util/mem.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>



static val_arena *A;

static val *S(const char *s)
{
    return val_new_cstr(A, s);
}
static val *N(double d)
{
    return val_new_number(A, d, NULL, 0);
}
static val *B(int b)
{
    return val_new_bool(A, b);
}
/* map("k", v, "k2", v2, NULL) */
static val *map(const char *k, ...)
{
    val *m = val_new_map(A);
    va_list ap;
    va_start(ap, k);
    for (; k; k = va_arg(ap, const char *))
        val_map_set(A, m, k, va_arg(ap, val *));
    va_end(ap);
    return m;
}
/* list(v, v2, NULL) */
static val *list(val *v, ...)
{
    val *l = val_new_list(A);
    va_list ap;
    va_start(ap, v);
    for (; v; v = va_arg(ap, val *))
        val_list_push(A, l, v);
    va_end(ap);
    return l;
}

/* ---- templates: partials come from a NULL-terminated name/source table ---- */

static char *load(void *ud, const char *name, size_t *len)
{
    const char *const *t = ud;
    for (; t && t[0]; t += 2) {
        if (strcmp(t[0], name) == 0) {
            *len = strlen(t[1]);
            return xstrdup(t[1]);
        }
    }
    return NULL;
}

/* The compile error of src, or "ok" if it compiles (malloc'd). */
static char *compile_error(const char *name, const char *src)
{
    tpl_env *env = tpl_env_new(NULL, NULL);
    char *err = NULL;
    if (tpl_compile(env, name, src, strlen(src), &err))
        err = xstrdup("ok");
    tpl_env_free(env);
    return err;
}

/* Render src with partials against data: the output, or "ERROR: <message>" (malloc'd). */
static char *render(const char *const *partials, const char *src, const val *data)
{
    tpl_env *env = tpl_env_new(load, (void *)partials);
    tpl_template *t = NULL;
    char *err = NULL, *res = NULL;
    buf out;
    buf_init(&out);
    buf_puts(&out, "keep:");
    t = tpl_compile(env, "t", src, strlen(src), &err);
    if (t && tpl_render(env, t, val_tpl_data(), data, &out, &err) == 0) {
        res = xstrdup(buf_cstr(&out) + 5);
    } else {
        res = xmalloc(strlen(err) + 8);
        sprintf(res, "ERROR: %s", err);
        if (t && strcmp(buf_cstr(&out), "keep:") != 0)
            res[0] = '!'; /* out was not restored */
    }
    free(err);
    buf_free(&out);
    tpl_env_free(env);
    return res;
}

#define CHECK_ERR(src, want)                      \
    do {                                          \
        char *e_ = compile_error("page.mustache", src); \
        CHECK_STR(e_, want);                      \
        free(e_);                                 \
    } while (0)

#define CHECK_RENDER(partials, src, data, want)   \
    do {                                          \
        char *r_ = render(partials, src, data);   \
        CHECK_STR(r_, want);                      \
        free(r_);                                 \
    } while (0)

static void test_compile_errors(void)
{
    char deep[2000] = "";
    int i;
    CHECK_ERR("a\nb\n  {{x\n", "page.mustache:3:3: unclosed tag '{{' (expected '}}')");
    CHECK_ERR("{{a {{b}}", "page.mustache:1:1: unclosed tag '{{' (expected '}}')");
    CHECK_ERR("x {{{y}}", "page.mustache:1:3: unclosed tag '{{{' (expected '}}}')");
    CHECK_ERR("{{=<% %>=}}\n<%a%> <%b", "page.mustache:2:7: unclosed tag '<%' (expected '%>')");
    CHECK_ERR("{{! never", "page.mustache:1:1: unclosed tag '{{' (expected '}}')");
    CHECK_ERR("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n\n\n\n",
              "page.mustache:7:1: section 'items' opened at 2:3 is never closed");
    CHECK_ERR("{{^none}}x",
              "page.mustache:1:11: inverted section 'none' opened at 1:1 is never closed");
    CHECK_ERR("{{$b}}x", "page.mustache:1:8: block 'b' opened at 1:1 is never closed");
    CHECK_ERR("{{<p}}", "page.mustache:1:7: parent 'p' opened at 1:1 is never closed");
    CHECK_ERR("\n\n{{#a}}\n\n{{/b}}",
              "page.mustache:5:1: closing tag '/b' does not match open section 'a' "
              "(opened at 3:1)");
    CHECK_ERR("{{$a}}{{/ b }}",
              "page.mustache:1:7: closing tag '/b' does not match open block 'a' (opened at 1:1)");
    CHECK_ERR("x{{/a}}", "page.mustache:1:2: unexpected closing tag '/a' (no section is open)");
    CHECK_ERR("{{=<% =}}",
              "page.mustache:1:1: bad delimiter change '{{=<% =}}' (expected two delimiters "
              "without '=' or spaces)");
    CHECK_ERR("{{=a b c=}}",
              "page.mustache:1:1: bad delimiter change '{{=a b c=}}' (expected two delimiters "
              "without '=' or spaces)");
    CHECK_ERR("{{=a= b=}}",
              "page.mustache:1:1: bad delimiter change '{{=a= b=}}' (expected two delimiters "
              "without '=' or spaces)");
    CHECK_ERR("{{}}", "page.mustache:1:1: empty tag name in '{{}}'");
    CHECK_ERR("é {{# }}", "page.mustache:1:3: empty tag name in '{{# }}'");
    CHECK_ERR("{{>*}}", "page.mustache:1:1: empty tag name in '{{>*}}'");
    CHECK_ERR("{{a b}}",
              "page.mustache:1:1: bad tag name 'a b' in '{{a b}}' (names cannot contain spaces)");
    CHECK_ERR("{{a..b}}",
              "page.mustache:1:1: bad name 'a..b' in '{{a..b}}' (a dotted name has an empty part)");
    CHECK_ERR("{{#.a}}{{/.a}}",
              "page.mustache:1:1: bad name '.a' in '{{#.a}}' (a dotted name has an empty part)");
    CHECK_ERR("{{$*x}}{{/*x}}", "page.mustache:1:1: block tag '$*x' cannot use a dynamic name");
    CHECK_ERR("{{<p}}\n  {{x}}\n{{/p}}",
              "page.mustache:2:3: tag '{{x}}' is directly inside parent 'p' (opened at 1:1): only "
              "blocks may appear there");
    CHECK_ERR("{{<p}}{{#s}}{{/s}}{{/p}}",
              "page.mustache:1:7: tag '{{#s}}' is directly inside parent 'p' (opened at 1:1): only "
              "blocks may appear there");
    CHECK_ERR("{{<p}}{{$a}}1{{/a}}{{$a}}2{{/a}}{{/p}}",
              "page.mustache:1:20: block 'a' is given twice to parent 'p' (first at 1:7)");
    for (i = 0; i < 101; i++)
        strcat(deep, "{{#s}}");
    CHECK_ERR(deep, "page.mustache:1:601: section 's' nested too deeply (more than 100 levels)");
    /* what is fine */
    CHECK_ERR("{{<p}} text is ignored {{! and comments }}{{$a}}{{x}}{{/a}}{{/p}}", "ok");
    CHECK_ERR("{{={{ }}=}}{{x}}", "ok");
}

static void test_render_errors(void)
{
    static const char *const self[] = {"p", "x{{>p}}", NULL};
    static const char *const parent[] = {"q", "{{<q}}{{/q}}", NULL};
    static const char *const dyn[] = {"d", "{{>*name}}", NULL};
    static const char *const bad[] = {"bad", "ok\n {{#x}}", NULL};
    static const char *const blk[] = {"p", "{{$a}}{{/a}}", NULL};
    val *d = map("name", S("d"), NULL);
    CHECK_RENDER(self, "{{>p}}", NULL, "ERROR: p:1:2: partial 'p' nested too deeply (recursion?)");
    CHECK_RENDER(parent, "{{<q}}{{/q}}", NULL,
                 "ERROR: q:1:1: parent 'q' nested too deeply (recursion?)");
    CHECK_RENDER(dyn, "{{>*name}}", d,
                 "ERROR: d:1:1: partial 'name' nested too deeply (recursion?)");
    CHECK_RENDER(bad, "a\n  {{>bad}}", NULL,
                 "ERROR: t:2:3: partial 'bad' does not compile: bad:2:8: section 'x' opened at "
                 "2:2 is never closed");
    CHECK_RENDER(blk, "{{<p}}{{$a}}{{$a}}x{{/a}}{{/a}}{{/p}}", NULL,
                 "ERROR: t:1:13: block 'a' nested too deeply (recursion?)");
    /* bounded recursion that ends is fine */
    {
        static const char *const tree[] = {"node", "{{n}}({{#kids}}{{>node}}{{/kids}})", NULL};
        val *leaf = map("n", N(3), "kids", list(NULL), NULL);
        val *mid = map("n", N(2), "kids", list(leaf, NULL), NULL);
        val *root = map("n", N(1), "kids", list(mid, NULL), NULL);
        CHECK_RENDER(tree, "{{>node}}", root, "1(2(3()))");
    }
}

static void test_env_get(void)
{
    static const char *const parts[] = {"ok", "hi {{x}}", "bad", "{{#a}}", NULL};
    tpl_env *env = tpl_env_new(load, (void *)parts);
    char *err = NULL;
    tpl_template *t = tpl_env_get(env, "ok", &err);
    CHECK(t != NULL && err == NULL);
    CHECK(tpl_env_get(env, "ok", &err) == t); /* cached */
    CHECK_STR(tpl_name(t), "ok");
    CHECK(tpl_env_get(env, "bad", &err) == NULL);
    CHECK_STR(err, "bad:1:7: section 'a' opened at 1:1 is never closed");
    free(err);
    err = NULL;
    CHECK(tpl_env_get(env, "bad", &err) == NULL); /* the failure is cached too */
    CHECK_STR(err, "bad:1:7: section 'a' opened at 1:1 is never closed");
    free(err);
    err = NULL;
    CHECK(tpl_env_get(env, "none", &err) == NULL);
    CHECK_STR(err, "none: template not found");
    free(err);
    err = NULL;
    /* tpl_compile binds a name partials can use, replacing the loader's */
    t = tpl_compile(env, "ok", "compiled", 8, &err);
    CHECK(t != NULL && tpl_env_get(env, "ok", &err) == t);
    tpl_env_free(env);
}

static void test_escaping(void)
{
    val *d = map("x", S("& < > \" '"), "n", N(1.5), "t", B(1), "f", B(0), "l", list(S("a"), NULL),
                 "m", map("k", S("v"), NULL), "z", val_new_null(A), NULL);
    CHECK_RENDER(NULL, "{{x}}|{{{x}}}|{{& x}}", d,
                 "&amp; &lt; &gt; &quot; &#39;|& < > \" '|& < > \" '");
    CHECK_RENDER(NULL, "[{{n}}][{{t}}][{{f}}][{{l}}][{{m}}][{{z}}][{{missing}}]", d,
                 "[1.5][true][false][][][][]");
    CHECK_RENDER(NULL, "{{=<% %>=}}<%x%> <%{x}%> {{x}}", d,
                 "&amp; &lt; &gt; &quot; &#39; & < > \" ' {{x}}");
}

static void test_sections(void)
{
    val *d = map("items", list(map("name", S("a"), NULL), map("name", S("b"), NULL), NULL),
                 "empty", list(NULL), "s", S(""), "zero", N(0), "user", map("name", S("ann"), NULL),
                 "name", S("top"), NULL);
    CHECK_RENDER(NULL, "{{#items}}<{{name}}>{{/items}}", d, "<a><b>");
    CHECK_RENDER(NULL, "{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", d, "none");
    CHECK_RENDER(NULL, "{{#zero}}0 is truthy{{/zero}}", d, "0 is truthy");
    CHECK_RENDER(NULL, "[{{#s}}empty string is false{{/s}}][{{^s}}inverted renders{{/s}}]", d,
                 "[][inverted renders]");
    CHECK_RENDER(NULL, "{{#purpose}}<p>{{purpose}}</p>{{/purpose}}{{^purpose}}not stated{{/purpose}}",
                 map("purpose", S(""), NULL), "not stated");
    CHECK_RENDER(NULL, "{{#purpose}}<p>{{.}}</p>{{/purpose}}", map("purpose", S("x"), NULL),
                 "<p>x</p>");
    CHECK_RENDER(NULL, "[{{#a}}0{{/a}}][{{#b}}sp{{/b}}][{{#c}}f{{/c}}][{{#m}}m{{/m}}]",
                 map("a", S("0"), "b", S(" "), "c", S("false"), "m", map(NULL), NULL),
                 "[0][sp][f][m]");
    CHECK_RENDER(NULL,
                 "{{#user}}{{name}}/{{items.0}}{{/user}} {{user.name}} {{#items}}{{.}}{{/items}}",
                 d, "ann/ ann ");
    CHECK_RENDER(NULL, "{{#user}}{{#items}}{{name}}{{/items}}{{/user}}", d, "ab");
    /* found by fuzzing: a template whose only name is the implicit iterator (no name segments) */
    CHECK_RENDER(NULL, "{{.}}", S("x&y"), "x&amp;y");
    CHECK_RENDER(NULL, "{{#.}}[{{.}}]{{/.}}", list(S("a"), S("b"), NULL), "[a][b]");
}

static void test_indentation(void)
{
    static const char *const parts[] = {
        "nav", "<nav>\n  {{#links}}\n  <a>{{.}}</a>\n  {{/links}}\n</nav>\n",
        "layout", "<body>\n  {{$main}}\n  default\n  {{/main}}\n</body>\n",
        "outer", "<o>\n  {{>inner}}\n  x {{>inner}}\n</o>\n",
        "inner", "<i>\n</i>\n",
        NULL};
    val *d = map("links", list(S("1"), S("2"), NULL), NULL);
    CHECK_RENDER(parts, "<div>\n    {{>nav}}\n</div>\n", d,
                 "<div>\n    <nav>\n      <a>1</a>\n      <a>2</a>\n    </nav>\n</div>\n");
    CHECK_RENDER(parts, "{{<layout}}\n{{$main}}\n<p>\n  x\n</p>\n{{/main}}\n{{/layout}}\n", d,
                 "<body>\n  <p>\n    x\n  </p>\n</body>\n");
    CHECK_RENDER(parts, "{{<layout}}{{/layout}}", d, "<body>\n  default\n</body>\n");
    /* standalone partials indent cumulatively; an inline partial is not indented */
    CHECK_RENDER(parts, "  {{>outer}}", d,
                 "  <o>\n    <i>\n    </i>\n    x <i>\n</i>\n\n  </o>\n");
    CHECK_RENDER(parts, "{{#links}}\n{{/links}}|{{#links}}{{/links}}\n|", d, "|\n|");
}

typedef struct seen {
    buf b;
} seen;

static void on_name(void *ud, const char *name, unsigned line, unsigned col, int kind)
{
    static const char *const kinds[] = {"var", "section", "inverted", "partial", "parent",
                                        "block", "dynamic"};
    seen *s = ud;
    buf_printf(&s->b, "%s:%s@%u:%u ", kinds[kind], name, line, col);
}

static void test_names(void)
{
    static const char *src = "<h1>{{title}}</h1>\n"
                             "{{#items}}{{{.}}}{{& raw.x }}{{/items}}{{^none}}{{/none}}\n"
                             "{{! comment }}{{>nav}}{{>*dyn.name}}\n"
                             "{{<layout}}{{$main}}{{body}}{{/main}}{{/layout}}";
    tpl_env *env = tpl_env_new(NULL, NULL);
    char *err = NULL;
    tpl_template *t = tpl_compile(env, "n", src, strlen(src), &err);
    seen s;
    buf_init(&s.b);
    CHECK(t != NULL);
    if (t)
        tpl_names(t, on_name, &s);
    CHECK_STR(buf_cstr(&s.b), "var:title@1:5 section:items@2:1 var:.@2:11 var:raw.x@2:18 "
                              "inverted:none@2:40 partial:nav@3:15 dynamic:dyn.name@3:23 "
                              "parent:layout@4:1 block:main@4:12 var:body@4:21 ");
    buf_free(&s.b);
    tpl_env_free(env);
}

static void test_many_renders(void)
{
    static const char *const parts[] = {"row", "<td>{{.}}</td>", NULL};
    static const char *src = "{{title}}:{{#cells}}{{>row}}{{/cells}}";
    tpl_env *env = tpl_env_new(load, (void *)parts);
    char *err = NULL, want[128];
    tpl_template *t = tpl_compile(env, "many", src, strlen(src), &err);
    buf out;
    int i, ok = 1;
    buf_init(&out);
    for (i = 0; i < 1000 && t; i++) {
        char title[16];
        val *d = NULL;
        val_arena_reset(A);
        snprintf(title, sizeof title, "t%d", i);
        d = map("title", val_new_string(A, title, strlen(title)), "cells",
                list(N(i), N(i * 2), NULL), NULL);
        buf_reset(&out);
        ok &= tpl_render(env, t, val_tpl_data(), d, &out, &err) == 0;
        snprintf(want, sizeof want, "t%d:<td>%d</td><td>%d</td>", i, i, i * 2);
        ok &= strcmp(buf_cstr(&out), want) == 0;
    }
    CHECK(t != NULL && ok);
    buf_free(&out);
    tpl_env_free(env);
}

/* Threads: several renders at once on one env whose partials load lazily under its lock. */
typedef struct job {
    tpl_env *env;
    const tpl_template *t;
    const val *data;
    int ok;
} job;

static void *render_job(void *arg)
{
    job *j = arg;
    buf out;
    char *err = NULL;
    int i;
    buf_init(&out);
    j->ok = 1;
    for (i = 0; i < 2000; i++) {
        buf_reset(&out);
        j->ok &= tpl_render(j->env, j->t, val_tpl_data(), j->data, &out, &err) == 0;
        j->ok &= strcmp(buf_cstr(&out), "[a,b,c,]<x>") == 0;
    }
    buf_free(&out);
    return NULL;
}

static void test_threads(void)
{
    static const char *const parts[] = {"list", "{{#xs}}{{>item}}{{/xs}}", "item", "{{.}},",
                                        "tail", "<{{y}}>", NULL};
    static const char *src = "[{{>list}}]{{>tail}}";
    tpl_env *env = tpl_env_new(load, (void *)parts);
    char *err = NULL;
    tpl_template *t = tpl_compile(env, "page", src, strlen(src), &err);
    val *d = map("xs", list(S("a"), S("b"), S("c"), NULL), "y", S("x"), NULL);
    job jobs[4];
    pthread_t th[4];
    int i, ok = t != NULL;
    for (i = 0; i < 4; i++) {
        jobs[i].env = env;
        jobs[i].t = t;
        jobs[i].data = d;
        ok &= pthread_create(&th[i], NULL, render_job, &jobs[i]) == 0;
    }
    for (i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        ok &= jobs[i].ok;
    }
    CHECK(ok);
    tpl_env_free(env);
}

/* The cache holds many templates (its table grows) and finds each by name; an unknown name is
 * "not found", and asking again gives the same answer. */
static void test_env_many(void)
{
    tpl_env *env = tpl_env_new(NULL, NULL);
    tpl_template *t[40];
    char name[16], *err = NULL;
    int i, same = 1;
    for (i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "t%d", i);
        t[i] = tpl_compile(env, name, "x", 1, &err);
    }
    for (i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "t%d", i);
        same &= tpl_env_get(env, name, &err) == t[i];
    }
    CHECK(same);
    CHECK(tpl_env_get(env, "t40", &err) == NULL);
    CHECK_STR(err, "t40: template not found");
    free(err);
    err = NULL;
    CHECK(tpl_env_get(env, "t4", &err) == t[4]);
    tpl_env_free(env);
}

/* A compile error naming a 5000-character tag is kept whole (it was cut at 1023 bytes). */
static void test_long_error(void)
{
    char *src = xmalloc(5100), *e = NULL;
    size_t n;
    memcpy(src, "{{#a}}{{/", 9);
    memset(src + 9, 'q', 5000);
    memcpy(src + 5009, "}}", 3);
    e = compile_error("page.mustache", src);
    n = strlen(e);
    CHECK(n > 5000);
    CHECK_CONTAINS(e, "does not match open section 'a' (opened at 1:1)");
    free(e);
    free(src);
}

int main(void)
{
    A = val_arena_new();
    test_compile_errors();
    test_long_error();
    test_env_many();
    test_render_errors();
    test_env_get();
    test_escaping();
    test_sections();
    test_indentation();
    test_names();
    test_many_renders();
    test_threads();
    val_arena_free(A);
    return h_done();
}
