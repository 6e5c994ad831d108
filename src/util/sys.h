/* sys: facts about the machine and the clock. */
#ifndef PLANSITE_SYS_H
#define PLANSITE_SYS_H
#include <stddef.h>

/* Seconds on a monotonic clock (for durations). */
double sys_now(void);
/* CPU time used so far by the process, all threads, user and system, in seconds. */
double sys_cpu_seconds(void);
/* The process's peak resident memory so far, in bytes. */
size_t sys_peak_rss(void);
/* Run fn on each of n items (items[0], items[size], ...), each on its own thread: the calling
 * thread runs the first, and an item whose thread cannot start runs on the calling thread after
 * it. Returns when all are done. */
void sys_parallel(void *(*fn)(void *), void *items, size_t n, size_t size);
/* Online processor cores, between 1 and 64. */
int sys_ncpus(void);

/* SOURCE_DATE_EPOCH (the reproducible-builds convention: the build's time, seconds since 1970)
 * into *out: 1 when it is set to a whole number of seconds up to 9999-12-31, 0 when it is unset or
 * empty (*out untouched), -1 when it is set to anything else. The one place that reads it. */
int sys_source_date_epoch(long long *out);
/* From now on SIGINT, SIGTERM and SIGHUP (those not ignored) no longer kill the process: a thread
 * of its own receives them and records the first, for sys_signalled (long work polls it, cleans up
 * and exits); a second one ends the process at once. Call it before starting other threads (they
 * inherit the blocked signals); later calls do nothing.
 * 0, or -1 when the signals could not be caught (they then keep their default action). */
int sys_catch_signals(void);
/* The first signal caught since sys_catch_signals (e.g. SIGINT), or 0. */
int sys_signalled(void);

#endif
