#!/usr/bin/env python3
"""The open data says what the pages say.

Usage: test_export_pages.py PLANSITE SOURCE_DIR

Builds SOURCE_DIR's site into a temporary folder, reads data/workplans.json and, for every
workstream and every language, parses the workstream's page (html.parser) and compares each fact
the page shows with the export:
  - a fact named in the line "Not stated in the source: ..." (<p class="unstated">, each fact a
    <span data-fact="KEY">) is null in the export, and has no row of its own on the page; a fact
    the page neither shows nor names there is an error (unless it is one the page may leave out);
  - a fact shown as "not stated in the source" in its row is null in the export;
  - a fact listed on the page lists the same entity ids / objective, SDG or area numbers, in the
    same order; a fact shown as "None" is [] in the export;
  - a fact the page leaves out (participants, interest, mentioned objectives, Progress Declaration)
    is null or [] in the export;
and the other way round: every non-empty list of the export is on the page. The model's rule is
"key left out = not stated (null), [] = the source says there are none".
Prints one line per mismatch; exits 1 if any.
"""
import glob
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# the string-table keys of the fact rows, and the export's field each one shows
ROWS = {
    "status": "status",
    "timeline": "timeline",
    "lead_entities": "leads",
    "participating_entities": "participants",
    "interest_entities": "interest",
    "representation": "representatives",
    "gcm_objectives": "objectives",
    "objectives_mentioned": "objectives_mentioned",
    "sdgs": "sdgs",
    "mptf_areas": "areas",
    "progress_declaration": "progress_declaration",
}
LISTS = {"leads", "participants", "interest", "objectives", "objectives_mentioned", "sdgs",
         "areas"}
OPTIONAL = {"participants", "interest", "objectives_mentioned", "progress_declaration",
            "representatives"}


