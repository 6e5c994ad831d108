#!/usr/bin/env python3
"""Every page of the bundled site says what it is (issue 14: 404, meta, provenance).

Usage: test_page_meta.py PLANSITE SOURCE_DIR

Builds SOURCE_DIR's site into a temporary folder and checks, on the real pages:
- /404.html holds one block per language, each in an element with that language's lang, each
  with links to that language's home and search page;
Prints one line per failed check; exits 1 if any.
"""
import glob
import html.parser
import os
import subprocess
import sys
import tempfile


class Page(html.parser.HTMLParser):
    """The parts of a page the checks read: <meta>s, <link>s, the lang blocks of <main>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}          # name or property -> content
        self.links = []         # (rel, href) of <link>s
        self.html_lang = None
        self.blocks = []        # [lang, [hrefs of <a> inside]] of <main>'s elements with lang
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
        p.feed(f.read())
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
    for e in errors:
        print(e)
    print("%d pages built, %d failures" % (len(pages), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
