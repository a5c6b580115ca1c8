/*
 * mm/report_test.c - ktest suite "mm_report": the reports of mm/report.c.
 *
 * Teaches: a report is tested on its text and on its numbers.  The text
 * is captured from the console and compared with Linux 6.1's
 * /proc/pagetypeinfo layout, written out by hand below; the numbers are
 * compared with independent counts (every pageblock walked and tallied,
 * every page's PG_cma flag); the mm_report= list rules are checked on
 * literal lists.
 * Linux counterpart: none.
 */
#include "arch/x86/e820.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/cma.h"
#include "mm/page_alloc.h"
#include "mm/report.h"

/* ---- capturing the console ------------------------------------------- */

static const char *captured;
static size_t captured_len;

/* Run show() and keep what it printed in captured[0..captured_len). */
static void
capture(void (*show)(void))
{
	ktest_capture_begin();
	show();
	captured = ktest_capture_end(&captured_len);
}

static unsigned int
count_occurrences(const char *hay, const char *needle)
{
	unsigned int n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Nodes with memory, from the harness's ktest.node_mem_mb= facts. */
static int
nodes_with_memory(void)
{
	u64 mb[MAX_NUMNODES];
	int n = ktest_parse_list(ktest_node_mem_mb, mb, MAX_NUMNODES), with = 0;

	for (int i = 0; i < n; i++)
		with += mb[i] != 0;
	return n > 0 ? with : -1;
}

/*
 * Linux 6.1's layout, by hand: per node with memory, "Page block order:",
 * "Pages per block:", a blank line, the free table whose header is the
 * title padded to 43 columns, a space, then "%6d " per order; a blank
 * line, then the block table: the title padded to 23 columns and each
 * type name right-aligned in 12 columns plus a space.
 */
static void
pagetypeinfo_text(struct ktest *t)
{
	int nodes = nodes_with_memory();

	capture(show_pagetypeinfo);
	KT_ASSERT_TRUE(t, captured_len > 0);
	KT_EXPECT_LT(t, captured_len, KTEST_CAPTURE_MAX - 1);
	if (nodes > 0) {
		KT_EXPECT_EQ(t, count_occurrences(captured, "Page block order: 9\n"),
			     nodes);
		KT_EXPECT_EQ(t, count_occurrences(captured, "Pages per block:  512\n"),
			     nodes);
		KT_EXPECT_EQ(t, count_occurrences(captured,
			"Number of blocks type     Unmovable      Movable  Reclaimable"
			"   HighAtomic          CMA      Isolate \n"), nodes);
	}
	KT_EXPECT_TRUE(t, strstr(captured,
		"Free pages count per migrate type at order       0      1      2"
		"      3      4      5      6      7      8      9     10 \n"));
	KT_EXPECT_TRUE(t, strstr(captured, ", type   HighAtomic "));
	/* Node 0's first kernel zone has a block-count row. */
	KT_EXPECT_TRUE(t, strstr(captured, "Node 0, zone      DMA ") ||
			  strstr(captured, "Node 0, zone    DMA32 "));
}

/* Does the firmware's map have usable RAM in [start_pfn, end_pfn)? */
static bool
e820_has_ram(unsigned long start_pfn, unsigned long end_pfn)
{
	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type == E820_TYPE_RAM &&
		    PFN_DOWN(e->addr + e->size) > start_pfn &&
		    PFN_UP(e->addr) < end_pfn)
			return true;
	}
	return false;
}

/*
 * Walk every pageblock of every zone, aligned to 2 MiB, and tally its
 * migrate type: the report's counts must agree, and the total must be
 * the number of pageblocks the zone's span touches, less those that
 * lie wholly in a hole of the e820 map (the PCI hole below 4 GiB) or
 * belong to another zone inside the span (ZONE_CMA within DMA32).
 */
static void
pagetypeinfo_block_counts_match(struct ktest *t)
{
	unsigned long count[MIGRATE_TYPES], tally[MIGRATE_TYPES];
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long first = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
		unsigned long last = ALIGN(zone_end_pfn(zone), pageblock_nr_pages);
		unsigned long total = 0, invalid = 0;

		if (!populated_zone(zone))
			continue;
		memset(tally, 0, sizeof(tally));
		for (unsigned long b = first; b < last; b += pageblock_nr_pages) {
			unsigned long pfn = max(b, zone->zone_start_pfn);

			if (!pfn_valid(pfn)) {
				/* Only a hole in the firmware's map has no memmap. */
				KT_EXPECT_FALSE(t, e820_has_ram(b, b + pageblock_nr_pages));
				invalid++;
				continue;
			}
			if (page_zone(pfn_to_page(pfn)) != zone) {
				/* Another zone inside the span (ZONE_CMA in DMA32). */
				invalid++;
				continue;
			}
			tally[get_pageblock_migratetype(pfn_to_page(pfn))]++;
		}
		pagetypeinfo_block_counts(zone, count);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			KT_EXPECT_EQ(t, count[mt], tally[mt]);
			total += count[mt];
		}
		KT_EXPECT_EQ(t, total + invalid, (last - first) / pageblock_nr_pages);
	}
}

