/*
 * kernel/hung_task.c - report tasks stuck in uninterruptible sleep.
 *
 * Teaches: a task in TASK_UNINTERRUPTIBLE (D state) waits for something
 * that must happen (a mutex, a completion, I/O).  If it never does, the
 * task hangs forever, silently.  khungtaskd wakes every
 * hung_task_timeout_secs and looks at every task: one still in D state
 * whose context-switch count (nvcsw + nivcsw) has not moved since the
 * last look has not run at all in between, and is reported as
 *	INFO: task comm:pid blocked for more than N seconds.
 * with its backtrace (where it sleeps), at most hung_task_warnings
 * times in all (Linux: 10).
 * Linux counterpart: kernel/hung_task.c.  Linux sets the timeout with the
 * kernel.hung_task_timeout_secs sysctl (default 120); having no sysctls
 * yet, Pagoda takes it on the command line.  0 disables the checks.
 */
#include "kernel/sched/sched.h"

#include "kernel/kthread.h"
#include "kernel/time/delay.h"
#include "kernel/params.h"
#include "kernel/printk.h"

static unsigned long hung_task_timeout_secs = 120;
core_param("hung_task_timeout_secs", hung_task_timeout_secs, PARAM_ULONG,
	   "report tasks in D state this long (0: never)");
static int hung_task_warnings = 10;
static unsigned long nr_reports;

unsigned long
hung_task_timeout(void)
{
	return hung_task_timeout_secs;
}

unsigned long
hung_task_reports(void)
{
	return READ_ONCE(nr_reports);
}

static void
check_hung_task(struct task_struct *p, unsigned long now,
		unsigned long timeout)
{
	unsigned long switches = p->nvcsw + p->nivcsw;

	if (switches != p->last_switch_count || !p->last_switch_time) {
		p->last_switch_count = switches;
		p->last_switch_time = now;
		return;
	}
	if (now - p->last_switch_time < timeout || hung_task_warnings <= 0)
		return;
	hung_task_warnings--;
	pr_err("INFO: task %s:%d blocked for more than %lu seconds.\n",
	       p->comm, p->pid, (now - p->last_switch_time) / HZ);
	sched_show_task(p);
	/* Counted once printed whole: a reader of the count sees it all. */
	__atomic_store_n(&nr_reports, nr_reports + 1, __ATOMIC_RELEASE);
	/* Reported once per hang: wait a full timeout again. */
	p->last_switch_time = now;
}

static int
khungtaskd(void *unused)
{
	(void)unused;
	while (!kthread_should_stop()) {
		unsigned long timeout = hung_task_timeout_secs * HZ;
		unsigned long flags, now;
		struct task_struct *p;

		msleep((unsigned int)hung_task_timeout_secs * 1000);
		now = jiffies;
		flags = spin_lock_irqsave(&tasklist_lock);
		list_for_each_entry(p, &all_tasks, tasks)
			if (READ_ONCE(p->state) == TASK_UNINTERRUPTIBLE)
				check_hung_task(p, now, timeout);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	return 0;
}

void
hung_task_init(void)
{
	if (hung_task_timeout_secs)
		kthread_run(khungtaskd, NULL, "khungtaskd");
}
