/*
 * mm/page_alloc_test.c - ktest suite "buddy": the zoned buddy allocator.
 *
 * Invariants checked on the live allocator of whatever machine the
 * harness booted: every order of every zone allocates and frees, and the
 * free lists return exactly to where they were; no page is ever handed out
 * twice (a bitmap over all pfns under a random stress loop); node-local
 * allocation lands on the asked node, falls back in zonelist order, and
 * __GFP_THISNODE fails instead; GFP_KERNEL never gets Movable or CMA
 * memory; the watermarks follow Linux's formula, recomputed here
 * independently.
 *
 * Teaches: the buddy allocator's invariants, written as executable
 * checks.  Linux counterpart: none (mm/ has no in-kernel buddy tests).
 */
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/gfp.h"
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

/* An independent integer square root: Newton's method. */
static unsigned long
isqrt_newton(unsigned long x)
{
	unsigned long r = x, y = (x + 1) / 2;

	if (x < 2)
		return x;
	while (y < r) {
		r = y;
		y = (r + x / r) / 2;
	}
	return r;
}

static bool
movable_only(const struct zone *zone)
{
	return zone->idx == ZONE_MOVABLE || zone->idx == ZONE_CMA;
}

/*
 * KiB that kernel allocations can use: the kernel zones' managed pages
 * less the CMA pages among them (every page of the zone looked at, by
 * its PG_cma flag), which only movable requests may take.
 */
static unsigned long
kernel_usable_kb(void)
{
	unsigned long pages = 0;
	struct zone *zone;

	for_each_zone(zone) {
		if (movable_only(zone))
			continue;
		pages += zone->managed_pages;
		for (unsigned long pfn = zone->zone_start_pfn;
		     pfn < zone_end_pfn(zone); pfn++)
			if (pfn_valid(pfn) && page_zone(pfn_to_page(pfn)) == zone &&
			    page_test_flag(pfn_to_page(pfn), PG_cma))
				pages--;
	}
	return pages * 4;
}

/*
 * The formula, recomputed independently: min_free_kbytes = isqrt(16 x
 * KiB managed by DMA, DMA32, Normal) in [128, 262144] (Linux 6.1); every
 * zone's min, Movable and CMA too, is its share by managed pages among
 * ALL zones (x86-64 Linux has no highmem); low and high add one and two
 * steps of max(min/4, managed/1000).  A min_free_kbytes= above a quarter
 * of the kernel zones is capped there (our rule, so that boot survives).
 */
static void
watermarks_follow_formula(struct ktest *t)
{
	unsigned long kernel = 0, all = 0, expect_kb, pages_min;
	struct zone *zone;

	for_each_zone(zone) {
		if (zone->idx <= ZONE_NORMAL)
			kernel += zone->managed_pages;
		all += zone->managed_pages;
	}
	expect_kb = isqrt_newton(kernel * 4 * 16);
	if (expect_kb < 128)
		expect_kb = 128;
	if (expect_kb > 262144)
		expect_kb = 262144;
	if (min_free_kbytes_is_user_set()) {
		/* A quarter of what kernel allocations can use. */
		unsigned long quarter = kernel_usable_kb() / 4;

		expect_kb = min_free_kbytes_user();
		if (expect_kb > quarter)
			expect_kb = quarter;
	}
	KT_EXPECT_EQ(t, min_free_kbytes, expect_kb);
	pages_min = expect_kb / 4;
	for_each_zone(zone) {
		unsigned long min = pages_min * zone->managed_pages / all;
		unsigned long step = max(min / 4, zone->managed_pages / 1000);

		KT_EXPECT_EQ(t, min_wmark_pages(zone), min);
		KT_EXPECT_EQ(t, low_wmark_pages(zone), min + step);
		KT_EXPECT_EQ(t, high_wmark_pages(zone), min + 2 * step);
	}
}

