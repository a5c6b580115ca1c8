/*
 * kernel/sched/tick.c - the scheduler's own periodic tick, until kernel/time.
 *
 * Teaches: preemption and timed sleeps need a periodic interrupt on every
 * CPU.  The local APIC timer counts down from an initial count at the
 * bus clock divided by TDCR and, in periodic mode, reloads and fires
 * forever.  Its rate is not architectural, so we measure it: let it count
 * down for 2 ms of TSC time (the TSC was calibrated against the PIT), then
 * program one tick's worth (SCHED_HZ = 250 per second, 4 ms).
 *
 * This steps aside when something else already owns the timer vector
 * (kernel/time's tick, which then calls scheduler_tick() itself).
 * Linux counterpart: arch/x86/kernel/apic/apic.c (calibrate_APIC_clock,
 * lapic_timer_set_periodic), kernel/time/tick-common.c.
 */
#include "kernel/sched/sched.h"

#include "arch/x86/apic.h"
#include "arch/x86/irq.h"
#include "drivers/tsc.h"
#include "kernel/printk.h"

#define APIC_TDR_DIV_16		0x3

#define CALIBRATE_NS		2000000ULL	/* 2 ms */

static u32 apic_ticks_per_jiffy;

static void
sched_tick_interrupt(struct pt_regs *regs, void *data)
{
	(void)regs;
	(void)data;
	this_cpu(irq_stat).apic_timer_irqs++;
	if (smp_processor_id() == 0)
		sched_jiffies_counter++;
	scheduler_tick();
}

/* This CPU's timer: periodic, one tick (every CPU, once). */
void
sched_tick_start_cpu(void)
{
	if (!apic_ticks_per_jiffy)
		return;
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, apic_ticks_per_jiffy);
}

void
sched_tick_init(void)
{
	u64 start;
	u32 counted;

	if (!lapic_present || irq_vector_name(LOCAL_TIMER_VECTOR))
		return;
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, 0xffffffffu);
	start = local_clock_ns();
	while (local_clock_ns() - start < CALIBRATE_NS)
		cpu_relax();
	counted = 0xffffffffu - apic_read(APIC_TMCCT);
	apic_write(APIC_TMICT, 0);
	apic_ticks_per_jiffy = (u32)((u64)counted * TICK_NSEC / CALIBRATE_NS);
	if (!apic_ticks_per_jiffy)
		apic_ticks_per_jiffy = 1;
	set_irq_handler(LOCAL_TIMER_VECTOR, sched_tick_interrupt, NULL, "LOC");
	pr_info("sched: APIC timer %u counts per %u Hz tick (scheduler's own "
		"tick)\n", apic_ticks_per_jiffy, SCHED_HZ);
	sched_tick_start_cpu();
}
