/*
 * mm/highatomic_test.c - ktest suite "highatomic": the high-order atomic
 * reserve (MIGRATE_HIGHATOMIC pageblocks, mm/page_alloc.c).
 *
 * Linux's rules, checked on the live allocator of the boot CPU's node:
 * a high-order atomic request that succeeds under pressure reserves its
 * pageblock; the reserve serves later high-order atomic requests first;
 * ordinary requests never take from it while other memory is free; it
 * holds at most 1% of the zone's managed pages plus one pageblock (the
 * limit is checked before each reservation, so it can end up to one
 * pageblock above); an ordinary request that would fail gets it back.
 * Every case leaves the zone with no reserve.
 *
 * Teaches: the reserve's life cycle, one rule per case.
 * Linux counterpart: none.
 */
#include "kernel/ktest.h"
#include "mm/gfp.h"
#include "mm/mm_ktest.h"
#include "mm/page_alloc.h"

/* Expected counts: a 2 MiB pageblock of 4 KiB pages (x86-64, as Linux). */
#define PAGEBLOCK_PAGES	512

/* The largest kernel zone of the boot CPU's node (DMA32 or Normal). */
static struct zone *
test_zone(struct ktest *t)
{
	pg_data_t *pgdat = NODE_DATA(numa_node_id());

	if (!pgdat)
		ktest_skip(t, "the boot CPU's node has no memory");
	for (int z = ZONE_NORMAL; z >= ZONE_DMA; z--)
		if (pgdat->node_zones[z].managed_pages >= 16 * pageblock_nr_pages)
			return &pgdat->node_zones[z];
	ktest_skip(t, "no kernel zone of 16 pageblocks on the boot CPU's node");
	return NULL;
}

/* Walk every pageblock of the zone and count the reserved ones. */
static unsigned long
count_highatomic_blocks(struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned long pfn = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	     pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages) {
		unsigned long p = max(pfn, zone->zone_start_pfn);

		if (pfn_valid(p) && page_zone(pfn_to_page(p)) == zone &&
		    get_pageblock_migratetype(pfn_to_page(p)) == MIGRATE_HIGHATOMIC)
			n++;
	}
	return n;
}

static void
give_all_back(struct zone *zone)
{
	struct zonelist *zl = &zone->zone_pgdat->node_zonelists[ZONELIST_NOFALLBACK];

	while (unreserve_highatomic_pageblock(zl, MAX_NR_ZONES - 1,
					      MIGRATE_UNMOVABLE, true))
		;
}

/* Take everything an ordinary request may take from the node. */
static void
drain_node(int nid, struct list_head *held)
{
	struct page *page;

	for (int o = MAX_ORDER - 1; o >= 0; o--)
		while ((page = alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE |
						__GFP_NOWARN, o))) {
			page->private = o;
			list_add(&page->lru, held);
		}
}

/*
 * Under pressure an order-2 GFP_ATOMIC request succeeds and reserves its
 * pageblock; freed, the block goes back to the reserve, and the next
 * order-2 atomic request is served from it without reserving more.
 */
static void
reserve_then_serve_from_it(struct ktest *t)
{
	struct zone *zone = test_zone(t);
	int nid = zone->node;
	unsigned long before;
	struct page *a, *b;
	LIST_HEAD(held);

	give_all_back(zone);
	KT_ASSERT_EQ(t, zone->nr_reserved_highatomic, 0);
	drain_node(nid, &held);
	before = global_free_pages();
	a = alloc_pages_node(nid, GFP_ATOMIC | __GFP_THISNODE | __GFP_NOWARN, 2);
	KT_ASSERT_TRUE(t, a != NULL);
	KT_EXPECT_EQ(t, get_pageblock_migratetype(a), MIGRATE_HIGHATOMIC);
	KT_EXPECT_EQ(t, page_zone(a)->nr_reserved_highatomic, PAGEBLOCK_PAGES);
	KT_EXPECT_EQ(t, count_highatomic_blocks(page_zone(a)), 1);
	/* An ordinary request still fails: the reserve is not its memory. */
	b = alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE | __GFP_NOWARN, 2);
	if (b) {
		KT_EXPECT_NE(t, get_pageblock_migratetype(b), MIGRATE_HIGHATOMIC);
		__free_pages(b, 2);
	}
	__free_pages(a, 2);
	KT_EXPECT_EQ(t, global_free_pages(), before);
	b = alloc_pages_node(nid, GFP_ATOMIC | __GFP_THISNODE | __GFP_NOWARN, 2);
	KT_ASSERT_TRUE(t, b != NULL);
	KT_EXPECT_EQ(t, get_pageblock_migratetype(b), MIGRATE_HIGHATOMIC);
	KT_EXPECT_EQ(t, page_zone(b)->nr_reserved_highatomic, PAGEBLOCK_PAGES);
	/* Order 0 is not what the reserve is for. */
	a = alloc_pages_node(nid, GFP_ATOMIC | __GFP_THISNODE | __GFP_NOWARN, 0);
	if (a) {
		KT_EXPECT_NE(t, get_pageblock_migratetype(a), MIGRATE_HIGHATOMIC);
		__free_pages(a, 0);
	}
	__free_pages(b, 2);
	mm_ktest_free_held(&held);
	give_all_back(page_zone(b));
	KT_EXPECT_EQ(t, count_highatomic_blocks(page_zone(b)), 0);
}

