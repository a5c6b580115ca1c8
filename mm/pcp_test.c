/*
 * mm/pcp_test.c - ktest suite "pcp": the per-CPU page lists.
 *
 * Teaches: what the per-CPU lists (mm/page_alloc_pcp.c) promise, as
 * executable checks:
 *   - batch and high are Linux 6.1's: against numbers Linux itself
 *     printed in /proc/zoneinfo on the harness's machines, and against a
 *     computation by hand for every zone of this boot;
 *   - nothing is lost: after any mix of allocations, frees and a drain,
 *     the free pages counted by walking the buddy lists are exactly what
 *     they were, and while pages wait on a list, walking the list gives
 *     the count the list claims;
 *   - no page is handed out twice (each page carries its owner's mark);
 *   - pages on the lists are not free for the watermarks, and when they
 *     are all a zone has left, the allocator drains them rather than
 *     fail.
 * Every online CPU allocates and frees at once (on_each_cpu); until the
 * other CPUs come up that is the boot CPU alone.  The lists of CPUs that
 * never ran stay empty and are checked so.
 * Linux counterpart: none (Linux tests these paths with stress tools).
 */
#include "kernel/cpumask.h"
#include "kernel/ktest.h"
#include "kernel/smp.h"
#include "lib/string.h"
#include "mm/cma.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"

/* ---- batch and high ------------------------------------------------------ */

/*
 * Linux 6.1's own figures (tests/linux/<config>/zoneinfo.txt, the
 * zone's managed and low, and pagesets' batch and high of every CPU),
 * with the node's CPUs and the online CPUs of nodes.txt.
 */
static const struct {
	const char *where;
	unsigned long managed, low;
	unsigned int node_cpus, online;
	int batch, high;
} linux_pagesets[] = {
	{ "2s node 0 DMA", 3840, 13, 2, 4, 1, 6 },
	{ "2s node 0 DMA32", 242462, 917, 2, 4, 63, 458 },
	{ "2s node 1 DMA32", 257331, 979, 2, 4, 63, 489 },
	{ "uma node 0 DMA32", 241529, 1207, 2, 2, 63, 603 },
	{ "big node 1 Normal", 2063503, 4098, 2, 4, 63, 2049 },
	{ "2s-kernelcore-10pct node 0 DMA", 3840, 6, 2, 4, 1, 4 },
	{ "2s-kernelcore-10pct node 0 DMA32", 11210, 16, 2, 4, 1, 8 },
	{ "2s-kernelcore-10pct node 1 DMA32", 26624, 47, 2, 4, 7, 28 },
	{ "2s-movablecore-10pct node 0 Movable", 21332, 78, 2, 4, 3, 39 },
	{ "2s-movablecore-10pct-1G node 0 DMA32", 116682, 342, 2, 4, 31, 171 },
	{ "2s-min-free-kbytes node 0 DMA32", 242462, 15043, 2, 4, 63, 7521 },
	{ "2s-numa-off node 0 DMA32", 499069, 1896, 4, 4, 63, 474 },
	{ "4n-kernelcore-50pct node 0 DMA32", 51146, 146, 1, 4, 15, 146 },
	{ "64n node 31 DMA32 (no CPUs)", 8116, 22, 0, 4, 1, 5 },
	{ "64n node 4 DMA32 (no CPUs)", 15828, 46, 0, 4, 3, 12 },
	{ "cpuless node 1 DMA32", 257455, 980, 0, 4, 63, 252 },
	{ "expanders node 2 DMA32", 128980, 491, 0, 4, 31, 124 },
	{ "tiny-nodes node 2 DMA32", 469, 3, 0, 2, 1, 4 },
};

