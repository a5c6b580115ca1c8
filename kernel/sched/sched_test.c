/*
 * kernel/sched/sched_test.c - ktest suites "sched" and "sched_timing".
 *
 * What is checked and against what:
 *  - the context switch keeps every callee-saved register (values the
 *    test chose, compared after thousands of switches);
 *  - kernel threads run, return their value to kthread_stop(), and leave
 *    no stack behind (free page counts, a stack being 4 pages); their
 *    task_struct and stack lie on the node asked for (page_to_nid);
 *  - wait queues, completions and mutexes under contention from many
 *    threads on every online CPU (invariants: counts, mutual exclusion);
 *  - affinity: a thread bound to CPU k only ever sees CPU k; a running
 *    thread moves to the CPU its new affinity names, and stays;
 *  - load balancing: threads all queued on CPU 0 reach every CPU;
 *  - progress and fairness: every runnable thread runs; CPU time of
 *    equal nice within a factor 1.5; nice 0 against nice 5 in [2.5, 3.7]
 *    (Linux's weights 1024:335 give 3.06) - the bands under -icount
 *    only (suite sched_timing, see enough_turns());
 *  - preemption: a busy loop without cond_resched() (for 12 ticks) lets
 *    a thread of the same CPU run under preempt=full, and does not under
 *    none/voluntary;
 *  - sleeps last at least what was asked (TSC time) and end within one
 *    tick plus one of slack (tick count; under -icount only, see the
 *    case);
 *  - kswapd: one thread per node with memory, woken on request.
 * Linux counterpart: none as such (kernel/sched has no KUnit suite; rcu-
 * and locktorture play this part).
 */
#include "kernel/sched/sched.h"

#include "arch/x86/irq.h"
#include "drivers/tsc.h"
#include "kernel/completion.h"
#include "kernel/errno.h"
#include "kernel/kthread.h"
#include "kernel/time/delay.h"
#include "kernel/ktest.h"
#include "kernel/mutex.h"
#include "kernel/params.h"
#include "kernel/wait.h"
#include "mm/numa.h"
#include "mm/mmzone.h"
#include "mm/page.h"
#include "mm/page_alloc.h"
#include "mm/vmscan.h"
#include "lib/string.h"

#define MAX_WORKERS	32

/* The harness says QEMU runs with -icount: virtual time is exact. */
static unsigned long sched_test_icount;
core_param("ktest.sched_icount", sched_test_icount, PARAM_ULONG,
	   "1: QEMU runs with -icount (sched_timing: exact sleep bounds)");

unsigned long sched_test_call_with_regs(void (*fn)(void), u64 seed);

/* Start p pinned by a reference, so it may return before we stop it. */
static struct task_struct *
start(struct task_struct *p)
{
	if (p) {
		get_task_struct(p);
		wake_up_process(p);
	}
	return p;
}

static int
stop(struct task_struct *p)
{
	int ret = kthread_stop(p);

	put_task_struct(p);
	return ret;
}

/* Sleep in ticks' worth of ms until cond or about 10 s passed. */
#define wait_until(cond) ({						\
	int __n = 0;							\
	while (!(cond) && __n++ < 2500)					\
		msleep(4);					\
	(bool)(cond);							\
})

static unsigned int
online_cpus(void)
{
	unsigned int cpu, n = 0;

	for_each_online_cpu(cpu)
		n += sched_cpu_usable(cpu);
	return n;
}

/* ---- weights ---------------------------------------------------------- */

