#!/usr/bin/env bash
# End-to-end test of `plansite serve`: HTTP (types, index, redirects, 404 page, ETag/304, HEAD,
# 405), live reload over Server-Sent Events after edits, errors shown while the last good build is
# still served, deleted and re-added workstreams (their page, the plan page, an objective page),
# new folders watched, path traversal and symlinks refused, a little fuzzing, and a clean stop on
# SIGTERM that removes the temporary folder; handouts rendered when first asked for.
# Usage: test_serve.sh PLANSITE_BINARY SOURCE_DIR   (exit 1 also when the site's content has errors)
# Client side: python3 standard library only; 127.0.0.1 only; every wait is bounded.
set -u
PLANSITE=${1:?usage: test_serve.sh PLANSITE SOURCE_DIR}
SRC=${2:?usage: test_serve.sh PLANSITE SOURCE_DIR}
exec python3 - "$PLANSITE" "$SRC" <<'PY'
import os, random, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time, queue

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

# ---------------------------------------------------------------- HTTP client (raw sockets)
class Resp:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
    def h(self, name):
        return self.headers.get(name.lower(), "")

def read_chunked(f):
    out = b""
    while True:
        line = f.readline()
        if not line:
            return out
        size = int(line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            f.readline()
            return out
        out += f.read(size)
        f.readline()

def request(target, method="GET", headers=None, raw=None, timeout=10):
    """One request on a fresh connection; target is sent exactly as given."""
    s = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
    try:
        if raw is None:
            hs = "".join("%s: %s\r\n" % kv for kv in (headers or {}).items())
            raw = ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s\r\n"
                   % (method, target, PORT, hs)).encode("latin-1")
        s.sendall(raw)
        f = s.makefile("rb")
        status_line = f.readline()
        if not status_line:
            return Resp(0, {}, b"")
        status = int(status_line.split()[1])
        hdrs = {}
        while True:
            line = f.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            k, _, v = line.decode("latin-1").partition(":")
            hdrs[k.strip().lower()] = v.strip()
        if method == "HEAD" or status in (204, 304):
            body = b""
        elif hdrs.get("transfer-encoding", "").lower() == "chunked":
            body = read_chunked(f)
        elif "content-length" in hdrs:
            body = f.read(int(hdrs["content-length"]))
        else:
            body = f.read()
        return Resp(status, hdrs, body)
    finally:
        s.close()

def get(path, **kw):
    return request(path, **kw)

