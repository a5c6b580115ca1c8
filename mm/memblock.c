/*
 * mm/memblock.c - the boot-time physical memory allocator.
 *
 * Teaches: before the kernel has a page allocator it still needs memory
 * (for page tables, for the page allocator's own structures).  memblock
 * keeps two sorted lists of physical ranges: `memory` (what RAM exists,
 * from the firmware map) and `reserved` (what is taken: the kernel image,
 * the boot loader's data, and every allocation made so far).  Allocating
 * means finding a gap in `reserved` inside `memory` and adding it to
 * `reserved`.  That is the whole invariant: a byte is handed out only if
 * it is memory and not reserved, and handing it out reserves it, so
 * nothing is ever handed out twice.
 *
 * Allocation is top-down (highest fitting address first, below
 * current_limit), as in Linux: low memory is scarce and precious (DMA,
 * the AP start-up trampoline), high memory is plentiful.
 *
 * The lists have no fixed size: each starts as a static array of 128
 * regions and doubles, in memory memblock allocates from itself, when it
 * fills (a machine with 64 nodes reserves a few hundred separate ranges
 * before the page allocator exists).  See memblock_double_array() for
 * why that needs care.
 *
 * Later, the buddy allocator takes over every page that is memory and not
 * reserved (Linux: memblock_free_all).
 * Linux counterpart: mm/memblock.c.
 */
#include "mm/memblock.h"

#include "kernel/compiler.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/pgtable.h"

static struct memblock_region memory_init_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region reserved_init_regions[INIT_MEMBLOCK_REGIONS];

struct memblock memblock = {
	.current_limit = (phys_addr_t)-1,
	.memory = {
		.max = INIT_MEMBLOCK_REGIONS,
		.regions = memory_init_regions,
		.name = "memory",
	},
	.reserved = {
		.max = INIT_MEMBLOCK_REGIONS,
		.regions = reserved_init_regions,
		.name = "reserved",
	},
};

static void
init_type(struct memblock_type *type, struct memblock_region *regions,
	  unsigned int max, const char *name)
{
	*type = (struct memblock_type){
		.max = max, .regions = regions, .name = name,
	};
}

void
memblock_reset(void)
{
	init_type(&memblock.memory, memory_init_regions,
		  INIT_MEMBLOCK_REGIONS, "memory");
	init_type(&memblock.reserved, reserved_init_regions,
		  INIT_MEMBLOCK_REGIONS, "reserved");
	memblock.current_limit = (phys_addr_t)-1;
	memblock.no_resize = false;
	memblock.dropped = 0;
}

void
memblock_use_tables(struct memblock_region *memory, unsigned int nmem,
		    struct memblock_region *reserved, unsigned int nres)
{
	init_type(&memblock.memory, memory, nmem, "memory");
	init_type(&memblock.reserved, reserved, nres, "reserved");
	memblock.current_limit = (phys_addr_t)-1;
	memblock.no_resize = true;
	memblock.dropped = 0;
}

static phys_addr_t
region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

static phys_addr_t memblock_find_in_range(phys_addr_t size, phys_addr_t align,
					  phys_addr_t start, phys_addr_t end);
static int memblock_remove_range(struct memblock_type *type, phys_addr_t base,
				 phys_addr_t size);

/*
 * A table is full: give it an array twice as large, taken from memblock
 * itself (Linux: memblock_double_array).  Three traps:
 *
 *  - the new array must not be [avoid_base, +avoid_size), the range the
 *    caller is about to add: when that is a reservation, it is still free
 *    in the reserved table, so the search could pick it;
 *  - the search must not reserve as it goes (memblock_phys_alloc would
 *    call back into the very table that is full): find first, switch to
 *    the new array, and only then reserve it, when the reserved table has
 *    room again.  When it is the memory table that grew, reserving its new
 *    array may make the reserved table grow in turn, once (that nested
 *    growth avoids the new memory array the same way);
 *  - an array that was itself allocated by an earlier doubling is given
 *    back after the copy (the static initial array is simply left).
 *
 * The array comes from below current_limit, which is always mapped.
 */
