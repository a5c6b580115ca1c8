/*
 * mm/report.c - what the memory manager looks like, as Linux prints it.
 *
 * Teaches: the kernel's own view of memory is only useful if people can
 * read it, and Linux users already read /proc/buddyinfo, /proc/zoneinfo,
 * /proc/pagetypeinfo, per-node meminfo and `numactl --hardware`.  These
 * functions print the same formats, field for field where we have the
 * field, so that what a student learns here reads the same on Linux.
 * `mm_report=all` (or a comma list of buddyinfo, pagetypeinfo, zoneinfo,
 * meminfo, numa, slabinfo, interrupts) prints them at the end of boot;
 * the shell will show
 * them on demand later.
 * Linux counterpart: mm/vmstat.c (frag_show, zoneinfo_show,
 * pagetypeinfo_show), drivers/base/node.c (node_read_meminfo),
 * numactl's hardware().
 */
#include "arch/x86/irq_report.h"
#include "mm/report.h"

#include "kernel/cpumask.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

#define MM_REPORT_VALID \
	"all, or names from buddyinfo, pagetypeinfo, zoneinfo, meminfo, " \
	"numa, slabinfo, interrupts, separated by commas"

static char mm_report[64];
core_param_list("mm_report", mm_report, "print memory reports at boot",
		MM_REPORT_VALID);

/* Zones Linux would list: those with a span. */
static bool
zone_shown(const struct zone *zone)
{
	return zone->spanned_pages != 0;
}

void
show_buddyinfo(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		if (!zone_shown(zone))
			continue;
		printk(KERN_INFO "Node %d, zone %8s ", zone->node, zone->name);
		for (int o = 0; o < MAX_ORDER; o++)
			pr_cont("%6lu ", zone->free_area[o].nr_free);
		pr_cont("\n");
	}
}

/*
 * pagetypeinfo stops counting a free list at 100,000 blocks, as Linux
 * does (the walk runs under zone->lock with interrupts off), and prints
 * ">100000": "many" is all a reader needs to know.  capped == NULL
 * counts the whole list.
 */
#define PAGETYPEINFO_COUNT_CAP	100000

static unsigned long
count_free_blocks(struct zone *zone, int order, int mt, bool *capped)
{
	unsigned long n = 0;
	struct list_head *pos;

	if (capped)
		*capped = false;
	list_for_each(pos, &zone->free_area[order].free_list[mt])
		if (++n >= PAGETYPEINFO_COUNT_CAP && capped) {
			*capped = true;
			break;
		}
	return n;
}

/* Linux counts pageblocks from the zone's first pfn, a block at a time. */
void
pagetypeinfo_block_counts(const struct zone *zone,
			  unsigned long count[MIGRATE_TYPES])
{
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		count[mt] = 0;
	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages) {
		struct page *page;
		unsigned long mt;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (page_zone(page) != zone)
			continue;
		mt = get_pageblock_migratetype(page);
		if (mt < MIGRATE_TYPES)
			count[mt]++;
	}
}

static bool
node_has_pages(const pg_data_t *pgdat)
{
	return pgdat && pgdat->node_present_pages;
}

