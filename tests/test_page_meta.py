#!/usr/bin/env python3
"""Every page of the bundled site says what it is (issue 14: 404, meta, provenance).

Usage: test_page_meta.py PLANSITE SOURCE_DIR

Builds SOURCE_DIR's site into a temporary folder and checks, on the real pages:
- /404.html holds one block per language, each in an element with that language's lang, each
  with links to that language's home and search page;
- every page has a meta description of at most 160 characters (and an ellipsis), which differs
  from the site's description on every page but the home pages (whose text it is); a
  workstream's is its purpose, else its first activity (no workstream has a summary);
- every page has og:title, og:description (= the description), og:type, og:url (= its canonical
  address, under base_url), og:locale of its language and og:locale:alternate of the other, and
  a favicon link to a file the build wrote;
- a workstream's breadcrumbs link to the workplans index, as a plan's do;
- every page but the root and 404 shows "Last updated" with a date (<time datetime>), and each
  sitemap entry has a <lastmod> equal to its page's date (the dates: test_lastmod.sh);
- every page but the root's has the footer's contact line with the Network's address and website
  (content/site.yaml's contact, from seed 003 line 163);
Prints one line per failed check; exits 1 if any.
"""
import glob
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse


class Page(html.parser.HTMLParser):
    """The parts of a page the checks read: <meta>s, <link>s, the lang blocks of <main>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}          # name or property -> content
        self.links = []         # (rel, href) of <link>s
        self.html_lang = None
        self.blocks = []        # [lang, [hrefs of <a> inside]] of <main>'s elements with lang
        self.crumbs = None      # ["breadcrumbs", [hrefs]] of the breadcrumbs <nav>
        self._stack = []        # open elements: (tag, block or None)
        self._in_main = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "meta" and "content" in a:
            self.meta[a.get("name") or a.get("property")] = a["content"]
        if tag == "link":
            self.links.append((a.get("rel"), a.get("href")))
        if tag == "main":
            self._in_main = True
        block = None
        if self._in_main and tag in ("section", "div") and a.get("lang"):
            block = [a["lang"], []]
            self.blocks.append(block)
        if tag == "nav" and "breadcrumbs" in (a.get("class") or "").split():
            block = self.crumbs = ["breadcrumbs", []]
        if tag == "a":
            for _, b in reversed(self._stack):
                if b is not None:
                    b[1].append(a.get("href"))
                    break
        if tag not in ("meta", "link", "br", "img", "input", "hr"):
            self._stack.append((tag, block))

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        while self._stack:
            t, _ = self._stack.pop()
            if t == tag:
                break


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        text = f.read()
    p.feed(text)
    m = re.search(r'<p class="contact">.*?</p>', text)
    p.contact = m.group(0) if m else ""
    m = re.search(r'<p class="updated[^"]*"[^>]*>[^<]*<time datetime="(\d{4}-\d\d-\d\d)">[^<]+</time>',
                  text)
    p.updated = m.group(1) if m else None
    return p


def check_404(dest, base, errors):
    """Both languages' blocks, each with its lang and its home and search links."""
    p = parse(os.path.join(dest, "404.html"))
    want = {"es": [base + "es/", base + "es/buscar/"], "en": [base + "en/", base + "en/search/"]}
    langs = [b[0] for b in p.blocks]
    if langs != ["es", "en"]:
        errors.append("404.html: blocks in languages %r, expected ['es', 'en']" % langs)
    for lang, hrefs in p.blocks:
        for h in want.get(lang, []):
            if h not in hrefs:
                errors.append("404.html: the %s block does not link to %s (it links %r)"
                              % (lang, h, hrefs))


def plain_words(md, n):
    """The first n words of a Markdown text as ctx_plain writes them."""
    md = re.sub(r"\]\([^)]*\)", "]", md or "")
    return re.sub(r"[*_`#>\[\]]", "", md).split()[:n]


