/*
 * kernel/wait.h - wait queues: sleeping until a condition becomes true.
 *
 * Teaches: a wait queue is a locked list of sleepers.  A waiter adds
 * itself and sets its state (prepare_to_wait), THEN checks the condition,
 * and only sleeps if it is still false; the waker makes the condition
 * true, THEN calls wake_up().  Whichever order the two run in, the
 * wake-up cannot be lost: either the waiter sees the condition, or it is
 * already on the list (and in a sleeping state) when wake_up() looks.
 * Exclusive waiters (prepare_to_wait_exclusive) are woken one at a time,
 * so that a resource freed once does not wake a herd.
 * Linux counterpart: include/linux/wait.h, kernel/sched/wait.c.
 */
#ifndef PAGODA_KERNEL_WAIT_H
#define PAGODA_KERNEL_WAIT_H

#include "kernel/sched.h"

#define WQ_FLAG_EXCLUSIVE	0x01

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry,
				 unsigned int mode, void *key);

struct wait_queue_entry {
	unsigned int flags;
	struct task_struct *task;
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};

#define __WAIT_QUEUE_HEAD_INITIALIZER(name)				\
	{ SPINLOCK_INIT, LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name)					\
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

/* Wakes the task and takes the entry off the queue. */
int autoremove_wake_function(struct wait_queue_entry *wq_entry,
			     unsigned int mode, void *key);

#define DEFINE_WAIT(name)						\
	struct wait_queue_entry name = {				\
		.task = current,					\
		.func = autoremove_wake_function,			\
		.entry = LIST_HEAD_INIT((name).entry),			\
	}

void init_waitqueue_head(struct wait_queue_head *wq_head);
void add_wait_queue(struct wait_queue_head *wq_head,
		    struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head,
		       struct wait_queue_entry *wq_entry);
void prepare_to_wait(struct wait_queue_head *wq_head,
		     struct wait_queue_entry *wq_entry, int state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state);
void finish_wait(struct wait_queue_head *wq_head,
		 struct wait_queue_entry *wq_entry);
/* Wake every non-exclusive waiter and up to nr_exclusive exclusive ones. */
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode,
	       int nr_exclusive, void *key);
bool waitqueue_active(struct wait_queue_head *wq_head);

#define wake_up(x)		__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)	__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)		__wake_up(x, TASK_NORMAL, 0, NULL)

/* The loop of both waits below, sleeping in state. */
#define ___wait_event(wq_head, condition, state)			\
do {									\
	might_sleep();							\
	if (condition)							\
		break;							\
	DEFINE_WAIT(__wait);						\
	for (;;) {							\
		prepare_to_wait(&(wq_head), &__wait, (state));		\
		if (condition)						\
			break;						\
		schedule();						\
	}								\
	finish_wait(&(wq_head), &__wait);				\
} while (0)

/* Sleep (uninterruptible) until condition is true. */
#define wait_event(wq_head, condition)					\
	___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE)

/*
 * The same, sleeping in TASK_INTERRUPTIBLE: for waits that may last
 * forever by design (hung_task ignores them).  Without signals (no user
 * space yet) it ends only with the condition, and returns 0.
 */
#define wait_event_interruptible(wq_head, condition)			\
({									\
	___wait_event(wq_head, condition, TASK_INTERRUPTIBLE);		\
	0;								\
})

/*
 * Sleep until condition or timeout ticks; the value is 0 if it timed out
 * with the condition still false, else the ticks left (at least 1).
 */
#define wait_event_timeout(wq_head, condition, timeout)			\
({									\
	long __ret = (timeout);						\
	might_sleep();							\
	if (!(condition)) {						\
		DEFINE_WAIT(__wait);					\
		for (;;) {						\
			prepare_to_wait(&(wq_head), &__wait,		\
					TASK_UNINTERRUPTIBLE);		\
			if (condition)					\
				break;					\
			__ret = schedule_timeout(__ret);		\
			if (!__ret)					\
				break;					\
		}							\
		finish_wait(&(wq_head), &__wait);			\
		if (!__ret && (condition))				\
			__ret = 1;					\
	} else if (!__ret) {						\
		__ret = 1;						\
	}								\
	__ret;								\
})

#endif