static void
pagetypeinfo_free_table(pg_data_t *pgdat)
{
	struct zone *zone;

	printk(KERN_INFO "%-43s ", "Free pages count per migrate type at order");
	for (int o = 0; o < MAX_ORDER; o++)
		pr_cont("%6d ", o);
	pr_cont("\n");
	for_each_zone_in_node(zone, pgdat) {
		unsigned long flags;

		if (!populated_zone(zone))
			continue;
		flags = spin_lock_irqsave(&zone->lock);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			printk(KERN_INFO "Node %4d, zone %8s, type %12s ",
			       zone->node, zone->name, migratetype_names[mt]);
			for (int o = 0; o < MAX_ORDER; o++) {
				bool capped;
				unsigned long n = count_free_blocks(zone, o, mt,
								    &capped);

				pr_cont("%s%6lu ", capped ? ">" : "", n);
			}
			pr_cont("\n");
		}
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

static void
pagetypeinfo_block_table(pg_data_t *pgdat)
{
	unsigned long count[MIGRATE_TYPES];
	struct zone *zone;

	pr_info("\n");
	printk(KERN_INFO "%-23s", "Number of blocks type ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		pr_cont("%12s ", migratetype_names[mt]);
	pr_cont("\n");
	for_each_zone_in_node(zone, pgdat) {
		if (!populated_zone(zone))
			continue;
		pagetypeinfo_block_counts(zone, count);
		printk(KERN_INFO "Node %d, zone %8s ", zone->node, zone->name);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			pr_cont("%12lu ", count[mt]);
		pr_cont("\n");
	}
}

/* As Linux's /proc/pagetypeinfo: the whole report once per node. */
void
show_pagetypeinfo(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (!node_has_pages(pgdat))
			continue;
		pr_info("Page block order: %d\n", pageblock_order);
		pr_info("Pages per block:  %lu\n", pageblock_nr_pages);
		pr_info("\n");
		pagetypeinfo_free_table(pgdat);
		pagetypeinfo_block_table(pgdat);
	}
}

/*
 * Each online CPU's per-CPU page list of the zone (mm/page_alloc_pcp.c),
 * in Linux's layout.  Linux follows each CPU with its "vm stats
 * threshold" (the slack of its per-CPU statistics counters); Pagoda
 * keeps exact counters and has no such line.
 */
static void
zoneinfo_pagesets(const struct zone *zone)
{
	unsigned int cpu;

	pr_info("  pagesets\n");
	for_each_online_cpu(cpu) {
		struct per_cpu_pages *pcp = zone_pcp(zone, cpu);

		if (!pcp)
			continue;
		pr_info("    cpu: %u\n", cpu);
		pr_info("              count: %d\n", READ_ONCE(pcp->count));
		pr_info("              high:  %d\n", READ_ONCE(pcp->high));
		pr_info("              batch: %d\n", READ_ONCE(pcp->batch));
	}
}

void
show_zoneinfo(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		/*
		 * As Linux: every zone of every node, empty ones included,
		 * so a student sees which zones a node could have.  ZONE_CMA
		 * is ours, not Linux's: listed only when it holds an area.
		 */
		if (zone->idx == ZONE_CMA && !zone_shown(zone))
			continue;
		pr_info("Node %d, zone %8s\n", zone->node, zone->name);
		pr_info("  pages free     %lu\n", zone->free_pages);
		pr_info("        min      %lu\n", min_wmark_pages(zone));
		pr_info("        low      %lu\n", low_wmark_pages(zone));
		pr_info("        high     %lu\n", high_wmark_pages(zone));
		pr_info("        spanned  %lu\n", zone->spanned_pages);
		pr_info("        present  %lu\n", zone->present_pages);
		pr_info("        managed  %lu\n", zone->managed_pages);
		pr_info("        cma      %lu\n", zone->cma_pages);
		printk(KERN_INFO "        protection: (");
		for (int z = 0; z < MAX_NR_ZONES; z++)
			pr_cont("%s%lu", z ? ", " : "", zone->lowmem_reserve[z]);
		pr_cont(")\n");
		/* An empty zone has no counters to show (Linux stops here too). */
		if (!populated_zone(zone))
			continue;
		pr_info("      nr_free_pages %lu\n", zone->free_pages);
		pr_info("      nr_free_cma  %lu\n", zone->free_cma_pages);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long pages = 0;

			for (int o = 0; o < MAX_ORDER; o++)
				pages += count_free_blocks(zone, o, mt, NULL) << o;
			pr_info("      nr_free_%s %lu\n", migratetype_names[mt], pages);
		}
		zoneinfo_pagesets(zone);
		pr_info("  start_pfn:           %lu\n", zone->zone_start_pfn);
	}
}

