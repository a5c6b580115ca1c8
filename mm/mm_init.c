/*
 * mm/mm_init.c - from memblock to nodes, zones and struct pages.
 *
 * Teaches: the hand-over from the boot allocator to the real one, in the
 * order Linux does it (and with Linux's boot-log lines):
 *
 *   1. one pg_data_t per node, in the node's own memory
 *      ("NODE_DATA(%d) allocated [mem ...]");
 *   2. the address limits of the zones ("Zone ranges:"), where
 *      ZONE_MOVABLE starts on each node ("Movable zone start for each
 *      node"), and the memory of each node ("Early memory node ranges");
 *   3. the memmap: struct pages for every present section (mm/sparse.c),
 *      each stamped with its node and zone; pages still reserved in
 *      memblock are marked PG_reserved ("Initmem setup node ...");
 *   4. memblock_free_all(): every page that memblock never handed out is
 *      freed into its zone's buddy allocator, in the largest aligned
 *      blocks possible, so boot costs one step per 4 MiB, not per page.
 *
 * ZONE_MOVABLE placement follows Linux's find_zone_movable_pfns_for_nodes:
 * kernelcore= is spread evenly over the nodes with memory, memory below
 * the zone that Movable is carved from counts as kernel memory anyway, a
 * node too small for its share passes the rest on, and each node's
 * Movable start is rounded up to a whole MAX_ORDER block.
 *
 * Linux counterpart: mm/mm_init.c and mm/page_alloc.c (free_area_init,
 * memmap_init, find_zone_movable_pfns_for_nodes), mm/memblock.c
 * (memblock_free_all).
 */
#include "mm/mm_init.h"

#include "kernel/errno.h"
#include "lib/kstrtox.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/cma.h"
#include "mm/memblock.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"
#include "mm/sparse.h"

pg_data_t *node_data[MAX_NUMNODES];
unsigned long max_pfn;
unsigned long zone_movable_pfn[MAX_NUMNODES];

const char *const zone_names[MAX_NR_ZONES] = {
	"DMA", "DMA32", "Normal", "Movable", "CMA",
};
const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate",
};

/* Address limits of the zones that are defined by addresses. */
#define MAX_DMA_PFN	(16UL << (20 - PAGE_SHIFT))
#define MAX_DMA32_PFN	(4UL << (30 - PAGE_SHIFT))

/*
 * Nodes holding memory the kernel used before the nodes were set up
 * (movable_node keeps them out of ZONE_MOVABLE).
 */
static bool kernel_node[MAX_NUMNODES];

/* kernelcore= / movablecore= as given, and as used (pages). */
static struct core_request kernelcore_req, movablecore_req;
/* What params.c adds to a refused kernelcore=/movablecore= value. */
#define CORE_REQUEST_VALID	"a size such as 512M, or a percentage 0-100%"
unsigned long required_kernelcore, required_movablecore;
bool movable_node_enabled;

static int
set_kernelcore(const char *val)
{
	return parse_core_request(val, &kernelcore_req);
}
early_param_desc("kernelcore", set_kernelcore, CORE_REQUEST_VALID);

static int
set_movablecore(const char *val)
{
	return parse_core_request(val, &movablecore_req);
}
early_param_desc("movablecore", set_movablecore, CORE_REQUEST_VALID);

early_param_var("movable_node", movable_node_enabled, PARAM_BOOL,
		"hot-pluggable memory (SRAT) goes to ZONE_MOVABLE");

struct zone *
next_zone(struct zone *zone)
{
	int nid = zone ? zone->node : 0;

	if (zone && zone < NODE_DATA(nid)->node_zones + MAX_NR_ZONES - 1)
		return zone + 1;
	for (nid = zone ? nid + 1 : 0; nid < MAX_NUMNODES; nid++)
		if (NODE_DATA(nid))
			return NODE_DATA(nid)->node_zones;
	return NULL;
}

