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
#include "arch/x86/processor.h"
#include "kernel/compiler.h"

/* The scheduler's entry for a reschedule due at preempt_enable(). */
void preempt_schedule(void);

static inline unsigned int
preempt_count(void)
{
	return this_cpu_read_hot(preempt_count);
}

/*
 * One instruction on this CPU's own count (an interrupt cannot split
 * it, and no other CPU writes it); the "memory" clobber keeps the
 * compiler from moving the protected code across it.
 */
static inline void
preempt_count_add(unsigned int n)
{
	__asm__ __volatile__("addl %0, %%gs:%c1" : : "ir"(n),
		"i"(__builtin_offsetof(struct percpu_hot, preempt_count))
		: "memory", "cc");
}

static inline void
preempt_count_sub(unsigned int n)
{
	__asm__ __volatile__("subl %0, %%gs:%c1" : : "ir"(n),
		"i"(__builtin_offsetof(struct percpu_hot, preempt_count))
		: "memory", "cc");
}

/*
 * Count down, and only when that reaches 0 (the flags of the `sub`
 * itself say so) look whether a reschedule became due meanwhile.
 */
static __always_inline void
preempt_enable_check(void)
{
	__asm__ __volatile__ goto("subl $1, %%gs:%c0\n\tjnz %l[still_off]"
		: : "i"(__builtin_offsetof(struct percpu_hot, preempt_count))
		: "memory", "cc" : still_off);
	if (this_cpu_read_hot(need_resched))
		preempt_schedule();
still_off:
	;
}

#define preempt_disable()		preempt_count_add(1)
#define preempt_enable_no_resched()	preempt_count_sub(1)
#define preempt_enable()		preempt_enable_check()

/* In a section that must not sleep (a lock held, preemption off). */
#define in_atomic()	(preempt_count() != 0)

static inline bool
irqs_disabled(void)
{
	return !(local_save_flags() & X86_EFLAGS_IF);
}

/*
 * lock_debug=on: spin locks check their use (kernel/spinlock.h) and
 * might_sleep() checks its context.  Set by the boot parameter only.
 */
extern bool lock_debug_enabled;

/*
 * Where the boot is, as Linux's system_state: while booting, code runs
 * with interrupts off and no scheduler, and may "sleep" (nothing else
 * could run anyway), so might_sleep() checks only from SYSTEM_RUNNING
 * on, which start_kernel sets once interrupts are on.
 */
enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_RUNNING,
};
extern enum system_states system_state;

/*
 * might_sleep(): "this function may sleep", put at the top of functions
 * that can block (mutex_lock, msleep, wait_event...).  Under lock_debug
 * it reports a call from a place that must not sleep: holding a spin
 * lock or with preemption off (in_atomic), interrupts off, or inside an
 * interrupt handler.  Such a call is a bug even on the runs where it
 * happens not to block, which is why it is checked every time and not
 * only when the function does block.  Reported once per call site.
 * Its other half is the scheduler's: might_resched() makes every
 * might_sleep() a reschedule point under preempt=voluntary (a weak
 * stub returning 0 stands in until the scheduler provides it).
 * Linux counterpart: might_sleep(), __might_sleep() in kernel/sched/core.c.
 */
void __might_sleep(const char *file, int line);
int might_resched(void);
#define might_sleep()							\
do {									\
	if (unlikely(lock_debug_enabled))				\
		__might_sleep(__FILE__, __LINE__);			\
	(void)might_resched();						\
} while (0)

#endif