void
show_node_meminfo(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);
		unsigned long total = 0, free = node_free_pages(nid);
		struct zone *zone;

		if (!pgdat)
			continue;
		for_each_zone_in_node(zone, pgdat)
			total += zone->managed_pages;
		pr_info("Node %d MemTotal:       %8lu kB\n", nid, K(total));
		pr_info("Node %d MemFree:        %8lu kB\n", nid, K(free));
		pr_info("Node %d MemUsed:        %8lu kB\n", nid, K(total - free));
	}
}

void
show_numa_hardware(void)
{
	numa_print_hardware_cpus(node_free_pages, cpu_online_mask.bits);
}

/* ---- slabinfo ------------------------------------------------------------ */

static void
slabinfo_line(struct kmem_cache *s, void *arg)
{
	struct slabinfo info;

	(void)arg;
	get_slabinfo(s, &info);
	pr_info("%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : slabdata "
		"%6lu %6lu %6u\n", s->name, info.active_objs, info.num_objs,
		s->size, info.objects_per_slab, 1u << info.cache_order,
		s->limit, s->batchcount, s->shared, info.active_slabs,
		info.num_slabs, 0u);
}

/*
 * /proc/slabinfo as Linux's SLAB prints it (version 2.1): objsize is the
 * slot size; objects in per-CPU arrays count as active, as in Linux; the
 * tunables are the per-CPU arrays' limit and batchcount, and the
 * sharedfactor, 0 with sharedavail because we build no shared arrays.
 */
void
show_slabinfo(void)
{
	pr_info("slabinfo - version: 2.1\n");
	pr_info("# name            <active_objs> <num_objs> <objsize> "
		"<objperslab> <pagesperslab> : tunables <limit> <batchcount> "
		"<sharedfactor> : slabdata <active_slabs> <num_slabs> "
		"<sharedavail>\n");
	slab_for_each_cache(slabinfo_line, NULL);
}

static const char *const report_names[] = {
	"buddyinfo", "pagetypeinfo", "zoneinfo", "meminfo", "numa", "slabinfo",
	"interrupts",
};

static bool
is_report_name(const char *item, size_t n)
{
	if (n == 3 && !strncmp(item, "all", 3))
		return true;
	for (unsigned int i = 0; i < ARRAY_SIZE(report_names); i++)
		if (strlen(report_names[i]) == n && !strncmp(report_names[i], item, n))
			return true;
	return false;
}

/* A typo must not pass silently: name every unknown item, as ktest= does. */
unsigned int
mm_report_unknown(const char *list, bool print)
{
	unsigned int unknown = 0;
	const char *item;
	size_t n;

	while ((item = next_list_item(&list, &n))) {
		if (is_report_name(item, n))
			continue;
		if (print)
			pr_err("mm_report: unknown report '%.*s' (valid: %s)\n",
			       (int)n, item, MM_REPORT_VALID);
		unknown++;
	}
	return unknown;
}

/* "all" means all, alone or anywhere in a list. */
bool
mm_report_wanted(const char *list, const char *name)
{
	return list_has_item(list, "all", 3) ||
	       list_has_item(list, name, strlen(name));
}

static bool
report_wanted(const char *name)
{
	return mm_report_wanted(mm_report, name);
}

void
mm_report_boot(void)
{
	if (!mm_report[0])
		return;
	mm_report_unknown(mm_report, true);
	if (report_wanted("buddyinfo"))
		show_buddyinfo();
	if (report_wanted("pagetypeinfo"))
		show_pagetypeinfo();
	if (report_wanted("zoneinfo"))
		show_zoneinfo();
	if (report_wanted("meminfo"))
		show_node_meminfo();
	if (report_wanted("numa"))
		show_numa_hardware();
	if (report_wanted("slabinfo"))
		show_slabinfo();
	if (report_wanted("interrupts"))
		show_interrupts();
}
