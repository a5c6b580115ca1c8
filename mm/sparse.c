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
 * The array is backed with memory of the node the pages describe, so
 * that a CPU walking its own node's pages never crosses the
 * interconnect.  Where it can, with 2 MiB pages (one covers the struct
 * pages of 256 MiB of RAM); a 2 MiB block of the array that describes
 * memory of several nodes (nodes smaller than 256 MiB, or not aligned to
 * it), or a node with no free 2 MiB block, falls back to 4 KiB pages from
 * the node; a node with no free page at all, to another node's memory,
 * with one warning line (Linux: vmemmap_populate_hugepages falling back
 * to base pages, and "potential offnode page_structs").  Struct pages of
 * the holes inside present sections come last, from any node.
 *
 * The decision itself (which tier) is mm/memmap_place.c, pure and
 * tested on the host; this file gathers the facts and carries it out.
 *
 * Linux counterpart: mm/sparse.c, mm/sparse-vmemmap.c.
 */
#include "mm/sparse.h"

#include "kernel/panic.h"
#include "kernel/printk.h"
#include "mm/memblock.h"
#include "mm/memmap_place.h"
#include "mm/paging_init.h"

unsigned long section_present[NR_MEM_SECTIONS / 64];
unsigned long memmap_bytes;		/* backing of the vmemmap */
unsigned long memmap_huge_blocks;	/* 2 MiB blocks used */
unsigned long memmap_base_pages;	/* 4 KiB pages used */
/* Of the memmap describing node nid's memory, bytes on other nodes. */
unsigned long memmap_offnode_bytes[MAX_NUMNODES];
static unsigned long memmap_node_blocks[MAX_NUMNODES];
static unsigned long memmap_node_pages[MAX_NUMNODES];

/* The pfns one 2 MiB block of the memmap describes. */
#define PFNS_PER_MEMMAP_BLOCK	(PMD_SIZE / sizeof(struct page))

bool
pfn_valid(unsigned long pfn)
{
	return pfn < (1UL << (MAX_PHYSMEM_BITS - PAGE_SHIFT)) &&
	       sparse_pa_present(PFN_PHYS(pfn));
}

static unsigned long
memmap_va_pfn(unsigned long va)
{
	return (va - VMEMMAP_START) / sizeof(struct page);
}

/* Nothing maps any part of the 2 MiB block at va (no page table either). */
static bool
memmap_block_untouched(unsigned long va)
{
	struct pt_walk w;

	pt_walk(init_pgd_phys, va, &w);
	return !w.mapped && w.lv[w.nlevels - 1].level >= 2;
}

static void
memmap_map(unsigned long va, phys_addr_t pa, unsigned long size, int nid)
{
	int where = memblock_nid_of(pa);
	int err = map_range(init_pgd, va, pa, size, PAGE_KERNEL,
			    size == PMD_SIZE ? MAP_ALLOW_2M : 0, NULL);

	if (err)
		panic("sparse: cannot map the memmap (error %d)", err);
	memmap_bytes += size;
	if (size == PMD_SIZE) {
		memmap_huge_blocks++;
		memmap_node_blocks[nid]++;
		return;
	}
	memmap_base_pages += size >> PAGE_SHIFT;
	if (nid < 0)
		return;
	memmap_node_pages[nid] += size >> PAGE_SHIFT;
	if (where != nid)
		memmap_offnode_bytes[nid] += size;
}

/*
 * Map [va, end) of the memmap with 4 KiB pages where nothing is mapped
 * yet: each run of unmapped pages from one allocation on nid if it fits,
 * else page by page, else (nid has no free page) from any node.  nid < 0:
 * the holes, from any node.
 */
