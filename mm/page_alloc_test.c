/*
 * mm/page_alloc_test.c - ktest suite "buddy": the zoned buddy allocator.
 *
 * Invariants checked on the live allocator of whatever machine the
 * harness booted: every order of every zone allocates and frees, and the
 * free lists return exactly to where they were; no page is ever handed out
 * twice (a bitmap over all pfns under a random stress loop); node-local
 * allocation lands on the asked node, falls back in zonelist order, and
 * __GFP_THISNODE fails instead; GFP_KERNEL never gets Movable or CMA
 * memory.  The watermarks have their own suite (mm/watermarks_test.c).
 *
 * Teaches: the buddy allocator's invariants, written as executable
 * checks.  Linux counterpart: none (mm/ has no in-kernel buddy tests).
 */
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/page_alloc.h"
#include "mm/mm_init.h"
#include "mm/mm_ktest.h"
#include "mm/numa.h"
#include "arch/x86/processor.h"
#include "arch/x86/e820.h"
#include "mm/cma.h"
#include "mm/memblock.h"
#include "mm/page_alloc.h"
#include "mm/pgtable_ops.h"
#include "mm/sparse.h"
#include "boot/bootinfo.h"

struct free_snapshot {
	unsigned long nr_free[MAX_NUMNODES][MAX_NR_ZONES][MAX_ORDER];
	unsigned long free_pages[MAX_NUMNODES][MAX_NR_ZONES];
};

static struct free_snapshot before, after;

static void
snapshot(struct free_snapshot *s)
{
	struct zone *zone;

	memset(s, 0, sizeof(*s));
	/* Pages waiting on per-CPU lists are in no free list: give them back. */
	drain_all_pages(NULL);
	for_each_zone(zone) {
		s->free_pages[zone->node][zone->idx] = zone->free_pages;
		for (int o = 0; o < MAX_ORDER; o++)
			s->nr_free[zone->node][zone->idx][o] = zone->free_area[o].nr_free;
	}
}

static void
expect_same_snapshot(struct ktest *t)
{
	snapshot(&after);
	KT_EXPECT_TRUE(t, !memcmp(&before, &after, sizeof(before)));
}

/* Allocate and free every order in every zone: lists come back intact. */
static void
every_order_every_zone(struct ktest *t)
{
	struct zone *zone;

	snapshot(&before);
	for_each_zone(zone) {
		if (!zone->managed_pages)
			continue;
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			int mt = zone->idx >= ZONE_MOVABLE ? MIGRATE_MOVABLE
							   : MIGRATE_UNMOVABLE;
			struct page *page = alloc_pages_zone(zone, o, mt);
			unsigned long pfn;

			if (!page)	/* a small zone (DMA) lacks big blocks */
				continue;
			pfn = page_to_pfn(page);
			KT_EXPECT_EQ(t, pfn & ((1UL << o) - 1), 0);
			KT_EXPECT_TRUE(t, page_zone(page) == zone);
			KT_EXPECT_TRUE(t, zone_spans_pfn(zone, pfn + (1UL << o) - 1));
			KT_EXPECT_EQ(t, page->_refcount, 1);
			KT_EXPECT_FALSE(t, PageBuddy(page));
			__free_pages(page, o);
		}
	}
	/*
	 * Allocation may have stolen a pageblock for another migrate type;
	 * the free *counts* per order must still be back exactly.
	 */
	expect_same_snapshot(t);
}

