/*
 * mm/cma.c - the Contiguous Memory Allocator.
 *
 * Teaches: some devices need large physically contiguous buffers, which a
 * long-running buddy allocator can rarely provide.  CMA reserves an area
 * at boot, but does not waste it: until a driver asks, the area is lent
 * to movable allocations, whose pages can be migrated out when the
 * driver's request comes.  Two ways to lend it:
 *
 *   cma_policy=migratetype-2017  (Linux as the seed describes it) the
 *       area stays inside the normal zones as MIGRATE_CMA pageblocks,
 *       used by movable allocations only as a last resort, and the
 *       zones' watermark checks for everybody else must subtract the
 *       free CMA pages; a zone can therefore look nearly full while half
 *       of it is free CMA memory, and kswapd wakes up needlessly;
 *   cma_policy=migratetype  (Linux 6.1) the same pageblocks, plus a
 *       balancing step added later: a movable request takes CMA first
 *       while CMA pages are more than half of the zone's free pages
 *       (mm/page_alloc.c, __rmqueue), so the normal pageblocks are not
 *       used up first;
 *   cma_policy=zone  (default; the 2017 ZONE_CMA proposal) the area is a
 *       zone of its own: the other zones' watermarks no longer include
 *       it, and movable allocations reach it through the zonelist.
 *
 * The command line is Linux's (parsed in mm/cma_param.c):
 *
 *   cma=SIZE                 one global area: on a machine with memory
 *                            past 4 GiB + SIZE, the lowest free place
 *                            from 4 GiB up (as Linux since 5.11); else
 *                            wherever memblock finds room top-down, so
 *                            at the top of the highest node with free
 *                            memory (node 1 of the default machine), not
 *                            on the boot CPU's node;
 *   cma=SIZE@START           the global area exactly at physical START;
 *   cma=SIZE@START-END       the global area anywhere in [START, END);
 *   cma_pernuma=SIZE         one area on every node with memory;
 *   numa_cma=NODE:SIZE,...   one area on each node named
 *                            (the node's lowest free place from 4 GiB
 *                            up if it has one, else its top).
 *
 * cma= names one area: given twice, the last one counts, as in Linux.
 * Every area lies on one node (an area never straddles two), and is
 * aligned to a pageblock (2 MiB), as Linux since 5.19
 * (CMA_MIN_ALIGNMENT_BYTES): the area's pages go to the buddy allocator
 * one pageblock at a time, and the buddy allocator never merges a CMA
 * pageblock with a free block of another kind beside the area
 * (__free_one_page in mm/page_alloc.c), nor a ZONE_CMA page with a page
 * of another zone.  An area that straddles two zones is not activated,
 * as in Linux.
 *
 * cma_alloc() finds a free range in the area's bitmap and takes its pages
 * out of the buddy allocator.  A page of the range that a movable user
 * holds would have to be migrated away first: that comes with page
 * migration (a later issue); for now such a request fails with -EBUSY.
 *
 * Linux counterpart: mm/cma.c, mm/page_alloc.c (alloc_contig_range).
 */
#include "mm/cma.h"

#include "kernel/errno.h"
#include "lib/bitmap.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/cma_param.h"
#include "mm/gfp.h"
#include "mm/memblock.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"

enum cma_policy cma_policy = CMA_POLICY_ZONE;
struct cma cma_areas[MAX_CMA_AREAS];
unsigned int cma_area_count;

/* A macro's value as a string literal, for the descriptions below. */
#define CMA_STR_(x)	#x
#define CMA_STR(x)	CMA_STR_(x)

/* Linux's CMA_MIN_ALIGNMENT_BYTES (5.19 on): one pageblock, 2 MiB. */
#define CMA_ALIGN	((u64)PAGE_SIZE << pageblock_order)

/* What the command line asked for, reserved by cma_reserve(). */
static struct cma_global_req cma_global;
static u64 cma_pernuma_size;
static u64 numa_cma_size[MAX_NUMNODES];

