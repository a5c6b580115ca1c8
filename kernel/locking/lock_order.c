/*
 * kernel/locking/lock_order.c - the table of lock orders (see lock_order.h).
 * Linux counterpart: kernel/locking/lockdep.c.
 */
#include "kernel/locking/lock_order.h"

int
lock_order_class(struct lock_order_table *t, const void *key,
		 const char *name, bool *first_full)
{
	unsigned int i;

	*first_full = false;
	for (i = 0; i < t->nr_classes; i++)
		if (t->key[i] == key)
			return i;
	if (t->nr_classes == LOCK_ORDER_MAX_CLASSES) {
		*first_full = !t->classes_full;
		t->classes_full = true;
		return -1;
	}
	t->key[i] = key;
	t->name[i] = name;
	t->after[i] = 0;
	t->nr_classes++;
	return i;
}

static struct lock_order_pair *
find_pair(struct lock_order_table *t, int first, int second)
{
	for (unsigned int i = 0; i < t->nr_pairs; i++)
		if (t->pairs[i].first == first && t->pairs[i].second == second)
			return &t->pairs[i];
	return NULL;
}

enum lock_order_verdict
lock_order_note(struct lock_order_table *t, int held, int taken,
		unsigned long held_ip, unsigned long taken_ip,
		const struct lock_order_pair **reverse)
{
	struct lock_order_pair *p;

	if (held == taken)
		return LOCK_ORDER_KNOWN;
	if (t->after[held] & (1ULL << taken))
		return LOCK_ORDER_KNOWN;
	if (t->after[taken] & (1ULL << held)) {
		p = find_pair(t, taken, held);
		/* The mask bit is set only with a pair, so p exists. */
		if (!p || p->reported)
			return LOCK_ORDER_KNOWN;
		p->reported = true;
		*reverse = p;
		return LOCK_ORDER_INVERSION;
	}
	if (t->nr_pairs == LOCK_ORDER_MAX_PAIRS) {
		if (t->pairs_full)
			return LOCK_ORDER_KNOWN;
		t->pairs_full = true;
		return LOCK_ORDER_FULL;
	}
	p = &t->pairs[t->nr_pairs++];
	p->first = held;
	p->second = taken;
	p->reported = false;
	p->first_ip = held_ip;
	p->second_ip = taken_ip;
	t->after[held] |= 1ULL << taken;
	return LOCK_ORDER_NEW;
}
