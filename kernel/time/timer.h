/*
 * kernel/time/timer.h - timers: call a function once a deadline passes.
 *
 * Teaches: a timer is a deadline in jiffies and a callback; it sits on
 * the list of one CPU, whose tick runs it once the deadline has passed
 * (see timer.c).
 *
 *	struct my_dev { struct timer_list timer; ... };
 *	static void my_fn(struct timer_list *t)
 *	{
 *		struct my_dev *d = from_timer(d, t, timer);
 *		...
 *	}
 *	timer_setup(&d->timer, my_fn, 0);
 *	mod_timer(&d->timer, jiffies + msecs_to_jiffies(100));
 *	...
 *	del_timer_sync(&d->timer);	before freeing d
 *
 * Linux counterpart: include/linux/timer.h.
 */
#ifndef PAGODA_KERNEL_TIME_TIMER_H
#define PAGODA_KERNEL_TIME_TIMER_H

#include "kernel/types.h"
#include "lib/list.h"

struct timer_base;

struct timer_list {
	struct list_head entry;		/* entry.next == NULL: not pending */
	unsigned long expires;		/* in jiffies */
	void (*function)(struct timer_list *);
	unsigned int flags;
	struct timer_base *base;	/* NULL while moving between CPUs */
};

#define from_timer(var, timer_ptr, field) \
	container_of(timer_ptr, __typeof__(*var), field)

void timer_setup(struct timer_list *timer,
		 void (*function)(struct timer_list *), unsigned int flags);

/* Waiting to run?  A hint only when another CPU may change it. */
static inline bool
timer_pending(const struct timer_list *timer)
{
	return __atomic_load_n(&timer->entry.next, __ATOMIC_RELAXED) != NULL;
}

/* Queue on this CPU at timer->expires (which the caller set). */
void add_timer(struct timer_list *timer);
/* Queue on CPU `cpu` (whose tick must run for the timer to fire). */
void add_timer_on(struct timer_list *timer, unsigned int cpu);
/*
 * Set the deadline and queue on this CPU, whether or not the timer was
 * pending.  Returns 1 if it was pending, 0 if not.
 */
int mod_timer(struct timer_list *timer, unsigned long expires);
/* Dequeue; returns 1 if it was pending.  The callback may be running. */
int del_timer(struct timer_list *timer);
/*
 * Dequeue and wait until its callback is not running on any CPU: after
 * it returns, the timer's memory may be freed (if nothing re-arms it).
 * Must not be called from the timer's own callback.
 */
int del_timer_sync(struct timer_list *timer);

/* From the tick: run this CPU's expired timers. */
void run_local_timers(void);

#endif