/*
 * Expected values worked out by hand for the two machines most runs use,
 * from the e820 map QEMU 7.2 gives them (q35, -m 2G resp. 1G):
 *
 *   2s:  usable 0x0-0x9fbff and 0x100000-0x7ffdffff
 *        DMA    pfn 1..158 and 256..4095        =   3,998 present
 *        DMA32  node 0 pfn 4096..262143         = 258,048
 *        DMA32  node 1 pfn 262144..524255       = 262,112
 *        total 524,158 pages = 2,096,632 KiB
 *   uma: usable 0x0-0x9fbff and 0x100000-0x3ffdffff
 *        DMA 3,998, DMA32 pfn 4096..262111 = 258,016; total 262,014
 *        pages = 1,048,056 KiB
 *
 * managed = present minus what the kernel keeps (memmap, image, page
 * tables): less than 32 MiB = 8,192 pages on both.  So
 *   2s:  isqrt(16 x 2,096,632) = 5,791 (5,792^2 = 33,547,264 is too big);
 *        isqrt(16 x (2,096,632 - 32,768)) = isqrt(33,021,824) = 5,746;
 *        min_free_kbytes in [5,746, 5,791], pages_min in [1,436, 1,447];
 *        DMA32 node 0 min in [1,436 x 249,856 / 524,158,
 *                             1,447 x 258,048 / 515,966] = [684, 723],
 *        DMA32 node 1 min in [1,436 x 253,920 / 524,158,
 *                             1,447 x 262,112 / 515,966] = [695, 735],
 *        and min/4 (< 184) is below managed/1000 (>= 249), so the step
 *        low - min = high - low is managed/1000: [249, 258] resp.
 *        [253, 262];
 *   uma: isqrt(16 x 1,048,056) = 4,094, isqrt(16 x 1,015,288) = 4,030;
 *        pages_min in [1,007, 1,023]; DMA32 min in [960, 1,023]
 *        (1,007 x 249,824 / 262,014 = 960.1); the step is
 *        max(min/4 <= 255, managed/1000 in [249, 258]): [249, 258].
 * lowmem_reserve of DMA against DMA32 and above: DMA32's managed / 256,
 *   2s: [249,856 / 256, 258,048 / 256] = [976, 1,008];
 *   uma: [249,824 / 256, 258,016 / 256] = [975, 1,007].
 *
 * 2s with kernelcore=10% (Linux's split, tests/linux/2s-kernelcore-10pct):
 * node 0 keeps DMA (3,998) + DMA32 pfn 4096..26623 (22,528), Movable
 * 26624..262143 (235,520); node 1 DMA32 262144..288767 (26,624), Movable
 * 288768..524255 (235,488).  Kernel zones 53,150 pages = 212,600 KiB:
 * isqrt(16 x 212,600) = 1,844 (1,845^2 = 3,404,025 > 3,401,600); with
 * 32 MiB kept isqrt(16 x 179,832) = 1,696; pages_min in [424, 461].
 * Every zone's min is its share of ALL managed pages ([515,966, 524,158]):
 *   Movable 0: [424 x 227,328 / 524,158 = 183.9, 461 x 235,520 / 515,966
 *     = 210.4] = [183, 210], step managed/1000 (> min/4): [227, 235];
 *   Movable 1: [424 x 227,296 / 524,158, 461 x 235,488 / 515,966]
 *     = [183, 210], step [227, 235];
 *   DMA32 0: [424 x 14,336 / 524,158 = 11.6, 461 x 22,528 / 515,966 =
 *     20.1] = [11, 20], step max(min/4, managed/1000) in [14, 22];
 *   DMA32 1: [424 x 18,432 / 524,158 = 14.9, 461 x 26,624 / 515,966 =
 *     23.8] = [14, 23], step [18, 26]; DMA: min and step in [0, 3].
 *   (Pagoda's old rule, Movable min = managed/1024 in [32, 128] and the
 *   kernel zones sharing all of pages_min, gave Movable 128 and DMA32 0
 *   about 424 x 22,528 / 53,150 = 179.)  DMA keeps (DMA32 + Movable of
 *   node 0) / 256 from Movable requests: [976, 1,008] as on 2s.
 */
/*
 * The hand figures hold for the map SeaBIOS gives `qemu -kernel`.  GRUB
 * on SeaBIOS reserves one more page at the top of low memory, and OVMF's
 * map has holes of its own: those boots are checked against their own
 * e820 map only.
 */
