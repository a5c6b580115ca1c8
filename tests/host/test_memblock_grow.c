/*
 * tests/host/test_memblock_grow.c - host tests for mm/memblock.c: tables
 * that grow when they fill up, and memblock_phys_free().
 *
 * Teaches: memblock's two tables start as static arrays; when one fills,
 * memblock allocates an array twice as large from itself, which is only
 * safe with three precautions (see memblock_double_array): find before
 * reserving, avoid the range being added, give back the old array.  The
 * expected placements are worked out by hand in each case's comment.
 * Linux counterpart: tools/testing/memblock (memblock_double_array tests).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/errno.h"
#include "lib/string.h"
#include "mm/pgtable.h"
#include "tests/host/host_printk.h"
#include "tests/host/memblock_fixture.h"

/* ---- growing tables (Linux: memblock_double_array) ---- */

/*
 * Real host memory posing as physical memory: __va(pa) is
 * pa + PAGE_OFFSET (mod 2^64), so the "physical" address of host
 * address h is h - PAGE_OFFSET, and the new arrays the tables grow into
 * land in this buffer, where AddressSanitizer watches every write.
 * 1 MiB, aligned to 1 MiB (PAGE_OFFSET is too), so that the hand
 * computations below work with offsets from the buffer's start.
 */
#define ARENA	M
static u8 *arena;

static phys_addr_t
arena_reset(void)
{
	if (!arena) {
		arena = aligned_alloc(ARENA, ARENA);
		if (!arena)
			abort();
	}
	__builtin_memset(arena, 0, ARENA);
	memblock_reset();
	return (phys_addr_t)((uintptr_t)arena - PAGE_OFFSET);
}

/* 24-byte regions: 256 of them take 6 KiB, 512 12 KiB, 1024 24 KiB. */
#define ARRAY_BYTES(n)	((phys_addr_t)(n) * sizeof(struct memblock_region))

HTEST(region_is_24_bytes)
{
	/* The hand computations below depend on it. */
	EXPECT_UINT_EQ(sizeof(struct memblock_region), 24);
}

/*
 * 1000 separate reservations (0x100 bytes every 0x200, in the low half
 * of the arena).  By hand, top-down in the 1 MiB arena:
 *  - the 129th asks for 256 slots: 6 KiB at the highest page-aligned
 *    fit, 0x100000 - 0x1800 = 0xfe800, down to 0xfe000: [0xfe000, 0xff800);
 *  - the 256th (cnt 256: 254 small ones + the array) asks for 512 slots:
 *    12 KiB, 0xfd000 would overlap the first array, so just below it:
 *    [0xfb000, 0xfe000); the first array is then given back;
 *  - the 512th asks for 1024: 24 KiB below the second: [0xf5000, 0xfb000);
 *    the second is given back.
 * In the end: 1000 small regions plus the array, 1024 slots.
 */
HTEST(reserved_table_doubles_and_keeps_everything)
{
	phys_addr_t base = arena_reset();
	unsigned int bad = 0;

	memblock_add(base, ARENA);
	host_log_clear();
	for (unsigned int i = 0; i < 1000; i++)
		ASSERT_TRUE(memblock_reserve(base + i * 0x200ULL, 0x100) == 0);
	EXPECT_UINT_EQ(memblock.reserved.max, 1024);
	EXPECT_UINT_EQ(memblock.reserved.regions_phys, base + 0xf5000);
	EXPECT_UINT_EQ(memblock.reserved.cnt, 1001);
	EXPECT_UINT_EQ(memblock.dropped, 0);
	EXPECT_TRUE(memblock.reserved.regions ==
		    (struct memblock_region *)(arena + 0xf5000));
	for (unsigned int i = 0; i < 1000; i++)
		bad += memblock.reserved.regions[i].base != base + i * 0x200ULL ||
		       memblock.reserved.regions[i].size != 0x100;
	EXPECT_UINT_EQ(bad, 0);
	EXPECT_REGION(reserved, 1000, base + 0xf5000, ARRAY_BYTES(1024));
	/* The two earlier arrays were given back. */
	EXPECT_FALSE(memblock_is_reserved(base + 0xfb000));
	EXPECT_FALSE(memblock_is_reserved(base + 0xff7ff));
	EXPECT_UINT_EQ(memblock_reserved_size(), 1000 * 0x100 + ARRAY_BYTES(1024));
	EXPECT_STR_CONTAINS(host_log, "reserved table doubled to 1024 regions");
	EXPECT_TRUE(host_log_count == 3);
	EXPECT_TRUE(type_is_canonical(&memblock.reserved));
}

