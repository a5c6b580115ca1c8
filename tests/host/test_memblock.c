/*
 * tests/host/test_memblock.c - host tests for mm/memblock.c.
 *
 * Teaches: the boot allocator's one invariant - a byte is handed out only
 * if it is memory and not reserved, and handing it out reserves it - and
 * its policy, top-down. Hand-made layouts check the rules one by one; a
 * property test then runs thousands of random add/reserve/alloc/limit
 * sequences against a model that is just two bitmaps (memory, reserved)
 * over a small address space, and demands the exact answer the model
 * gives: the highest free, aligned, in-range block, or failure.
 *
 * memblock_alloc() is not called: it returns __va() of the block, which
 * means nothing on the host.
 * Linux counterpart: tools/testing/memblock (memblock tests in user space).
 */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/errno.h"
#include "lib/string.h"
#include "tests/host/host_printk.h"
#include "tests/host/host_prng.h"
#include "tests/host/memblock_fixture.h"

#define FAIL	MEMBLOCK_ALLOC_FAILED
#define TOP	((phys_addr_t)-1)

/* ---- memblock_add / memblock_reserve ---- */

HTEST(reset_empties_everything)
{
	memblock_add(M, M);
	memblock_reserve(M, 4 * K);
	memblock_set_current_limit(16 * M);
	memblock_reset();
	EXPECT_UINT_EQ(memblock.memory.cnt, 0);
	EXPECT_UINT_EQ(memblock.reserved.cnt, 0);
	EXPECT_UINT_EQ(memblock.current_limit, TOP);
	EXPECT_UINT_EQ(memblock_phys_mem_size(), 0);
	EXPECT_UINT_EQ(memblock_reserved_size(), 0);
}

HTEST(add_sorts_and_merges)
{
	fixed_reset();
	EXPECT_INT_EQ(memblock_add(3 * M, M), 0);
	EXPECT_INT_EQ(memblock_add(M, M), 0);
	EXPECT_INT_EQ(memblock_add(2 * M, M), 0);	/* touches both */
	EXPECT_INT_EQ(memblock_add(8 * M, 4 * K), 0);
	EXPECT_INT_EQ(memblock_add(8 * M - 4 * K, 8 * K), 0);	/* overlaps */
	ASSERT_TRUE(memblock.memory.cnt == 2);
	EXPECT_REGION(memory, 0, M, 3 * M);
	EXPECT_REGION(memory, 1, 8 * M - 4 * K, 8 * K);
	EXPECT_UINT_EQ(memblock_phys_mem_size(), 3 * M + 8 * K);
	EXPECT_TRUE(type_is_canonical(&memblock.memory));
}

HTEST(add_zero_size_does_nothing)
{
	fixed_reset();
	EXPECT_INT_EQ(memblock_add(M, 0), 0);
	EXPECT_INT_EQ(memblock_reserve(M, 0), 0);
	EXPECT_UINT_EQ(memblock.memory.cnt, 0);
	EXPECT_UINT_EQ(memblock.reserved.cnt, 0);
}

HTEST(add_contained_and_equal_base)
{
	fixed_reset();
	memblock_add(M, 2 * M);
	memblock_add(M + 4 * K, 4 * K);		/* inside */
	memblock_add(M, M);			/* same base, shorter */
	ASSERT_TRUE(memblock.memory.cnt == 1);
	EXPECT_REGION(memory, 0, M, 2 * M);
	memblock_add(M, 3 * M);			/* same base, longer */
	ASSERT_TRUE(memblock.memory.cnt == 1);
	EXPECT_REGION(memory, 0, M, 3 * M);
}

HTEST(add_superset_swallows_many)
{
	fixed_reset();
	for (unsigned int i = 0; i < 10; i++)
		memblock_add((2 * i + 1) * M, M / 2);
	ASSERT_TRUE(memblock.memory.cnt == 10);
	memblock_add(2 * M + M / 2, 10 * M);	/* from the 2nd to the 7th */
	ASSERT_TRUE(memblock.memory.cnt == 6);	/* 3, 5, 7, 9, 11 M: one */
	EXPECT_REGION(memory, 0, M, M / 2);
	EXPECT_REGION(memory, 1, 2 * M + M / 2, 10 * M);
	EXPECT_REGION(memory, 2, 13 * M, M / 2);
	EXPECT_TRUE(type_is_canonical(&memblock.memory));
	memblock_add(0, 100 * M);
	ASSERT_TRUE(memblock.memory.cnt == 1);
	EXPECT_REGION(memory, 0, 0, 100 * M);
}