/* The zone a page of node nid at pfn belongs to. */
enum zone_type
zone_for_pfn(int nid, unsigned long pfn)
{
	if (pfn_in_cma_zone(nid, pfn))
		return ZONE_CMA;
	if (zone_movable_pfn[nid] && pfn >= zone_movable_pfn[nid])
		return ZONE_MOVABLE;
	if (pfn < MAX_DMA_PFN)
		return ZONE_DMA;
	if (pfn < MAX_DMA32_PFN)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

/* Memory ranges (pfns) of every node, from memblock, for the rule above. */
static int
collect_node_ranges(struct pfn_range *ranges, int max)
{
	int n = 0;

	for (unsigned int i = 0; i < memblock.memory.cnt && n < max; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long start = PFN_UP(r->base);
		unsigned long end = PFN_DOWN(r->base + r->size);

		if (end > start && r->nid >= 0)
			ranges[n++] = (struct pfn_range){ start, end, r->nid };
	}
	return n;
}

/*
 * Under cma_policy=zone the CMA areas are neither kernel nor Movable
 * memory: cut them out before kernelcore= is shared out.
 */
static int
cut_cma_zone_ranges(struct pfn_range *ranges, int n, int max)
{
	for (unsigned int a = 0; a < cma_area_count; a++) {
		unsigned long cs = cma_areas[a].base_pfn;
		unsigned long ce = cs + cma_areas[a].count;

		if (cma_policy != CMA_POLICY_ZONE)
			break;
		for (int i = 0; i < n; i++) {
			struct pfn_range r = ranges[i];

			if (ce <= r.start || cs >= r.end)
				continue;
			if (cs > r.start && ce < r.end && n < max) {
				/* The area sits inside: two pieces remain. */
				memmove(&ranges[i + 2], &ranges[i + 1],
					(n - i - 1) * sizeof(ranges[0]));
				ranges[i + 1] = (struct pfn_range){ ce, r.end, r.nid };
				ranges[i].end = cs;
				n++;
				i++;
			} else if (cs > r.start) {
				ranges[i].end = cs;
			} else if (ce < r.end) {
				ranges[i].start = ce;
			} else {
				memmove(&ranges[i], &ranges[i + 1],
					(n - i - 1) * sizeof(ranges[0]));
				n--;
				i--;
			}
		}
	}
	return n;
}

static void
setup_zone_movable_from(struct pfn_range *ranges, int max)
{
	int n = cut_cma_zone_ranges(ranges,
				    collect_node_ranges(ranges, memblock.memory.cnt),
				    max);
	unsigned long total = 0, usable_startpfn;
	enum zone_type movable_from = ZONE_DMA;

	memset(zone_movable_pfn, 0, sizeof(zone_movable_pfn));
	for (int i = 0; i < n; i++) {
		total += ranges[i].end - ranges[i].start;
		/* Movable is carved from the highest zone that has memory. */
		if (ranges[i].end > MAX_DMA32_PFN)
			movable_from = ZONE_NORMAL;
		else if (ranges[i].end > MAX_DMA_PFN && movable_from < ZONE_DMA32)
			movable_from = ZONE_DMA32;
	}
	usable_startpfn = movable_from == ZONE_NORMAL ? MAX_DMA32_PFN :
			  movable_from == ZONE_DMA32 ? MAX_DMA_PFN : 0;

	if (movable_node_enabled) {
		static struct pfn_range hot[NR_NODE_MEMBLKS];
		const struct numa_meminfo *h = &numa_topology.hotplug;

		for (int i = 0; i < h->nr_blks; i++)
			hot[i] = (struct pfn_range){ PFN_UP(h->blk[i].start),
						     PFN_DOWN(h->blk[i].end),
						     h->blk[i].nid };
		movable_node_pfns(ranges, n, hot, h->nr_blks, kernel_node,
				  MAX_NUMNODES, zone_movable_pfn);
		return;
	}

	required_kernelcore = kernelcore_pages(total, &kernelcore_req,
					       &movablecore_req,
					       &required_movablecore);
	if (!required_kernelcore || required_kernelcore >= total)
		return;
	find_zone_movable_pfns(ranges, n, usable_startpfn, required_kernelcore,
			       MAX_NUMNODES, zone_movable_pfn);
}

static void
setup_zone_movable(void)
{
	/* As many ranges as memory regions, plus the CMA cuts: a scratch
	 * array from memblock (the table has no fixed size), given back. */
	int max = memblock.memory.cnt + 2 * MAX_CMA_AREAS;
	phys_addr_t bytes = max * sizeof(struct pfn_range);
	struct pfn_range *ranges = memblock_alloc(bytes, 8);

	setup_zone_movable_from(ranges, max);
	memblock_phys_free(__pa(ranges), bytes);
}

static void
alloc_node_data(int nid)
{
	phys_addr_t pa = memblock_alloc_node_phys(sizeof(pg_data_t), PAGE_SIZE, nid);
	pg_data_t *pgdat;

	if (pa == MEMBLOCK_ALLOC_FAILED)
		panic("cannot allocate NODE_DATA(%d)", nid);
	pgdat = __va(pa);
	memset(pgdat, 0, sizeof(*pgdat));
	/*
	 * Linux announces the pg_data_t of a node with memory here, and a
	 * memoryless node's later, as "Initializing node N as memoryless"
	 * (free_area_init() allocates that one without a word).
	 */
	if (node_has_memory(nid))
		pr_info("NODE_DATA(%d) allocated [mem %#010llx-%#010llx]\n", nid,
			(unsigned long long)pa,
			(unsigned long long)(pa + sizeof(pg_data_t) - 1));
	pgdat->node_id = nid;
	node_data[nid] = pgdat;
}

static void
print_zone_ranges(void)
{
	unsigned long limit[3] = { MAX_DMA_PFN, MAX_DMA32_PFN, max_pfn };
	unsigned long lowest = max_pfn;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++)
		lowest = min(lowest, PFN_UP(memblock.memory.regions[i].base));
	pr_info("Zone ranges:\n");
	for (int z = ZONE_DMA; z <= ZONE_NORMAL; z++) {
		unsigned long start = z == ZONE_DMA ? lowest : limit[z - 1];
		unsigned long end = min(limit[z], max_pfn);

		if (start < end)
			pr_info("  %-8s [mem %#018llx-%#018llx]\n", zone_names[z],
				(unsigned long long)PFN_PHYS(start),
				(unsigned long long)PFN_PHYS(end) - 1);
		else
			pr_info("  %-8s empty\n", zone_names[z]);
	}
	pr_info("Movable zone start for each node\n");
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (zone_movable_pfn[nid])
			pr_info("  Node %d: %#018llx\n", nid,
				(unsigned long long)PFN_PHYS(zone_movable_pfn[nid]));
	pr_info("Early memory node ranges\n");
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		/* Whole pages only, as the page allocator will see them. */
		pr_info("  node %3d: [mem %#018llx-%#018llx]\n", r->nid,
			(unsigned long long)PFN_PHYS(PFN_UP(r->base)),
			(unsigned long long)PFN_PHYS(PFN_DOWN(r->base + r->size)) - 1);
	}
}

