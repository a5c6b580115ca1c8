/*
 * drivers/tsc.h - time from the time stamp counter.
 *
 * Teaches: the TSC ticks at a constant but unknown rate, measured at boot
 * against the PIT; a measurement can be disturbed (by a busy host, under
 * emulation) and only ever reads too high, so several runs are made and
 * the lowest plausible one is kept (tsc_choose_khz(), see tsc.c).
 * Linux counterpart: arch/x86/include/asm/tsc.h, arch/x86/kernel/tsc.c.
 */
#ifndef PAGODA_DRIVERS_TSC_H
#define PAGODA_DRIVERS_TSC_H

#include "kernel/types.h"

extern unsigned long tsc_khz;

void tsc_calibrate(void);
u64 local_clock_ns(void);
u64 cycles_to_ns(u64 cycles);

/* What tsc_choose_khz() accepts and what it falls back to. */
#define TSC_MIN_KHZ		100000UL	/* 100 MHz */
#define TSC_MAX_KHZ		10000000UL	/* 10 GHz */
#define TSC_FALLBACK_KHZ	1000000UL	/* timestamps still move */
#define TSC_AGREE_PERMILLE	10		/* within 1% of the lowest */

enum tsc_verdict {
	TSC_CONFIRMED,	 /* the lowest plausible run, another agrees */
	TSC_UNCONFIRMED, /* the lowest plausible run, alone */
	TSC_IMPLAUSIBLE, /* no plausible run: TSC_FALLBACK_KHZ */
};

struct tsc_choice {
	unsigned long khz;
	enum tsc_verdict verdict;
	unsigned int agreeing;		/* runs within 1% of khz, itself too */
	unsigned int implausible;	/* runs outside 100 MHz .. 10 GHz */
};

/*
 * Choose the TSC rate from n calibration runs (kHz; 0 = a failed run):
 * the lowest plausible one, since a disturbed run only reads high.
 * Pure, so that it is tested on the host (tests/host/test_tsc.c).
 */
void tsc_choose_khz(const unsigned long *samples, unsigned int n,
		    struct tsc_choice *c);

#endif
