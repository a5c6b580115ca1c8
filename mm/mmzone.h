/*
 * mm/mmzone.h - nodes, zones, free areas: how physical memory is organised.
 *
 * Teaches: memory is split twice.  By *node*: each NUMA node (pg_data_t)
 * owns the memory close to its CPUs.  Then by *zone*, within a node:
 *
 *   ZONE_DMA      below 16 MiB, for ancient ISA devices;
 *   ZONE_DMA32    below 4 GiB, for devices with 32-bit addresses;
 *   ZONE_NORMAL   everything else the kernel may use for itself;
 *   ZONE_MOVABLE  only pages whose contents can be moved (user memory), so
 *                 that the memory can later be emptied (hot-unplug) or
 *                 defragmented; carved from the top of a node by
 *                 kernelcore=, movablecore= or movable_node;
 *   ZONE_CMA      the Contiguous Memory Allocator's reserve as a zone of
 *                 its own (the 2017 ZONE_CMA proposal), lent to movable
 *                 allocations while no driver needs it.
 *
 * Each zone is a buddy allocator: free blocks of 2^order pages, order 0
 * to MAX_ORDER-1 (4 KiB to 4 MiB), one list per order and per migrate
 * type.  Memory is also divided into 2 MiB "pageblocks", each tagged
 * with the migrate type it serves, so that unmovable allocations cluster
 * together instead of pinning every block.
 *
 * Linux counterpart: include/linux/mmzone.h.
 */
#ifndef PAGODA_MM_MMZONE_H
#define PAGODA_MM_MMZONE_H

#include "lib/list.h"
#include "kernel/spinlock.h"
#include "mm/page.h"

#define MAX_ORDER		11	/* orders 0..10: up to 4 MiB */
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))
#define pageblock_order		9	/* 2 MiB pageblocks */
#define pageblock_nr_pages	(1UL << pageblock_order)

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_MOVABLE,
	ZONE_CMA,
	MAX_NR_ZONES,
};

/* Linux's order; the first three are the ones a request can ask for. */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* the number of kinds above */
	/* reserved for high-order atomic requests (mm/page_alloc.c) */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_CMA,		/* CMA pageblocks in a normal zone */
	MIGRATE_ISOLATE,	/* being emptied: never allocate from it */
	MIGRATE_TYPES,
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK,
};

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order */
};

/*
 * The per-CPU page lists ("pcp" lists) of one zone on one CPU: order-0
 * pages this CPU freed or took in a batch, kept out of the buddy lists
 * so that the next order-0 allocation or free touches only this CPU's
 * list, not zone->lock, and the buddy allocator does not split a block
 * on every allocation and merge it back on every free.
 *
 * One list per migrate type a request can ask for: a page on the list
 * came from a pageblock of that type (or was taken for it), and must go
 * to a request of the same type.  With a single list an unmovable
 * request could get a page of a movable pageblock and pin that block
 * forever: the anti-fragmentation of pageblocks would leak through the
 * cache.  Pages of CMA, high-order atomic and isolated pageblocks never
 * enter these lists (mm/page_alloc.c says why).
 *
 * The pages here are not free as far as the zone is concerned: they are
 * not in free_area and not in free_pages, so the watermarks treat them
 * as used (as Linux does) until a drain gives them back.
 * Linux counterpart: struct per_cpu_pages in include/linux/mmzone.h.
 */
struct per_cpu_pages {
	/*
	 * The owning CPU, or a drainer of its lists.  A bare lock: it is
	 * only ever taken with interrupts off (so preemption is off too),
	 * on the order-0 fast path, where the preemption count and the
	 * debugging checks of spinlock_t would cost a fifth of the path.
	 * Always a ticket (one lock xadd): it is contended only by a
	 * drainer, rarely, so the hypervisor test-and-set mode of
	 * spinlock.h would buy nothing here.
	 */
	arch_spinlock_t lock;
	int count;		/* pages on the lists */
	int high;		/* above this many, give a batch back */
	int batch;		/* pages moved to or from the buddy at once */
	struct list_head lists[MIGRATE_PCPTYPES];
};

