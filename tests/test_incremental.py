#!/usr/bin/env python3
"""Differential test of `plansite build --incremental` (issue #16): random edits with a fixed
seed (24 of them: bodies, facts, objectives, entities, titles, renames, deletions, additions, templates,
string tables, site.yaml) to a synthetic site of 30 workstreams; after each, the incremental
build's output must be byte-identical to a full build of the same content (diff -r), the
previous tree must not have been modified in place (its files are checked through hard links
taken before the build), and a file that did not change must be a hard link to the previous
build's (same inode) while a changed one must not.
Usage: test_incremental.py PLANSITE SOURCE_DIR"""
import filecmp, hashlib, os, random, re, shutil, subprocess, sys, tempfile

plansite, src = sys.argv[1], sys.argv[2]
# Every page's "last updated" date is this day (its files are newer): an edit changes the pages
# built from the edited files, not every page that lists them (the dates are test_lastmod.sh's).
os.environ["SOURCE_DATE_EPOCH"] = "1704067200"
rnd = random.Random(16)
failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", what)


def run(*args):
    r = subprocess.run([plansite, *args], capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
    return r


def tree(root):
    """relative path -> (inode, sha256) of every regular file under root."""
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            st = os.lstat(p)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = (st.st_ino, hashlib.sha256(fh.read()).hexdigest())
    return out


def diff_trees(a, b):
    """Names of files that differ or exist on one side only (recursive)."""
    bad = []

    def walk(c, rel):
        bad.extend(os.path.join(rel, n) for n in c.left_only + c.right_only + c.diff_files +
                   c.funny_files)
        for n, sub in c.subdirs.items():
            walk(sub, os.path.join(rel, n))
    c = filecmp.dircmp(a, b, ignore=[])
    walk(c, "")
    # dircmp compares by stat signature first: confirm the "same" ones byte by byte
    for rel, (_, h) in tree(a).items():
        q = os.path.join(b, rel)
        if os.path.isfile(q):
            with open(q, "rb") as fh:
                if hashlib.sha256(fh.read()).hexdigest() != h:
                    bad.append(rel)
    return sorted(set(bad))


work = tempfile.mkdtemp(prefix="plansite-incr-")
site = os.path.join(work, "site")
subprocess.run([sys.executable, os.path.join(src, "tests/bench/gen_site.py"), "30", site],
               check=True, capture_output=True)
os.unlink(os.path.join(site, "themes"))   # a copy of the theme: its templates and strings change
shutil.copytree(os.path.join(src, "themes"), os.path.join(site, "themes"))
plan = os.path.join(site, "content/plans/synthetic")
data = os.path.join(site, "content/data")
theme = os.path.join(site, "themes/default")
inc, full, snap = (os.path.join(work, n) for n in ("inc", "full", "snap"))


def workstreams():
    return sorted(f[:-5] for f in os.listdir(plan) if f.startswith("ws-") and f.endswith(".yaml"))


def edit_file(path, fn):
    with open(path) as f:
        text = f.read()
    new = fn(text)
    with open(path, "w") as f:
        f.write(new)


def e_body(ws):
    lang = rnd.choice(["es", "en"])
    edit_file(f"{plan}/{ws}.{lang}.md", lambda t: t + f"\nUn párrafo nuevo {rnd.random()}.\n")
    return "body"


def e_title(ws):
    edit_file(f"{plan}/{ws}.en.md", lambda t: re.sub(r'title: "', f'title: "T{rnd.randint(0, 99)} ', t, 1))
    return "title"


def e_objectives(ws):
    objs = sorted(rnd.sample(range(1, 24), rnd.randint(1, 4)))
    edit_file(f"{plan}/{ws}.yaml", lambda t: re.sub(r"objectives: \[.*\]",
                                                     f"objectives: [{', '.join(map(str, objs))}]", t))
    return "objectives"


def e_leads(ws):
    leads = rnd.sample(["iom", "unhcr", "undp", "ilo", "unicef", "who"], 2)
    edit_file(f"{plan}/{ws}.yaml", lambda t: re.sub(r"leads: \[.*\]", f"leads: [{', '.join(leads)}]", t))
    return "facts (leads)"


def e_order(ws):
    edit_file(f"{plan}/{ws}.yaml", lambda t: re.sub(r"order: \d+", f"order: {rnd.randint(1, 60)}", t))
    return "facts (order)"


def e_entity(ws):
    edit_file(f"{data}/entities.yaml",
              lambda t: t.replace('name: "OIT"', 'name: "Organización Internacional del Trabajo"', 1)
              if 'name: "OIT"' in t else t.replace('name: "Organización Internacional del Trabajo"',
                                                   'name: "OIT"', 1))
    return "entity"


def e_objective_title(ws):
    k = rnd.randint(1, 23)
    edit_file(f"{data}/objectives.yaml",
              lambda t: t.replace(f'title: "Objective {k}"', f'title: "Objective {k} (renamed)"', 1))
    return "objective title"


def e_rename(ws):
    new = f"ws-{rnd.randint(100, 999):05d}"
    if os.path.exists(f"{plan}/{new}.yaml"):
        return "rename (skipped)"
    for ext in (".yaml", ".es.md", ".en.md"):
        os.rename(f"{plan}/{ws}{ext}", f"{plan}/{new}{ext}")
    return "rename"


def e_delete(ws):
    if len(workstreams()) < 10:
        return "delete (skipped)"
    for ext in (".yaml", ".es.md", ".en.md"):
        os.unlink(f"{plan}/{ws}{ext}")
    return "delete"


def e_add(ws):
    new = f"ws-{rnd.randint(1000, 9999):05d}"
    for ext in (".yaml", ".es.md", ".en.md"):
        shutil.copy(f"{plan}/{ws}{ext}", f"{plan}/{new}{ext}")
    edit_file(f"{plan}/{new}.yaml", lambda t: re.sub(r'number: "\d+"', f'number: "{new[3:]}"', t))
    return "add"


def e_template(ws):
    name = rnd.choice(["workstream", "ws-card", "base", "term"])
    edit_file(f"{theme}/templates/{name}.mustache", lambda t: t + f"<!-- {rnd.random()} -->\n")
    return f"template {name}"


def e_strings(ws):
    lang = rnd.choice(["es", "en"])
    edit_file(f"{theme}/i18n/{lang}.yaml",
              lambda t: re.sub(r'^home: "([^"]*)"', lambda m: f'home: "{m.group(1)}+"', t, 1, re.M))
    return f"string table {lang}"


def e_site(ws):
    edit_file(f"{site}/content/site.yaml", lambda t: t.replace('Synthetic site', 'Synthetic site 2')
              if 'site 2' not in t else t.replace('Synthetic site 2', 'Synthetic site'))
    return "site.yaml"


def e_none(ws):
    return "no change"


edits = [e_body, e_body, e_body, e_title, e_objectives, e_objectives, e_leads, e_order, e_entity,
         e_objective_title, e_rename, e_delete, e_add, e_template, e_strings, e_site, e_none]

check(run("build", "-s", site, "-d", inc, "--incremental").returncode == 0, "first build")
steps = 0
for step in range(24):
    fn = edits[step] if step < len(edits) else rnd.choice(edits)
    what = fn(rnd.choice(workstreams()))
    before = tree(inc)
    shutil.rmtree(snap, ignore_errors=True)
    subprocess.run(["cp", "-al", inc, snap], check=True)   # the old tree's inodes, kept alive
    r = run("build", "-s", site, "-d", inc, "--incremental")
    check(r.returncode == 0 and "unchanged files linked" in r.stdout, f"{what}: incremental build")
    shutil.rmtree(full, ignore_errors=True)
    check(run("build", "-s", site, "-d", full).returncode == 0, f"{what}: full build")
    bad = diff_trees(inc, full)
    check(not bad, f"step {step} ({what}): incremental differs from full build: {bad[:5]}")
    kept = tree(snap)
    check(kept == before, f"step {step} ({what}): the previous tree was modified in place")
    after = tree(inc)
    for rel, (ino, h) in after.items():
        if rel == ".plansite-build" or rel not in before:
            continue
        old_ino, old_h = before[rel]
        check((ino == old_ino) == (h == old_h),
              f"step {step} ({what}): {rel} {'changed but shared' if h != old_h else 'same but copied'}")
    changed = sum(1 for rel, (_, h) in after.items() if before.get(rel, (0, None))[1] != h)
    if what in ("body", "no change"):
        check(changed <= 6, f"step {step} ({what}): {changed} files written, expected a few")
    print(f"step {step:2d} {what:20s} {changed:4d} of {len(after)} files written")
    steps += 1

shutil.rmtree(work)
print(f"{steps - min(failures, steps)} passed, {failures} failed")
sys.exit(1 if failures else 0)
