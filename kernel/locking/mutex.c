/*
 * kernel/locking/mutex.c - the sleeping lock (see kernel/mutex.h).
 *
 * The waiter checks and queues itself with wait_lock held and sets its
 * state before dropping it; the unlocker clears the owner BEFORE taking
 * wait_lock to wake the first waiter.  So a waiter either sees the lock
 * free when it tries, or is queued and asleep-to-be when the unlocker
 * looks: the wake-up is not lost.
 * Linux counterpart: kernel/locking/mutex.c.
 */
#include "kernel/mutex.h"

#include "arch/x86/stacktrace.h"
#include "kernel/printk.h"

struct mutex_waiter {
	struct list_head list;
	struct task_struct *task;
};

void
mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	lock->wait_lock = (spinlock_t)SPINLOCK_INIT;
	INIT_LIST_HEAD(&lock->wait_list);
	lock->name = "mutex";
}

static bool
mutex_try_acquire(struct mutex *lock)
{
	struct task_struct *expected = NULL;

	return __atomic_compare_exchange_n(&lock->owner, &expected, current,
					   false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

int
mutex_trylock(struct mutex *lock)
{
	return mutex_try_acquire(lock);
}

static void
mutex_lock_slowpath(struct mutex *lock)
{
	struct mutex_waiter waiter = { .task = current };
	unsigned long flags = spin_lock_irqsave(&lock->wait_lock);

	list_add_tail(&waiter.list, &lock->wait_list);
	for (;;) {
		if (mutex_try_acquire(lock))
			break;
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&lock->wait_lock, flags);
		schedule();
		flags = spin_lock_irqsave(&lock->wait_lock);
	}
	__set_current_state(TASK_RUNNING);
	list_del(&waiter.list);
	spin_unlock_irqrestore(&lock->wait_lock, flags);
}

void
mutex_lock(struct mutex *lock)
{
	might_sleep();
	if (READ_ONCE(lock->owner) == current) {
		pr_err("BUG: mutex %s: recursive locking by %s/%d\n",
		       lock->name, current->comm, current->pid);
		dump_stack();
	}
	if (!mutex_try_acquire(lock))
		mutex_lock_slowpath(lock);
}

void
mutex_unlock(struct mutex *lock)
{
	struct mutex_waiter *first;
	unsigned long flags;

	if (READ_ONCE(lock->owner) != current) {
		pr_err("BUG: mutex %s: unlocked by %s/%d, not its owner\n",
		       lock->name, current->comm, current->pid);
		dump_stack();
		return;
	}
	__atomic_store_n(&lock->owner, NULL, __ATOMIC_RELEASE);
	flags = spin_lock_irqsave(&lock->wait_lock);
	first = list_first_entry_or_null(&lock->wait_list,
					 struct mutex_waiter, list);
	if (first)
		wake_up_process(first->task);
	spin_unlock_irqrestore(&lock->wait_lock, flags);
}
