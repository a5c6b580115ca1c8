/*
 * drivers/pit.c - the 8254 PIT's channel 0 as a one-shot interrupt source.
 *
 * Teaches: the PIT has three 16-bit down-counters fed at 1.193182 MHz.
 * Channel 0's output is wired to ISA IRQ 0; channel 2 drives the speaker
 * (drivers/tsc.c uses it, with no interrupt, to calibrate the TSC).  A
 * control word on port 0x43 picks the channel, how the count is loaded
 * (low byte then high byte) and the mode; the count is then written to
 * the channel's port.  In mode 0, "interrupt on terminal count", the
 * output goes low when the count is written and rises when it reaches
 * zero: exactly one rising edge, one edge-triggered interrupt.
 *
 * Pagoda's tick comes from each CPU's local APIC timer, as in Linux on
 * any machine of this century, so the PIT is only the known interrupt
 * source the time tests use to prove that ISA IRQ 0 reaches the vector
 * the MADT's override implies (QEMU: IRQ 0 -> GSI 2 -> vector 0x32).
 * The firmware leaves channel 0 in mode 3 (a square wave at 18.2 Hz);
 * with its IOAPIC pin masked that goes nowhere.
 * Linux counterpart: drivers/clocksource/i8253.c (pit_set_oneshot,
 * pit_shutdown).
 */
#include "drivers/pit.h"

#include "arch/x86/io.h"
#include "kernel/spinlock.h"

#define PIT_CH0		0x40
#define PIT_MODE	0x43
#define PIT_SEL_CH0	0x00
#define PIT_LOHI	0x30	/* access: low byte, then high byte */
#define PIT_MODE0	0x00	/* interrupt on terminal count */

static DEFINE_SPINLOCK(pit_lock);

void
pit_oneshot(u16 count)
{
	unsigned long flags = spin_lock_irqsave(&pit_lock);

	outb(PIT_MODE, PIT_SEL_CH0 | PIT_LOHI | PIT_MODE0);
	outb(PIT_CH0, count & 0xff);
	outb(PIT_CH0, count >> 8);
	spin_unlock_irqrestore(&pit_lock, flags);
}

void
pit_stop(void)
{
	unsigned long flags = spin_lock_irqsave(&pit_lock);

	/*
	 * A control word with no count after it: the channel waits for a
	 * count that never comes, so its output makes no further edge.
	 */
	outb(PIT_MODE, PIT_SEL_CH0 | PIT_LOHI | PIT_MODE0);
	spin_unlock_irqrestore(&pit_lock, flags);
}