/*
 * Stamp the struct pages of [start, end) (one zone, one node): node and
 * zone in the flags, reserved or not.  Pages memblock still holds stay
 * PG_reserved with one reference; the rest start free (refcount 0) and
 * are linked into the buddy lists by memblock_free_all().
 */
static void
init_page_range(unsigned long start, unsigned long end, enum zone_type z,
		int nid)
{
	unsigned long base_flags = ((unsigned long)nid << NODES_PGSHIFT) |
				   ((unsigned long)z << ZONES_PGSHIFT);

	/*
	 * The cheapest correct initialisation: two stores per page.  lru
	 * and private mean nothing until the page is put on a list or
	 * allocated, and both of those set them; flags and the reference
	 * count are read before that.  (This loop is most of boot time on
	 * a large machine: 4 million pages at 16 GiB.)
	 */
	for (struct page *page = pfn_to_page(start), *last = pfn_to_page(end);
	     page < last; page++) {
		page->flags = base_flags;
		page->_refcount = 0;
	}
}

/* Pages of a present section that are not RAM: reserved holes. */
static void
init_hole_range(unsigned long start, unsigned long end, int nid)
{
	init_page_range(start, end, ZONE_DMA, nid);
	for (unsigned long pfn = start; pfn < end; pfn++) {
		page_set_flag(pfn_to_page(pfn), PG_reserved);
		pfn_to_page(pfn)->_refcount = 1;
	}
}

/* The first pfn after pfn where zone_for_pfn(nid, .) may change. */
static unsigned long
next_zone_boundary(int nid, unsigned long pfn)
{
	unsigned long b = ~0UL;

	if (pfn < MAX_DMA_PFN)
		b = MAX_DMA_PFN;
	else if (pfn < MAX_DMA32_PFN)
		b = MAX_DMA32_PFN;
	if (zone_movable_pfn[nid] > pfn)
		b = min(b, zone_movable_pfn[nid]);
	return min(b, cma_next_boundary(pfn));
}

/* Cut [start, end) of node nid where the zone changes, stamp each piece. */
static void
init_node_memory(unsigned long start, unsigned long end, int nid)
{
	while (start < end) {
		enum zone_type z = zone_for_pfn(nid, start);
		unsigned long piece = min(end, next_zone_boundary(nid, start));

		init_page_range(start, piece, z, nid);
		NODE_DATA(nid)->node_zones[z].present_pages += piece - start;
		start = piece;
	}
}

