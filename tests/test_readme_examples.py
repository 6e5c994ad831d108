#!/usr/bin/env python3
"""The README's editor examples, followed literally on a copy of the bundled site: add the
workstream 15-trabajo-decente (its two files exactly as the README shows them), add the entity of
"Add an entity" where the README says and use it as it says; then check passes (the missing English
text only a warning), build succeeds, the plan page shows 15 in its group ('new', after order 5),
and prev/next on every workstream page of the plan follow the order the plan page shows.
Usage: test_readme_examples.py PLANSITE SOURCE_DIR"""
import os, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
import serve_harness as h

PLANSITE, SRC = sys.argv[1], sys.argv[2]
check = h.Checks(verbose=True)

readme = open(os.path.join(SRC, "README.md"), encoding="utf-8").read()

def block_after(marker):
    """The first fenced code block after the line that holds marker."""
    at = readme.index(marker)
    m = re.compile(r"```[a-z]*\n(.*?)```", re.S).search(readme, at)
    return m.group(1)

work = tempfile.mkdtemp()
site = os.path.join(work, "site")
h.copy_site(SRC, site)
plan = os.path.join(site, "content", "plans", "2022-2024")
facts = block_after("`15-trabajo-decente.yaml` (the facts)")
text = block_after("`15-trabajo-decente.es.md` (the Spanish text)")

# Add an entity: the README names the id and where it goes ("between `X` and `Y`").
entity = block_after("**Add an entity**")
ent_id = re.search(r"^- id: (\S+)", entity, re.M).group(1)
where = re.search(r"\(`" + re.escape(ent_id) + r"` goes between `([^`]+)` and `([^`]+)`\)",
                  readme.replace("\n", " "))
check(where is not None, "the README says where to insert '%s'" % ent_id)
entities_path = os.path.join(site, "content", "data", "entities.yaml")
entities = open(entities_path, encoding="utf-8").read()
check(not re.search(r"^- id: %s$" % re.escape(ent_id), entities, re.M),
      "the README's entity id '%s' does not exist yet" % ent_id)
if where:
    after_line = "- id: %s\n" % where.group(2)
    check(after_line in entities, "entities.yaml has %s" % after_line.strip())
    entities = entities.replace(after_line, entity + after_line, 1)
    open(entities_path, "w", encoding="utf-8").write(entities)
use = re.search(r"e\.g\. `(participants: \[[^\]]*\])` in `15-trabajo-decente\.yaml`",
                readme.replace("\n", " "))
check(use is not None and ent_id in use.group(1), "the README says how to use the new entity")
if use:
    facts = re.sub(r"^participants: \[[^\]]*\]", use.group(1), facts, flags=re.M)
open(os.path.join(plan, "15-trabajo-decente.yaml"), "w", encoding="utf-8").write(facts)
open(os.path.join(plan, "15-trabajo-decente.es.md"), "w", encoding="utf-8").write(text)

p = subprocess.run([PLANSITE, "check", "-s", site], capture_output=True, text=True)
check(p.returncode == 0, "plansite check accepts the README's example (exit %d)" % p.returncode)
warn = [l for l in p.stderr.splitlines() if ": warning:" in l]
placeholder = [l for l in warn if "site.yaml:" in l and "is a placeholder host" in l]
check(len(placeholder) == 1, "check warns about the bundled placeholder base_url: %r" % warn)
warn = [l for l in warn if l not in placeholder]
check(len(warn) == 1 and "15-trabajo-decente" in warn[0] and "'en'" in warn[0],
      "check reports the missing English text as its only other warning: %r" % warn)
out = os.path.join(work, "out")
p = subprocess.run([PLANSITE, "build", "-s", site, "-d", out], capture_output=True, text=True)
check(p.returncode == 0, "plansite build succeeds (%s)" % p.stderr.strip()[:200])

def read(rel):
    path = os.path.join(out, rel)
    return open(path, encoding="utf-8").read() if os.path.exists(path) else ""

check(os.path.exists(os.path.join(out, "es", "entidades", ent_id, "index.html")),
      "the new entity has its page /es/entidades/%s/" % ent_id)
for lang, section in (("es", "planes"), ("en", "workplans")):
    base = "/%s/%s/2022-2024/" % (lang, section)
    page = read("%s/%s/2022-2024/index.html" % (lang, section))
    main = page[page.find("<main"):page.find("</main>")]
    order = []
    for slug in re.findall(r'href="[^"]*?%s([0-9a-z-]+)/"' % re.escape(base), main):
        if slug not in order:
            order.append(slug)
    check("15-trabajo-decente" in order, "%s: the plan page lists 15-trabajo-decente" % lang)
    if "15-trabajo-decente" in order:
        i = order.index("15-trabajo-decente")
        check(i > 0 and order[i - 1].startswith("05-"),
              "%s: the plan page shows it in group 'new', after 05 (%s)" % (lang, order[max(i - 1, 0)]))
    bad = []
    for i, slug in enumerate(order):
        ws = read("%s/%s/2022-2024/%s/index.html" % (lang, section, slug))
        prev = re.search(r'<a rel="prev" href="[^"]*?([0-9a-z-]+)/"', ws)
        nxt = re.search(r'<a rel="next" href="[^"]*?([0-9a-z-]+)/"', ws)
        want_prev = order[i - 1] if i > 0 else None
        want_next = order[i + 1] if i + 1 < len(order) else None
        if (prev and prev.group(1)) != want_prev or (nxt and nxt.group(1)) != want_next:
            bad.append("%s: prev %s next %s, the plan page: %s, %s" % (
                slug, prev and prev.group(1), nxt and nxt.group(1), want_prev, want_next))
    check(len(order) == 15 and not bad,
          "%s: prev/next of all %d workstream pages follow the plan page%s" % (
              lang, len(order), "".join("\n    " + b for b in bad)))

shutil.rmtree(work, ignore_errors=True)
sys.exit(check.summary())