static void
batch_high_as_linux(struct ktest *t)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(linux_pagesets); i++) {
		int batch = zone_batchsize(linux_pagesets[i].managed);
		int high = zone_highsize(linux_pagesets[i].low, batch,
					 linux_pagesets[i].node_cpus,
					 linux_pagesets[i].online);

		if (batch != linux_pagesets[i].batch ||
		    high != linux_pagesets[i].high)
			ktest_log(t, "%s: batch %d high %d, Linux %d %d",
				  linux_pagesets[i].where, batch, high,
				  linux_pagesets[i].batch, linux_pagesets[i].high);
		KT_EXPECT_EQ(t, batch, linux_pagesets[i].batch);
		KT_EXPECT_EQ(t, high, linux_pagesets[i].high);
	}
}

/*
 * The rule by hand, written as a search rather than with shifts: the
 * largest 2^n - 1 not above 1.5 x (managed/1024, at most 256, over 4).
 */
static int
hand_batch(unsigned long managed)
{
	unsigned long quarter = managed / 1024;
	unsigned long p = 1;

	if (quarter > 256)
		quarter = 256;
	quarter /= 4;
	if (!quarter)
		quarter = 1;
	while (p * 2 <= quarter + quarter / 2)
		p *= 2;
	return p - 1 ? (int)(p - 1) : 1;
}

/* The online CPUs of node nid, from the harness's CPU-to-node list. */
static unsigned int
hand_node_cpus(struct ktest *t, int nid)
{
	u64 node_of[NR_CPUS];
	int n = ktest_parse_list(ktest_cpu_nodes, node_of, NR_CPUS);
	unsigned int count = 0, cpu;

	KT_ASSERT_TRUE(t, n > 0);
	for_each_online_cpu(cpu) {
		KT_ASSERT_TRUE(t, (int)cpu < n);
		/* numa=off: one node holds every CPU, whatever the machine. */
		count += numa_off ? nid == 0 : node_of[cpu] == (u64)nid;
	}
	return count;
}

static void
batch_high_by_hand(struct ktest *t)
{
	unsigned int checked = 0, cpu;
	struct zone *zone;

	if (!ktest_cpu_nodes[0])
		ktest_skip(t, "no ktest.cpu_nodes from the harness");
	for_each_zone(zone) {
		unsigned int share;
		int batch, high;

		if (!populated_zone(zone))
			continue;
		share = hand_node_cpus(t, zone->node);
		if (!share)
			share = num_online_cpus();
		batch = hand_batch(zone->managed_pages);
		high = low_wmark_pages(zone) / share;
		if (high < 4 * batch)
			high = 4 * batch;
		for_each_online_cpu(cpu) {
			struct per_cpu_pages *pcp = zone_pcp(zone, cpu);

			KT_ASSERT_TRUE(t, pcp != NULL);
			KT_EXPECT_EQ(t, pcp->batch, batch);
			KT_EXPECT_EQ(t, pcp->high, high);
			checked++;
		}
	}
	ktest_log(t, "%u per-CPU lists checked", checked);
	KT_EXPECT_GT(t, checked, 0);
}

/*
 * Each CPU's lists lie on its own node (the harness says which), when
 * that node has memory; a CPU of a memoryless node gets them elsewhere.
 */
static void
lists_on_their_cpus_node(struct ktest *t)
{
	u64 node_of[NR_CPUS];
	int n = ktest_parse_list(ktest_cpu_nodes, node_of, NR_CPUS);
	struct zone *zone = NULL, *z;
	unsigned int checked = 0;

	if (!ktest_cpu_nodes[0] || numa_off)
		ktest_skip(t, "no per-node CPU placement to check");
	KT_ASSERT_TRUE(t, n > 0);
	for_each_zone(z)
		if (z->pcp_slot && !zone)
			zone = z;
	KT_ASSERT_TRUE(t, zone != NULL);
	for (int cpu = 0; cpu < n; cpu++) {
		struct per_cpu_pages *pcp = zone_pcp(zone, cpu);
		pg_data_t *home = NODE_DATA(node_of[cpu]);

		KT_ASSERT_TRUE(t, pcp != NULL);
		if (!home || !home->node_present_pages)
			continue;
		KT_EXPECT_EQ(t, page_to_nid(virt_to_page(pcp)), node_of[cpu]);
		checked++;
	}
	ktest_log(t, "%u CPUs' lists on their node", checked);
}

