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
 *  - CMA pageblocks (MIGRATE_CMA) serve only movable allocations; their
 *    free pages do not count for the watermarks of anybody else.  When
 *    a movable request uses them depends on cma_policy (mm/cma.c);
 *  - the high-order atomic reserve (MIGRATE_HIGHATOMIC): pageblocks set
 *    aside for high-order requests that cannot wait, given back under
 *    pressure;
 *  - watermarks (mm/watermarks.c): the fast path needs a zone above
 *    low; failing that, kswapd is woken and the slow path may go down to
 *    min (atomic and high-priority callers a bit below min);
 *  - zonelists: the order of zones to try, this node's first, then the
 *    other nodes by distance (mm/zonelist.c);
 *  - per-CPU lists (mm/page_alloc_pcp.c): single pages come from and
 *    go back to a list of this CPU's, refilled and emptied a batch at a
 *    time, so the common order-0 allocation and free neither take
 *    zone->lock nor split and merge blocks.
 *
 * Each zone's free lists are protected by zone->lock, taken with
 * interrupts off.  A free block is recognised by PG_buddy on its first
 * page, whose `private` holds the order; the other pages of the block
 * are untouched (that is what makes merging cheap).  A page's last
 * reference is dropped atomically (page_ref_dec_and_test), so when two
 * CPUs free the same page at once exactly one of them frees it.
 *
 * Linux counterpart: mm/page_alloc.c.
 */
#include "mm/page_alloc.h"
#include "mm/page_alloc_pcp.h"

#include "arch/x86/stacktrace.h"
#include "kernel/errno.h"
#include "lib/kstrtox.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/cma.h"
#include "mm/numa.h"
#include "mm/vmscan.h"

unsigned long totalram_pages;

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

/* HighAtomic, CMA and isolated blocks keep their own kind when merging. */
static bool
is_special_mt(int mt)
{
	return mt >= MIGRATE_PCPTYPES;
}

/* Free one block, merging with its buddies.  Caller holds zone->lock. */
void
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
		/*
		 * Never merge a special block with another kind (Linux
		 * 6.1's rule): a CMA area is aligned to a pageblock only,
		 * so its edge pageblock may have a free ordinary buddy.
		 */
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
	/*
	 * HighAtomic, CMA and isolated pageblocks are made, never taken:
	 * they are in no fallback list either.
	 */
	if (start_mt >= MIGRATE_PCPTYPES)
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

struct page *
__rmqueue(struct zone *zone, unsigned int order, int mt,
	  unsigned int alloc_flags)
{
	struct page *page;

	/*
	 * Linux since 5.7, 2020 (cma_policy=migratetype, as 6.1): when more than
	 * half of the zone's free pages are CMA pages, a movable request
	 * takes CMA first, so that the normal pageblocks do not run dry
	 * while the CMA area sits idle.  The 2017 kernel
	 * (cma_policy=migratetype-2017) used CMA only as the last resort.
	 */
	if ((alloc_flags & ALLOC_CMA) && cma_policy == CMA_POLICY_MIGRATETYPE &&
	    zone->free_cma_pages > zone->free_pages / 2) {
		page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (page)
			return page;
	}
	page = __rmqueue_smallest(zone, order, mt);
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

/* ---- kswapd (reclaim comes with a later issue) -------------------------- */

static void
wakeup_kswapd(struct zone *zone, unsigned int order)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	unsigned long free = node_free_pages(pgdat->node_id);

	if (!pgdat->kswapd_wakeups++) {
		pgdat->kswapd_free_at_first_wakeup = free;
		/*
		 * The free count includes MIGRATE_CMA pages, which the
		 * watermark check of a non-movable request leaves out:
		 * say how many, or "free 80106, low 1258" reads as a lie.
		 */
		pr_info("kswapd%d: first wake-up: zone %s below its low watermark "
			"(free %lu, %lu of them CMA, low %lu), node free %lu kB\n",
			pgdat->node_id, zone->name, zone->free_pages,
			zone->free_cma_pages, low_wmark_pages(zone),
			free << (PAGE_SHIFT - 10));
	}
	pgdat->kswapd_last_free = free;
	pgdat->kswapd_last_zone = zone->idx;
	kswapd_wake(pgdat->node_id);
	(void)order;
}