/*
 * A malformed value goes back to the parameter code, which says
 * "Malformed value"; a well-formed value we cannot use gets its own
 * sentence here and is ignored.
 */
static int
cma_param_result(const char *name, const char *val, enum cma_param_err err)
{
	if (err == CMA_PARAM_MALFORMED)
		return -EINVAL;
	if (err == CMA_PARAM_ROUND_OVERFLOW)
		pr_err("cma: %s=%s ignored: the size overflows when rounded up to %llu MiB\n",
		       name, val, (unsigned long long)(CMA_ALIGN >> 20));
	else if (err)
		pr_err("cma: %s=%s ignored: %s\n", name, val,
		       cma_param_strerror(err));
	return 0;
}

static int
set_cma(const char *val)
{
	struct cma_global_req req;
	enum cma_param_err err = cma_parse_global(val, CMA_ALIGN, &req);

	if (!err) {
		if (cma_global.size)
			pr_warn("cma: cma= given again: cma=%s replaces the earlier one (one global area, as in Linux)\n",
				val);
		cma_global = req;
	}
	return cma_param_result("cma", val, err);
}
early_param_desc("cma", set_cma,
		 "SIZE[@START[-END]], such as 64M, 64M@0x40000000 (exactly "
		 "there) or 64M@1G-2G (anywhere between); SIZE is rounded up "
		 "to 2 MiB, 0 means no area");

static int
set_cma_pernuma(const char *val)
{
	return cma_param_result("cma_pernuma", val,
			cma_parse_pernuma(val, CMA_ALIGN, &cma_pernuma_size));
}
early_param_desc("cma_pernuma", set_cma_pernuma,
		 "a size such as 16M, one area of it on every node with "
		 "memory (rounded up to 2 MiB)");

static int
set_numa_cma(const char *val)
{
	return cma_param_result("numa_cma", val,
			cma_parse_numa(val, CMA_ALIGN, numa_cma_size,
				       MAX_NUMNODES));
}
early_param_desc("numa_cma", set_numa_cma,
		 "NODE:SIZE[,NODE:SIZE...], such as 0:16M,1:64M; NODE in "
		 "decimal, below " CMA_STR(MAX_NUMNODES));

static const char *const cma_policies[] = {
	"zone", "migratetype", "migratetype-2017", NULL
};

/* params.c lets through only the values above, and names them otherwise. */
static int
set_cma_policy(const char *val)
{
	if (!strcmp(val, "zone"))
		cma_policy = CMA_POLICY_ZONE;
	else if (!strcmp(val, "migratetype"))
		cma_policy = CMA_POLICY_MIGRATETYPE;
	else
		cma_policy = CMA_POLICY_MIGRATETYPE_2017;
	return 0;
}
early_param_choice("cma_policy", set_cma_policy, cma_policies);

static unsigned long
cma_end_pfn(const struct cma *cma)
{
	return cma->base_pfn + cma->count;
}

bool
pfn_in_cma_zone(int nid, unsigned long pfn)
{
	if (cma_policy != CMA_POLICY_ZONE)
		return false;
	for (unsigned int i = 0; i < cma_area_count; i++)
		if (cma_areas[i].nid == nid && pfn >= cma_areas[i].base_pfn &&
		    pfn < cma_end_pfn(&cma_areas[i]))
			return true;
	return false;
}

bool
cma_zone_range(int nid, unsigned long *start, unsigned long *end)
{
	bool found = false;

	if (cma_policy != CMA_POLICY_ZONE)
		return false;
	for (unsigned int i = 0; i < cma_area_count; i++) {
		if (cma_areas[i].nid != nid)
			continue;
		if (!found) {
			*start = cma_areas[i].base_pfn;
			*end = cma_end_pfn(&cma_areas[i]);
			found = true;
		}
		*start = min(*start, cma_areas[i].base_pfn);
		*end = max(*end, cma_end_pfn(&cma_areas[i]));
	}
	return found;
}

