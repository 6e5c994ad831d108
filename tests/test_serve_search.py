#!/usr/bin/env python3
"""plansite serve and the search index: after a rebuild the reload event comes first, then
Pagefind indexes the served folder in the background; a newer build stops a running index; a
failing Pagefind is a warning in serve's log and the site is still served.

A stand-in Pagefind ($PLANSITE_PAGEFIND) sleeps 2 s, then writes pagefind/pagefind.js into the
folder it is given (or fails when a file "fail" is beside it). The reload must arrive well under
2 s after the edit, before the index exists; the index appears later.
Usage: test_serve_search.py PLANSITE_BINARY SOURCE_DIR   (the golden cases' base site is used)
Python standard library only; 127.0.0.1 only; every wait is bounded."""
import os, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
import serve_harness as h

PLANSITE, SRC = sys.argv[1], sys.argv[2]
check = h.Checks()

work = tempfile.mkdtemp(prefix="plansite-serve-search-")
site = os.path.join(work, "site")
h.copy_base_site(SRC, site)
fake = os.path.join(work, "fake-pagefind")
with open(fake, "w") as f:
    f.write('#!/bin/sh\n# stand-in: --site DIR --quiet\nsleep 2\n'
            '[ -e "%s/fail" ] && { echo "stand-in index failed" >&2; exit 3; }\n'
            'mkdir -p "$2/pagefind" && echo "/* index */" > "$2/pagefind/pagefind.js"\n' % work)
os.chmod(fake, 0o755)

serve = h.Serve(PLANSITE, site, env=dict(os.environ, PLANSITE_PAGEFIND=fake))
proc, out_lines, err_lines = serve.proc, serve.out, serve.err


def get(path):
    return h.get(PORT, path, timeout=10)[0]


def edit(marker):
    path = os.path.join(site, "content", "plans", "2024-2025", "01-datos.es.md")
    with open(path, "a") as f:
        f.write("\nMarcador %s.\n" % marker)
    return time.time()


try:
    PORT = serve.port()
    if not check(PORT is not None, "serve prints its address"):
        raise SystemExit
    t, _ = serve.wait_line(r"search index of build 1 ready", 15)
    check(t is not None and get("/pagefind/pagefind.js") == 200,
          "the first build is indexed in the background and its index is served")

    # an edit: the reload comes well before the (2 s) index, which appears later
    ev = h.Stream(PORT, 30)
    t0 = edit("uno")
    t_reload = ev.wait_event("reload")
    check(t_reload is not None and t_reload - t0 < 1.5,
          "the reload arrives %.2f s after the edit (under 1.5 s; indexing takes 2 s)"
          % ((t_reload or 0) - t0))
    check(get("/pagefind/pagefind.js") == 404, "right after the reload the new build has no index yet")
    t_ready, _ = serve.wait_line(r"search index of build 2 ready", 10)
    check(t_ready is not None and t_ready - t_reload > 1.5,
          "the index of build 2 is ready later (%.2f s after the reload)" % ((t_ready or 0) - (t_reload or 0)))
    check(get("/pagefind/pagefind.js") == 200, "then the index is served")

    # a newer build supersedes a running index
    edit("dos")
    check(ev.wait_event("reload") is not None, "a second edit reloads")
    time.sleep(0.5)
    edit("tres")
    check(ev.wait_event("reload") is not None, "a third edit, while build 3 is indexed, reloads")
    t, _ = serve.wait_line(r"search index of build 3 stopped: a newer build supersedes it", 5)
    check(t is not None, "the index of build 3 is stopped by build 4")
    t, _ = serve.wait_line(r"search index of build 4 ready", 10)
    check(t is not None and not any("build 3 ready" in l for _, l in out_lines),
          "build 4 is indexed, build 3 never")

    # a failing Pagefind: a warning in the log, the pages still served
    open(os.path.join(work, "fail"), "w").close()
    edit("cuatro")
    check(ev.wait_event("reload") is not None, "an edit reloads while Pagefind fails")
    t, _ = serve.wait_line(r"warning: .*search index was not made.*status 3: stand-in index failed", 10,
                           stream=err_lines)
    check(t is not None, "the failed index is a warning naming Pagefind's message")
    check(proc.poll() is None and get("/es/") == 200, "serve goes on serving the pages")
    os.remove(os.path.join(work, "fail"))

    # stop while an index runs: serve stops at once and its stand-in goes with it
    edit("cinco")
    ev.wait_event("reload")
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=1.5)
    except subprocess.TimeoutExpired:
        rc = None
    check(rc == 0, "SIGTERM during an index stops serve within 1.5 s (status %r)" % rc)
    ps = subprocess.run(["pgrep", "-f", fake], capture_output=True, text=True).stdout.strip()
    check(ps == "", "no stand-in Pagefind is left running")
finally:
    serve.kill()
    shutil.rmtree(work, ignore_errors=True)

if check.failed:
    print(serve.text(out_lines + err_lines))
sys.exit(check.summary("serve_search: "))