/* ---- allocation -------------------------------------------------------- */

static void
bad_page(struct page *page, const char *reason)
{
	pr_emerg("BUG: Bad page state: pfn:%#lx flags:%#lx refcount:%d: %s\n",
		 page_to_pfn(page), page->flags, page_count(page), reason);
	dump_stack();
}

static __always_inline void
prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	if (page_count(page))
		bad_page(page, "allocating a page in use");
	set_page_count(page, 1);
	page->private = 0;
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

static struct page *
rmqueue_buddy(struct zone *zone, unsigned int order, int mt,
	      unsigned int alloc_flags)
{
	unsigned long flags = spin_lock_irqsave(&zone->lock);
	struct page *page = NULL;

	/* The reserve serves high-order atomic requests, and only them. */
	if (order && (alloc_flags & ALLOC_HARDER))
		page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
	if (!page)
		page = __rmqueue(zone, order, mt, alloc_flags);
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

/*
 * Order 0 comes from this CPU's list of the zone (mm/page_alloc_pcp.c),
 * which refills itself from the buddy lists a batch at a time; larger
 * blocks come from the buddy lists directly.
 */
static __always_inline struct page *
rmqueue(struct zone *zone, unsigned int order, int mt, unsigned int alloc_flags)
{
	if (!order && zone->pcp_slot)
		return rmqueue_pcplist(zone, mt, alloc_flags);
	return rmqueue_buddy(zone, order, mt, alloc_flags);
}

/* ---- the high-order atomic reserve -------------------------------------- */

/*
 * An interrupt handler that needs an order-2 block (a network driver's
 * receive buffer) cannot wait for compaction.  When such a request
 * succeeds under pressure (below the low watermark), the pageblock it
 * came from is set aside as MIGRATE_HIGHATOMIC: later high-order atomic
 * requests look there first, everybody else treats it as used.  The
 * reserve is capped at about 1% of the zone plus one pageblock, and
 * given back a pageblock at a time when an ordinary request would
 * otherwise fail.
 */
unsigned long
highatomic_reserve_limit(const struct zone *zone)
{
	return zone->managed_pages / 100 + pageblock_nr_pages;
}

void
reserve_highatomic_pageblock(struct page *page, struct zone *zone)
{
	unsigned long flags;
	int mt;

	/* Unlocked first look: the common case is "already full". */
	if (zone->nr_reserved_highatomic >= highatomic_reserve_limit(zone))
		return;
	flags = spin_lock_irqsave(&zone->lock);
	if (zone->nr_reserved_highatomic >= highatomic_reserve_limit(zone))
		goto out;
	mt = get_pageblock_migratetype(page);
	/* Only an ordinary block: not CMA, isolated or already reserved. */
	if (mt < MIGRATE_PCPTYPES) {
		zone->nr_reserved_highatomic += pageblock_nr_pages;
		move_freepages_block(zone, page, MIGRATE_HIGHATOMIC);
		set_pageblock_migratetype(page, MIGRATE_HIGHATOMIC);
	}
out:
	spin_unlock_irqrestore(&zone->lock, flags);
}

/*
 * While its pageblock was reserved, a wholly free pageblock could not
 * merge with its free buddy of another kind (__free_one_page); now that
 * it is ordinary, let it, or the two halves of an order-10 block stay
 * apart until one of them happens to be allocated and freed again (as
 * they do in Linux).  Caller holds zone->lock.
 */
static void
remerge_pageblock(struct zone *zone, struct page *page, int mt)
{
	unsigned long pfn = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	struct page *head = pfn_to_page(pfn);

	if (!zone_spans_pfn(zone, pfn) || !pfn_valid(pfn) || !PageBuddy(head) ||
	    buddy_order(head) != pageblock_order)
		return;
	del_from_free_list(head, zone, pageblock_order, mt);
	__free_one_page(head, pfn, zone, pageblock_order, mt);
}

/*
 * Give one reserved pageblock of the zonelist back to kind mt.  Without
 * force the last pageblock of each zone stays reserved: a little
 * pressure should not undo the reserve at once.
 */
bool
unreserve_highatomic_pageblock(struct zonelist *zonelist, int highest_zoneidx,
			       int mt, bool force)
{
	for (struct zone **zp = zonelist->zones; *zp; zp++) {
		struct zone *zone = *zp;
		unsigned long flags;

		if ((int)zone->idx > highest_zoneidx ||
		    !zone->nr_reserved_highatomic ||
		    (!force && zone->nr_reserved_highatomic <= pageblock_nr_pages))
			continue;
		flags = spin_lock_irqsave(&zone->lock);
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			struct page *page = list_first_entry_or_null(
				&zone->free_area[o].free_list[MIGRATE_HIGHATOMIC],
				struct page, lru);
			unsigned long given = 0;

			if (!page)
				continue;
			if (o > pageblock_order) {
				/*
				 * A block of several pageblocks: two reserved
				 * neighbours that merged, or the free of an
				 * order-10 atomic request, which reserved only
				 * the pageblock of its first page.  Give back
				 * and count the reserved ones; the free block
				 * goes to mt's list whole.
				 */
				unsigned long pfn = page_to_pfn(page);

				del_from_free_list(page, zone, o, MIGRATE_HIGHATOMIC);
				for (unsigned long b = 0; b < (1UL << o);
				     b += pageblock_nr_pages) {
					struct page *pb = pfn_to_page(pfn + b);

					if (get_pageblock_migratetype(pb) !=
					    MIGRATE_HIGHATOMIC)
						continue;
					given += pageblock_nr_pages;
					set_pageblock_migratetype(pb, mt);
				}
				add_to_free_list(page, zone, o, mt);
			} else {
				if (get_pageblock_migratetype(page) ==
				    MIGRATE_HIGHATOMIC)
					given = pageblock_nr_pages;
				move_freepages_block(zone, page, mt);
				set_pageblock_migratetype(page, mt);
				remerge_pageblock(zone, page, mt);
			}
			zone->nr_reserved_highatomic -=
				min(given, zone->nr_reserved_highatomic);
			spin_unlock_irqrestore(&zone->lock, flags);
			return true;
		}
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	return false;
}

/*
 * Most requests are order 0 with room to spare: decide those with a few
 * loads and one comparison (Linux's zone_watermark_fast).  The pages
 * counted here are those the request may use, against the mark with no
 * discount, so a "yes" is always right; anything else gets the full
 * check (mm/watermarks.c).
 */
static __always_inline bool
zone_watermark_fast(struct zone *z, unsigned int order, unsigned long mark,
		    int highest_zoneidx, unsigned int alloc_flags)
{
	if (!order) {
		long free = (long)z->free_pages - (long)z->nr_reserved_highatomic;

		if (!(alloc_flags & ALLOC_CMA))
			free -= z->free_cma_pages;
		if (free > (long)(mark + z->lowmem_reserve[highest_zoneidx]))
			return true;
	}
	return zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags);
}