def check_meta(dest, rel, p, base, home_desc, errors):
    """The description, the Open Graph tags and the favicon of page rel."""
    desc = p.meta.get("description", "")
    if not desc.strip():
        errors.append("%s: no meta description" % rel)
    if len(desc.rstrip("\u2026")) > 160:
        errors.append("%s: description of %d characters" % (rel, len(desc)))
    lang = p.html_lang
    own = rel not in ("index.html", "es/index.html", "en/index.html")
    if own and desc == home_desc.get(lang):
        errors.append("%s: the site's description, not the page's own" % rel)
    if rel == "index.html":
        return
    canonical = [h for r, h in p.links if r == "canonical"]
    locales = {"es": "es_ES", "en": "en_GB"}
    want = {"og:title": p.meta.get("og:title") or None, "og:description": desc,
            "og:url": canonical[0] if canonical else "(no canonical link)",
            "og:locale": locales.get(lang), "og:locale:alternate":
            [v for k, v in locales.items() if k != lang][0]}
    for k, v in want.items():
        if not v or p.meta.get(k) != v:
            errors.append("%s: %s is %r, expected %r" % (rel, k, p.meta.get(k), v))
    if p.meta.get("og:type") not in ("website", "article"):
        errors.append("%s: og:type %r" % (rel, p.meta.get("og:type")))
    if not (p.meta.get("og:url") or "").startswith(base):
        errors.append("%s: og:url %r is not under %s" % (rel, p.meta.get("og:url"), base))
    if 'href="mailto:unmignet@iom.int"' not in p.contact or \
            'href="https://migrationnetwork.un.org/"' not in p.contact:
        errors.append("%s: the footer's contact line is %r" % (rel, p.contact))
    if rel != "404.html" and not p.updated:
        errors.append("%s: no 'last updated' date" % rel)
    icons = [h for r, h in p.links if r == "icon"]
    if not icons:
        errors.append("%s: no favicon link" % rel)
    elif not icons[0].startswith(base) and not os.path.isfile(
            os.path.normpath(os.path.join(dest, os.path.dirname(rel), icons[0]))):
        errors.append("%s: favicon %s is not a file of the build" % (rel, icons[0]))


def page_url(base, rel):
    return base + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)


def check_ws(dest, base, pages, parsed, errors):
    """Workstream pages: description from purpose or first activity; breadcrumbs via the index."""
    with open(os.path.join(dest, "data", "workplans.json"), encoding="utf-8") as f:
        data = json.load(f)
    sections = {"es": "es/planes/", "en": "en/workplans/"}
    n = 0
    for plan in data["plans"]:
        for w in plan["workstreams"]:
            for lang, sect in sections.items():
                rel = "%s%s/%s/index.html" % (sect, plan["slug"], w["slug"])
                if rel not in parsed:
                    errors.append("%s: no such page" % rel)
                    continue
                p = parsed[rel]
                n += 1
                src = (w.get("purpose") or {}).get(lang) or \
                    (w["activities"][0]["text"][lang] if w.get("activities") else "")
                got = p.meta.get("description", "").rstrip("\u2026").split()[:5]
                if got != plain_words(src, 5):
                    errors.append("%s: description starts %r, expected %r (purpose, else the "
                                  "first activity)" % (rel, got, plain_words(src, 5)))
                crumbs = [urllib.parse.urljoin(page_url(base, rel), h)
                          for h in (p.crumbs or [None, []])[1]]
                if base + sect not in crumbs:
                    errors.append("%s: the breadcrumbs %r do not link to %s" % (rel, crumbs,
                                                                               base + sect))
    if n < 80:
        errors.append("only %d workstream pages checked" % n)


def check_sitemap(dest, base, parsed, errors):
    """Every sitemap entry has a lastmod, its page's "last updated" date."""
    with open(os.path.join(dest, "sitemap.xml"), encoding="utf-8") as f:
        xml = f.read()
    n = 0
    for loc, mod in re.findall(r"<loc>([^<]+)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?", xml):
        rel = loc[len(base):] + ("index.html" if loc.endswith("/") else "")
        n += 1
        if not mod:
            errors.append("sitemap: %s has no lastmod" % loc)
        elif rel in parsed and parsed[rel].updated != mod:
            errors.append("sitemap: %s lastmod %s, its page says %s" % (loc, mod,
                                                                     parsed[rel].updated))
    if n != len(parsed) - 2:   # every page but the root redirect and the 404 page
        errors.append("sitemap: %d entries for %d pages" % (n, len(parsed)))


def main():
    plansite, src = sys.argv[1], sys.argv[2]
    errors = []
    base = "https://plansite.example.org/"
    with tempfile.TemporaryDirectory() as dest:
        out = subprocess.run([plansite, "build", "-s", src, "-d", dest, "--base-url", base],
                             capture_output=True, text=True,
                             env=dict(os.environ, PLANSITE_PAGEFIND="off"))
        if out.returncode != 0:
            print(out.stderr)
            return 1
        pages = sorted(os.path.relpath(p, dest) for p in
                       glob.glob(os.path.join(dest, "**", "*.html"), recursive=True))
        check_404(dest, base, errors)
        parsed = {rel: parse(os.path.join(dest, rel)) for rel in pages}
        home_desc = {lang: parsed[lang + "/index.html"].meta.get("description")
                     for lang in ("es", "en")}
        for rel in pages:
            check_meta(dest, rel, parsed[rel], base, home_desc, errors)
        check_ws(dest, base, pages, parsed, errors)
        check_sitemap(dest, base, parsed, errors)
    for e in errors:
        print(e)
    print("%d pages built, %d failures" % (len(pages), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