unsigned long
cma_next_boundary(unsigned long pfn)
{
	unsigned long b = ~0UL;

	if (cma_policy != CMA_POLICY_ZONE)
		return b;
	for (unsigned int i = 0; i < cma_area_count; i++) {
		if (cma_areas[i].base_pfn > pfn)
			b = min(b, cma_areas[i].base_pfn);
		if (cma_end_pfn(&cma_areas[i]) > pfn)
			b = min(b, cma_end_pfn(&cma_areas[i]));
	}
	return b;
}

/*
 * The end of RAM: the end of memblock's last memory region (Linux's
 * memblock_end_of_DRAM()).  On x86-64 it is also where Linux's "high
 * memory" starts (__pa(high_memory) is max_pfn's address) and, on the
 * machines QEMU builds, the end of the direct map (max_pfn_mapped).
 */
static u64
cma_ram_end(void)
{
	const struct memblock_type *m = &memblock.memory;

	if (!m->cnt)
		return 0;
	return m->regions[m->cnt - 1].base + m->regions[m->cnt - 1].size;
}

/*
 * Linux (since 5.11) first looks for an area bottom-up from 4 GiB when
 * memory reaches past 4 GiB + size: the area then sits at the start of
 * its node's high memory, away from DMA/DMA32, and compaction moves
 * pages out of it rather than into it.  memblock here allocates
 * top-down only, so walk the 2 MiB-aligned candidates upwards and take
 * the first one that is free, on node nid if nid >= 0.  (A window of
 * exactly one candidate can only give that candidate; memblock's
 * regions end at node boundaries, so its first byte names its node.)
 * Linux 6.1 starts this search at 4 GiB even when cma=SIZE@START-END
 * names a START above it; we start at START then, as the user asked.
 */
static phys_addr_t
cma_alloc_above_4g(u64 size, u64 base, u64 limit, int nid)
{
	u64 four_g = 4 * (u64)SZ_1G;

	if (cma_ram_end() < four_g || cma_ram_end() - four_g < size)
		return MEMBLOCK_ALLOC_FAILED;
	for (u64 cand = max(four_g, base);
	     cand < limit && limit - cand >= size; cand += CMA_ALIGN) {
		phys_addr_t pa;

		if (!memblock_is_memory(cand) ||
		    (nid >= 0 && memblock_nid_of(cand) != nid))
			continue;
		pa = memblock_phys_alloc_range(size, CMA_ALIGN, cand, cand + size);
		if (pa != MEMBLOCK_ALLOC_FAILED)
			return pa;
	}
	return MEMBLOCK_ALLOC_FAILED;
}

/*
 * Check a request the way Linux 6.1 does (cma_declare_contiguous_nid),
 * in its order, with its messages.  On success (0) *base and *limit are
 * the window to allocate in, and *fixed is false if base was 0.
 *  1. a fixed base must be aligned;
 *  2. the base is rounded up and the limit down to the alignment, and a
 *     base of 0 means "anywhere";
 *  3. a fixed area must not straddle the start of high memory, which on
 *     x86-64 is the end of RAM;
 *  4. no limit, or one past the end of RAM, means the end of RAM
 *     (rounded after step 2, so it keeps RAM's own end);
 *  5. the area must fit below the limit.
 */
