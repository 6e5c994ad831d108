"""What the Python script tests share: counted checks, a copy of a site, `plansite serve` with its
output collected, a raw-socket GET and a reader of the live-reload event stream.
Python standard library only; 127.0.0.1 only; every wait is bounded.
Import it from a test script beside it (it puts its own folder on sys.path first):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import serve_harness as h"""
import os, re, select, shutil, socket, subprocess, threading, time


class Checks:
    """check(cond, what): counts passed and failed. Quiet: prints only "FAIL: what"; verbose
    (TAP-like): "ok - what" or "not ok - what" for every check."""
    def __init__(self, verbose=False):
        self.passed = self.failed = 0
        self.verbose = verbose

    def __call__(self, cond, what):
        if cond:
            self.passed += 1
            if self.verbose:
                print("ok - " + what)
        else:
            self.failed += 1
            print(("not ok - " if self.verbose else "FAIL: ") + what, flush=True)
        return cond

    def summary(self, prefix=""):
        """Print "[prefix]N passed, N failed"; the exit status (1 when any failed)."""
        print("%s%d passed, %d failed" % (prefix, self.passed, self.failed))
        return 1 if self.failed else 0


def copy_site(src, site, dirs=("content", "themes", "templates")):
    """Copy the folders dirs of the site at src (those it has) into site (made)."""
    os.makedirs(site)
    for d in dirs:
        if os.path.isdir(os.path.join(src, d)):
            shutil.copytree(os.path.join(src, d), os.path.join(site, d), symlinks=True)


def copy_base_site(src_dir, site):
    """The golden cases' base site with the bundled themes, copied into site (made)."""
    shutil.copytree(os.path.join(src_dir, "tests", "cases", "_base", "site"), site)
    shutil.copytree(os.path.join(src_dir, "themes"), os.path.join(site, "themes"))


class Serve:
    """`plansite serve -s SITE -p 0` running; every line of its stdout and stderr, with the time it
    came, in out and err as (time, line)."""
    def __init__(self, plansite, site, env=None):
        self.proc = subprocess.Popen([plansite, "serve", "-s", site, "-p", "0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     bufsize=1, env=env)
        self.out, self.err = [], []
        for pipe, sink in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._pump, args=(pipe, sink), daemon=True).start()

    @staticmethod
    def _pump(stream, sink):
        for line in stream:
            sink.append((time.time(), line))

    def wait_line(self, pattern, timeout=15, after=0, stream=None):
        """(time, match) of the first line from index after of stream (default: out) matching
        pattern, or (None, None) after timeout seconds or when serve has exited."""
        lines = self.out if stream is None else stream
        end = time.time() + timeout
        while time.time() < end:
            for t, line in lines[after:]:
                m = re.search(pattern, line)
                if m:
                    return t, m
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        return None, None

    def port(self, timeout=15):
        """The port serve says it serves at, or None."""
        _, m = self.wait_line(r"at http://127\.0\.0\.1:(\d+)/", timeout)
        return int(m.group(1)) if m else None

    def text(self, stream):
        """All of stream's lines as one string."""
        return "".join(line for _, line in stream)

    def kill(self):
        """Kill serve if it is still running, and reap it."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def connect(port, timeout=5):
    return socket.create_connection(("127.0.0.1", port), timeout=timeout)


def get(port, path, timeout=5):
    """(status, seconds) of one GET on a fresh connection; status 0 when it got no answer."""
    t0 = time.time()
    try:
        s = connect(port, timeout)
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
    """An open /__plansite/events stream, read when waited on: what it received so far is in data
    (clear() empties it), each "event:" line's name with the time it was read in events."""
    def __init__(self, port, timeout=10):
        self.sock = connect(port, timeout)
        self.sock.sendall(b"GET /__plansite/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          b"Accept: text/event-stream\r\n\r\n")
        self.data = b""
        self.events = []
        self._line = b""
        self._seen = 0
        self.closed = False

    def clear(self):
        self.data = b""

    def _took(self, chunk):
        self.data += chunk
        lines = (self._line + chunk).split(b"\n")
        self._line = lines.pop()
        for raw in lines:
            line = raw.decode(errors="replace").strip()
            if line.startswith("event:"):
                self.events.append((time.time(), line[6:].strip()))

    def read_for(self, seconds):
        """Read what comes for up to seconds (less when the stream ends)."""
        end = time.time() + seconds
        while time.time() < end:
            r, _, _ = select.select([self.sock], [], [], max(0, end - time.time()))
            if not r:
                break
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                self.closed = True
                break
            self._took(chunk)

    def wait_for(self, what, seconds):
        """Whether the bytes what are in data within seconds."""
        end = time.time() + seconds
        while what not in self.data and time.time() < end:
            self.read_for(min(0.2, max(0, end - time.time())))
        return what in self.data

    def wait_event(self, name, seconds=10):
        """The time the next event called name (after those already waited past) was read, or
        None after seconds; the events before it are passed over."""
        end = time.time() + seconds
        while True:
            while self._seen < len(self.events):
                t, ev = self.events[self._seen]
                self._seen += 1
                if ev == name:
                    return t
            if self.closed or time.time() >= end:
                return None
            self.read_for(min(0.05, max(0, end - time.time())))
