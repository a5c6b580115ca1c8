/*
 * mm/page_alloc.c - the zoned buddy allocator.
 *
 * Teaches: the buddy system.  A free block of 2^order pages starting at
 * pfn (aligned to its size) has exactly one "buddy", the block at
 * pfn ^ 2^order.  Freeing a block looks at its buddy: if the buddy is free
 * too, with the same order, the two merge into one block of the next
 * order, and so on up to MAX_ORDER-1.  Allocating takes the smallest free
 * block that is large enough and splits it, putting the unused halves
 * back ("expand").  Both are O(MAX_ORDER).
 *
 * Around that core, Linux's policies:
 *  - migrate types: each 2 MiB pageblock serves one kind of allocation
 *    (unmovable, movable, reclaimable); when a kind runs out it steals a
 *    whole pageblock from another kind, largest free block first, so that
 *    kinds stay clustered and memory stays defragmentable;
 *  - CMA pageblocks (MIGRATE_CMA) serve only movable allocations, after
 *    their own kind is exhausted; their free pages do not count for the
 *    watermarks of anybody else;
 *  - watermarks: min, low, high per zone.  The fast path needs a zone
 *    above low; failing that, kswapd is woken and the slow path may go
 *    down to min (atomic and high-priority callers a bit below min);
 *  - zonelists: the order of zones to try, this node's first, then the
 *    other nodes by distance (build_all_zonelists).
 *
 * Each zone's free lists are protected by zone->lock, taken with
 * interrupts off.  A free block is recognised by PG_buddy on its first
 * page, whose `private` holds the order; the other pages of the block
 * are untouched (that is what makes merging cheap).
 *
 * Linux counterpart: mm/page_alloc.c.
 */
#include "mm/page_alloc.h"

#include "arch/x86/stacktrace.h"
#include "kernel/errno.h"
#include "lib/kstrtox.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/numa.h"

unsigned long totalram_pages;
unsigned long nr_kernel_pages;
int min_free_kbytes;
static int user_min_free_kbytes = -1;

static int
set_min_free_kbytes(const char *val)
{
	int v;

	if (!val || kstrtoint(val, 0, &v) || v < 0 || v > 1 << 22)
		return -EINVAL;
	user_min_free_kbytes = v;
	return 0;
}
early_param("min_free_kbytes", set_min_free_kbytes);

/* ---- pageblocks -------------------------------------------------------- */

static u8 *
pageblock_slot(struct zone *zone, unsigned long pfn)
{
	return &zone->pageblock_flags[(pfn >> pageblock_order) -
				      (zone->zone_start_pfn >> pageblock_order)];
}

unsigned long
get_pageblock_migratetype(const struct page *page)
{
	return *pageblock_slot(page_zone(page), page_to_pfn(page));
}

void
set_pageblock_migratetype(struct page *page, int migratetype)
{
	*pageblock_slot(page_zone(page), page_to_pfn(page)) = migratetype;
}

/* ---- free lists -------------------------------------------------------- */

static unsigned int
buddy_order(const struct page *page)
{
	return page->private;
}

static void
account_free(struct zone *zone, long pages, int mt)
{
	if (mt == MIGRATE_ISOLATE)	/* isolated pages are not usable */
		return;
	zone->free_pages += pages;
	if (mt == MIGRATE_CMA)
		zone->free_cma_pages += pages;
}

static void
add_to_free_list(struct page *page, struct zone *zone, unsigned int order,
		 int mt)
{
	page->private = order;
	page_set_flag(page, PG_buddy);
	list_add(&page->lru, &zone->free_area[order].free_list[mt]);
	zone->free_area[order].nr_free++;
	account_free(zone, 1L << order, mt);
}

static void
del_from_free_list(struct page *page, struct zone *zone, unsigned int order,
		   int mt)
{
	list_del(&page->lru);
	page_clear_flag(page, PG_buddy);
	page->private = 0;
	zone->free_area[order].nr_free--;
	account_free(zone, -(1L << order), mt);
}