static void
weights_follow_linux(struct ktest *t)
{
	/* Linux 6.1 kernel/sched/core.c sched_prio_to_weight[]. */
	static const struct { int nice; unsigned long w; } linux_w[] = {
		{ -20, 88761 }, { -10, 9548 }, { -5, 3121 }, { -1, 1277 },
		{ 0, 1024 }, { 1, 820 }, { 5, 335 }, { 10, 110 }, { 19, 15 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(linux_w); i++) {
		unsigned long w = sched_prio_to_weight(linux_w[i].nice);
		unsigned long lw = linux_w[i].w;
		unsigned long diff = w > lw ? w - lw : lw - w;

		/* Within 1 %, or 1 for the tiny weights. */
		KT_EXPECT_LE(t, diff * 100, lw > 100 ? lw : 100);
	}
}

/* ---- the switch keeps registers --------------------------------------- */

struct regs_arg {
	u64 seed;
	unsigned long bad, rounds;
};

static void
do_yield(void)
{
	yield();
}

static int
regs_thread(void *data)
{
	struct regs_arg *a = data;

	while (!kthread_should_stop()) {
		a->bad += sched_test_call_with_regs(do_yield,
						    a->seed + a->rounds);
		a->rounds++;
	}
	return 0;
}

static void
switch_preserves_registers(struct ktest *t)
{
	struct regs_arg a[2] = {
		{ .seed = 0x1111222233330000ULL },
		{ .seed = 0x7777888899990000ULL },
	};
	struct task_struct *p[2];
	unsigned long sw0 = sched_nr_switches(0);

	for (int i = 0; i < 2; i++)
		p[i] = kthread_create_on_cpu(regs_thread, &a[i], 0, "regs%d", i);
	KT_ASSERT_TRUE(t, p[0] && p[1]);
	start(p[0]);
	start(p[1]);
	KT_EXPECT_TRUE(t, wait_until(a[0].rounds > 2000 && a[1].rounds > 2000));
	stop(p[0]);
	stop(p[1]);
	KT_EXPECT_EQ(t, a[0].bad, 0);
	KT_EXPECT_EQ(t, a[1].bad, 0);
	/* Each round yields to the other: at least one switch per round. */
	KT_EXPECT_GE(t, sched_nr_switches(0) - sw0, 4000);
}

/* ---- kthreads --------------------------------------------------------- */

static int
return_id(void *data)
{
	int *ran = data;

	(*ran)++;
	while (!kthread_should_stop())
		msleep(1);
	return 1000 + *ran;
}

static void
kthreads_run_and_stop(struct ktest *t)
{
	int ran[8] = { 0 };
	struct task_struct *p[8];

	for (int i = 0; i < 8; i++) {
		p[i] = start(kthread_create(return_id, &ran[i], "kt%d", i));
		KT_ASSERT_TRUE(t, p[i] != NULL);
	}
	for (int i = 0; i < 8; i++)
		KT_EXPECT_TRUE(t, wait_until(READ_ONCE(ran[i]) == 1));
	for (int i = 0; i < 8; i++)
		KT_EXPECT_EQ(t, stop(p[i]), 1001);

	/* Stopped before it ever ran: the function is never called. */
	p[0] = kthread_create(return_id, &ran[0], "never");
	KT_ASSERT_TRUE(t, p[0] != NULL);
	KT_EXPECT_EQ(t, kthread_stop(p[0]), -EINTR);
	KT_EXPECT_EQ(t, ran[0], 1);
}

static int
return_at_once(void *data)
{
	WRITE_ONCE(*(bool *)data, true);
	return 7;
}

/* Start a return_at_once thread, let it run, stop it: its result. */
static int
run_once(const char *name)
{
	bool ran = false;
	struct task_struct *p = start(kthread_create(return_at_once, &ran,
						     "%s", name));

	if (!p)
		return -ENOMEM;
	while (!READ_ONCE(ran)) {
		yield();
		cpu_relax();
	}
	return stop(p);
}

static void
kthread_stacks_are_freed(struct ktest *t)
{
	unsigned long before, after, reaped;

	/* Warm up the slab caches task_struct and struct kthread use. */
	for (int i = 0; i < 4; i++)
		run_once("warm");
	before = global_free_pages();
	reaped = kthreads_reaped();
	for (int i = 0; i < 32; i++)
		KT_EXPECT_EQ(t, run_once("leak"), 7);
	after = global_free_pages();
	KT_EXPECT_EQ(t, kthreads_reaped() - reaped, 32);
	/* One leaked stack alone would be 4 pages. */
	KT_EXPECT_LT(t, before > after ? before - after : 0, 4);
}

static int
exit_atomic(void *data)
{
	preempt_disable();	/* and never enabled again: a bug */
	WRITE_ONCE(*(bool *)data, true);
	return 5;
}

/*
 * The preemption count is per CPU: a thread that ends inside
 * preempt_disable() must not hand its count to the next task of its CPU
 * (which could then never be preempted).  do_exit() reports and repairs.
 */
static void
exit_in_atomic_does_not_leak(struct ktest *t)
{
	bool ran = false;
	struct task_struct *p = kthread_create_on_cpu(exit_atomic, &ran, 0,
						      "exit_atomic");

	KT_ASSERT_TRUE(t, p != NULL);
	KT_ASSERT_EQ(t, smp_processor_id(), 0);	/* kernel_init's CPU */
	ktest_capture_begin();
	get_task_struct(p);
	wake_up_process(p);
	while (!READ_ONCE(ran)) {
		yield();
		cpu_relax();
	}
	KT_EXPECT_EQ(t, kthread_stop(p), 5);
	put_task_struct(p);
	KT_EXPECT_TRUE(t, strstr(ktest_capture_end(NULL),
				 "exited with preempt_count 1") != NULL);
	KT_EXPECT_EQ(t, preempt_count(), 0);
}

/* kthread_create_on_node(): task_struct and stack on the node asked for. */
static void
kthread_memory_on_its_node(struct ktest *t)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct task_struct *p;

		if (!node_online(nid) || !node_has_memory(nid))
			continue;
		p = kthread_create_on_node(return_id, NULL, nid, "node%d", nid);
		KT_ASSERT_TRUE(t, p != NULL);
		KT_EXPECT_EQ(t, page_to_nid(virt_to_page(p->stack)), nid);
		KT_EXPECT_EQ(t, page_to_nid(virt_to_page(p)), nid);
		KT_EXPECT_EQ(t, kthread_stop(p), -EINTR);	/* never ran */
	}
}

