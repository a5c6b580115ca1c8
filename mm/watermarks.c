/*
 * mm/watermarks.c - how much memory each zone keeps free, and for whom.
 *
 * Teaches: an allocator that hands out its very last page cannot serve
 * the interrupt handler that needs one to make progress, nor the reclaim
 * code that would free memory.  So every zone has three watermarks:
 *
 *   min   ordinary requests stop here; atomic and __GFP_HIGH callers
 *         may go a little below it;
 *   low   below it the allocator wakes kswapd (background reclaim);
 *   high  kswapd reclaims until the zone is back above it.
 *
 * All three derive from one number, min_free_kbytes: the integer square
 * root of 16 x (kernel-usable memory in KiB), clamped to [128, 262144]
 * as in Linux 6.1 (kernels before 5.x capped it at 65536), so it grows
 * slower than memory.  Only DMA, DMA32 and Normal count for that root,
 * each less its high watermark (Linux's nr_free_buffer_pages: what
 * GFP_USER can use without waking kswapd), and Linux computes it twice
 * at boot, the second time with the first watermarks in place (see
 * setup_per_zone_wmarks).  Every zone,
 * Movable and CMA included, then gets min = its share of it by managed
 * pages among ALL zones; low and high add one and two steps of
 * max(min/4, 0.1% of the zone).
 *
 * lowmem_reserve: a low zone (DMA, DMA32) also keeps pages back from
 * requests that could have used a higher zone, so that a device limited
 * to 32-bit addresses still finds memory when GFP_KERNEL has eaten the
 * rest.
 *
 * Linux counterpart: mm/page_alloc.c (__setup_per_zone_wmarks,
 * __zone_watermark_ok, setup_per_zone_lowmem_reserve,
 * init_per_zone_wmark_min, calculate_min_free_kbytes,
 * nr_free_buffer_pages), mm/khugepaged.c (set_recommended_min_free_kbytes).
 */
#include "mm/page_alloc.h"

#include "kernel/errno.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/int_sqrt.h"

int min_free_kbytes;
static int user_min_free_kbytes = -1;

/*
 * -1: not given.  The range makes a bad value an error that says what
 * would have been right ("min_free_kbytes: 5000000000 is out of range
 * 0-1073741824"); 1 TiB is far above any machine we boot, and larger
 * values are capped to what the kernel zones hold anyway (below).
 */
early_param_range("min_free_kbytes", user_min_free_kbytes, PARAM_INT,
		  0, 1 << 30, "KiB the watermarks keep free (default: "
		  "sqrt(16 x kernel-zone KiB))");
/*
 * Linux has no min_free_kbytes= but sets any sysctl from the command
 * line (after freeing its init memory); the same parameter under
 * Linux's name, with the same range.
 */
early_param_range("sysctl.vm.min_free_kbytes", user_min_free_kbytes,
		  PARAM_INT, 0, 1 << 30, "Linux's spelling of min_free_kbytes=");

bool
zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		  int highest_zoneidx, unsigned int alloc_flags)
{
	long free = (long)z->free_pages - ((1L << order) - 1);
	long min = mark;

	if (!(alloc_flags & ALLOC_CMA))
		free -= z->free_cma_pages;
	/*
	 * The high-order atomic reserve is for high-order atomic requests
	 * only: everybody else counts it as used.
	 */
	if (!(alloc_flags & ALLOC_HARDER))
		free -= z->nr_reserved_highatomic;
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free <= min + (long)z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	/* Enough pages in total; is there a block large enough? */
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (int mt = MIGRATE_UNMOVABLE; mt < MIGRATE_PCPTYPES; mt++)
			if (!list_empty(&area->free_list[mt]))
				return true;
		if ((alloc_flags & ALLOC_CMA) &&
		    !list_empty(&area->free_list[MIGRATE_CMA]))
			return true;
		if ((alloc_flags & ALLOC_HARDER) &&
		    !list_empty(&area->free_list[MIGRATE_HIGHATOMIC]))
			return true;
	}
	return false;
}

unsigned long
node_free_pages_upto(int nid, enum zone_type highest)
{
	unsigned long sum = 0;
	struct zone *zone;

	if (!NODE_DATA(nid))
		return 0;
	for_each_zone_in_node(zone, NODE_DATA(nid))
		if (zone->idx <= highest)
			sum += zone->free_pages;
	return sum;
}

unsigned long
node_free_pages(int nid)
{
	return node_free_pages_upto(nid, MAX_NR_ZONES - 1);
}