/* A reserved pageblock shows in the HighAtomic column, and goes away. */
static void
pagetypeinfo_shows_highatomic(struct ktest *t)
{
	pg_data_t *pgdat = NODE_DATA(numa_node_id());
	struct zone *zone = NULL;
	unsigned long count[MIGRATE_TYPES];
	struct page *block;

	for (int z = ZONE_NORMAL; z >= ZONE_DMA && pgdat; z--)
		if (pgdat->node_zones[z].managed_pages >= 16 * pageblock_nr_pages) {
			zone = &pgdat->node_zones[z];
			break;
		}
	if (!zone)
		ktest_skip(t, "no kernel zone of 16 pageblocks on the boot node");
	pagetypeinfo_block_counts(zone, count);
	KT_ASSERT_EQ(t, count[MIGRATE_HIGHATOMIC], 0);
	block = alloc_pages_zone(zone, pageblock_order, MIGRATE_UNMOVABLE);
	KT_ASSERT_TRUE(t, block != NULL);
	reserve_highatomic_pageblock(block, zone);
	__free_pages(block, pageblock_order);
	pagetypeinfo_block_counts(zone, count);
	KT_EXPECT_EQ(t, count[MIGRATE_HIGHATOMIC], 1);
	while (unreserve_highatomic_pageblock(
		       &pgdat->node_zonelists[ZONELIST_NOFALLBACK],
		       MAX_NR_ZONES - 1, MIGRATE_MOVABLE, true))
		;
	pagetypeinfo_block_counts(zone, count);
	KT_EXPECT_EQ(t, count[MIGRATE_HIGHATOMIC], 0);
}

/*
 * zoneinfo's "cma" line counts the CMA pages inside the zone whatever the
 * policy: checked against every page's PG_cma flag, and the zones
 * together hold exactly the reserved areas.
 */
static void
zoneinfo_cma_pages(struct ktest *t)
{
	unsigned long sum = 0, areas = 0;
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long flagged = 0;

		for (unsigned long pfn = zone->zone_start_pfn;
		     pfn < zone_end_pfn(zone); pfn++)
			flagged += pfn_valid(pfn) &&
				   page_zone(pfn_to_page(pfn)) == zone &&
				   page_test_flag(pfn_to_page(pfn), PG_cma);
		KT_EXPECT_EQ(t, zone->cma_pages, flagged);
		sum += flagged;
	}
	for (unsigned int i = 0; i < cma_area_count; i++)
		areas += cma_areas[i].count;
	KT_EXPECT_EQ(t, sum, areas);
}

/* mm_report= names: unknown ones are counted, "all" works anywhere. */
static void
mm_report_list_rules(struct ktest *t)
{
	KT_EXPECT_EQ(t, mm_report_unknown("all", false), 0);
	KT_EXPECT_EQ(t, mm_report_unknown("buddyinfo,pagetypeinfo,zoneinfo,"
					  "meminfo,numa,slabinfo", false), 0);
	KT_EXPECT_EQ(t, mm_report_unknown("numa,bogus,all,zoneinf", false), 2);
	KT_EXPECT_EQ(t, mm_report_unknown("allx", false), 1);
	KT_EXPECT_TRUE(t, mm_report_wanted("numa,all", "zoneinfo"));
	KT_EXPECT_TRUE(t, mm_report_wanted("all", "slabinfo"));
	KT_EXPECT_TRUE(t, mm_report_wanted("numa,zoneinfo", "zoneinfo"));
	KT_EXPECT_FALSE(t, mm_report_wanted("numa", "zoneinfo"));
	KT_EXPECT_FALSE(t, mm_report_wanted("allx", "numa"));
	KT_EXPECT_FALSE(t, mm_report_wanted("", "numa"));
}

/*
 * Linux 6.1 stops counting one free list at 100,000 blocks and prints
 * ">100000".  Make such a list: take 200,002 single pages of one kind
 * from the boot node's largest kernel zone and free every page of even
 * frame number; each freed page keeps its odd buddy held, so none can
 * merge, and at least 100,000 order-0 blocks wait on one list.
 */
static void
pagetypeinfo_caps_long_lists(struct ktest *t)
{
	pg_data_t *pgdat = NODE_DATA(numa_node_id());
	struct zone *zone = NULL;
	unsigned long held = 0, freed = 0;
	struct page *page, *tmp;
	LIST_HEAD(odd);
	LIST_HEAD(even);

	for (int z = ZONE_NORMAL; z >= ZONE_DMA && pgdat; z--)
		if (pgdat->node_zones[z].free_pages -
		    pgdat->node_zones[z].free_cma_pages >= 220000) {
			zone = &pgdat->node_zones[z];
			break;
		}
	if (!zone)
		ktest_skip(t, "no kernel zone with 220,000 free non-CMA pages on the boot node");
	for (; held < 200002; held++) {
		page = alloc_pages_zone(zone, 0, MIGRATE_UNMOVABLE);
		if (!page)
			break;
		list_add(&page->lru, page_to_pfn(page) % 2 ? &odd : &even);
	}
	list_for_each_entry_safe(page, tmp, &even, lru) {
		list_del(&page->lru);
		__free_pages(page, 0);
		freed++;
	}
	drain_all_pages(NULL);		/* the per-CPU lists keep the last ones */
	capture(show_pagetypeinfo);
	list_for_each_entry_safe(page, tmp, &odd, lru) {
		list_del(&page->lru);
		__free_pages(page, 0);
	}
	KT_ASSERT_EQ(t, held, 200002);
	ktest_log(t, "%lu pages freed with their buddies held", freed);
	KT_ASSERT_GE(t, freed, 100000);
	KT_EXPECT_TRUE(t, strstr(captured, ">100000 ") != NULL);
}

KTEST_SUITE(mm_report,
	KTEST_CASE(pagetypeinfo_text),
	KTEST_CASE(pagetypeinfo_block_counts_match),
	KTEST_CASE(pagetypeinfo_shows_highatomic),
	KTEST_CASE(zoneinfo_cma_pages),
	KTEST_CASE(pagetypeinfo_caps_long_lists),
	KTEST_CASE(mm_report_list_rules));
