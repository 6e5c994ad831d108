#!/usr/bin/env python3
"""The handout PDFs of a built site, read back with poppler-utils (pdfinfo, pdftotext, pdftohtml,
pdftoppm) and compared with the site's own data (data/workplans.json).

Usage: check_pdfs.py SITE_DIR ARTIFACTS_DIR
For each workplan and language: the PDF exists beside its handout, has the plan's title and
language, bookmarks for every workstream, each workstream on a page of its own, every workstream
title and activity in its text, a sane page count and no blank page; page 1 and the first
workstream's page are rendered to PNG in ARTIFACTS_DIR. For each GCM objective and language: the
PDF exists, has one or two pages and names every workstream that serves the objective.
Every PDF, tagged as PDF/UA-1 asks (a structural check, not a full validation; veraPDF is not
available here): marked as tagged (MarkInfo /Marked true), a structure tree (StructTreeRoot) with
headings and paragraphs, the page's language in the catalog (/Lang), the title shown as the
window's (/DisplayDocTitle true), a title, and the PDF/UA identification (pdfuaid:part 1) in its
XMP metadata. `check_pdfs.py --ua LANG PDF...` runs that check alone.
Prints "ok - ..." / "not ok - ..." lines."""
import glob
import html
import json
import os
import re
import subprocess
import sys
import unicodedata

failures = 0


def report(ok, what, details=()):
    global failures
    print(("ok - " if ok else "not ok - ") + what)
    for line in list(details)[:25]:
        print("    " + line)
    if not ok:
        failures += 1


def run(*args):
    return subprocess.run(args, check=True, capture_output=True).stdout


def norm(s):
    """Text for comparison: Markdown marks, typography and every space removed."""
    s = re.sub(r"\[([^\]]*)\]\((https?://[^)\s]*)\)", r"\1(\2)", s)   # printed as "text (url)"
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"(\*\*|__|\*|`)", "", s)
    s = re.sub(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])", "", s)
    s = s.replace("\\", "")
    s = html.unescape(s)
    s = unicodedata.normalize("NFKC", s)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u00ab", '"'), ("\u00bb", '"'), ("\u2013", "-"), ("\u2014", "-"),
                 ("\u2011", "-"), ("\u2026", "..."), ("\u00ad", "")):
        s = s.replace(a, b)
    # pdftotext joins a word broken at a line-end hyphen ("cross-" "regional" -> "crossregional"):
    # compare without hyphens
    return re.sub(r"[\s\-]+", "", s)


def text_of(lang, texts, langs):
    """A text in lang, or in the first language that has it (the site's fallback)."""
    if texts.get(lang):
        return texts[lang]
    for other in langs:
        if texts.get(other):
            return texts[other]
    return None