HTEST(add_in_front_and_behind)
{
	fixed_reset();
	memblock_add(2 * M, M);
	memblock_add(M + M / 2, M);		/* overlaps the front */
	memblock_add(3 * M - 1, 2);		/* overlaps the back by 1 */
	ASSERT_TRUE(memblock.memory.cnt == 1);
	EXPECT_REGION(memory, 0, M + M / 2, 3 * M + 1 - (M + M / 2));
	memblock_add(0, 1);			/* far in front */
	memblock_add(100 * M, 1);		/* far behind */
	ASSERT_TRUE(memblock.memory.cnt == 3);
	EXPECT_REGION(memory, 0, 0, 1);
	EXPECT_REGION(memory, 2, 100 * M, 1);
}

/*
 * "wraps: clip at the top": a region running past 2^64 is kept up to the
 * top (whether the very last byte survives is the implementation's
 * choice), is memory there, and merges with its neighbour below.
 */
HTEST(wrapping_region_is_clipped_at_the_top)
{
	fixed_reset();
	EXPECT_INT_EQ(memblock_add(TOP - 0xfff, 0x2000), 0);
	EXPECT_TRUE(memblock_is_memory(TOP - 0xfff));
	EXPECT_TRUE(memblock_is_memory(TOP - 1));
	EXPECT_FALSE(memblock_is_memory(0));
	EXPECT_TRUE(memblock_phys_mem_size() >= 0xfff);

	fixed_reset();
	memblock_add(TOP - 0x1fff, 0x1000);
	memblock_add(TOP - 0xfff, 0x2000);
	EXPECT_UINT_EQ(memblock.memory.cnt, 1);
	EXPECT_TRUE(memblock_is_memory(TOP - 0x1fff));
	EXPECT_TRUE(memblock_is_memory(TOP - 1));
	EXPECT_TRUE(memblock_phys_mem_size() >= 0x1fff);
}

HTEST(reserved_list_is_separate)
{
	fixed_reset();
	memblock_add(0, 16 * M);
	memblock_reserve(M, 4 * K);
	memblock_reserve(M + 4 * K, 4 * K);
	memblock_reserve(32 * M, M);		/* need not be memory */
	ASSERT_TRUE(memblock.reserved.cnt == 2);
	EXPECT_REGION(reserved, 0, M, 8 * K);
	EXPECT_REGION(reserved, 1, 32 * M, M);
	EXPECT_UINT_EQ(memblock_reserved_size(), M + 8 * K);
	EXPECT_UINT_EQ(memblock_phys_mem_size(), 16 * M);
	EXPECT_UINT_EQ(memblock.memory.cnt, 1);
}

HTEST(membership_boundaries)
{
	fixed_reset();
	memblock_add(0x10000, 0x1000);
	memblock_reserve(0x1000, 0x1000);
	EXPECT_FALSE(memblock_is_memory(0xffff));
	EXPECT_TRUE(memblock_is_memory(0x10000));
	EXPECT_TRUE(memblock_is_memory(0x10fff));
	EXPECT_FALSE(memblock_is_memory(0x11000));
	EXPECT_FALSE(memblock_is_reserved(0xfff));
	EXPECT_TRUE(memblock_is_reserved(0x1000));
	EXPECT_TRUE(memblock_is_reserved(0x1fff));
	EXPECT_FALSE(memblock_is_reserved(0x2000));
	EXPECT_FALSE(memblock_overlaps_reserved(0, 0x1000));
	EXPECT_TRUE(memblock_overlaps_reserved(0, 0x1001));
	EXPECT_TRUE(memblock_overlaps_reserved(0x1fff, 1));
	EXPECT_TRUE(memblock_overlaps_reserved(0x1800, 1));
	EXPECT_TRUE(memblock_overlaps_reserved(0, 0x10000));
	EXPECT_FALSE(memblock_overlaps_reserved(0x2000, 0x1000));
	EXPECT_FALSE(memblock_overlaps_reserved(0x1000, 0));
}

