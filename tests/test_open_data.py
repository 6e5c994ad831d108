#!/usr/bin/env python3
"""The open data is what its documentation says.

Usage: test_open_data.py PLANSITE SOURCE_DIR

Builds SOURCE_DIR's site and a synthetic site (tests/bench/gen_site.py 200) into temporary
folders, then for each:
  - data/workplans.schema.json is a valid JSON Schema (draft 2020-12) and data/workplans.json
    validates against it (python3-jsonschema);
  - broken copies of the export (a required field null, a field removed, an unknown field, a
    language missing from a text, a number given as a string) do NOT validate: the schema is
    strict enough for the test to fail.
  - every facet CSV (data/workstreams-<facet>.<lang>.csv: objectives, sdgs, areas, entities; one
    per language) starts with a UTF-8 byte order mark, ends its lines with CRLF, parses as RFC 4180
    and holds, row for row and in order, the (workstream, value) pairs of data/workplans.json: the
    same plan, number, slug, the workstream's URL in that language, the code, the role (listed /
    mentioned; lead / participant / interest / representative and whom it represents); and the
    labels in the file's language (the workstream's title, the term's title and short name as
    the JSON gives them in that language, the role's name from the theme's string table);
  - the Open data page of each language lists every file of data/ with its size as the file has
    it (kB rounded up, or MB) and the build date of SOURCE_DATE_EPOCH (2023-11-14 for 1700000000);
    a SOURCE_DATE_EPOCH that is not a number is an error naming it;
  - a CSV with a row left out, or with the other language's labels, is reported (the check can
    fail).
Prints one line per problem; exits 1 if any.
"""
import copy
import csv
import io
import json
import re
import os
import subprocess
import sys
import tempfile

import jsonschema


def build(plansite, site, dest, errors):
    env = dict(os.environ, PLANSITE_PAGEFIND="off", SOURCE_DATE_EPOCH="1700000000")
    out = subprocess.run([plansite, "build", "-s", site, "-d", dest], capture_output=True,
                         text=True, env=env)
    if out.returncode != 0:
        errors.append("%s: build failed: %s" % (site, out.stderr))
        return False
    return True


def load(dest, rel):
    with open(os.path.join(dest, rel), encoding="utf-8") as f:
        return json.load(f)


def breakages(data):
    """(what, broken copy) pairs, each of which the schema must reject."""
    out = []

    def variant(what, fn):
        d = copy.deepcopy(data)
        fn(d)
        out.append((what, d))

    def ws(d):
        return d["plans"][0]["workstreams"][0]

    variant("a workstream's slug is null", lambda d: ws(d).__setitem__("slug", None))
    variant("a plan has no title", lambda d: d["plans"][0].pop("title"))
    variant("a workstream has an unknown field", lambda d: ws(d).__setitem__("leaders", []))
    variant("a text lacks a language",
            lambda d: ws(d)["title"].pop(d["languages"][-1]))
    variant("an objective is a string", lambda d: ws(d).__setitem__("objectives", ["8"]))
    variant("an activity's text is null",
            lambda d: ws(d)["activities"][0].__setitem__("text", None)
            if ws(d)["activities"] else ws(d).__setitem__("activities", [{"text": None}]))
    variant("the plans are not a list", lambda d: d.__setitem__("plans", {}))
    return out


def check_schema(dest, name, errors):
    schema = load(dest, "data/workplans.schema.json")
    data = load(dest, "data/workplans.json")
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        errors.append("%s: the schema is not a valid draft 2020-12 schema: %s" % (name, e.message))
        return
    if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        errors.append("%s: the schema does not declare draft 2020-12" % name)
    v = jsonschema.Draft202012Validator(schema)
    for e in list(v.iter_errors(data))[:20]:
        errors.append("%s: data/workplans.json%s: %s" % (name, e.json_path[1:], e.message[:200]))
    for what, broken in breakages(data):
        if v.is_valid(broken):
            errors.append("%s: the schema accepts a broken export (%s)" % (name, what))


