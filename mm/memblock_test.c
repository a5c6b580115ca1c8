/*
 * mm/memblock_test.c - ktest suite "memblock": the early allocator.
 *
 * Two kinds of check: on a synthetic layout (the live memblock is saved,
 * replaced and restored) the results can be derived by hand; on the live
 * machine, allocations must avoid everything reserved at boot and never
 * overlap each other.
 */
#include "boot/bootinfo.h"
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/memblock.h"
#include "mm/pgtable.h"

extern char _phys_start[], _end[];

static struct memblock saved;

static void
synthetic_begin(void)
{
	saved = memblock;
	memblock_reset();
}

static void
synthetic_end(void)
{
	memblock = saved;
}

static void
add_merges_and_sorts(struct ktest *t)
{
	synthetic_begin();
	memblock_add(0x300000, 0x100000);
	memblock_add(0x100000, 0x100000);
	memblock_add(0x200000, 0x100000);	/* touches both: one region */
	memblock_add(0x800000, 0x1000);
	memblock_add(0x7ff000, 0x2000);		/* overlaps the last */
	KT_EXPECT_EQ(t, memblock.memory.cnt, 2);
	KT_EXPECT_EQ(t, memblock.memory.regions[0].base, 0x100000);
	KT_EXPECT_EQ(t, memblock.memory.regions[0].size, 0x300000);
	KT_EXPECT_EQ(t, memblock.memory.regions[1].base, 0x7ff000);
	KT_EXPECT_EQ(t, memblock.memory.regions[1].size, 0x2000);
	KT_EXPECT_EQ(t, memblock_phys_mem_size(), 0x302000);
	synthetic_end();
}

static void
alloc_is_top_down_and_avoids_reserved(struct ktest *t)
{
	phys_addr_t a, b, c;

	synthetic_begin();
	memblock_add(0x100000, 0x400000);		/* 1 MiB - 5 MiB */
	memblock_reserve(0x4ff000, 0x1000);		/* the top page */
	a = memblock_phys_alloc(0x1000, 0x1000);
	KT_EXPECT_EQ(t, a, 0x4fe000);
	b = memblock_phys_alloc(0x200000, 0x200000);	/* 2 MiB aligned */
	KT_EXPECT_EQ(t, b, 0x200000);
	c = memblock_phys_alloc(0x100000, 0x1000);	/* only 1-2 MiB left */
	KT_EXPECT_EQ(t, c, 0x100000);
	KT_EXPECT_EQ(t, memblock_phys_alloc(0x200000, 0x1000),
		     MEMBLOCK_ALLOC_FAILED);
	KT_EXPECT_EQ(t, memblock_phys_alloc(0x1000, 3), MEMBLOCK_ALLOC_FAILED);
	KT_EXPECT_TRUE(t, memblock_is_reserved(a));
	KT_EXPECT_TRUE(t, memblock_is_reserved(b + 0x1fffff));
	synthetic_end();
}

static void
alloc_respects_limit_and_range(struct ktest *t)
{
	synthetic_begin();
	memblock_add(0, 0x10000000);
	memblock_set_current_limit(0x1000000);
	KT_EXPECT_EQ(t, memblock_phys_alloc(0x1000, 0x1000), 0xfff000);
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(0x1000, 0x1000, 0x200000,
						  0x300000), 0x2ff000);
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(0x1000, 0x1000, 0x2000000,
						  0x3000000), MEMBLOCK_ALLOC_FAILED);
	synthetic_end();
}

/* Fill the list to capacity: the next distinct region is refused. */
static void
table_full_is_an_error(struct ktest *t)
{
	synthetic_begin();
	for (unsigned int i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		KT_EXPECT_EQ(t, memblock_reserve(i * 0x2000ULL, 0x1000), 0);
	KT_EXPECT_NE(t, memblock_reserve(0x10000000, 0x1000), 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, MEMBLOCK_MAX_REGIONS);
	synthetic_end();
}

#define LIVE_ALLOCS 64

static int
overlaps(phys_addr_t a, phys_addr_t as, phys_addr_t b, phys_addr_t bs)
{
	return a < b + bs && b < a + as;
}

/* On the real machine: never the kernel, the loader's data, low memory. */
static void
live_allocations_are_sound(struct ktest *t)
{
	static phys_addr_t base[LIVE_ALLOCS], size[LIVE_ALLOCS];
	phys_addr_t kstart = (phys_addr_t)_phys_start, kend = __pa(_end);

	for (int i = 0; i < LIVE_ALLOCS; i++) {
		size[i] = (phys_addr_t)(1 + i % 7) * PAGE_SIZE;
		base[i] = memblock_phys_alloc(size[i], PAGE_SIZE);
		KT_ASSERT_NE(t, base[i], MEMBLOCK_ALLOC_FAILED);
		KT_EXPECT_TRUE(t, memblock_is_memory(base[i]));
		KT_EXPECT_TRUE(t, memblock_is_memory(base[i] + size[i] - 1));
		KT_EXPECT_FALSE(t, overlaps(base[i], size[i], kstart, kend - kstart));
		KT_EXPECT_FALSE(t, overlaps(base[i], size[i], 0, 0x100000));
		for (unsigned int r = 0; r < boot_info.nr_reserved; r++)
			KT_EXPECT_FALSE(t, overlaps(base[i], size[i],
				boot_info.reserved[r].start,
				boot_info.reserved[r].end - boot_info.reserved[r].start));
		for (int j = 0; j < i; j++)
			KT_EXPECT_FALSE(t, overlaps(base[i], size[i], base[j], size[j]));
	}
	/* memblock_alloc() hands out zeroed memory through the direct map. */
	u8 *p = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	unsigned int nonzero = 0;

	for (int i = 0; i < PAGE_SIZE; i++)
		nonzero += p[i] != 0;
	KT_EXPECT_EQ(t, nonzero, 0);
	KT_EXPECT_TRUE(t, memblock_is_reserved(__pa(p)));
}

KTEST_SUITE(memblock,
	KTEST_CASE(add_merges_and_sorts),
	KTEST_CASE(alloc_is_top_down_and_avoids_reserved),
	KTEST_CASE(alloc_respects_limit_and_range),
	KTEST_CASE(table_full_is_an_error),
	KTEST_CASE(live_allocations_are_sound));