/* ---- counting by walking ----------------------------------------------- */

static unsigned long
walk_list(const struct list_head *head)
{
	unsigned long n = 0;
	const struct list_head *pos;

	list_for_each(pos, head)
		n++;
	return n;
}

/* Free pages of every zone, by walking every buddy free list. */
static unsigned long
walk_buddy_free(void)
{
	unsigned long pages = 0;
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long flags = spin_lock_irqsave(&zone->lock);

		for (int o = 0; o < MAX_ORDER; o++)
			for (int mt = 0; mt < MIGRATE_TYPES; mt++)
				pages += walk_list(&zone->free_area[o].free_list[mt]) << o;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	return pages;
}

/*
 * Pages on every per-CPU list, by walking them; each list's walk must
 * agree with its count, and every page on it must be marked PG_pcp.
 */
static unsigned long
walk_pcp(struct ktest *t)
{
	unsigned long pages = 0;
	struct zone *zone;

	for_each_zone(zone) {
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
			struct per_cpu_pages *pcp = zone_pcp(zone, cpu);
			unsigned long flags, walked = 0;
			struct page *page;

			if (!pcp)
				continue;
			flags = local_irq_save();
			arch_spin_lock_ticket(&pcp->lock);
			for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
				list_for_each_entry(page, &pcp->lists[mt], lru) {
					walked++;
					KT_EXPECT_TRUE(t, PagePcp(page));
					KT_EXPECT_EQ(t, page_count(page), 0);
				}
			KT_EXPECT_EQ(t, walked, (unsigned long)pcp->count);
			arch_spin_unlock(&pcp->lock);
			local_irq_restore(flags);
			pages += walked;
		}
	}
	return pages;
}

/* ---- nothing lost, nothing handed out twice ------------------------------ */

#define CYCLE_PAGES	600

static struct page *held[CYCLE_PAGES];

static const gfp_t cycle_gfp[] = {
	GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_KERNEL | __GFP_RECLAIMABLE,
};

/* A little PRNG, so the free order is scrambled the same on every run. */
static u32
next_rand(u32 *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

static void
drain_gives_back_every_page(struct ktest *t)
{
	unsigned long before, after, waiting;
	u32 seed = 7;

	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, walk_pcp(t), 0);
	before = walk_buddy_free();
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < CYCLE_PAGES; i++) {
			held[i] = alloc_pages(cycle_gfp[(i + round) % 3], 0);
			KT_ASSERT_TRUE(t, held[i] != NULL);
		}
		/* Free in a scrambled order: lists fill, overflow, refill. */
		for (int i = CYCLE_PAGES - 1; i > 0; i--) {
			int j = next_rand(&seed) % (i + 1);
			struct page *tmp = held[i];

			held[i] = held[j];
			held[j] = tmp;
		}
		for (int i = 0; i < CYCLE_PAGES; i++)
			__free_pages(held[i], 0);
		/* In use: nothing.  Free: the buddy lists plus the caches. */
		waiting = walk_pcp(t);
		KT_EXPECT_EQ(t, walk_buddy_free() + waiting, before);
	}
	ktest_log(t, "%lu pages on per-CPU lists before the drain", waiting);
	KT_EXPECT_GT(t, waiting, 0);
	KT_EXPECT_EQ(t, drain_all_pages(NULL), waiting);
	KT_EXPECT_EQ(t, walk_pcp(t), 0);
	after = walk_buddy_free();
	KT_EXPECT_EQ(t, after, before);
}

/*
 * Each page carries its slot number in its first word; a page handed to
 * two slots keeps only the later one's mark.  Half the pages are freed
 * and allocated again in between, so pages go round the per-CPU lists.
 */
