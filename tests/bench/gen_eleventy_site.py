#!/usr/bin/env python3
"""Make the Eleventy version of a synthetic site from gen_hugo_site.py: the very same Markdown
files (front matter: title, weight, objectives, leads, status, translationKey) copied byte for
byte, and Nunjucks templates that make the pages Hugo makes of them with that site's layouts:
a base layout with hreflang links to the other language's page and a language menu, one page per
workstream listing its objective and lead terms, the home and section lists, and for each language
the objectives and leads term lists (by count) and one page per term listing its workstreams.
Differences left: Goldmark gives headings an id, markdown-it does not; Hugo's generator <meta>.
Usage: gen_eleventy_site.py HUGO_SITE OUTDIR   (then: cd OUTDIR && eleventy --config=eleventy.config.cjs)
The Markdown is not run through a template engine (markdownTemplateEngine: false), as in Hugo."""
import json, os, shutil, sys

hugo, out = sys.argv[1], sys.argv[2]
langs = [("es", "Español"), ("en", "English")]
taxes = [("objectives", "Objectives"), ("leads", "Leads")]


def w(rel, text):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


for lang, _ in langs:
    src = os.path.join(hugo, "content", lang, "ws")
    names = sorted(n for n in os.listdir(src) if n.endswith(".md"))
    if not names:
        sys.exit(f"gen_eleventy_site.py: no Markdown files in {src}")
    os.makedirs(os.path.join(out, "src", lang, "ws"), exist_ok=True)
    for n in names:
        shutil.copyfile(os.path.join(src, n), os.path.join(out, "src", lang, "ws", n))
    w(f"src/{lang}/{lang}.11tydata.json", json.dumps({"lang": lang}) + "\n")
    w(f"src/{lang}/ws/ws.11tydata.json", json.dumps({"layout": "single.njk"}) + "\n")
    w(f"src/{lang}/index.njk", "---\nlayout: list.njk\ntitle: \"\"\n"
      f"sections: [{{url: /{lang}/ws/, data: {{title: Ws}}}}]\n---\n")
    w(f"src/{lang}/ws/index.njk", "---\nlayout: list.njk\ntitle: Ws\n---\n")
    for tax, title in taxes:
        w(f"src/{lang}/{tax}/index.njk", f"---\nlayout: terms.njk\ntitle: {title}\n"
          f"tax: {tax}\n---\n")
        w(f"src/{lang}/{tax}/term.njk", f"---\nlayout: list.njk\npagination:\n"
          f"  data: collections.{tax}_{lang}\n  size: 1\n  alias: term\n  addAllPagesToCollections: true\n"
          f"permalink: \"/{lang}/{tax}/{{{{ term.slug }}}}/\"\n"
          f"eleventyComputed:\n  title: \"{{{{ term.name }}}}\"\n---\n")

w("src/_data/site.json", json.dumps({
    "baseURL": "http://localhost",
    "languages": [{"code": c, "name": n} for c, n in langs]}, ensure_ascii=False) + "\n")
w("src/index.njk", """---
permalink: /index.html
---
<!DOCTYPE html>
<html lang="es">
  <head>
    <title>http://localhost/es/</title>
    <link rel="canonical" href="http://localhost/es/">
    <meta name="robots" content="noindex">
    <meta charset="utf-8">
    <meta http-equiv="refresh" content="0; url=http://localhost/es/">
  </head>
</html>
""")
w("src/_includes/base.njk", """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<title>{{ title }}</title>{% for t in collections.all | translations(page.url, lang) %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ site.baseURL }}{{ t.url }}">{% endfor %}
</head><body><nav>{% for l in site.languages %}<a href="/{{ l.code }}/">{{ l.name }}</a> {% endfor %}</nav>
<main>{{ content | safe }}</main></body></html>
""")
w("src/_includes/single.njk", """---
layout: base.njk
---
<article><h1>{{ title }}</h1>
<p>{{ status }}</p><ul>{% for o in objectives %}<li><a href="/{{ lang }}/objectives/{{ o | termslug }}/">{{ o }}</a></li>{% endfor %}</ul>
<ul>{% for l in leads %}<li><a href="/{{ lang }}/leads/{{ l | termslug }}/">{{ l }}</a></li>{% endfor %}</ul>
{{ content | safe }}</article>""")
w("src/_includes/list.njk", """---
layout: base.njk
---
<h1>{{ title }}</h1><ul>{% for p in (term.pages if term else (sections or collections['ws_' + lang])) %}<li><a href="{{ p.url }}">{{ p.data.title }}</a></li>{% endfor %}</ul>""")
w("src/_includes/terms.njk", """---
layout: base.njk
---
<h1>{{ title }}</h1><ul>{% for t in collections[tax + '_' + lang] %}<li><a href="/{{ lang }}/{{ tax }}/{{ t.slug }}/">{{ t.name }}</a> ({{ t.pages.length }})</li>{% endfor %}</ul>""")
w("eleventy.config.cjs", """// Eleventy config for the synthetic site (tests/bench/gen_eleventy_site.py).
const langs = ["es", "en"], taxes = ["objectives", "leads"];
const termslug = (t) => String(t).toLowerCase().replace(/[^a-z0-9]+/g, "-");

// A page's translations: the pages of the other languages at the same path under their language
// (what Hugo's translationKey and its paired lists and terms give on this site), from an index
// made once per collection (as Hugo keeps one), not a scan per page.
const pathKey = (url) => url.replace(/^\/[a-z]+\//, "/");
const byKey = new WeakMap();
function translations(all, url, lang) {
  const key = pathKey(url);
  let index = byKey.get(all);
  if (!index) {
    index = new Map();
    for (const p of all) {
      if (!p.url || !p.data.lang) continue;
      const k = pathKey(p.url);
      if (!index.has(k)) index.set(k, []);
      index.get(k).push({ lang: p.data.lang, url: p.url });
    }
    byKey.set(all, index);
  }
  return (index.get(key) || []).filter((t) => t.lang !== lang);
}

// The terms of one taxonomy in one language, by count (then name) as Hugo's .ByCount, each with
// its pages by weight.
function terms(pages, tax) {
  const map = new Map();
  for (const p of pages)
    for (const t of p.data[tax] || []) {
      const name = String(t);
      if (!map.has(name)) map.set(name, { name, slug: termslug(name), pages: [] });
      map.get(name).pages.push(p);
    }
  return [...map.values()].sort((a, b) => b.pages.length - a.pages.length ||
                                         (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

module.exports = function (config) {
  for (const lang of langs) {
    const ws = (api) => api.getFilteredByGlob(`src/${lang}/ws/*.md`)
                           .sort((a, b) => a.data.weight - b.data.weight);
    config.addCollection(`ws_${lang}`, ws);
    for (const tax of taxes) config.addCollection(`${tax}_${lang}`, (api) => terms(ws(api), tax));
  }
  config.addFilter("translations", translations);
  config.addFilter("termslug", termslug);
  return {
    dir: { input: "src", includes: "_includes", data: "_data" },
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
    templateFormats: ["md", "njk"],
  };
};
""")
