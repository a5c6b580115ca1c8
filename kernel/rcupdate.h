/*
 * kernel/rcupdate.h - Read-Copy-Update: readers that never wait.
 *
 * Teaches: RCU lets readers walk a shared structure with no lock and no
 * atomic instruction, while writers replace parts of it.  A writer never
 * changes an element a reader may be looking at: it publishes a modified
 * copy (rcu_assign_pointer) and frees the old one only after a "grace
 * period": a time after which no reader that could have seen the old
 * element can still be running.
 *
 * Readers mark their critical sections with rcu_read_lock() and
 * rcu_read_unlock() and may not sleep inside them.  In this kernel (as in
 * Linux without CONFIG_PREEMPT_RCU) that is simply disabling preemption:
 * a CPU that passes through a context switch, or takes the tick with a
 * preemption count of zero, or idles, is not inside any reader, a
 * "quiescent state".  Once every CPU has passed a quiescent state after
 * the grace period began, every reader that began before it has ended.
 * See kernel/rcu/tree.c.
 * Linux counterpart: include/linux/rcupdate.h.
 */
#ifndef PAGODA_KERNEL_RCUPDATE_H
#define PAGODA_KERNEL_RCUPDATE_H

#include "kernel/compiler.h"
#include "kernel/preempt.h"

struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
};

typedef void (*rcu_callback_t)(struct rcu_head *head);

static inline void
rcu_read_lock(void)
{
	preempt_disable();
}

static inline void
rcu_read_unlock(void)
{
	preempt_enable();
}

/* Publish: everything written before is visible to who reads p. */
#define rcu_assign_pointer(p, v)	__atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
/* Read a published pointer (dependency order; x86 keeps loads ordered). */
#define rcu_dereference(p)		__atomic_load_n(&(p), __ATOMIC_CONSUME)

/* Wait for a grace period (may sleep: not in atomic context). */
void synchronize_rcu(void);
/* Call func(head) after a grace period, in the tick's interrupt. */
void call_rcu(struct rcu_head *head, rcu_callback_t func);
/* Wait until every call_rcu() callback queued before has run. */
void rcu_barrier(void);

/*
 * From the tick on every CPU (kernel/time): quiescent states, callbacks.
 * The scheduler never calls RCU: RCU reads the scheduler's counts (this
 * CPU's context switches) instead, so the dependency goes one way.
 */
void rcu_sched_clock_irq(void);

/* Grace periods completed since boot (for tests and reports). */
unsigned long rcu_completed_gps(void);

#endif
