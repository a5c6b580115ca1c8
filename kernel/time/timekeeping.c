/*
 * kernel/time/timekeeping.c - the monotonic clock from the TSC.
 *
 * Teaches: Linux keeps time with a "clocksource", the best counter the
 * machine has (on x86 the TSC when it is invariant and synchronized
 * across CPUs, as it is under QEMU), and converts cycles to nanoseconds
 * with the rate measured at boot.  Pagoda has one clocksource, the TSC;
 * the conversion lives with the calibration in drivers/tsc.c (the same
 * clock printk's timestamps use, so log times and ktime_get_ns() agree).
 * Linux counterpart: kernel/time/timekeeping.c (ktime_get_ns),
 * arch/x86/kernel/tsc.c (the TSC clocksource).
 */
#include "kernel/time/timekeeping.h"

#include "drivers/tsc.h"

u64
ktime_get_ns(void)
{
	return local_clock_ns();
}
