#!/usr/bin/env python3
"""plansite serve under many idle, slow and streaming connections.

Asserts that event streams whose client went away are forgotten at once (not after a keep-alive);
then, with event streams, 300 idle TCP connections (connected, nothing sent) and 50 slow clients
(half a request header) open, that a new reader still gets GET /es/ (200) within 2 s, that a save
still rebuilds and reloads the open streams, and that SIGTERM during a slow rebuild stops the
server within 2 s, removing its temporary folder.
Usage: test_serve_load.py PLANSITE_BINARY SOURCE_DIR   (exit 1 when the site's content has errors: never skipped)
Python standard library only; 127.0.0.1 only; every wait is bounded."""
import os, re, resource, select, shutil, signal, socket, subprocess, sys, tempfile, threading, time

PLANSITE, SRC = sys.argv[1], sys.argv[2]
IDLE, SLOW, STREAMS, CLOSED = 300, 50, 5, 20
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)
    return cond


soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4096)), hard))


def connect(timeout=5):
    return socket.create_connection(("127.0.0.1", PORT), timeout=timeout)


def get(path, timeout=5):
    """(status, seconds) of one GET on a fresh connection; status 0 when it got no answer."""
    t0 = time.time()
    try:
        s = connect(timeout)
        s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                   % path).encode())
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        s.close()
        m = re.match(rb"HTTP/1\.[01] (\d+)", data)
        return (int(m.group(1)) if m else 0), time.time() - t0
    except OSError:
        return 0, time.time() - t0


class Stream:
    """An open /__plansite/events stream; what it received so far is in self.data."""
    def __init__(self):
        self.sock = connect(10)
        self.sock.sendall(b"GET /__plansite/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          b"Accept: text/event-stream\r\n\r\n")
        self.data = b""

    def read_for(self, seconds):
        end = time.time() + seconds
        while time.time() < end:
            r, _, _ = select.select([self.sock], [], [], max(0, end - time.time()))
            if not r:
                break
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            self.data += chunk

    def wait_for(self, what, seconds):
        end = time.time() + seconds
        while what not in self.data and time.time() < end:
            self.read_for(min(0.2, max(0, end - time.time())))
        return what in self.data


work = tempfile.mkdtemp(prefix="plansite-serve-load-")
site = os.path.join(work, "site")
os.makedirs(site)
for d in ("content", "themes", "templates"):
    if os.path.isdir(os.path.join(SRC, d)):
        shutil.copytree(os.path.join(SRC, d), os.path.join(site, d), symlinks=True)
if subprocess.run([PLANSITE, "check", "-s", site], capture_output=True, timeout=60).returncode:
    print("FAIL: the site's content has errors")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1)

proc = subprocess.Popen([PLANSITE, "serve", "-s", site, "-p", "0"], stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True, bufsize=1)
out_lines, err_lines = [], []
for pipe, sink in ((proc.stdout, out_lines), (proc.stderr, err_lines)):
    threading.Thread(target=lambda p=pipe, s=sink: [s.append(l) for l in p], daemon=True).start()


def wait_output(pattern, timeout=30, after=0):
    end = time.time() + timeout
    while time.time() < end:
        for line in out_lines[after:]:
            m = re.search(pattern, line)
            if m:
                return m
        if proc.poll() is not None:
            return None
        time.sleep(0.05)
    return None


held = []
try:
    m = wait_output(r"at http://127\.0\.0\.1:(\d+)/")
    if not check(m is not None, "serve prints the address to open"):
        sys.exit(1)
    PORT = int(m.group(1))
    check(get("/es/")[0] == 200, "GET /es/ before the load")

    streams = [Stream() for _ in range(STREAMS)]
    check(all(s.wait_for(b"event: hello", 5) for s in streams), "the event streams say hello")
    # Streams whose client went away are forgotten at once, not after the next keep-alive (10 s).
    gone = [Stream() for _ in range(CLOSED)]
    check(all(s.wait_for(b"event: hello", 5) for s in gone), "%d more streams say hello" % CLOSED)
    for s in gone:
        s.sock.close()
    time.sleep(1.0)

    # A save rebuilds, and every open stream (only those) is told to reload.
    page = next(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(site, "content", "plans"))
                for f in sorted(fs) if f.endswith(".es.md"))
    mark = len(out_lines)
    with open(page, "a") as f:
        f.write("\nUn párrafo nuevo.\n")
    m = wait_output(r"rebuilt in \d+ ms .*?(\d+) open pages? reloading", 20, mark)
    if check(m is not None, "a save rebuilds the site"):
        check(int(m.group(1)) == STREAMS, "the rebuild counts %s open streams, not %d (closed "
              "ones are forgotten at once)" % (m.group(1), STREAMS))
    check(all(s.wait_for(b"event: reload", 5) for s in streams), "every open stream gets reload")

    for _ in range(IDLE):
        held.append(connect())
    for _ in range(SLOW):
        s = connect()
        s.sendall(b"GET /es/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slo")
        held.append(s)
    time.sleep(0.5)

    status, took = get("/es/", timeout=10)
    check(status == 200 and took < 2,
          "with %d idle and %d slow connections and %d streams open, GET /es/ gave %d in %.2f s"
          % (IDLE, SLOW, STREAMS, status, took))
    answers = [get(p, timeout=10) for p in ("/en/", "/es/", "/__plansite/status") * 5]
    check(all(st == 200 and t < 2 for st, t in answers),
          "15 more requests answered 200 within 2 s each: %r"
          % [(st, round(t, 2)) for st, t in answers if st != 200 or t >= 2])

    # With the load still open, a save still rebuilds and reloads the streams.
    for s in streams:
        s.data = b""
    mark = len(out_lines)
    with open(page, "a") as f:
        f.write("\nOtro párrafo.\n")
    check(wait_output(r"rebuilt in \d+ ms", 20, mark) is not None, "a save under load rebuilds")
    check(all(s.wait_for(b"event: reload", 5) for s in streams),
          "every open stream gets reload under load")
    check(get("/es/")[0] == 200, "GET /es/ after the rebuild")

    # SIGTERM while a slow rebuild runs (a 1.8 MB table of emphasised cells takes cmark-gfm
    # seconds), with every connection still open: the server stops at once.
    tmpdir = wait_output(r"Builds go to (\S+);").group(1)
    mark = len(out_lines)
    with open(page, "a") as f:
        f.write("\n\n| a | b | c | d |\n|---|---|---|---|\n" +
                "| *x* | *y* | *z* | *w* |\n" * 72000)
    time.sleep(1.0)
    t0, running = time.time(), not any("rebuilt" in line for line in out_lines[mark:])
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        rc = None
    took = time.time() - t0
    check(running, "the slow rebuild was still running when SIGTERM came (else make it slower)")
    check(rc == 0 and took < 2,
          "SIGTERM during a rebuild, every connection open: exit %r after %.1f s" % (rc, took))
    check(not os.path.exists(tmpdir), "the temporary folder is removed")
    for s in streams:
        s.read_for(0.5)
    check(all(s.wait_for(b"0\r\n\r\n", 2) for s in streams), "the event streams are ended")
finally:
    for s in held:
        s.close()
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    shutil.rmtree(work, ignore_errors=True)

if failed:
    print("--- server stdout ---\n" + "".join(out_lines) + "--- server stderr ---\n"
          + "".join(err_lines)[-4000:])
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
