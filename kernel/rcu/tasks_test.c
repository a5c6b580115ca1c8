/*
 * kernel/rcu/tasks_test.c - ktest suite "rcu_tasks": what ends an
 * RCU-tasks grace period, and what does not.
 *
 * Each case puts a kernel thread, bound alone to another CPU, in one
 * state (spinning without ever calling schedule(), looping on
 * schedule(), blocked) and checks whether a callback queued meanwhile
 * runs: a task that never gives the CPU up voluntarily must hold the
 * grace period (it could be inside a trampoline), the others must not.
 * Linux counterpart: none in-tree (rcutorture's tasks flavour comes
 * closest).
 */
#include "kernel/completion.h"
#include "kernel/ktest.h"
#include "kernel/kthread.h"
#include "kernel/rcu/tasks.h"
#include "kernel/sched.h"
#include "kernel/time/jiffies.h"

enum holder_mode { HOLDER_SPIN, HOLDER_SCHEDULE, HOLDER_BLOCK };

struct holder {
	enum holder_mode mode;
	unsigned long started, release;
	struct completion wake;
};

static int
holder_thread(void *data)
{
	struct holder *h = data;

	WRITE_ONCE(h->started, 1);
	while (!READ_ONCE(h->release)) {
		if (h->mode == HOLDER_SCHEDULE)
			schedule();
		else if (h->mode == HOLDER_BLOCK)
			wait_for_completion(&h->wake);
		else
			cpu_relax();	/* never schedules by itself */
	}
	while (!kthread_should_stop())
		schedule_timeout_uninterruptible(1);
	return 0;
}

struct gp_probe {
	struct rcu_head head;
	unsigned long ran;
};

static void
gp_probe_cb(struct rcu_head *head)
{
	__atomic_store_n(&((struct gp_probe *)head)->ran, 1, __ATOMIC_RELEASE);
}

static unsigned int
other_cpu_or_skip(struct ktest *t)
{
	unsigned int cpu, self = smp_processor_id();

	for_each_online_cpu(cpu)
		if (cpu != self)
			return cpu;
	ktest_skip(t, "one CPU: the holder needs a CPU of its own");
}

/* Did the callback run within ms milliseconds? */
static bool
ran_within(struct gp_probe *p, unsigned int ms)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms);

	while (!__atomic_load_n(&p->ran, __ATOMIC_ACQUIRE) &&
	       time_before(jiffies, end))
		schedule_timeout_uninterruptible(1);
	return __atomic_load_n(&p->ran, __ATOMIC_ACQUIRE);
}

static void
run_holder_case(struct ktest *t, enum holder_mode mode, bool must_hold)
{
	unsigned int cpu = other_cpu_or_skip(t);
	static struct holder h;
	static struct gp_probe p;
	struct task_struct *k;

	h = (struct holder){ .mode = mode };
	init_completion(&h.wake);
	p.ran = 0;
	k = kthread_create_on_cpu(holder_thread, &h, cpu, "rcut_holder");
	KT_ASSERT_TRUE(t, k != NULL);
	wake_up_process(k);
	while (!READ_ONCE(h.started))
		schedule_timeout_uninterruptible(1);
	if (mode == HOLDER_BLOCK)	/* let it reach its wait */
		schedule_timeout_uninterruptible(2);

	call_rcu_tasks(&p.head, gp_probe_cb);
	/*
	 * A held grace period must not end in 200 ms (one needs tens of
	 * ms); one not held must end, within a bound generous enough for
	 * a host that leaves the vCPUs unscheduled for long stretches.
	 */
	if (must_hold)
		KT_EXPECT_FALSE(t, ran_within(&p, 200));
	else
		KT_EXPECT_TRUE(t, ran_within(&p, 10000));

	WRITE_ONCE(h.release, 1);
	complete(&h.wake);
	/* Now it blocks or schedules: the grace period must end. */
	KT_EXPECT_TRUE(t, ran_within(&p, 10000));
	kthread_stop(k);
}

static void
spinning_task_holds_the_grace_period(struct ktest *t)
{
	run_holder_case(t, HOLDER_SPIN, true);
}

static void
task_looping_on_schedule_does_not_hold_it(struct ktest *t)
{
	if (!rcu_tasks_schedule_qs)
		ktest_skip(t, "rcupdate.rcu_tasks_schedule_qs=0: the old rule");
	run_holder_case(t, HOLDER_SCHEDULE, false);
}

static void
blocked_task_does_not_hold_it(struct ktest *t)
{
	run_holder_case(t, HOLDER_BLOCK, false);
}

static void
synchronize_rcu_tasks_completes_one(struct ktest *t)
{
	unsigned long before = rcu_tasks_completed_gps();

	synchronize_rcu_tasks();
	KT_EXPECT_GE(t, rcu_tasks_completed_gps() - before, 1);
}

KTEST_SUITE(rcu_tasks,
	    KTEST_CASE(synchronize_rcu_tasks_completes_one),
	    KTEST_CASE(spinning_task_holds_the_grace_period),
	    KTEST_CASE(task_looping_on_schedule_does_not_hold_it),
	    KTEST_CASE(blocked_task_does_not_hold_it));
