#!/usr/bin/env python3
"""No broken internal link or anchor in a built site.

Every href/src of every HTML page that is relative, site-absolute ("/x") or under the site's own
base URL (its canonical links) must name a file of the site (a folder means its index.html), and
a "#id" fragment must exist in the target page. Each workplan and objective page must link the
PDFs of its handout with their true sizes when those PDFs exist.
Prints "ok - ..." / "not ok - ..." lines (one per check, details below a failure)."""
import html.parser
import os
import posixpath
import re
import sys
import urllib.parse


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []          # (tag, attr, value)
        self.canonical = None
        self.anchors = []        # (href, text) of <a>
        self._a = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        for attr in ("href", "src"):
            if a.get(attr) is not None and tag in ("a", "link", "script", "img", "iframe",
                                                    "source", "area"):
                self.links.append((tag, attr, a[attr]))
        if tag == "a" and a.get("href"):
            self._a = [a["href"], ""]

    def handle_data(self, data):
        if self._a is not None:
            self._a[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._a is not None:
            self.anchors.append(tuple(self._a))
            self._a = None


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p


def target_file(root, page_rel, url, base):
    """The file (relative to root) and fragment a link names, or None for an external link."""
    if base and url.startswith(base):
        url = "/" + url[len(base):]
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = urllib.parse.unquote(parts.path)
    if path.startswith("/"):
        rel = path.lstrip("/")
    elif path == "":
        rel = page_rel
    else:
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
        if path.endswith("/"):
            rel += "/"
    if rel in (".", "./"):
        rel = ""
    if rel == "" or rel.endswith("/") or os.path.isdir(os.path.join(root, rel)):
        rel = posixpath.join(rel, "index.html")
    return rel, parts.fragment


def human_size(n, decimal_comma):
    if n < 1000 * 1000:
        return "%d kB" % ((n + 999) // 1000)
    s = "%.1f MB" % (n / 1e6)
    return s.replace(".", ",") if decimal_comma else s


def main():
    root = sys.argv[1]
    pages = {}
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".html"):
                rel = os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/")
                pages[rel] = parse(os.path.join(d, f))
    base = None
    home = pages.get("es/index.html") or next(iter(pages.values()))
    if home.canonical:
        base = re.sub(r"[a-z]{2}/$", "", home.canonical)
    bad, checked = [], 0
    for rel, p in sorted(pages.items()):
        for tag, attr, url in p.links:
            t = target_file(root, rel, url, base)
            if t is None:
                continue
            checked += 1
            file, frag = t
            if not (file.startswith("..") or os.path.isfile(os.path.join(root, file))):
                bad.append("%s: <%s %s=%r>: no file %s" % (rel, tag, attr, url, file))
            elif file.startswith(".."):
                bad.append("%s: <%s %s=%r>: outside the site" % (rel, tag, attr, url))
            elif frag and file.endswith(".html"):
                target = pages.get(file)
                if target is None or urllib.parse.unquote(frag) not in target.ids:
                    bad.append("%s: <%s %s=%r>: no id %r in %s" % (rel, tag, attr, url, frag,
                                                                    file))
    report(not bad and checked > 0,
           "internal links and anchors resolve (%d links in %d pages)" % (checked, len(pages)),
           bad)
    check_pdf_links(root, pages)
    return 0


def check_pdf_links(root, pages):
    """Each PDF on disk is linked, with its size, from its handout's workplan or objective page."""
    pdfs = []
    for d, _, files in os.walk(root):
        pdfs += [os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/")
                 for f in files if f.endswith(".pdf")]
    bad = []
    linked = {}
    for rel, p in pages.items():
        for href, text in p.anchors:
            if href.endswith(".pdf"):
                t = target_file(root, rel, href, None)
                if t:
                    linked.setdefault(t[0], []).append((rel, " ".join(text.split())))
    for pdf in sorted(pdfs):
        size = os.path.getsize(os.path.join(root, pdf))
        users = linked.get(pdf, [])
        kinds = {u.split("/")[1] for u, _ in users}
        # linked from its handout, and from a page outside the print section (workplan/objective)
        if len(kinds) < 2:
            bad.append("%s: linked only from %s" % (pdf, sorted(u for u, _ in users)))
        for u, text in users:
            want = human_size(size, False)
            if want not in text and human_size(size, True) not in text:
                bad.append("%s: link in %s says %r, the file has %s" % (pdf, u, text, want))
    for pdf in linked:
        if not os.path.isfile(os.path.join(root, pdf)):
            bad.append("%s is linked but was not made" % pdf)
    report(not bad and (pdfs or not linked),
           "every PDF is linked from its workplan or objective page with its size (%d PDFs)" %
           len(pdfs), bad)


def report(ok, what, details):
    print(("ok - " if ok else "not ok - ") + what)
    for line in details[:40]:
        print("    " + line)
    if len(details) > 40:
        print("    ... and %d more" % (len(details) - 40))


if __name__ == "__main__":
    sys.exit(main())