/* Same zone of the same node: the top bits of flags agree. */
static bool
same_zone(const struct page *a, const struct page *b)
{
	return page_to_nid(a) == page_to_nid(b) &&
	       page_zonenum(a) == page_zonenum(b);
}

static bool
page_is_buddy(const struct page *page, const struct page *buddy,
	      unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order &&
	       same_zone(page, buddy);
}

static bool
is_special_mt(int mt)
{
	return mt == MIGRATE_ISOLATE || mt == MIGRATE_CMA;
}

/* Free one block, merging with its buddies.  Caller holds zone->lock. */
static void
__free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		unsigned int order, int mt)
{
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;
		int buddy_mt;

		if (!zone_spans_pfn(zone, buddy_pfn) || !pfn_valid(buddy_pfn))
			break;
		buddy = pfn_to_page(buddy_pfn);
		if (!page_is_buddy(page, buddy, order))
			break;
		buddy_mt = get_pageblock_migratetype(buddy);
		/* Never merge isolated or CMA blocks with other kinds. */
		if (order >= pageblock_order && buddy_mt != mt &&
		    (is_special_mt(mt) || is_special_mt(buddy_mt)))
			break;
		del_from_free_list(buddy, zone, order, buddy_mt);
		if (buddy_pfn < pfn) {
			page = buddy;
			pfn = buddy_pfn;
		}
		order++;
	}
	add_to_free_list(page, zone, order, mt);
}

void
__free_pages_core(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long flags = spin_lock_irqsave(&zone->lock);

	__free_one_page(page, page_to_pfn(page), zone, order,
			get_pageblock_migratetype(page));
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* Split a block of order high down to order low; halves go back free. */
static void
expand(struct zone *zone, struct page *page, unsigned int low,
       unsigned int high, int mt)
{
	while (high > low) {
		high--;
		add_to_free_list(page + (1UL << high), zone, high, mt);
	}
}

static struct page *
__rmqueue_smallest(struct zone *zone, unsigned int order, int mt)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct page *page = list_first_entry_or_null(
			&zone->free_area[o].free_list[mt], struct page, lru);

		if (!page)
			continue;
		del_from_free_list(page, zone, o, mt);
		expand(zone, page, order, o, mt);
		return page;
	}
	return NULL;
}

unsigned long
move_freepages_block(struct zone *zone, struct page *page, int mt)
{
	unsigned long start = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	unsigned long end = start + pageblock_nr_pages;
	unsigned long moved = 0;

	start = max(start, zone->zone_start_pfn);
	end = min(end, zone_end_pfn(zone));
	for (unsigned long pfn = start; pfn < end;) {
		struct page *p = pfn_to_page(pfn);
		unsigned int order;
		int old;

		if (!pfn_valid(pfn) || !PageBuddy(p) || !same_zone(p, page)) {
			pfn++;
			continue;
		}
		order = buddy_order(p);
		/*
		 * A block larger than a pageblock would be moved whole while
		 * only this pageblock changes type.  No caller meets one yet
		 * (stealing moves only pageblocks with smaller blocks);
		 * isolation (memory offlining) must split it first.
		 */
		if (order > pageblock_order) {
			pfn += 1UL << order;
			continue;
		}
		old = get_pageblock_migratetype(p);
		list_move(&p->lru, &zone->free_area[order].free_list[mt]);
		account_free(zone, -(1L << order), old);
		account_free(zone, 1L << order, mt);
		moved += 1UL << order;
		pfn += 1UL << order;
	}
	return moved;
}

/* Who may steal from whom, in order of preference (Linux's table). */
static const int fallbacks[MIGRATE_TYPES][2] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

/*
 * Out of our own kind: take the largest free block of another kind and
 * claim its whole pageblock (or pageblocks) for our kind, so the next
 * allocations of our kind find room in the same place.
 */
