/*
 * mm/pgtable.h - x86-64 4-level page table entries and index arithmetic.
 *
 * Teaches: a 48-bit virtual address is cut into four 9-bit indexes and a
 * 12-bit offset:
 *
 *   47      39 38      30 29      21 20      12 11         0
 *   [ PGD/PML4 ][ PUD/PDPT ][ PMD/PD  ][  PTE/PT  ][  offset  ]
 *
 * Each table is one 4 KiB page of 512 eight-byte entries.  An entry holds
 * a physical address (bits 12-51) and flags.  With the PSE bit, a PUD
 * entry maps 1 GiB and a PMD entry 2 MiB directly.  Bits 48-63 of the
 * virtual address must copy bit 47 ("canonical" addresses).
 *
 * Pure arithmetic, host-testable (tests/host/test_pgtable.c).
 * Linux counterpart: arch/x86/include/asm/pgtable_types.h,
 * pgtable_64_types.h.
 */
#ifndef PAGODA_MM_PGTABLE_H
#define PAGODA_MM_PGTABLE_H

#include "arch/x86/boot_layout.h"
#include "kernel/types.h"

typedef u64 pteval_t;

#define _PAGE_PRESENT	(1ULL << 0)
#define _PAGE_RW	(1ULL << 1)
#define _PAGE_USER	(1ULL << 2)
#define _PAGE_PWT	(1ULL << 3)
#define _PAGE_PCD	(1ULL << 4)
#define _PAGE_ACCESSED	(1ULL << 5)
#define _PAGE_DIRTY	(1ULL << 6)
#define _PAGE_PSE	(1ULL << 7)	/* in a PUD/PMD: a huge page */
#define _PAGE_GLOBAL	(1ULL << 8)
#define _PAGE_NX	(1ULL << 63)

#define PTE_PFN_MASK	0x000ffffffffff000ULL
#define PAGE_SHIFT	12
#define PMD_SHIFT	21
#define PUD_SHIFT	30
#define PGDIR_SHIFT	39
#define PTRS_PER_TABLE	512
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PUD_SIZE	(1UL << PUD_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1UL))

/* Kernel mappings. */
#define PAGE_KERNEL	(_PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO	(_PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_EXEC (_PAGE_PRESENT | _PAGE_GLOBAL)
/* Intermediate tables allow everything; the leaf decides. */
#define PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW)

static inline unsigned int pgd_index(u64 va) { return (va >> PGDIR_SHIFT) & 511; }
static inline unsigned int pud_index(u64 va) { return (va >> PUD_SHIFT) & 511; }
static inline unsigned int pmd_index(u64 va) { return (va >> PMD_SHIFT) & 511; }
static inline unsigned int pte_index(u64 va) { return (va >> PAGE_SHIFT) & 511; }

/* Index of va in the table of a given level (4 = PGD ... 1 = PTE). */
static inline unsigned int
pt_level_index(u64 va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & 511;
}

/* Bytes one entry of a level covers: 512 GiB, 1 GiB, 2 MiB, 4 KiB. */
static inline u64
pt_level_size(int level)
{
	return 1ULL << (PAGE_SHIFT + 9 * (level - 1));
}

static inline bool
va_is_canonical(u64 va)
{
	return ((s64)(va << 16) >> 16) == (s64)va;
}

/* Rebuild a canonical address from its four indexes and an offset. */
static inline u64
va_from_indexes(unsigned int pgd, unsigned int pud, unsigned int pmd,
		unsigned int pte, unsigned int offset)
{
	u64 va = (u64)pgd << PGDIR_SHIFT | (u64)pud << PUD_SHIFT |
		 (u64)pmd << PMD_SHIFT | (u64)pte << PAGE_SHIFT | offset;

	return (u64)((s64)(va << 16) >> 16);
}

static inline phys_addr_t
pte_phys(pteval_t e)
{
	return e & PTE_PFN_MASK;
}

/*
 * Physical <-> virtual.  The direct map covers all RAM at PAGE_OFFSET;
 * the kernel image is also visible at KERNEL_VMA + physical.
 */
static inline void *
__va(phys_addr_t pa)
{
	return (void *)(pa + PAGE_OFFSET);
}

static inline phys_addr_t
__pa(const void *va)
{
	unsigned long v = (unsigned long)va;

	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - PAGE_OFFSET;
}

#endif
