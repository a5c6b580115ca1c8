/*
 * kernel/rcu/rcu_tasks_demo.c - demo=rcu_tasks: the 2017 RCU-tasks stall.
 *
 * Teaches: the story of the seed.  On a real-time kernel, cond_resched()
 * does nothing, and a kernel thread looped calling schedule() on a CPU
 * where nothing else wanted to run: schedule() picked it again each time,
 * no context switch ever happened, and RCU-tasks, which then counted only
 * real switches, waited for it forever.  Here:
 *  - a kernel thread bound to one CPU, alone there, loops on schedule();
 *  - this task, on another CPU, asks for an RCU-tasks grace period.
 * With the fix (default) the grace period completes at once:
 *	rcu_tasks demo: grace period completed in N ms
 * With rcupdate.rcu_tasks_schedule_qs=0 rcupdate.rcu_task_stall_timeout=3
 * the stall warning names the looping thread; the demo then stops the
 * loop, the thread exits, and the grace period ends:
 *	rcu_tasks demo: stall reproduced, grace period completed after the
 *	loop stopped
 * The demo succeeds when what happened is what the setting predicts.
 * Linux counterpart: none (the seed's story).
 */
#include "kernel/completion.h"
#include "kernel/demo.h"
#include "kernel/kthread.h"
#include "kernel/printk.h"
#include "kernel/rcu/tasks.h"
#include "kernel/sched.h"
#include "kernel/time/jiffies.h"

static unsigned long loop_count;

static int
schedule_loop(void *unused)
{
	(void)unused;
	while (!kthread_should_stop()) {
		schedule();	/* voluntary, and nothing else to run here */
		WRITE_ONCE(loop_count, loop_count + 1);
	}
	return 0;
}

struct demo_gp {
	struct rcu_head head;
	struct completion done;
};

static void
demo_gp_done(struct rcu_head *head)
{
	complete(&container_of(head, struct demo_gp, head)->done);
}

static bool
rcu_tasks_demo(void)
{
	unsigned int self = smp_processor_id(), cpu, loop_cpu = NR_CPUS;
	unsigned long warnings = rcu_tasks_stall_warnings(), start;
	bool stalled = false, fix = rcu_tasks_schedule_qs != 0;
	struct task_struct *loop;
	struct demo_gp gp;

	for_each_online_cpu(cpu)
		if (cpu != self)
			loop_cpu = cpu;
	if (loop_cpu == NR_CPUS) {
		pr_err("rcu_tasks demo: needs two CPUs (one loops, one "
		       "waits)\n");
		return false;
	}
	loop = kthread_create_on_cpu(schedule_loop, NULL, loop_cpu,
				     "rcu_tasks_loop");
	if (!loop)
		return false;
	wake_up_process(loop);
	while (!READ_ONCE(loop_count))
		schedule_timeout_uninterruptible(1);
	pr_err("rcu_tasks demo: %s[%d] loops on schedule() alone on CPU%u; "
	       "rcu_tasks_schedule_qs=%lu, stall timeout %d jiffies\n",
	       loop->comm, loop->pid, loop_cpu, rcu_tasks_schedule_qs,
	       rcu_task_stall_timeout);

	start = jiffies;
	init_completion(&gp.done);
	call_rcu_tasks(&gp.head, demo_gp_done);
	/* Wait for the grace period, or for the stall report. */
	while (!wait_for_completion_timeout(&gp.done, 1)) {
		if (rcu_tasks_stall_warnings() != warnings) {
			stalled = true;
			break;
		}
	}
	if (stalled) {
		kthread_stop(loop);
		wait_for_completion(&gp.done);
		pr_err("rcu_tasks demo: stall reproduced, grace period "
		       "completed after the loop stopped\n");
		return !fix;
	}
	pr_err("rcu_tasks demo: grace period completed in %u ms\n",
	       jiffies_to_msecs(jiffies - start));
	kthread_stop(loop);
	return fix;
}
DEMO(rcu_tasks, rcu_tasks_demo,
     "RCU-tasks waits for a task looping on schedule() alone on its CPU "
     "(2017 fix; rcupdate.rcu_tasks_schedule_qs=0 shows the stall)");