/* A tiny deterministic PRNG (xorshift64) for the stress loop. */
static u64
prng(u64 *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

#define STRESS_SLOTS	512

static void
never_handed_out_twice(struct ktest *t)
{
	static struct page *slot_page[STRESS_SLOTS];
	static unsigned int slot_order[STRESS_SLOTS];
	unsigned long bitmap_bytes = ALIGN(max_pfn, 64) / 8;
	unsigned int bm_order = 0;
	u64 seed = 0x5eed1234abcdULL;
	unsigned long *bitmap;
	unsigned int dup = 0;
	struct page *bm;

	while (((unsigned long)PAGE_SIZE << bm_order) < bitmap_bytes)
		bm_order++;
	bm = alloc_pages(GFP_KERNEL | __GFP_ZERO, bm_order);
	KT_ASSERT_TRUE(t, bm != NULL);
	bitmap = page_address(bm);
	snapshot(&before);

	for (int round = 0; round < 4000; round++) {
		unsigned int i = prng(&seed) % STRESS_SLOTS;

		if (slot_page[i]) {
			unsigned long pfn = page_to_pfn(slot_page[i]);

			for (unsigned long p = pfn; p < pfn + (1UL << slot_order[i]); p++)
				bitmap[p / 64] &= ~(1UL << (p % 64));
			__free_pages(slot_page[i], slot_order[i]);
			slot_page[i] = NULL;
		} else {
			unsigned int order = prng(&seed) % 4 ? prng(&seed) % 3 : prng(&seed) % 8;
			gfp_t gfp = prng(&seed) % 2 ? GFP_KERNEL : GFP_HIGHUSER_MOVABLE;
			struct page *page = alloc_pages(gfp, order);
			unsigned long pfn;

			if (!page)
				continue;
			pfn = page_to_pfn(page);
			for (unsigned long p = pfn; p < pfn + (1UL << order); p++) {
				if (bitmap[p / 64] & (1UL << (p % 64)))
					dup++;
				bitmap[p / 64] |= 1UL << (p % 64);
			}
			slot_page[i] = page;
			slot_order[i] = order;
		}
	}
	for (unsigned int i = 0; i < STRESS_SLOTS; i++)
		if (slot_page[i]) {
			__free_pages(slot_page[i], slot_order[i]);
			slot_page[i] = NULL;
		}
	KT_EXPECT_EQ(t, dup, 0);
	/* Per-zone free page counts return exactly. */
	snapshot(&after);
	KT_EXPECT_TRUE(t, !memcmp(before.free_pages, after.free_pages,
				  sizeof(before.free_pages)));
	__free_pages(bm, bm_order);
}

/* Free pages a GFP_KERNEL request may use on nid (zones up to Normal). */
static unsigned long
node_kernel_pages(int nid)
{
	return node_free_pages_upto(nid, ZONE_NORMAL);
}

static void
node_local_and_thisnode(struct ktest *t)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct page *page;

		if (!NODE_DATA(nid))
			continue;
		page = alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE | __GFP_NOWARN, 0);
		if (!node_kernel_pages(nid) && !page) {
			/*
			 * No kernel memory here (memoryless, or all Movable):
			 * this node or nothing means nothing; without
			 * __GFP_THISNODE another node serves.
			 */
			page = alloc_pages_node(nid, GFP_KERNEL, 0);
			KT_ASSERT_TRUE(t, page != NULL);
			KT_EXPECT_NE(t, page_to_nid(page), nid);
		} else {
			KT_ASSERT_TRUE(t, page != NULL);
			KT_EXPECT_EQ(t, page_to_nid(page), nid);
		}
		__free_pages(page, 0);
		/* Movable requests may use every zone of the node. */
		if (node_free_pages(nid)) {
			page = alloc_pages_node(nid, GFP_HIGHUSER_MOVABLE |
						__GFP_THISNODE, 0);
			KT_ASSERT_TRUE(t, page != NULL);
			KT_EXPECT_EQ(t, page_to_nid(page), nid);
			__free_pages(page, 0);
		}
	}
}

/*
 * Fill node 0 (this node only) down to its watermarks, then ask without
 * __GFP_THISNODE: the page must come from the next node of node 0's
 * fallback order that has memory.
 */
