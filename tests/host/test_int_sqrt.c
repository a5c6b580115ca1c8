/*
 * tests/host/test_int_sqrt.c - host tests for lib/int_sqrt.c.
 *
 * Teaches: a square root is checked by its definition, not by another
 * square-root routine: r = int_sqrt(x) is right exactly when r*r <= x
 * and (r+1)*(r+1) > x (computed in 128 bits, so the largest x has no
 * overflow).  The edges are the perfect squares and their neighbours.
 * Linux counterpart: none (lib/math has no int_sqrt test).
 */
#include "lib/int_sqrt.h"
#include "tests/host/host_prng.h"
#include "tests/host/htest.h"

static bool
is_floor_sqrt(unsigned long x, unsigned long r)
{
	unsigned __int128 lo = (unsigned __int128)r * r;
	unsigned __int128 hi = (unsigned __int128)(r + 1) * (r + 1);

	return lo <= x && hi > x;
}

HTEST(small_and_hand_values)
{
	EXPECT_UINT_EQ(int_sqrt(0), 0);
	EXPECT_UINT_EQ(int_sqrt(1), 1);
	EXPECT_UINT_EQ(int_sqrt(3), 1);
	EXPECT_UINT_EQ(int_sqrt(4), 2);
	/* 2s: 16 x 2,096,632 KiB; 5,791^2 = 33,535,681 <= 33,546,112. */
	EXPECT_UINT_EQ(int_sqrt(16UL * 2096632), 5791);
	EXPECT_UINT_EQ(int_sqrt(~0UL), 0xffffffffUL);
}

HTEST(squares_and_neighbours)
{
	for (unsigned long r = 1; r < (1UL << 32); r = r * 3 + 1) {
		EXPECT_UINT_EQ(int_sqrt(r * r), r);
		EXPECT_UINT_EQ(int_sqrt(r * r - 1), r - 1);
		EXPECT_UINT_EQ(int_sqrt(r * r + 1), r);
	}
}

HTEST(random_values_meet_the_definition)
{
	struct prng p;

	prng_seed(&p, 42);
	for (int i = 0; i < 100000; i++) {
		unsigned long x = prng_next(&p) >> (i % 64);

		EXPECT_TRUE(is_floor_sqrt(x, int_sqrt(x)));
	}
}

HTEST_MAIN(
	HTEST_CASE(small_and_hand_values),
	HTEST_CASE(squares_and_neighbours),
	HTEST_CASE(random_values_meet_the_definition)
)