def info(pdf):
    out = run("pdfinfo", pdf).decode("utf-8", "replace")
    return {k.strip(): v.strip() for k, v in
            (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def outline(pdf):
    xml = run("pdftohtml", "-xml", "-i", "-q", "-stdout", pdf).decode("utf-8", "replace")
    return [(int(p), html.unescape(re.sub(r"<[^>]+>", "", t)))
            for p, t in re.findall(r'<item page="(\d+)">(.*?)</item>', xml, re.S)]


def handout_marks(handout_html):
    """The running header, language name and page label the handout prints on every page."""
    with open(handout_html, encoding="utf-8") as f:
        src = f.read()
    marks = {}
    for key in ("data-running", "data-lang-name", "data-page-label"):
        m = re.search(key + r'="([^"]*)"', src)
        marks[key] = html.unescape(m.group(1)) if m else ""
    return marks


def page_texts(pdf, pages, marks):
    """The text of each page without its running header and footer."""
    drop = {" ".join(marks["data-running"].split()), marks["data-lang-name"]}
    label = re.compile(r"^%s\s*\d+\s*/\s*\d+$" % re.escape(marks["data-page-label"]))
    out = []
    for i in range(1, pages + 1):
        t = run("pdftotext", "-enc", "UTF-8", "-f", str(i), "-l", str(i), pdf, "-")
        lines = [ln for ln in t.decode("utf-8", "replace").splitlines()
                 if i == 1 or (" ".join(ln.split()) not in drop and not label.match(ln.strip()))]
        out.append("\n".join(lines).strip())
    return out


def paper_of(handout_html):
    """The paper size a page asks for in its inline @page rule (site.yaml's `paper`)."""
    with open(handout_html, encoding="utf-8") as f:
        m = re.search(r"@page\s*\{\s*size:\s*([a-z0-9]+)", f.read(), re.I)
    return m.group(1).lower() if m else "?"


def paper_name(size):
    """'a4' or 'letter' from pdfinfo's "595.276 x 841.89 pts (A4)"."""
    m = re.match(r"([\d.]+) x ([\d.]+) pts", size)
    if not m:
        return "?"
    w, h = float(m.group(1)), float(m.group(2))
    if abs(w - 595.3) < 2 and abs(h - 841.9) < 2:
        return "a4"
    if abs(w - 612) < 2 and abs(h - 792) < 2:
        return "letter"
    return size


def find_one(site, pattern):
    hits = sorted(glob.glob(os.path.join(site, pattern)))
    return hits[0] if len(hits) == 1 else None


def check_plan(site, artifacts, data, plan, lang):
    slug = plan["slug"]
    langs = data["languages"]
    pdf = find_one(site, "%s/*/%s/plan-%s-%s.pdf" % (lang, slug, slug, lang))
    name = "%s %s" % (slug, lang)
    if not pdf:
        report(False, "PDF of plan %s exists beside its handout" % name)
        return
    marks = handout_marks(os.path.join(os.path.dirname(pdf), "index.html"))
    meta = info(pdf)
    pages = int(meta.get("Pages", "0"))
    title = text_of(lang, plan["title"], langs) or ""
    with open(pdf, "rb") as f:
        raw = f.read()
    problems = []
    if norm(title) not in norm(meta.get("Title", "")):
        problems.append("title %r is not %r" % (meta.get("Title"), title))
    if ("/Lang (%s)" % lang).encode() not in raw:
        problems.append("no /Lang (%s) in the catalog" % lang)
    paper = paper_of(os.path.join(os.path.dirname(pdf), "index.html"))
    if paper_name(meta.get("Page size", "")) != paper:
        problems.append("page size %r, the site asks for %s" % (meta.get("Page size"), paper))
    report(not problems, "PDF of plan %s: title, language and paper size (%s) set (%s)" %
           (name, paper, os.path.relpath(pdf, site)), problems)

    # bookmarks: every workstream, each on a page after the previous one
    marks_ol = outline(pdf)
    problems, ws_pages = [], []
    for ws in plan["workstreams"]:
        want = norm((ws["number"] or "") + (text_of(lang, ws["title"], langs) or ""))
        hit = [p for p, t in marks_ol if norm(t) == want]
        if not hit:
            problems.append("no bookmark for workstream %s" % ws["number"])
        else:
            ws_pages.append((hit[0], ws["number"]))
    ordered = [p for p, _ in sorted(ws_pages, key=lambda x: x[0])]
    if len(set(ordered)) != len(ordered):
        problems.append("workstreams share a page: %s" % ws_pages)
    report(not problems and len(marks_ol) > len(plan["workstreams"]),
           "PDF of plan %s: bookmarks for all %d workstreams, each starting a new page" %
           (name, len(plan["workstreams"])), problems)

    # page count and blank pages
    texts = page_texts(pdf, pages, marks)
    least = 2 + len(plan["workstreams"])
    blank = [str(i + 1) for i, t in enumerate(texts) if not t]
    report(least <= pages <= 20 * least and not blank,
           "PDF of plan %s: %d pages (cover, contents and %d workstreams need at least %d), "
           "no blank page" % (name, pages, len(plan["workstreams"]), least),
           ["blank pages: " + ", ".join(blank)] if blank else [])

    # every workstream title and activity (and its sub-items) is in the text
    body = norm("\n".join(texts))
    missing, count = [], 0
    for ws in plan["workstreams"]:
        wanted = [("title of %s" % ws["number"], text_of(lang, ws["title"], langs))]
        for i, act in enumerate(ws["activities"], 1):
            wanted.append(("activity %s.%d" % (ws["number"], i), text_of(lang, act["text"], langs)))
            items = act["items"].get(lang) or next((act["items"][o] for o in langs
                                                    if act["items"].get(o)), [])
            wanted += [("item of activity %s.%d" % (ws["number"], i), it) for it in items]
        for what, text in wanted:
            if not text:
                continue
            count += 1
            if norm(text) not in body:
                missing.append("%s: %s" % (what, text[:90]))
    report(not missing and count > 0, "PDF of plan %s: all %d workstream titles, activities and "
           "items are in its text" % (name, count), missing)

    # pictures for people: the cover and the first workstream's page
    if ws_pages:
        first = min(p for p, _ in ws_pages)
        for page, what in ((1, "cover"), (first, "workstream")):
            prefix = os.path.join(artifacts, "pdf-%s-%s-%s" % (slug, lang, what))
            run("pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                pdf, prefix)


def check_objective(site, data, number, lang):
    langs = data["languages"]
    pdf = find_one(site, "%s/*/*-%d/*-%d-%s.pdf" % (lang, number, number, lang))
    if not pdf:
        return None
    marks = handout_marks(os.path.join(os.path.dirname(pdf), "index.html"))
    pages = int(info(pdf).get("Pages", "0"))
    texts = page_texts(pdf, pages, marks)
    body = norm("\n".join(texts))
    problems = []
    for plan in data["plans"]:
        for ws in plan["workstreams"]:
            if number in (ws.get("objectives") or []):
                title = text_of(lang, ws["title"], langs) or ""
                if norm(title) not in body:
                    problems.append("workstream %s %s is not named" % (plan["slug"], ws["number"]))
    if not 1 <= pages <= 2:
        problems.append("%d pages" % pages)
    if any(not t for t in texts):
        problems.append("a blank page")
    return problems


def ua_problems(pdf, lang):
    """What keeps pdf from being a tagged PDF/UA-1 document in lang ([] when nothing)."""
    problems = []
    meta = info(pdf)
    if meta.get("Tagged") != "yes":
        problems.append("not marked as tagged (pdfinfo Tagged: %s)" % meta.get("Tagged"))
    if not meta.get("Title"):
        problems.append("no title")
    tree = run("pdfinfo", "-struct", pdf).decode("utf-8", "replace").split()
    kinds = set(tree)
    if not any(re.fullmatch(r"H[1-6]?", k) for k in kinds) or "P" not in kinds:
        problems.append("no structure tree with headings and paragraphs (%d elements)" % len(tree))
    xmp = run("pdfinfo", "-meta", pdf).decode("utf-8", "replace")
    if not re.search(r'pdfuaid:part(="1"|>\s*1\s*<)', xmp):
        problems.append("no pdfuaid:part 1 in the XMP metadata")
    with open(pdf, "rb") as f:
        raw = f.read()
    if b"/StructTreeRoot" not in raw:
        problems.append("no /StructTreeRoot")
    if ("/Lang (%s)" % lang).encode() not in raw:
        problems.append("no /Lang (%s)" % lang)
    if not re.search(rb"/DisplayDocTitle\s+true", raw):
        problems.append("no /DisplayDocTitle true")
    return problems


def check_ua(pdfs_by_lang):
    """One line per language: every PDF of that language is tagged (ua_problems)."""
    for lang, pdfs in sorted(pdfs_by_lang.items()):
        problems = []
        for pdf in pdfs:
            problems += ["%s: %s" % (os.path.basename(pdf), p) for p in ua_problems(pdf, lang)]
        report(pdfs and not problems, "%d PDFs in %s tagged as PDF/UA-1 asks (structure tree with "
               "headings and paragraphs, MarkInfo, /Lang, DisplayDocTitle, pdfuaid:part 1)" %
               (len(pdfs), lang), problems)


def check_paper(pdf, html_file):
    """check_pdfs.py --paper PDF HTML: the PDF's page size is the one its HTML asks for."""
    want, got = paper_of(html_file), paper_name(info(pdf).get("Page size", ""))
    report(want == got and want != "?", "a handout asking for %s paper is printed on %s" %
           (want, got))
    return 1 if failures else 0


def main():
    if sys.argv[1] == "--paper":
        return check_paper(sys.argv[2], sys.argv[3])
    if sys.argv[1] == "--ua":
        check_ua({sys.argv[2]: sys.argv[3:]})
        return 1 if failures else 0
    site, artifacts = sys.argv[1], sys.argv[2]
    os.makedirs(artifacts, exist_ok=True)
    with open(os.path.join(site, "data", "workplans.json"), encoding="utf-8") as f:
        data = json.load(f)
    for plan in data["plans"]:
        for lang in data["languages"]:
            check_plan(site, artifacts, data, plan, lang)
    numbers = [int(o.get("number", o.get("id"))) for o in data["objectives"]]
    for lang in data["languages"]:
        problems = []
        for n in numbers:
            found = check_objective(site, data, n, lang)
            problems += ["objective %d: %s" % (n, p) for p in
                         (found if found is not None else ["no PDF"])]
        report(not problems and numbers, "PDFs of the %d objectives in %s: one or two pages, "
               "naming every workstream that serves the objective" % (len(numbers), lang),
               problems)
    check_ua({lang: sorted(glob.glob(os.path.join(site, lang, "**", "*.pdf"), recursive=True))
              for lang in data["languages"]})
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