static int
cma_check_request(u64 size, u64 *base, u64 *limit, bool *fixed)
{
	u64 ram_end = cma_ram_end();

	if (*fixed && (*base & (CMA_ALIGN - 1))) {
		pr_err("cma: Region at %#018llx must be aligned to %#018llx bytes\n",
		       (unsigned long long)*base, (unsigned long long)CMA_ALIGN);
		return -EINVAL;
	}
	if (*base > ~(u64)0 - (CMA_ALIGN - 1))
		*base = ~(u64)0 & ~(CMA_ALIGN - 1);	/* fails step 5 */
	else
		*base = ALIGN(*base, CMA_ALIGN);
	*limit &= ~(CMA_ALIGN - 1);
	if (!*base)
		*fixed = false;
	if (*fixed && *base < ram_end && size > ram_end - *base) {
		pr_err("cma: Region at %#018llx defined on low/high memory boundary (%#018llx)\n",
		       (unsigned long long)*base, (unsigned long long)ram_end);
		return -EINVAL;
	}
	if (!*limit || *limit > ram_end)
		*limit = ram_end;
	if (*base > *limit || size > *limit - *base) {
		pr_err("cma: Size (%#018llx) of region at %#018llx exceeds limit (%#018llx)\n",
		       (unsigned long long)size, (unsigned long long)*base,
		       (unsigned long long)*limit);
		return -EINVAL;
	}
	return 0;
}

/*
 * Reserve one area of size bytes (a multiple of CMA_ALIGN): exactly at
 * base if fixed, else in [base, limit) (limit 0: anywhere), on node nid
 * only if nid >= 0; anywhere: the request named no place (the bottom-up
 * test wants to know).  The failures say what Linux says
 * (cma_declare_contiguous_nid() and cma_init_reserved_mem()), including
 * its closing "Failed to reserve" line.
 */
static int
cma_declare(u64 size, u64 base, u64 limit, bool fixed, bool anywhere,
	    int nid, const char *name)
{
	struct cma *cma;
	phys_addr_t pa = MEMBLOCK_ALLOC_FAILED;
	int ret;

	if (cma_area_count == MAX_CMA_AREAS) {
		pr_err("cma: Not enough slots for CMA reserved regions!\n");
		pr_err("cma: at most %d areas: %s (%llu MiB) not reserved\n",
		       MAX_CMA_AREAS, name, (unsigned long long)(size >> 20));
		return -ENOSPC;
	}
	ret = cma_check_request(size, &base, &limit, &fixed);
	if (ret)
		goto fail;
	if (!fixed)
		pa = cma_alloc_above_4g(size, base, limit, nid);
	/* Then top-down, as memblock allocates. */
	if (pa == MEMBLOCK_ALLOC_FAILED && nid >= 0)
		pa = memblock_alloc_exact_nid_phys(size, CMA_ALIGN, nid);
	else if (pa == MEMBLOCK_ALLOC_FAILED)
		/* Memory regions are split at node edges: one node. */
		pa = memblock_phys_alloc_range(size, CMA_ALIGN, base,
					       fixed ? base + size : limit);
	if (pa == MEMBLOCK_ALLOC_FAILED) {
		ret = fixed ? -EBUSY : -ENOMEM;
		goto fail;
	}
	cma = &cma_areas[cma_area_count++];
	cma->base_pfn = PFN_DOWN(pa);
	cma->count = size >> PAGE_SHIFT;
	cma->nid = memblock_nid_of(pa);
	cma->anywhere = anywhere;
	/* Beside the area: cma_alloc() reads it while using the area. */
	cma->bitmap = memblock_alloc_node(BITMAP_BYTES(cma->count),
					  sizeof(long), cma->nid);
	strscpy(cma->name, name, sizeof(cma->name));
	/* Linux 6.1's line; then what it does not say. */
	pr_info("cma: Reserved %llu MiB at %#018llx\n",
		(unsigned long long)(size >> 20), (unsigned long long)pa);
	pr_info("cma: %s on node %d (%s)\n", cma->name, cma->nid,
		cma_policy == CMA_POLICY_ZONE ? "ZONE_CMA" :
		"MIGRATE_CMA pageblocks");
	return 0;
fail:
	pr_err("cma: Failed to reserve %llu MiB\n",
	       (unsigned long long)(size >> 20));
	return ret;
}