static bool
booted_by_qemu_kernel(void)
{
	return !strcmp(ktest_boot, "kernel");
}

struct wmark_expect {
	int nid;
	enum zone_type zone;
	unsigned long present, min_lo, min_hi, step_lo, step_hi;
};

/* kernelcore=10% on 2s: the Movable zones get their share. */
static const struct wmark_expect wmarks_2s_kernelcore_10pct[] = {
	{ 0, ZONE_DMA, 3998, 0, 3, 0, 3 },
	{ 0, ZONE_DMA32, 22528, 11, 20, 14, 22 },
	{ 0, ZONE_MOVABLE, 235520, 183, 210, 227, 235 },
	{ 1, ZONE_DMA32, 26624, 14, 23, 18, 26 },
	{ 1, ZONE_MOVABLE, 235488, 183, 210, 227, 235 },
};

static const struct wmark_expect wmarks_2s[] = {
	{ 0, ZONE_DMA, 3998, 0, 11, 0, 3 },
	{ 0, ZONE_DMA32, 258048, 684, 723, 249, 258 },
	{ 1, ZONE_DMA32, 262112, 695, 735, 253, 262 },
};

static const struct wmark_expect wmarks_uma[] = {
	{ 0, ZONE_DMA, 3998, 0, 16, 0, 4 },
	{ 0, ZONE_DMA32, 258016, 960, 1023, 249, 258 },
};

static void
watermarks_by_hand(struct ktest *t)
{
	const struct wmark_expect *e;
	unsigned long kb_lo, kb_hi, reserve_lo, reserve_hi;
	enum zone_type reserve_from = ZONE_DMA32;
	bool two_nodes = ktest_mem_mb == 2048 &&
			 !strcmp(ktest_node_mem_mb, "1024,1024");
	/* A fact of the command line (ktest.* words follow: a space). */
	bool kernelcore_10pct = strstr(boot_info.cmdline, "kernelcore=10% ");
	unsigned int n;

	if (cma_area_count || min_free_kbytes_is_user_set() ||
	    required_movablecore || movable_node_enabled ||
	    (required_kernelcore && !kernelcore_10pct))
		ktest_skip(t, "the hand tables are for the default boot and "
			   "kernelcore=10%%");
	if (!booted_by_qemu_kernel())
		ktest_skip(t, "the hand tables are for qemu -kernel's e820 map");
	if (two_nodes && kernelcore_10pct) {
		e = wmarks_2s_kernelcore_10pct;
		n = ARRAY_SIZE(wmarks_2s_kernelcore_10pct);
		kb_lo = 1696, kb_hi = 1844, reserve_lo = 976, reserve_hi = 1008;
		reserve_from = ZONE_MOVABLE;
	} else if (kernelcore_10pct) {
		ktest_skip(t, "kernelcore=10%% has a hand table for 2s only");
	} else if (two_nodes) {
		e = wmarks_2s, n = ARRAY_SIZE(wmarks_2s);
		kb_lo = 5746, kb_hi = 5791, reserve_lo = 976, reserve_hi = 1008;
	} else if (ktest_mem_mb == 1024 && ktest_nodes == 1) {
		e = wmarks_uma, n = ARRAY_SIZE(wmarks_uma);
		kb_lo = 4030, kb_hi = 4094, reserve_lo = 975, reserve_hi = 1007;
	} else {
		ktest_skip(t, "hand tables exist for 2s and uma only");
	}
	KT_EXPECT_GE(t, min_free_kbytes, kb_lo);
	KT_EXPECT_LE(t, min_free_kbytes, kb_hi);
	for (unsigned int i = 0; i < n; i++, e++) {
		struct zone *z = &NODE_DATA(e->nid)->node_zones[e->zone];

		KT_EXPECT_EQ(t, z->present_pages, e->present);
		KT_EXPECT_GE(t, min_wmark_pages(z), e->min_lo);
		KT_EXPECT_LE(t, min_wmark_pages(z), e->min_hi);
		KT_EXPECT_GE(t, low_wmark_pages(z) - min_wmark_pages(z), e->step_lo);
		KT_EXPECT_LE(t, low_wmark_pages(z) - min_wmark_pages(z), e->step_hi);
		KT_EXPECT_EQ(t, high_wmark_pages(z) - low_wmark_pages(z),
			     low_wmark_pages(z) - min_wmark_pages(z));
		if (e->zone == ZONE_DMA)
			for (int j = reserve_from; j < MAX_NR_ZONES; j++) {
				KT_EXPECT_GE(t, z->lowmem_reserve[j], reserve_lo);
				KT_EXPECT_LE(t, z->lowmem_reserve[j], reserve_hi);
			}
	}
}

