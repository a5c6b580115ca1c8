/*
 * mm/page_alloc.h - the buddy allocator's internal interface.
 *
 * Teaches: what the rest of mm/ may ask of the buddy allocator beyond
 * alloc_pages() (mm/gfp.h): how a GFP mask turns into a watermark to
 * check (ALLOC_*), how boot hands it memory, how zonelists and watermarks
 * are set up, and the few ways to take a given pageblock or page out of
 * its hands (CMA, the high-order atomic reserve).
 * Linux counterpart: mm/internal.h, include/linux/mmzone.h.
 */
#ifndef PAGODA_MM_PAGE_ALLOC_H
#define PAGODA_MM_PAGE_ALLOC_H

#include "mm/gfp.h"

/* Allocation flags derived from gfp (Linux's ALLOC_*). */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER		0x10	/* atomic: min - min/4 */
#define ALLOC_HIGH		0x20	/* __GFP_HIGH: min - min/2 */
#define ALLOC_CMA		0x80	/* may use MIGRATE_CMA pageblocks */

extern unsigned long totalram_pages;
extern int min_free_kbytes;

/* Boot: give a block to the allocator for the first time. */
void __free_pages_core(struct page *page, unsigned int order);
void build_all_zonelists(void);
void setup_per_zone_wmarks(void);	/* also the lowmem reserves */
void setup_per_zone_lowmem_reserve(void);
/* min_free_kbytes for that many pages of lowmem (Linux 6.1's formula). */
unsigned long min_free_kbytes_for(unsigned long lowmem_pages);
int min_free_kbytes_user(void);		/* min_free_kbytes= as given, or -1 */
void page_alloc_init_late(void);

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
unsigned long node_free_pages(int nid);
/* Free pages of nid in zones up to highest (ZONE_NORMAL: kernel-usable). */
unsigned long node_free_pages_upto(int nid, enum zone_type highest);
unsigned long global_free_pages(void);

/*
 * Take the free block that contains pfn out of the allocator, keeping
 * [pfn, pfn+1) and giving the rest back (used by CMA and, later, memory
 * offlining).  Returns false if pfn is not free.
 */
bool take_free_page(unsigned long pfn);
/* Tests and CMA: take a block from one zone, ignoring watermarks. */
struct page *alloc_pages_zone(struct zone *zone, unsigned int order, int mt);

/*
 * The high-order atomic reserve (mm/page_alloc.c): the most pages it may
 * hold in zone, and giving its pageblocks back (force: even the last
 * one).  Returns true if a pageblock was given back.
 */
unsigned long highatomic_reserve_limit(const struct zone *zone);
void reserve_highatomic_pageblock(struct page *page, struct zone *zone);
bool unreserve_highatomic_pageblock(struct zonelist *zonelist,
				    int highest_zoneidx, int mt, bool force);

/*
 * Move every free page of a pageblock to the lists of migratetype mt.
 * The pages are accounted as leaving the pageblock's current type (that
 * matters for CMA and isolated blocks): call it before
 * set_pageblock_migratetype(), not after.
 */
unsigned long move_freepages_block(struct zone *zone, struct page *page, int mt);

/*
 * The buddy lists' own operations, for the per-CPU lists
 * (mm/page_alloc_pcp.c).  The __ ones need zone->lock held.
 */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int mt);
struct page *__rmqueue(struct zone *zone, unsigned int order, int mt,
		       unsigned int alloc_flags);
void free_one_page(struct zone *zone, struct page *page, unsigned int order,
		   int mt);

/*
 * The per-CPU page lists (mm/page_alloc_pcp.c, struct per_cpu_pages in
 * mm/mmzone.h; the allocator's fast paths in mm/page_alloc_pcp.h).
 * Lock order: a CPU's pcp lock, then zone->lock; both with interrupts
 * off.
 */
/* Linux 6.1's sizes: batch from the managed pages, high from low. */
int zone_batchsize(unsigned long managed_pages);
int zone_highsize(unsigned long low_wmark, int batch, unsigned int node_cpus,
		  unsigned int online_cpus);
/* (Re)compute every zone's high and batch; allocates the lists once. */
void zone_pcp_update_all(void);
/* A CPU came online: its node's share of each zone's high changes. */
void page_alloc_cpu_online(unsigned int cpu);
/*
 * This CPU's, or one CPU's, lists of zone (of every zone if NULL) given
 * back to the buddy lists; drain_pages returns how many pages.
 */
void drain_local_pages(struct zone *zone);
unsigned long drain_pages(unsigned int cpu, struct zone *zone);
/* Every CPU's; returns the number of pages given back. */
unsigned long drain_all_pages(struct zone *zone);
/* The idle loop calls this before halting (see mm/page_alloc_pcp.c). */
void drain_pages_on_idle(void);
/* NULL for a zone without lists, or a CPU without a per-CPU area. */
struct per_cpu_pages *zone_pcp(const struct zone *zone, unsigned int cpu);
/* Pages on every CPU's lists of zone (an unlocked sum, for reports). */
unsigned long zone_pcp_pages(const struct zone *zone);

#endif