static bool
steal_pageblock(struct zone *zone, unsigned int order, int start_mt)
{
	/* CMA and isolated pageblocks are made, never taken. */
	if (start_mt >= MIGRATE_CMA)
		return false;
	for (int o = MAX_ORDER - 1; o >= (int)order; o--) {
		for (int i = 0; i < 2; i++) {
			int mt = fallbacks[start_mt][i];
			struct page *page = list_first_entry_or_null(
				&zone->free_area[o].free_list[mt], struct page, lru);

			if (!page)
				continue;
			if (o >= pageblock_order) {
				unsigned long pfn = page_to_pfn(page);

				del_from_free_list(page, zone, o, mt);
				for (unsigned long b = 0; b < (1UL << o);
				     b += pageblock_nr_pages)
					set_pageblock_migratetype(pfn_to_page(pfn + b),
								  start_mt);
				add_to_free_list(page, zone, o, start_mt);
			} else {
				move_freepages_block(zone, page, start_mt);
				set_pageblock_migratetype(page, start_mt);
			}
			return true;
		}
	}
	return false;
}

static struct page *
__rmqueue(struct zone *zone, unsigned int order, int mt,
	  unsigned int alloc_flags)
{
	struct page *page = __rmqueue_smallest(zone, order, mt);

	if (page)
		return page;
	if (alloc_flags & ALLOC_CMA) {
		page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (page)
			return page;
	}
	if (steal_pageblock(zone, order, mt))
		return __rmqueue_smallest(zone, order, mt);
	return NULL;
}

/* ---- watermarks -------------------------------------------------------- */

bool
zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		  int highest_zoneidx, unsigned int alloc_flags)
{
	long free = (long)z->free_pages - ((1L << order) - 1);
	long min = mark;

	if (!(alloc_flags & ALLOC_CMA))
		free -= z->free_cma_pages;
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
		for (int mt = MIGRATE_UNMOVABLE; mt <= MIGRATE_RECLAIMABLE; mt++)
			if (!list_empty(&area->free_list[mt]))
				return true;
		if ((alloc_flags & ALLOC_CMA) &&
		    !list_empty(&area->free_list[MIGRATE_CMA]))
			return true;
	}
	return false;
}

unsigned long
zone_page_state_free(const struct zone *z)
{
	return z->free_pages;
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

unsigned long
global_free_pages(void)
{
	unsigned long sum = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		sum += node_free_pages(nid);
	return sum;
}

static unsigned long
int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << 62;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/*
 * min_free_kbytes = sqrt(lowmem KiB * 16), clamped to [128, 65536]; each
 * kernel zone gets a share of it by its managed pages: that is its min.
 * Movable-only zones (Movable, CMA) serve no emergency, so their min is
 * capped to a small value, as Linux does.  low and high add one and two
 * steps of max(share/4, 0.1% of the zone).
 */
static bool
is_movable_only(const struct zone *zone)
{
	return zone->idx == ZONE_MOVABLE || zone->idx == ZONE_CMA;
}

void
setup_per_zone_wmarks(void)
{
	unsigned long lowmem_pages = 0, pages_min;
	struct zone *zone;

	nr_kernel_pages = 0;
	for_each_zone(zone) {
		if (zone->idx <= ZONE_NORMAL)
			nr_kernel_pages += zone->managed_pages;
		if (!is_movable_only(zone))
			lowmem_pages += zone->managed_pages;
	}
	if (user_min_free_kbytes >= 0) {
		min_free_kbytes = user_min_free_kbytes;
	} else {
		unsigned long kb = int_sqrt(nr_kernel_pages * (PAGE_SIZE >> 10) * 16);

		min_free_kbytes = min(max(kb, 128UL), 65536UL);
	}
	pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);

	for_each_zone(zone) {
		unsigned long tmp, step;

		tmp = lowmem_pages ? pages_min * zone->managed_pages / lowmem_pages : 0;
		if (is_movable_only(zone))
			zone->_watermark[WMARK_MIN] =
				min(max(zone->managed_pages / 1024, 32UL), 128UL);
		else
			zone->_watermark[WMARK_MIN] = tmp;
		step = max(tmp >> 2, zone->managed_pages * 10 / 10000);
		zone->_watermark[WMARK_LOW] = zone->_watermark[WMARK_MIN] + step;
		zone->_watermark[WMARK_HIGH] = zone->_watermark[WMARK_LOW] + step;
	}
	setup_per_zone_lowmem_reserve();
}

