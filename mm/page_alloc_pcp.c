/*
 * mm/page_alloc_pcp.c - the per-CPU page lists in front of the buddy
 * allocator ("pcp" lists).
 *
 * Teaches: most allocations are single pages, and most single pages are
 * freed soon after.  Through the buddy lists alone every such pair takes
 * zone->lock twice (a lock every CPU of the machine fights over), splits
 * a large block on the way out and merges it back on the way in.  So
 * each CPU keeps, for each zone, a small list of free order-0 pages of
 * its own (struct per_cpu_pages, mm/mmzone.h):
 *
 *   allocation  takes the first page of this CPU's list for the
 *               request's migrate type; an empty list is refilled with
 *               `batch` pages at once, under one zone->lock
 *               (rmqueue_bulk);
 *   free        puts the page at the head of the list (it is still hot
 *               in this CPU's cache: the next allocation gets it back);
 *               once the list holds more than `high` pages, `batch` of
 *               the oldest go back to the buddy lists, again under one
 *               zone->lock (free_pcppages_bulk);
 *   drain       gives a CPU's lists back whole: when memory runs short
 *               (the allocator's slow path drains every CPU before it
 *               gives up), when the CPU goes idle holding pages of
 *               another node or of a zone short of memory, and when
 *               somebody needs a particular free page (CMA).
 *
 * Pages on these lists are neither free nor allocated: zone->free_pages
 * does not count them (nor do the watermarks, as in Linux), and PG_pcp
 * marks them so that a second free of one is still caught.  Freed pages
 * of CMA, high-order atomic and isolated pageblocks skip the lists and go
 * straight back to the buddy lists: a CMA page parked in a cache is a
 * page cma_alloc() cannot take, the reserve must stay whole for the
 * requests it exists for, and an isolated block is being emptied.
 * (Linux parks the first two on the movable list and remembers their
 * type; going straight back keeps the CMA and reserve counts exact at
 * every moment.)  A refill for a movable request may still take CMA
 * pages, as the buddy allocator would have handed them out directly.
 *
 * Sizes, as Linux 6.1 computes them (checked against Linux's own
 * /proc/zoneinfo on every machine in tests/linux, mm/pcp_test.c):
 *   batch  a 1/1024 of the zone's managed pages, at most 1 MiB's worth,
 *          divided by 4, then rounded down to 2^n - 1 of 1.5 times
 *          that (a power of two minus one, so that batches of
 *          neighbouring CPUs do not all end on the same cache colour),
 *          at least 1;
 *   high   the zone's low watermark shared out among the online CPUs of
 *          the zone's node (all online CPUs for a node without any), so
 *          that full lists alone never push the zone under low and wake
 *          kswapd; at least 4 batches.
 *
 * Locking: each per_cpu_pages has its own spinlock, taken with
 * interrupts off on the owning CPU, as in Linux 6.1.  Interrupts off
 * because an interrupt handler may allocate on the same CPU; a lock as
 * well, rather than interrupts off alone, so that another CPU can drain
 * these lists directly (memory pressure, CMA) without interrupting the
 * owner with an IPI and waiting for it.  The owner takes its own lock
 * uncontended almost always: one locked instruction on a cache line it
 * already holds.  Lock order: pcp lock, then zone->lock.
 *
 * Each CPU's per_cpu_pages of every zone lie in one array allocated on
 * the CPU's own node (pcp_area); zone->pcp_slot indexes it.  The two
 * fast paths are inline in mm/page_alloc_pcp.h, for the allocator.
 * Linux counterpart: mm/page_alloc.c (rmqueue_pcplist, rmqueue_bulk,
 * free_unref_page, free_pcppages_bulk, drain_all_pages, zone_batchsize,
 * zone_highsize), mm/vmstat.c (pagesets in zoneinfo).
 */
#include "mm/page_alloc_pcp.h"

#include "arch/x86/percpu.h"
#include "kernel/cpumask.h"
#include "kernel/printk.h"
#include "mm/numa.h"

/* This CPU's per_cpu_pages of every zone, indexed by zone->pcp_slot. */
DEFINE_PER_CPU(struct per_cpu_pages *, pcp_area);
static unsigned int pcp_nr_slots;	/* slot 0 is never used */
/* The zone of each slot, for walks that start from a CPU's array. */
static struct zone *pcp_slot_zone[MAX_NUMNODES * MAX_NR_ZONES + 1];
static unsigned int pcp_nr_cpus;	/* CPUs with an area */

