/*
 * arch/x86/idle.c - the halt, and the all-CPUs-idle clock (see idle.h).
 *
 * The count of halted CPUs and the start of the current all-idle interval
 * change together under one small lock: otherwise a CPU waking just as the
 * last one halts could read a start time not yet written.  The lock is a
 * bare exchange loop rather than a spinlock_t, because this code runs on
 * the way into and out of every idle halt and must not recurse into lock
 * debugging or preemption.
 * Linux counterpart: none (see idle.h).
 */
#include "arch/x86/idle.h"
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "kernel/cpumask.h"

static DEFINE_PER_CPU(unsigned int, cpu_halted);

static struct {
	unsigned int lock;
	unsigned int nr_halted;
	u64 since;		/* valid while nr_halted == online CPUs */
	u64 total;
} idle_clock;

static void
idle_clock_lock(void)
{
	while (__atomic_exchange_n(&idle_clock.lock, 1, __ATOMIC_ACQUIRE))
		cpu_relax();
}

static void
idle_clock_unlock(void)
{
	__atomic_store_n(&idle_clock.lock, 0, __ATOMIC_RELEASE);
}

void
cpu_idle_halt(void)
{
	this_cpu(cpu_halted) = 1;
	idle_clock_lock();
	if (++idle_clock.nr_halted == num_online_cpus())
		idle_clock.since = rdtsc();
	idle_clock_unlock();
	safe_halt();
	/* Normally the interrupt's entry already did this. */
	local_irq_disable();
	cpu_idle_wakeup();
	local_irq_enable();
}

void
cpu_idle_wakeup(void)
{
	if (!this_cpu(cpu_halted))
		return;
	this_cpu(cpu_halted) = 0;
	idle_clock_lock();
	if (idle_clock.nr_halted-- == num_online_cpus())
		idle_clock.total += rdtsc() - idle_clock.since;
	idle_clock_unlock();
}

u64
all_idle_tsc(void)
{
	u64 total;

	idle_clock_lock();
	total = idle_clock.total;
	idle_clock_unlock();
	return total;
}