bool
min_free_kbytes_is_user_set(void)
{
	return user_min_free_kbytes >= 0;
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

/* ---- kswapd (reclaim comes with a later issue) -------------------------- */

static void
wakeup_kswapd(struct zone *zone, unsigned int order)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	unsigned long free = node_free_pages(pgdat->node_id);

	if (!pgdat->kswapd_wakeups++) {
		pgdat->kswapd_free_at_first_wakeup = free;
		pr_info("kswapd%d: first wake-up: zone %s below its low watermark "
			"(free %lu, low %lu), node free %lu kB\n",
			pgdat->node_id, zone->name, zone->free_pages,
			low_wmark_pages(zone), free << (PAGE_SHIFT - 10));
	}
	pgdat->kswapd_last_free = free;
	pgdat->kswapd_last_zone = zone->idx;
	(void)order;
}

/* ---- allocation -------------------------------------------------------- */

static void
bad_page(struct page *page, const char *reason)
{
	pr_emerg("BUG: Bad page state: pfn:%#lx flags:%#lx refcount:%d: %s\n",
		 page_to_pfn(page), page->flags, page->_refcount, reason);
	dump_stack();
}

static void
prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	if (page->_refcount)
		bad_page(page, "allocating a page in use");
	page->_refcount = 1;
	page->private = 0;
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

static struct page *
rmqueue(struct zone *zone, unsigned int order, int mt, unsigned int alloc_flags)
{
	unsigned long flags = spin_lock_irqsave(&zone->lock);
	struct page *page = __rmqueue(zone, order, mt, alloc_flags);

	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

static struct page *
get_page_from_freelist(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
		       struct zonelist *zonelist, int highest_zoneidx)
{
	int mt = gfp_migratetype(gfp);

	for (struct zone **zp = zonelist->zones; *zp; zp++) {
		struct zone *zone = *zp;
		struct page *page;

		if ((int)zone->idx > highest_zoneidx)
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_ok(zone, order,
				       zone->_watermark[alloc_flags & ALLOC_WMARK_MASK],
				       highest_zoneidx, alloc_flags))
			continue;
		page = rmqueue(zone, order, mt, alloc_flags);
		if (page) {
			prep_new_page(page, order, gfp);
			return page;
		}
		zone->alloc_fails++;
	}
	return NULL;
}

static void
wake_all_kswapds(unsigned int order, struct zonelist *zonelist,
		 int highest_zoneidx)
{
	int last_nid = -1;

	for (struct zone **zp = zonelist->zones; *zp; zp++) {
		if ((int)(*zp)->idx > highest_zoneidx || (*zp)->node == last_nid)
			continue;
		last_nid = (*zp)->node;
		wakeup_kswapd(*zp, order);
	}
}

struct page *
__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid)
{
	int highest = gfp_zone(gfp);
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct zonelist *zonelist;
	struct page *page;

	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("page allocation: order %u is beyond MAX_ORDER-1 (%d)\n",
				order, MAX_ORDER - 1);
		return NULL;
	}
	if (preferred_nid < 0 || preferred_nid >= MAX_NUMNODES ||
	    !NODE_DATA(preferred_nid))
		preferred_nid = numa_node_id();
	zonelist = &NODE_DATA(preferred_nid)->node_zonelists[
		gfp & __GFP_THISNODE ? ZONELIST_NOFALLBACK : ZONELIST_FALLBACK];
	if (gfp_migratetype(gfp) == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;

	page = get_page_from_freelist(gfp, order, alloc_flags, zonelist, highest);
	if (page)
		return page;

	/* Slow path: wake reclaim, then dig down to the min watermark. */
	wake_all_kswapds(order, zonelist, highest);
	alloc_flags = (alloc_flags & ALLOC_CMA) | ALLOC_WMARK_MIN;
	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (gfp & __GFP_ATOMIC)
		alloc_flags |= ALLOC_HARDER;
	page = get_page_from_freelist(gfp, order, alloc_flags, zonelist, highest);
	if (!page && !(gfp & __GFP_NOWARN))
		pr_warn("page allocation failure: order:%u, mode:%#x, node %d\n",
			order, gfp, preferred_nid);
	return page;
}