ROLES = {"lead": "role_lead", "participant": "role_participant", "interest": "role_interest",
         "representative": "role_representative", "listed": "gcm_objectives",
         "mentioned": "objectives_mentioned"}
FACETS = ("objectives", "sdgs", "areas", "entities")
BOM = b"\xef\xbb\xbf"


def strings(site, lang):
    """The theme's string table's flat `key: "value"` lines (a site may override the theme)."""
    out = {}
    for theme in (os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "themes"),
                  os.path.join(site, "themes")):
        path = os.path.join(theme, "default", "i18n", lang + ".yaml")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r'^([a-z_0-9]+):\s*"(.*)"\s*$', line)
                if m:
                    out[m.group(1)] = json.loads('"' + m.group(2) + '"')
    return out


def text(texts, lang, langs):
    """The text of lang, or of the first language that has it (the pages' fallback)."""
    if texts.get(lang) is not None:
        return texts[lang]
    return next((texts[l] for l in langs if texts.get(l) is not None), None)


def expected_rows(data, facet, lang, table):
    """The rows data/workplans.json implies for facet's CSV in lang, as lists of cells."""
    langs = data["languages"]
    vocab = {t["id"]: t for t in data[facet]}
    rows = []
    for p in data["plans"]:
        for w in p["workstreams"]:
            pairs = []
            if facet == "objectives":
                pairs = [(n, "listed", None) for n in w["objectives"] or []] + \
                        [(n, "mentioned", None) for n in w["objectives_mentioned"] or []]
            elif facet in ("sdgs", "areas"):
                pairs = [(n, None, None) for n in w[facet] or []]
            else:
                for role, key in (("lead", "leads"), ("participant", "participants"),
                                  ("interest", "interest")):
                    pairs += [(e, role, None) for e in w[key] or []]
                r = w["representatives"]
                if r:
                    pairs += [(e, "representative", r["of"]) for e in r["by"]]
            for code, role, rep in pairs:
                t = vocab[str(code)]
                row = [p["slug"], w["number"] or "", w["slug"], text(w["title"], lang, langs) or "",
                       w["url"][lang], str(code), text(t["short"], lang, langs) or "",
                       text(t["title"], lang, langs) or ""]
                if facet in ("objectives", "entities"):
                    row += [role, table[ROLES[role]]]
                if facet == "entities":
                    row += [rep or ""]
                rows.append(row)
    return rows


def formula_safe(cell):
    """The export's guard against CSV injection: a leading ' before = + - @ tab CR."""
    return "'" + cell if cell and cell[0] in "=+-@\t\r" else cell


def compare_rows(got, want, where):
    out = []
    want = [[formula_safe(c) for c in r] for r in want]
    if len(got) != len(want):
        out.append("%s: %d rows, data/workplans.json has %d pairs" % (where, len(got), len(want)))
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            out.append("%s: row %d is %r, data/workplans.json says %r" % (where, i + 2, g, w))
            break
    return out


