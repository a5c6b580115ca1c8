/*
 * kernel/sched/wait.c - wait queue operations (see kernel/wait.h).
 *
 * The queue's lock is taken with interrupts off: interrupt handlers wake
 * wait queues.  Exclusive waiters sit at the tail, so that one wake_up()
 * reaches every non-exclusive waiter and then one exclusive one.
 * Linux counterpart: kernel/sched/wait.c.
 */
#include "kernel/wait.h"

void
init_waitqueue_head(struct wait_queue_head *wq_head)
{
	wq_head->lock = (spinlock_t)SPINLOCK_INIT;
	INIT_LIST_HEAD(&wq_head->head);
}

static void
list_del_init(struct list_head *entry)
{
	list_del(entry);
	INIT_LIST_HEAD(entry);
}

void
add_wait_queue(struct wait_queue_head *wq_head,
	       struct wait_queue_entry *wq_entry)
{
	unsigned long flags = spin_lock_irqsave(&wq_head->lock);

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	list_add(&wq_entry->entry, &wq_head->head);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void
remove_wait_queue(struct wait_queue_head *wq_head,
		  struct wait_queue_entry *wq_entry)
{
	unsigned long flags = spin_lock_irqsave(&wq_head->lock);

	if (!list_empty(&wq_entry->entry))
		list_del_init(&wq_entry->entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void
prepare_to_wait(struct wait_queue_head *wq_head,
		struct wait_queue_entry *wq_entry, int state)
{
	unsigned long flags = spin_lock_irqsave(&wq_head->lock);

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	if (list_empty(&wq_entry->entry))
		list_add(&wq_entry->entry, &wq_head->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void
prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			  struct wait_queue_entry *wq_entry, int state)
{
	unsigned long flags = spin_lock_irqsave(&wq_head->lock);

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	if (list_empty(&wq_entry->entry))
		list_add_tail(&wq_entry->entry, &wq_head->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void
finish_wait(struct wait_queue_head *wq_head,
	    struct wait_queue_entry *wq_entry)
{
	__set_current_state(TASK_RUNNING);
	/* An autoremove wake-up already took us off; check under the lock. */
	if (!list_empty(&wq_entry->entry)) {
		unsigned long flags = spin_lock_irqsave(&wq_head->lock);

		if (!list_empty(&wq_entry->entry))
			list_del_init(&wq_entry->entry);
		spin_unlock_irqrestore(&wq_head->lock, flags);
	}
}

int
autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode,
			 void *key)
{
	int woken = wake_up_state(wq_entry->task, mode);

	(void)key;
	list_del_init(&wq_entry->entry);
	return woken;
}

void
__wake_up(struct wait_queue_head *wq_head, unsigned int mode,
	  int nr_exclusive, void *key)
{
	unsigned long flags = spin_lock_irqsave(&wq_head->lock);
	struct wait_queue_entry *curr, *next;

	list_for_each_entry_safe(curr, next, &wq_head->head, entry) {
		unsigned int exclusive = curr->flags & WQ_FLAG_EXCLUSIVE;

		if (curr->func(curr, mode, key) && exclusive &&
		    !--nr_exclusive)
			break;
	}
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

bool
waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}
