/*
 * kernel/time/delay.h - waiting: busy for short waits, asleep for long ones.
 *
 * Teaches: udelay and mdelay spin on the TSC, for the microseconds a
 * device needs between two register writes; msleep gives the CPU away
 * until the time has passed (see delay.c).
 * Linux counterpart: include/linux/delay.h.
 */
#ifndef PAGODA_KERNEL_TIME_DELAY_H
#define PAGODA_KERNEL_TIME_DELAY_H

#include "kernel/types.h"

void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

/*
 * Sleep at least msecs milliseconds, at most about one tick more.  With
 * interrupts off, or before this CPU's tick runs, it spins instead
 * (nothing would wake a halted CPU).
 */
void msleep(unsigned int msecs);

#endif
