/*
 * kernel/smp_test.c - ktest suite "ipi": the call-function and reschedule
 * IPIs reach the CPUs they name, and only those.
 *
 * Each case checks what happened on the target from the target itself
 * (the function records smp_processor_id() and numa_node_id() there) and
 * from the interrupt counts of /proc/interrupts (CAL, RES), which only the
 * target's interrupt handler increments.  With one CPU online there is no
 * other CPU to interrupt: the cases that need one say so and skip.
 * Linux counterpart: none in-tree (kernel/smp.c has no KUnit suite).
 */
#include "arch/x86/irq.h"
#include "arch/x86/processor.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/smp.h"
#include "mm/numa.h"

struct where {
	unsigned int cpu;
	int node;
	unsigned long runs;
};

static void
record_where(void *info)
{
	struct where *w = info;

	w->cpu = smp_processor_id();
	w->node = numa_node_id();
	__atomic_fetch_add(&w->runs, 1, __ATOMIC_RELAXED);
}

static unsigned int
other_cpu_or_skip(struct ktest *t)
{
	unsigned int self = smp_processor_id(), cpu;

	for_each_online_cpu(cpu)
		if (cpu != self)
			return cpu;
	ktest_skip(t, "only one CPU online: no other CPU to interrupt");
}

static unsigned long
call_count(unsigned int cpu)
{
	return READ_ONCE(per_cpu(irq_stat, cpu).irq_call_count);
}

static void
ipi_reaches_every_cpu(struct ktest *t)
{
	unsigned int self = smp_processor_id(), cpu;

	other_cpu_or_skip(t);
	for_each_online_cpu(cpu) {
		struct where w = { .cpu = ~0U, .node = -1 };
		unsigned long before = call_count(cpu);

		KT_EXPECT_EQ(t, smp_call_function_single(cpu, record_where, &w,
							 true), 0);
		KT_EXPECT_EQ(t, w.cpu, cpu);
		KT_EXPECT_EQ(t, w.runs, 1);
		KT_EXPECT_EQ(t, w.node, cpu_to_node(cpu) < 0 ? 0 :
			     cpu_to_node(cpu));
		/* Our own CPU runs it directly, without an interrupt. */
		KT_EXPECT_EQ(t, call_count(cpu) - before, cpu == self ? 0 : 1);
	}
}

static unsigned long per_cpu_runs[NR_CPUS];

static void
count_run(void *info)
{
	(void)info;
	__atomic_fetch_add(&per_cpu_runs[smp_processor_id()], 1,
			   __ATOMIC_RELAXED);
}

static void
on_each_cpu_runs_once_on_every_cpu(struct ktest *t)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		per_cpu_runs[cpu] = 0;
	on_each_cpu(count_run, NULL, true);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		KT_EXPECT_EQ(t, per_cpu_runs[cpu], cpu_online(cpu) ? 1 : 0);
}

static void
many_reaches_only_the_mask(struct ktest *t)
{
	unsigned int target = other_cpu_or_skip(t), cpu;
	cpumask_t mask;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		per_cpu_runs[cpu] = 0;
	cpumask_clear(&mask);
	cpumask_set_cpu(target, &mask);
	cpumask_set_cpu(smp_processor_id(), &mask);	/* never self */
	smp_call_function_many(&mask, count_run, NULL, true);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		KT_EXPECT_EQ(t, per_cpu_runs[cpu], cpu == target ? 1 : 0);
}

static void
async_calls_all_complete(struct ktest *t)
{
	enum { CALLS = 200 };
	unsigned int self = smp_processor_id(), cpu, others = 0;
	struct where w = { 0 };
	unsigned long spins = 0;

	other_cpu_or_skip(t);
	for (unsigned int i = 0; i < CALLS; i++)
		for_each_online_cpu(cpu)
			if (cpu != self) {
				smp_call_function_single(cpu, record_where, &w,
							 false);
				others += i == 0;
			}
	/* Bounded: each call is served within a few interrupts. */
	while (READ_ONCE(w.runs) < (unsigned long)CALLS * others &&
	       spins++ < 100000000UL)
		cpu_relax();
	KT_EXPECT_EQ(t, READ_ONCE(w.runs), (unsigned long)CALLS * others);
}

static void
kick_all_cpus_sync_interrupts_every_other_cpu(struct ktest *t)
{
	unsigned long before[NR_CPUS];
	unsigned int self = smp_processor_id(), cpu;

	other_cpu_or_skip(t);
	for_each_online_cpu(cpu)
		before[cpu] = call_count(cpu);
	kick_all_cpus_sync();
	for_each_online_cpu(cpu)
		KT_EXPECT_EQ(t, call_count(cpu) - before[cpu],
			     cpu == self ? 0 : 1);
}

static void
reschedule_ipi_is_counted_on_its_target(struct ktest *t)
{
	unsigned int target = other_cpu_or_skip(t);
	unsigned long before = per_cpu(irq_stat, target).irq_resched_count;
	unsigned long spins = 0;

	smp_send_reschedule(target);
	while (READ_ONCE(per_cpu(irq_stat, target).irq_resched_count) ==
	       before && spins++ < 100000000UL)
		cpu_relax();
	KT_EXPECT_EQ(t, READ_ONCE(per_cpu(irq_stat, target).irq_resched_count),
		     before + 1);
}

static void
call_to_offline_cpu_is_refused(struct ktest *t)
{
	struct where w = { 0 };

	KT_EXPECT_EQ(t, smp_call_function_single(NR_CPUS, record_where, &w,
						 true), -ENXIO);
	if (nr_cpu_ids < NR_CPUS && !cpu_online(NR_CPUS - 1))
		KT_EXPECT_EQ(t, smp_call_function_single(NR_CPUS - 1,
							 record_where, &w,
							 true), -ENXIO);
	KT_EXPECT_EQ(t, w.runs, 0);
}

KTEST_SUITE(ipi,
	    KTEST_CASE(ipi_reaches_every_cpu),
	    KTEST_CASE(on_each_cpu_runs_once_on_every_cpu),
	    KTEST_CASE(many_reaches_only_the_mask),
	    KTEST_CASE(async_calls_all_complete),
	    KTEST_CASE(kick_all_cpus_sync_interrupts_every_other_cpu),
	    KTEST_CASE(reschedule_ipi_is_counted_on_its_target),
	    KTEST_CASE(call_to_offline_cpu_is_refused));