/* numa_cma= and cma_pernuma= areas of node nid. */
static void
cma_reserve_node(int nid)
{
	char name[sizeof(cma_areas[0].name)];
	int ret;

	if (numa_cma_size[nid]) {
		scnprintf(name, sizeof(name), "numa%d", nid);
		ret = cma_declare(numa_cma_size[nid], 0, 0, false, true, nid, name);
		if (ret)
			pr_warn("cma: %s: reservation failed: err %d, node %d\n",
				"numa_cma", ret, nid);
	}
	if (cma_pernuma_size && node_state(nid, N_MEMORY)) {
		scnprintf(name, sizeof(name), "pernuma%d", nid);
		ret = cma_declare(cma_pernuma_size, 0, 0, false, true, nid, name);
		if (ret)
			pr_warn("cma: %s: reservation failed: err %d, node %d\n",
				"cma_pernuma", ret, nid);
	}
}

void
cma_reserve(void)
{
	/*
	 * x86's setup_arch() hands Linux's global area a limit of its own,
	 * the end of the direct map (max_pfn_mapped: the end of RAM here);
	 * a limit on the command line counts if it is lower.  Unlike "no
	 * limit", this one is rounded down to the alignment, which shows
	 * in the "exceeds limit" message of an area past the end of RAM.
	 */
	if (cma_global.size) {
		u64 limit = cma_global.limit ?
			    min(cma_global.limit, cma_ram_end()) : cma_ram_end();

		cma_declare(cma_global.size, cma_global.base, limit,
			    cma_global.fixed,
			    !cma_global.base && !cma_global.limit,
			    NUMA_NO_NODE, "reserved");
	}
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!node_online(nid)) {
			if (numa_cma_size[nid])
				pr_warn("cma: numa_cma: node %d is not online, %llu MiB not reserved\n",
					nid, (unsigned long long)(numa_cma_size[nid] >> 20));
			continue;
		}
		cma_reserve_node(nid);
	}
}

/*
 * cma_alloc() takes pages of one zone's free lists at a time, and Linux
 * (cma_activate_area) refuses an area whose pages are not all in one
 * zone: with MIGRATE_CMA pageblocks an area can straddle a zone
 * boundary (16 MiB, or the start of ZONE_MOVABLE after kernelcore=).
 * Such an area is not activated; its pages become ordinary memory.
 */
static bool
cma_area_in_one_zone(const struct cma *cma)
{
	struct zone *zone = page_zone(pfn_to_page(cma->base_pfn));

	for (unsigned long pfn = cma->base_pfn; pfn < cma_end_pfn(cma); pfn++)
		if (!pfn_valid(pfn) || page_zone(pfn_to_page(pfn)) != zone)
			return false;
	return true;
}

/*
 * Hand the pageblock at pfn to the buddy allocator (as Linux's
 * init_cma_reserved_pageblock).  A pageblock at a time, because an area
 * is aligned to pageblocks only: a MAX_ORDER block could reach outside
 * it.  The buddy allocator merges the pageblocks into larger blocks
 * inside the area, and never with a free neighbour of another kind.
 */
static void
cma_free_pageblock(unsigned long pfn, bool cma)
{
	struct page *page = pfn_to_page(pfn);

	for (unsigned long j = 0; j < pageblock_nr_pages; j++) {
		page_clear_flag(page + j, PG_reserved);
		if (cma)
			page_set_flag(page + j, PG_cma);
		page[j]._refcount = 0;
	}
	page_zone(page)->managed_pages += pageblock_nr_pages;
	if (cma)
		page_zone(page)->cma_pages += pageblock_nr_pages;
	totalram_pages += pageblock_nr_pages;
	__free_pages_core(page, pageblock_order);
}

static void
cma_give_back_area(struct cma *cma)
{
	for (unsigned long pfn = cma->base_pfn; pfn < cma_end_pfn(cma);
	     pfn += pageblock_nr_pages)
		cma_free_pageblock(pfn, false);
	pr_err("cma: CMA area %s could not be activated\n", cma->name);
	cma->count = 0;
	cma->allocated = 0;
}