/*
 * Merges still work in a grown table: fill the gaps between 300 separate
 * reservations and they collapse into one region with the array above.
 */
HTEST(grown_table_still_merges)
{
	phys_addr_t base = arena_reset();

	memblock_add(base, ARENA);
	for (unsigned int i = 0; i < 300; i++)
		memblock_reserve(base + i * 0x200ULL, 0x100);
	EXPECT_UINT_EQ(memblock.reserved.max, 512);
	for (unsigned int i = 0; i < 300; i++)
		memblock_reserve(base + i * 0x200ULL + 0x100, 0x100);
	/* [0, 300 * 0x200) and the 512-slot array at 0xfb000 (see above). */
	ASSERT_TRUE(memblock.reserved.cnt == 2);
	EXPECT_REGION(reserved, 0, base, 300 * 0x200);
	EXPECT_REGION(reserved, 1, base + 0xfb000, ARRAY_BYTES(512));
}

/*
 * The memory table grows too, and its new array is reserved.  One large
 * region [0x80000, 0x100000) and 127 small ones below it fill the 128
 * slots; the next small one makes it double: 6 KiB at [0xfe000, 0xff800).
 */
HTEST(memory_table_doubles_and_reserves_its_array)
{
	phys_addr_t base = arena_reset();

	memblock_add(base + 0x80000, 0x80000);
	for (unsigned int i = 0; i < 200; i++)
		ASSERT_TRUE(memblock_add(base + i * 0x800ULL, 0x400) == 0);
	EXPECT_UINT_EQ(memblock.memory.cnt, 201);
	EXPECT_UINT_EQ(memblock.memory.max, 256);
	EXPECT_UINT_EQ(memblock.memory.regions_phys, base + 0xfe000);
	ASSERT_TRUE(memblock.reserved.cnt == 1);
	EXPECT_REGION(reserved, 0, base + 0xfe000, ARRAY_BYTES(256));
	EXPECT_REGION(memory, 200, base + 0x80000, 0x80000);
	EXPECT_TRUE(type_is_canonical(&memblock.memory));
}

/*
 * Both full at once: reserving the new memory array needs a slot in a
 * full reserved table, which then grows itself, avoiding the memory
 * array it is about to record.  Reserved: 128 tiny regions outside the
 * arena.  Memory array as above, [0xfe000, 0xff800); the reserved array
 * (6 KiB) cannot go above it (only 2 KiB left), so it goes below:
 * 0xfe000 - 0x1800 = 0xfc800, down to 0xfc000: [0xfc000, 0xfd800).
 */
