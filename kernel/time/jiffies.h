/*
 * kernel/time/jiffies.h - HZ and jiffies: time counted in ticks.
 *
 * Teaches: the kernel's coarse clock is a counter, jiffies, that one CPU
 * advances on every tick of its timer, HZ times a second.  Pagoda's HZ
 * is 250 (a 4 ms tick), Debian's Linux default: a compromise between
 * timer resolution and the cost of waking every CPU HZ times a second.
 * jiffies wraps, so deadlines are compared with time_after() and
 * friends, which look at the signed difference, never with < or >.  To
 * make a wrap bug show early, jiffies starts 5 minutes before its low
 * 32 bits wrap, as in Linux (INITIAL_JIFFIES).
 * Linux counterpart: include/linux/jiffies.h, kernel/time/jiffies.c.
 */
#ifndef PAGODA_KERNEL_TIME_JIFFIES_H
#define PAGODA_KERNEL_TIME_JIFFIES_H

#include "kernel/types.h"

#define HZ		250
#define TICK_NSEC	(1000000000UL / HZ)
#define INITIAL_JIFFIES	((unsigned long)(unsigned int)(-300 * HZ))

/*
 * The tick count, written by the CPU that keeps time (tick.c) only.
 * jiffies is the same 64 bits under the name drivers use.
 */
extern volatile u64 jiffies_64;
extern volatile unsigned long jiffies;

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)

/* Rounded up: a wait of ms milliseconds lasts at least that many ticks. */
static inline unsigned long
msecs_to_jiffies(unsigned int ms)
{
	return ((unsigned long)ms * HZ + 999) / 1000;
}

static inline unsigned int
jiffies_to_msecs(unsigned long j)
{
	return (unsigned int)(j * 1000 / HZ);
}

/* Advance jiffies; only the time-keeping CPU calls it, from its tick. */
void do_timer(unsigned long ticks);

#endif
