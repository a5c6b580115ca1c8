/*
 * drivers/tsc.h - time from the time stamp counter.
 */
#ifndef PAGODA_DRIVERS_TSC_H
#define PAGODA_DRIVERS_TSC_H

#include "kernel/types.h"

extern unsigned long tsc_khz;

void tsc_calibrate(void);
u64 local_clock_ns(void);
u64 cycles_to_ns(u64 cycles);

#endif