HTEST(full_table_refuses_and_says_so)
{
	fixed_reset();
	for (unsigned int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		ASSERT_TRUE(memblock_add(2 * i * M, M) == 0);
	host_log_clear();
	EXPECT_INT_EQ(memblock_add(1000 * M, M), -ENOSPC);
	EXPECT_STR_CONTAINS(host_log, "memblock: memory table full");
	EXPECT_INT_EQ(host_log_last_level, 3);
	EXPECT_UINT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	EXPECT_FALSE(memblock_is_memory(1000 * M));
	EXPECT_TRUE(type_is_canonical(&memblock.memory));

	EXPECT_INT_EQ(memblock_reserve(1, 1), 0);	/* the other list */
}

/*
 * With the reserved table full, an allocation cannot record itself; it
 * must then fail rather than hand out a block nobody knows is taken.
 */
HTEST(full_reserved_table_never_hands_out_a_block_twice)
{
	phys_addr_t a, b2;

	fixed_reset();
	memblock_add(0, 16 * M);
	for (unsigned int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		ASSERT_TRUE(memblock_reserve(8 * K * i, 4 * K) == 0);
	a = memblock_phys_alloc(4 * K, 4 * K);
	b2 = memblock_phys_alloc(4 * K, 4 * K);
	if (a != FAIL) {
		EXPECT_TRUE(memblock_is_reserved(a));
		EXPECT_TRUE(a != b2);
	}
	if (a != FAIL && b2 != FAIL)
		EXPECT_TRUE(a + 4 * K <= b2 || b2 + 4 * K <= a);
}

/* ---- allocation ---- */

HTEST(alloc_is_top_down_and_merges_reservations)
{
	fixed_reset();
	memblock_add(M, 15 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), 16 * M - 4 * K);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), 16 * M - 8 * K);
	EXPECT_UINT_EQ(memblock_phys_alloc(8 * K, 4 * K), 16 * M - 16 * K);
	ASSERT_TRUE(memblock.reserved.cnt == 1);
	EXPECT_REGION(reserved, 0, 16 * M - 16 * K, 16 * K);
	EXPECT_UINT_EQ(memblock_reserved_size(), 16 * K);
	EXPECT_UINT_EQ(memblock_phys_mem_size(), 15 * M);
}

HTEST(alloc_honours_alignment)
{
	fixed_reset();
	memblock_add(M, 15 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 2 * M), 14 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc(12 * K, 4 * K), 16 * M - 12 * K);
	/* [14M, 16M) is blocked by both: the next 2 MiB block is below */
	EXPECT_UINT_EQ(memblock_phys_alloc(2 * M, 2 * M), 12 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc(1, 1), 16 * M - 12 * K - 1);
}

HTEST(alloc_of_odd_sizes)
{
	fixed_reset();
	memblock_add(0, 16 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc(100, 8), 16 * M - 104);
	EXPECT_UINT_EQ(memblock_phys_alloc(100, 8), 16 * M - 208);
	/* the 4 bytes left above the first block by its alignment */
	EXPECT_UINT_EQ(memblock_phys_alloc(3, 1), 16 * M - 3);
	/* exactly the gap between the two 100-byte blocks */
	EXPECT_UINT_EQ(memblock_phys_alloc(4, 1), 16 * M - 108);
	EXPECT_UINT_EQ(memblock_reserved_size(), 207);
	EXPECT_UINT_EQ(memblock.reserved.cnt, 2);
}

HTEST(alloc_slides_below_reservations)
{
	fixed_reset();
	memblock_add(0, 16 * M);
	memblock_reserve(15 * M, M);
	memblock_reserve(15 * M - 8 * K, 4 * K);	/* a 4 KiB hole above */
	EXPECT_UINT_EQ(memblock_phys_alloc(8 * K, 4 * K), 15 * M - 16 * K);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), 15 * M - 4 * K);
}

