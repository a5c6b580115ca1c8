/*
 * tests/host/test_bitmap.c - host tests for lib/bitmap.c.
 *
 * Teaches: checking word-at-a-time code against the obvious
 * bit-at-a-time model.  Hand-computed cases pin the word edges (bit 63,
 * bit 64, a range ending exactly on a word boundary, bits beyond nbits);
 * a fixed-seed random walk then compares every operation with a model
 * that is an array of bools.
 * Linux counterpart: lib/test_bitmap.c, lib/find_bit_benchmark.c.
 */
#include "lib/bitmap.h"
#include "lib/string.h"
#include "tests/host/host_prng.h"
#include "tests/host/htest.h"

#define NBITS	300	/* five words, the last one partial (300 = 4*64 + 44) */

static unsigned long map[BITS_TO_LONGS(NBITS)];
static bool model[NBITS];

HTEST(set_and_clear_across_words)
{
	memset(map, 0, sizeof(map));
	bitmap_set(map, 60, 10);	/* bits 60..69: words 0 and 1 */
	EXPECT_UINT_EQ(map[0], 0xf000000000000000UL);
	EXPECT_UINT_EQ(map[1], 0x3fUL);
	bitmap_clear(map, 63, 2);	/* bits 63 and 64 */
	EXPECT_UINT_EQ(map[0], 0x7000000000000000UL);
	EXPECT_UINT_EQ(map[1], 0x3eUL);
	bitmap_set(map, 128, 64);	/* exactly word 2 */
	EXPECT_UINT_EQ(map[2], ~0UL);
	EXPECT_UINT_EQ(map[3], 0);
	bitmap_set(map, 0, 0);		/* nothing */
	bitmap_clear(map, 5, 0);
	EXPECT_UINT_EQ(map[0], 0x7000000000000000UL);
	EXPECT_TRUE(test_bit(62, map));
	EXPECT_FALSE(test_bit(63, map));
	EXPECT_TRUE(test_bit(65, map));
}

HTEST(find_and_weight_ignore_bits_beyond_nbits)
{
	memset(map, 0, sizeof(map));
	map[4] = ~0UL;			/* bits 256..319; only 256..299 count */
	EXPECT_UINT_EQ(bitmap_weight(map, NBITS), 44);
	EXPECT_UINT_EQ(find_next_bit(map, NBITS, 0), 256);
	EXPECT_UINT_EQ(find_next_bit(map, 256, 0), 256);	/* none: nbits */
	EXPECT_UINT_EQ(find_next_zero_bit(map, NBITS, 256), NBITS);
	EXPECT_UINT_EQ(find_next_zero_bit(map, NBITS, 255), 255);
	EXPECT_UINT_EQ(find_next_bit(map, NBITS, NBITS), NBITS);
	EXPECT_TRUE(bitmap_range_set(map, 256, 44));
	EXPECT_TRUE(bitmap_range_clear(map, 0, 256));
	EXPECT_FALSE(bitmap_range_clear(map, 200, 57));
	EXPECT_TRUE(bitmap_range_set(map, 10, 0));
}

HTEST(zero_area_alignment_and_offset)
{
	memset(map, 0, sizeof(map));
	bitmap_set(map, 0, 3);
	/* 4 zero bits, any position: right after the busy ones. */
	EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, 0, 4, 0, 0), 3);
	/* Aligned to 8: index 8. */
	EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, 0, 4, 7, 0), 8);
	/* Aligned so that index + 5 is a multiple of 8: 3 (3 + 5 = 8). */
	EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, 0, 4, 7, 5), 3);
	/* A set bit inside the first candidate pushes it on: bit 10 busy,
	 * 8..11 fails, 16 is the next multiple of 8. */
	__set_bit(10, map);
	EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, 0, 4, 7, 0), 16);
	/* Too long to fit anywhere, or past the end. */
	EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, 0, NBITS, 0, 0), NBITS);
	/* 11..299 is free: 289 bits, at 11 only; aligned to 2, none. */
	EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, 0, 289, 0, 0), 11);
	EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, 0, 289, 1, 0), NBITS);
	EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, 0, 290, 0, 0), NBITS);
	/* Exactly the tail: 296..299. */
	EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, 295, 4, 7, 0), 296);
	EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, 297, 4, 0, 0), NBITS);
}

/* ---- against the model ----------------------------------------------- */

static unsigned long
model_next(unsigned long nbits, unsigned long start, bool want)
{
	for (unsigned long i = start; i < nbits; i++)
		if (model[i] == want)
			return i;
	return nbits;
}

static unsigned long
model_zero_area(unsigned long start, unsigned long nr, unsigned long mask,
		unsigned long off)
{
	for (unsigned long i = start; i + nr <= NBITS; i++) {
		bool ok = ((i + off) & mask) == 0;

		for (unsigned long j = i; ok && j < i + nr; j++)
			ok = !model[j];
		if (ok)
			return i;
	}
	return NBITS;
}

HTEST(random_walk_matches_model)
{
	struct prng r;
	unsigned long weight;

	prng_seed(&r, 6);
	memset(map, 0, sizeof(map));
	memset(model, 0, sizeof(model));
	for (int step = 0; step < 20000; step++) {
		unsigned long a = prng_below(&r, NBITS + 1);
		unsigned long n = prng_below(&r, NBITS - a + 1);
		unsigned long mask = (1UL << prng_below(&r, 6)) - 1;
		unsigned long off = prng_below(&r, 64);
		bool set = prng_below(&r, 2);

		/* Short ranges mostly, so the map stays mixed. */
		if (prng_below(&r, 4)) {
			unsigned long short_n = prng_below(&r, 12);

			n = min(n, short_n);	/* min() evaluates twice */
		}
		if (set)
			bitmap_set(map, a, n);
		else
			bitmap_clear(map, a, n);
		for (unsigned long i = a; i < a + n; i++)
			model[i] = set;

		weight = 0;
		for (unsigned long i = 0; i < NBITS; i++)
			weight += model[i];
		EXPECT_UINT_EQ(bitmap_weight(map, NBITS), weight);
		EXPECT_UINT_EQ(find_next_bit(map, NBITS, a), model_next(NBITS, a, true));
		EXPECT_UINT_EQ(find_next_zero_bit(map, NBITS, a),
			       model_next(NBITS, a, false));
		EXPECT_TRUE(bitmap_range_set(map, a, n) ==
			    (model_next(a + n, a, false) == a + n));
		EXPECT_TRUE(bitmap_range_clear(map, a, n) ==
			    (model_next(a + n, a, true) == a + n));
		n = 1 + prng_below(&r, 8);
		EXPECT_UINT_EQ(bitmap_find_next_zero_area(map, NBITS, a, n, mask, off),
			       model_zero_area(a, n, mask, off));
		if (htest_case_failed) {
			printf("# seed 6, step %d\n", step);
			return;
		}
	}
}

HTEST_MAIN(
	HTEST_CASE(set_and_clear_across_words),
	HTEST_CASE(find_and_weight_ignore_bits_beyond_nbits),
	HTEST_CASE(zero_area_alignment_and_offset),
	HTEST_CASE(random_walk_matches_model)
)
