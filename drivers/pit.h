/*
 * drivers/pit.h - the 8254 programmable interval timer, channel 0.
 *
 * Teaches: the PC's oldest timer counts down at 1.193182 MHz and raises
 * ISA IRQ 0 when it reaches zero; here it is a known, independent
 * interrupt source to prove that the IOAPIC routing works (see pit.c).
 * Linux counterpart: include/linux/i8253.h, drivers/clocksource/i8253.c.
 */
#ifndef PAGODA_DRIVERS_PIT_H
#define PAGODA_DRIVERS_PIT_H

#include "kernel/types.h"

#define PIT_TICK_RATE	1193182UL	/* Hz: the crystal's 14.31818 MHz / 12 */
#define PIT_ISA_IRQ	0

/*
 * Start channel 0 counting down `count` PIT ticks (1..65535) once, in
 * mode 0: its output rises, and IRQ 0 fires, once when the count ends.
 */
void pit_oneshot(u16 count);

/* Stop channel 0 from raising IRQ 0 again (its output stays high). */
void pit_stop(void);

#endif
