#!/usr/bin/env python3
"""Live-reload latency of `plansite serve` (a benchmark, not a test: ctest never runs it).

Copies a site (content/, themes/, templates/) into a temporary folder, starts `plansite serve`
on it on a free port of 127.0.0.1, connects a Server-Sent Events client like the pages' script,
then N times edits a workstream's text file (open, write, close — an editor's save) and measures
the time from the save to the `reload` event reaching the client, and to the edited page fetched.
Prints min / median / max in ms. Python 3 standard library only.

--edit objectives edits the workstream's facts instead, moving it between objectives (its
objectives list alternates between [1, 2] and [3, 4]): the edit that changes the most pages
(its page, four objective pages and their handouts, the plan page and handout, the exports).

Usage: serve_reload.py PLANSITE_BINARY [SITE_DIR] [-n RUNS] [--edit body|objectives]
       (SITE_DIR defaults to the repo; tests/bench/gen_site.py N DIR makes a synthetic one)
"""
import os, queue, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time


def args():
    argv = sys.argv[1:]
    runs, edit = 20, "body"
    if "--edit" in argv:
        i = argv.index("--edit")
        edit = argv[i + 1]
        del argv[i:i + 2]
        if edit not in ("body", "objectives"):
            sys.exit("--edit: body or objectives")
    if "-n" in argv:
        i = argv.index("-n")
        runs = int(argv[i + 1])
        del argv[i:i + 2]
    if not argv:
        sys.exit(__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    site = argv[1] if len(argv) > 1 else os.path.dirname(os.path.dirname(here))
    return argv[0], site, runs, edit


def save(path, text):
    with open(path, "w") as f:
        f.write(text)


def move_objectives(facts, i):
    """The facts' text with its objectives list replaced (or added): [1, 2] or [3, 4]."""
    line = "objectives: [%s]" % ("1, 2" if i % 2 else "3, 4")
    if re.search(r"^objectives:.*$", facts, re.M):
        return re.sub(r"^objectives:.*$", line, facts, count=1, flags=re.M)
    return facts.rstrip("\n") + "\n" + line + "\n"


def copy_site(src, dst):
    for d in ("content", "themes", "templates"):
        if os.path.isdir(os.path.join(src, d)):
            shutil.copytree(os.path.join(src, d), os.path.join(dst, d))


def pick_workstream(site):
    plans = os.path.join(site, "content", "plans")
    for plan in sorted(os.listdir(plans)):
        for name in sorted(os.listdir(os.path.join(plans, plan))):
            if name.endswith(".es.md") and not name.startswith("plan."):
                return plan, name[:-6], os.path.join(plans, plan, name)
    sys.exit("no workstream text file in " + plans)


class Events(threading.Thread):
    """A minimal SSE client (HTTP/1.1, chunked) putting (time, event) on a queue."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.q = queue.Queue()
        self.s = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.s.sendall(b"GET /__plansite/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       b"Accept: text/event-stream\r\n\r\n")
        self.f = self.s.makefile("rb")
        while self.f.readline() not in (b"\r\n", b""):
            pass
        self.start()

    def run(self):
        pending = b""
        try:
            while True:
                size = int(self.f.readline().split(b";")[0] or b"0", 16)
                if size == 0:
                    return
                pending += self.f.read(size)
                self.f.readline()
                while b"\n\n" in pending:
                    block, pending = pending.split(b"\n\n", 1)
                    m = re.search(rb"^event: (\S+)", block, re.M)
                    if m:
                        self.q.put((time.perf_counter(), m.group(1).decode()))
        except (OSError, ValueError):
            return

    def wait(self, name, timeout=10):
        end = time.perf_counter() + timeout
        while True:
            t, ev = self.q.get(timeout=max(0.001, end - time.perf_counter()))
            if ev == name:
                return t
            if ev == "error":
                sys.exit("the build failed during the benchmark")


def fetch(port, path):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % path).encode())
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    return data


def main():
    plansite, src, runs, edit = args()
    work = tempfile.mkdtemp(prefix="plansite-bench-")
    proc = None
    try:
        site = os.path.join(work, "site")
        copy_site(src, site)
        plan, ws, path = pick_workstream(site)
        proc = subprocess.Popen([plansite, "serve", "-s", site, "-p", "0"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        port, lines = None, []
        for line in proc.stdout:
            lines.append(line)
            m = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        if not port:
            sys.exit("plansite serve did not start:\n" + "".join(lines))
        threading.Thread(target=lambda: [lines.append(l) for l in proc.stdout],
                         daemon=True).start()
        if b'"ok":true' not in fetch(port, "/__plansite/status"):
            sys.exit("the site does not build; pass a SITE_DIR that does:\n" + "".join(lines))
        ev = Events(port)
        ev.wait("hello")
        if edit == "objectives":
            path = path[:-len(".es.md")] + ".yaml"
        original = open(path).read()
        page = "/es/planes/%s/%s/" % (plan, ws)
        reload_ms, page_ms = [], []
        for i in range(runs):
            time.sleep(0.25)            # let the previous burst settle
            marker = "serve-bench-%d" % i
            t0 = time.perf_counter()
            save(path, move_objectives(original, i) if edit == "objectives"
                 else original + "\n%s\n" % marker)
            t1 = ev.wait("reload")
            body = fetch(port, page)
            t2 = time.perf_counter()
            reload_ms.append((t1 - t0) * 1000)
            if edit == "objectives" or marker.encode() in body:
                page_ms.append((t2 - t0) * 1000)
        save(path, original)
        time.sleep(0.5)                 # the last "rebuilt in" line
        rebuilt = [int(m.group(1)) for m in
                   (re.search(r"rebuilt in (\d+) ms", l) for l in lines) if m][:runs]
        cores = os.cpu_count()
        print("plansite serve live reload, %d edits of %s (%d cores)" % (runs, path[len(site) + 1:],
                                                                        cores))
        for label, xs in (("save -> reload event", reload_ms),
                          ("save -> edited page fetched", page_ms),
                          ("server's rebuild time", rebuilt)):
            if xs:
                print("  %-28s min %6.1f  median %6.1f  max %6.1f ms  (n=%d)"
                      % (label, min(xs), statistics.median(xs), max(xs), len(xs)))
    finally:
        if proc and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