HTEST(alloc_falls_back_to_a_lower_region)
{
	fixed_reset();
	memblock_add(M, M);
	memblock_add(8 * M, 8 * K);
	EXPECT_UINT_EQ(memblock_phys_alloc(16 * K, 4 * K), 2 * M - 16 * K);
	EXPECT_UINT_EQ(memblock_phys_alloc(8 * K, 4 * K), 8 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), 2 * M - 20 * K);
}

HTEST(alloc_exactly_a_whole_region_then_nothing)
{
	fixed_reset();
	memblock_add(M, 64 * K);
	EXPECT_UINT_EQ(memblock_phys_alloc(64 * K, 64 * K), M);
	EXPECT_UINT_EQ(memblock_phys_alloc(1, 1), FAIL);
	EXPECT_UINT_EQ(memblock.reserved.cnt, 1);
}

HTEST(alloc_range_bounds)
{
	fixed_reset();
	memblock_add(0, 16 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc_range(4 * K, 4 * K, 2 * M, 3 * M),
		       3 * M - 4 * K);
	/* start is inclusive */
	EXPECT_UINT_EQ(memblock_phys_alloc_range(4 * K, 4 * K, 4 * M,
						 4 * M + 4 * K), 4 * M);
	/* too small, empty, backwards, outside memory */
	EXPECT_UINT_EQ(memblock_phys_alloc_range(4 * K, 4 * K, 5 * M,
						 5 * M + 2 * K), FAIL);
	EXPECT_UINT_EQ(memblock_phys_alloc_range(4 * K, 4 * K, 5 * M, 5 * M),
		       FAIL);
	EXPECT_UINT_EQ(memblock_phys_alloc_range(4 * K, 4 * K, 6 * M, 5 * M),
		       FAIL);
	EXPECT_UINT_EQ(memblock_phys_alloc_range(4 * K, 4 * K, 16 * M, TOP),
		       FAIL);
	/* straddling the end of memory: only the memory part counts */
	EXPECT_UINT_EQ(memblock_phys_alloc_range(4 * K, 4 * K, 15 * M, 32 * M),
		       16 * M - 4 * K);
	/* an unaligned start rounds the candidate up, not below start */
	EXPECT_UINT_EQ(memblock_phys_alloc_range(4 * K, 4 * K, 7 * M + 1,
						 7 * M + 8 * K), 7 * M + 4 * K);
	EXPECT_UINT_EQ(memblock_phys_alloc_range(4 * K, 4 * K, 7 * M + 1,
						 7 * M + 8 * K), FAIL);
}

HTEST(current_limit_caps_allocations)
{
	fixed_reset();
	memblock_add(M, 15 * M);
	memblock_set_current_limit(8 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), 8 * M - 4 * K);
	/* an explicit end above the limit is still capped */
	EXPECT_UINT_EQ(memblock_phys_alloc_range(4 * K, 4 * K, 0, 12 * M),
		       8 * M - 8 * K);
	/* an unaligned limit: the block still ends at or below it */
	memblock_set_current_limit(4 * M + 100);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), 4 * M - 4 * K);
	memblock_set_current_limit(M + 4 * K);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), M);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), FAIL);
	memblock_set_current_limit(0);
	EXPECT_UINT_EQ(memblock_phys_alloc(1, 1), FAIL);
	memblock_set_current_limit(TOP);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), 16 * M - 4 * K);
}

HTEST(bad_arguments_fail_cleanly)
{
	static const phys_addr_t aligns[] = { 0, 3, 0x1800, 0x1001, TOP };

	fixed_reset();
	memblock_add(0, 16 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc(0, 4 * K), FAIL);
	for (unsigned int i = 0; i < ARRAY_SIZE(aligns); i++)
		EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, aligns[i]), FAIL);
	EXPECT_UINT_EQ(memblock_phys_alloc(16 * M + 1, 1), FAIL);
	EXPECT_UINT_EQ(memblock_phys_alloc(TOP, 1), FAIL);
	EXPECT_UINT_EQ(memblock.reserved.cnt, 0);
}

HTEST(no_memory_no_allocation)
{
	fixed_reset();
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), FAIL);
	memblock_reserve(0, 16 * M);
	memblock_add(0, 16 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc(1, 1), FAIL);
}