#define MARK_PAGES	1500
#define MARK_MAGIC	0x7063705f6d61726bULL	/* "pcp_mark" */

static struct page *marked[MARK_PAGES];

static void
mark(struct page *page, int i)
{
	u64 *p = page_address(page);

	p[0] = MARK_MAGIC;
	p[1] = i;
}

static void
no_page_handed_out_twice(struct ktest *t)
{
	unsigned int bad = 0;

	for (int i = 0; i < MARK_PAGES; i++) {
		marked[i] = alloc_pages(cycle_gfp[i % 3], 0);
		KT_ASSERT_TRUE(t, marked[i] != NULL);
		mark(marked[i], i);
	}
	for (int i = 0; i < MARK_PAGES; i += 2)
		__free_pages(marked[i], 0);
	for (int i = 0; i < MARK_PAGES; i += 2) {
		marked[i] = alloc_pages(cycle_gfp[(i + 1) % 3], 0);
		KT_ASSERT_TRUE(t, marked[i] != NULL);
		mark(marked[i], i);
	}
	for (int i = 0; i < MARK_PAGES; i++) {
		u64 *p = page_address(marked[i]);

		if (p[0] != MARK_MAGIC || p[1] != (u64)i || page_count(marked[i]) != 1 ||
		    PagePcp(marked[i]) || PageBuddy(marked[i]))
			bad++;
	}
	for (int i = 0; i < MARK_PAGES; i++)
		__free_pages(marked[i], 0);
	KT_EXPECT_EQ(t, bad, 0);
}

/*
 * Every online CPU at once: each allocates its share, marking each page
 * with its CPU and slot, gives half back to its list and allocates
 * again; then the boot CPU checks every mark.  Pages freed by one CPU
 * are allocated by the same CPU only from its own list, while the
 * refills and give-backs of all CPUs meet in the zone's buddy lists.
 */
#define PER_CPU_PAGES	96

struct all_cpus {
	struct page **slot;	/* [cpu * PER_CPU_PAGES + i] */
	unsigned int nr_cpus;	/* slots for CPUs 0..nr_cpus-1 */
	unsigned long failed;
};

static void
mark_cpu(struct page *page, unsigned int cpu, int i)
{
	u64 *p = page_address(page);

	p[0] = MARK_MAGIC;
	p[1] = (u64)cpu << 32 | (u32)i;
}

static void
allocate_here(void *info)
{
	struct all_cpus *a = info;
	unsigned int cpu = smp_processor_id();
	struct page **mine = a->slot + cpu * PER_CPU_PAGES;

	if (cpu >= a->nr_cpus)
		return;
	for (int i = 0; i < PER_CPU_PAGES; i++) {
		mine[i] = alloc_pages(cycle_gfp[i % 3] | __GFP_NOWARN, 0);
		if (mine[i])
			mark_cpu(mine[i], cpu, i);
	}
	for (int i = 0; i < PER_CPU_PAGES; i += 2)
		if (mine[i])
			__free_pages(mine[i], 0);
	for (int i = 0; i < PER_CPU_PAGES; i += 2) {
		mine[i] = alloc_pages(cycle_gfp[(i + 1) % 3] | __GFP_NOWARN, 0);
		if (mine[i])
			mark_cpu(mine[i], cpu, i);
	}
	for (int i = 0; i < PER_CPU_PAGES; i++)
		if (!mine[i])
			__atomic_fetch_add(&a->failed, 1, __ATOMIC_RELAXED);
}

