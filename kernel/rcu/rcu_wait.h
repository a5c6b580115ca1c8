/*
 * kernel/rcu/rcu_wait.h - how RCU's waiters wait for their callbacks.
 *
 * A count of wake-ups still expected and a completion: the callback that
 * brings the count to zero completes it, and the waiting task sleeps
 * until then (other tasks run on its CPU meanwhile).  The callbacks run in
 * the tick's interrupt, on this CPU or another; complete() may be called
 * there.
 * Linux counterpart: struct rcu_synchronize (kernel/rcu/update.c) and
 * rcu_barrier's counter (kernel/rcu/tree.c).
 */
#ifndef PAGODA_KERNEL_RCU_RCU_WAIT_H
#define PAGODA_KERNEL_RCU_RCU_WAIT_H

#include "kernel/compiler.h"
#include "kernel/completion.h"
#include "kernel/preempt.h"

struct rcu_waiter {
	unsigned long pending;
	struct completion done;
};

static inline void
rcu_waiter_init(struct rcu_waiter *w, unsigned long count)
{
	WRITE_ONCE(w->pending, count);
	init_completion(&w->done);
}

static inline void
rcu_waiter_wake(struct rcu_waiter *w)
{
	if (__atomic_sub_fetch(&w->pending, 1, __ATOMIC_ACQ_REL) == 0)
		complete(&w->done);
}

static inline void
rcu_waiter_wait(struct rcu_waiter *w)
{
	/* A grace period cannot end under a waiter that holds the CPU. */
	might_sleep();
	wait_for_completion(&w->done);
}

#endif
