/*
 * mm/paging_init.h - the kernel's final address space.
 *
 * Teaches: after paging_init() the kernel runs on page tables it built
 * itself (see paging_init.c); what it mapped is kept in direct_map and
 * init_pgd so that the tests, the reports and GDB can check it.
 * Linux counterpart: arch/x86/mm/init_64.c (paging_init), arch/x86/mm/init.c
 * (init_mem_mapping).
 */
#ifndef PAGODA_MM_PAGING_INIT_H
#define PAGODA_MM_PAGING_INIT_H

#include "mm/pgtable_ops.h"

struct direct_map_info {
	u64 bytes;			/* physical memory mapped */
	phys_addr_t max_addr;		/* highest mapped address + 1 */
	struct pt_map_stats stats;	/* leaves and tables it took */
	bool gbpages;			/* 1 GiB pages were allowed */
};

extern struct direct_map_info direct_map;
extern pteval_t *init_pgd;		/* the kernel's PML4 */
extern phys_addr_t init_pgd_phys;

/* The e820 types the direct map covers: RAM and ACPI memory. */
bool e820_type_is_direct_mapped(u32 type);
void paging_init(void);

#endif