static void
all_cpus_no_page_twice(struct ktest *t)
{
	struct all_cpus a = { .failed = 0 };
	unsigned int order = 0, cpu, bad = 0, checked = 0;
	unsigned long free_before;
	struct page *table;

	for_each_online_cpu(cpu)
		a.nr_cpus = cpu + 1;
	while (((size_t)PAGE_SIZE << order) <
	       a.nr_cpus * PER_CPU_PAGES * sizeof(void *))
		order++;
	table = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
	KT_ASSERT_TRUE(t, table != NULL);
	a.slot = page_address(table);
	free_before = global_free_pages();
	on_each_cpu(allocate_here, &a, true);
	KT_EXPECT_EQ(t, a.failed, 0);
	for_each_online_cpu(cpu)
		for (int i = 0; i < PER_CPU_PAGES; i++) {
			struct page *page = a.slot[cpu * PER_CPU_PAGES + i];
			u64 *p;

			if (!page)
				continue;
			p = page_address(page);
			if (p[0] != MARK_MAGIC ||
			    p[1] != ((u64)cpu << 32 | (u32)i) ||
			    page_count(page) != 1 || PagePcp(page))
				bad++;
			checked++;
		}
	ktest_log(t, "%u pages of %u CPUs checked", checked, num_online_cpus());
	KT_EXPECT_EQ(t, bad, 0);
	for (unsigned int s = 0; s < a.nr_cpus * PER_CPU_PAGES; s++)
		if (a.slot[s])
			__free_pages(a.slot[s], 0);
	KT_EXPECT_EQ(t, global_free_pages(), free_before);
	__free_pages(table, order);
}

/*
 * One CPU drains every CPU's lists over and over while the others
 * allocate and free through theirs: the remote drains take each
 * owner's pcp lock, so no page may be lost or handed out twice.
 */
struct drain_race {
	unsigned int drainer;
	unsigned long drained, bad, failed;
};

static void
drain_or_churn(void *info)
{
	struct drain_race *r = info;
	unsigned int cpu = smp_processor_id();
	struct page *mine[32];

	if (cpu == r->drainer) {
		for (int i = 0; i < 60; i++)
			__atomic_fetch_add(&r->drained, drain_all_pages(NULL),
					   __ATOMIC_RELAXED);
		return;
	}
	for (int round = 0; round < 20; round++) {
		for (int i = 0; i < 32; i++) {
			mine[i] = alloc_pages(cycle_gfp[i % 3] | __GFP_NOWARN, 0);
			if (!mine[i]) {
				__atomic_fetch_add(&r->failed, 1, __ATOMIC_RELAXED);
				continue;
			}
			mark_cpu(mine[i], cpu, i);
		}
		for (int i = 0; i < 32; i++) {
			u64 *p;

			if (!mine[i])
				continue;
			p = page_address(mine[i]);
			if (p[1] != ((u64)cpu << 32 | (u32)i) ||
			    page_count(mine[i]) != 1)
				__atomic_fetch_add(&r->bad, 1, __ATOMIC_RELAXED);
			__free_pages(mine[i], 0);
		}
	}
}

static void
drain_while_others_allocate(struct ktest *t)
{
	struct drain_race r = { .drainer = smp_processor_id() };
	unsigned long before;

	if (num_online_cpus() < 2)
		ktest_skip(t, "one CPU online: nobody to race with");
	drain_all_pages(NULL);
	before = walk_buddy_free();
	on_each_cpu(drain_or_churn, &r, true);
	ktest_log(t, "%lu pages drained while %u CPUs churned", r.drained,
		  num_online_cpus() - 1);
	KT_EXPECT_EQ(t, r.failed, 0);
	KT_EXPECT_EQ(t, r.bad, 0);
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, walk_pcp(t), 0);
	KT_EXPECT_EQ(t, walk_buddy_free(), before);
}

/* ---- memory pressure --------------------------------------------------- */

/* A populated DMA zone with lists: small enough to fill in a test. */
static struct zone *
dma_zone(void)
{
	struct zone *zone;

	for_each_zone(zone)
		if (zone->idx == ZONE_DMA && zone->pcp_slot &&
		    zone->managed_pages)
			return zone;
	return NULL;
}

