#!/usr/bin/env python3
"""Differential test of `plansite build --incremental` (issue #16): random edits with a fixed
seed (44 of them, in three rounds: a plain build, with --handouts, and with the dates left to the
files' times; bodies, facts, objectives, entities, titles, renames, deletions, additions,
templates, string tables, site.yaml) to a synthetic site of 30 workstreams; after each, the incremental
build's output must be byte-identical to a full build of the same content (diff -r), the
previous tree must not have been modified in place (its files are checked through hard links
taken before the build), a file that did not change must be a hard link to the previous
build's (same inode) while a changed one must not, and the build must have used the previous
build's fingerprints (but after a template or site.yaml edit) and rendered no more pages than
changed (a body edit: at most 2 more).
Usage: test_incremental.py PLANSITE SOURCE_DIR"""
import filecmp, hashlib, os, random, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import site_edits

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
inc, full, snap = (os.path.join(work, n) for n in ("inc", "full", "snap"))
ed = site_edits.Edits(site, rnd)




FULL_RENDER = ("template", "site.yaml")   # the salt changes: every page is rendered


def rendered(out):
    """The number of pages an incremental build rendered, from its summary, or None when it used
    no fingerprints (then it rendered every page)."""
    m = re.search(r"\((\d+) pages? rendered\)", out)
    return int(m.group(1)) if m else None


def one_step(step, extra, live_dates):
    global steps
    what = ed.apply(step)
    before = tree(inc)
    shutil.rmtree(snap, ignore_errors=True)
    subprocess.run(["cp", "-al", inc, snap], check=True)   # the old tree's inodes, kept alive
    r = run("build", "-s", site, "-d", inc, "--incremental", *extra)
    check(r.returncode == 0 and "unchanged files linked" in r.stdout, f"{what}: incremental build")
    shutil.rmtree(full, ignore_errors=True)
    check(run("build", "-s", site, "-d", full, *extra).returncode == 0, f"{what}: full build")
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
    pages = sum(1 for rel in after if rel.endswith(".html"))
    n = rendered(r.stdout)
    if not what.startswith(FULL_RENDER) and not what.endswith("(skipped)"):
        # the fingerprints of the previous build applied, and only the changed pages (and a few
        # whose context changed in ways that do not show, e.g. a body edit's outdated notice)
        # were rendered
        check(n is not None, f"step {step} ({what}): no fingerprints used: {r.stdout.strip()}")
        if n is not None and what in ("body", "no change"):
            check(n <= changed + 2, f"step {step} ({what}): {n} pages rendered for {changed} changed")
        if n is not None and what == "no change":
            check(n == 0, f"step {step} ({what}): {n} pages rendered, expected none")
    if what in ("body", "no change") and not live_dates:
        check(changed <= 6, f"step {step} ({what}): {changed} files written, expected a few")
    print(f"step {step:2d} {what:20s} {changed:4d} of {len(after)} files written, "
          f"{'all' if n is None else n} of {pages} pages rendered")
    steps += 1


# three rounds: a plain build; with the handouts (whole-plan pages, lazy lists); and with the
# dates left to the files' times (no SOURCE_DATE_EPOCH: an edit moves the edited item's "last
# updated" date on every page that lists it)
steps = 0
rounds = [([], False, 24), (["--handouts"], False, 10), ([], True, 10)]
for extra, live_dates, count in rounds:
    if live_dates:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    shutil.rmtree(inc, ignore_errors=True)
    check(run("build", "-s", site, "-d", inc, "--incremental", *extra).returncode == 0,
          f"first build {extra}")
    print(f"round {' '.join(extra) or 'plain'}{', live dates' if live_dates else ''}")
    for step in range(count):
        one_step(step, extra, live_dates)

shutil.rmtree(work)
print(f"{steps - min(failures, steps)} passed, {failures} failed")
sys.exit(1 if failures else 0)