struct per_cpu_pages *
zone_pcp(const struct zone *zone, unsigned int cpu)
{
	struct per_cpu_pages *area;

	if (!zone->pcp_slot || cpu >= pcp_nr_cpus)
		return NULL;
	area = per_cpu(pcp_area, cpu);
	return area ? area + zone->pcp_slot : NULL;
}

/* ---- moving pages between the lists and the buddy allocator ----------- */

/* Take up to count pages for list; interrupts are off. */
int
rmqueue_bulk(struct zone *zone, int count, int mt, unsigned int alloc_flags,
	     struct list_head *list)
{
	int i;

	spin_lock(&zone->lock);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, 0, mt, alloc_flags);

		if (!page)
			break;
		page_set_flag(page, PG_pcp);
		/* In the order they came: the lowest frames go out first. */
		list_add_tail(&page->lru, list);
	}
	spin_unlock(&zone->lock);
	return i;
}

/*
 * Give count pages back, the oldest (cache-coldest) of each list, taking
 * from the lists in turn so that no migrate type keeps them all.  The
 * caller holds pcp->lock with interrupts off.  Each page goes to the
 * free list of its pageblock's type now, which may have changed since it
 * was cached (a stolen or reserved pageblock).
 */
void
free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	int mt = 0;

	spin_lock(&zone->lock);
	while (count > 0 && pcp->count > 0) {
		struct list_head *list = &pcp->lists[mt];

		if (!list_empty(list)) {
			struct page *page = list_entry(list->prev, struct page, lru);

			list_del(&page->lru);
			page_clear_flag(page, PG_pcp);
			pcp->count--;
			count--;
			__free_one_page(page, page_to_pfn(page), zone, 0,
					get_pageblock_migratetype(page));
		}
		mt = mt + 1 == MIGRATE_PCPTYPES ? 0 : mt + 1;
	}
	spin_unlock(&zone->lock);
}

/* ---- draining ----------------------------------------------------------- */

static unsigned long
drain_zone_pages(unsigned int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = zone_pcp(zone, cpu);
	unsigned long flags, n;

	/* An unlocked look first: most lists of most CPUs are empty. */
	if (!pcp || !READ_ONCE(pcp->count))
		return 0;
	flags = local_irq_save();
	arch_spin_lock_ticket(&pcp->lock);
	n = pcp->count;
	if (n)
		free_pcppages_bulk(zone, n, pcp);
	arch_spin_unlock(&pcp->lock);
	local_irq_restore(flags);
	return n;
}

/*
 * Another CPU's lists are drained under that CPU's pcp lock: the owner
 * touches them only under the same lock, so no IPI is needed and the
 * owner may be busy, halted or offline.
 */
unsigned long
drain_pages(unsigned int cpu, struct zone *zone)
{
	unsigned long n = 0;

	if (zone)
		return drain_zone_pages(cpu, zone);
	for_each_zone(zone)
		n += drain_zone_pages(cpu, zone);
	return n;
}

void
drain_local_pages(struct zone *zone)
{
	unsigned long flags = local_irq_save();

	drain_pages(smp_processor_id(), zone);
	local_irq_restore(flags);
}

unsigned long
drain_all_pages(struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned int cpu = 0; cpu < pcp_nr_cpus; cpu++)
		n += drain_pages(cpu, zone);
	return n;
}

/*
 * A CPU about to halt will not use its lists for a while.  Pages of
 * another node's zone are better back home, where that node's CPUs
 * find them (Linux expires such remote lists after a few seconds);
 * pages of a zone at or under its high watermark are better in the
 * buddy lists, where an allocation on any CPU finds them without a
 * drain.  Lists of a healthy local zone stay: they are what makes the
 * next burst of allocations fast.  The idle loop calls this each time,
 * so it walks only this CPU's own array (a few loads per zone with
 * memory) and touches no lock unless a list is to be drained.
 */
void
drain_pages_on_idle(void)
{
	unsigned long flags = local_irq_save();
	struct per_cpu_pages *area = this_cpu(pcp_area);
	int nid = numa_node_id();

	for (unsigned int s = 1; area && s < pcp_nr_slots; s++) {
		struct zone *zone = pcp_slot_zone[s];

		if (!READ_ONCE(area[s].count))
			continue;
		if (zone->node != nid ||
		    zone->free_pages <= high_wmark_pages(zone))
			drain_zone_pages(smp_processor_id(), zone);
	}
	local_irq_restore(flags);
}

