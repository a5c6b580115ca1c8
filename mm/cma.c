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
 * `cma=SIZE` reserves one area (on the node of the boot CPU);
 * `cma=SIZE@NODE` on a given node.  Areas are aligned to MAX_ORDER blocks
 * (4 MiB) so that buddy blocks never straddle an area's edge.
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
#include "lib/kstrtox.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/memblock.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"

enum cma_policy cma_policy = CMA_POLICY_ZONE;
struct cma cma_areas[MAX_CMA_AREAS];
unsigned int cma_area_count;

static struct {
	u64 size;
	int nid;		/* -1: the boot CPU's node */
} cma_requests[MAX_CMA_AREAS];
static unsigned int cma_request_count;

/* cma=SIZE[@NODE], repeatable. */
static int
set_cma(const char *val)
{
	char buf[32];
	char *at;
	unsigned long long size;
	int nid = -1;

	if (!val || strscpy(buf, val, sizeof(buf)) < 0 ||
	    cma_request_count >= MAX_CMA_AREAS)
		return -EINVAL;
	at = strchr(buf, '@');
	if (at) {
		*at = '\0';
		if (kstrtoint(at + 1, 10, &nid) || nid < 0 || nid >= MAX_NUMNODES)
			return -EINVAL;
	}
	if (parse_size(buf, &size) || !size)
		return -EINVAL;
	cma_requests[cma_request_count].size = size;
	cma_requests[cma_request_count].nid = nid;
	cma_request_count++;
	return 0;
}
early_param("cma", set_cma);

static int
set_cma_policy(const char *val)
{
	if (val && !strcmp(val, "zone"))
		cma_policy = CMA_POLICY_ZONE;
	else if (val && !strcmp(val, "migratetype"))
		cma_policy = CMA_POLICY_MIGRATETYPE;
	else if (val && !strcmp(val, "migratetype-2017"))
		cma_policy = CMA_POLICY_MIGRATETYPE_2017;
	else
		return -EINVAL;
	return 0;
}
early_param("cma_policy", set_cma_policy);

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

void
cma_reserve(void)
{
	for (unsigned int i = 0; i < cma_request_count; i++) {
		struct cma *cma = &cma_areas[cma_area_count];
		u64 size = ALIGN(cma_requests[i].size, PAGE_SIZE << (MAX_ORDER - 1));
		int nid = cma_requests[i].nid;
		phys_addr_t pa;

		if (nid >= 0 && !node_online(nid)) {
			pr_err("cma: node %d is not online, cma=%lluM ignored\n",
			       nid, (unsigned long long)(size >> 20));
			continue;
		}
		/* No node asked: wherever memory is, top-down, as Linux. */
		if (nid < 0) {
			pa = memblock_phys_alloc(size, PAGE_SIZE << (MAX_ORDER - 1));
			if (pa != MEMBLOCK_ALLOC_FAILED)
				nid = memblock_nid_of(pa);
		} else {
			pa = memblock_alloc_exact_nid_phys(size,
					PAGE_SIZE << (MAX_ORDER - 1), nid);
		}
		if (pa == MEMBLOCK_ALLOC_FAILED) {
			pr_err("cma: cannot reserve %llu MiB on node %d\n",
			       (unsigned long long)(size >> 20), nid);
			continue;
		}
		cma->base_pfn = PFN_DOWN(pa);
		cma->count = size >> PAGE_SHIFT;
		cma->nid = nid;
		cma->bitmap = memblock_alloc(ALIGN(cma->count, 64) / 8, 8);
		scnprintf(cma->name, sizeof(cma->name), "cma%u", cma_area_count);
		cma_area_count++;
		pr_info("cma: Reserved %llu MiB at %#llx on node %d (%s)\n",
			(unsigned long long)(size >> 20), (unsigned long long)pa,
			nid, cma_policy == CMA_POLICY_ZONE ? "ZONE_CMA" :
			"MIGRATE_CMA pageblocks");
	}
}

/*
 * The areas' pages were reserved in memblock, so memblock_free_all()
 * skipped them.  Now give them to the buddy allocator: as pageblocks of
 * type MIGRATE_CMA (mainline) or, in ZONE_CMA, as ordinary movable
 * pageblocks of their own zone.
 */
void
cma_init_reserved_areas(void)
{
	for (unsigned int i = 0; i < cma_area_count; i++) {
		struct cma *cma = &cma_areas[i];
		int mt = cma_policy == CMA_POLICY_ZONE ? MIGRATE_MOVABLE : MIGRATE_CMA;

		for (unsigned long pfn = cma->base_pfn; pfn < cma_end_pfn(cma);
		     pfn += pageblock_nr_pages)
			set_pageblock_migratetype(pfn_to_page(pfn), mt);
		for (unsigned long pfn = cma->base_pfn; pfn < cma_end_pfn(cma);
		     pfn += MAX_ORDER_NR_PAGES) {
			struct page *page = pfn_to_page(pfn);

			for (unsigned long j = 0; j < MAX_ORDER_NR_PAGES; j++) {
				page_clear_flag(page + j, PG_reserved);
				page_set_flag(page + j, PG_cma);
				page[j]._refcount = 0;
			}
			page_zone(page)->managed_pages += MAX_ORDER_NR_PAGES;
			totalram_pages += MAX_ORDER_NR_PAGES;
			__free_pages_core(page, MAX_ORDER - 1);
		}
	}
}

static bool
bitmap_range_clear(const unsigned long *map, unsigned long start,
		   unsigned long count)
{
	for (unsigned long i = start; i < start + count; i++)
		if (map[i / 64] & (1UL << (i % 64)))
			return false;
	return true;
}

static bool
bitmap_range_set(const unsigned long *map, unsigned long start,
		 unsigned long count)
{
	for (unsigned long i = start; i < start + count; i++)
		if (!(map[i / 64] & (1UL << (i % 64))))
			return false;
	return true;
}

static void
bitmap_assign(unsigned long *map, unsigned long start, unsigned long count,
	      bool set)
{
	for (unsigned long i = start; i < start + count; i++) {
		if (set)
			map[i / 64] |= 1UL << (i % 64);
		else
			map[i / 64] &= ~(1UL << (i % 64));
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
	unsigned long align = 1UL << align_order, flags;

	if (!cma || !count || count > cma->count || align_order >= 32)
		return NULL;
	flags = spin_lock_irqsave(&cma->lock);
	/* Alignment is of the physical address, not of the offset. */
	for (unsigned long off = ALIGN(cma->base_pfn, align) - cma->base_pfn;
	     off + count <= cma->count; off += align) {
		unsigned long start = cma->base_pfn + off, pfn;

		if (!bitmap_range_clear(cma->bitmap, off, count))
			continue;
		for (pfn = start; pfn < start + count; pfn++)
			if (!take_free_page(pfn))
				break;
		if (pfn < start + count) {
			/* A busy page: migration comes later.  Undo, try on. */
			release_range(start, pfn);
			continue;
		}
		bitmap_assign(cma->bitmap, off, count, true);
		cma->allocated += count;
		spin_unlock_irqrestore(&cma->lock, flags);
		return pfn_to_page(start);
	}
	spin_unlock_irqrestore(&cma->lock, flags);
	pr_warn("cma: %s: cannot allocate %lu pages (align %lu): %s\n",
		cma->name, count, align, "no free aligned range without busy pages");
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
	bitmap_assign(cma->bitmap, pfn - cma->base_pfn, count, false);
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
