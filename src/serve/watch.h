/* watch: notice changes to a site's sources with inotify (Linux).
 *
 * Watches SITE/content, SITE/templates and SITE/themes recursively — every folder below them,
 * including folders created later (a watch is added as soon as their creation is read) — and
 * SITE itself for those three folders appearing or going. A change is a file or folder created,
 * written and closed, deleted, moved in or out, or its attributes changed (touch). Editor scratch
 * files (*.swp, *.swx, *.swo, *~, 4913, .#*, #*#) are ignored. If the kernel's event queue
 * overflows, every watch is set up again and the overflow counts as a change. */
#ifndef PLANSITE_WATCH_H
#define PLANSITE_WATCH_H

typedef struct watcher watcher;

/* Start watching site_dir. NULL with errno when inotify is not available or site_dir is not a
 * folder; missing content/templates/themes folders are fine (they are watched once created). */
watcher *watch_new(const char *site_dir);
/* Stop and free (NULL is fine). */
void watch_free(watcher *w);
/* The descriptor to poll for reading. */
int watch_fd(const watcher *w);
/* Read every pending event without blocking and add watches for new folders. Returns the number
 * of changes among them (0 when only scratch files moved), or -1 on a read error. */
int watch_read(watcher *w);
/* The path of the last change read (for messages); "" before any. Valid until the next read. */
const char *watch_last(const watcher *w);
/* Number of folders watched. */
int watch_count(const watcher *w);

#endif