static int
memblock_double_array(struct memblock_type *type, phys_addr_t avoid_base,
		      phys_addr_t avoid_size)
{
	phys_addr_t old_size = type->max * sizeof(struct memblock_region);
	phys_addr_t new_size = 2 * old_size;
	phys_addr_t old_phys = type->regions_phys;
	struct memblock_region *new;
	phys_addr_t pa;

	if (memblock.no_resize)
		return -ENOSPC;
	pa = memblock_find_in_range(new_size, PAGE_SIZE, avoid_base + avoid_size,
				    (phys_addr_t)-1);
	if (pa == MEMBLOCK_ALLOC_FAILED && avoid_base)
		pa = memblock_find_in_range(new_size, PAGE_SIZE, 0, avoid_base);
	if (pa == MEMBLOCK_ALLOC_FAILED)
		return -ENOMEM;

	new = __va(pa);
	memcpy(new, type->regions, type->cnt * sizeof(*new));
	memset(new + type->cnt, 0, new_size - type->cnt * sizeof(*new));
	type->regions = new;
	type->regions_phys = pa;
	type->max *= 2;
	pr_info("memblock: %s table doubled to %u regions at [mem %#010llx-%#010llx]\n",
		type->name, type->max, (unsigned long long)pa,
		(unsigned long long)(pa + new_size - 1));

	if (memblock_reserve(pa, new_size))
		panic("memblock: cannot reserve the new %s table", type->name);
	if (old_phys)
		memblock_remove_range(&memblock.reserved, old_phys, old_size);
	return 0;
}

/*
 * Insert [base, base+size) keeping the list sorted, then merge every
 * overlapping or touching neighbour.  O(n) per insertion.
 */
static int
memblock_add_range(struct memblock_type *type, phys_addr_t base,
		   phys_addr_t size)
{
	unsigned int i = 0;

	if (!size)
		return 0;
	if (base + size < base)		/* wraps: clip at the top */
		size = (phys_addr_t)-1 - base;
	/* Grow first, so that the insertion below always finds a slot. */
	if (type->cnt >= type->max)
		memblock_double_array(type, base, size);
	while (i < type->cnt && type->regions[i].base < base)
		i++;
	if (type->cnt >= type->max) {
		/* Full and cannot grow: a range that overlaps or touches a
		 * neighbour can still be absorbed without a new slot. */
		unsigned int j = i ? i - 1 : 0;

		if (j < type->cnt && type->regions[j].base <= base + size &&
		    base <= region_end(&type->regions[j]))
			i = j;
		else if (i < type->cnt && type->regions[i].base <= base + size)
			j = i;
		else {
			pr_err("memblock: %s table full, dropping [%#llx-%#llx]\n",
			       type->name, (unsigned long long)base,
			       (unsigned long long)(base + size - 1));
			memblock.dropped++;
			return -ENOSPC;
		}
		struct memblock_region *r = &type->regions[j];
		phys_addr_t end = max(region_end(r), base + size);

		r->base = min(r->base, base);
		r->size = end - r->base;
		i = j;
	} else {
		memmove(&type->regions[i + 1], &type->regions[i],
			(type->cnt - i) * sizeof(type->regions[0]));
		type->regions[i] = (struct memblock_region){ base, size, NUMA_NO_NODE };
		type->cnt++;
	}
	/*
	 * The list was sorted and disjoint before, so only the new region's
	 * neighbours can overlap or touch it: merge forward from the one
	 * before it until a region starts past the new region's end.
	 * Overlapping regions always merge (keeping the first one's node);
	 * merely touching ones only if they are on the same node.
	 */
	i = i ? i - 1 : 0;
	while (i + 1 < type->cnt) {
		struct memblock_region *a = &type->regions[i];
		struct memblock_region *b = &type->regions[i + 1];

		if (b->base < region_end(a) ||
		    (b->base == region_end(a) && a->nid == b->nid)) {
			a->size = max(region_end(a), region_end(b)) - a->base;
			if (a->nid == NUMA_NO_NODE)
				a->nid = b->nid;
			memmove(b, b + 1, (type->cnt - i - 2) * sizeof(*b));
			type->cnt--;
		} else if (b->base > base + size) {
			break;
		} else {
			i++;
		}
	}
	return 0;
}

int
memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.memory, base, size);
}

int
memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.reserved, base, size);
}

void
memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

