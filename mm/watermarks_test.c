/*
 * mm/watermarks_test.c - ktest suite "watermarks": min_free_kbytes, the
 * per-zone min/low/high watermarks and the lowmem reserves.
 *
 * Each rule is checked twice over, never by calling mm/watermarks.c's
 * own arithmetic: once by a formula recomputed here from Linux 6.1's
 * documentation (an integer square root of our own, every zone's share
 * by managed pages, the lowmem_reserve ratios), once against tables
 * worked out by hand from the e820 map QEMU gives each topology.  A
 * min_free_kbytes= larger than memory must be capped, with the CMA
 * pageblocks left out of what the kernel may use.
 *
 * Teaches: what the watermarks are for (below low kswapd wakes, below
 * min only atomic requests may allocate) and how Linux sizes them.
 * Linux counterpart: none (the rules live in mm/page_alloc.c,
 * __setup_per_zone_wmarks and setup_per_zone_lowmem_reserve).
 */
#include "arch/x86/e820.h"
#include "boot/bootinfo.h"
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/cma.h"
#include "mm/gfp.h"
#include "mm/mm_init.h"
#include "mm/mm_ktest.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"
#include "mm/sparse.h"

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

/* Linux 6.1's clamp of min_free_kbytes. */
static unsigned long
clamp_min_free(unsigned long kb)
{
	return kb < 128 ? 128 : kb > 262144 ? 262144 : kb;
}

