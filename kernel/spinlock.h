/*
 * kernel/spinlock.h - the simplest lock: spin until the word is ours.
 *
 * Teaches: a test-and-test-and-set lock.  xchg is atomic and a full
 * barrier on x86; spinning on a plain read first keeps the cache line
 * shared while we wait.  The _irqsave variants also disable interrupts on
 * this CPU, so an interrupt handler that takes the same lock cannot
 * deadlock against the code it interrupted.
 * Linux counterpart: include/linux/spinlock.h (ticket/queued spinlocks).
 */
#ifndef PAGODA_KERNEL_SPINLOCK_H
#define PAGODA_KERNEL_SPINLOCK_H

#include "arch/x86/processor.h"
#include "kernel/compiler.h"

typedef struct {
	volatile u32 locked;
} spinlock_t;

#define SPINLOCK_INIT	{ 0 }
#define DEFINE_SPINLOCK(name) spinlock_t name = SPINLOCK_INIT

static inline void
spin_lock(spinlock_t *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE)) {
		while (READ_ONCE(lock->locked))
			cpu_relax();
	}
}

static inline bool
spin_trylock(spinlock_t *lock)
{
	return !__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void
spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

static inline unsigned long
spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags = local_irq_save();

	spin_lock(lock);
	return flags;
}

static inline void
spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock(lock);
	local_irq_restore(flags);
}

#endif
