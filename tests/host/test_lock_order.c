/*
 * tests/host/test_lock_order.c - host tests for kernel/locking/lock_order.c.
 *
 * Teaches: the lock-order table is plain bookkeeping, so every rule can
 * be checked by hand on the host: an order seen once is known, its
 * reverse is an inversion reported once (with where the first order was
 * seen), a class nested in itself is not an inversion, and the tables
 * stop at their sizes, saying so exactly once.
 * Linux counterpart: lib/locking-selftest.c (lockdep's own self-tests).
 */
#include "kernel/locking/lock_order.h"
#include "tests/host/htest.h"

#include <string.h>

static struct lock_order_table table;

static int
class_of(const void *key)
{
	bool first_full;

	return lock_order_class(&table, key, "x", &first_full);
}

static void
reset(void)
{
	memset(&table, 0, sizeof(table));
}

HTEST(classes_by_key)
{
	static const char a[] = "a", b[] = "b";

	reset();
	EXPECT_INT_EQ(class_of(a), 0);
	EXPECT_INT_EQ(class_of(b), 1);
	EXPECT_INT_EQ(class_of(a), 0);		/* the same key, the same class */
	EXPECT_UINT_EQ(table.nr_classes, 2);
}

HTEST(order_then_reverse_is_reported_once)
{
	const struct lock_order_pair *rev = NULL;

	reset();
	/* A (taken at 0x10) held while B taken at 0x20. */
	EXPECT_INT_EQ(lock_order_note(&table, 0, 1, 0x10, 0x20, &rev),
		      LOCK_ORDER_NEW);
	EXPECT_INT_EQ(lock_order_note(&table, 0, 1, 0x11, 0x21, &rev),
		      LOCK_ORDER_KNOWN);
	/* B held while A taken: the reverse, with the first order's sites. */
	EXPECT_INT_EQ(lock_order_note(&table, 1, 0, 0x30, 0x40, &rev),
		      LOCK_ORDER_INVERSION);
	ASSERT_TRUE(rev != NULL);
	EXPECT_UINT_EQ(rev->first, 0);
	EXPECT_UINT_EQ(rev->second, 1);
	EXPECT_UINT_EQ(rev->first_ip, 0x10);
	EXPECT_UINT_EQ(rev->second_ip, 0x20);
	/* Once: neither order reports again. */
	EXPECT_INT_EQ(lock_order_note(&table, 1, 0, 0x30, 0x40, &rev),
		      LOCK_ORDER_KNOWN);
	EXPECT_INT_EQ(lock_order_note(&table, 0, 1, 0x10, 0x20, &rev),
		      LOCK_ORDER_KNOWN);
	EXPECT_UINT_EQ(table.nr_pairs, 1);
}

HTEST(same_class_nesting_is_not_checked)
{
	const struct lock_order_pair *rev = NULL;

	reset();
	EXPECT_INT_EQ(lock_order_note(&table, 3, 3, 1, 2, &rev),
		      LOCK_ORDER_KNOWN);
	EXPECT_UINT_EQ(table.nr_pairs, 0);
}

/* Only two-lock inversions: A->B, B->C, then C->A is not reported. */
HTEST(longer_cycles_are_not_seen)
{
	const struct lock_order_pair *rev = NULL;

	reset();
	EXPECT_INT_EQ(lock_order_note(&table, 0, 1, 1, 2, &rev), LOCK_ORDER_NEW);
	EXPECT_INT_EQ(lock_order_note(&table, 1, 2, 1, 2, &rev), LOCK_ORDER_NEW);
	EXPECT_INT_EQ(lock_order_note(&table, 2, 0, 1, 2, &rev), LOCK_ORDER_NEW);
}

HTEST(class_table_full_said_once)
{
	static char keys[LOCK_ORDER_MAX_CLASSES + 2];
	bool first_full;

	reset();
	for (int i = 0; i < LOCK_ORDER_MAX_CLASSES; i++) {
		EXPECT_INT_EQ(lock_order_class(&table, &keys[i], "k",
					       &first_full), i);
		EXPECT_FALSE(first_full);
	}
	EXPECT_INT_EQ(lock_order_class(&table, &keys[64], "k", &first_full),
		      -1);
	EXPECT_TRUE(first_full);
	EXPECT_INT_EQ(lock_order_class(&table, &keys[65], "k", &first_full),
		      -1);
	EXPECT_FALSE(first_full);
	/* Known classes are still found. */
	EXPECT_INT_EQ(lock_order_class(&table, &keys[5], "k", &first_full), 5);
}

HTEST(pair_table_full_said_once)
{
	const struct lock_order_pair *rev = NULL;
	unsigned int n = 0;

	reset();
	/* 64 x 63 ordered pairs exist; record the first 256 of them. */
	for (int a = 0; a < LOCK_ORDER_MAX_CLASSES && n < LOCK_ORDER_MAX_PAIRS;
	     a++)
		for (int b = a + 1; b < LOCK_ORDER_MAX_CLASSES &&
		     n < LOCK_ORDER_MAX_PAIRS; b++, n++)
			EXPECT_INT_EQ(lock_order_note(&table, a, b, 0, 0, &rev),
				      LOCK_ORDER_NEW);
	EXPECT_UINT_EQ(table.nr_pairs, 256);
	EXPECT_INT_EQ(lock_order_note(&table, 62, 63, 0, 0, &rev),
		      LOCK_ORDER_FULL);
	EXPECT_INT_EQ(lock_order_note(&table, 61, 63, 0, 0, &rev),
		      LOCK_ORDER_KNOWN);
	/* A reverse of a recorded pair is still caught when full. */
	EXPECT_INT_EQ(lock_order_note(&table, 1, 0, 0, 0, &rev),
		      LOCK_ORDER_INVERSION);
}

HTEST_MAIN(HTEST_CASE(classes_by_key),
	   HTEST_CASE(order_then_reverse_is_reported_once),
	   HTEST_CASE(same_class_nesting_is_not_checked),
	   HTEST_CASE(longer_cycles_are_not_seen),
	   HTEST_CASE(class_table_full_said_once),
	   HTEST_CASE(pair_table_full_said_once))