static void
init_zone_spans(pg_data_t *pgdat, unsigned long node_start, unsigned long node_end)
{
	int nid = pgdat->node_id;
	unsigned long zmp = zone_movable_pfn[nid];
	unsigned long cma_start, cma_end;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long lo = 0, hi = 0;

		switch (z) {
		case ZONE_DMA:
			lo = 0;
			hi = MAX_DMA_PFN;
			break;
		case ZONE_DMA32:
			lo = MAX_DMA_PFN;
			hi = MAX_DMA32_PFN;
			break;
		case ZONE_NORMAL:
			lo = MAX_DMA32_PFN;
			hi = ~0UL;
			break;
		case ZONE_MOVABLE:
			if (zmp) {
				lo = zmp;
				hi = ~0UL;
			}
			break;
		case ZONE_CMA:
			if (cma_zone_range(nid, &cma_start, &cma_end)) {
				lo = cma_start;
				hi = cma_end;
			}
			break;
		}
		/* The kernel zones end where ZONE_MOVABLE begins. */
		if (zmp && z <= ZONE_NORMAL && hi > zmp)
			hi = zmp;
		lo = max(lo, node_start);
		hi = min(hi, node_end);
		zone->name = zone_names[z];
		zone->node = nid;
		zone->idx = z;
		zone->zone_pgdat = pgdat;
		if (hi > lo) {
			zone->zone_start_pfn = lo;
			zone->spanned_pages = hi - lo;
		}
	}
}

static void
init_zone_free_areas(struct zone *zone)
{
	unsigned long blocks;

	for (int o = 0; o < MAX_ORDER; o++)
		for (int t = 0; t < MIGRATE_TYPES; t++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[t]);
	if (!zone->spanned_pages)
		return;
	/* Pageblocks are aligned to 2 MiB in pfn space, not to the zone. */
	blocks = (ALIGN(zone_end_pfn(zone), pageblock_nr_pages) -
		  ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages)) /
		 pageblock_nr_pages;
	zone->pageblock_flags = memblock_alloc_node(blocks, 8, zone->node);
	memset(zone->pageblock_flags, MIGRATE_MOVABLE, blocks);
}

static void
free_area_init_node(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long start = ~0UL, end = 0;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (r->nid != nid)
			continue;
		start = min(start, PFN_UP(r->base));
		end = max(end, PFN_DOWN(r->base + r->size));
	}
	if (start >= end) {
		pr_info("Initializing node %d as memoryless\n", nid);
		pr_info("Initmem setup node %d as memoryless\n", nid);
		for (int z = 0; z < MAX_NR_ZONES; z++)
			init_zone_free_areas(&pgdat->node_zones[z]);
		init_zone_spans(pgdat, 0, 0);
		return;
	}
	pr_info("Initmem setup node %d [mem %#018llx-%#018llx]\n", nid,
		(unsigned long long)PFN_PHYS(start),
		(unsigned long long)PFN_PHYS(end) - 1);
	pgdat->node_start_pfn = start;
	pgdat->node_spanned_pages = end - start;
	init_zone_spans(pgdat, start, end);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		init_zone_free_areas(&pgdat->node_zones[z]);

	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (r->nid == nid)
			init_node_memory(PFN_UP(r->base),
					 PFN_DOWN(r->base + r->size), nid);
	}
	for (int z = 0; z < MAX_NR_ZONES; z++)
		pgdat->node_present_pages += pgdat->node_zones[z].present_pages;
}

/*
 * Struct pages of present sections that no memory range covers (holes
 * below 1 MiB, firmware areas, partial pages at range edges): reserved
 * forever, stamped with the node of the memory just before them.
 */
static void
init_unavailable_pages(void)
{
	unsigned long end_all = ALIGN(max_pfn, PAGES_PER_SECTION);
	unsigned long pfn = 0;
	unsigned int i = 0;
	int nid = 0;

	while (pfn < end_all) {
		const struct memblock_region *r;
		unsigned long next;

		if (!pfn_valid(pfn)) {
			pfn = ALIGN(pfn + 1, PAGES_PER_SECTION);
			continue;
		}
		while (i < memblock.memory.cnt &&
		       PFN_DOWN(memblock.memory.regions[i].base +
				memblock.memory.regions[i].size) <= pfn)
			i++;
		r = i < memblock.memory.cnt ? &memblock.memory.regions[i] : NULL;
		if (r && PFN_UP(r->base) <= pfn) {
			nid = r->nid;
			pfn = PFN_DOWN(r->base + r->size);
			continue;
		}
		next = ALIGN(pfn + 1, PAGES_PER_SECTION);
		if (r)
			next = min(next, PFN_UP(r->base));
		init_hole_range(pfn, next, nid);
		pfn = next;
	}
}

