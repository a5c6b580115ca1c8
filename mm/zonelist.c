/*
 * mm/zonelist.c - the order in which an allocation tries the zones.
 *
 * Teaches: each node keeps two lists of zones.  The fallback list
 * starts with this node's zones, highest first (a GFP_KERNEL request
 * should not eat the DMA32 memory a 32-bit device needs), then each
 * other node's in the node fallback order (mm/numa.c: nearest first);
 * the no-fallback list holds this node's zones only, for
 * __GFP_THISNODE.  The allocator (mm/page_alloc.c) walks one of them,
 * skipping zones above what the request may use.
 * Linux counterpart: mm/page_alloc.c (build_zonelists,
 * build_all_zonelists).
 */
#include "kernel/printk.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"

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