static bool
type_contains(const struct memblock_type *type, phys_addr_t addr)
{
	for (unsigned int i = 0; i < type->cnt; i++)
		if (addr >= type->regions[i].base &&
		    addr < region_end(&type->regions[i]))
			return true;
	return false;
}

bool
memblock_is_memory(phys_addr_t addr)
{
	return type_contains(&memblock.memory, addr);
}

int
memblock_nid_of(phys_addr_t addr)
{
	for (unsigned int i = 0; i < memblock.memory.cnt; i++)
		if (addr >= memblock.memory.regions[i].base &&
		    addr < region_end(&memblock.memory.regions[i]))
			return memblock.memory.regions[i].nid;
	return NUMA_NO_NODE;
}

bool
memblock_is_reserved(phys_addr_t addr)
{
	return type_contains(&memblock.reserved, addr);
}

/* The highest reserved region overlapping [base, base+size), or NULL. */
static const struct memblock_region *
highest_reserved_overlap(phys_addr_t base, phys_addr_t size)
{
	for (unsigned int i = memblock.reserved.cnt; i-- > 0;) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		if (r->base < base + size && base < region_end(r))
			return r;
	}
	return NULL;
}

bool
memblock_overlaps_reserved(phys_addr_t base, phys_addr_t size)
{
	return highest_reserved_overlap(base, size) != NULL;
}

/*
 * The highest free block of size bytes, aligned, inside [start, end) and
 * below current_limit.  Nothing is reserved: the caller does that.
 */
static phys_addr_t
memblock_find_in_range(phys_addr_t size, phys_addr_t align, phys_addr_t start,
		       phys_addr_t end)
{
	if (!size || !align || (align & (align - 1)))
		return MEMBLOCK_ALLOC_FAILED;
	end = min(end, memblock.current_limit);

	/* Walk memory top-down; in each region, slide below reservations. */
	for (unsigned int i = memblock.memory.cnt; i-- > 0;) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		phys_addr_t lo = max(m->base, start);
		phys_addr_t hi = min(region_end(m), end);

		while (hi > lo && hi - lo >= size) {
			phys_addr_t cand = ALIGN_DOWN(hi - size, align);
			const struct memblock_region *r;

			if (cand < lo)
				break;
			r = highest_reserved_overlap(cand, size);
			if (!r)
				return cand;
			hi = r->base;	/* try just below that reservation */
		}
	}
	return MEMBLOCK_ALLOC_FAILED;
}

phys_addr_t
memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
			  phys_addr_t start, phys_addr_t end)
{
	phys_addr_t pa = memblock_find_in_range(size, align, start, end);

	/* Handing out what we cannot record would hand it out twice. */
	if (pa == MEMBLOCK_ALLOC_FAILED || memblock_reserve(pa, size))
		return MEMBLOCK_ALLOC_FAILED;
	return pa;
}

/*
 * Cut [base, base+size) out of a table: regions inside it go, regions
 * across its edges are trimmed, a region around it is split in two (the
 * one case that needs a new slot).
 */
static int
memblock_remove_range(struct memblock_type *type, phys_addr_t base,
		      phys_addr_t size)
{
	phys_addr_t end = base + size < base ? (phys_addr_t)-1 : base + size;
	unsigned int i = 0;

	if (!size)
		return 0;
	for (unsigned int j = 0; j < type->cnt; j++)
		if (type->regions[j].base < base &&
		    region_end(&type->regions[j]) > end &&
		    type->cnt >= type->max &&
		    memblock_double_array(type, 0, 0))
			return -ENOSPC;
	while (i < type->cnt) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t rend = region_end(r);

		if (rend <= base || r->base >= end) {
			i++;
		} else if (r->base < base && rend > end) {
			memmove(r + 1, r, (type->cnt - i) * sizeof(*r));
			type->cnt++;
			r[0].size = base - r->base;
			r[1].base = end;
			r[1].size = rend - end;
			break;
		} else if (r->base < base) {
			r->size = base - r->base;
			i++;
		} else if (rend > end) {
			r->size = rend - end;
			r->base = end;
			i++;
		} else {
			memmove(r, r + 1, (type->cnt - i - 1) * sizeof(*r));
			type->cnt--;
		}
	}
	return 0;
}

int
memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_range(&memblock.reserved, base, size);
}

