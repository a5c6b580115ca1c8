/*
 * kernel/sched/completion.c - completions (see kernel/completion.h).
 *
 * Everything happens under the wait queue's lock, so the count and the
 * queue change together: a waiter that finds done == 0 is on the queue
 * before the lock is dropped, and complete() sees it there.
 * Linux counterpart: kernel/sched/completion.c.
 */
#include "kernel/completion.h"

void
init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

void
reinit_completion(struct completion *x)
{
	x->done = 0;
}

void
complete(struct completion *x)
{
	unsigned long flags = spin_lock_irqsave(&x->wait.lock);

	if (x->done != COMPLETION_ALL)
		x->done++;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	__wake_up(&x->wait, TASK_NORMAL, 1, NULL);
}

void
complete_all(struct completion *x)
{
	unsigned long flags = spin_lock_irqsave(&x->wait.lock);

	x->done = COMPLETION_ALL;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	__wake_up(&x->wait, TASK_NORMAL, 0, NULL);
}

static long
do_wait_for_common(struct completion *x, long timeout)
{
	unsigned long flags;
	DEFINE_WAIT(wait);

	might_sleep();
	flags = spin_lock_irqsave(&x->wait.lock);
	while (!x->done && timeout) {
		wait.flags |= WQ_FLAG_EXCLUSIVE;
		if (list_empty(&wait.entry))
			list_add_tail(&wait.entry, &x->wait.head);
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&x->wait.lock, flags);
		timeout = schedule_timeout(timeout);
		flags = spin_lock_irqsave(&x->wait.lock);
	}
	if (!list_empty(&wait.entry)) {
		list_del(&wait.entry);
		INIT_LIST_HEAD(&wait.entry);
	}
	__set_current_state(TASK_RUNNING);
	if (x->done) {
		if (x->done != COMPLETION_ALL)
			x->done--;
		if (!timeout)
			timeout = 1;
	}
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return timeout;
}

void
wait_for_completion(struct completion *x)
{
	do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT);
}

unsigned long
wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return (unsigned long)do_wait_for_common(x, (long)timeout);
}

bool
try_wait_for_completion(struct completion *x)
{
	unsigned long flags = spin_lock_irqsave(&x->wait.lock);
	bool ret = x->done != 0;

	if (ret && x->done != COMPLETION_ALL)
		x->done--;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ret;
}

bool
completion_done(struct completion *x)
{
	return READ_ONCE(x->done) != 0;
}