# ---------------------------------------------------------------- SSE client
class Events(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.q = queue.Queue()
        self.ended = threading.Event()
        self.sock = socket.create_connection(("127.0.0.1", PORT), timeout=30)
        self.sock.sendall(("GET /__plansite/events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                           "Accept: text/event-stream\r\n\r\n" % PORT).encode())
        self.f = self.sock.makefile("rb")
        self.status = int(self.f.readline().split()[1])
        self.headers = {}
        while True:
            line = self.f.readline()
            if line in (b"\r\n", b""):
                break
            k, _, v = line.decode().partition(":")
            self.headers[k.strip().lower()] = v.strip()
        self.start()

    def lines(self):
        pending = b""
        while True:
            size_line = self.f.readline()
            if not size_line:
                return
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                return
            pending += self.f.read(size)
            self.f.readline()
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                yield line.decode()

    def run(self):
        ev, data = "message", []
        try:
            for line in self.lines():
                if line == "":
                    if data:
                        self.q.put((ev, "\n".join(data)))
                    ev, data = "message", []
                elif line.startswith(":"):
                    self.q.put(("comment", line))
                elif line.startswith("event:"):
                    ev = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
        except OSError:
            pass
        self.ended.set()

    def next(self, timeout=10):
        """The next real event (comments skipped), or (None, None) after timeout seconds."""
        end = time.time() + timeout
        while time.time() < end:
            try:
                ev = self.q.get(timeout=max(0.01, end - time.time()))
            except queue.Empty:
                break
            if ev[0] != "comment":
                return ev
        return (None, None)

    def settle(self, timeout=15, quiet=0.5):
        """Events until none came for `quiet` s after the first; returns the list."""
        first = self.next(timeout)
        if first[0] is None:
            return []
        got = [first]
        while True:
            ev = self.next(quiet)
            if ev[0] is None:
                return got
            got.append(ev)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

# ---------------------------------------------------------------- the site copy
work = tempfile.mkdtemp(prefix="plansite-serve-test-")
site = os.path.join(work, "site")
os.makedirs(site)
for d in ("content", "themes", "templates"):
    if os.path.isdir(os.path.join(SRC, d)):
        shutil.copytree(os.path.join(SRC, d), os.path.join(site, d), symlinks=True)

def plansite_check(path):
    p = subprocess.run([PLANSITE, "check", "-s", path], capture_output=True, text=True, timeout=60)
    return p.returncode == 0, p.stderr

ok, err = plansite_check(site)
if not ok:
    print("not ok - the site's content has errors, serve cannot be tested on it:\n" + err)
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1)

# A workstream whose removal still builds (nothing else refers to it).
def find_workstream():
    plans = os.path.join(site, "content", "plans")
    scratch = os.path.join(work, "scratch")
    for plan in sorted(os.listdir(plans)):
        for name in sorted(os.listdir(os.path.join(plans, plan))):
            if not name.endswith(".yaml") or name == "plan.yaml":
                continue
            stem = name[:-5]
            facts = open(os.path.join(plans, plan, name)).read()
            objs = re.search(r"^objectives:\s*\[([0-9, ]+)\]", facts, re.M)
            if not objs or not os.path.exists(os.path.join(plans, plan, stem + ".es.md")):
                continue
            shutil.rmtree(scratch, ignore_errors=True)
            shutil.copytree(site, scratch)
            for f in os.listdir(os.path.join(scratch, "content", "plans", plan)):
                if f.startswith(stem + "."):
                    os.remove(os.path.join(scratch, "content", "plans", plan, f))
            if plansite_check(scratch)[0]:
                shutil.rmtree(scratch, ignore_errors=True)
                return plan, stem, int(objs.group(1).split(",")[0])
    return None

found = find_workstream()
if not check(found is not None, "a workstream that can be removed"):
    sys.exit(1)
PLAN, WS, OBJ = found
ws_dir = os.path.join(site, "content", "plans", PLAN)
ws_files = sorted(f for f in os.listdir(ws_dir) if f.startswith(WS + "."))
static = os.path.join(site, "themes", "default", "static")
os.makedirs(static, exist_ok=True)
samples = {"t.css": "text/css", "t.js": "text/javascript", "t.svg": "image/svg+xml",
           "t.png": "image/png", "t.jpg": "image/jpeg", "t.pdf": "application/pdf",
           "t.woff2": "font/woff2", "t.txt": "text/plain", "t.json": "application/json",
           "t.csv": "text/csv", "t.xml": "application/xml", "t.unknownext": "application/octet-stream"}
os.makedirs(os.path.join(static, "types"), exist_ok=True)
for name in samples:
    with open(os.path.join(static, "types", name), "w") as f:
        f.write("sample " + name + "\n")

# ---------------------------------------------------------------- start
proc = subprocess.Popen([PLANSITE, "serve", "-s", site, "-p", "0"], stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True, bufsize=1)
out_lines, err_lines = [], []
def pump(stream, sink):
    for line in stream:
        sink.append(line)
threading.Thread(target=pump, args=(proc.stdout, out_lines), daemon=True).start()
threading.Thread(target=pump, args=(proc.stderr, err_lines), daemon=True).start()

def wait_output(pattern, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        for line in list(out_lines):
            m = re.search(pattern, line)
            if m:
                return m
        if proc.poll() is not None:
            return None
        time.sleep(0.05)
    return None

m = wait_output(r"at http://127\.0\.0\.1:(\d+)/")
if not check(m is not None, "serve prints the address to open"):
    print("".join(out_lines + err_lines))
    proc.kill()
    sys.exit(1)
PORT = int(m.group(1))
tmpdir = wait_output(r"Builds go to (\S+);").group(1)
check(os.path.isdir(tmpdir) and not tmpdir.startswith(site), "builds go to a temporary folder")
check(not os.path.exists(os.path.join(site, "public")), "public/ is not written")

def current_build():
    """The folder served (the one build folder left: an earlier one goes once no request reads
    it; a rebuild in place keeps the folder) and the key of the build served."""
    r = get("/__plansite/status")
    key = re.search(r'"key":"([^"]*)"', r.body.decode()).group(1)
    for _ in range(100):
        names = [n for n in os.listdir(tmpdir) if n.startswith("build-") and ".tmp-" not in n]
        if len(names) == 1:
            break
        time.sleep(0.05)
    return os.path.join(tmpdir, names[0]) if len(names) == 1 else None, key

def page_key(body):
    m = re.search(rb"\}\)\('([^']+)'\);</script>", body)
    return m.group(1).decode() if m else None

try:
    # ------------------------------------------------------------ plain HTTP
    r = get("/")
    check(r.status == 200 and r.h("content-type").startswith("text/html"), "GET / is HTML 200")
    check(b"__plansite/events" in r.body and re.search(rb"</script>\s*</body>", r.body),
          "the live-reload script is injected before </body>")
    build, key = current_build()
    on_disk = open(os.path.join(build, "index.html"), "rb").read()
    check(b"__plansite" not in on_disk, "built files are not changed")
    check(page_key(r.body) == key, "the page carries its build's key")
    check(b"http://127.0.0.1:%d/" % PORT in r.body, "base_url is the server's address")
    # handouts: linked, not written by the build, rendered the first time they are asked for
    plan_page = get("/es/planes/%s/" % PLAN).body.decode()
    hm = re.search(r'class="actions"><a class="button" href="[./]*(es/[^"]+/)"', plan_page)
    if check(hm is not None, "the plan page links its handout"):
        hfile = os.path.join(build, hm.group(1), "index.html")
        check(not os.path.exists(hfile), "the build did not write the handout")
        r = get("/" + hm.group(1))
        check(r.status == 200 and b'class="handout handout-plan"' in r.body,
              "the handout is rendered when asked for (200)")
        check(os.path.isfile(hfile), "and written into the served build")
        check(wait_output(r"made es/.*/index\.html in \d+ ms \(asked for\)") is not None,
              "serve says it made the handout")
        check(get("/" + hm.group(1)).status == 200, "asked again, it is served")
    check(get("/es/imprimir/no-such-plan/").status == 404, "a handout that does not exist: 404")
    r = get("/es")
    check(r.status == 301 and r.h("location") == "/es/", "/es redirects to /es/")
    r = get("/es?x=1&y&z=%41+b")
    check(r.status == 301 and r.h("location") == "/es/?x=1&y&z=%41+b",
          "the redirect keeps the query string as it came")
    r = get("//es")
    check(r.status == 301 and r.h("location") == "/es/",
          "//es redirects to /es/, never to a protocol-relative //es/ (another host)")
    r = get("//es//planes?q=1")
    check(r.status == 301 and r.h("location") == "/es/planes/?q=1", "runs of slashes become one")
    r = get("/es/")
    check(r.status == 200 and b"<html" in r.body, "/es/ serves es/index.html")
    etag, lm = r.h("etag"), r.h("last-modified")
    check(etag.startswith('"') and lm.endswith("GMT"), "ETag and Last-Modified are sent")
    check(get("/es/", headers={"If-None-Match": etag}).status == 304, "If-None-Match gives 304")
    check(get("/es/", headers={"If-None-Match": '"x", W/' + etag}).status == 304,
          "If-None-Match with a list (and W/) gives 304")
    check(get("/es/", headers={"If-None-Match": '"other"'}).status == 200, "other ETag gives 200")
    check(get("/es/", headers={"If-Modified-Since": lm}).status == 304, "If-Modified-Since: 304")
    check(get("/es/", headers={"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}).status
          == 200, "an old If-Modified-Since gives 200")
    h = get("/es/", method="HEAD")
    check(h.status == 200 and h.body == b"" and h.h("content-length") == str(len(r.body)),
          "HEAD: same length, no body")
    for path, mime in (("/sitemap.xml", "application/xml"),
                       ("/data/workplans.json", "application/json"),
                       ("/data/workstreams-objectives.csv", "text/csv")):
        r = get(path)
        check(r.status == 200 and r.h("content-type").startswith(mime), "%s is %s" % (path, mime))
    for name, mime in samples.items():
        r = get("/types/" + name)
        check(r.status == 200 and r.h("content-type").startswith(mime) and
              r.body == ("sample " + name + "\n").encode(), "/types/%s is %s" % (name, mime))
    r = get("/no/such/page/")
    page404 = open(os.path.join(build, "404.html"), "rb").read()
    check(r.status == 404 and r.h("content-type").startswith("text/html"), "missing page: 404")
    check(page404.split(b"</body>")[0][-200:] in r.body and b"__plansite/events" in r.body,
          "the 404 status carries the site's 404 page")
    check(b'<base href="/">' in r.body and b"<base" not in page404,
          "the 404 page gets <base href=\"/\"> (it is shown at any depth)")
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "PATCH"):
        r = get("/", method=method)
        check(r.status == 405 and "GET" in r.h("allow"), "%s gives 405" % method)
    r = get("/__plansite/status")
    check(r.status == 200 and b'"ok":true' in r.body, "status is ok")

    # ------------------------------------------------------------ live reload after an edit
    ev = Events()
    check(ev.status == 200 and ev.headers.get("content-type", "").startswith("text/event-stream"),
          "the event stream is text/event-stream")
    name, data = ev.next(5)
    check(name == "hello" and key in (data or ""), "the stream starts with hello and the key")
    es_md = os.path.join(ws_dir, WS + ".es.md")
    original_md = open(es_md).read()
    with open(es_md, "a") as f:
        f.write("\nMarcador de prueba serve-1.\n")
    got = ev.settle()
    check(got and got[-1][0] == "reload", "an edit sends reload (got %r)" % got)
    build2, key2 = current_build()
    ws_html = None
    for root, dirs, files in os.walk(os.path.join(build2, "es")):
        if os.path.basename(root) == WS and "index.html" in files:
            ws_html = "/" + os.path.relpath(root, build2) + "/"
    check(ws_html is not None, "the workstream page exists")
    ws_html = ws_html or "/"
    r = get(ws_html)
    check(r.status == 200 and b"serve-1" in r.body, "the edited page shows the change")
    check(page_key(r.body) == key2 and key2 != key, "the new page carries the new key")
    check(build2 == build, "a body edit updates the served folder in place")
    check(re.search(r"rebuilt in \d+ ms \(.*(1 page|2 pages) rendered", "".join(out_lines)) is not None,
          "and renders just the edited page (and its translation's: outdated)")
    plan_html = ws_html.rstrip("/").rsplit("/", 1)[0] + "/"
    obj_pages = []
    for root, dirs, files in os.walk(build2):
        if "index.html" in files and ("/objetivos/" in root + "/" or "/objectives/" in root + "/"):
            body = open(os.path.join(root, "index.html"), "rb").read()
            if ("/%s/" % WS).encode() in body and re.search(r"/%d$" % OBJ, root):
                obj_pages.append("/" + os.path.relpath(root, build2) + "/")
    check(obj_pages, "an objective page (%d) links the workstream" % OBJ)
    check(("/%s/" % WS).encode() in get(plan_html).body, "the plan page lists the workstream")

    # ------------------------------------------------------------ an error keeps the old site
    facts = os.path.join(ws_dir, WS + ".yaml")
    original_facts = open(facts).read()
    with open(facts, "a") as f:
        f.write("broken: [unclosed\n")
    got = ev.settle()
    check(got and got[-1][0] == "error", "a YAML error sends error (got %r)" % got)
    msg = got[-1][1] if got else ""
    check(re.search(r"%s:\d+:\d+: " % re.escape(facts), msg or ""),
          "the error event has path:line:col (%s)" % msg)
    errtxt = "".join(err_lines)
    check(re.search(r"%s:\d+:\d+: " % re.escape(facts), errtxt), "the terminal shows the error")
    r = get("/__plansite/status")
    check(b'"ok":false' in r.body and facts.encode() in r.body, "status lists the error")
    r = get(ws_html)
    check(r.status == 200 and b"serve-1" in r.body, "the last good page is still served")
    open(facts, "w").write(original_facts)
    got = ev.settle()
    check(got and got[-1][0] == "reload", "fixing the file sends reload (got %r)" % got)
    check(b'"ok":true' in get("/__plansite/status").body, "status is ok again")

    # ------------------------------------------------------------ delete and re-add a workstream
    saved = {f: open(os.path.join(ws_dir, f), "rb").read() for f in ws_files}
    for f in ws_files:
        os.remove(os.path.join(ws_dir, f))
    got = ev.settle()
    check(got and got[-1][0] == "reload", "deleting a workstream sends reload (got %r)" % got)
    check(get(ws_html).status == 404, "its page is gone")
    check(("/%s/" % WS).encode() not in get(plan_html).body, "the plan page no longer lists it")
    for p in obj_pages:
        check(("/%s/" % WS).encode() not in get(p).body, "%s no longer lists it" % p)
    for f, data in saved.items():
        with open(os.path.join(ws_dir, f), "wb") as fh:
            fh.write(data)
    got = ev.settle()
    check(got and got[-1][0] == "reload", "re-adding it sends reload (got %r)" % got)
    check(get(ws_html).status == 200, "its page is back")
    check(("/%s/" % WS).encode() in get(plan_html).body, "the plan page lists it again")
    for p in obj_pages:
        check(("/%s/" % WS).encode() in get(p).body, "%s lists it again" % p)

    # ------------------------------------------------------------ new folders are watched
    deep = os.path.join(static, "new1", "new2")
    os.makedirs(deep)
    with open(os.path.join(deep, "x.txt"), "w") as f:
        f.write("first\n")
    got = ev.settle()
    check(got and got[-1][0] == "reload", "a new folder with a file sends reload")
    check(get("/new1/new2/x.txt").body == b"first\n", "the new file is served")
    time.sleep(0.1)
    with open(os.path.join(deep, "x.txt"), "w") as f:
        f.write("second\n")
    got = ev.settle()
    check(got and got[-1][0] == "reload", "an edit inside the new folder sends reload")
    check(get("/new1/new2/x.txt").body == b"second\n", "the edited file is served")
    shutil.rmtree(os.path.join(static, "new1"))
    got = ev.settle()
    check(got and got[-1][0] == "reload", "removing a folder sends reload")
    check(get("/new1/new2/x.txt").status == 404, "its files are gone")
    open(es_md, "w").write(original_md)
    ev.settle()

    # ------------------------------------------------------------ paths that leave the folder
    build3, _ = current_build()
    os.symlink("/etc/passwd", os.path.join(build3, "leak.txt"))
    os.symlink("/etc", os.path.join(build3, "leakdir"))
    os.symlink("/etc", os.path.join(build3, "es", "leakdir"))
    bad = ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/es/..%2f..%2f",
           "/es/..%2f..%2fetc%2fpasswd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..", "/.%2e/",
           "/es/../../etc/passwd", "/es/%2e%2e/%2e%2e/etc/passwd", "/a%00b", "/%00/etc/passwd",
           "/es/%5c..%5c..%5cetc%5cpasswd", "/es/..\\..\\etc\\passwd", "/%c0%ae%c0%ae/etc/passwd",
           "/leak.txt", "/leakdir/passwd", "/es/leakdir/passwd", "/leakdir/", "/%zz", "/%2",
           "//etc/passwd", "/./etc/passwd", "/es/./../..", "/" + "../" * 20 + "etc/passwd",
           "../../etc/passwd", "etc/passwd", "http://127.0.0.1/../../etc/passwd"]
    for p in bad:
        r = get(p)
        check(r.status in (400, 403, 404) and b"root:" not in r.body,
              "%r is refused (%d)" % (p, r.status))
    check(get("/leak.txt").status == 403, "a symlink out of the folder gives 403")

    # ------------------------------------------------------------ a little fuzzing
    rnd = random.Random(6)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/%?#[]\\\"<>{}|^`"
    statuses = set()
    for i in range(400):
        n = rnd.randint(0, 60)
        path = "/" + "".join(rnd.choice(alphabet) for _ in range(n))
        if rnd.random() < 0.3:
            path += "%" + "".join(rnd.choice("0123456789abcdefABCDEFgz") for _ in range(2))
        r = get(path)
        statuses.add(r.status)
        if not check(r.status in (200, 301, 400, 403, 404) and b"root:" not in r.body,
                     "fuzz %r gave %d" % (path, r.status)):
            break
    garbage = [b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
               b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
               b"GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", bytes(range(256)) + b"\r\n\r\n",
               b"GET /\x00/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
               b"GET /es/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n", b"\r\n" * 50]
    for g in garbage:
        try:
            r = request("/", raw=g, timeout=5)
            check(b"root:" not in r.body, "garbage request answered safely")
        except OSError:
            pass
    check(proc.poll() is None and get("/").status == 200, "the server survives the fuzzing")

    # ------------------------------------------------------------ stop
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        rc = None
        proc.kill()
    check(rc == 0, "SIGTERM stops the server cleanly (exit %r)" % rc)
    check(ev.ended.wait(5), "the event stream is closed")
    check(not os.path.exists(tmpdir), "the temporary folder is removed")
    ev.close()
finally:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    shutil.rmtree(work, ignore_errors=True)

if failed:
    print("--- server stdout ---\n" + "".join(out_lines) + "--- server stderr ---\n"
          + "".join(err_lines)[-4000:])
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
