/*
 * mm/gfp.h - Get Free Pages flags: what an allocation may and must do.
 *
 * Teaches: a caller says, in one word, which zones it can use and how the
 * allocator may behave:
 *   zone modifiers   GFP_DMA, GFP_DMA32, __GFP_MOVABLE (may use Movable and
 *                    CMA, because the page can be migrated away later);
 *   placement        __GFP_THISNODE (this node or nothing);
 *   urgency          __GFP_HIGH / __GFP_ATOMIC may dig below the min
 *                    watermark; everybody else stops at it;
 *   extras           __GFP_ZERO (clear the page), __GFP_NOWARN.
 * The highest usable zone comes from the zone modifiers (gfp_zone()),
 * the migrate type from __GFP_MOVABLE / __GFP_RECLAIMABLE.
 * Linux counterpart: include/linux/gfp.h, gfp_types.h.
 */
#ifndef PAGODA_MM_GFP_H
#define PAGODA_MM_GFP_H

#include "mm/mmzone.h"
#include "arch/x86/percpu.h"	/* numa_node_id(), as Linux's topology.h */
#include "mm/numa.h"

typedef unsigned int gfp_t;

#define __GFP_DMA		0x01u
#define __GFP_DMA32		0x04u
#define __GFP_MOVABLE		0x08u
#define __GFP_RECLAIMABLE	0x10u
#define __GFP_HIGH		0x20u
#define __GFP_ATOMIC		0x200u
#define __GFP_ZERO		0x100u
#define __GFP_NOWARN		0x2000u
#define __GFP_THISNODE		0x200000u
#define __GFP_HARDWALL		0x100000u	/* accepted, no cpusets yet */

#define GFP_ATOMIC		(__GFP_HIGH | __GFP_ATOMIC)
#define GFP_KERNEL		0u
#define GFP_NOWAIT		0u
#define GFP_DMA			__GFP_DMA
#define GFP_DMA32		__GFP_DMA32
#define GFP_USER		__GFP_HARDWALL
#define GFP_HIGHUSER		GFP_USER
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)

/* The highest zone an allocation with these flags may use. */
static inline enum zone_type
gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	if (gfp & __GFP_MOVABLE)
		return ZONE_CMA;	/* Movable and CMA are both allowed */
	return ZONE_NORMAL;
}

static inline int
gfp_migratetype(gfp_t gfp)
{
	if (gfp & __GFP_MOVABLE)
		return MIGRATE_MOVABLE;
	if (gfp & __GFP_RECLAIMABLE)
		return MIGRATE_RECLAIMABLE;
	return MIGRATE_UNMOVABLE;
}

struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid);

/* From the node of the CPU we run on (inline: the order-0 path is short). */
static inline struct page *
alloc_pages(gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, numa_node_id());
}
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);

#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __free_page(page)	__free_pages(page, 0)

/*
 * Drop a reference taken with get_page() (mm/page.h), or the
 * allocation's own; the last one frees the page.  Order-0 pages only:
 * Pagoda has no compound pages that would remember their order.
 */
static inline void
put_page(struct page *page)
{
	__free_pages(page, 0);
}

#endif
