/*
 * mm/memmap_place.c - where one piece of the memmap may live.
 *
 * Teaches: the placement rule of the memmap, apart from the memory
 * allocator and the page tables that carry it out (mm/sparse.c), so
 * that it can be checked case by case on the host
 * (tests/host/test_sparse_place.c).  Three tiers, the first that fits:
 *
 *   1. a 2 MiB page of the node's own memory, when no part of the 2 MiB
 *      block of the memmap is mapped yet, every pfn the block describes
 *      that holds memory holds the node's own (a block describes 256 MiB
 *      of pfns with 32-byte struct pages: smaller or unaligned nodes
 *      share blocks), and the node has a free, aligned 2 MiB;
 *   2. 4 KiB pages of the node's own memory, while it has any;
 *   3. 4 KiB pages of another node: the node is full (sparse.c prints
 *      "sparse: node N is full: ..." for it).  The holes of present
 *      sections, which describe no node, always take this path.
 *
 * Linux counterpart: mm/sparse-vmemmap.c (vmemmap_populate_hugepages
 * falls back to vmemmap_populate_basepages; vmemmap_alloc_block_zero on
 * the node, else "potential offnode page_structs").
 */
#include "mm/memmap_place.h"

#include "mm/pgtable.h"

bool
memmap_pfns_only_on_node(const struct memblock_region *regions,
			 unsigned int cnt, unsigned long pfn,
			 unsigned long npfns, int nid)
{
	phys_addr_t lo = (phys_addr_t)pfn << PAGE_SHIFT;
	phys_addr_t hi = (phys_addr_t)(pfn + npfns) << PAGE_SHIFT;

	for (unsigned int i = 0; i < cnt; i++) {
		const struct memblock_region *r = &regions[i];

		if (r->base < hi && lo < r->base + r->size && r->nid != nid)
			return false;
	}
	return true;
}

bool
memmap_may_be_huge(const struct memmap_block_facts *f)
{
	return f->untouched && f->one_node;
}

enum memmap_backing
memmap_backing(const struct memmap_block_facts *f)
{
	if (memmap_may_be_huge(f) && f->node_has_2m)
		return MEMMAP_HUGE;
	return f->node_has_page ? MEMMAP_BASE : MEMMAP_BORROW;
}
