/*
 * kernel/spinlock.h - spin locks: a ticket lock, with a debugging mode.
 *
 * Teaches: a spin lock makes a short piece of code run on one CPU at a
 * time; a CPU that finds it taken spins (with `pause`) until it is free.
 * While it holds one, a CPU must not be switched to another task (the
 * task waiting for the lock could be the one switched in and spin for
 * ever), so spin_lock() disables preemption and spin_unlock() enables it
 * again.  The _irqsave and _irq variants also disable interrupts on this
 * CPU, so an interrupt handler that takes the same lock cannot spin on
 * the code it interrupted: data an interrupt handler touches is always
 * locked with them.
 *
 * Why a ticket lock.  The lock is two 16-bit counters, like the ticket
 * roll and the "now serving" display at a counter: a CPU that wants the
 * lock takes the next ticket (one atomic add on `tail`) and waits until
 * `head` shows its number; unlocking adds one to head.  That is
 *  - fair: CPUs get the lock in the order they asked (FIFO), so none can
 *    starve.  The test-and-set lock this replaces let whichever CPU
 *    happened to win the race take it, over and over: on a NUMA machine
 *    the CPUs of the node that held the cache line won most of the time;
 *  - simple: one atomic instruction to lock, one plain store to unlock,
 *    and the state is readable by eye in a debugger (head 5, tail 7: one
 *    holder and one waiter);
 *  - deterministic, which matters for teaching and for -icount tests.
 * Its costs: first, every waiter spins on the same cache line: each
 * unlock invalidates it in every waiting CPU's cache, and they all reload
 * it to see whose turn it is.  With a few CPUs that is nothing; with
 * hundreds the line bounces so much that the lock hand-off itself gets
 * slow.  Linux moved x86 to queued spinlocks (qspinlock, 4.2) for that:
 * still FIFO and still 4 bytes, but each waiter spins on its own per-CPU
 * node (an MCS queue) and only the next in line is woken, so an unlock
 * touches one remote cache line instead of all of them.  It is also far
 * more intricate (a pending bit, a tail encoding CPU and nesting level,
 * four per-CPU nodes for task, softirq, irq and NMI context).  Pagoda
 * runs at most 64 CPUs, and under QEMU, where line bouncing costs nothing
 * real: the ticket lock teaches the idea with a tenth of the code.
 *
 * Second, fairness has a price on a virtual machine: the lock goes to
 * the next ticket even when the host has descheduled that virtual CPU,
 * and every CPU behind it waits until the host runs it again (one host
 * time slice per hand-off).  Measured here, 4 vCPUs of QEMU on a loaded
 * 2-core host: 1,024 contended acquisitions took 1 to 16 s as a ticket
 * lock and 0.05 s as a test-and-set lock, where whichever running CPU
 * sees the lock free takes it.  Linux has the same answer: under a
 * hypervisor without paravirtual spinlocks, virt_spin_lock() replaces
 * the fair lock by test-and-set.  So do we: when CPUID says we run
 * under a hypervisor (QEMU sets that bit), spin_lock() takes the lock
 * only when it is free, with one cmpxchg on the same word (a trylock in
 * a loop), giving up FIFO; `spinlock=ticket` keeps the ticket lock
 * anyway (to watch it), `spinlock=tas` forces test-and-set.  The word,
 * trylock and unlock are the same in both modes (kernel/locking/
 * spinlock.c decides once at boot, before other CPUs run).
 *
 * Lock debugging (lock_debug=on, kernel/locking/spinlock_debug.c): each
 * lock also remembers its holder's CPU and where it was taken, and the
 * kernel reports recursion, unlocking a free lock or another CPU's lock,
 * and (with kernel/locking/lock_order.c) two locks taken in both orders.
 * The debugging code is out of line and costs one test of a flag when off.
 *
 * A zero-filled spinlock_t is a valid, free lock with no name; name one
 * with DEFINE_SPINLOCK, spin_lock_init() or SPINLOCK_INIT so that lock
 * debugging can name it and check its order against other locks.
 * Linux counterpart: include/linux/spinlock.h, spinlock_types.h,
 * arch/x86/include/asm/spinlock.h (the 2.6.25-4.1 ticket lock),
 * kernel/locking/spinlock_debug.c.
 */