/*
 * Which nodes the kernel already occupies: every memblock reservation made
 * before free_area_init() (the first MiB, the image, the loader's data,
 * early page tables), except the CMA areas, which Linux reserves only
 * after NUMA setup.
 */
static void
find_kernel_nodes(void)
{
	for (unsigned int j = 0; j < memblock.reserved.cnt; j++) {
		const struct memblock_region *r = &memblock.reserved.regions[j];
		bool in_cma = false;

		for (unsigned int a = 0; a < cma_area_count; a++)
			in_cma |= PFN_DOWN(r->base) >= cma_areas[a].base_pfn &&
				  PFN_UP(r->base + r->size) <= cma_areas[a].base_pfn +
							      cma_areas[a].count;
		for (unsigned int i = 0; i < memblock.memory.cnt && !in_cma; i++) {
			const struct memblock_region *m = &memblock.memory.regions[i];

			if (m->base < r->base + r->size && r->base < m->base + m->size &&
			    m->nid >= 0)
				kernel_node[m->nid] = true;
		}
	}
}

void
free_area_init(void)
{
	find_kernel_nodes();
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		max_pfn = max(max_pfn, PFN_DOWN(r->base + r->size));
		if (r->nid < 0)
			panic("memblock: memory [%#llx-%#llx] has no node",
			      (unsigned long long)r->base,
			      (unsigned long long)(r->base + r->size - 1));
	}
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_online(nid))
			alloc_node_data(nid);

	setup_zone_movable();
	print_zone_ranges();

	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		sparse_add_range(PFN_DOWN(r->base), PFN_UP(r->base + r->size),
				 r->nid);
	}
	sparse_populate_holes(ALIGN(max_pfn, PAGES_PER_SECTION));
	sparse_print_memmap();
	init_unavailable_pages();
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (NODE_DATA(nid))
			free_area_init_node(nid);
}

/*
 * Give [start, end) to the buddy allocator in the largest naturally
 * aligned blocks that fit, never across a zone boundary.
 */
static unsigned long
free_pages_memory(unsigned long start, unsigned long end)
{
	unsigned long freed = 0;

	while (start < end) {
		struct page *page = pfn_to_page(start);
		struct zone *zone = page_zone(page);
		unsigned long limit = min(end, zone_end_pfn(zone));
		unsigned int order = MAX_ORDER - 1;

		while (order && (!IS_ALIGNED(start, 1UL << order) ||
				 start + (1UL << order) > limit))
			order--;
		/* The block must lie in one zone (zones may interleave). */
		while (order && page_zone(pfn_to_page(start + (1UL << order) - 1)) != zone)
			order--;
		zone->managed_pages += 1UL << order;
		__free_pages_core(page, order);
		freed += 1UL << order;
		start += 1UL << order;
	}
	return freed;
}

void
memblock_free_all(void)
{
	unsigned long freed = 0;

	/* Walk memory minus reserved: both lists are sorted. */
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		unsigned long start = PFN_UP(m->base);
		unsigned long end = PFN_DOWN(m->base + m->size);

		for (unsigned int j = 0; j < memblock.reserved.cnt && start < end; j++) {
			const struct memblock_region *r = &memblock.reserved.regions[j];
			unsigned long rs = PFN_DOWN(r->base);
			unsigned long re = PFN_UP(r->base + r->size);

			if (re <= start || rs >= end)
				continue;
			if (rs > start)
				freed += free_pages_memory(start, rs);
			start = max(start, re);
		}
		if (start < end)
			freed += free_pages_memory(start, end);
	}
	/* Reserved pages keep PG_reserved and a reference: never freed. */
	for (unsigned int j = 0; j < memblock.reserved.cnt; j++) {
		const struct memblock_region *r = &memblock.reserved.regions[j];

		for (unsigned long pfn = PFN_DOWN(r->base);
		     pfn < PFN_UP(r->base + r->size); pfn++) {
			if (!pfn_valid(pfn))
				continue;
			page_set_flag(pfn_to_page(pfn), PG_reserved);
			pfn_to_page(pfn)->_refcount = 1;
		}
	}
	totalram_pages += freed;
	/*
	 * memblock's free memory now belongs to the buddy allocator: its
	 * tables must never again grow into it.
	 */
	memblock.no_resize = true;
}
