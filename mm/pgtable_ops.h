/*
 * mm/pgtable_ops.h - building and walking page tables.
 *
 * Teaches: the two operations on x86-64 4-level page tables: mapping a
 * range (with the largest page size alignment allows) and walking one
 * address level by level, which gives the translation and the effective
 * rights (every level must allow a write or a user access; NX at any
 * level wins).
 * Linux counterpart: arch/x86/mm/init_64.c (kernel_physical_mapping_init),
 * mm/pagewalk.c, arch/x86/mm/dump_pagetables.c.
 */
#ifndef PAGODA_MM_PGTABLE_OPS_H
#define PAGODA_MM_PGTABLE_OPS_H

#include "mm/pgtable.h"

#define MAP_ALLOW_2M	(1U << 0)	/* PMD leaves where aligned */
#define MAP_ALLOW_1G	(1U << 1)	/* PUD leaves where aligned */

struct pt_map_stats {
	unsigned long pages_4k, pages_2m, pages_1g;
	unsigned long tables;		/* page-table pages allocated */
};

/* Where new page-table pages come from (memblock now, buddy later). */
typedef phys_addr_t (*pt_alloc_fn)(void);
extern pt_alloc_fn pt_alloc_table;

int map_range(pteval_t *pgd, u64 va, phys_addr_t pa, u64 size,
	      pteval_t prot, unsigned int flags, struct pt_map_stats *st);

struct pt_walk {
	u64 va;
	int nlevels;			/* entries read: 1..4 */
	struct {
		int level;		/* 4 = PML4 ... 1 = PT */
		unsigned int index;
		pteval_t entry;
		phys_addr_t table;	/* physical address of the table */
	} lv[4];
	bool mapped;
	phys_addr_t phys;		/* translation of va, if mapped */
	u64 page_size;
	/* Effective rights: every level must allow write/user; any NX wins. */
	bool writable, user, nx;
};

int pt_walk(phys_addr_t cr3, u64 va, struct pt_walk *w);
void pt_walk_print(const struct pt_walk *w);
char *pte_flags_str(pteval_t e, int level, char *buf, size_t size);
const char *pt_level_name(int level);

#endif