#ifndef PAGODA_KERNEL_SPINLOCK_H
#define PAGODA_KERNEL_SPINLOCK_H

#include "arch/x86/processor.h"
#include "kernel/compiler.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "kernel/types.h"

/* ---- The bare ticket lock: no preemption count, no debugging. ---- */

#define TICKET_SHIFT	16

typedef union {
	u32 val;		/* both counters, for the atomic add */
	struct {
		u16 head;	/* the ticket being served: the holder's */
		u16 tail;	/* the next ticket to hand out */
	} tickets;
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED	{ .val = 0 }

/*
 * Take a ticket; returns it.  If head already shows it the lock is ours,
 * otherwise the caller waits with arch_spin_wait_turn().  A full barrier
 * on x86 (lock xadd).
 */
static __always_inline u16
arch_spin_take_ticket(arch_spinlock_t *lock, bool *got_it)
{
	u32 old = __atomic_fetch_add(&lock->val, 1u << TICKET_SHIFT,
				     __ATOMIC_ACQUIRE);

	*got_it = (u16)old == (u16)(old >> TICKET_SHIFT);
	return old >> TICKET_SHIFT;
}

static __always_inline void
arch_spin_wait_turn(arch_spinlock_t *lock, u16 ticket)
{
	/* pause: under QEMU -icount it lets the other vCPUs run. */
	while (__atomic_load_n(&lock->tickets.head, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
}

static __always_inline void
arch_spin_lock_ticket(arch_spinlock_t *lock)
{
	bool got_it;
	u16 ticket = arch_spin_take_ticket(lock, &got_it);

	if (unlikely(!got_it))
		arch_spin_wait_turn(lock, ticket);
}

/* Take a ticket only if it would be served at once: never waits. */
static __always_inline bool
arch_spin_trylock(arch_spinlock_t *lock)
{
	u32 old = __atomic_load_n(&lock->val, __ATOMIC_RELAXED);

	if ((u16)old != (u16)(old >> TICKET_SHIFT))
		return false;
	return __atomic_compare_exchange_n(&lock->val, &old,
					   old + (1u << TICKET_SHIFT), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Test-and-set on the ticket word: wait until free, then try. */
static __always_inline void
arch_spin_lock_tas(arch_spinlock_t *lock)
{
	while (!arch_spin_trylock(lock)) {
		u32 v;

		do {
			cpu_relax();
			v = __atomic_load_n(&lock->val, __ATOMIC_RELAXED);
		} while ((u16)v != (u16)(v >> TICKET_SHIFT));
	}
}

/* Under a hypervisor, test-and-set (see the top); set once at boot. */
extern bool spin_lock_tas_mode;

static __always_inline void
arch_spin_lock(arch_spinlock_t *lock)
{
	if (spin_lock_tas_mode)
		arch_spin_lock_tas(lock);
	else
		arch_spin_lock_ticket(lock);
}

/*
 * Only the holder writes head, so a plain add without the lock prefix
 * suffices: it touches head's two bytes only, never tail's, and an x86
 * store is a release.  The "memory" clobber keeps the critical section
 * above it.
 */
static __always_inline void
arch_spin_unlock(arch_spinlock_t *lock)
{
	__asm__ __volatile__("addw $1, %0" : "+m"(lock->tickets.head)
			     : : "memory", "cc");
}

static __always_inline bool
arch_spin_is_locked(const arch_spinlock_t *lock)
{
	u32 v = __atomic_load_n(&lock->val, __ATOMIC_RELAXED);

	return (u16)v != (u16)(v >> TICKET_SHIFT);
}

/* Someone waits behind the holder. */
static __always_inline bool
arch_spin_is_contended(const arch_spinlock_t *lock)
{
	u32 v = __atomic_load_n(&lock->val, __ATOMIC_RELAXED);

	return (u16)((v >> TICKET_SHIFT) - v) > 1;
}

/*
 * Choose the mode (spinlock=, CPUID's hypervisor bit) and say it; the
 * boot CPU calls it once, before any other CPU runs.
 */
void spin_lock_mode_init(void);

/* ---- spinlock_t: the ticket lock plus what debugging needs. ---- */

typedef struct spinlock {
	arch_spinlock_t raw;
	/* Kept only under lock_debug=on: */
	u16 owner_cpu;		/* holder's CPU + 1; 0: none recorded */
	u8 recursion;		/* recursive takes let through (see .c) */
	u8 reported;		/* a report about this lock was printed */
	const char *name;	/* its name or init site; NULL if unnamed */
	unsigned long owner_ip;	/* where the holder took it */
} spinlock_t;

#define __spin_stringify_1(x)	#x
#define __spin_stringify(x)	__spin_stringify_1(x)

#define __SPIN_LOCK_UNLOCKED(lockname)					\
	{ .raw = __ARCH_SPIN_LOCK_UNLOCKED, .name = (lockname) }
/* An initializer named after its place in the source. */
#define SPINLOCK_INIT							\
	__SPIN_LOCK_UNLOCKED(__FILE__ ":" __spin_stringify(__LINE__))
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(#x)
/* The expression's text names the lock: "&zone->lock". */
#define spin_lock_init(lock)						\
	(*(lock) = (spinlock_t)__SPIN_LOCK_UNLOCKED(#lock))

/*
 * lock_debug=on|off (default off, see spinlock_debug.c); declared in
 * kernel/preempt.h, which might_sleep() shares with us.
 * The out-of-line halves take the lock as well as checking it; they read
 * their return address as the place the lock was taken, so they must
 * be called straight from the inline functions below.
 */
void spin_lock_debug(spinlock_t *lock);
bool spin_trylock_debug(spinlock_t *lock);
void spin_unlock_debug(spinlock_t *lock);

static __always_inline void
__spin_acquire(spinlock_t *lock)
{
	if (unlikely(lock_debug_enabled))
		spin_lock_debug(lock);
	else
		arch_spin_lock(&lock->raw);
}

static __always_inline void
__spin_release(spinlock_t *lock)
{
	if (unlikely(lock_debug_enabled))
		spin_unlock_debug(lock);
	else
		arch_spin_unlock(&lock->raw);
}

static __always_inline void
spin_lock(spinlock_t *lock)
{
	preempt_disable();
	__spin_acquire(lock);
}

static __always_inline void
spin_unlock(spinlock_t *lock)
{
	__spin_release(lock);
	preempt_enable();
}

/* Take the lock if it is free, else return false at once. */
static __always_inline bool
spin_trylock(spinlock_t *lock)
{
	bool got;

	preempt_disable();
	got = unlikely(lock_debug_enabled) ? spin_trylock_debug(lock)
					   : arch_spin_trylock(&lock->raw);
	if (!got)
		preempt_enable();
	return got;
}

/*
 * Interrupts off, then the lock; returns the interrupt state to give
 * back to spin_unlock_irqrestore() (Linux passes `flags` by name).
 */
static __always_inline unsigned long
spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags = local_irq_save();

	spin_lock(lock);
	return flags;
}

/*
 * Release, give interrupts back, and only then allow preemption: a
 * reschedule that became due in the section runs with interrupts on.
 */
static __always_inline void
spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	__spin_release(lock);
	local_irq_restore(flags);
	preempt_enable();
}

/* For code that knows interrupts are on: turns them off, then back on. */
static __always_inline void
spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static __always_inline void
spin_unlock_irq(spinlock_t *lock)
{
	__spin_release(lock);
	local_irq_enable();
	preempt_enable();
}

static __always_inline bool
spin_is_locked(const spinlock_t *lock)
{
	return arch_spin_is_locked(&lock->raw);
}

static __always_inline bool
spin_is_contended(const spinlock_t *lock)
{
	return arch_spin_is_contended(&lock->raw);
}

/*
 * For functions whose caller must hold the lock: a BUG if it is free.
 * (Whether it is ours and not another CPU's only debugging can tell.)
 */
#define assert_spin_locked(lock)	BUG_ON(!spin_is_locked(lock))

#endif
