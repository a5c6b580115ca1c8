/*
 * mm/mm_init.h - bringing up nodes, zones and the page allocator at boot.
 *
 * Teaches: the interface of the hand-over from memblock to the buddy
 * allocator (see mm_init.c), and the rules that split each node's memory
 * between the kernel zones and ZONE_MOVABLE (kernelcore=, movablecore=,
 * movable_node; see movable.c), written as pure functions so that the
 * host tests can check them on layouts worked out by hand.
 * Linux counterpart: include/linux/mm.h (free_area_init,
 * mem_init_print_info), mm/mm_init.c (find_zone_movable_pfns_for_nodes,
 * cmdline_parse_core).
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

/*
 * kernelcore= / movablecore=: a size (in pages) or a percentage of all
 * memory.  As in Linux, a size given later cancels an earlier
 * percentage; a percentage, once given, wins over any size.
 */
struct core_request {
	unsigned long pages;
	unsigned int percent;		/* 0: none */
};
/*
 * Parse val into req: 0, -ERANGE (a percentage above 100, a size past
 * 2^64) or -EINVAL; silent, params.c reports a refusal.
 */
int parse_core_request(const char *val, struct core_request *req);
/*
 * The pages that must stay in kernel zones, out of total, given both
 * requests (Linux's rule); *movable gets movablecore as used (rounded up
 * to a MAX_ORDER block).  0, or total or more: no ZONE_MOVABLE.
 */
unsigned long kernelcore_pages(unsigned long total,
			       const struct core_request *kernelcore,
			       const struct core_request *movablecore,
			       unsigned long *movable);

/*
 * movable_node: ZONE_MOVABLE from the hot-pluggable RAM of each node that
 * holds no kernel memory (Linux's rule; see mm/movable.c).
 */
void movable_node_pfns(const struct pfn_range *mem, int nr_mem,
		       const struct pfn_range *hot, int nr_hot,
		       const bool *kernel_node, int nr_nodes,
		       unsigned long *zone_movable);

enum zone_type zone_for_pfn(int nid, unsigned long pfn);
void free_area_init(void);
void memblock_free_all(void);
void mem_init_print_info(void);

#endif