/*
 * Reserve by hand as many pageblocks as we can: the reserve stops at the
 * limit.  By hand for the default machine (2s), node 0's DMA32 manages
 * about 256,000 pages: 1% is about 2,560, plus one pageblock about
 * 3,072; the check comes before each reservation, so the reserve stops
 * at the first multiple of 512 at or above that: 6 or 7 pageblocks,
 * never a whole pageblock above the limit.
 */
static void
cap_holds(struct ktest *t)
{
	struct zone *zone = test_zone(t);
	unsigned long limit = zone->managed_pages / 100 + PAGEBLOCK_PAGES;
	unsigned long nblocks = limit / PAGEBLOCK_PAGES + 4;
	struct page *blocks[64];
	unsigned long got = 0;

	give_all_back(zone);
	KT_ASSERT_LE(t, nblocks, 64);
	for (; got < nblocks; got++) {
		blocks[got] = alloc_pages_zone(zone, pageblock_order, MIGRATE_UNMOVABLE);
		if (!blocks[got])
			break;
		reserve_highatomic_pageblock(blocks[got], zone);
		KT_EXPECT_LT(t, zone->nr_reserved_highatomic, limit + PAGEBLOCK_PAGES);
	}
	KT_ASSERT_EQ(t, got, nblocks);
	KT_EXPECT_GE(t, zone->nr_reserved_highatomic, limit);
	KT_EXPECT_EQ(t, zone->nr_reserved_highatomic,
		     count_highatomic_blocks(zone) * PAGEBLOCK_PAGES);
	for (unsigned long i = 0; i < got; i++)
		__free_pages(blocks[i], pageblock_order);
	/* Freed into the reserve: still reserved, still capped. */
	KT_EXPECT_EQ(t, zone->nr_reserved_highatomic,
		     count_highatomic_blocks(zone) * PAGEBLOCK_PAGES);
	give_all_back(zone);
	KT_EXPECT_EQ(t, zone->nr_reserved_highatomic, 0);
	KT_EXPECT_EQ(t, count_highatomic_blocks(zone), 0);
}

/* With memory to spare, ordinary requests of every kind avoid the reserve. */
static void
ordinary_requests_avoid_it(struct ktest *t)
{
	struct zone *zone = test_zone(t);
	static const gfp_t kinds[] = {
		GFP_KERNEL, GFP_HIGHUSER_MOVABLE, __GFP_RECLAIMABLE, GFP_ATOMIC,
	};
	struct page *block;
	unsigned int in_reserve = 0;
	LIST_HEAD(held);

	give_all_back(zone);
	block = alloc_pages_zone(zone, pageblock_order, MIGRATE_UNMOVABLE);
	KT_ASSERT_TRUE(t, block != NULL);
	reserve_highatomic_pageblock(block, zone);
	__free_pages(block, pageblock_order);
	KT_ASSERT_EQ(t, zone->nr_reserved_highatomic, PAGEBLOCK_PAGES);
	for (unsigned int k = 0; k < ARRAY_SIZE(kinds); k++)
		for (unsigned int i = 0; i < 256; i++) {
			/* Atomic: order 0 only, the reserve is for order > 0. */
			unsigned int o = kinds[k] == GFP_ATOMIC ? 0 : i % 4;
			struct page *page = alloc_pages_node(zone->node,
					kinds[k] | __GFP_THISNODE | __GFP_NOWARN, o);

			KT_ASSERT_TRUE(t, page != NULL);
			in_reserve += get_pageblock_migratetype(page) ==
				      MIGRATE_HIGHATOMIC;
			page->private = o;
			list_add(&page->lru, &held);
		}
	KT_EXPECT_EQ(t, in_reserve, 0);
	KT_EXPECT_EQ(t, zone->nr_reserved_highatomic, PAGEBLOCK_PAGES);
	mm_ktest_free_held(&held);
	give_all_back(zone);
}

/*
 * Reserve two pageblocks, then take everything ordinary requests can:
 * before failing, the allocator gives the reserve back (the last
 * pageblock too) and the requests use it.
 */