static void
memmap_populate_base(unsigned long va, unsigned long end, int nid)
{
	while (va < end) {
		unsigned long run = va;
		struct pt_walk w;
		phys_addr_t pa = MEMBLOCK_ALLOC_FAILED;

		pt_walk(init_pgd_phys, va, &w);
		if (w.mapped) {
			va = ALIGN_DOWN(va, w.page_size) + w.page_size;
			continue;
		}
		do {
			run += PAGE_SIZE;
			if (run < end)
				pt_walk(init_pgd_phys, run, &w);
		} while (run < end && !w.mapped);
		if (nid >= 0)
			pa = memblock_alloc_exact_nid_phys(run - va, PAGE_SIZE, nid);
		if (pa != MEMBLOCK_ALLOC_FAILED) {
			memmap_map(va, pa, run - va, nid);
			va = run;
			continue;
		}
		for (; va < run; va += PAGE_SIZE) {
			struct memmap_block_facts f = { 0 };

			pa = MEMBLOCK_ALLOC_FAILED;
			if (nid >= 0)
				pa = memblock_alloc_exact_nid_phys(PAGE_SIZE, PAGE_SIZE, nid);
			f.node_has_page = pa != MEMBLOCK_ALLOC_FAILED;
			if (memmap_backing(&f) == MEMMAP_BORROW)
				pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
			if (pa == MEMBLOCK_ALLOC_FAILED)
				panic("sparse: no memory for the memmap of node %d", nid);
			memmap_map(va, pa, PAGE_SIZE, nid);
		}
	}
}

/* Back the struct pages of [start_pfn, end_pfn), memory of nid. */
static void
vmemmap_populate(unsigned long start_pfn, unsigned long end_pfn, int nid)
{
	unsigned long start = ALIGN_DOWN((unsigned long)pfn_to_page(start_pfn), PAGE_SIZE);
	unsigned long end = ALIGN((unsigned long)pfn_to_page(end_pfn), PAGE_SIZE);

	for (unsigned long va = ALIGN_DOWN(start, PMD_SIZE); va < end; va += PMD_SIZE) {
		struct memmap_block_facts f = {
			.untouched = memmap_block_untouched(va),
		};
		phys_addr_t pa = MEMBLOCK_ALLOC_FAILED;

		/* A block describing only nid's memory: one 2 MiB page. */
		f.one_node = f.untouched &&
			memmap_pfns_only_on_node(memblock.memory.regions,
						 memblock.memory.cnt,
						 memmap_va_pfn(va),
						 PFNS_PER_MEMMAP_BLOCK, nid);
		if (memmap_may_be_huge(&f))
			pa = memblock_alloc_exact_nid_phys(PMD_SIZE, PMD_SIZE, nid);
		f.node_has_2m = pa != MEMBLOCK_ALLOC_FAILED;
		if (memmap_backing(&f) == MEMMAP_HUGE) {
			memmap_map(va, pa, PMD_SIZE, nid);
			continue;
		}
		memmap_populate_base(max(va, start), min(va + PMD_SIZE, end), nid);
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
		section_present[nr / 64] |= 1UL << (nr % 64);
	vmemmap_populate(start_pfn, end_pfn, nid);
}

void
sparse_populate_holes(unsigned long max_pfn)
{
	/* Whole sections, so that pfn_valid() never lies. */
	for (unsigned long pfn = 0; pfn < max_pfn; pfn += PAGES_PER_SECTION)
		if (pfn_valid(pfn))
			memmap_populate_base((unsigned long)pfn_to_page(pfn),
				(unsigned long)pfn_to_page(pfn + PAGES_PER_SECTION),
				NUMA_NO_NODE);
}

void
sparse_print_memmap(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!memmap_node_blocks[nid] && !memmap_node_pages[nid])
			continue;
		pr_info("sparse: node %d memmap: %lu x 2M + %lu x 4K\n", nid,
			memmap_node_blocks[nid], memmap_node_pages[nid]);
		if (memmap_offnode_bytes[nid])
			pr_warn("sparse: node %d is full: %lu KiB of its memmap are on other nodes\n",
				nid, memmap_offnode_bytes[nid] >> 10);
	}
}
