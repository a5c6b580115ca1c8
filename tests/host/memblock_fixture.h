/*
 * tests/host/memblock_fixture.h - what every memblock host test needs.
 *
 * Teaches: a test of mm/memblock.c on the host needs three things the
 * kernel would give it: a panic() to link against (memblock_alloc calls
 * it; the host tests never reach it), a way to state "region i of this
 * table is [base, base+size)", and the tables' invariant (sorted,
 * disjoint, not touching, none empty) to check after every step.  Both
 * test_memblock.c and test_memblock_grow.c include this once.
 * Linux counterpart: tools/testing/memblock/tests/common.h.
 */
#ifndef PAGODA_TESTS_HOST_MEMBLOCK_FIXTURE_H
#define PAGODA_TESTS_HOST_MEMBLOCK_FIXTURE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/panic.h"
#include "mm/memblock.h"
#include "tests/host/htest.h"

#define K	0x400ULL
#define M	0x100000ULL

/* memblock.c calls panic() (from memblock_alloc, never reached here). */
void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "panic: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

#define EXPECT_REGION(type, i, b, s)					\
	do {								\
		EXPECT_UINT_EQ(memblock.type.regions[i].base, (b));	\
		EXPECT_UINT_EQ(memblock.type.regions[i].size, (s));	\
	} while (0)

/* Sorted, disjoint, not touching, none empty. */
static inline bool
type_is_canonical(const struct memblock_type *t)
{
	if (t->cnt > t->max)
		return false;
	for (unsigned int i = 0; i < t->cnt; i++) {
		if (!t->regions[i].size)
			return false;
		if (i && t->regions[i - 1].base + t->regions[i - 1].size >=
			 t->regions[i].base)
			return false;
	}
	return true;
}

/*
 * Layouts made of small made-up physical addresses, which mean nothing
 * on the host: the tables must not grow into them (growing writes the
 * new array through __va()).  The growth tests use real host memory.
 */
static inline void
fixed_reset(void)
{
	memblock_reset();
	memblock.no_resize = true;
}

#endif /* PAGODA_TESTS_HOST_MEMBLOCK_FIXTURE_H */
