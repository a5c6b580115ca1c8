/*
 * kernel/rcu/tasks.c - RCU-tasks: waiting until no task can still be
 * running in code about to be freed.
 *
 * Teaches: classic RCU protects data that readers reach between
 * rcu_read_lock() and rcu_read_unlock().  Some code cannot mark its
 * readers: a tracing trampoline, for instance, is entered by any task at
 * any time, and a task may be preempted while executing it.  Before such
 * code may be freed, every task that could be inside it must have left.
 * RCU-tasks defines a grace period by tasks instead of CPUs: it ends when
 * every task that was runnable when it began has since
 *  - switched away voluntarily (called schedule() itself),
 *  - blocked (no longer on a run queue), or
 *  - run in user mode or idle (later issues add user mode),
 * because at none of those points can a task be inside a trampoline.
 * Being preempted does not count: a preempted task may be anywhere.
 *
 * How: a kernel thread, rcu_tasks, takes the queued callbacks, walks the
 * task list and marks every runnable non-idle task as a holdout, noting
 * the scheduler's counts for it, then polls each holdout, with a growing
 * pause, until all are released; then it runs the callbacks.  A holdout
 * is released when it is no longer on a run queue (blocked), when it has
 * blocked and come back since (nvcsw moved), or when it called schedule()
 * voluntarily since (nvsched moved).  The scheduler only counts; it never
 * calls RCU.
 *
 * The 2017 bug and fix: a task that keeps calling schedule() while it is
 * alone on its CPU is picked again each time: no context switch happens,
 * so if only real switches count, it is a holdout forever (a real-time
 * kernel's cond_resched() did exactly that).  The fix counts every
 * voluntary call of schedule() as a quiescent state, whether or not it
 * switched (nvsched).  rcupdate.rcu_tasks_schedule_qs=0 restores the old
 * rule, counting only the calls that switched (nvsched_switched), for the
 * rcu_tasks demo.
 *
 * After rcupdate.rcu_task_stall_timeout jiffies (Linux's parameter and
 * unit; 10 minutes by default; 0 or less: never) a grace period still
 * waiting prints "INFO: rcu_tasks detected stalls on tasks:" and a line
 * per holdout, and again each timeout after.
 * Linux counterpart: kernel/rcu/tasks.h (the classic RCU-tasks flavour).
 */
#include "arch/x86/percpu.h"
#include "kernel/completion.h"
#include "kernel/kthread.h"
#include "kernel/mutex.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/rcu/tasks.h"
#include "kernel/rcupdate.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/time/jiffies.h"
#include "kernel/wait.h"
#include "lib/list.h"

int rcu_task_stall_timeout = 10 * 60 * HZ;
core_param("rcupdate.rcu_task_stall_timeout", rcu_task_stall_timeout,
	   PARAM_INT, "jiffies before RCU-tasks reports its holdouts "
	   "(<= 0: never)");

unsigned long rcu_tasks_schedule_qs = 1;
core_param("rcupdate.rcu_tasks_schedule_qs", rcu_tasks_schedule_qs,
	   PARAM_ULONG, "1: every voluntary schedule() is an RCU-tasks "
	   "quiescent state (the 2017 fix); 0: only a real switch");

static DEFINE_SPINLOCK(rcu_tasks_cbs_lock);
static struct rcu_head *rcu_tasks_cbs_head;
static struct rcu_head **rcu_tasks_cbs_tail = &rcu_tasks_cbs_head;
static DECLARE_WAIT_QUEUE_HEAD(rcu_tasks_cbs_wq);
static struct task_struct *rcu_tasks_kthread_ptr;
static DEFINE_MUTEX(rcu_tasks_start_mutex);

static unsigned long rcu_tasks_gp_count, rcu_tasks_stall_reports;

unsigned long
rcu_tasks_completed_gps(void)
{
	return READ_ONCE(rcu_tasks_gp_count);
}

unsigned long
rcu_tasks_stall_warnings(void)
{
	return READ_ONCE(rcu_tasks_stall_reports);
}

/* The voluntary schedule() calls that count (see the top). */
static unsigned long
voluntary_schedules(const struct task_struct *t)
{
	return rcu_tasks_schedule_qs ? READ_ONCE(t->nvsched)
				     : READ_ONCE(t->nvsched_switched);
}

static bool
holdout_released(const struct task_struct *t)
{
	return !READ_ONCE(t->on_rq) ||
	       READ_ONCE(t->nvcsw) != t->rcu_tasks_nvcsw ||
	       voluntary_schedules(t) != t->rcu_tasks_nvsched;
}