struct pglist_data;

struct zone {
	/* Read-mostly. */
	unsigned long _watermark[NR_WMARK];
	/*
	 * Pages this zone keeps back from requests that could have been
	 * served by a higher zone, indexed by the request's highest zone:
	 * a DMA32 page is precious to a 32-bit device, not to GFP_KERNEL.
	 */
	unsigned long lowmem_reserve[MAX_NR_ZONES];
	struct pglist_data *zone_pgdat;
	u8 *pageblock_flags;		/* migrate type of each pageblock */
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* end - start, holes included */
	unsigned long present_pages;	/* RAM in the span */
	unsigned long managed_pages;	/* given to the buddy allocator */
	unsigned long cma_pages;	/* of those, in CMA areas (any policy) */
	const char *name;
	int node;
	enum zone_type idx;
	/*
	 * This zone's per_cpu_pages in every CPU's array (pcp_area in
	 * mm/page_alloc.c); 0 until the lists are set up, and for a zone
	 * without memory: then every page goes straight to the buddy lists.
	 */
	unsigned int pcp_slot;

	spinlock_t lock;
	struct free_area free_area[MAX_ORDER];
	unsigned long free_pages;	/* NR_FREE_PAGES */
	unsigned long free_cma_pages;	/* free pages in MIGRATE_CMA blocks */
	/* pages in MIGRATE_HIGHATOMIC pageblocks, free or not */
	unsigned long nr_reserved_highatomic;
	unsigned long alloc_fails;	/* requests this zone refused */
};

#define min_wmark_pages(z)	((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)	((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z)	((z)->_watermark[WMARK_HIGH])

static inline unsigned long
zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool
zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone);
}

static inline bool
populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

/*
 * A zonelist is the order in which zones are tried: this node's zones
 * from highest to lowest, then the next node's, following the node
 * fallback order.  ZONELIST_NOFALLBACK holds this node's zones only, for
 * __GFP_THISNODE.
 */
enum {
	ZONELIST_FALLBACK,
	ZONELIST_NOFALLBACK,
	MAX_ZONELISTS,
};

struct zonelist {
	struct zone *zones[MAX_NUMNODES * MAX_NR_ZONES + 1];	/* NULL-ended */
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int node_id;
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long node_present_pages;

	/*
	 * kswapd, the per-node reclaim thread.  Until the scheduler exists
	 * a wake-up is only recorded: how many, and free memory at each.
	 */
	unsigned long kswapd_wakeups;
	unsigned long kswapd_free_at_first_wakeup;	/* pages, all zones */
	unsigned long kswapd_last_free;
	int kswapd_last_zone;
} pg_data_t;

extern pg_data_t *node_data[MAX_NUMNODES];
#define NODE_DATA(nid)	(node_data[nid])

static inline struct zone *
page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

extern const char *const zone_names[MAX_NR_ZONES];
extern const char *const migratetype_names[MIGRATE_TYPES];

#define for_each_zone_in_node(zone, pgdat)				\
	for (zone = (pgdat)->node_zones;				\
	     zone < (pgdat)->node_zones + MAX_NR_ZONES; zone++)

/* Every zone of every node that has a pgdat. */
struct zone *next_zone(struct zone *zone);
#define for_each_zone(zone)						\
	for (zone = next_zone(NULL); zone; zone = next_zone(zone))

unsigned long get_pageblock_migratetype(const struct page *page);

/* The same when the zone is known already (the allocator's fast paths). */
static inline int
zone_pageblock_migratetype(const struct zone *zone, unsigned long pfn)
{
	return zone->pageblock_flags[(pfn >> pageblock_order) -
				     (zone->zone_start_pfn >> pageblock_order)];
}
void set_pageblock_migratetype(struct page *page, int migratetype);

#endif
