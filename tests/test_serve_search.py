#!/usr/bin/env python3
"""plansite serve and the search index: after a rebuild the reload event comes first, then
Pagefind indexes the served folder in the background; a newer build stops a running index; a
failing Pagefind is a warning in serve's log and the site is still served.

A stand-in Pagefind ($PLANSITE_PAGEFIND) sleeps 2 s, then writes pagefind/pagefind.js into the
folder it is given (or fails when a file "fail" is beside it). The reload must arrive well under
2 s after the edit, before the index exists; the index appears later.
Usage: test_serve_search.py PLANSITE_BINARY SOURCE_DIR   (the golden cases' base site is used)
Python standard library only; 127.0.0.1 only; every wait is bounded."""
import os, queue, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time

PLANSITE, SRC = sys.argv[1], sys.argv[2]
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)
    return cond


work = tempfile.mkdtemp(prefix="plansite-serve-search-")
site = os.path.join(work, "site")
shutil.copytree(os.path.join(SRC, "tests", "cases", "_base", "site"), site)
shutil.copytree(os.path.join(SRC, "themes"), os.path.join(site, "themes"))
fake = os.path.join(work, "fake-pagefind")
with open(fake, "w") as f:
    f.write('#!/bin/sh\n# stand-in: --site DIR --quiet\nsleep 2\n'
            '[ -e "%s/fail" ] && { echo "stand-in index failed" >&2; exit 3; }\n'
            'mkdir -p "$2/pagefind" && echo "/* index */" > "$2/pagefind/pagefind.js"\n' % work)
os.chmod(fake, 0o755)

env = dict(os.environ, PLANSITE_PAGEFIND=fake)
proc = subprocess.Popen([PLANSITE, "serve", "-s", site, "-p", "0"], stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True, bufsize=1, env=env)
out_lines, err_lines = [], []


def pump(stream, sink):
    for line in stream:
        sink.append((time.time(), line))


threading.Thread(target=pump, args=(proc.stdout, out_lines), daemon=True).start()
threading.Thread(target=pump, args=(proc.stderr, err_lines), daemon=True).start()


def wait_line(lines, pattern, timeout=15):
    """(time, match) of the first line matching pattern, or (None, None)."""
    end = time.time() + timeout
    while time.time() < end:
        for t, line in list(lines):
            m = re.search(pattern, line)
            if m:
                return t, m
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    return None, None


def get(path):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    try:
        s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % path).encode())
        line = s.makefile("rb").readline()
        return int(line.split()[1]) if line else 0
    finally:
        s.close()


class Events(threading.Thread):
    """The live-reload stream: (time, event name) in a queue."""
    def __init__(self):
        super().__init__(daemon=True)
        self.q = queue.Queue()
        self.sock = socket.create_connection(("127.0.0.1", PORT), timeout=30)
        self.sock.sendall(("GET /__plansite/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Accept: text/event-stream\r\n\r\n").encode())
        self.f = self.sock.makefile("rb")
        self.start()

    def run(self):
        try:
            for raw in self.f:
                line = raw.decode(errors="replace").strip()
                if line.startswith("event:"):
                    self.q.put((time.time(), line[6:].strip()))
        except OSError:
            pass

    def wait(self, name, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            try:
                t, ev = self.q.get(timeout=max(0.01, end - time.time()))
            except queue.Empty:
                break
            if ev == name:
                return t
        return None


def edit(marker):
    path = os.path.join(site, "content", "plans", "2024-2025", "01-datos.es.md")
    with open(path, "a") as f:
        f.write("\nMarcador %s.\n" % marker)
    return time.time()


try:
    _, m = wait_line(out_lines, r"at http://127\.0\.0\.1:(\d+)/")
    if not check(m is not None, "serve prints its address"):
        raise SystemExit
    PORT = int(m.group(1))
    t, _ = wait_line(out_lines, r"search index of build 1 ready", 15)
    check(t is not None and get("/pagefind/pagefind.js") == 200,
          "the first build is indexed in the background and its index is served")

    # an edit: the reload comes well before the (2 s) index, which appears later
    ev = Events()
    t0 = edit("uno")
    t_reload = ev.wait("reload")
    check(t_reload is not None and t_reload - t0 < 1.5,
          "the reload arrives %.2f s after the edit (under 1.5 s; indexing takes 2 s)"
          % ((t_reload or 0) - t0))
    check(get("/pagefind/pagefind.js") == 404, "right after the reload the new build has no index yet")
    t_ready, _ = wait_line(out_lines, r"search index of build 2 ready", 10)
    check(t_ready is not None and t_ready - t_reload > 1.5,
          "the index of build 2 is ready later (%.2f s after the reload)" % ((t_ready or 0) - (t_reload or 0)))
    check(get("/pagefind/pagefind.js") == 200, "then the index is served")

    # a newer build supersedes a running index
    edit("dos")
    check(ev.wait("reload") is not None, "a second edit reloads")
    time.sleep(0.5)
    edit("tres")
    check(ev.wait("reload") is not None, "a third edit, while build 3 is indexed, reloads")
    t, _ = wait_line(out_lines, r"search index of build 3 stopped: a newer build supersedes it", 5)
    check(t is not None, "the index of build 3 is stopped by build 4")
    t, _ = wait_line(out_lines, r"search index of build 4 ready", 10)
    check(t is not None and not any("build 3 ready" in l for _, l in out_lines),
          "build 4 is indexed, build 3 never")

    # a failing Pagefind: a warning in the log, the pages still served
    open(os.path.join(work, "fail"), "w").close()
    edit("cuatro")
    check(ev.wait("reload") is not None, "an edit reloads while Pagefind fails")
    t, _ = wait_line(err_lines, r"warning: .*search index was not made.*status 3: stand-in index failed", 10)
    check(t is not None, "the failed index is a warning naming Pagefind's message")
    check(proc.poll() is None and get("/es/") == 200, "serve goes on serving the pages")
    os.remove(os.path.join(work, "fail"))

    # stop while an index runs: serve stops at once and its stand-in goes with it
    edit("cinco")
    ev.wait("reload")
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=1.5)
    except subprocess.TimeoutExpired:
        rc = None
    check(rc == 0, "SIGTERM during an index stops serve within 1.5 s (status %r)" % rc)
    ps = subprocess.run(["pgrep", "-f", fake], capture_output=True, text=True).stdout.strip()
    check(ps == "", "no stand-in Pagefind is left running")
finally:
    if proc.poll() is None:
        proc.kill()
    shutil.rmtree(work, ignore_errors=True)

if failed:
    print("".join(l for _, l in out_lines + err_lines))
print("serve_search: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
