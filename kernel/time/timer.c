/*
 * kernel/time/timer.c - per-CPU timer lists, run from the tick.
 *
 * Teaches: each CPU has its own timer base: a list of pending timers
 * sorted by deadline and a lock.  Per-CPU lists keep CPUs from fighting
 * over one lock on every tick, and a timer queued by a CPU runs on that
 * CPU, where its data is likely cached.  The tick (tick.c) runs, with
 * the base's lock dropped around each callback, every timer whose
 * deadline has passed; the base remembers which one is running, so that
 * del_timer_sync() can wait for it to finish.  The lock is taken with
 * interrupts off: the tick takes it too, and would deadlock against the
 * code it interrupted.
 *
 * A timer names the base it is on, and moves to another CPU's base only
 * when it is neither running nor pending there.  While it moves its
 * base pointer is NULL, and whoever wants to lock the timer's base
 * waits: otherwise two CPUs could each queue it on their own list.
 * Only one base lock is ever held at a time, so there is no lock order
 * to get wrong.
 *
 * Linux keeps timers in a hierarchical wheel (buckets by deadline,
 * coarser for far deadlines) because a kernel has tens of thousands of
 * them, mostly cancelled before they expire; a sorted list (O(n) insert,
 * O(1) expiry) teaches the same interface in a few lines.  A tick runs
 * at most the timers that were due when it began: a callback that
 * re-arms itself for "now" runs again on the next tick, not forever.
 * Linux counterpart: kernel/time/timer.c (lock_timer_base, __mod_timer,
 * del_timer_sync, __run_timers).
 */
#include "kernel/time/timer.h"

#include "arch/x86/irq.h"
#include "arch/x86/percpu.h"
#include "kernel/compiler.h"
#include "kernel/spinlock.h"
#include "kernel/time/jiffies.h"

struct timer_base {
	spinlock_t lock;
	bool ready;			/* list initialised */
	unsigned int cpu;
	struct list_head pending;	/* by deadline; equal ones FIFO */
	struct timer_list *running_timer;
};

static DEFINE_PER_CPU(struct timer_base, timer_bases);

/*
 * The per-CPU copies start zeroed: the list head is made on first use,
 * so any CPU's base works before that CPU has run a line of code.
 */
static struct timer_base *
get_base(unsigned int cpu)
{
	struct timer_base *base = per_cpu_ptr(&timer_bases, cpu);

	if (!__atomic_load_n(&base->ready, __ATOMIC_ACQUIRE)) {
		unsigned long flags = spin_lock_irqsave(&base->lock);

		if (!base->ready) {
			INIT_LIST_HEAD(&base->pending);
			base->cpu = cpu;
			__atomic_store_n(&base->ready, true, __ATOMIC_RELEASE);
		}
		spin_unlock_irqrestore(&base->lock, flags);
	}
	return base;
}

void
timer_setup(struct timer_list *timer, void (*function)(struct timer_list *),
	    unsigned int flags)
{
	timer->entry.next = NULL;
	timer->entry.prev = NULL;
	timer->expires = 0;
	timer->function = function;
	timer->flags = flags;
	timer->base = get_base(smp_processor_id());
}

/* Lock the base the timer is on, waiting while it moves. */
static struct timer_base *
lock_timer_base(struct timer_list *timer, unsigned long *flags)
{
	for (;;) {
		struct timer_base *base = READ_ONCE(timer->base);

		if (base) {
			*flags = spin_lock_irqsave(&base->lock);
			if (base == READ_ONCE(timer->base))
				return base;
			spin_unlock_irqrestore(&base->lock, *flags);
		}
		cpu_relax();
	}
}

static void
detach_timer(struct timer_list *timer)
{
	list_del(&timer->entry);
	__atomic_store_n(&timer->entry.next, NULL, __ATOMIC_RELAXED);
}

static void
enqueue_timer(struct timer_base *base, struct timer_list *timer)
{
	struct timer_list *pos;

	list_for_each_entry(pos, &base->pending, entry) {
		if (time_after(pos->expires, timer->expires)) {
			__list_add(&timer->entry, pos->entry.prev, &pos->entry);
			return;
		}
	}
	list_add_tail(&timer->entry, &base->pending);
}

/* Queue `timer` at `expires` on CPU `cpu`; 1 if it was pending. */
static int
__mod_timer(struct timer_list *timer, unsigned long expires, unsigned int cpu)
{
	struct timer_base *new_base = get_base(cpu);
	unsigned long flags;
	struct timer_base *base = lock_timer_base(timer, &flags);
	int was_pending = timer_pending(timer);

	if (was_pending)
		detach_timer(timer);
	timer->expires = expires;
	/*
	 * A running callback keeps its timer on its base, or
	 * del_timer_sync() would look for it on the wrong one.
	 */
	if (base != new_base && base->running_timer != timer) {
		WRITE_ONCE(timer->base, NULL);
		spin_unlock(&base->lock);
		spin_lock(&new_base->lock);
		WRITE_ONCE(timer->base, new_base);
		base = new_base;
	}
	enqueue_timer(base, timer);
	spin_unlock_irqrestore(&base->lock, flags);
	return was_pending;
}

void
add_timer(struct timer_list *timer)
{
	__mod_timer(timer, timer->expires, smp_processor_id());
}

void
add_timer_on(struct timer_list *timer, unsigned int cpu)
{
	__mod_timer(timer, timer->expires, cpu);
}

int
mod_timer(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, smp_processor_id());
}

int
del_timer(struct timer_list *timer)
{
	unsigned long flags;
	struct timer_base *base = lock_timer_base(timer, &flags);
	int was_pending = timer_pending(timer);

	if (was_pending)
		detach_timer(timer);
	spin_unlock_irqrestore(&base->lock, flags);
	return was_pending;
}

int
del_timer_sync(struct timer_list *timer)
{
	for (;;) {
		unsigned long flags;
		struct timer_base *base = lock_timer_base(timer, &flags);
		int was_pending;

		/*
		 * Its callback runs on the base's CPU with the lock dropped:
		 * wait for it there.  Waiting for ourselves would never end.
		 */
		if (base->running_timer != timer ||
		    (in_interrupt() && base->cpu == smp_processor_id())) {
			was_pending = timer_pending(timer);
			if (was_pending)
				detach_timer(timer);
			spin_unlock_irqrestore(&base->lock, flags);
			return was_pending;
		}
		spin_unlock_irqrestore(&base->lock, flags);
		cpu_relax();
	}
}

void
run_local_timers(void)
{
	struct timer_base *base = get_base(smp_processor_id());
	unsigned long now = jiffies;
	unsigned int due = 0;
	struct timer_list *timer;

	spin_lock(&base->lock);
	list_for_each_entry(timer, &base->pending, entry) {
		if (time_after(timer->expires, now))
			break;
		due++;
	}
	while (due-- && !list_empty(&base->pending)) {
		void (*fn)(struct timer_list *);

		timer = list_first_entry(&base->pending, struct timer_list, entry);
		if (time_after(timer->expires, now))
			break;
		detach_timer(timer);
		fn = timer->function;
		base->running_timer = timer;
		spin_unlock(&base->lock);
		fn(timer);
		spin_lock(&base->lock);
		base->running_timer = NULL;
	}
	spin_unlock(&base->lock);
}
