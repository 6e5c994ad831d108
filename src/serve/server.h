/* server: the `plansite serve` command — build the site into a temporary folder, serve it over
 * HTTP with live reload, and rebuild it whenever its sources change.
 *
 * Threads: the calling thread owns the session — it waits (poll) on the inotify watcher and on a
 * signalfd for SIGINT/SIGTERM/SIGHUP, debounces changes (a quiet period, 30 ms by default, at most
 * 500 ms after the first change of a burst), runs the builds and switches the served folder; the
 * HTTP side has a polling thread and an event streams thread (see http.h). Each build runs in a
 * child process with its own render workers, so that a stop signal never waits for a build: the
 * child is killed and the temporary folder removed.
 *
 * Every rebuild is a full site_build (drafts included, base_url = this server) into a fresh folder
 * build-N of the session's temporary folder (under $TMPDIR, else /dev/shm, else /tmp): the real
 * content builds in well under 0.1 s, and a full build can never leave a stale cross-index page
 * (plan listings, objective pages, exports) behind, which incremental rebuilding could. On success
 * the served root switches to the new folder (atomically, under a lock; requests in flight keep a
 * reference to the folder they started with, which is deleted when the last one lets go) and every
 * open page is told to reload. On failure the last good build stays served, the diagnostics are
 * printed exactly as `plansite build` prints them, and open pages show them as an overlay. */
#ifndef PLANSITE_SERVER_H
#define PLANSITE_SERVER_H

typedef struct srv_opts {
    const char *site_dir;    /* the site folder */
    const char *bind;        /* address to listen on (default 127.0.0.1) */
    int port;                /* 0: any free port */
    int threads;             /* build workers; 0: one per core */
    int debounce_ms;         /* quiet period before a rebuild; 0: 30 ms */
} srv_opts;

/* Run the preview server until SIGINT, SIGTERM or SIGHUP, then close the event streams, stop the
 * HTTP server and delete the temporary folder. Prints the address to open, each rebuild's time
 * and every build's diagnostics. Returns the exit status: 0 after a clean stop, 1 when it cannot
 * start (site folder missing, address in use...), 2 for a bad option value. */
int srv_run(const srv_opts *o);

#endif
