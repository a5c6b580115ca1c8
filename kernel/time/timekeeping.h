/*
 * kernel/time/timekeeping.h - the monotonic clock in nanoseconds.
 *
 * Teaches: jiffies only tell time to a tick (4 ms); the TSC, whose rate
 * drivers/tsc.c measured at boot, tells it to a nanosecond and never
 * goes back, so it is the kernel's monotonic clock (see timekeeping.c).
 * Linux counterpart: include/linux/timekeeping.h.
 */
#ifndef PAGODA_KERNEL_TIME_TIMEKEEPING_H
#define PAGODA_KERNEL_TIME_TIMEKEEPING_H

#include "kernel/types.h"

#define NSEC_PER_USEC	1000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_SEC	1000000000ULL

/* Nanoseconds since the TSC was calibrated, early in the boot. */
u64 ktime_get_ns(void);

#endif
