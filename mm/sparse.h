/*
 * mm/sparse.h - sections and the virtually mapped memmap.
 *
 * Teaches: memory is cut into 128 MiB sections and only present sections
 * get struct pages, which sit in one virtual array indexed by pfn and are
 * backed by the memory of the node they describe (see sparse.c).
 * Linux counterpart: arch/x86/include/asm/sparsemem.h, include/linux/mmzone.h
 * (mem_section), mm/sparse-vmemmap.c.
 */
#ifndef PAGODA_MM_SPARSE_H
#define PAGODA_MM_SPARSE_H

#include "mm/page.h"

#define SECTION_SIZE_BITS	27	/* 128 MiB sections */
#define PFN_SECTION_SHIFT	(SECTION_SIZE_BITS - PAGE_SHIFT)
#define PAGES_PER_SECTION	(1UL << PFN_SECTION_SHIFT)
#define NR_MEM_SECTIONS		(1UL << (MAX_PHYSMEM_BITS - SECTION_SIZE_BITS))

/* Bit nr set: section nr is present (has struct pages).  Set only. */
extern unsigned long section_present[NR_MEM_SECTIONS / 64];

/*
 * pfn_valid() for hot paths, inline: is pa below 2^MAX_PHYSMEM_BITS and
 * in a present section?  One compare, then one `bt`, which indexes the
 * whole bitmap by itself (a register bit offset reaches any word); the
 * compiler would spend a shift, a load and a test on it.
 */
static __always_inline bool
sparse_pa_present(unsigned long pa)
{
	unsigned long nr = pa >> SECTION_SIZE_BITS;
	bool present;

	if (nr >= NR_MEM_SECTIONS)
		return false;
	asm("bt %2, %1"
	    : "=@ccc"(present)
	    : "m"(*(const unsigned long (*)[NR_MEM_SECTIONS / 64])section_present),
	      "r"(nr));
	return present;
}

extern unsigned long memmap_bytes, memmap_huge_blocks, memmap_base_pages;
extern unsigned long memmap_offnode_bytes[MAX_NUMNODES];

void sparse_print_memmap(void);

/* Mark [start_pfn, end_pfn) present and back its struct pages from nid. */
void sparse_add_range(unsigned long start_pfn, unsigned long end_pfn, int nid);
/* Then back the struct pages of the holes of every present section. */
void sparse_populate_holes(unsigned long max_pfn);

#endif
