/*
 * mm/cma.h - the Contiguous Memory Allocator.
 *
 * Teaches: a CMA area is a range of physical pages reserved at boot and
 * lent to movable allocations until a driver asks for a contiguous run
 * of it; the area keeps a bitmap of the pages it has handed out, and the
 * policy (a zone of its own, or MIGRATE_CMA pageblocks inside the normal
 * zones) decides who may borrow it meanwhile (see cma.c).
 * Linux counterpart: include/linux/cma.h.
 */
#ifndef PAGODA_MM_CMA_H
#define PAGODA_MM_CMA_H

#include "kernel/spinlock.h"
#include "mm/mmzone.h"

/*
 * The global cma= area plus one per node, so that cma_pernuma= fits on
 * the largest machine.  numa_cma= on top of cma_pernuma= can run out;
 * cma_reserve() then says so.  (Linux: CONFIG_CMA_AREAS, 19 or 20 with
 * NUMA.)
 */
#define MAX_CMA_AREAS	(1 + MAX_NUMNODES)

enum cma_policy {
	CMA_POLICY_ZONE,	/* ZONE_CMA, the 2017 proposal (default) */
	/* MIGRATE_CMA pageblocks, as Linux 6.1: CMA first when it is
	 * more than half of a zone's free pages */
	CMA_POLICY_MIGRATETYPE,
	/* MIGRATE_CMA pageblocks, as Linux in 2017: CMA last */
	CMA_POLICY_MIGRATETYPE_2017,
};

struct cma {
	char name[16];
	unsigned long base_pfn;
	unsigned long count;		/* pages */
	unsigned long *bitmap;		/* one bit per page: allocated */
	unsigned long allocated;	/* pages handed out */
	int nid;
	bool anywhere;			/* asked with no base and no limit */
	spinlock_t lock;
};

extern enum cma_policy cma_policy;
extern struct cma cma_areas[MAX_CMA_AREAS];
extern unsigned int cma_area_count;

/* Boot: reserve the areas asked for by cma= (after NUMA setup). */
void cma_reserve(void);
/* Boot: hand the reserved pages to the buddy allocator. */
void cma_init_reserved_areas(void);
/* Is pfn in a CMA area of node nid that forms ZONE_CMA? */
bool pfn_in_cma_zone(int nid, unsigned long pfn);
/* Range [*start, *end) of the first CMA area of nid in ZONE_CMA, if any. */
bool cma_zone_range(int nid, unsigned long *start, unsigned long *end);
/* The first CMA area edge (start or end) above pfn, or ~0UL. */
unsigned long cma_next_boundary(unsigned long pfn);

/* count pages, aligned to 2^align_order pages; NULL if impossible now. */
struct page *cma_alloc(struct cma *cma, unsigned long count,
		       unsigned int align_order);
bool cma_release(struct cma *cma, struct page *pages, unsigned long count);
unsigned long cma_reserved_pages(void);

#endif
