/*
 * mm/memmap_place.h - where one piece of the memmap may live: the
 * decision of mm/sparse.c, as pure functions of facts it gathers.
 *
 * Teaches: the struct pages describing a node's memory belong on that
 * node, in 2 MiB pages when a whole 2 MiB block of the memmap describes
 * that node alone, else in 4 KiB pages; only a node without a single
 * free page borrows another node's memory.
 * Linux counterpart: mm/sparse-vmemmap.c (vmemmap_populate_hugepages,
 * vmemmap_populate_basepages, vmemmap_alloc_block).
 */
#ifndef PAGODA_MM_MEMMAP_PLACE_H
#define PAGODA_MM_MEMMAP_PLACE_H

#include "mm/memblock.h"

enum memmap_backing {
	MEMMAP_HUGE,		/* one 2 MiB page of the node's own memory */
	MEMMAP_BASE,		/* 4 KiB pages of the node's own memory */
	MEMMAP_BORROW,		/* 4 KiB pages of another node's memory */
};

/* What sparse.c knows of one 2 MiB block of the memmap and of its node. */
struct memmap_block_facts {
	bool untouched;		/* no part of the block is mapped yet */
	bool one_node;		/* the pfns it describes hold only the node's RAM */
	bool node_has_2m;	/* the node still had a free, aligned 2 MiB */
	bool node_has_page;	/* the node still had a free 4 KiB page */
};

/*
 * Among the pfns [pfn, pfn + npfns), is all memory (of the cnt regions)
 * on node nid?  True also when they hold no memory at all.
 */
bool memmap_pfns_only_on_node(const struct memblock_region *regions,
			      unsigned int cnt, unsigned long pfn,
			      unsigned long npfns, int nid);

/* Worth asking the node for a 2 MiB block (untouched, one node)? */
bool memmap_may_be_huge(const struct memmap_block_facts *f);

/* The backing those facts call for. */
enum memmap_backing memmap_backing(const struct memmap_block_facts *f);

#endif