def check_csvs(dest, site, name, errors):
    data = load(dest, "data/workplans.json")
    quoted = 0
    for lang in data["languages"]:
        table = strings(site, lang)
        for facet in FACETS:
            rel = "data/workstreams-%s.%s.csv" % (facet, lang)
            where = "%s: %s" % (name, rel)
            try:
                with open(os.path.join(dest, rel), "rb") as f:
                    raw = f.read()
            except OSError as e:
                errors.append("%s: %s" % (where, e))
                continue
            if not raw.startswith(BOM):
                errors.append(where + ": no UTF-8 byte order mark")
            if not raw.endswith(b"\r\n") or raw.replace(b"\r\n", b"").count(b"\n"):
                errors.append(where + ": a line does not end with CRLF")
            quoted += raw.count(b'"')
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""),
                                   strict=True))
            head = ["plan", "number", "slug", "title", "url", "code", "short", "label"]
            head += ["role", "role_label"] if facet in ("objectives", "entities") else []
            head += ["represents"] if facet == "entities" else []
            if not rows or rows[0] != head:
                errors.append("%s: header %r, expected %r" % (where, rows[:1], head))
                continue
            want = expected_rows(data, facet, lang, table)
            errors.extend(compare_rows(rows[1:], want, where))
            # the check itself can fail: a row left out, the other language's labels
            other = [l for l in data["languages"] if l != lang]
            if want and not compare_rows(rows[2:], want, where):
                errors.append(where + ": a CSV missing a row was not reported")
            if other and want:
                theirs = expected_rows(data, facet, other[0], strings(site, other[0]))
                labels = (3, 6, 7, 9)   # title, short, label, role_label; codes and URLs stay
                swapped = [[t[i] if i in labels else c for i, c in enumerate(r)]
                           for r, t in zip(want, theirs)]
                if swapped != want and not compare_rows(rows[1:], swapped, where):
                    errors.append(where + ": the other language's labels were not reported")
    if name == "site" and not quoted:
        errors.append("site: no CSV has a quoted cell (RFC 4180 quoting not exercised)")


def size_text(n, mark):
    if n < 1000 * 1000:
        return "%d kB" % ((n + 999) // 1000)
    return ("%.1f MB" % (n / 1e6)).replace(".", mark)


def check_page(dest, name, errors):
    data = load(dest, "data/workplans.json")
    files = sorted(f for f in os.listdir(os.path.join(dest, "data")))
    for lang in data["languages"]:
        pages = [os.path.join(d, "index.html") for d in
                 (os.path.join(dest, lang, "datos"), os.path.join(dest, lang, "data"))
                 if os.path.exists(os.path.join(d, "index.html"))]
        if not pages:
            errors.append("%s: no open data page in %s" % (name, lang))
            continue
        with open(pages[0], encoding="utf-8") as f:
            page = f.read()
        shown = dict(re.findall(r'<code>(data/[^<]+)</code></a></th><td>[^<]*</td>'
                                r'<td class="size">([^<]+)</td>', page))
        mark = "," if lang == "es" else "."
        for fn in files:
            size = os.path.getsize(os.path.join(dest, "data", fn))
            want = size_text(size, mark)
            if shown.get("data/" + fn) != want:
                errors.append("%s: %s: data/%s shown as %r, the file has %d bytes (%s)" %
                              (name, pages[0], fn, shown.get("data/" + fn), size, want))
        if len(shown) != len(files):
            errors.append("%s: %s lists %d files, data/ has %d" % (name, pages[0], len(shown),
                                                                    len(files)))
        if '<time datetime="2023-11-14">' not in page:
            errors.append("%s: %s does not show the date of SOURCE_DATE_EPOCH" % (name, pages[0]))


def check_bad_epoch(plansite, site, tmp, errors):
    env = dict(os.environ, PLANSITE_PAGEFIND="off", SOURCE_DATE_EPOCH="yesterday")
    out = subprocess.run([plansite, "build", "-s", site, "-d", os.path.join(tmp, "bad")],
                         capture_output=True, text=True, env=env)
    if out.returncode != 1 or "SOURCE_DATE_EPOCH: expected a whole number" not in out.stderr:
        errors.append("SOURCE_DATE_EPOCH=yesterday: exit %d, %s" % (out.returncode,
                                                                  out.stderr[-300:]))


def main():
    plansite, src = sys.argv[1], sys.argv[2]
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        synth = os.path.join(tmp, "synth")
        subprocess.run([sys.executable, os.path.join(src, "tests/bench/gen_site.py"), "200",
                        synth], check=True, capture_output=True)
        for name, site in (("site", src), ("synthetic", synth)):
            dest = os.path.join(tmp, name + "-out")
            if build(plansite, site, dest, errors):
                check_schema(dest, name, errors)
                check_csvs(dest, site, name, errors)
                check_page(dest, name, errors)
        check_bad_epoch(plansite, src, tmp, errors)
    for e in errors:
        print(e)
    print("open data: %d problems" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