static void
print_stall(struct list_head *holdouts, unsigned long waited)
{
	struct task_struct *t;

	rcu_tasks_stall_reports++;
	pr_err("INFO: rcu_tasks detected stalls on tasks:\n");
	list_for_each_entry(t, holdouts, rcu_tasks_holdout_list)
		pr_err("\ttask:%s pid:%d cpu:%u nvcsw: %lu/%lu schedule(): "
		       "%lu/%lu (waited %lu jiffies)\n", t->comm, t->pid,
		       task_cpu(t), t->rcu_tasks_nvcsw, READ_ONCE(t->nvcsw),
		       t->rcu_tasks_nvsched, voluntary_schedules(t), waited);
}

static void
rcu_tasks_wait_gp(void)
{
	LIST_HEAD(holdouts);
	unsigned long start = jiffies, next_warn, flags;
	long pause = 1;
	struct task_struct *t, *n;

	/* Tasks that start running now are visible to the walk below. */
	synchronize_rcu();
	flags = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry(t, &all_tasks, tasks) {
		if (t == current || (t->flags & PF_IDLE) ||
		    !READ_ONCE(t->on_rq))
			continue;
		get_task_struct(t);
		t->rcu_tasks_nvcsw = READ_ONCE(t->nvcsw);
		t->rcu_tasks_nvsched = voluntary_schedules(t);
		t->rcu_tasks_holdout = true;
		list_add_tail(&t->rcu_tasks_holdout_list, &holdouts);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);

	next_warn = start + rcu_task_stall_timeout;
	while (!list_empty(&holdouts)) {
		schedule_timeout_interruptible(pause);
		if (pause < HZ / 10)
			pause *= 2;
		list_for_each_entry_safe(t, n, &holdouts,
					 rcu_tasks_holdout_list) {
			if (!holdout_released(t))
				continue;
			t->rcu_tasks_holdout = false;
			list_del(&t->rcu_tasks_holdout_list);
			put_task_struct(t);
		}
		if (rcu_task_stall_timeout > 0 && !list_empty(&holdouts) &&
		    time_after_eq(jiffies, next_warn)) {
			print_stall(&holdouts, jiffies - start);
			next_warn = jiffies + rcu_task_stall_timeout;
		}
	}
	/* Whatever the released tasks did before is now visible to us. */
	synchronize_rcu();
}

static int
rcu_tasks_kthread(void *unused)
{
	(void)unused;
	for (;;) {
		struct rcu_head *list;
		unsigned long flags;

		wait_event(rcu_tasks_cbs_wq, READ_ONCE(rcu_tasks_cbs_head));
		flags = spin_lock_irqsave(&rcu_tasks_cbs_lock);
		list = rcu_tasks_cbs_head;
		rcu_tasks_cbs_head = NULL;
		rcu_tasks_cbs_tail = &rcu_tasks_cbs_head;
		spin_unlock_irqrestore(&rcu_tasks_cbs_lock, flags);

		rcu_tasks_wait_gp();
		WRITE_ONCE(rcu_tasks_gp_count, rcu_tasks_gp_count + 1);
		while (list) {
			struct rcu_head *next = list->next;

			list->func(list);
			list = next;
		}
	}
	return 0;
}

/* The thread starts with the first request (most boots never need it). */
static void
rcu_tasks_start(void)
{
	if (READ_ONCE(rcu_tasks_kthread_ptr))
		return;
	mutex_lock(&rcu_tasks_start_mutex);
	if (!rcu_tasks_kthread_ptr)
		WRITE_ONCE(rcu_tasks_kthread_ptr,
			   kthread_run(rcu_tasks_kthread, NULL,
				       "rcu_tasks_kthre"));
	mutex_unlock(&rcu_tasks_start_mutex);
	if (!rcu_tasks_kthread_ptr)
		panic("rcu_tasks: cannot start its kernel thread");
}

void
call_rcu_tasks(struct rcu_head *head, rcu_callback_t func)
{
	unsigned long flags;
	bool was_empty;

	rcu_tasks_start();
	head->func = func;
	head->next = NULL;
	flags = spin_lock_irqsave(&rcu_tasks_cbs_lock);
	was_empty = !rcu_tasks_cbs_head;
	*rcu_tasks_cbs_tail = head;
	rcu_tasks_cbs_tail = &head->next;
	spin_unlock_irqrestore(&rcu_tasks_cbs_lock, flags);
	if (was_empty)
		wake_up(&rcu_tasks_cbs_wq);
}

struct rcu_tasks_sync {
	struct rcu_head head;
	struct completion done;
};

static void
wakeme_after_rcu_tasks(struct rcu_head *head)
{
	complete(&container_of(head, struct rcu_tasks_sync, head)->done);
}

void
synchronize_rcu_tasks(void)
{
	struct rcu_tasks_sync rs;

	might_sleep();
	init_completion(&rs.done);
	call_rcu_tasks(&rs.head, wakeme_after_rcu_tasks);
	wait_for_completion(&rs.done);
}
