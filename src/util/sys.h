/* sys: facts about the machine and the clock. */
#ifndef PLANSITE_SYS_H
#define PLANSITE_SYS_H

/* Seconds on a monotonic clock (for durations). */
double sys_now(void);
/* Online processor cores, between 1 and 64. */
int sys_ncpus(void);

#endif