static __always_inline struct page *
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
		    !zone_watermark_fast(zone, order,
				       zone->_watermark[alloc_flags & ALLOC_WMARK_MASK],
				       highest_zoneidx, alloc_flags))
			continue;
		page = rmqueue(zone, order, mt, alloc_flags);
		if (page) {
			prep_new_page(page, order, gfp);
			if (order && (alloc_flags & ALLOC_HARDER))
				reserve_highatomic_pageblock(page, zone);
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

/* Kept apart so that the fast path below stays short. */
static __attribute__((noinline)) struct page *
__alloc_pages_slowpath(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
		       struct zonelist *zonelist, int highest, int preferred_nid)
{
	struct page *page;

	/* Wake reclaim, then dig down to the min watermark. */
	wake_all_kswapds(order, zonelist, highest);
	alloc_flags = (alloc_flags & ALLOC_CMA) | ALLOC_WMARK_MIN;
	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (gfp & __GFP_ATOMIC)
		alloc_flags |= ALLOC_HARDER;
	page = get_page_from_freelist(gfp, order, alloc_flags, zonelist, highest);
	/*
	 * Pages on the per-CPU lists count as used: under pressure they
	 * may be all that is left.  Give every CPU's lists back to the
	 * buddy lists and try once more (Linux drains after direct
	 * reclaim; ours needs no IPI and never sleeps, so atomic requests
	 * get it too).
	 */
	if (!page && drain_all_pages(NULL))
		page = get_page_from_freelist(gfp, order, alloc_flags,
					      zonelist, highest);
	/*
	 * Before failing a request that could wait for reclaim, give the
	 * high-order atomic reserve back: first all but the last pageblock
	 * of each zone, then that one too.
	 */
	for (int force = 0; !page && !(gfp & __GFP_ATOMIC) && force < 2; force++)
		while (!page && unreserve_highatomic_pageblock(zonelist, highest,
							     gfp_migratetype(gfp),
							     force))
			page = get_page_from_freelist(gfp, order, alloc_flags,
						      zonelist, highest);
	if (!page && !(gfp & __GFP_NOWARN))
		pr_warn("page allocation failure: order:%u, mode:%#x, node %d\n",
			order, gfp, preferred_nid);
	return page;
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
	if (likely(page))
		return page;
	return __alloc_pages_slowpath(gfp, order, alloc_flags, zonelist,
				      highest, preferred_nid);
}

struct page *
alloc_pages_zone(struct zone *zone, unsigned int order, int mt)
{
	struct page *page = rmqueue_buddy(zone, order, mt,
					  mt == MIGRATE_MOVABLE ? ALLOC_CMA : 0);

	if (page)
		prep_new_page(page, order, 0);
	return page;
}

struct page *
alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, nid);
}