/* ---- wait queues, completions, mutexes under contention --------------- */

static DECLARE_WAIT_QUEUE_HEAD(round_wq);
static DECLARE_WAIT_QUEUE_HEAD(arrive_wq);
static int wq_round, wq_arrived;

static int
round_worker(void *data)
{
	int r = 0;

	(void)data;
	for (;;) {
		wait_event(round_wq, READ_ONCE(wq_round) > r ||
			   kthread_should_stop());
		if (kthread_should_stop())
			break;
		r++;
		__atomic_add_fetch(&wq_arrived, 1, __ATOMIC_SEQ_CST);
		wake_up(&arrive_wq);
	}
	return r;
}

static void
waitqueue_rounds(struct ktest *t)
{
	unsigned int n = 2 * online_cpus() + 2;
	struct task_struct *p[MAX_WORKERS];
	const int rounds = 50;

	n = min(n, (unsigned int)MAX_WORKERS);
	wq_round = wq_arrived = 0;
	for (unsigned int i = 0; i < n; i++)
		KT_ASSERT_TRUE(t, (p[i] = start(kthread_create(round_worker,
						NULL, "wq%u", i))) != NULL);
	for (int r = 1; r <= rounds; r++) {
		WRITE_ONCE(wq_round, r);
		wake_up_all(&round_wq);
		/* A lost wake-up would leave this short: 10 s is plenty. */
		KT_EXPECT_GT(t, wait_event_timeout(arrive_wq,
			READ_ONCE(wq_arrived) == r * (int)n, 10 * HZ), 0);
	}
	for (unsigned int i = 0; i < n; i++)
		KT_EXPECT_EQ(t, stop(p[i]), rounds);
}