unsigned long
zone_pcp_pages(const struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned int cpu = 0; cpu < pcp_nr_cpus; cpu++) {
		struct per_cpu_pages *pcp = zone_pcp(zone, cpu);

		if (pcp)
			n += READ_ONCE(pcp->count);
	}
	return n;
}

/* ---- sizes ------------------------------------------------------------ */

static unsigned long
rounddown_pow_of_two(unsigned long n)
{
	return 1UL << (63 - __builtin_clzl(n));
}

int
zone_batchsize(unsigned long managed_pages)
{
	unsigned long batch = min(managed_pages >> 10, (1UL << 20) / PAGE_SIZE);

	batch /= 4;		/* the rounding below multiplies by 1.5 */
	if (batch < 1)
		batch = 1;
	batch = rounddown_pow_of_two(batch + batch / 2) - 1;
	return batch ? (int)batch : 1;
}

int
zone_highsize(unsigned long low_wmark, int batch, unsigned int node_cpus,
	      unsigned int online_cpus)
{
	unsigned int share = node_cpus ? node_cpus : online_cpus;
	long high = share ? (long)(low_wmark / share) : (long)low_wmark;

	return (int)max(high, 4L * batch);
}

static unsigned int
node_online_cpus(int nid)
{
	unsigned int n = 0, cpu;

	for_each_online_cpu(cpu)
		n += cpu_to_node(cpu) == nid;
	return n;
}

/* One array per CPU on its node; then the zones get their slots. */
static void
setup_per_cpu_pageset(void)
{
	unsigned int nr_cpus = numa_topology.nr_cpus ? numa_topology.nr_cpus : 1;
	unsigned int slots = 1, order = 0;
	struct zone *zone;
	size_t size;

	for_each_zone(zone)
		slots += populated_zone(zone);
	size = slots * sizeof(struct per_cpu_pages);
	while (((size_t)PAGE_SIZE << order) < size)
		order++;
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		int nid = cpu_to_node(cpu);
		struct page *page = alloc_pages_node(nid < 0 ? 0 : nid,
						     GFP_KERNEL | __GFP_ZERO, order);
		struct per_cpu_pages *area;

		if (!page) {
			pr_warn("pcp: no memory for CPU %u's lists: per-CPU "
				"page lists off\n", cpu);
			return;		/* the areas so far stay unused */
		}
		area = page_address(page);
		for (unsigned int s = 1; s < slots; s++) {
			for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
				INIT_LIST_HEAD(&area[s].lists[mt]);
			area[s].batch = 1;
		}
		per_cpu(pcp_area, cpu) = area;
	}
	pcp_nr_cpus = nr_cpus;
	slots = 1;
	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		pcp_slot_zone[slots] = zone;
		zone->pcp_slot = slots++;	/* from here on, lists are used */
	}
	pcp_nr_slots = slots;
	pr_info("pcp: per-CPU page lists for %u zones on %u CPUs, %zu bytes "
		"per CPU, each from its CPU's node (or the nearest with "
		"memory)\n", pcp_nr_slots - 1, pcp_nr_cpus, size);
}

/*
 * After the watermarks change, or the set of online CPUs: Linux 6.1's
 * zone_pcp_update.  A list above its new high shrinks at its next free.
 */
void
zone_pcp_update_all(void)
{
	unsigned int online = num_online_cpus();
	struct zone *zone;

	if (!pcp_nr_slots)
		setup_per_cpu_pageset();
	for_each_zone(zone) {
		int batch, high;

		if (!zone->pcp_slot)
			continue;
		batch = zone_batchsize(zone->managed_pages);
		high = zone_highsize(low_wmark_pages(zone), batch,
				     node_online_cpus(zone->node), online);
		/*
		 * No lock: each is one aligned store, and an owner that
		 * reads the old value for one more free does no harm.
		 */
		for (unsigned int cpu = 0; cpu < pcp_nr_cpus; cpu++) {
			struct per_cpu_pages *pcp = zone_pcp(zone, cpu);

			WRITE_ONCE(pcp->batch, batch);
			WRITE_ONCE(pcp->high, high);
		}
	}
}

/*
 * Call after the CPU is in cpu_online_mask (Linux: the page allocator's
 * CPU hotplug callback).  It recomputes every zone for every CPU: at
 * boot, once after the last CPU came up is enough.
 */
void
page_alloc_cpu_online(unsigned int cpu)
{
	(void)cpu;
	zone_pcp_update_all();
}
