/*
 * mm/mm_user.h - a user address space: its own PML4, the kernel's upper half.
 *
 * Teaches: every process has a page-table tree of its own for the lower
 * half (user space, pages marked _PAGE_USER) while the upper half, the
 * kernel, is the same in all of them: the PML4 entries 256..511 are copied
 * from init_pgd, so they point at the very same lower-level tables.
 * Linux counterpart: mm_alloc()/pgd_alloc() (arch/x86/mm/pgtable.c),
 * free_pgtables() (mm/memory.c).
 */
#ifndef PAGODA_MM_MM_USER_H
#define PAGODA_MM_MM_USER_H

#include "kernel/types.h"
#include "mm/pgtable.h"

/* The highest user address + 1 (the last page is left unmapped, as Linux). */
#define USER_ADDR_LIMIT		0x00007ffffffff000UL

struct mm_user {
	pteval_t *pgd;
	phys_addr_t pgd_phys;
};

/* A fresh address space with an empty user half; false if out of memory. */
bool mm_user_create(struct mm_user *mm);
/* Map a new zeroed page at va; returns its kernel address or NULL. */
void *mm_user_map_new_page(struct mm_user *mm, unsigned long va,
			   bool writable, bool exec);
/* Free every user page and page table, then the PML4. */
void mm_user_destroy(struct mm_user *mm);

#endif
