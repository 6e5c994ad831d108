#!/usr/bin/env python3
"""Differential test of `plansite serve`'s incremental rebuilds (issue #16): serve a synthetic site
of 30 workstreams, apply random edits with a fixed seed (tests/site_edits.py: bodies, facts,
objectives, entities, titles, renames, deletions, additions, templates, string tables, site.yaml)
and, after each rebuild, compare the folder being served, file by file, with a full
`plansite build --drafts --handouts --base-url URL` of the same content: the same files with the
same bytes, but for the handouts, which serve makes when they are asked for (one is asked for after
every step: the next edit must not leave it stale). Also: a rebuild after an edit that is not a
template or site.yaml edit updates the served folder in place and renders only what changed; a
content error leaves the served folder as it was.
Usage: test_serve_incremental.py PLANSITE SOURCE_DIR"""
import hashlib, os, random, re, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_harness as h
import site_edits

plansite, src = sys.argv[1], sys.argv[2]
os.environ["SOURCE_DATE_EPOCH"] = "1704067200"
check = h.Checks()
rnd = random.Random(1616)
STEPS = 22


def tree(root, skip_top=("pagefind",)):
    """relative path -> sha256 of every regular file under root (but the top folders skip_top)."""
    out = {}
    for d, dirs, files in os.walk(root):
        if d == root:
            dirs[:] = [x for x in dirs if x not in skip_top]
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def empty_dirs(root):
    return sorted(os.path.relpath(d, root) for d, dirs, files in os.walk(root)
                  if not dirs and not files and os.path.basename(d) != "pagefind")


def served_folder(tmp, timeout=10):
    """The one build folder left in serve's temporary folder (an old one goes once no request
    reads it), or None."""
    end = time.time() + timeout
    while time.time() < end:
        names = [n for n in os.listdir(tmp) if n.startswith("build-") and ".tmp-" not in n]
        if len(names) == 1:
            return os.path.join(tmp, names[0])
        time.sleep(0.05)
    return None


def full_build(dest, url, *extra):
    shutil.rmtree(dest, ignore_errors=True)
    r = subprocess.run([plansite, "build", "-s", site, "-d", dest, "--drafts", "--base-url", url,
                        *extra], capture_output=True, text=True)
    check(r.returncode == 0, f"full build {extra}: {r.stderr[-300:]}")


def handout_of(rel_tree):
    return sorted(r for r in rel_tree if "/imprimir/" in r or "/print/" in r)


work = tempfile.mkdtemp(prefix="plansite-serve-incr-")
site = os.path.join(work, "site")
subprocess.run([sys.executable, os.path.join(src, "tests/bench/gen_site.py"), "30", site],
               check=True, capture_output=True)
os.unlink(os.path.join(site, "themes"))
shutil.copytree(os.path.join(src, "themes"), os.path.join(site, "themes"))
ed = site_edits.Edits(site, rnd)
full_h, full_p = os.path.join(work, "full-h"), os.path.join(work, "full-p")
env = dict(os.environ, PLANSITE_PAGEFIND="off")
s = h.Serve(plansite, site, env=env)
try:
    port = s.port(30)
    _, m = s.wait_line(r"Builds go to (\S+);", 30)
    check(port is not None and m is not None, "serve started")
    if port is None or m is None:
        print(s.text(s.err))
        sys.exit(check.summary())
    tmp, url = m.group(1), f"http://127.0.0.1:{port}/"

    served = [None]

    def compare(step, what, in_place=True):
        """The served folder against full builds of the same content."""
        folder = served_folder(tmp)
        check(folder is not None, f"step {step} ({what}): one served folder")
        if folder is None:
            return
        if served[0] is not None:   # in place: the same folder; else a new one, the old gone
            check((folder == served[0]) == in_place,
                  f"step {step} ({what}): served from {folder} after {served[0]}")
        served[0] = folder
        full_build(full_h, url, "--handouts")
        full_build(full_p, url)
        want, plain = tree(full_h), tree(full_p)
        handouts = set(want) - set(plain)
        got = tree(folder)
        for rel in handouts:   # made on demand: compared when there, else not required
            if rel not in got:
                want.pop(rel)
        bad = sorted(r for r in set(want) | set(got) if want.get(r) != got.get(r))
        check(not bad, f"step {step} ({what}): served folder differs from a full build: {bad[:5]}")
        check(not empty_dirs(folder), f"step {step} ({what}): empty folders left: "
                                      f"{empty_dirs(folder)[:3]}")
        # ask for a handout (made into the served folder): the next step must not leave it stale
        ask = sorted(handouts)[rnd.randrange(len(handouts))] if handouts else None
        if ask:
            status, _ = h.get(port, "/" + ask[:-len("index.html")])
            check(status == 200, f"step {step}: handout /{ask} served ({status})")

    compare(-1, "first build")
    for step in range(STEPS):
        mark = len(s.out)
        what = ed.apply(step)
        if what == "no change" or what.endswith("(skipped)"):
            continue
        _, m = s.wait_line(r"rebuilt in \d+ ms \((.*)\)", 60, mark)
        check(m is not None, f"step {step} ({what}): rebuilt")
        if m is None:
            break
        in_place = re.search(r"\d+ pages? rendered", m.group(1)) is not None
        if not what.startswith(("template", "site.yaml")):
            check(in_place, f"step {step} ({what}): updated in place: {m.group(1)}")
        print(f"step {step:2d} {what:20s} {m.group(1)}")
        compare(step, what, in_place)

    # a content error: nothing of the served folder changes, the fix rebuilds in place
    folder = served_folder(tmp)
    before = tree(folder) if folder else {}
    victim = ed.workstreams()[0]
    path = f"{ed.plan}/{victim}.yaml"
    with open(path) as f:
        good = f.read()
    mark = len(s.err)
    with open(path, "w") as f:
        f.write(good + "titel: x\n")
    t, _ = s.wait_line(r"build failed", 60, mark, stream=s.err)
    check(t is not None, "an unknown field fails the rebuild")
    time.sleep(0.3)
    check(folder is not None and tree(folder) == before, "a failed rebuild changed nothing served")
    mark = len(s.out)
    with open(path, "w") as f:
        f.write(good)
    _, m = s.wait_line(r"rebuilt in \d+ ms \((.*)\)", 60, mark)
    check(m is not None and re.search(r"\d+ pages? rendered", m.group(1)) is not None,
          "the fix rebuilds in place")
    compare(STEPS, "after the fix")
finally:
    s.kill()
    shutil.rmtree(work, ignore_errors=True)
sys.exit(check.summary())
