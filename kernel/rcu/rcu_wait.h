/*
 * kernel/rcu/rcu_wait.h - how RCU's waiters wait for their callbacks.
 *
 * A count of wake-ups still expected; the waiter halts (every interrupt,
 * the tick at least, wakes it to look again) until the count is zero.
 * The callbacks that wake it run in the tick's interrupt, on this CPU or
 * another.  Linux counterpart: a completion (include/linux/completion.h).
 */
#ifndef PAGODA_KERNEL_RCU_RCU_WAIT_H
#define PAGODA_KERNEL_RCU_RCU_WAIT_H

#include "arch/x86/idle.h"
#include "arch/x86/processor.h"
#include "kernel/compiler.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"

struct rcu_waiter {
	unsigned long pending;
};

static inline void
rcu_waiter_init(struct rcu_waiter *w, unsigned long count)
{
	WRITE_ONCE(w->pending, count);
}

static inline void
rcu_waiter_wake(struct rcu_waiter *w)
{
	__atomic_fetch_sub(&w->pending, 1, __ATOMIC_RELEASE);
}

static inline void
rcu_waiter_pause(void)
{
	cpu_relax();
}

static inline void
rcu_waiter_wait(struct rcu_waiter *w)
{
	/* Waiting with interrupts off would wait for a tick that never comes. */
	WARN_ON(!(local_save_flags() & X86_EFLAGS_IF));
	might_sleep();		/* nor may it wait with preemption off */
	for (;;) {
		local_irq_disable();
		if (!__atomic_load_n(&w->pending, __ATOMIC_ACQUIRE))
			break;
		cpu_idle_halt();
	}
	local_irq_enable();
}

#endif