static void
fallback_follows_zonelist(struct ktest *t)
{
	LIST_HEAD(held);
	struct page *page;
	int order_list[MAX_NUMNODES], n, expect = -1;
	int local = numa_node_id();

	n = numa_fallback_order(local, order_list);
	for (int i = 1; i < n && expect < 0; i++)
		if (node_kernel_pages(order_list[i]))
			expect = order_list[i];
	if (expect < 0)
		ktest_skip(t, "no second node with kernel memory");
	if (!node_kernel_pages(local))
		ktest_skip(t, "the local node has no kernel memory");

	for (int o = MAX_ORDER - 1; o >= 0; o--)
		while ((page = alloc_pages_node(local, GFP_KERNEL | __GFP_THISNODE |
						__GFP_NOWARN, o))) {
			page->private = o;
			list_add(&page->lru, &held);
		}
	page = alloc_pages_node(local, GFP_KERNEL, 0);
	KT_EXPECT_TRUE(t, page != NULL);
	if (page) {
		KT_EXPECT_EQ(t, page_to_nid(page), expect);
		__free_pages(page, 0);
	}
	/* The filling woke node 0's kswapd: recorded, with free memory. */
	KT_EXPECT_GT(t, NODE_DATA(local)->kswapd_wakeups, 0);
	mm_ktest_free_held(&held);
}

static void
gfp_zones_respected(struct ktest *t)
{
	struct page *pages[64];

	for (int i = 0; i < 64; i++) {
		pages[i] = alloc_pages(GFP_KERNEL, i % 4);
		KT_ASSERT_TRUE(t, pages[i] != NULL);
		KT_EXPECT_LE(t, page_zonenum(pages[i]), ZONE_NORMAL);
		KT_EXPECT_FALSE(t, page_test_flag(pages[i], PG_cma));
		if (get_pageblock_migratetype(pages[i]) == MIGRATE_CMA)
			KT_EXPECT_TRUE(t, false);
	}
	for (int i = 0; i < 64; i++)
		__free_pages(pages[i], i % 4);

	struct page *dma32 = alloc_pages(GFP_DMA32, 0);
	KT_ASSERT_TRUE(t, dma32 != NULL);
	KT_EXPECT_LE(t, page_zonenum(dma32), ZONE_DMA32);
	KT_EXPECT_LT(t, page_to_phys(dma32), 4ULL << 30);
	__free_pages(dma32, 0);

	struct page *dma = alloc_pages(GFP_DMA | __GFP_NOWARN, 0);
	if (dma) {
		KT_EXPECT_EQ(t, page_zonenum(dma), ZONE_DMA);
		KT_EXPECT_LT(t, page_to_phys(dma), 16ULL << 20);
		__free_pages(dma, 0);
	}
	/* __GFP_ZERO really zeroes (dirty a page, free it, get it back). */
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	KT_ASSERT_TRUE(t, p != NULL);
	memset(page_address(p), 0xa5, PAGE_SIZE);
	__free_pages(p, 0);
	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	KT_ASSERT_TRUE(t, p != NULL);
	unsigned int nonzero = 0;
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		nonzero += ((u8 *)page_address(p))[i] != 0;
	KT_EXPECT_EQ(t, nonzero, 0);
	__free_pages(p, 0);
	KT_EXPECT_TRUE(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER) == NULL);
}

/*
 * RAM the firmware reported, counted from the kernel's e820 table alone:
 * whole pages of every usable range, minus page 0 (always reserved for
 * the BIOS, as in Linux).
 */
static unsigned long
e820_present_pages(void)
{
	unsigned long pages = 0;

	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		unsigned long start = PFN_UP(e->addr), end = PFN_DOWN(e->addr + e->size);

		if (e->type != E820_TYPE_RAM || end <= start)
			continue;
		pages += end - start - (start == 0);
	}
	return pages;
}

