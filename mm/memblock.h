/*
 * mm/memblock.h - the boot-time physical memory allocator.
 *
 * Teaches: the boot allocator's whole state is two tables of physical
 * ranges, `memory` (what RAM exists) and `reserved` (what is taken);
 * allocating means finding memory that is not reserved and reserving it
 * (see memblock.c).  Ranges carry their NUMA node once it is known, so
 * early allocations can be node-local.
 * Linux counterpart: include/linux/memblock.h.
 */
#ifndef PAGODA_MM_MEMBLOCK_H
#define PAGODA_MM_MEMBLOCK_H

#include "kernel/types.h"

/*
 * Each table starts as a static array of this many regions and doubles
 * (in memory memblock allocates from itself) whenever it fills up.
 */
#define INIT_MEMBLOCK_REGIONS	128
#define MEMBLOCK_ALLOC_FAILED	((phys_addr_t)-1)

#define NUMA_NO_NODE		(-1)

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	int nid;		/* NUMA node, once memblock_set_node() ran */
};

struct memblock_type {
	unsigned int cnt;
	unsigned int max;		/* room in regions[] */
	struct memblock_region *regions;
	phys_addr_t regions_phys;	/* 0: the static initial array */
	const char *name;
};

struct memblock {
	phys_addr_t current_limit;	/* allocations stay below this */
	bool no_resize;			/* tables may not grow (tests, after boot) */
	unsigned int dropped;		/* ranges lost to a full table */
	struct memblock_type memory;	/* all RAM */
	struct memblock_type reserved;	/* RAM in use */
};

extern struct memblock memblock;

void memblock_reset(void);
/*
 * Empty tables in caller-provided arrays that never grow (in-kernel tests
 * on a synthetic layout: growing would write to "free" memory that is
 * only free in the synthetic layout).
 */
void memblock_use_tables(struct memblock_region *memory, unsigned int nmem,
			 struct memblock_region *reserved, unsigned int nres);
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
/* Give back what memblock_phys_alloc*() handed out (Linux: memblock_phys_free). */
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
/* Zeroed memory, returned through the direct map; panics on failure. */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
/* Split memory regions at [base, base+size)'s edges and give them nid. */
int memblock_set_node(phys_addr_t base, phys_addr_t size, int nid);
/* Node-local allocation, falling back to any node (as Linux does). */
phys_addr_t memblock_alloc_node_phys(phys_addr_t size, phys_addr_t align, int nid);
void *memblock_alloc_node(phys_addr_t size, phys_addr_t align, int nid);
/* On nid or not at all (Linux: memblock_alloc_exact_nid_raw). */
phys_addr_t memblock_alloc_exact_nid_phys(phys_addr_t size, phys_addr_t align, int nid);
bool memblock_is_memory(phys_addr_t addr);
/* The node of the memory region holding addr, or NUMA_NO_NODE. */
int memblock_nid_of(phys_addr_t addr);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_overlaps_reserved(phys_addr_t base, phys_addr_t size);
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
void memblock_dump(void);

#endif
