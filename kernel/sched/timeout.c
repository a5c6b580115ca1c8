/*
 * kernel/sched/timeout.c - sleeping for a while: schedule_timeout().
 *
 * Teaches: a timed sleep is an ordinary sleep plus a timer whose callback
 * wakes the sleeper.  Whichever comes first, the wake-up someone else
 * sends or the timer, ends the sleep; the timer is then deleted (with
 * del_timer_sync(), so that a callback running on another CPU is over
 * before the timer, which lives on the sleeper's stack, goes away), and
 * the caller learns how many ticks were left.
 * Linux counterpart: kernel/time/timer.c (schedule_timeout,
 * process_timeout).
 */
#include "kernel/sched.h"

#include "kernel/time/jiffies.h"
#include "kernel/time/timer.h"

/*
 * A timer (kernel/time/timer.c) wakes the sleeper when the timeout runs
 * out; del_timer_sync() makes sure its callback is over before the
 * timer, on our stack, goes away.
 */
struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void
process_timeout(struct timer_list *t)
{
	struct process_timer *pt = from_timer(pt, t, timer);

	wake_up_state(pt->task, TASK_NORMAL);
}

/*
 * Sleep (in the state the caller set) until woken or timeout ticks have
 * passed; returns the ticks left (0: it timed out).
 */
long
schedule_timeout(long timeout)
{
	struct process_timer pt;
	unsigned long expire;
	long left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0)
		timeout = 0;
	expire = jiffies + (unsigned long)timeout;
	pt.task = current;
	timer_setup(&pt.timer, process_timeout, 0);
	mod_timer(&pt.timer, expire);
	schedule();
	del_timer_sync(&pt.timer);
	left = (long)(expire - jiffies);
	return left < 0 ? 0 : left;
}

long
schedule_timeout_interruptible(long timeout)
{
	set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long
schedule_timeout_uninterruptible(long timeout)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