/* Zones stay inside their address limits; node totals add up. */
static void
zone_layout(struct ktest *t)
{
	unsigned long total_present = 0;
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long end = zone_end_pfn(zone);

		if (!zone->spanned_pages)
			continue;
		total_present += zone->present_pages;
		KT_EXPECT_LE(t, zone->present_pages, zone->spanned_pages);
		KT_EXPECT_LE(t, zone->managed_pages, zone->present_pages);
		if (zone->idx == ZONE_DMA)
			KT_EXPECT_LE(t, end, 16UL << 8);
		if (zone->idx == ZONE_DMA32) {
			KT_EXPECT_GE(t, zone->zone_start_pfn, 16UL << 8);
			KT_EXPECT_LE(t, end, 4UL << 18);
		}
		if (zone->idx == ZONE_NORMAL)
			KT_EXPECT_GE(t, zone->zone_start_pfn, 4UL << 18);
		/* Every present page of the zone is stamped with it. */
		for (unsigned long pfn = zone->zone_start_pfn; pfn < end;
		     pfn += 4093) {
			struct page *page = pfn_to_page(pfn);

			if (!pfn_valid(pfn) || PageReserved(page))
				continue;
			if (page_zone(page) == zone)
				KT_EXPECT_EQ(t, page_to_nid(page), zone->node);
		}
	}
	KT_EXPECT_GT(t, total_present, 0);
	/* Exactly the RAM of the e820 map, and by hand from -m. */
	KT_EXPECT_EQ(t, total_present, e820_present_pages());
	if (ktest_mem_mb) {
		/*
		 * Up to 2 GiB, QEMU's q35 map lacks page 0 (the BIOS's),
		 * pfn 159-255 (EBDA and the legacy hole 636 KiB-1 MiB, 97
		 * pages) and the 128 KiB below the top of RAM (32 pages):
		 * 130 pages, whatever -m is.
		 */
		KT_EXPECT_LE(t, total_present, ktest_mem_mb << 8);
		if (ktest_mem_mb <= 2048 && mm_ktest_qemu_kernel_boot())
			KT_EXPECT_EQ(t, total_present, (ktest_mem_mb << 8) - 130);
		if (ktest_mem_mb == 2048 && ktest_nodes == 2 && mm_ktest_qemu_kernel_boot())
			KT_EXPECT_EQ(t, total_present, 524158);
		if (ktest_mem_mb == 1024 && ktest_nodes == 1 && mm_ktest_qemu_kernel_boot())
			KT_EXPECT_EQ(t, total_present, 262014);
	}
}

/* ZONE_MOVABLE: only above its start, aligned, and kernel memory kept. */
static void
movable_zone_rules(struct ktest *t)
{
	unsigned long kernel_pages = 0, movable_pages = 0;
	struct zone *zone;

	for_each_zone(zone) {
		if (zone->idx == ZONE_MOVABLE)
			movable_pages += zone->present_pages;
		else if (zone->idx <= ZONE_NORMAL)
			kernel_pages += zone->present_pages;
	}
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct zone *mz;

		if (!NODE_DATA(nid) || !zone_movable_pfn[nid])
			continue;
		mz = &NODE_DATA(nid)->node_zones[ZONE_MOVABLE];
		KT_EXPECT_EQ(t, zone_movable_pfn[nid] % MAX_ORDER_NR_PAGES, 0);
		KT_EXPECT_EQ(t, mz->zone_start_pfn, zone_movable_pfn[nid]);
		/* No kernel zone of the node reaches into it. */
		for (int z = 0; z <= ZONE_NORMAL; z++) {
			struct zone *kz = &NODE_DATA(nid)->node_zones[z];

			if (kz->spanned_pages)
				KT_EXPECT_LE(t, zone_end_pfn(kz), zone_movable_pfn[nid]);
		}
	}
	bool any_movable = false;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		any_movable |= zone_movable_pfn[nid] != 0;
	if (!any_movable) {
		KT_EXPECT_EQ(t, movable_pages, 0);
		return;
	}
	if (movable_node_enabled)
		return;		/* placement follows SRAT: checked by numa tests */
	/*
	 * kernelcore is honoured: each node's Movable start is rounded up
	 * to a MAX_ORDER block, so kernel memory may exceed the request by
	 * up to one block per node; and memory below the zone Movable is
	 * carved from (say, below 4 GiB when it comes out of Normal) is
	 * kernel memory whatever the request.
	 */
	unsigned long slack = (unsigned long)numa_topology.nr_node_ids *
			      MAX_ORDER_NR_PAGES;
	unsigned long forced = 0;
	int source = ZONE_DMA;

	/* The source is the highest zone RAM reaches, by address. */
	if (max_pfn > (4UL << 18))
		source = ZONE_NORMAL;
	else if (max_pfn > (16UL << 8))
		source = ZONE_DMA32;
	for_each_zone(zone)
		if ((int)zone->idx < source)
			forced += zone->present_pages;

	KT_EXPECT_GE(t, kernel_pages, required_kernelcore);
	KT_EXPECT_LE(t, kernel_pages, max(required_kernelcore, forced) + slack);
	if (required_movablecore)
		KT_EXPECT_GE(t, movable_pages + slack, required_movablecore -
			     min(required_movablecore, forced));
	/* Movable pages only serve movable requests. */
	KT_EXPECT_GT(t, movable_pages, 0);
}

