/*
 * arch/x86/apic_timer.c - calibrate the local APIC timer; the tick.
 *
 * Teaches: the APIC timer counts down from an initial count (TMICT) at
 * the APIC's bus clock divided by TDCR, and interrupts through the LVT
 * timer entry when it reaches zero; in periodic mode it reloads itself.
 * That clock differs between machines (QEMU's counts nanoseconds, 1 GHz,
 * which Linux measures as 62.5 MHz divided by 16; real machines run it
 * at tens to hundreds of MHz), so it is measured, never assumed: start
 * the timer masked from the largest count, read its current count
 * (TMCCT) at two TSC times 250 us apart, and divide by the TSC rate
 * drivers/tsc.c already measured against the PIT.  Each read of TMCCT
 * sits between two TSC reads; the gap between them (a host that held up
 * the CPU right there) is how unsure that end is.  A window whose gaps
 * stay under 1% of it is good enough (under QEMU's TCG they are about
 * 0.2%, half a microsecond); otherwise up to five are tried and the one
 * with the smallest gaps kept.  Elsewhere in a window a delay does not
 * matter: both clocks advance through it.  Linux calibrates against its
 * own tick for 100 ms; a quarter of a millisecond suffices here because
 * the TSC is already known, and every instruction of the boot counts
 * (under -icount the wait is 250,000 of them).
 *
 * Then each CPU programs its own timer periodic at HZ (divide by 16,
 * lapic_timer_period counts) and counts its interrupts in the LOC row
 * (irq_stat.apic_timer_irqs); kernel/time/tick.c does the rest.
 * Linux counterpart: arch/x86/kernel/apic/apic.c (calibrate_APIC_clock,
 * setup_APIC_timer, lapic_timer_set_periodic, sysvec_apic_timer_interrupt).
 */
#include "arch/x86/apic_timer.h"

#include "arch/x86/apic.h"
#include "arch/x86/irq.h"
#include "arch/x86/processor.h"
#include "drivers/tsc.h"
#include "kernel/printk.h"
#include "kernel/time/jiffies.h"
#include "kernel/time/tick.h"

#define APIC_TDR_DIV_16		0x3	/* TDCR bits 3,1,0 = 0,1,1 */
#define CALIBRATE_MAX_WINDOWS	5
#define CALIBRATE_US		250
#define CALIBRATE_GAP_PART	100	/* gaps under 1% of the window */

unsigned long lapic_timer_hz;
u32 lapic_timer_period;

static void
local_timer_interrupt(struct pt_regs *regs, void *data)
{
	(void)data;
	this_cpu(irq_stat).apic_timer_irqs++;
	tick_handle_periodic(regs);
}

/* Read TMCCT between two TSC reads: the TSC time is their middle. */
static u32
read_count(u64 *tsc, u64 *gap)
{
	u64 a = rdtsc();
	u32 count = apic_read(APIC_TMCCT);
	u64 b = rdtsc();

	*tsc = a + (b - a) / 2;
	*gap = b - a;
	return count;
}

void
apic_timer_init(void)
{
	u64 window = (u64)tsc_khz * CALIBRATE_US / 1000;
	u64 best_gap = ~0ULL, best_cycles = 0, best_counts = 0;
	unsigned long flags;
	int runs = 0;

	if (!lapic_present || !tsc_khz)
		return;
	flags = local_irq_save();
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, 0xffffffffU);
	while (runs++ < CALIBRATE_MAX_WINDOWS &&
	       best_gap * CALIBRATE_GAP_PART > window) {
		u64 t0, t1, gap0, gap1;
		u32 c0 = read_count(&t0, &gap0), c1;

		while (rdtsc() - t0 < window)
			cpu_relax();
		c1 = read_count(&t1, &gap1);
		if (c1 < c0 && t1 > t0 && gap0 + gap1 < best_gap) {
			best_gap = gap0 + gap1;
			best_cycles = t1 - t0;
			best_counts = c0 - c1;
		}
	}
	apic_write(APIC_TMICT, 0);
	local_irq_restore(flags);
	if (!best_cycles) {
		pr_err("APIC: the timer did not count: no tick\n");
		return;
	}
	/* counts per second = counts / (cycles / (kHz * 1000)) */
	lapic_timer_hz = best_counts * tsc_khz * 1000 / best_cycles;
	lapic_timer_period = (lapic_timer_hz + HZ / 2) / HZ;
	set_irq_handler(LOCAL_TIMER_VECTOR, local_timer_interrupt, NULL,
			"Local timer interrupts");
	pr_info("APIC: timer %lu.%03lu MHz (bus / 16, measured against the "
		"TSC), %u counts per tick at HZ=%d\n", lapic_timer_hz / 1000000,
		lapic_timer_hz / 1000 % 1000, lapic_timer_period, HZ);
}

void
lapic_timer_setup_cpu(void)
{
	if (!lapic_timer_period)
		return;
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, lapic_timer_period);
	tick_setup_cpu();
}
