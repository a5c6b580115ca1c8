/*
 * arch/x86/idle.c - the halt, and the all-CPUs-idle clock (see idle.h).
 *
 * No lock: each CPU stamps the TSC in its own slot before it counts
 * itself halted (an atomic increment, which orders the stamp before it).
 * Only the CPU whose wake-up takes the count down from "all online" ends
 * an all-idle interval; it began when the last CPU halted, the latest of
 * the stamps, all of which that CPU can see.  A halt and its wake-up cost
 * a handful of instructions; the scan of the stamps happens only when
 * the whole machine was asleep.
 * Linux counterpart: none (see idle.h).
 */
#include "arch/x86/idle.h"
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "kernel/cpumask.h"

struct idle_stamp {
	unsigned int halted;
	u64 since;		/* TSC when this CPU last halted */
};
static DEFINE_PER_CPU(struct idle_stamp, idle_stamp);

static unsigned int nr_halted;
static u64 all_idle_total;

void
cpu_idle_halt(void)
{
	struct idle_stamp *me = this_cpu_ptr(&idle_stamp);

	me->since = rdtsc();
	me->halted = 1;
	__atomic_fetch_add(&nr_halted, 1, __ATOMIC_SEQ_CST);
	safe_halt();
	/* Normally the interrupt's entry already did this. */
	local_irq_disable();
	cpu_idle_wakeup();
	local_irq_enable();
}

void
cpu_idle_wakeup(void)
{
	struct idle_stamp *me = this_cpu_ptr(&idle_stamp);
	u64 now, began = 0;
	unsigned int cpu;

	if (!me->halted)
		return;
	me->halted = 0;
	if (__atomic_fetch_sub(&nr_halted, 1, __ATOMIC_SEQ_CST) !=
	    num_online_cpus())
		return;
	now = rdtsc();
	for_each_online_cpu(cpu) {
		u64 since = READ_ONCE(per_cpu(idle_stamp, cpu).since);

		if (since > began)
			began = since;
	}
	if (now > began)
		__atomic_fetch_add(&all_idle_total, now - began,
				   __ATOMIC_RELAXED);
}

u64
all_idle_tsc(void)
{
	return __atomic_load_n(&all_idle_total, __ATOMIC_RELAXED);
}