/*
 * Fill a zone until the allocator refuses, give two pages back (they
 * wait on this CPU's list, so the zone is still at its watermark), and
 * ask again: only a drain can find them.
 */
static void
pressure_drains_lists(struct ktest *t)
{
	gfp_t gfp = GFP_DMA | __GFP_THISNODE | __GFP_NOWARN;
	struct zone *zone = dma_zone();
	unsigned long free_before = global_free_pages(), filled = 0, flags;
	struct per_cpu_pages *pcp;
	struct page *page, *tmp, *rescued;
	LIST_HEAD(pages);
	bool ok_before;
	unsigned int cpu;

	if (!zone)
		ktest_skip(t, "no DMA zone with per-CPU lists");
	while ((page = alloc_pages_node(zone->node, gfp, 0))) {
		KT_ASSERT_TRUE(t, page_zone(page) == zone);
		list_add(&page->lru, &pages);
		filled++;
	}
	ktest_log(t, "%lu pages filled %s of node %d", filled, zone->name,
		  zone->node);
	KT_ASSERT_TRUE(t, filled > 2);
	flags = local_irq_save();	/* stay on this CPU's list */
	cpu = smp_processor_id();
	pcp = zone_pcp(zone, cpu);
	KT_ASSERT_TRUE(t, pcp != NULL && pcp->high >= 2);
	for (int i = 0; i < 2; i++) {
		page = list_first_entry(&pages, struct page, lru);
		list_del(&page->lru);
		__free_pages(page, 0);
	}
	local_irq_restore(flags);
	KT_EXPECT_EQ(t, pcp->count, 2);
	/* Not free for the watermarks: without a drain the answer is no. */
	ok_before = zone_watermark_ok(zone, 0, min_wmark_pages(zone), ZONE_DMA,
				      ALLOC_WMARK_MIN);
	KT_EXPECT_FALSE(t, ok_before);
	rescued = alloc_pages_node(zone->node, gfp, 0);
	KT_EXPECT_TRUE(t, rescued != NULL);
	if (rescued) {
		KT_EXPECT_TRUE(t, page_zone(rescued) == zone);
		list_add(&rescued->lru, &pages);
	}
	list_for_each_entry_safe(page, tmp, &pages, lru) {
		list_del(&page->lru);
		__free_pages(page, 0);
	}
	KT_EXPECT_EQ(t, global_free_pages(), free_before);
}

/*
 * A list never keeps more than high pages (it gives a batch back): the
 * list each free lands on, this CPU's of the page's zone, is checked
 * after every free.
 */
static void
lists_stay_below_high(struct ktest *t)
{
	unsigned long flags, over = 0;

	for (int i = 0; i < CYCLE_PAGES; i++) {
		held[i] = alloc_pages(GFP_KERNEL, 0);
		KT_ASSERT_TRUE(t, held[i] != NULL);
	}
	flags = local_irq_save();	/* the lists of this CPU throughout */
	for (int i = 0; i < CYCLE_PAGES; i++) {
		struct per_cpu_pages *pcp = zone_pcp(page_zone(held[i]),
						     smp_processor_id());

		__free_pages(held[i], 0);
		over += pcp->count > pcp->high;
	}
	local_irq_restore(flags);
	KT_EXPECT_EQ(t, over, 0);
}

/*
 * A page that waits on a per-CPU list is free, so whoever needs that
 * very frame (CMA, through take_free_page) must still get it: the
 * lists are drained and the search repeated.
 */
static void
take_free_page_drains(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	unsigned long pfn;

	KT_ASSERT_TRUE(t, page != NULL);
	pfn = page_to_pfn(page);
	__free_pages(page, 0);
	KT_ASSERT_TRUE(t, PagePcp(page));	/* parked on this CPU's list */
	KT_ASSERT_TRUE(t, take_free_page(pfn));
	KT_EXPECT_FALSE(t, PagePcp(page));
	KT_EXPECT_EQ(t, page_count(page), 1);
	__free_pages(page, 0);
}