/*
 * Every free page of the machine, those waiting on the per-CPU lists
 * included: a refill or a drain moves pages without changing this sum,
 * only allocations and frees do.  (zone->free_pages, the watermarks and
 * node_free_pages leave the per-CPU lists out, as Linux's NR_FREE_PAGES
 * does.)
 */
unsigned long
global_free_pages(void)
{
	unsigned long sum = 0;
	struct zone *zone;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		sum += node_free_pages(nid);
	for_each_zone(zone)
		sum += zone_pcp_pages(zone);
	return sum;
}

/* The zones GFP_KERNEL may use: DMA, DMA32, Normal. */
static bool
is_kernel_zone(const struct zone *zone)
{
	return zone->idx <= ZONE_NORMAL;
}

/*
 * min_free_kbytes= is the administrator's number, but one larger than
 * memory would put every zone's min above its free pages: no ordinary
 * allocation could succeed and the boot would die in its first
 * kmem_cache_init().  Keep at least three quarters of what kernel
 * allocations can use (the kernel zones less their CMA pageblocks)
 * usable; low and high lie above min, so even then the fast path keeps
 * more than half of it.  Since Movable and CMA zones take their share
 * too, the kernel zones' mins add up to less than pages_min: the cap
 * is only safer.  (A huge value also raises those zones' mins, each to
 * at most a quarter of its own pages; they serve no kernel request.)
 */
#define MIN_FREE_MAX_FRACTION	4	/* min_free_kbytes <= kernel / 4 */

static unsigned long
user_min_free_capped(void)
{
	unsigned long kernel_pages = 0, cma_pages = 0, cap;
	struct zone *zone;

	for_each_zone(zone) {
		if (!is_kernel_zone(zone))
			continue;
		kernel_pages += zone->managed_pages;
		/*
		 * MIGRATE_CMA pageblocks (cma_policy=migratetype and
		 * migratetype-2017): managed, but no kernel request may use
		 * them.  Under cma_policy=zone they are a zone of their own.
		 */
		cma_pages += zone->cma_pages;
	}
	kernel_pages -= cma_pages;
	cap = (kernel_pages << (PAGE_SHIFT - 10)) / MIN_FREE_MAX_FRACTION;
	if ((unsigned long)user_min_free_kbytes <= cap)
		return user_min_free_kbytes;
	pr_warn("min_free_kbytes=%d is more than a quarter of the %lu kB the "
		"kernel zones manage; using %lu kB", user_min_free_kbytes,
		kernel_pages << (PAGE_SHIFT - 10), cap);
	if (cma_pages)
		pr_cont(", their CMA pageblocks (%lu kB) left out",
			cma_pages << (PAGE_SHIFT - 10));
	pr_cont("\n");
	return cap;
}

/*
 * Linux's nr_free_buffer_pages(): what GFP_USER could take without
 * pushing a kernel zone below its high watermark, i.e. the sum over DMA,
 * DMA32 and Normal of managed - high (a zone already at or under high
 * counts 0).  Before the first watermarks exist, high is 0 and this is
 * simply the kernel zones' managed pages.
 */
static unsigned long
kernel_pages_above_high(void)
{
	unsigned long sum = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (is_kernel_zone(zone) &&
		    zone->managed_pages > high_wmark_pages(zone))
			sum += zone->managed_pages - high_wmark_pages(zone);
	return sum;
}

/*
 * Linux 6.1's rule: 4 x sqrt(lowmem KiB), kept within [128, 262144] KiB
 * (kernels before 5.x stopped at 65536, which 256 GiB of lowmem reach).
 */
unsigned long
min_free_kbytes_for(unsigned long lowmem_pages)
{
	unsigned long kb = int_sqrt(lowmem_pages * (PAGE_SIZE >> 10) * 16);

	return min(max(kb, 128UL), 262144UL);
}

/* Linux's calculate_min_free_kbytes(), on the kernel zones above high. */
static void
calculate_min_free_kbytes(void)
{
	min_free_kbytes = min_free_kbytes_for(kernel_pages_above_high());
}

