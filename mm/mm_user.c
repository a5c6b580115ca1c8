/*
 * mm/mm_user.c - create, fill and tear down a user address space.
 *
 * Teaches: the user half of a PML4 is built on demand, one table per level
 * as addresses need it, every intermediate entry marked _PAGE_USER (the
 * CPU ANDs the U bit across the levels); the kernel half is shared by
 * copying the top-level entries only.  Tearing down walks the user half
 * and frees leaf pages and tables bottom-up, so every page the process
 * held goes back to the allocator; the shared kernel tables are never
 * touched.
 * Linux counterpart: arch/x86/mm/pgtable.c (pgd_alloc, pgd_ctor),
 * mm/memory.c (__pte_alloc, free_pgd_range).
 */
#include "mm/mm_user.h"

#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/page.h"
#include "mm/paging_init.h"

#define USER_PGD_ENTRIES	256	/* the lower half of a PML4 */

static pteval_t *
alloc_table(phys_addr_t *phys)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return NULL;
	*phys = page_to_phys(page);
	return page_address(page);
}

bool
mm_user_create(struct mm_user *mm)
{
	mm->pgd = alloc_table(&mm->pgd_phys);
	if (!mm->pgd)
		return false;
	for (unsigned int i = USER_PGD_ENTRIES; i < 512; i++)
		mm->pgd[i] = init_pgd[i];
	return true;
}

/* The next level's table behind *entry, allocated if absent. */
static pteval_t *
next_table(pteval_t *entry)
{
	phys_addr_t phys;
	pteval_t *t;

	if (*entry & _PAGE_PRESENT)
		return __va(pte_phys(*entry));
	t = alloc_table(&phys);
	if (!t)
		return NULL;
	*entry = phys | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER;
	return t;
}

void *
mm_user_map_new_page(struct mm_user *mm, unsigned long va, bool writable,
		     bool exec)
{
	pteval_t *t = mm->pgd;
	phys_addr_t phys;
	void *kaddr;

	if (va >= USER_ADDR_LIMIT || (va & (PAGE_SIZE - 1)))
		return NULL;
	for (int level = 4; level > 1; level--) {
		t = next_table(&t[pt_level_index(va, level)]);
		if (!t)
			return NULL;	/* tables stay: destroy frees them */
	}
	if (t[pte_index(va)] & _PAGE_PRESENT)
		return NULL;
	kaddr = alloc_table(&phys);
	if (!kaddr)
		return NULL;
	t[pte_index(va)] = phys | _PAGE_PRESENT | _PAGE_USER |
			   (writable ? _PAGE_RW : 0) | (exec ? 0 : _PAGE_NX);
	return kaddr;
}

/* Free the table at phys and, below level 1, everything it points to. */
static void
free_level(phys_addr_t phys, int level)
{
	pteval_t *t = __va(phys);

	for (unsigned int i = 0; i < 512; i++) {
		if (!(t[i] & _PAGE_PRESENT))
			continue;
		if (level > 1)
			free_level(pte_phys(t[i]), level - 1);
		else
			__free_page(virt_to_page(__va(pte_phys(t[i]))));
	}
	__free_page(virt_to_page(t));
}

void
mm_user_destroy(struct mm_user *mm)
{
	for (unsigned int i = 0; i < USER_PGD_ENTRIES; i++)
		if (mm->pgd[i] & _PAGE_PRESENT)
			free_level(pte_phys(mm->pgd[i]), 3);
	__free_page(virt_to_page(mm->pgd));
	mm->pgd = NULL;
}