HTEST(nested_growth_of_both_tables)
{
	phys_addr_t base = arena_reset();

	for (unsigned int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		ASSERT_TRUE(memblock_reserve(0x1000ULL * i, 0x10) == 0);
	memblock_add(base + 0x80000, 0x80000);
	for (unsigned int i = 0; i < 128; i++)
		ASSERT_TRUE(memblock_add(base + i * 0x800ULL, 0x400) == 0);
	EXPECT_UINT_EQ(memblock.memory.max, 256);
	EXPECT_UINT_EQ(memblock.reserved.max, 256);
	EXPECT_UINT_EQ(memblock.memory.regions_phys, base + 0xfe000);
	EXPECT_UINT_EQ(memblock.reserved.regions_phys, base + 0xfc000);
	ASSERT_TRUE(memblock.reserved.cnt == 130);
	EXPECT_REGION(reserved, 128, base + 0xfc000, ARRAY_BYTES(256));
	EXPECT_REGION(reserved, 129, base + 0xfe000, ARRAY_BYTES(256));
	EXPECT_UINT_EQ(memblock.dropped, 0);
}

/*
 * An allocation that finds the reserved table full: the block it found,
 * [0xff000, 0x100000), is not reserved yet when the table grows, so the
 * new array must avoid it.  Above it there is nothing; below it the
 * highest fit is 0xff000 - 0x1800 = 0xfd800, down to 0xfd000.  (A search
 * that forgot the block would put the array at [0xfe000, 0xff800), over
 * the block it is about to hand out.)
 */
HTEST(growth_during_an_allocation_avoids_the_block)
{
	phys_addr_t base = arena_reset();
	phys_addr_t a;

	memblock_add(base, ARENA);
	for (unsigned int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_reserve(0x1000ULL * i, 0x10);
	a = memblock_phys_alloc(4 * K, 4 * K);
	EXPECT_UINT_EQ(a, base + 0xff000);
	EXPECT_UINT_EQ(memblock.reserved.regions_phys, base + 0xfd000);
	ASSERT_TRUE(memblock.reserved.cnt == 130);
	EXPECT_REGION(reserved, 128, base + 0xfd000, ARRAY_BYTES(256));
	EXPECT_REGION(reserved, 129, base + 0xff000, 4 * K);
}

/* No memory to grow into: the old behaviour, a refusal that is counted. */
HTEST(growth_without_memory_fails_cleanly)
{
	memblock_reset();
	for (unsigned int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_reserve(0x1000ULL * i, 0x10);
	host_log_clear();
	EXPECT_INT_EQ(memblock_reserve(M, 0x10), -ENOSPC);
	EXPECT_STR_CONTAINS(host_log, "memblock: reserved table full");
	EXPECT_UINT_EQ(memblock.dropped, 1);
	EXPECT_UINT_EQ(memblock.reserved.max, INIT_MEMBLOCK_REGIONS);
}

/* memblock_phys_free: the middle of a region splits it, edges trim it. */
HTEST(free_trims_splits_and_removes)
{
	fixed_reset();
	memblock_reserve(M, M);
	memblock_reserve(4 * M, M);
	EXPECT_INT_EQ(memblock_phys_free(M + 4 * K, 4 * K), 0);	/* split */
	ASSERT_TRUE(memblock.reserved.cnt == 3);
	EXPECT_REGION(reserved, 0, M, 4 * K);
	EXPECT_REGION(reserved, 1, M + 8 * K, M - 8 * K);
	memblock_phys_free(M, 4 * K);				/* remove */
	memblock_phys_free(2 * M - 4 * K, 2 * M + 8 * K);	/* both edges */
	ASSERT_TRUE(memblock.reserved.cnt == 2);
	EXPECT_REGION(reserved, 0, M + 8 * K, M - 12 * K);
	EXPECT_REGION(reserved, 1, 4 * M + 4 * K, M - 4 * K);
	EXPECT_TRUE(type_is_canonical(&memblock.reserved));
}

HTEST_MAIN(
	HTEST_CASE(region_is_24_bytes),
	HTEST_CASE(reserved_table_doubles_and_keeps_everything),
	HTEST_CASE(grown_table_still_merges),
	HTEST_CASE(memory_table_doubles_and_reserves_its_array),
	HTEST_CASE(nested_growth_of_both_tables),
	HTEST_CASE(growth_during_an_allocation_avoids_the_block),
	HTEST_CASE(growth_without_memory_fails_cleanly),
	HTEST_CASE(free_trims_splits_and_removes),
)
