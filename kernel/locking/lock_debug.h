/*
 * kernel/locking/lock_debug.h - what lock debugging shows to the rest of
 * the kernel (might_sleep's report, the tests).
 *
 * Teaches: a report about a lock is only useful if it says which lock
 * and who holds what; these are the helpers that say it.  The checks
 * themselves sit behind spin_lock() (kernel/spinlock.h).
 * Linux counterpart: include/linux/lockdep.h (lockdep_print_held_locks).
 */
#ifndef PAGODA_KERNEL_LOCKING_LOCK_DEBUG_H
#define PAGODA_KERNEL_LOCKING_LOCK_DEBUG_H

#include "kernel/types.h"

struct spinlock;

/* "name", the symbol of a static lock, or "unnamed lock <address>". */
void lock_debug_name(char *buf, size_t size, const struct spinlock *lock);
/* "N locks held by CPU#c:" and one line per lock with where it was taken. */
void lock_debug_print_held(unsigned int cpu);
/* How many spin locks this CPU holds, as lock debugging counted them. */
unsigned int lock_debug_held_count(void);

#endif