/*
 * A CMA page freed goes straight back to the buddy lists under the
 * MIGRATE_CMA policies (a page parked in a cache is one cma_alloc
 * cannot take, and the zone's CMA count must stay exact); in ZONE_CMA
 * its pageblock is an ordinary movable one and it may wait on a list.
 * Either way cma_alloc gets the same frame again at once.
 */
static void
cma_pages_come_back(struct ktest *t)
{
	struct cma *cma = &cma_areas[0];
	unsigned long free_cma;
	struct page *page, *again;
	struct zone *zone;

	if (!cma_area_count || !cma->count)
		ktest_skip(t, "no CMA area (boot with cma=)");
	page = cma_alloc(cma, 1, 0);
	KT_ASSERT_TRUE(t, page != NULL);
	zone = page_zone(page);
	free_cma = zone->free_cma_pages;
	KT_ASSERT_TRUE(t, cma_release(cma, page, 1));
	if (cma_policy != CMA_POLICY_ZONE) {
		KT_EXPECT_FALSE(t, PagePcp(page));
		KT_EXPECT_EQ(t, zone->free_cma_pages, free_cma + 1);
	}
	again = cma_alloc(cma, 1, 0);
	KT_EXPECT_TRUE(t, again == page);
	if (again)
		KT_EXPECT_TRUE(t, cma_release(cma, again, 1));
}

/*
 * Before halting, a CPU gives back what it holds of another node's
 * zones, and keeps its lists of a healthy local zone.
 */
static void
idle_drains_remote_lists(struct ktest *t)
{
	int here = numa_node_id(), there = -1;
	struct page *local, *remote;
	struct per_cpu_pages *lpcp, *rpcp;
	unsigned long flags;

	for (int nid = 0; nid < MAX_NUMNODES && there < 0; nid++)
		if (nid != here && NODE_DATA(nid) &&
		    node_free_pages_upto(nid, ZONE_NORMAL) > 4096)
			there = nid;
	if (there < 0)
		ktest_skip(t, "no other node with kernel memory");
	local = alloc_pages_node(here, GFP_KERNEL | __GFP_THISNODE, 0);
	remote = alloc_pages_node(there, GFP_KERNEL | __GFP_THISNODE, 0);
	KT_ASSERT_TRUE(t, local != NULL && remote != NULL);
	flags = local_irq_save();	/* this CPU's lists, from here on */
	lpcp = zone_pcp(page_zone(local), smp_processor_id());
	rpcp = zone_pcp(page_zone(remote), smp_processor_id());
	__free_pages(local, 0);
	__free_pages(remote, 0);
	KT_EXPECT_GT(t, lpcp->count, 0);
	KT_EXPECT_GT(t, rpcp->count, 0);
	KT_ASSERT_TRUE(t, page_zone(local)->free_pages >
			  high_wmark_pages(page_zone(local)));
	drain_pages_on_idle();
	KT_EXPECT_EQ(t, rpcp->count, 0);
	KT_EXPECT_GT(t, lpcp->count, 0);
	local_irq_restore(flags);
}

KTEST_SUITE(pcp,
	KTEST_CASE(batch_high_as_linux),
	KTEST_CASE(batch_high_by_hand),
	KTEST_CASE(lists_on_their_cpus_node),
	KTEST_CASE(drain_gives_back_every_page),
	KTEST_CASE(no_page_handed_out_twice),
	KTEST_CASE(all_cpus_no_page_twice),
	KTEST_CASE(drain_while_others_allocate),
	KTEST_CASE(lists_stay_below_high),
	KTEST_CASE(pressure_drains_lists),
	KTEST_CASE(take_free_page_drains),
	KTEST_CASE(cma_pages_come_back),
	KTEST_CASE(idle_drains_remote_lists));
