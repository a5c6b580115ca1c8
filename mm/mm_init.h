/*
 * mm/mm_init.h - bringing up nodes, zones and the page allocator at boot.
 */
#ifndef PAGODA_MM_MM_INIT_H
#define PAGODA_MM_MM_INIT_H

#include "mm/mmzone.h"

extern unsigned long max_pfn;			/* highest RAM pfn + 1 */
extern unsigned long zone_movable_pfn[MAX_NUMNODES];
extern unsigned long required_kernelcore, required_movablecore;
extern bool movable_node_enabled;

/*
 * Linux's rule for the start of ZONE_MOVABLE on each node, as a pure
 * function (host-testable).  ranges: per-node sorted [start, end) pfn
 * ranges; usable_startpfn: where the zone that ZONE_MOVABLE is taken from
 * begins; kernelcore: pages that must stay in kernel zones.
 */
struct pfn_range {
	unsigned long start, end;
	int nid;
};
void find_zone_movable_pfns(const struct pfn_range *ranges, int nr_ranges,
			    unsigned long usable_startpfn,
			    unsigned long kernelcore, int nr_nodes,
			    unsigned long *zone_movable);

enum zone_type zone_for_pfn(int nid, unsigned long pfn);
void free_area_init(void);
void memblock_free_all(void);
void mem_init_print_info(void);

#endif
