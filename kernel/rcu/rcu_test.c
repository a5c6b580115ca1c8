/*
 * kernel/rcu/rcu_test.c - ktest suite "rcu": grace periods wait for
 * readers, and only for readers that began before them.
 *
 * The central case holds a real reader open on another CPU (inside
 * rcu_read_lock(), spinning until released) and checks that a callback
 * queued meanwhile does not run, not after many ticks, and does run once
 * the reader has left.  The others check synchronize_rcu() and
 * rcu_barrier() from their definitions.
 * Linux counterpart: kernel/rcu/rcutorture.c covers this by brute force;
 * these are the directed cases.
 */
#include "arch/x86/irq.h"
#include "arch/x86/processor.h"
#include "drivers/tsc.h"
#include "kernel/ktest.h"
#include "kernel/rcupdate.h"
#include "kernel/smp.h"

/* Let at least `ms` milliseconds of TSC time pass, with interrupts on. */
static void
wait_ms(unsigned int ms)
{
	u64 end = local_clock_ns() + (u64)ms * 1000000;

	while (local_clock_ns() < end)
		safe_halt();
}

/*
 * Grace periods advance from the tick: no tick, no RCU.  Generous: a
 * busy host may hold this vCPU up for long stretches of TSC time.
 */
static void
require_tick(struct ktest *t)
{
	unsigned long before = this_cpu(irq_stat).apic_timer_irqs;
	u64 end = local_clock_ns() + 2000 * 1000000ULL;

	while (local_clock_ns() < end &&
	       this_cpu(irq_stat).apic_timer_irqs == before)
		safe_halt();
	KT_ASSERT_TRUE(t, this_cpu(irq_stat).apic_timer_irqs != before);
}

static void
synchronize_rcu_completes_a_grace_period(struct ktest *t)
{
	unsigned long before;

	require_tick(t);
	before = rcu_completed_gps();

	synchronize_rcu();
	KT_EXPECT_GE(t, rcu_completed_gps() - before, 1);
}

struct cb_probe {
	struct rcu_head head;
	unsigned long ran;
};

static void
cb_mark(struct rcu_head *head)
{
	struct cb_probe *p = (struct cb_probe *)head;

	__atomic_fetch_add(&p->ran, 1, __ATOMIC_RELEASE);
}

static unsigned long reader_release, reader_inside;

/* On another CPU: a reader that stays inside until told to leave. */
static void
long_reader(void *info)
{
	unsigned long spins = 0;

	(void)info;
	rcu_read_lock();
	WRITE_ONCE(reader_inside, 1);
	/* Bounded: ~1e9 pauses is far beyond the test's wait. */
	while (!READ_ONCE(reader_release) && spins++ < 1000000000UL)
		cpu_relax();
	rcu_read_unlock();
	WRITE_ONCE(reader_inside, 0);
}

static void
callback_waits_for_a_reader_on_another_cpu(struct ktest *t)
{
	unsigned int self = smp_processor_id(), cpu, reader = NR_CPUS;
	static struct cb_probe probe;
	unsigned long spins = 0;

	require_tick(t);

	for_each_online_cpu(cpu)
		if (cpu != self && reader == NR_CPUS)
			reader = cpu;
	if (reader == NR_CPUS)
		ktest_skip(t, "one CPU: no reader can run beside the updater");
	WRITE_ONCE(reader_release, 0);
	smp_call_function_single(reader, long_reader, NULL, false);
	while (!READ_ONCE(reader_inside) && spins++ < 100000000UL)
		cpu_relax();
	KT_ASSERT_TRUE(t, READ_ONCE(reader_inside));

	probe.ran = 0;
	call_rcu(&probe.head, cb_mark);
	wait_ms(50);		/* a dozen ticks: GPs would have ended */
	KT_EXPECT_EQ(t, READ_ONCE(probe.ran), 0);
	KT_EXPECT_EQ(t, READ_ONCE(reader_inside), 1);

	WRITE_ONCE(reader_release, 1);
	while (READ_ONCE(reader_inside))
		cpu_relax();
	rcu_barrier();
	KT_EXPECT_EQ(t, READ_ONCE(probe.ran), 1);
}

static struct cb_probe barrier_probes[NR_CPUS];

static void
queue_probe_here(void *info)
{
	(void)info;
	call_rcu(&barrier_probes[smp_processor_id()].head, cb_mark);
}

static void
rcu_barrier_waits_for_every_cpus_callbacks(struct ktest *t)
{
	unsigned int cpu;

	require_tick(t);

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		barrier_probes[cpu].ran = 0;
	on_each_cpu(queue_probe_here, NULL, true);
	rcu_barrier();
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		KT_EXPECT_EQ(t, __atomic_load_n(&barrier_probes[cpu].ran,
						__ATOMIC_ACQUIRE),
			     cpu_online(cpu) ? 1 : 0);
}

static void
many_callbacks_all_run_once(struct ktest *t)
{
	enum { N = 1000 };
	static struct cb_probe probes[N];

	require_tick(t);

	for (unsigned int i = 0; i < N; i++) {
		probes[i].ran = 0;
		call_rcu(&probes[i].head, cb_mark);
	}
	rcu_barrier();
	for (unsigned int i = 0; i < N; i++)
		KT_EXPECT_EQ(t, probes[i].ran, 1);
}

KTEST_SUITE(rcu,
	    KTEST_CASE(synchronize_rcu_completes_a_grace_period),
	    KTEST_CASE(callback_waits_for_a_reader_on_another_cpu),
	    KTEST_CASE(rcu_barrier_waits_for_every_cpus_callbacks),
	    KTEST_CASE(many_callbacks_all_run_once));