/*
 * The areas' pages were reserved in memblock, so memblock_free_all()
 * skipped them.  Now give them to the buddy allocator: as pageblocks of
 * type MIGRATE_CMA (both cma_policy=migratetype flavours) or, in ZONE_CMA, as ordinary movable
 * pageblocks of their own zone.
 */
void
cma_init_reserved_areas(void)
{
	for (unsigned int i = 0; i < cma_area_count; i++) {
		struct cma *cma = &cma_areas[i];
		int mt = cma_policy == CMA_POLICY_ZONE ? MIGRATE_MOVABLE : MIGRATE_CMA;

		if (!cma_area_in_one_zone(cma)) {
			cma_give_back_area(cma);
			continue;
		}
		/* Every type first: a freed block looks at its buddy's. */
		for (unsigned long pfn = cma->base_pfn; pfn < cma_end_pfn(cma);
		     pfn += pageblock_nr_pages)
			set_pageblock_migratetype(pfn_to_page(pfn), mt);
		for (unsigned long pfn = cma->base_pfn; pfn < cma_end_pfn(cma);
		     pfn += pageblock_nr_pages)
			cma_free_pageblock(pfn, true);
	}
}

/* Give back the pages of [start, end) that we took (refcount 1 each). */
static void
release_range(unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++)
		__free_pages(pfn_to_page(pfn), 0);
}

struct page *
cma_alloc(struct cma *cma, unsigned long count, unsigned int align_order)
{
	unsigned long mask = (1UL << align_order) - 1, flags, off = 0;

	if (!cma || !count || count > cma->count || align_order >= 32)
		return NULL;
	flags = spin_lock_irqsave(&cma->lock);
	/* Alignment is of the physical frame number, not of the offset. */
	for (;;) {
		unsigned long start, pfn;

		off = bitmap_find_next_zero_area(cma->bitmap, cma->count, off,
						 count, mask, cma->base_pfn & mask);
		if (off >= cma->count)
			break;
		start = cma->base_pfn + off;
		for (pfn = start; pfn < start + count; pfn++)
			if (!take_free_page(pfn))
				break;
		if (pfn < start + count) {
			/*
			 * A busy page: migration comes later.  Undo, and try
			 * on past it, since no range holding it can work.
			 */
			release_range(start, pfn);
			off = pfn - cma->base_pfn + 1;
			continue;
		}
		bitmap_set(cma->bitmap, off, count);
		cma->allocated += count;
		spin_unlock_irqrestore(&cma->lock, flags);
		return pfn_to_page(start);
	}
	spin_unlock_irqrestore(&cma->lock, flags);
	pr_warn("cma: %s: cannot allocate %lu pages (align %lu): %s\n",
		cma->name, count, mask + 1, "no free aligned range without busy pages");
	return NULL;
}

bool
cma_release(struct cma *cma, struct page *pages, unsigned long count)
{
	unsigned long pfn, flags;

	if (!cma || !pages)
		return false;
	pfn = page_to_pfn(pages);
	if (pfn < cma->base_pfn || pfn >= cma_end_pfn(cma) || !count ||
	    count > cma_end_pfn(cma) - pfn)
		return false;
	flags = spin_lock_irqsave(&cma->lock);
	/* Only what cma_alloc() handed out may come back. */
	if (!bitmap_range_set(cma->bitmap, pfn - cma->base_pfn, count)) {
		spin_unlock_irqrestore(&cma->lock, flags);
		pr_warn("cma: %s: release of pfn %#lx+%lu that was not allocated\n",
			cma->name, pfn, count);
		return false;
	}
	bitmap_clear(cma->bitmap, pfn - cma->base_pfn, count);
	cma->allocated -= count;
	spin_unlock_irqrestore(&cma->lock, flags);
	release_range(pfn, pfn + count);
	return true;
}

unsigned long
cma_reserved_pages(void)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < cma_area_count; i++)
		n += cma_areas[i].count;
	return n;
}