static void
unreserve_under_pressure(struct ktest *t)
{
	struct zone *zone = test_zone(t);
	struct page *block[2];
	LIST_HEAD(held);

	give_all_back(zone);
	for (int i = 0; i < 2; i++) {
		block[i] = alloc_pages_zone(zone, pageblock_order, MIGRATE_UNMOVABLE);
		KT_ASSERT_TRUE(t, block[i] != NULL);
		reserve_highatomic_pageblock(block[i], zone);
	}
	for (int i = 0; i < 2; i++)
		__free_pages(block[i], pageblock_order);
	KT_ASSERT_EQ(t, zone->nr_reserved_highatomic, 2 * PAGEBLOCK_PAGES);
	drain_node(zone->node, &held);
	KT_EXPECT_EQ(t, zone->nr_reserved_highatomic, 0);
	KT_EXPECT_EQ(t, count_highatomic_blocks(zone), 0);
	/* Given back to ordinary use: no free page is on a reserve list. */
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		KT_EXPECT_TRUE(t, list_empty(&zone->free_area[o].free_list[MIGRATE_HIGHATOMIC]));
	mm_ktest_free_held(&held);
}

/*
 * A high-order atomic request of order 10 (two pageblocks) reserves only
 * the pageblock of its first page, as in Linux; freed, the whole order-10
 * block sits on the reserve's free list although only one of its two
 * pageblocks is reserved.  Giving it back must take one pageblock off the
 * count, not two: with a second reserved block still held elsewhere, the
 * count must still say one pageblock, and that block must still be
 * found and given back.
 */
static void
unreserve_counts_reserved_pageblocks(struct ktest *t)
{
	struct zone *zone = test_zone(t);
	struct zonelist *zl = &zone->zone_pgdat->node_zonelists[ZONELIST_NOFALLBACK];
	struct page *big, *held;

	give_all_back(zone);
	big = alloc_pages_zone(zone, MAX_ORDER - 1, MIGRATE_UNMOVABLE);
	held = alloc_pages_zone(zone, pageblock_order, MIGRATE_UNMOVABLE);
	KT_ASSERT_TRUE(t, big != NULL && held != NULL);
	reserve_highatomic_pageblock(big, zone);
	reserve_highatomic_pageblock(held, zone);
	KT_EXPECT_EQ(t, zone->nr_reserved_highatomic, 2 * PAGEBLOCK_PAGES);
	KT_EXPECT_EQ(t, count_highatomic_blocks(zone), 2);
	__free_pages(big, MAX_ORDER - 1);
	/* Only the freed block is on a free list: it goes back first. */
	KT_EXPECT_TRUE(t, unreserve_highatomic_pageblock(zl, MAX_NR_ZONES - 1,
							 MIGRATE_UNMOVABLE, true));
	KT_EXPECT_EQ(t, count_highatomic_blocks(zone), 1);
	KT_EXPECT_EQ(t, zone->nr_reserved_highatomic, PAGEBLOCK_PAGES);
	__free_pages(held, pageblock_order);
	give_all_back(zone);
	KT_EXPECT_EQ(t, count_highatomic_blocks(zone), 0);
	KT_EXPECT_EQ(t, zone->nr_reserved_highatomic, 0);
}

/*
 * The two halves of an order-10 block, one reserved and one not, are
 * freed: they cannot merge (a reserved block keeps its kind).  Once the
 * reserved half is given back they must, or two free order-9 blocks sit
 * side by side for good.
 */
static void
given_back_block_merges(struct ktest *t)
{
	struct zone *zone = test_zone(t);
	struct zonelist *zl = &zone->zone_pgdat->node_zonelists[ZONELIST_NOFALLBACK];
	struct page *big;

	give_all_back(zone);
	big = alloc_pages_zone(zone, MAX_ORDER - 1, MIGRATE_UNMOVABLE);
	KT_ASSERT_TRUE(t, big != NULL);
	reserve_highatomic_pageblock(big, zone);
	KT_ASSERT_EQ(t, count_highatomic_blocks(zone), 1);
	/* Free the halves as two blocks of one pageblock each. */
	set_page_count(big + PAGEBLOCK_PAGES, 1);
	__free_pages(big, pageblock_order);
	__free_pages(big + PAGEBLOCK_PAGES, pageblock_order);
	KT_EXPECT_TRUE(t, PageBuddy(big) && big->private == pageblock_order);
	KT_EXPECT_TRUE(t, unreserve_highatomic_pageblock(zl, MAX_NR_ZONES - 1,
							 MIGRATE_UNMOVABLE, true));
	KT_EXPECT_EQ(t, count_highatomic_blocks(zone), 0);
	KT_EXPECT_TRUE(t, PageBuddy(big) && big->private == MAX_ORDER - 1);
}

KTEST_SUITE(highatomic,
	KTEST_CASE(reserve_then_serve_from_it),
	KTEST_CASE(cap_holds),
	KTEST_CASE(ordinary_requests_avoid_it),
	KTEST_CASE(unreserve_under_pressure),
	KTEST_CASE(given_back_block_merges),
	KTEST_CASE(unreserve_counts_reserved_pageblocks));
