/*
 * mm/sparse.c - the memmap: where the struct pages live.
 *
 * Teaches: physical memory has holes (below 1 MiB, the PCI hole under
 * 4 GiB, gaps between nodes, hot-pluggable ranges not yet present).  A
 * flat array of struct page for every frame up to the highest address
 * would waste memory on the holes; Linux's answer is SPARSEMEM: memory is
 * cut into 128 MiB "sections", and only present sections get struct
 * pages.  With SPARSEMEM_VMEMMAP those struct pages still sit at their
 * natural place in one virtual array (vmemmap[pfn]), so pfn_to_page() is
 * an addition; the array is simply left unmapped over the holes.
 *
 * The array is backed with 2 MiB pages (one covers the struct pages of
 * 256 MiB of RAM) taken from the node the memory belongs to, so that a
 * CPU walking its own node's pages never crosses the interconnect.
 *
 * Linux counterpart: mm/sparse.c, mm/sparse-vmemmap.c.
 */
#include "mm/sparse.h"

#include "kernel/panic.h"
#include "kernel/printk.h"
#include "mm/memblock.h"
#include "mm/paging_init.h"

#define NR_MEM_SECTIONS		(1UL << (MAX_PHYSMEM_BITS - SECTION_SIZE_BITS))

static u8 section_present[NR_MEM_SECTIONS / 8];
unsigned long memmap_bytes;		/* backing of the vmemmap */
unsigned long memmap_huge_blocks;	/* 2 MiB blocks used */
unsigned long memmap_node_bytes[MAX_NUMNODES];	/* of it, on each node */

bool
pfn_valid(unsigned long pfn)
{
	unsigned long nr = pfn >> PFN_SECTION_SHIFT;

	return nr < NR_MEM_SECTIONS &&
	       (section_present[nr / 8] & (1u << (nr % 8)));
}

static bool
vmemmap_block_mapped(unsigned long va)
{
	struct pt_walk w;

	pt_walk(init_pgd_phys, va, &w);
	return w.mapped;
}

/* Back [start_pfn, end_pfn)'s struct pages with memory from nid. */
static void
vmemmap_populate(unsigned long start_pfn, unsigned long end_pfn, int nid)
{
	unsigned long va = ALIGN_DOWN((unsigned long)pfn_to_page(start_pfn), PMD_SIZE);
	unsigned long end = ALIGN((unsigned long)pfn_to_page(end_pfn), PMD_SIZE);

	for (; va < end; va += PMD_SIZE) {
		phys_addr_t pa;
		int err;

		if (vmemmap_block_mapped(va))
			continue;
		pa = memblock_alloc_node_phys(PMD_SIZE, PMD_SIZE, nid);
		if (pa == MEMBLOCK_ALLOC_FAILED)
			panic("sparse: no memory for the memmap of node %d", nid);
		err = map_range(init_pgd, va, pa, PMD_SIZE, PAGE_KERNEL,
				MAP_ALLOW_2M, NULL);
		if (err)
			panic("sparse: cannot map the memmap (error %d)", err);
		memmap_bytes += PMD_SIZE;
		memmap_huge_blocks++;
		if (memblock_nid_of(pa) >= 0)
			memmap_node_bytes[memblock_nid_of(pa)] += PMD_SIZE;
	}
}

void
sparse_add_range(unsigned long start_pfn, unsigned long end_pfn, int nid)
{
	unsigned long sec_start, sec_end;

	if (end_pfn > (1UL << (MAX_PHYSMEM_BITS - PAGE_SHIFT))) {
		pr_warn("sparse: memory above 2^%d ignored\n", MAX_PHYSMEM_BITS);
		end_pfn = 1UL << (MAX_PHYSMEM_BITS - PAGE_SHIFT);
	}
	if (start_pfn >= end_pfn)
		return;
	sec_start = start_pfn >> PFN_SECTION_SHIFT;
	sec_end = (end_pfn - 1) >> PFN_SECTION_SHIFT;
	for (unsigned long nr = sec_start; nr <= sec_end; nr++)
		section_present[nr / 8] |= 1u << (nr % 8);
	/* Whole sections, so that pfn_valid() never lies. */
	vmemmap_populate(sec_start << PFN_SECTION_SHIFT,
			 (sec_end + 1) << PFN_SECTION_SHIFT, nid);
}

void
sparse_print_memmap(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (memmap_node_bytes[nid])
			pr_info("sparse: node %d memmap %lu KiB in node-local 2 MiB blocks\n",
				nid, memmap_node_bytes[nid] >> 10);
}