/* Each node's struct pages live in that node's own memory. */
static void
memmap_is_node_local(struct ktest *t)
{
	for (int i = 0; i < numa_topology.meminfo.nr_blks; i++) {
		const struct numa_memblk *b = &numa_topology.meminfo.blk[i];
		unsigned long pfn = PFN_UP(b->start);
		struct pt_walk w;

		if (!pfn_valid(pfn) || !node_has_memory(b->nid))
			continue;
		pt_walk(read_cr3(), (unsigned long)pfn_to_page(pfn), &w);
		KT_ASSERT_TRUE(t, w.mapped);
		/* 4 KiB pages where nodes share a 2 MiB block (mm/sparse.c). */
		if (w.page_size == PAGE_SIZE || pfn % (PAGES_PER_SECTION * 2) == 0)
			KT_EXPECT_EQ(t, memblock_nid_of(w.phys), b->nid);
		else
			KT_EXPECT_EQ(t, w.page_size, PMD_SIZE);
	}
}

/*
 * Below the min watermark only atomic and high-priority requests go on:
 * drain node 0 with ordinary requests until they fail, then an atomic
 * one must still succeed.
 */
static void
min_watermark_reserved_for_atomic(struct ktest *t)
{
	LIST_HEAD(held);
	struct page *page;
	int nid = numa_node_id();
	struct zone *zone;
	unsigned long free_above_min = 0;

	if (!node_kernel_pages(nid))
		ktest_skip(t, "the boot CPU's node has no kernel memory");
	/*
	 * Atomic requests go min/2, then a quarter of the rest, below min,
	 * rounded down: not a page while min < 2, as for a small kernel zone
	 * beside a big Movable one (uma kernelcore=64K: DMA, min 1).
	 */
	for_each_zone_in_node(zone, NODE_DATA(nid))
		if (zone->idx <= ZONE_NORMAL && zone->managed_pages &&
		    min_wmark_pages(zone) < 2)
			ktest_skip(t, "min_free_kbytes leaves no atomic reserve");
	for (int o = MAX_ORDER - 1; o >= 0; o--)
		while ((page = alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE |
						__GFP_NOWARN, o))) {
			page->private = o;
			list_add(&page->lru, &held);
		}
	/* Every kernel zone of the node is at (or within a page of) min. */
	for_each_zone_in_node(zone, NODE_DATA(nid)) {
		if (zone->idx > ZONE_NORMAL || !zone->managed_pages)
			continue;
		KT_EXPECT_LE(t, zone->free_pages - zone->free_cma_pages,
			     min_wmark_pages(zone) + zone->lowmem_reserve[ZONE_NORMAL] + 1);
		free_above_min += zone->free_pages;
	}
	KT_EXPECT_GT(t, free_above_min, 0);
	page = alloc_pages_node(nid, GFP_ATOMIC | __GFP_THISNODE | __GFP_NOWARN, 0);
	KT_EXPECT_TRUE(t, page != NULL);
	if (page)
		__free_pages(page, 0);
	mm_ktest_free_held(&held);
}

KTEST_SUITE(buddy,
	KTEST_CASE(every_order_every_zone),
	KTEST_CASE(never_handed_out_twice),
	KTEST_CASE(node_local_and_thisnode),
	KTEST_CASE(gfp_zones_respected),
	KTEST_CASE(zone_layout),
	KTEST_CASE(movable_zone_rules),
	KTEST_CASE(fallback_follows_zonelist),
	KTEST_CASE(memmap_is_node_local),
	KTEST_CASE(min_watermark_reserved_for_atomic));