static int
completer(void *data)
{
	struct completion *c = data;

	msleep(10);
	complete(c);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void
completion_counts(struct ktest *t)
{
	DECLARE_COMPLETION(c);
	struct task_struct *p;
	unsigned long j0;

	/* Events are counted: completes before the waits are not lost. */
	complete(&c);
	complete(&c);
	KT_EXPECT_TRUE(t, try_wait_for_completion(&c));
	wait_for_completion(&c);
	KT_EXPECT_FALSE(t, try_wait_for_completion(&c));
	/* A timeout with no event: 0, after at least that many ticks. */
	j0 = jiffies;
	KT_EXPECT_EQ(t, wait_for_completion_timeout(&c, 3), 0);
	KT_EXPECT_GE(t, jiffies - j0, 3);
	/* An event from another thread ends the wait early. */
	p = start(kthread_create(completer, &c, "completer"));
	KT_ASSERT_TRUE(t, p != NULL);
	KT_EXPECT_GT(t, wait_for_completion_timeout(&c, 10 * HZ), 0);
	stop(p);
	complete_all(&c);
	KT_EXPECT_TRUE(t, completion_done(&c));
	wait_for_completion(&c);
	wait_for_completion(&c);
}

static DEFINE_MUTEX(test_mutex);
static unsigned long mutex_counter;
static int mutex_inside, mutex_overlaps, mutex_bad_owner;

static int
mutex_worker(void *data)
{
	unsigned long iters = (unsigned long)data;

	for (unsigned long i = 0; i < iters; i++) {
		unsigned long v;

		mutex_lock(&test_mutex);
		if (__atomic_add_fetch(&mutex_inside, 1, __ATOMIC_SEQ_CST) != 1)
			mutex_overlaps++;
		if (test_mutex.owner != current)
			mutex_bad_owner++;
		v = mutex_counter;
		if (i % 4 == 0)
			yield();	/* let others queue up behind us */
		mutex_counter = v + 1;
		__atomic_sub_fetch(&mutex_inside, 1, __ATOMIC_SEQ_CST);
		mutex_unlock(&test_mutex);
		cond_resched();
	}
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void
mutex_contention(struct ktest *t)
{
	unsigned int n = min(2 * online_cpus() + 2, (unsigned int)MAX_WORKERS);
	struct task_struct *p[MAX_WORKERS];
	const unsigned long iters = 300;

	mutex_counter = 0;
	mutex_overlaps = mutex_bad_owner = 0;
	for (unsigned int i = 0; i < n; i++)
		KT_ASSERT_TRUE(t, (p[i] = start(kthread_create(mutex_worker,
				(void *)iters, "mutex%u", i))) != NULL);
	KT_EXPECT_TRUE(t, wait_until(READ_ONCE(mutex_counter) == n * iters));
	for (unsigned int i = 0; i < n; i++)
		stop(p[i]);
	KT_EXPECT_EQ(t, mutex_counter, n * iters);
	KT_EXPECT_EQ(t, mutex_overlaps, 0);
	KT_EXPECT_EQ(t, mutex_bad_owner, 0);
	KT_EXPECT_FALSE(t, mutex_is_locked(&test_mutex));
	mutex_lock(&test_mutex);
	KT_EXPECT_EQ(t, mutex_trylock(&test_mutex), 0);
	mutex_unlock(&test_mutex);
	KT_EXPECT_EQ(t, mutex_trylock(&test_mutex), 1);
	mutex_unlock(&test_mutex);
}

/* ---- affinity --------------------------------------------------------- */

struct affinity_arg {
	unsigned int cpu;
	unsigned long checks, wrong;
};

static int
affinity_worker(void *data)
{
	struct affinity_arg *a = data;

	while (!kthread_should_stop()) {
		if (smp_processor_id() != a->cpu)
			a->wrong++;
		a->checks++;
		if (a->checks % 3 == 0)
			msleep(1);
		else if (a->checks % 3 == 1)
			yield();
		else
			cond_resched();
	}
	return 0;
}

static void
affinity_holds(struct ktest *t)
{
	static struct affinity_arg a[NR_CPUS];
	static struct task_struct *p[NR_CPUS];
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		if (!sched_cpu_usable(cpu))
			continue;
		a[cpu] = (struct affinity_arg){ .cpu = cpu };
		p[cpu] = start(kthread_create_on_cpu(affinity_worker, &a[cpu],
						     cpu, "bound/%u", cpu));
		KT_ASSERT_TRUE(t, p[cpu] != NULL);
	}
	for_each_online_cpu(cpu)
		if (p[cpu])
			KT_EXPECT_TRUE(t, wait_until(READ_ONCE(a[cpu].checks) >= 60));
	for_each_online_cpu(cpu) {
		if (!p[cpu])
			continue;
		stop(p[cpu]);
		p[cpu] = NULL;
		KT_EXPECT_EQ(t, a[cpu].wrong, 0);
	}
}

/* A thread that notes every CPU it runs on. */
struct roam_arg {
	cpumask_t seen;
	unsigned int last;
	int expect;		/* -1: anywhere */
	unsigned long checks, wrong;
};

static int
roamer(void *data)
{
	struct roam_arg *a = data;

	while (!kthread_should_stop()) {
		unsigned int cpu = smp_processor_id();
		int expect = READ_ONCE(a->expect);

		cpumask_set_cpu(cpu, &a->seen);
		WRITE_ONCE(a->last, cpu);
		if (expect >= 0 && cpu != (unsigned int)expect)
			a->wrong++;
		WRITE_ONCE(a->checks, a->checks + 1);
		cpu_relax();
		cond_resched();
	}
	return 0;
}

/* A running thread moves when its affinity changes, and stays there. */
static void
set_cpus_allowed_moves_a_running_thread(struct ktest *t)
{
	struct roam_arg a = { .expect = -1 };
	struct task_struct *p;
	unsigned int cpu;
	cpumask_t mask;

	p = start(kthread_create(roamer, &a, "roamer"));
	KT_ASSERT_TRUE(t, p != NULL);
	for_each_online_cpu(cpu) {
		unsigned long c;

		if (!sched_cpu_usable(cpu))
			continue;
		WRITE_ONCE(a.expect, -1);
		/*
		 * Forget where it ran: a.last == cpu from an earlier stint
		 * there (before the balancer moved it away) must not pass
		 * for having moved back.
		 */
		WRITE_ONCE(a.last, NR_CPUS);
		cpumask_clear(&mask);
		cpumask_set_cpu(cpu, &mask);
		KT_EXPECT_EQ(t, set_cpus_allowed(p, &mask), 0);
		KT_EXPECT_TRUE(t, wait_until(READ_ONCE(a.last) == cpu));
		WRITE_ONCE(a.expect, (int)cpu);
		c = READ_ONCE(a.checks);
		KT_EXPECT_TRUE(t, wait_until(READ_ONCE(a.checks) > c + 100));
	}
	stop(p);
	KT_EXPECT_EQ(t, a.wrong, 0);
}

/*
 * Threads all queued on CPU 0, then allowed everywhere: load balancing
 * (idle CPUs pull from the busiest) must get one onto every CPU, or onto
 * as many CPUs as there are threads (MAX_WORKERS caps them on 64 CPUs).
 */
static void
balancing_spreads_threads(struct ktest *t)
{
	static struct roam_arg a[MAX_WORKERS];
	struct task_struct *p[MAX_WORKERS];
	unsigned int n = min(2 * online_cpus(), (unsigned int)MAX_WORKERS);
	cpumask_t zero, all, usable, seen;
	unsigned int cpu, target;

	if (online_cpus() < 2)
		ktest_skip(t, "one CPU: nothing to balance");
	cpumask_clear(&zero);
	cpumask_set_cpu(0, &zero);
	cpumask_clear(&usable);
	for_each_online_cpu(cpu)
		if (sched_cpu_usable(cpu))
			cpumask_set_cpu(cpu, &usable);
	cpumask_copy(&all, &cpu_possible_mask);
	target = min(n, cpumask_weight(&usable));
	for (unsigned int i = 0; i < n; i++) {
		a[i] = (struct roam_arg){ .expect = -1 };
		p[i] = kthread_create(roamer, &a[i], "balance%u", i);
		KT_ASSERT_TRUE(t, p[i] != NULL);
		set_cpus_allowed(p[i], &zero);
		start(p[i]);
	}
	for (unsigned int i = 0; i < n; i++)
		set_cpus_allowed(p[i], &all);
	/* Wait until the union of where they ran covers every CPU. */
	for (int tries = 0; tries < 2500; tries++) {
		cpumask_clear(&seen);
		for (unsigned int i = 0; i < n; i++)
			for_each_cpu(cpu, &a[i].seen)
				cpumask_set_cpu(cpu, &seen);
		cpumask_and(&seen, &seen, &usable);
		if (cpumask_weight(&seen) >= target)
			break;
		msleep(4);
	}
	for (unsigned int i = 0; i < n; i++)
		stop(p[i]);
	KT_EXPECT_GE(t, cpumask_weight(&seen), target);
}

/* ---- progress, fairness, nice ----------------------------------------- */

struct spin_arg {
	unsigned long count;
	bool preemptible;	/* call cond_resched() in the loop */
	u64 ran_ns;		/* CPU time the scheduler gave it */
	unsigned long turns;	/* times it was switched away from */
};

static int
spinner(void *data)
{
	struct spin_arg *a = data;

	while (!kthread_should_stop()) {
		WRITE_ONCE(a->count, a->count + 1);
		cpu_relax();	/* -icount: let the other vCPUs run too */
		if (a->preemptible)
			cond_resched();
	}
	return 0;
}

/* n spinners (on cpu, or anywhere if cpu < 0) for ms; counts in a[]. */
static bool
run_spinners(struct spin_arg *a, unsigned int n, int cpu, const int *nice,
	     unsigned int ms)
{
	struct task_struct *p[MAX_WORKERS];
	bool ok = true;

	for (unsigned int i = 0; i < n; i++) {
		a[i] = (struct spin_arg){ .preemptible = true };
		p[i] = cpu >= 0 ?
		       kthread_create_on_cpu(spinner, &a[i], cpu, "spin%u", i) :
		       kthread_create(spinner, &a[i], "spin%u", i);
		if (!p[i])
			return false;
		if (nice)
			set_user_nice(p[i], nice[i]);
	}
	for (unsigned int i = 0; i < n; i++)
		start(p[i]);
	msleep(ms);
	/*
	 * All at once, before stopping: the threads still running while the
	 * first ones are being stopped would get extra time.
	 */
	for (unsigned int i = 0; i < n; i++) {
		a[i].ran_ns = READ_ONCE(p[i]->se.sum_exec_runtime);
		a[i].turns = READ_ONCE(p[i]->nivcsw) + READ_ONCE(p[i]->nvcsw);
	}
	for (unsigned int i = 0; i < n; i++) {
		if (kthread_stop(p[i]))
			ok = false;
		put_task_struct(p[i]);
	}
	return ok;
}

static void
every_thread_progresses(struct ktest *t)
{
	unsigned int n = min(2 * online_cpus() + 1, (unsigned int)MAX_WORKERS);
	struct spin_arg a[MAX_WORKERS];

	KT_ASSERT_TRUE(t, run_spinners(a, n, -1, NULL, 200));
	for (unsigned int i = 0; i < n; i++)
		KT_EXPECT_GT(t, a[i].count, 0);
}

/*
 * Shares are judged by the CPU time the scheduler handed out: iteration
 * counts also depend on how fast the host ran QEMU meanwhile (a busy
 * host slows one thread's turn and not another's), time shares do not.
 * They converge only over many turns, each ending at a tick: a host
 * too busy to deliver ticks (QEMU drops late periodic ticks; 64 vCPUs
 * on a 2-core host) gives a few long turns, whose split says nothing.
 * So the band is checked only after MIN_TURNS turns of each thread
 * (each turn then shifts a share by at most one slice).
 */
#define MIN_TURNS	8

static bool
enough_turns(struct ktest *t, const struct spin_arg *a, unsigned int n)
{
	/*
	 * Without -icount even many turns are not enough: QEMU drops the
	 * ticks a busy host delivers late, so one turn can last ten
	 * slices and the split of a few hundred ms is noise.  Under
	 * -icount (2s/sched-icount) time is the instruction count.
	 */
	if (!sched_test_icount) {
		ktest_log(t, "shares are checked under -icount only "
			  "(ktest.sched_icount=1, plan run 2s/sched-icount)");
		return false;
	}
	for (unsigned int i = 0; i < n; i++)
		if (a[i].turns < MIN_TURNS) {
			ktest_log(t, "thread %u had %lu turns (< %d): the "
				  "host delivered too few ticks to judge "
				  "shares", i, a[i].turns, MIN_TURNS);
			return false;
		}
	return true;
}

static void
equal_nice_shares(struct ktest *t)
{
	struct spin_arg a[3];
	u64 lo = ~0ULL, hi = 0;

	KT_ASSERT_TRUE(t, run_spinners(a, 3, 0, NULL, 150));
	for (int i = 0; i < 3; i++) {
		lo = min(lo, a[i].ran_ns);
		hi = max(hi, a[i].ran_ns);
		KT_EXPECT_GT(t, a[i].count, 0);
	}
	ktest_log(t, "CPU time (us): %lu %lu %lu; turns %lu %lu %lu",
		  a[0].ran_ns / 1000, a[1].ran_ns / 1000, a[2].ran_ns / 1000,
		  a[0].turns, a[1].turns, a[2].turns);
	KT_EXPECT_GT(t, lo, 0);
	/* Equal weights: equal shares, within 1.5x (a turn is 1-2 ticks). */
	if (enough_turns(t, a, 3))
		KT_EXPECT_LE(t, hi * 2, lo * 3);
}

static void
nice_5_gets_a_third(struct ktest *t)
{
	static const int nice[2] = { 0, 5 };
	struct spin_arg a[2];

	KT_ASSERT_TRUE(t, run_spinners(a, 2, 0, nice, 200));
	ktest_log(t, "CPU time (us): nice 0 %lu, nice 5 %lu; turns %lu, %lu",
		  a[0].ran_ns / 1000, a[1].ran_ns / 1000, a[0].turns,
		  a[1].turns);
	KT_ASSERT_GE(t, a[1].ran_ns, 1);
	if (!enough_turns(t, a, 2))
		return;
	/* Linux's weights: 1024/335 = 3.06; accept [2.5, 3.7]. */
	KT_EXPECT_GE(t, a[0].ran_ns * 10, a[1].ran_ns * 25);
	KT_EXPECT_LE(t, a[0].ran_ns * 10, a[1].ran_ns * 37);
}

/* ---- preemption ------------------------------------------------------- */

struct hog_arg {
	struct spin_arg *victim;
	unsigned long before, after;
	bool done;
};

/*
 * A dozen ticks of its own CPU (about 50 ms) without a single reschedule
 * point.  Counted in ticks, not TSC time: a busy host may deliver no
 * tick at all in 50 ms of TSC time, and only a tick can preempt.
 */
static int
hog(void *data)
{
	struct hog_arg *h = data;
	unsigned long t0 = this_cpu(irq_stat).apic_timer_irqs;

	h->before = READ_ONCE(h->victim->count);
	while (READ_ONCE(this_cpu(irq_stat).apic_timer_irqs) - t0 < 12)
		cpu_relax();
	h->after = READ_ONCE(h->victim->count);
	WRITE_ONCE(h->done, true);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void
busy_loop_preemption(struct ktest *t)
{
	struct spin_arg victim = { .preemptible = true };
	struct hog_arg h = { .victim = &victim };
	struct task_struct *v, *p;

	v = start(kthread_create_on_cpu(spinner, &victim, 0, "victim"));
	KT_ASSERT_TRUE(t, v != NULL);
	KT_EXPECT_TRUE(t, wait_until(READ_ONCE(victim.count) > 0));
	p = start(kthread_create_on_cpu(hog, &h, 0, "hog"));
	KT_ASSERT_TRUE(t, p != NULL);
	KT_EXPECT_TRUE(t, wait_until(READ_ONCE(h.done)));
	stop(p);
	stop(v);
	ktest_log(t, "preempt=%s: victim ran %lu times during the hog",
		  preempt_mode == PREEMPT_FULL ? "full" : "none/voluntary",
		  h.after - h.before);
	if (preempt_mode == PREEMPT_FULL)
		KT_EXPECT_GT(t, h.after - h.before, 0);
	else
		KT_EXPECT_EQ(t, h.after - h.before, 0);
}

/* ---- sleeping --------------------------------------------------------- */

static void
sleeps_last_what_was_asked(struct ktest *t)
{
	static const unsigned int ms[] = { 1, 4, 10, 25 };
	unsigned int tick_ms = 1000 / HZ;

	for (unsigned int i = 0; i < ARRAY_SIZE(ms); i++) {
		unsigned long j0 = jiffies, ticks;
		u64 t0 = local_clock_ns(), ns;

		msleep(ms[i]);
		ns = local_clock_ns() - t0;
		ticks = jiffies - j0;
		ktest_log(t, "msleep(%u): %llu us, %lu ticks", ms[i],
			  (unsigned long long)ns / 1000, ticks);
		/*
		 * Never short, in the kernel's time: at least the ticks that
		 * cover ms.  In TSC time only under -icount: elsewhere QEMU
		 * may deliver a tick late (a busy host held the vCPU) and
		 * the next one on schedule, so two ticks can be closer than
		 * 1/HZ of TSC time (seen: msleep(4) over 2 ticks in 3.75 ms).
		 */
		KT_EXPECT_GE(t, ticks, (ms[i] + tick_ms - 1) / tick_ms);
		if (sched_test_icount)
			KT_EXPECT_GE(t, ns, ms[i] * NSEC_PER_MSEC);
		/*
		 * Whole ticks covering ms, the partial first one, +1 slack.
		 * Only under -icount: elsewhere a busy host may leave the
		 * sleeper's virtual CPU unscheduled while CPU 0 ticks on,
		 * so we only catch a sleep that does not end (100 ms more).
		 */
		KT_EXPECT_LE(t, ticks, (ms[i] + tick_ms - 1) / tick_ms + 2 +
			     (sched_test_icount ? 0 : 100 / tick_ms));
	}
}

static void
context_switch_counts(struct ktest *t)
{
	struct task_struct *p = current;
	unsigned long nv = p->nvcsw;

	for (int i = 0; i < 3; i++)
		msleep(1);
	/* Each sleep blocks at least once. */
	KT_EXPECT_GE(t, p->nvcsw - nv, 3);
}

/* ---- kswapd ----------------------------------------------------------- */

static void
kswapd_per_node(struct ktest *t)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kswapd_stats st;
		unsigned long runs;

		kswapd_get_stats(nid, &st);
		if (!node_online(nid) || !node_has_memory(nid)) {
			KT_EXPECT_FALSE(t, st.running);
			continue;
		}
		KT_EXPECT_TRUE(t, st.running);
		runs = st.runs;
		kswapd_wake(nid);
		KT_EXPECT_TRUE(t, wait_until((kswapd_get_stats(nid, &st),
					      st.runs > runs)));
	}
}

KTEST_SUITE(sched,
	KTEST_CASE(weights_follow_linux),
	KTEST_CASE(switch_preserves_registers),
	KTEST_CASE(kthreads_run_and_stop),
	KTEST_CASE(kthread_stacks_are_freed),
	KTEST_CASE(kthread_memory_on_its_node),
	KTEST_CASE(exit_in_atomic_does_not_leak),
	KTEST_CASE(waitqueue_rounds),
	KTEST_CASE(completion_counts),
	KTEST_CASE(mutex_contention),
	KTEST_CASE(affinity_holds),
	KTEST_CASE(set_cpus_allowed_moves_a_running_thread),
	KTEST_CASE(balancing_spreads_threads),
	KTEST_CASE(every_thread_progresses),
	KTEST_CASE(busy_loop_preemption),
	KTEST_CASE(context_switch_counts),
	KTEST_CASE(kswapd_per_node));

/*
 * What needs exact virtual time, apart so that the -icount run
 * (2s/sched-icount) runs only these; elsewhere they check progress only.
 */
KTEST_SUITE(sched_timing,
	KTEST_CASE(sleeps_last_what_was_asked),
	KTEST_CASE(equal_nice_shares),
	KTEST_CASE(nice_5_gets_a_third));
