/*
 * kernel/sched/tick.c - the scheduler's own periodic tick, until kernel/time.
 *
 * Teaches: preemption and timed sleeps need a periodic interrupt on every
 * CPU.  The local APIC timer counts down from an initial count at the
 * bus clock divided by TDCR and, in periodic mode, reloads and fires
 * forever.  Its rate is not architectural, so we measure it: let it count
 * down for 1 ms of TSC time (the shortest of five tries) (the TSC was calibrated against the PIT), then
 * program one tick's worth (SCHED_HZ = 250 per second, 4 ms).
 *
 * This steps aside when something else already owns the timer vector
 * (kernel/time's tick, which then calls scheduler_tick() and
 * rcu_sched_clock_irq() itself, as this one does).
 * Linux counterpart: arch/x86/kernel/apic/apic.c (calibrate_APIC_clock,
 * lapic_timer_set_periodic), kernel/time/tick-common.c.
 */
#include "kernel/sched/sched.h"

#include "arch/x86/apic.h"
#include "arch/x86/irq.h"
#include "drivers/tsc.h"
#include "kernel/printk.h"
#include "kernel/rcupdate.h"

#define APIC_TDR_DIV_16		0x3

#define CALIBRATE_NS		1000000ULL	/* 1 ms, the best of 5 */

static u32 apic_ticks_per_jiffy;
DEFINE_PER_CPU(struct pt_regs *, tick_regs);

static void
this_cpu_write_tick_regs(struct pt_regs *regs)
{
	this_cpu(tick_regs) = regs;
}

static void
sched_tick_interrupt(struct pt_regs *regs, void *data)
{
	(void)regs;
	(void)data;
	this_cpu(irq_stat).apic_timer_irqs++;
	this_cpu_write_tick_regs(regs);
	if (smp_processor_id() == 0)
		sched_jiffies_counter++;
	scheduler_tick();
	rcu_sched_clock_irq();
	this_cpu_write_tick_regs(NULL);
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

/*
 * APIC counts in one window of CALIBRATE_NS.  If the host deschedules
 * QEMU between the last TSC read and the APIC read, the window reads
 * long (both clocks follow the host's time): the smallest of a few
 * windows is the undisturbed one.
 */
static u32
apic_counts_in_window(void)
{
	unsigned long flags = local_irq_save();
	u64 start;
	u32 counted;

	apic_write(APIC_TMICT, 0xffffffffu);
	start = local_clock_ns();
	while (local_clock_ns() - start < CALIBRATE_NS)
		cpu_relax();
	counted = 0xffffffffu - apic_read(APIC_TMCCT);
	local_irq_restore(flags);
	return counted;
}

void
sched_tick_init(void)
{
	u32 counted = 0xffffffffu;

	if (!lapic_present || irq_vector_name(LOCAL_TIMER_VECTOR))
		return;
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	for (int i = 0; i < 5; i++)
		counted = min(counted, apic_counts_in_window());
	apic_write(APIC_TMICT, 0);
	apic_ticks_per_jiffy = (u32)((u64)counted * TICK_NSEC / CALIBRATE_NS);
	if (!apic_ticks_per_jiffy)
		apic_ticks_per_jiffy = 1;
	set_irq_handler(LOCAL_TIMER_VECTOR, sched_tick_interrupt, NULL, "LOC");
	pr_info("sched: APIC timer %u counts per %u Hz tick (scheduler's own "
		"tick)\n", apic_ticks_per_jiffy, SCHED_HZ);
	sched_tick_start_cpu();
}
