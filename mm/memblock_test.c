/*
 * mm/memblock_test.c - ktest suite "memblock": the early allocator.
 *
 * Teaches: two kinds of check: on a synthetic layout (the live memblock
 * is saved, replaced and restored) the results can be derived by hand; on
 * the live machine, allocations must avoid everything reserved at boot and
 * never overlap each other.
 * Linux counterpart: tools/testing/memblock (which runs in user space).
 */
#include "boot/bootinfo.h"
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/memblock.h"
#include "mm/page.h"
#include "mm/pgtable.h"

extern char _phys_start[], _end[];

static struct memblock saved;
static struct memblock_region syn_memory[INIT_MEMBLOCK_REGIONS];
static struct memblock_region syn_reserved[INIT_MEMBLOCK_REGIONS];

/* The live tables are left alone: the synthetic ones are our arrays. */
static void
synthetic_begin(void)
{
	saved = memblock;
	memblock_use_tables(syn_memory, ARRAY_SIZE(syn_memory),
			    syn_reserved, ARRAY_SIZE(syn_reserved));
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

/*
 * A table that may not grow (or has no memory to grow into) refuses the
 * next distinct region, and counts it.
 */
static void
table_full_is_an_error(struct ktest *t)
{
	synthetic_begin();
	for (unsigned int i = 0; i < ARRAY_SIZE(syn_reserved); i++)
		KT_EXPECT_EQ(t, memblock_reserve(i * 0x2000ULL, 0x1000), 0);
	KT_EXPECT_NE(t, memblock_reserve(0x10000000, 0x1000), 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, ARRAY_SIZE(syn_reserved));
	KT_EXPECT_EQ(t, memblock.dropped, 1);
	synthetic_end();
}

/*
 * A full table doubles into memblock's own memory.  The synthetic layout's
 * only memory is a real 1 MiB block from the page allocator (memblock's
 * free memory belongs to the buddy allocator once the system is up), so
 * the new arrays land in memory nobody else uses.  300 separate
 * reservations need 300 slots: 128 -> 256 -> 512, both arrays reserved,
 * the 256-slot one given back when the 512-slot one replaces it.
 */
static void
full_table_grows_in_place(struct ktest *t)
{
	struct page *block = alloc_pages(GFP_KERNEL, 8);	/* 1 MiB */
	phys_addr_t buf, arr;

	KT_ASSERT_TRUE(t, block != NULL);
	buf = page_to_phys(block);
	synthetic_begin();
	memblock.no_resize = false;
	memblock_add(buf, 0x100000);
	for (unsigned int i = 0; i < 300; i++)
		KT_EXPECT_EQ(t, memblock_reserve(buf + i * 0x800ULL, 0x400), 0);
	KT_EXPECT_EQ(t, memblock.dropped, 0);
	KT_EXPECT_EQ(t, memblock.reserved.max, 512);
	/*
	 * By hand, top-down in [buf, buf + 1 MiB): the 256-slot array (6 KiB)
	 * went to the highest page-aligned fit, buf + 0xfe000; the 512-slot
	 * one (12 KiB) had to go below it, buf + 0xfb000, and the first was
	 * then given back.
	 */
	arr = memblock.reserved.regions_phys;
	KT_EXPECT_EQ(t, arr, buf + 0xfb000);
	KT_EXPECT_TRUE(t, memblock_is_reserved(arr));
	KT_EXPECT_TRUE(t, memblock_is_reserved(arr + 0x3000 - 1));
	KT_EXPECT_FALSE(t, memblock_is_reserved(buf + 0xfe000));
	KT_EXPECT_FALSE(t, memblock_is_reserved(buf + 0xff7ff));
	/* 300 small ones + the array; the 6 KiB array of 256 was freed. */
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 301);
	KT_EXPECT_EQ(t, memblock_reserved_size(), 300 * 0x400 + 0x3000);
	synthetic_end();
	__free_pages(block, 8);
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
	KTEST_CASE(full_table_grows_in_place),
	KTEST_CASE(live_allocations_are_sound));