/*
 * The formula, recomputed independently, in Linux 6.1's boot order (its
 * init_per_zone_wmark_min(), then hugepage_init()'s second pass when RAM
 * is 512 MiB or more): min_free_kbytes = isqrt(16 x KiB managed by DMA,
 * DMA32, Normal) in [128, 262144]; every zone's min, Movable and CMA too,
 * is its share by managed pages among ALL zones (x86-64 Linux has no
 * highmem); low and high add one and two steps of max(min/4,
 * managed/1000); then, on 512 MiB or more, min_free_kbytes again from
 * the kernel zones' managed pages above those first high watermarks,
 * and the watermarks from that.  A min_free_kbytes= above a quarter of
 * the kernel zones is capped there (our rule, so that boot survives).
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
	expect_kb = clamp_min_free(isqrt_newton(kernel * 4 * 16));
	if (all >= 512UL * 256) {
		unsigned long above_high = 0, first_min = expect_kb / 4;

		for_each_zone(zone) {
			unsigned long m = zone->managed_pages;
			unsigned long min = first_min * m / all;
			unsigned long high = min + 2 * max(min / 4, m / 1000);

			if (zone->idx <= ZONE_NORMAL && m > high)
				above_high += m - high;
		}
		expect_kb = clamp_min_free(isqrt_newton(above_high * 4 * 16));
	}
	if (min_free_kbytes_user() >= 0) {
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
 * tables): less than 32 MiB = 8,192 pages on both.  Both have 512 MiB
 * or more, so min_free_kbytes is computed twice (watermarks_follow_formula
 * says how); the first pass is the plain root of the managed KiB:
 *   2s:  isqrt(16 x 2,096,632) = 5,791 (5,792^2 = 33,547,264 is too big);
 *        isqrt(16 x (2,096,632 - 32,768)) = isqrt(33,021,824) = 5,746;
 *        first pages_min in [1,436, 1,447].  Its high watermarks, summed
 *        over the three kernel zones: the mins add up to pages_min less
 *        at most 1 per zone of rounding, [1,433, 1,447]; the steps are
 *        managed/1000 (min/4 is smaller), DMA [0, 3], DMA32 [249, 258]
 *        and [253, 262]: sum of highs in [1,433 + 2 x 502, 1,447 + 2 x
 *        523] = [2,437, 2,493].  Second pass: isqrt(64 x (515,966 -
 *        2,493)) = isqrt(32,862,272) = 5,732 to isqrt(64 x (524,158 -
 *        2,437)) = isqrt(33,390,144) = 5,778 (5,779^2 = 33,396,841);
 *        pages_min in [1,433, 1,444];
 *        DMA32 node 0 min in [1,433 x 249,856 / 524,158,
 *                             1,444 x 258,048 / 515,966] = [683, 722],
 *        DMA32 node 1 min in [1,433 x 253,920 / 524,158,
 *                             1,444 x 262,112 / 515,966] = [694, 733],
 *        DMA min at most 1,444 x 3,998 / 515,966 = 11,
 *        and min/4 (< 184) is below managed/1000 (>= 249), so the step
 *        low - min = high - low is managed/1000: [249, 258] resp.
 *        [253, 262];
 *   uma: first pass isqrt(16 x 1,048,056) = 4,094, isqrt(16 x
 *        1,015,288) = 4,030, pages_min [1,007, 1,023]: DMA high at most
 *        16 + 2 x 4 = 24, DMA32 high in [960 + 2 x 249, 1,023 + 2 x
 *        258] = [1,458, 1,539]: sum [1,458, 1,563].  Second pass:
 *        isqrt(64 x (253,822 - 1,563)) = isqrt(16,144,576) = 4,018,
 *        isqrt(64 x (262,014 - 1,458)) = isqrt(16,675,584) = 4,083;
 *        pages_min in [1,004, 1,020]; DMA32 min in [1,004 x 249,824 /
 *        262,014 = 957.3, 1,020] (a share is never above pages_min);
 *        the step is max(min/4 <= 255, managed/1000 in [249, 258]):
 *        [249, 258].
 * lowmem_reserve of DMA against DMA32 and above: DMA32's managed / 256,
 *   2s: [249,856 / 256, 258,048 / 256] = [976, 1,008];
 *   uma: [249,824 / 256, 258,016 / 256] = [975, 1,007].
 *
 * 2s with kernelcore=10% (Linux's split, tests/linux/2s-kernelcore-10pct):
 * node 0 keeps DMA (3,998) + DMA32 pfn 4096..26623 (22,528), Movable
 * 26624..262143 (235,520); node 1 DMA32 262144..288767 (26,624), Movable
 * 288768..524255 (235,488).  Kernel zones 53,150 pages = 212,600 KiB,
 * all zones at least 515,966 pages (>= 512 MiB: two passes).  First
 * pass isqrt(16 x 212,600) = 1,844 (1,845^2 = 3,404,025 > 3,401,600);
 * with 32 MiB kept isqrt(16 x 179,832) = 1,696; pages_min [424, 461].
 * Its kernel-zone highs (shares of ALL pages, so small): DMA [0, 3 + 2
 * x 3 = 9], DMA32 0 [11 + 2 x 14 = 39, 20 + 2 x 22 = 64], DMA32 1 [14 +
 * 2 x 18 = 50, 23 + 2 x 26 = 75]: sum [89, 148].  Second pass: isqrt(64
 * x (44,958 - 148)) = isqrt(2,867,840) = 1,693, isqrt(64 x (53,150 -
 * 89)) = isqrt(3,395,904) = 1,842; pages_min in [423, 460].
 * Every zone's min is its share of ALL managed pages ([515,966, 524,158]):
 *   Movable 0: [423 x 227,328 / 524,158 = 183.5, 460 x 235,520 / 515,966
 *     = 209.97] = [183, 209], step managed/1000 (> min/4): [227, 235];
 *   Movable 1: [423 x 227,296 / 524,158, 460 x 235,488 / 515,966]
 *     = [183, 209], step [227, 235];
 *   DMA32 0: [423 x 14,336 / 524,158 = 11.6, 460 x 22,528 / 515,966 =
 *     20.1] = [11, 20], step max(min/4, managed/1000) in [14, 22];
 *   DMA32 1: [423 x 18,432 / 524,158 = 14.9, 460 x 26,624 / 515,966 =
 *     23.7] = [14, 23], step [18, 26]; DMA: min and step in [0, 3].
 *   (Pagoda's old rule, Movable min = managed/1024 in [32, 128] and the
 *   kernel zones sharing all of pages_min, gave Movable 128 and DMA32 0
 *   about 424 x 22,528 / 53,150 = 179.)  DMA keeps (DMA32 + Movable of
 *   node 0) / 256 from Movable requests: [976, 1,008] as on 2s.
 */
struct wmark_expect {
	int nid;
	enum zone_type zone;
	unsigned long present, min_lo, min_hi, step_lo, step_hi;
};

/* kernelcore=10% on 2s: the Movable zones get their share. */
static const struct wmark_expect wmarks_2s_kernelcore_10pct[] = {
	{ 0, ZONE_DMA, 3998, 0, 3, 0, 3 },
	{ 0, ZONE_DMA32, 22528, 11, 20, 14, 22 },
	{ 0, ZONE_MOVABLE, 235520, 183, 209, 227, 235 },
	{ 1, ZONE_DMA32, 26624, 14, 23, 18, 26 },
	{ 1, ZONE_MOVABLE, 235488, 183, 209, 227, 235 },
};