/* Split the region containing addr (if any, and not at its edge) in two. */
static int
memblock_split_at(struct memblock_type *type, phys_addr_t addr)
{
	for (unsigned int i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		if (addr <= r->base || addr >= region_end(r))
			continue;
		if (type->cnt >= type->max) {
			if (memblock_double_array(type, 0, 0))
				return -ENOSPC;
			r = &type->regions[i];	/* the table moved */
		}
		memmove(r + 1, r, (type->cnt - i) * sizeof(*r));
		type->cnt++;
		r[1].base = addr;
		r[1].size = region_end(r) - addr;
		r[0].size = addr - r->base;
		return 0;
	}
	return 0;
}

int
memblock_set_node(phys_addr_t base, phys_addr_t size, int nid)
{
	struct memblock_type *type = &memblock.memory;
	int err = memblock_split_at(type, base);

	if (!err)
		err = memblock_split_at(type, base + size);
	if (err) {
		pr_err("memblock: too many regions to set node %d\n", nid);
		return err;
	}
	for (unsigned int i = 0; i < type->cnt; i++)
		if (type->regions[i].base >= base &&
		    region_end(&type->regions[i]) <= base + size)
			type->regions[i].nid = nid;
	return 0;
}

phys_addr_t
memblock_alloc_exact_nid_phys(phys_addr_t size, phys_addr_t align, int nid)
{
	/* Highest region of the node first, like the top-down search. */
	for (unsigned int i = memblock.memory.cnt; i-- > 0;) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		phys_addr_t pa;

		if (r->nid != nid)
			continue;
		pa = memblock_phys_alloc_range(size, align, r->base, region_end(r));
		if (pa != MEMBLOCK_ALLOC_FAILED)
			return pa;
	}
	return MEMBLOCK_ALLOC_FAILED;
}

phys_addr_t
memblock_alloc_node_phys(phys_addr_t size, phys_addr_t align, int nid)
{
	phys_addr_t pa = memblock_alloc_exact_nid_phys(size, align, nid);

	return pa != MEMBLOCK_ALLOC_FAILED ? pa : memblock_phys_alloc(size, align);
}

void *
memblock_alloc_node(phys_addr_t size, phys_addr_t align, int nid)
{
	phys_addr_t pa = memblock_alloc_node_phys(size, align, nid);
	void *va;

	if (pa == MEMBLOCK_ALLOC_FAILED)
		panic("memblock: cannot allocate %llu bytes on node %d",
		      (unsigned long long)size, nid);
	va = __va(pa);
	memset(va, 0, size);
	return va;
}

phys_addr_t
memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0, (phys_addr_t)-1);
}

void *
memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t pa = memblock_phys_alloc(size, align);
	void *va;

	if (pa == MEMBLOCK_ALLOC_FAILED)
		panic("memblock: cannot allocate %llu bytes (align %#llx) "
		      "below %#llx", (unsigned long long)size,
		      (unsigned long long)align,
		      (unsigned long long)memblock.current_limit);
	va = __va(pa);
	memset(va, 0, size);
	return va;
}

static phys_addr_t
type_size(const struct memblock_type *type)
{
	phys_addr_t sum = 0;

	for (unsigned int i = 0; i < type->cnt; i++)
		sum += type->regions[i].size;
	return sum;
}

phys_addr_t
memblock_phys_mem_size(void)
{
	return type_size(&memblock.memory);
}

phys_addr_t
memblock_reserved_size(void)
{
	return type_size(&memblock.reserved);
}

static void
dump_type(const struct memblock_type *type)
{
	pr_debug(" %s.cnt  = 0x%x\n", type->name, type->cnt);
	for (unsigned int i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		pr_debug(" %s[0x%x]\t[0x%016llx-0x%016llx], 0x%016llx bytes\n",
			 type->name, i, (unsigned long long)r->base,
			 (unsigned long long)(region_end(r) - 1),
			 (unsigned long long)r->size);
	}
}

void
memblock_dump(void)
{
	pr_debug("MEMBLOCK configuration:\n");
	pr_debug(" memory size = 0x%016llx reserved size = 0x%016llx\n",
		 (unsigned long long)memblock_phys_mem_size(),
		 (unsigned long long)memblock_reserved_size());
	dump_type(&memblock.memory);
	dump_type(&memblock.reserved);
}
