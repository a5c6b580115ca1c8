/*
 * kernel/preempt.h - the preemption count: when may this CPU switch task?
 *
 * Teaches: a per-CPU counter says how deep the running code is in
 * sections that must not be switched away from: each spin lock held and
 * each preempt_disable() adds one; interrupt handlers are counted apart
 * (percpu_hot.irq_depth).  The scheduler may take the CPU from a task
 * only when the count is 0 and interrupts are on; code that may sleep
 * asserts it with might_sleep().  When the count drops to 0 and a
 * reschedule became due meanwhile, preempt_enable() reschedules at once.
 * Linux counterpart: include/linux/preempt.h.
 */
#ifndef PAGODA_KERNEL_PREEMPT_H
#define PAGODA_KERNEL_PREEMPT_H

#include "arch/x86/percpu.h"
#include "kernel/compiler.h"

/* The scheduler's entry for a reschedule due at preempt_enable(). */
void preempt_schedule(void);

static inline unsigned int
preempt_count(void)
{
	return this_cpu_read_hot(preempt_count);
}

static inline void
preempt_count_add(unsigned int n)
{
	this_cpu_write_hot(preempt_count, preempt_count() + n);
	barrier();
}

static inline void
preempt_count_sub(unsigned int n)
{
	barrier();
	this_cpu_write_hot(preempt_count, preempt_count() - n);
}

#define preempt_disable()		preempt_count_add(1)
#define preempt_enable_no_resched()	preempt_count_sub(1)
#define preempt_enable()						\
do {									\
	preempt_count_sub(1);						\
	if (!preempt_count() && this_cpu_read_hot(need_resched))	\
		preempt_schedule();					\
} while (0)

#endif
