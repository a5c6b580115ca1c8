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

struct memblock memblock = {
	.current_limit = (phys_addr_t)-1,
	.memory.name = "memory",
	.reserved.name = "reserved",
};

void
memblock_reset(void)
{
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
	memblock.current_limit = (phys_addr_t)-1;
}

static phys_addr_t
region_end(const struct memblock_region *r)
{
	return r->base + r->size;
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
	while (i < type->cnt && type->regions[i].base < base)
		i++;
	if (type->cnt >= MEMBLOCK_MAX_REGIONS) {
		/* Full: a range that overlaps or touches a neighbour can
		 * still be absorbed without a new slot. */
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

phys_addr_t
memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
			  phys_addr_t start, phys_addr_t end)
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
			if (!r) {
				/* Handing out what we cannot record would
				 * hand it out twice: fail instead. */
				if (memblock_reserve(cand, size))
					return MEMBLOCK_ALLOC_FAILED;
				return cand;
			}
			hi = r->base;	/* try just below that reservation */
		}
	}
	return MEMBLOCK_ALLOC_FAILED;
}

/* Split the region containing addr (if any, and not at its edge) in two. */
static int
memblock_split_at(struct memblock_type *type, phys_addr_t addr)
{
	for (unsigned int i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		if (addr <= r->base || addr >= region_end(r))
			continue;
		if (type->cnt >= MEMBLOCK_MAX_REGIONS)
			return -ENOSPC;
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