/*
 * min_free_kbytes= larger than memory (the harness boots 2s with
 * 3,000,000): capped to a quarter of what kernel allocations can use,
 * so that the boot lives.  By hand on 2s: a quarter of [2,063,864,
 * 2,096,632] KiB is [515,966, 524,158] (see watermarks_by_hand for the
 * figures).  CMA pageblocks inside the kernel zones (cma_policy=
 * migratetype) do not count: with cma=768M on 1 GiB a cap of a quarter
 * of all 1 GiB would put min above the ~230 MiB kernel requests may use.
 */
static void
min_free_kbytes_capped(struct ktest *t)
{
	unsigned long usable_kb;

	if (!min_free_kbytes_is_user_set())
		ktest_skip(t, "boot without min_free_kbytes=");
	usable_kb = kernel_usable_kb();
	KT_EXPECT_LE(t, min_free_kbytes, min_free_kbytes_user());
	KT_EXPECT_LE(t, (unsigned long)min_free_kbytes, usable_kb / 4);
	if ((unsigned long)min_free_kbytes_user() > usable_kb / 4 &&
	    ktest_mem_mb == 2048 && !strcmp(ktest_node_mem_mb, "1024,1024") &&
	    !cma_area_count && booted_by_qemu_kernel()) {
		KT_EXPECT_GE(t, min_free_kbytes, 515966);
		KT_EXPECT_LE(t, min_free_kbytes, 524158);
	}
	/* Still room for the kernel: an order-0 GFP_KERNEL page. */
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	KT_EXPECT_TRUE(t, page != NULL);
	if (page)
		__free_pages(page, 0);
}

/*
 * Each zone holds back 1/256 (DMA, DMA32) or 1/32 (Normal) of the zones
 * above: Linux 6.1's default lowmem_reserve_ratio (256 256 32 0 0 in
 * Documentation/admin-guide/sysctl/vm.rst).
 */
static void
lowmem_reserve_formula(struct ktest *t)
{
	static const unsigned int ratio[MAX_NR_ZONES] = { 256, 256, 32, 0, 0 };

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (!pgdat)
			continue;
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];

			for (int j = 0; j < MAX_NR_ZONES; j++) {
				unsigned long above = 0;

				for (int k = i + 1; k <= j; k++)
					above += pgdat->node_zones[k].managed_pages;
				KT_EXPECT_EQ(t, zone->lowmem_reserve[j],
					     j <= i || !ratio[i] || !zone->managed_pages ?
					     0 : above / ratio[i]);
			}
		}
	}
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
		if (ktest_mem_mb <= 2048 && booted_by_qemu_kernel())
			KT_EXPECT_EQ(t, total_present, (ktest_mem_mb << 8) - 130);
		if (ktest_mem_mb == 2048 && ktest_nodes == 2 && booted_by_qemu_kernel())
			KT_EXPECT_EQ(t, total_present, 524158);
		if (ktest_mem_mb == 1024 && ktest_nodes == 1 && booted_by_qemu_kernel())
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
	KTEST_CASE(watermarks_follow_formula),
	KTEST_CASE(watermarks_by_hand),
	KTEST_CASE(min_free_kbytes_capped),
	KTEST_CASE(lowmem_reserve_formula),
	KTEST_CASE(zone_layout),
	KTEST_CASE(movable_zone_rules),
	KTEST_CASE(fallback_follows_zonelist),
	KTEST_CASE(memmap_is_node_local),
	KTEST_CASE(min_watermark_reserved_for_atomic));