HTEST(huge_alignment)
{
	fixed_reset();
	memblock_add(0, 16 * M);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 1ULL << 40), 0);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 1ULL << 63), FAIL);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 8 * M), 8 * M);
}

HTEST(memory_at_the_top_of_the_address_space)
{
	fixed_reset();
	memblock_add(TOP - 16 * M + 1, 16 * M - 4 * K);
	EXPECT_UINT_EQ(memblock_phys_alloc(4 * K, 4 * K), TOP - 8 * K + 1);
	EXPECT_UINT_EQ(memblock_phys_alloc(2 * M, 2 * M), TOP - 4 * M + 1);
}

HTEST(dump_lists_both_types)
{
	fixed_reset();
	memblock_add(M, M);
	memblock_reserve(M, 4 * K);
	host_log_clear();
	memblock_dump();
	EXPECT_STR_CONTAINS(host_log, "MEMBLOCK configuration:");
	EXPECT_STR_CONTAINS(host_log, " memory.cnt  = 0x1");
	EXPECT_STR_CONTAINS(host_log,
		"memory[0x0]\t[0x0000000000100000-0x00000000001fffff], "
		"0x0000000000100000 bytes");
	EXPECT_STR_CONTAINS(host_log,
		"reserved[0x0]\t[0x0000000000100000-0x0000000000100fff]");
}

/* ---- the property ---- */

#define NUNITS	4096

static u8 model_mem[NUNITS], model_res[NUNITS];
static unsigned int free_prefix[NUNITS + 1];

static bool
list_matches(const struct memblock_type *t, const u8 *bits, u64 unit)
{
	unsigned int r = 0;

	for (unsigned int p = 0; p < NUNITS;) {
		unsigned int q = p;

		if (!bits[p]) {
			p++;
			continue;
		}
		while (q < NUNITS && bits[q])
			q++;
		if (r >= t->cnt || t->regions[r].base != p * unit ||
		    t->regions[r].size != (q - p) * unit)
			return false;
		r++;
		p = q;
	}
	return r == t->cnt;
}

static u64
model_count(const u8 *bits)
{
	u64 n = 0;

	for (unsigned int i = 0; i < NUNITS; i++)
		n += bits[i];
	return n;
}

/* The highest free aligned block of n units in [lo, hi), or -1. */
static long
model_alloc(unsigned int n, unsigned int align, unsigned int lo,
	    unsigned int hi)
{
	free_prefix[0] = 0;
	for (unsigned int i = 0; i < NUNITS; i++)
		free_prefix[i + 1] = free_prefix[i] +
				     (model_mem[i] && !model_res[i]);
	if (hi > NUNITS)
		hi = NUNITS;
	if (hi < lo || hi - lo < n)
		return -1;
	for (long c = (long)((hi - n) / align * align); c >= (long)lo;
	     c -= align)
		if (free_prefix[c + n] - free_prefix[c] == n)
			return c;
	return -1;
}

/*
 * One run: `unit` bytes per model cell (4096: pages of a 16 MiB space;
 * 1: bytes of a 4 KiB space, so odd sizes and alignments are covered).
 */
