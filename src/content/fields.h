/* fields: read typed fields out of YAML maps (data/value.h), reporting every problem with the
 * field's location and what was expected. Generic: knows nothing of workplans. */
#ifndef PLANSITE_FIELDS_H
#define PLANSITE_FIELDS_H
#include "../data/value.h"
#include "../util/diag.h"

/* Report (as errors) keys of map that are not in known (NULL-terminated), with a suggestion of
 * the nearest known key. what names the thing ("workstream", "site.yaml"). */
void fld_check_keys(const val *map, const char *const *known, const char *what, diag_list *d);
/* 1 if v is a map; else reports "<what> must be a map, not <kind>" at v and returns 0. */
int fld_expect_map(const val *v, const char *what, diag_list *d);
/* 1 if v is a list; else reports at v and returns 0. */
int fld_expect_list(const val *v, const char *what, diag_list *d);
/* A string field (numbers are accepted as their text). Returns NULL when absent (an error if
 * required) or of another kind (an error). An empty string counts as absent. */
const char *fld_string(const val *map, const char *key, int required, diag_list *d);
/* An integer field in [lo, hi]. Returns 1 and sets *out when present and valid; 0 when absent
 * (an error if required) or invalid (an error). */
int fld_int(const val *map, const char *key, int required, int lo, int hi, int *out,
            diag_list *d);
/* 1 if x is a whole number in [lo, hi] (checked before any conversion to an integer type, which
 * is undefined behaviour out of range); 0 otherwise, NaN and infinities included. */
int fld_whole_in(double x, double lo, double hi);
/* The site's one URL policy, for every address that comes from content or data: NULL when url is
 * safe to publish as a link (an absolute http:// or https:// address with a host, or a relative
 * one: no scheme at all), else a static text saying why not (another scheme such as javascript:
 * or data:, a space, a control character or a backslash anywhere, an empty string). */
const char *fld_url_problem(const char *url);
/* 1 when url (absolute, http or https) names a host that cannot be where a site is published: the
 * reserved example domains (example.org, example.com, example.net and their subdomains, any
 * name under .example, .test, .invalid, .localhost), localhost, a loopback address (127.x.y.z,
 * [::1]) or 0.0.0.0; 0 otherwise (a relative url too). *host, when not NULL, gets the host's
 * first byte and *len its length, for messages. */
int fld_url_placeholder(const char *url, const char **host, size_t *len);
/* An optional URL field: as fld_string, then checked with fld_url_problem; an unsafe address is
 * an error located at the field ("KEY: 'x' is not a safe address (why)") and gives NULL. */
const char *fld_url(const val *map, const char *key, diag_list *d);
/* Report the text file path, named name = STEM.CODE.md with a STEM of stem_len bytes, whose
 * CODE is not one of the site's languages (listed in the message). */
void fld_unknown_lang(diag_list *d, const char *path, const char *name, size_t stem_len,
                      const char *const *langs, size_t nlangs);
/* The translation check of a content item (a plan, a workstream, a page) called what 'slug',
 * located at path:line:col, with has[li] set for each language that has a text file: an error
 * when none has one ("expected SLUG.DEFAULT.md" and then where, e.g. " beside it"), else a
 * warning per missing language. Returns 1 when some text exists, 0 after the error. */
int fld_check_langs(diag_list *d, const char *path, unsigned line, unsigned col,
                    const char *what, const char *slug, const char *where, const int *has,
                    const char *const *langs, size_t nlangs);
/* A boolean field; absent means 0. */
int fld_bool(const val *map, const char *key, diag_list *d);
/* Report an error located at v (or at fallback when v has no location). */
void fld_error(const val *v, diag_list *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void fld_warn(const val *v, diag_list *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The candidate nearest to word (edit distance <= 2), or NULL. */
const char *fld_nearest(const char *word, const char *const *cands, size_t n);
/* qsort order of content items: by their order field, then by slug. */
int fld_order_cmp(int order_a, const char *slug_a, int order_b, const char *slug_b);
/* 1 if s is a safe slug: [a-z0-9-]+, not starting or ending with '-', at most 80 characters. */
int fld_slug_ok(const char *s);

#endif