static const struct wmark_expect wmarks_2s[] = {
	{ 0, ZONE_DMA, 3998, 0, 11, 0, 3 },
	{ 0, ZONE_DMA32, 258048, 683, 722, 249, 258 },
	{ 1, ZONE_DMA32, 262112, 694, 733, 253, 262 },
};

static const struct wmark_expect wmarks_uma[] = {
	{ 0, ZONE_DMA, 3998, 0, 16, 0, 4 },
	{ 0, ZONE_DMA32, 258016, 957, 1020, 249, 258 },
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

	if (cma_area_count || (min_free_kbytes_user() >= 0) ||
	    required_movablecore || movable_node_enabled ||
	    (required_kernelcore && !kernelcore_10pct))
		ktest_skip(t, "the hand tables are for the default boot and "
			   "kernelcore=10%%");
	if (!mm_ktest_qemu_kernel_boot())
		ktest_skip(t, "the hand tables are for qemu -kernel's e820 map");
	if (two_nodes && kernelcore_10pct) {
		e = wmarks_2s_kernelcore_10pct;
		n = ARRAY_SIZE(wmarks_2s_kernelcore_10pct);
		kb_lo = 1693, kb_hi = 1842, reserve_lo = 976, reserve_hi = 1008;
		reserve_from = ZONE_MOVABLE;
	} else if (kernelcore_10pct) {
		ktest_skip(t, "kernelcore=10%% has a hand table for 2s only");
	} else if (two_nodes) {
		e = wmarks_2s, n = ARRAY_SIZE(wmarks_2s);
		kb_lo = 5732, kb_hi = 5778, reserve_lo = 976, reserve_hi = 1008;
	} else if (ktest_mem_mb == 1024 && ktest_nodes == 1) {
		e = wmarks_uma, n = ARRAY_SIZE(wmarks_uma);
		kb_lo = 4018, kb_hi = 4083, reserve_lo = 975, reserve_hi = 1007;
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

	if (!(min_free_kbytes_user() >= 0))
		ktest_skip(t, "boot without min_free_kbytes=");
	usable_kb = kernel_usable_kb();
	KT_EXPECT_LE(t, min_free_kbytes, min_free_kbytes_user());
	KT_EXPECT_LE(t, (unsigned long)min_free_kbytes, usable_kb / 4);
	if ((unsigned long)min_free_kbytes_user() > usable_kb / 4 &&
	    ktest_mem_mb == 2048 && !strcmp(ktest_node_mem_mb, "1024,1024") &&
	    !cma_area_count && mm_ktest_qemu_kernel_boot()) {
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
 * The formula at machine sizes no QEMU preset reaches, worked by hand:
 * 4 x sqrt(KiB) stays within [128, 262144] in Linux 6.1.
 *	1 page (4 KiB):  4 x 2 = 8, raised to 128.
 *	16 GiB:	16 x 2^20 KiB, sqrt = 4096, x 4 = 16384.
 *	1 TiB:	2^30 KiB, sqrt = 32768, x 4 = 131072: past the 65536 that
 *		kernels before 5.x stopped at.
 *	16 TiB:	2^34 KiB, sqrt = 131072, x 4 = 524288, kept at 262144.
 */
static void
min_free_kbytes_formula_limits(struct ktest *t)
{
	const unsigned long pages_per_gib = 1UL << 18;

	KT_EXPECT_EQ(t, min_free_kbytes_for(1), 128);
	KT_EXPECT_EQ(t, min_free_kbytes_for(16 * pages_per_gib), 16384);
	KT_EXPECT_EQ(t, min_free_kbytes_for(1024 * pages_per_gib), 131072);
	KT_EXPECT_EQ(t, min_free_kbytes_for(16384 * pages_per_gib), 262144);
}

KTEST_SUITE(watermarks,
	KTEST_CASE(min_free_kbytes_formula_limits),
	KTEST_CASE(watermarks_follow_formula),
	KTEST_CASE(watermarks_by_hand),
	KTEST_CASE(min_free_kbytes_capped),
	KTEST_CASE(lowmem_reserve_formula));