struct page *
alloc_pages_zone(struct zone *zone, unsigned int order, int mt)
{
	struct page *page = rmqueue(zone, order, mt, mt == MIGRATE_MOVABLE ? ALLOC_CMA : 0);

	if (page)
		prep_new_page(page, order, 0);
	return page;
}

struct page *
alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, nid);
}

struct page *
alloc_pages(gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, numa_node_id());
}

void
__free_pages(struct page *page, unsigned int order)
{
	struct zone *zone;
	unsigned long flags;

	if (PageBuddy(page) || PageReserved(page) || page->_refcount <= 0) {
		bad_page(page, PageBuddy(page) ? "double free" :
			       PageReserved(page) ? "freeing a reserved page" :
			       "freeing a page with no reference");
		return;
	}
	if (--page->_refcount)
		return;
	zone = page_zone(page);
	flags = spin_lock_irqsave(&zone->lock);
	__free_one_page(page, page_to_pfn(page), zone, order,
			get_pageblock_migratetype(page));
	spin_unlock_irqrestore(&zone->lock, flags);
}

unsigned long
__get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

void
free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

bool
take_free_page(unsigned long pfn)
{
	struct page *target = pfn_to_page(pfn);
	struct zone *zone = page_zone(target);
	unsigned long flags = spin_lock_irqsave(&zone->lock);
	bool found = false;

	/* The free block containing pfn starts at pfn rounded to its order. */
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long head_pfn = ALIGN_DOWN(pfn, 1UL << order);
		struct page *head = pfn_to_page(head_pfn);
		int mt;

		if (!zone_spans_pfn(zone, head_pfn) || !PageBuddy(head) ||
		    buddy_order(head) < order)
			continue;
		if (buddy_order(head) != order)
			continue;
		mt = get_pageblock_migratetype(head);
		del_from_free_list(head, zone, order, mt);
		/* Give back every part except the page at pfn. */
		for (unsigned int o = order; o > 0; o--) {
			unsigned long half = 1UL << (o - 1);

			if (pfn >= head_pfn + half) {
				add_to_free_list(head, zone, o - 1, mt);
				head += half;
				head_pfn += half;
			} else {
				add_to_free_list(head + half, zone, o - 1, mt);
			}
		}
		target->_refcount = 1;
		found = true;
		break;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return found;
}

/* ---- zonelists ----------------------------------------------------------- */

static void
build_zonelists(pg_data_t *pgdat)
{
	int order[MAX_NUMNODES];
	int n = numa_fallback_order(pgdat->node_id, order);
	struct zone **fb = pgdat->node_zonelists[ZONELIST_FALLBACK].zones;
	struct zone **own = pgdat->node_zonelists[ZONELIST_NOFALLBACK].zones;

	for (int i = 0; i < n; i++) {
		pg_data_t *other = NODE_DATA(order[i]);

		if (!other)
			continue;
		/* Highest zone first: keep the low zones for those who need them. */
		for (int z = MAX_NR_ZONES - 1; z >= 0; z--) {
			struct zone *zone = &other->node_zones[z];

			if (!populated_zone(zone))
				continue;
			*fb++ = zone;
			if (other == pgdat)
				*own++ = zone;
		}
	}
	*fb = NULL;
	*own = NULL;
}

void
build_all_zonelists(void)
{
	unsigned int nr = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid))
			continue;
		build_zonelists(NODE_DATA(nid));
		nr++;
	}
	numa_print_fallback();
	pr_info("Built %u zonelists, mobility grouping on.  Total pages: %lu\n",
		nr, totalram_pages);
}
