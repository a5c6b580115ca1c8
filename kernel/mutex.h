/*
 * kernel/mutex.h - the sleeping lock.
 *
 * Teaches: a spin lock burns its CPU while it waits, so it is for short
 * sections that never sleep; a mutex puts the waiter to sleep instead,
 * so it may be held across anything that sleeps (allocation, I/O), but
 * only in task context.  It has an owner: only the task that locked it
 * may unlock it, and the owner is what a debugger or a hung-task report
 * shows.  Taking it when free is one compare-and-exchange of the owner
 * field; waiters queue in FIFO order and the unlocker wakes the first.
 * A task that arrives while the woken waiter is still on its way may
 * take the lock first (Linux adds a hand-off against starvation; we
 * keep the simple rule).
 * Linux counterpart: include/linux/mutex.h, kernel/locking/mutex.c.
 */
#ifndef PAGODA_KERNEL_MUTEX_H
#define PAGODA_KERNEL_MUTEX_H

#include "kernel/sched.h"

struct mutex {
	struct task_struct *owner;	/* NULL when free */
	spinlock_t wait_lock;
	struct list_head wait_list;
	const char *name;
};

#define __MUTEX_INITIALIZER(lockname)					\
	{ NULL, SPINLOCK_INIT, LIST_HEAD_INIT((lockname).wait_list),	\
	  #lockname }
#define DEFINE_MUTEX(mutexname)						\
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void mutex_init(struct mutex *lock);
void mutex_lock(struct mutex *lock);
/* 1 if taken, 0 if it is held (never sleeps). */
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

static inline bool
mutex_is_locked(struct mutex *lock)
{
	return READ_ONCE(lock->owner) != NULL;
}

#endif
