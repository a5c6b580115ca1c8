/*
 * mm/report.c - what the memory manager looks like, as Linux prints it.
 *
 * Teaches: the kernel's own view of memory is only useful if people can
 * read it, and Linux users already read /proc/buddyinfo, /proc/zoneinfo,
 * /proc/pagetypeinfo, per-node meminfo and `numactl --hardware`.  These
 * functions print the same formats, field for field where we have the
 * field, so that what a student learns here reads the same on Linux.
 * `mm_report=all` (or a comma list of buddyinfo, pagetypeinfo, zoneinfo,
 * meminfo, numa) prints them at the end of boot; the shell will show
 * them on demand later.
 * Linux counterpart: mm/vmstat.c (frag_show, zoneinfo_show,
 * pagetypeinfo_show), drivers/base/node.c (node_read_meminfo),
 * numactl's hardware().
 */
#include "mm/report.h"

#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/cma.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

static char mm_report[64];
core_param("mm_report", mm_report, PARAM_STRING,
	   "print memory reports at boot: all, or buddyinfo,pagetypeinfo,zoneinfo,meminfo,numa,slabinfo");

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

static unsigned long
count_free_blocks(struct zone *zone, int order, int mt)
{
	unsigned long n = 0;
	struct list_head *pos;

	list_for_each(pos, &zone->free_area[order].free_list[mt])
		n++;
	return n;
}

void
show_pagetypeinfo(void)
{
	struct zone *zone;

	pr_info("Page block order: %d\n", pageblock_order);
	pr_info("Pages per block:  %lu\n", pageblock_nr_pages);
	printk(KERN_INFO "Free pages count per migrate type at order      ");
	for (int o = 0; o < MAX_ORDER; o++)
		pr_cont("%6d ", o);
	pr_cont("\n");
	for_each_zone(zone) {
		unsigned long flags;

		if (!zone_shown(zone))
			continue;
		flags = spin_lock_irqsave(&zone->lock);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			printk(KERN_INFO "Node %4d, zone %8s, type %12s ",
			       zone->node, zone->name, migratetype_names[mt]);
			for (int o = 0; o < MAX_ORDER; o++)
				pr_cont("%6lu ", count_free_blocks(zone, o, mt));
			pr_cont("\n");
		}
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

void
show_zoneinfo(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		if (!zone_shown(zone))
			continue;
		pr_info("Node %d, zone %8s\n", zone->node, zone->name);
		pr_info("  pages free     %lu\n", zone->free_pages);
		pr_info("        min      %lu\n", min_wmark_pages(zone));
		pr_info("        low      %lu\n", low_wmark_pages(zone));
		pr_info("        high     %lu\n", high_wmark_pages(zone));
		pr_info("        spanned  %lu\n", zone->spanned_pages);
		pr_info("        present  %lu\n", zone->present_pages);
		pr_info("        managed  %lu\n", zone->managed_pages);
		pr_info("        cma      %lu\n",
			zone->idx == ZONE_CMA ? zone->managed_pages : 0UL);
		printk(KERN_INFO "        protection: (");
		for (int z = 0; z < MAX_NR_ZONES; z++)
			pr_cont("%s%lu", z ? ", " : "", zone->lowmem_reserve[z]);
		pr_cont(")\n");
		pr_info("      nr_free_pages %lu\n", zone->free_pages);
		pr_info("      nr_free_cma  %lu\n", zone->free_cma_pages);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long pages = 0;

			for (int o = 0; o < MAX_ORDER; o++)
				pages += count_free_blocks(zone, o, mt) << o;
			pr_info("      nr_free_%s %lu\n", migratetype_names[mt], pages);
		}
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
	numa_print_hardware(node_free_pages);
}

static bool
report_wanted(const char *name)
{
	return !strcmp(mm_report, "all") ||
	       list_has_item(mm_report, name, strlen(name));
}

void
mm_report_boot(void)
{
	if (!mm_report[0])
		return;
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
}