/*
 * Linux 6.1 on x86-64 splits pages_min over every zone in proportion to
 * its managed pages; it gives a zone a small fixed min (managed/1024 in
 * [32, 128], kept out of the sum) only if the zone is highmem, and
 * x86-64 has no highmem.  So ZONE_MOVABLE gets its full share (the
 * golden zoneinfo of tests/linux/2s-kernelcore-10pct shows it: Movable
 * with 231,252 of ~500,000 managed pages has min 183 of pages_min 397,
 * where the small-min rule would give 128).  ZONE_CMA, which Linux does
 * not have (the 2017 proposal was never merged), is treated like
 * ZONE_MOVABLE, the zone it is modelled on: it serves the same movable
 * requests, and its share is what makes kswapd wake for it on time.
 * The kernel zones' mins therefore add up to only their share of
 * pages_min, not all of it.
 */
static void
set_wmarks_from_min_free_kbytes(unsigned long all_pages)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long share, step;

		share = all_pages ? pages_min * zone->managed_pages / all_pages : 0;
		step = max(share >> 2, zone->managed_pages * 10 / 10000);
		zone->_watermark[WMARK_MIN] = share;
		zone->_watermark[WMARK_LOW] = share + step;
		zone->_watermark[WMARK_HIGH] = share + 2 * step;
	}
}

/*
 * Below 512 MiB of RAM Linux turns transparent huge pages off for good
 * at boot (hugepage_init) and never starts or stops khugepaged.
 */
#define THP_MIN_RAM_PAGES	(512UL << (20 - PAGE_SHIFT))

/*
 * The boot sequence of Linux 6.1 (Debian's x86-64 build, THP "never"),
 * step by step, because min_free_kbytes depends on it:
 *
 *  1. init_per_zone_wmark_min(), a postcore initcall: min_free_kbytes
 *     from the kernel zones' pages above high (no watermark exists yet:
 *     all of their managed pages), then the watermarks and the lowmem
 *     reserves from it;
 *  2. hugepage_init(), a subsys initcall, on machines with 512 MiB or
 *     more: start_stop_khugepaged() finds THP off, and its
 *     set_recommended_min_free_kbytes() then computes min_free_kbytes
 *     again - now with step 1's high watermarks subtracted - and sets
 *     the watermarks again from it.
 *
 * So the value that stays is sqrt(16 x KiB of (managed - high)), a
 * little below sqrt(16 x KiB managed): 5,649 rather than 5,663 on 2s.
 * (Linux's managed pages then are those before it frees its init
 * sections and initramfs; Pagoda frees nothing later, so its are final.)
 * A min_free_kbytes= replaces the result, as Linux's sysctl does later
 * in its boot.  Calling this again (after a hot-add, say) starts from
 * the watermarks in place, as Linux's init_per_zone_wmark_min() from
 * memory hotplug does.
 */
static void
__setup_per_zone_wmarks(void)
{
	unsigned long all_pages = 0;
	struct zone *zone;

	for_each_zone(zone)
		all_pages += zone->managed_pages;
	if (user_min_free_kbytes >= 0) {
		min_free_kbytes = user_min_free_capped();
		set_wmarks_from_min_free_kbytes(all_pages);
		setup_per_zone_lowmem_reserve();
		return;
	}
	calculate_min_free_kbytes();				/* step 1 */
	set_wmarks_from_min_free_kbytes(all_pages);
	setup_per_zone_lowmem_reserve();
	if (all_pages >= THP_MIN_RAM_PAGES) {			/* step 2 */
		calculate_min_free_kbytes();
		set_wmarks_from_min_free_kbytes(all_pages);
	}
}

void
setup_per_zone_wmarks(void)
{
	__setup_per_zone_wmarks();
	/* The per-CPU lists' high follows the low watermark (as Linux). */
	zone_pcp_update_all();
}

int
min_free_kbytes_user(void)
{
	return user_min_free_kbytes;
}

/*
 * lowmem_reserve: zone i keeps (managed pages of the zones above it, up
 * to the request's highest zone) / ratio[i] pages back from requests that
 * could use those higher zones.  Linux's default ratios.
 */
static const unsigned int lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256, [ZONE_DMA32] = 256, [ZONE_NORMAL] = 32,
	[ZONE_MOVABLE] = 0, [ZONE_CMA] = 0,
};

void
setup_per_zone_lowmem_reserve(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (!pgdat)
			continue;
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			unsigned int ratio = lowmem_reserve_ratio[i];
			unsigned long upper = 0;

			for (int j = i + 1; j < MAX_NR_ZONES; j++) {
				upper += pgdat->node_zones[j].managed_pages;
				zone->lowmem_reserve[j] =
					ratio && zone->managed_pages ? upper / ratio : 0;
			}
		}
	}
}
