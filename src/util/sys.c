#define _POSIX_C_SOURCE 200809L
#include "sys.h"
#include "mem.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

double sys_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double sys_cpu_seconds(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

size_t sys_peak_rss(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (size_t)ru.ru_maxrss * 1024;   /* Linux reports kilobytes */
}

void sys_parallel(void *(*fn)(void *), void *items, size_t n, size_t size)
{
    pthread_t *tids = NULL;
    unsigned char *started = NULL;
    size_t i;
    if (!n)
        return;
    tids = xcalloc(n, sizeof *tids);
    started = xcalloc(n, 1);
    for (i = 1; i < n; i++)
        started[i] = pthread_create(&tids[i], NULL, fn, (char *)items + i * size) == 0;
    fn(items);
    for (i = 1; i < n; i++)
        if (!started[i])
            fn((char *)items + i * size);
    for (i = 1; i < n; i++)
        if (started[i])
            pthread_join(tids[i], NULL);
    free(started);
    free(tids);
}

int sys_ncpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static atomic_int caught;

/* The thread that receives SIGINT, SIGTERM and SIGHUP: it records the first; a second one ends
 * the process at once (a user pressing Ctrl-C again; a later build removes what is left). */
static void *wait_signals(void *arg)
{
    sigset_t *set = arg;
    int sig = 0;
    for (;;)
        if (sigwait(set, &sig) == 0) {
            int none = 0;
            if (!atomic_compare_exchange_strong(&caught, &none, sig))
                _exit(128 + sig);
        }
    return NULL;
}

int sys_catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    static sigset_t set;
    static int started;
    pthread_t tid;
    size_t i;
    if (started)
        return 0;
    sigemptyset(&set);
    for (i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaddset(&set, sigs[i]);   /* one ignored (nohup, a background job) stays so */
    }
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
        return -1;
    if (pthread_create(&tid, NULL, wait_signals, &set) != 0) {
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        return -1;
    }
    pthread_detach(tid);
    started = 1;
    return 0;
}

int sys_signalled(void)
{
    return atomic_load(&caught);
}

int sys_source_date_epoch(long long *out)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long t;
    if (!e || !*e)
        return 0;
    errno = 0;
    t = strtoll(e, &end, 10);
    if (errno || *end || t < 0 || *e < '0' || *e > '9' || t > 253402300799LL)
        return -1;
    *out = t;
    return 1;
}