void
free_one_page(struct zone *zone, struct page *page, unsigned int order, int mt)
{
	unsigned long flags = spin_lock_irqsave(&zone->lock);

	__free_one_page(page, page_to_pfn(page), zone, order, mt);
	spin_unlock_irqrestore(&zone->lock, flags);
}

void
__free_pages(struct page *page, unsigned int order)
{
	/* A free page is on a buddy list or on a per-CPU list. */
	if (PageBuddy(page) || PagePcp(page) || PageReserved(page) ||
	    page_count(page) <= 0) {
		bad_page(page, PageBuddy(page) || PagePcp(page) ? "double free" :
			       PageReserved(page) ? "freeing a reserved page" :
			       "freeing a page with no reference");
		return;
	}
	if (!page_ref_dec_and_test(page))
		return;
	if (!order) {
		free_unref_page(page);
		return;
	}
	free_one_page(page_zone(page), page, order,
		      get_pageblock_migratetype(page));
}


static bool
__take_free_page(unsigned long pfn)
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
		set_page_count(target, 1);
		found = true;
		break;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return found;
}

/*
 * A free page may sit on some CPU's per-CPU list rather than in the
 * buddy lists: then give the zone's lists back and look again (Linux's
 * alloc_contig_range drains the same way).
 */
bool
take_free_page(unsigned long pfn)
{
	struct page *page = pfn_to_page(pfn);

	if (__take_free_page(pfn))
		return true;
	if (!PagePcp(page) || !drain_all_pages(page_zone(page)))
		return false;
	return __take_free_page(pfn);
}
