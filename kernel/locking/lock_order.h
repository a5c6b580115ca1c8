/*
 * kernel/locking/lock_order.h - which lock was taken while which was held.
 *
 * Teaches: two CPUs deadlock when one holds A and waits for B while the
 * other holds B and waits for A.  That needs bad timing to happen, but
 * only one look at the order to predict: if the kernel has ever taken B
 * while holding A, then taking A while holding B can deadlock, today or
 * on a luckier day.  So lock debugging records, for each pair of lock
 * classes, "second taken while first held", and checks each new pair
 * against the reverse one.  A class is what locks are grouped by: here
 * the lock's name (DEFINE_SPINLOCK's variable, spin_lock_init's
 * expression, SPINLOCK_INIT's file:line), so all the locks made at one
 * place are one class, and an order seen once on one instance counts
 * for them all.
 *
 * Pure bookkeeping on a fixed table, with no locking of its own (the
 * caller serializes) and no kernel dependency, so the host unit tests
 * run it (tests/host/test_lock_order.c).  Bounded: 64 classes (one bit
 * each in the "taken after" masks) and 256 ordered pairs; when a table
 * is full, new classes or pairs are simply not checked, and the caller
 * says so once.
 *
 * Linux's lockdep goes much further: a graph of all dependencies,
 * searched for cycles of any length (A->B->C->A), and the interrupt
 * state each class is taken in (a lock taken in an interrupt handler
 * and elsewhere with interrupts on is a deadlock with one CPU).  This
 * table finds the two-lock case, the one most bugs are.
 * Linux counterpart: kernel/locking/lockdep.c (check_prev_add,
 * check_noncircular).
 */
#ifndef PAGODA_KERNEL_LOCKING_LOCK_ORDER_H
#define PAGODA_KERNEL_LOCKING_LOCK_ORDER_H

#include "kernel/types.h"

#define LOCK_ORDER_MAX_CLASSES	64
#define LOCK_ORDER_MAX_PAIRS	256

/* "second was taken while first was held", first seen at these places. */
struct lock_order_pair {
	u8 first, second;		/* class numbers */
	bool reported;			/* its reverse was reported once */
	unsigned long first_ip;		/* where first had been taken */
	unsigned long second_ip;	/* where second was then taken */
};

struct lock_order_table {
	unsigned int nr_classes;
	const void *key[LOCK_ORDER_MAX_CLASSES];
	const char *name[LOCK_ORDER_MAX_CLASSES];
	/* Bit s of after[f]: class s was taken while class f was held. */
	u64 after[LOCK_ORDER_MAX_CLASSES];
	unsigned int nr_pairs;
	struct lock_order_pair pairs[LOCK_ORDER_MAX_PAIRS];
	bool classes_full;		/* a class did not fit */
	bool pairs_full;		/* a pair did not fit */
};

enum lock_order_verdict {
	LOCK_ORDER_KNOWN,	/* seen before, nothing new */
	LOCK_ORDER_NEW,		/* recorded */
	LOCK_ORDER_INVERSION,	/* the reverse was seen: report it */
	LOCK_ORDER_FULL,	/* no room: say so (returned once) */
};

/*
 * The class number of key (any pointer that identifies the class),
 * added with name if new; -1 if the table is full, and *first_full set
 * the first time that happens (so the caller says it once).
 */
int lock_order_class(struct lock_order_table *t, const void *key,
		     const char *name, bool *first_full);

/*
 * Class `taken` is being taken at taken_ip while class `held` is held
 * (taken at held_ip).  On LOCK_ORDER_INVERSION, *reverse is the earlier
 * pair taken -> held, now marked reported: each inversion is reported
 * once.  The same class nested in itself is not checked.
 */
enum lock_order_verdict
lock_order_note(struct lock_order_table *t, int held, int taken,
		unsigned long held_ip, unsigned long taken_ip,
		const struct lock_order_pair **reverse);

#endif
