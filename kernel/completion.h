/*
 * kernel/completion.h - "wait until this has happened", counted.
 *
 * Teaches: a completion is a counter of events plus a wait queue.
 * complete() adds one event and wakes one waiter; wait_for_completion()
 * sleeps until an event is there and consumes it.  Because events are
 * counted, a complete() that comes before the wait is not lost (unlike a
 * bare wake_up_process() to a task not yet asleep).  complete_all()
 * releases every present and future waiter until reinit_completion().
 * Linux counterpart: include/linux/completion.h, kernel/sched/completion.c.
 */
#ifndef PAGODA_KERNEL_COMPLETION_H
#define PAGODA_KERNEL_COMPLETION_H

#include "kernel/wait.h"

#define COMPLETION_ALL	(~0u)

struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};

#define COMPLETION_INITIALIZER(work)					\
	{ 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define DECLARE_COMPLETION(work)					\
	struct completion work = COMPLETION_INITIALIZER(work)

void init_completion(struct completion *x);
void reinit_completion(struct completion *x);
void complete(struct completion *x);
void complete_all(struct completion *x);
void wait_for_completion(struct completion *x);
/* Returns 0 on timeout, else the ticks left (at least 1). */
unsigned long wait_for_completion_timeout(struct completion *x,
					  unsigned long timeout);
/* Consume an event if there is one, without sleeping. */
bool try_wait_for_completion(struct completion *x);
bool completion_done(struct completion *x);

#endif