static void
property_run(u64 unit, u64 seed, unsigned int sequences)
{
	struct prng r;
	unsigned int failures = 0;

	prng_seed(&r, seed);
	for (unsigned int s = 0; s < sequences && !failures; s++) {
		u64 limit_units = ~0ULL;

		fixed_reset();
		memset(model_mem, 0, sizeof(model_mem));
		memset(model_res, 0, sizeof(model_res));
		for (unsigned int step = 0; step < 60 && !failures; step++) {
			unsigned int op = (unsigned int)prng_below(&r, 100);
			unsigned int base = (unsigned int)prng_below(&r, NUNITS);
			const char *what;

			if (op < 25) {
				unsigned int len = 1 + (unsigned int)prng_below(&r, 768);

				what = "add";
				len = min(len, NUNITS - base);
				if (memblock_add(base * unit, len * unit))
					failures++;
				memset(model_mem + base, 1, len);
			} else if (op < 40) {
				unsigned int len = 1 + (unsigned int)prng_below(&r, 96);

				what = "reserve";
				len = min(len, NUNITS - base);
				if (memblock_reserve(base * unit, len * unit))
					failures++;
				memset(model_res + base, 1, len);
			} else if (op < 95) {
				unsigned int n = 1 + (unsigned int)prng_below(&r, 64);
				unsigned int align = 1u << prng_below(&r, 10);
				u64 start = 0, end = TOP;
				unsigned int lo = 0, hi = NUNITS;
				phys_addr_t got;
				long want;

				what = "alloc";
				if (prng_below(&r, 3) == 0) {
					lo = (unsigned int)prng_below(&r, NUNITS);
					hi = lo + (unsigned int)prng_below(&r, NUNITS - lo + 64);
					start = lo * unit;
					end = hi * unit;
				}
				if (limit_units < hi)
					hi = (unsigned int)limit_units;
				want = model_alloc(n, align, lo, hi);
				got = memblock_phys_alloc_range(n * unit,
								align * unit,
								start, end);
				if (want < 0 ? got != FAIL :
				    got != (u64)want * unit) {
					failures++;
					htest_fail_begin(__FILE__, __LINE__,
							 "alloc");
					printf("size %u align %u range [%u, %u) "
					       "units of %llu: got %#llx, want "
					       "%#llx\n", n, align, lo, hi,
					       (unsigned long long)unit,
					       (unsigned long long)got,
					       (unsigned long long)(want < 0 ?
						FAIL : (u64)want * unit));
				} else if (want >= 0) {
					memset(model_res + want, 1, n);
				}
			} else {
				what = "limit";
				limit_units = prng_below(&r, 4) ?
					      prng_below(&r, NUNITS + 1) : ~0ULL;
				memblock_set_current_limit(limit_units == ~0ULL ?
							   TOP :
							   limit_units * unit);
			}

			if (!list_matches(&memblock.memory, model_mem, unit) ||
			    !list_matches(&memblock.reserved, model_res, unit) ||
			    memblock_phys_mem_size() != model_count(model_mem) * unit ||
			    memblock_reserved_size() != model_count(model_res) * unit) {
				failures++;
				htest_fail_begin(__FILE__, __LINE__, what);
				printf("lists differ from the model\n");
			}
			if (failures)
				printf("# seed %#llx sequence %u step %u (%s)\n",
				       (unsigned long long)seed, s, step, what);
		}
	}
}

HTEST(property_pages_of_16_mib)
{
	property_run(4096, 0x6d656d62, 400);
}

HTEST(property_bytes_of_4_kib)
{
	property_run(1, 0x626c6b, 400);
}

HTEST_MAIN(
	HTEST_CASE(reset_empties_everything),
	HTEST_CASE(add_sorts_and_merges),
	HTEST_CASE(add_zero_size_does_nothing),
	HTEST_CASE(add_contained_and_equal_base),
	HTEST_CASE(add_superset_swallows_many),
	HTEST_CASE(add_in_front_and_behind),
	HTEST_CASE(wrapping_region_is_clipped_at_the_top),
	HTEST_CASE(reserved_list_is_separate),
	HTEST_CASE(membership_boundaries),
	HTEST_CASE(full_table_refuses_and_says_so),
	HTEST_CASE(full_reserved_table_never_hands_out_a_block_twice),
	HTEST_CASE(alloc_is_top_down_and_merges_reservations),
	HTEST_CASE(alloc_honours_alignment),
	HTEST_CASE(alloc_of_odd_sizes),
	HTEST_CASE(alloc_slides_below_reservations),
	HTEST_CASE(alloc_falls_back_to_a_lower_region),
	HTEST_CASE(alloc_exactly_a_whole_region_then_nothing),
	HTEST_CASE(alloc_range_bounds),
	HTEST_CASE(current_limit_caps_allocations),
	HTEST_CASE(bad_arguments_fail_cleanly),
	HTEST_CASE(no_memory_no_allocation),
	HTEST_CASE(huge_alignment),
	HTEST_CASE(memory_at_the_top_of_the_address_space),
	HTEST_CASE(dump_lists_both_types),
	HTEST_CASE(property_pages_of_16_mib),
	HTEST_CASE(property_bytes_of_4_kib),
)