def strings(theme_dir, lang):
    """The string table's flat `key: "value"` lines."""
    out = {}
    with open(os.path.join(theme_dir, "i18n", lang + ".yaml"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r'^([a-z_]+):\s*"(.*)"\s*$', line)
            if m:
                out[m.group(1)] = json.loads('"' + m.group(2) + '"')
    return out


class Facts(html.parser.HTMLParser):
    """Rows of <dl class="facts">: label -> {"unknown": bool, "ids": [...], "text": str};
    and per activity the ids of its entity links."""

    def __init__(self):
        super().__init__()
        self.rows = {}
        self.acts = []
        self.in_facts = self.in_dt = self.in_dd = False
        self.in_act_entities = 0
        self.unstated = []       # the data-fact keys of <p class="unstated">
        self.in_unstated = False
        self.label = ""
        self.cur = None
        self.depth_dd = 0

    @staticmethod
    def last_segment(href):
        parts = [p for p in href.split("/") if p and p != ".."]
        return parts[-1] if parts else ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "dl" and "facts" in cls:
            self.in_facts = True
        elif self.in_facts and tag == "dt":
            self.in_dt, self.label = True, ""
        elif self.in_facts and tag == "dd":
            self.in_dd = True
            self.cur = {"unknown": False, "ids": [], "items": [], "text": ""}
        elif self.in_dd and tag == "span" and "unknown" in cls:
            self.cur["unknown"] = True
        elif self.in_dd and tag == "a" and "href" in a:
            self.cur["ids"].append(self.last_segment(a["href"]))
        elif self.in_dd and tag == "li":
            self.cur["items"].append("")
        elif tag == "p" and "unstated" in cls:
            self.in_unstated = True
        elif self.in_unstated and tag == "span" and "data-fact" in a:
            self.unstated.append(a["data-fact"])
        elif tag == "li" and "activity" in cls:
            self.acts.append([])
        elif tag == "p" and "act-meta" in cls:
            self.in_act_entities = 1
        elif self.in_act_entities and tag == "a" and "href" in a and self.acts:
            self.acts[-1].append(self.last_segment(a["href"]))

    def handle_endtag(self, tag):
        if tag == "dl":
            self.in_facts = False
        elif tag == "dt":
            self.in_dt = False
        elif tag == "dd" and self.in_dd:
            self.in_dd = False
            self.cur["text"] = self.cur["text"].strip()
            self.rows[self.label.strip()] = self.cur
        elif tag == "p":
            self.in_act_entities = 0
            self.in_unstated = False

    def handle_data(self, data):
        if self.in_dt:
            self.label += data
        elif self.in_dd:
            self.cur["text"] += data
            if self.cur["items"]:
                self.cur["items"][-1] += data


def ids_of(field, values):
    return [str(x) for x in values]


def check_ws(page, ws, lang, t, errors):
    where = "%s %s/%s" % (lang, ws["plan"], ws["slug"])
    with open(page, encoding="utf-8") as f:
        p = Facts()
        p.feed(f.read())
    for key, field in ROWS.items():
        label = t[key]
        row = p.rows.get(label)
        value = ws[field]
        if field == "timeline" and value is not None:
            value = value.get(lang)
        if key in p.unstated:
            if row is not None:
                errors.append("%s: '%s' has a row and is named as not stated" % (where, label))
            if value is not None:
                errors.append("%s: '%s' is named as not stated on the page but %r in the export"
                              % (where, field, value))
            continue
        if row is None:
            if field not in OPTIONAL:
                errors.append("%s: the page has no row '%s'" % (where, label))
            elif value:
                errors.append("%s: '%s' is %r in the export but not on the page"
                              % (where, field, value))
            continue
        if row["unknown"]:
            if value is not None:
                errors.append("%s: '%s' is not stated on the page but %r in the export"
                              % (where, field, value))
            continue
        if value is None:
            errors.append("%s: '%s' is null in the export but the page shows %r"
                          % (where, field, row["text"][:60]))
            continue
        if field in LISTS:
            if row["text"] == t["none"] and not row["ids"]:
                shown = []
            else:
                shown = row["ids"]
            if shown != ids_of(field, value):
                errors.append("%s: '%s' is %r on the page, %r in the export"
                              % (where, field, shown, value))
        elif field == "representatives":
            if row["ids"] != [value["of"]] + value["by"]:
                errors.append("%s: representatives are %r on the page, %r in the export"
                              % (where, row["ids"], value))
        elif field == "progress_declaration":
            shown = [] if row["text"] == t["none"] else [i.strip() for i in row["items"]]
            if shown != value:
                errors.append("%s: '%s' is %r on the page, %r in the export"
                              % (where, field, shown, value))
    # a status the plan states for the workstream's group: the row says so, and it is the
    # group's in the export
    row = p.rows.get(t["status"])
    if ws.get("status_by_group"):
        if ws["status"] is None or ws["status"] != ws["group_status"]:
            errors.append("%s: status %r by group, the group's is %r"
                          % (where, ws["status"], ws["group_status"]))
        if row is None or t["status_of_group"] not in row["text"]:
            errors.append("%s: the status row does not say it is the group's" % where)
    elif row is not None and t["status_of_group"] in row["text"]:
        errors.append("%s: the status row says it is the group's, the export does not" % where)
    for key in p.unstated:
        if key not in ROWS:
            errors.append("%s: '%s' named as not stated is no fact row" % (where, key))
    if len(p.unstated) != len(set(p.unstated)):
        errors.append("%s: a fact named twice as not stated: %r" % (where, p.unstated))
    if len(p.acts) != len(ws["activities"]):
        errors.append("%s: %d activities on the page, %d in the export"
                      % (where, len(p.acts), len(ws["activities"])))
        return
    for i, (shown, act) in enumerate(zip(p.acts, ws["activities"])):
        if shown != ids_of("entities", act["entities"] or []):
            errors.append("%s: activity %d's entities are %r on the page, %r in the export"
                          % (where, i + 1, shown, act["entities"]))


def compare_site(plansite, src, errors):
    """Build src and compare every workstream page with the export; returns the export."""
    with tempfile.TemporaryDirectory() as dest:
        out = subprocess.run([plansite, "build", "-s", src, "-d", dest], capture_output=True,
                             text=True)
        if out.returncode != 0:
            errors.append("build failed: " + out.stderr)
            return None
        with open(os.path.join(dest, "data", "workplans.json"), encoding="utf-8") as f:
            data = json.load(f)
        checked = 0
        for lang in data["languages"]:
            t = strings(os.path.join(src, "themes", "default"), lang)
            for plan in data["plans"]:
                for ws in plan["workstreams"]:
                    ws["plan"] = plan["slug"]
                    ws["group_status"] = {g["id"]: g["status"] for g in plan["groups"]}[ws["group"]]
                    pages = glob.glob(os.path.join(dest, lang, "*", plan["slug"], ws["slug"],
                                                   "index.html"))
                    if len(pages) != 1:
                        errors.append("%s %s/%s: %d pages found" % (lang, plan["slug"],
                                                                     ws["slug"], len(pages)))
                        continue
                    check_ws(pages[0], ws, lang, t, errors)
                    checked += 1
    print("%s: %d workstream pages compared with the export" % (src, checked))
    if not checked:
        errors.append("%s: no workstream page compared" % src)
    return data


def find_ws(data, plan, slug):
    for p in data["plans"]:
        for w in p["workstreams"]:
            if p["slug"] == plan and w["slug"] == slug:
                return w
    return None


def none_stated(plansite, src, errors):
    """A copy of the site where one workstream states it has no leads and no participants
    (`[]`): the page says "None", the export has [], not null."""
    plan, slug = "2019-2020", "15-datos-desglosados-estadisticas-genero"
    with tempfile.TemporaryDirectory() as site:
        for d in ("content", "themes"):
            shutil.copytree(os.path.join(src, d), os.path.join(site, d))
        path = os.path.join(site, "content", "plans", plan, slug + ".yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"(?m)^(leads|participants):.*\n", "", text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + "leads: []\nparticipants: []\n")
        data = compare_site(plansite, site, errors)
    w = find_ws(data, plan, slug) if data else None
    if w is None:
        errors.append("none_stated: %s/%s not in the export" % (plan, slug))
    elif w["leads"] != [] or w["participants"] != []:
        errors.append("none_stated: leads %r, participants %r (expected [] and [])"
                      % (w["leads"], w["participants"]))


def main():
    plansite, src = sys.argv[1], sys.argv[2]
    errors = []
    compare_site(plansite, src, errors)
    none_stated(plansite, src, errors)
    for e in errors:
        print(e)
    print("%d mismatches" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
