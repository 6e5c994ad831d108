#!/usr/bin/env python3
"""plansite serve under many idle, slow and streaming connections.

Asserts that event streams whose client went away are forgotten at once (not after a keep-alive);
then, with event streams, 300 idle TCP connections (connected, nothing sent) and 50 slow clients
(half a request header) open, that a new reader still gets GET /es/ (200) within 2 s, that a save
still rebuilds and reloads the open streams, and that SIGTERM during a slow rebuild stops the
server within 2 s, removing its temporary folder.
Usage: test_serve_load.py PLANSITE_BINARY SOURCE_DIR   (exit 1 when the site's content has errors: never skipped)
Python standard library only; 127.0.0.1 only; every wait is bounded."""
import os, resource, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
import serve_harness as h

PLANSITE, SRC = sys.argv[1], sys.argv[2]
IDLE, SLOW, STREAMS, CLOSED = 300, 50, 5, 20
check = h.Checks()

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4096)), hard))


def connect(timeout=5):
    return h.connect(PORT, timeout)


def get(path, timeout=5):
    return h.get(PORT, path, timeout)


work = tempfile.mkdtemp(prefix="plansite-serve-load-")
site = os.path.join(work, "site")
h.copy_site(SRC, site)
if subprocess.run([PLANSITE, "check", "-s", site], capture_output=True, timeout=60).returncode:
    print("FAIL: the site's content has errors")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1)

serve = h.Serve(PLANSITE, site)
proc, out_lines, err_lines = serve.proc, serve.out, serve.err


def wait_output(pattern, timeout=30, after=0):
    return serve.wait_line(pattern, timeout, after)[1]


held = []
try:
    PORT = serve.port(30)
    if not check(PORT is not None, "serve prints the address to open"):
        sys.exit(1)
    check(get("/es/")[0] == 200, "GET /es/ before the load")

    streams = [h.Stream(PORT, 10) for _ in range(STREAMS)]
    check(all(s.wait_for(b"event: hello", 5) for s in streams), "the event streams say hello")
    # Streams whose client went away are forgotten at once, not after the next keep-alive (10 s).
    gone = [h.Stream(PORT, 10) for _ in range(CLOSED)]
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
        s.clear()
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
    t0, running = time.time(), not any("rebuilt" in line for _, line in out_lines[mark:])
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
    serve.kill()
    shutil.rmtree(work, ignore_errors=True)

if check.failed:
    print("--- server stdout ---\n" + serve.text(out_lines) + "--- server stderr ---\n"
          + serve.text(err_lines)[-4000:])
sys.exit(check.summary())
