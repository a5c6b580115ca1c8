/*
 * mm/cma_test.c - ktest suites "cma" and "cma_kswapd".
 *
 * "cma" runs on any boot with a CMA area (cma=, cma_pernuma=, numa_cma=):
 * the reservation and its alignment (Linux 6.1's 2 MiB), allocation and
 * release with cma_alloc(), a busy page in the way, each area on its
 * node, that kernel allocations never land in an area, and that no free
 * buddy block reaches across an area's edge.
 *
 * "cma_kswapd" tells the 2017 ZONE_CMA story on a machine booted with
 * 1 GiB and cma=512M (the harness runs it under all three policies):
 * user (movable) memory is allocated, then kernel memory until kswapd
 * wakes.
 *  - migratetype-2017: user memory fills the normal pageblocks first and
 *    CMA last, so the kernel runs out while the whole CMA area is still
 *    free: kswapd wakes with ~512 MiB free.
 *  - migratetype (Linux 6.1): user memory takes CMA whenever CMA is more
 *    than half of the free pages, so user memory splits about evenly
 *    between CMA and the rest, and kswapd wakes with about half of what
 *    the user left free still free in CMA (~300 MiB).
 *  - zone: user memory goes to the CMA zone first (it heads the
 *    zonelist), the kernel keeps the normal zone, and kswapd wakes only
 *    when memory is really low (the CMA zone's unused quarter).
 *
 * Teaches: what the Contiguous Memory Allocator promises, as checks
 * that run on the real machine, and the 2017 story as a measurement.
 * Linux counterpart: none (mm/cma_debug.c exposes areas, not checks).
 */
#include "arch/x86/e820.h"
#include "kernel/ktest.h"
#include "lib/bitmap.h"
#include "lib/kstrtox.h"
#include "lib/string.h"
#include "mm/cma.h"
#include "mm/gfp.h"
#include "mm/mm_ktest.h"
#include "mm/mm_init.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"

/*
 * Linux 6.1 aligns every CMA area to a pageblock (CMA_MIN_ALIGNMENT_BYTES,
 * since 5.19): 2 MiB, i.e. 512 pages of 4 KiB on x86-64.  Written here
 * from Linux, not taken from mm/cma.c.
 */
#define LINUX_CMA_ALIGN		(2UL << 20)
#define LINUX_CMA_ALIGN_PAGES	(LINUX_CMA_ALIGN / 4096)

static struct cma *
first_area(struct ktest *t)
{
	/* An area that could not be activated has no pages left. */
	for (unsigned int i = 0; i < cma_area_count; i++)
		if (cma_areas[i].count)
			return &cma_areas[i];
	ktest_skip(t, "no CMA area on this boot (cma=, cma_pernuma=, numa_cma=)");
	return NULL;
}

static void
area_reserved_and_given(struct ktest *t)
{
	struct cma *cma = first_area(t);
	unsigned long pfn = cma->base_pfn;

	KT_EXPECT_EQ(t, pfn % LINUX_CMA_ALIGN_PAGES, 0);
	KT_EXPECT_EQ(t, cma->count % LINUX_CMA_ALIGN_PAGES, 0);
	KT_EXPECT_EQ(t, page_to_nid(pfn_to_page(pfn)), cma->nid);
	for (unsigned long p = pfn; p < pfn + cma->count; p += pageblock_nr_pages) {
		struct page *page = pfn_to_page(p);

		KT_EXPECT_TRUE(t, page_test_flag(page, PG_cma));
		if (cma_policy == CMA_POLICY_ZONE)
			KT_EXPECT_EQ(t, page_zonenum(page), ZONE_CMA);
		else
			KT_EXPECT_EQ(t, get_pageblock_migratetype(page), MIGRATE_CMA);
	}
	if (cma_policy == CMA_POLICY_ZONE) {
		struct zone *z = &NODE_DATA(cma->nid)->node_zones[ZONE_CMA];
		unsigned long pages = 0, first = ~0UL;

		/* The zone is exactly the node's areas, however many. */
		for (unsigned int i = 0; i < cma_area_count; i++)
			if (cma_areas[i].nid == cma->nid) {
				pages += cma_areas[i].count;
				first = min(first, cma_areas[i].base_pfn);
			}
		KT_EXPECT_EQ(t, z->managed_pages, pages);
		KT_EXPECT_EQ(t, z->zone_start_pfn, first);
	}
}

static void
alloc_alignment_and_release(struct ktest *t)
{
	struct cma *cma = first_area(t);
	unsigned long free_before = global_free_pages();
	struct page *a, *b;

	a = cma_alloc(cma, 100, 4);
	KT_ASSERT_TRUE(t, a != NULL);
	KT_EXPECT_EQ(t, page_to_pfn(a) % 16, 0);
	KT_EXPECT_GE(t, page_to_pfn(a), cma->base_pfn);
	KT_EXPECT_LE(t, page_to_pfn(a) + 100, cma->base_pfn + cma->count);
	for (int i = 0; i < 100; i++) {
		KT_EXPECT_EQ(t, a[i]._refcount, 1);
		KT_EXPECT_FALSE(t, PageBuddy(&a[i]));
	}
	b = cma_alloc(cma, 512, 9);
	KT_ASSERT_TRUE(t, b != NULL);
	KT_EXPECT_EQ(t, page_to_pfn(b) % 512, 0);
	/* No overlap between the two. */
	KT_EXPECT_TRUE(t, page_to_pfn(b) >= page_to_pfn(a) + 100 ||
			  page_to_pfn(b) + 512 <= page_to_pfn(a));
	KT_EXPECT_EQ(t, global_free_pages(), free_before - 612);
	memset(page_address(a), 0x5a, 100 * PAGE_SIZE);	/* it is ours */
	KT_EXPECT_TRUE(t, cma_release(cma, a, 100));
	KT_EXPECT_TRUE(t, cma_release(cma, b, 512));
	KT_EXPECT_EQ(t, global_free_pages(), free_before);
	KT_EXPECT_EQ(t, cma->allocated, 0);
	/* Nonsense is refused, not obeyed. */
	KT_EXPECT_TRUE(t, cma_alloc(cma, cma->count + 1, 0) == NULL);
	KT_EXPECT_FALSE(t, cma_release(cma, pfn_to_page(cma->base_pfn + cma->count), 1));
}

/* The area holding pfn, or NULL. */
static struct cma *
area_of(unsigned long pfn)
{
	for (unsigned int i = 0; i < cma_area_count; i++)
		if (pfn >= cma_areas[i].base_pfn &&
		    pfn < cma_areas[i].base_pfn + cma_areas[i].count)
			return &cma_areas[i];
	return NULL;
}

/*
 * A busy page in the way: the range is skipped (migration comes later).
 * The busy page is what a movable allocation leaves in the area, taken
 * straight from the free list that serves movable allocations there:
 * MIGRATE_MOVABLE of ZONE_CMA, or MIGRATE_CMA of the normal zone.
 * Asking for it directly makes the test independent of when the
 * allocator would fall back to CMA, so it runs under every policy.
 */
static void
busy_page_is_avoided(struct ktest *t)
{
	struct page *first = pfn_to_page(first_area(t)->base_pfn), *user, *got;
	int mt = get_pageblock_migratetype(first);
	struct cma *cma;

	KT_EXPECT_EQ(t, mt, cma_policy == CMA_POLICY_ZONE ? MIGRATE_MOVABLE :
			    MIGRATE_CMA);
	user = alloc_pages_zone(page_zone(first), 0, mt);
	KT_ASSERT_TRUE(t, user != NULL);
	/* Any area of the zone may have served it: use that one. */
	cma = area_of(page_to_pfn(user));
	KT_ASSERT_TRUE(t, cma != NULL);
	KT_EXPECT_TRUE(t, page_test_flag(user, PG_cma));
	/* The whole area is not free while the user holds its page ... */
	KT_EXPECT_TRUE(t, cma_alloc(cma, cma->count, 0) == NULL);
	KT_EXPECT_EQ(t, cma->allocated, 0);
	if (cma->count >= 2 * LINUX_CMA_ALIGN_PAGES) {
		/*
		 * ... but an aligned range beside the busy page is: an area
		 * of two aligned blocks or more has one without it.
		 */
		got = cma_alloc(cma, LINUX_CMA_ALIGN_PAGES, 9);
		KT_ASSERT_TRUE(t, got != NULL);
		KT_EXPECT_TRUE(t, page_to_pfn(user) < page_to_pfn(got) ||
				  page_to_pfn(user) >= page_to_pfn(got) +
						       LINUX_CMA_ALIGN_PAGES);
		KT_EXPECT_TRUE(t, cma_release(cma, got, LINUX_CMA_ALIGN_PAGES));
	}
	__free_pages(user, 0);
	/* Once it is gone, nothing stands in the way of the whole area. */
	got = cma_alloc(cma, cma->count, 0);
	KT_ASSERT_TRUE(t, got != NULL);
	KT_EXPECT_EQ(t, page_to_pfn(got), cma->base_pfn);
	KT_EXPECT_TRUE(t, cma_release(cma, got, cma->count));
}

/*
 * Every area lies on one node and no two overlap; areas named after a
 * node (cma_pernuma=, numa_cma=) lie on that node; each bitmap counts
 * what cma_alloc() handed out.
 */
static void
areas_on_their_nodes_and_disjoint(struct ktest *t)
{
	first_area(t);
	for (unsigned int i = 0; i < cma_area_count; i++) {
		struct cma *a = &cma_areas[i];
		unsigned long last = a->base_pfn + a->count - 1;
		int named = -1;

		if (!a->count)
			continue;	/* not activated: see one_zone_each */

		KT_EXPECT_EQ(t, page_to_nid(pfn_to_page(a->base_pfn)), a->nid);
		KT_EXPECT_EQ(t, page_to_nid(pfn_to_page(last)), a->nid);
		if (!strncmp(a->name, "pernuma", 7))
			kstrtoint(a->name + 7, 10, &named);
		else if (!strncmp(a->name, "numa", 4))
			kstrtoint(a->name + 4, 10, &named);
		if (named >= 0)
			KT_EXPECT_EQ(t, a->nid, named);
		KT_EXPECT_EQ(t, bitmap_weight(a->bitmap, a->count), a->allocated);
		for (unsigned int j = i + 1; j < cma_area_count; j++) {
			struct cma *b = &cma_areas[j];

			KT_EXPECT_TRUE(t, a->base_pfn + a->count <= b->base_pfn ||
					  b->base_pfn + b->count <= a->base_pfn);
		}
	}
}

static void
kernel_allocations_stay_out(struct ktest *t)
{
	struct cma *cma = first_area(t);

	for (int i = 0; i < 256; i++) {
		struct page *p = alloc_pages_node(cma->nid, GFP_KERNEL, 0);
		unsigned long pfn;

		KT_ASSERT_TRUE(t, p != NULL);
		pfn = page_to_pfn(p);
		KT_EXPECT_TRUE(t, pfn < cma->base_pfn ||
				  pfn >= cma->base_pfn + cma->count);
		__free_pages(p, 0);
	}
}

/* Free pages of the zone on the lists of kind mt (-1: every usable kind). */
static unsigned long
walk_free(struct zone *zone, int mt)
{
	unsigned long n = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++)
		for (int k = 0; k < MIGRATE_TYPES; k++) {
			struct list_head *pos;

			if (k == MIGRATE_ISOLATE || (mt >= 0 && k != mt))
				continue;
			list_for_each(pos, &zone->free_area[o].free_list[k])
				n += 1UL << o;
		}
	return n;
}

/*
 * Linux 6.1's balancing step (__rmqueue), checked on the next movable
 * page: under cma_policy=migratetype it comes from the CMA area exactly
 * when the zone's free CMA pages are more than half of its free pages;
 * under migratetype-2017 CMA is the last resort, so it never does while
 * other movable memory is free.  The free counts are walked on the
 * free lists, not read from the zone's counters (which must agree).
 */
static void
movable_takes_cma_when_more_than_half(struct ktest *t)
{
	struct cma *cma = first_area(t);
	struct zone *zone = page_zone(pfn_to_page(cma->base_pfn));
	unsigned long free, free_cma;
	struct page *page;
	bool want;

	if (cma_policy == CMA_POLICY_ZONE)
		ktest_skip(t, "cma_policy=zone: the area is a zone of its own");
	free = walk_free(zone, -1);
	free_cma = walk_free(zone, MIGRATE_CMA);
	KT_EXPECT_EQ(t, zone->free_pages, free);
	KT_EXPECT_EQ(t, zone->free_cma_pages, free_cma);
	KT_ASSERT_TRUE(t, free > free_cma);	/* other memory is free */
	want = cma_policy == CMA_POLICY_MIGRATETYPE && 2 * free_cma > free;
	ktest_log(t, "zone %s: %lu of %lu free pages are CMA: expect %s",
		  zone->name, free_cma, free, want ? "CMA" : "not CMA");
	page = alloc_pages_zone(zone, 0, MIGRATE_MOVABLE);
	KT_ASSERT_TRUE(t, page != NULL);
	KT_EXPECT_EQ(t, page_test_flag(page, PG_cma), want);
	__free_pages(page, 0);
}

/* Is [start, end) inside one usable range of the firmware's map? */
static bool
e820_ram_covers(u64 start, u64 end)
{
	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type == E820_TYPE_RAM && e->addr <= start &&
		    end <= e->addr + e->size)
			return true;
	}
	return false;
}

static u64
e820_ram_end(void)
{
	u64 end = 0;

	for (unsigned int i = 0; i < e820_table.nr_entries; i++)
		if (e820_table.entries[i].type == E820_TYPE_RAM)
			end = max(end, e820_table.entries[i].addr +
				       e820_table.entries[i].size);
	return end;
}

/*
 * Linux 6.1 (cma_declare_contiguous_nid, since 5.11): an area asked for
 * without a place (cma=SIZE, cma_pernuma=, numa_cma=) goes bottom-up
 * from 4 GiB when RAM reaches 4 GiB + SIZE: the lowest 2 MiB-aligned
 * address from 4 GiB whose whole range is RAM (on the area's node, for
 * the per-node ones) and not taken by an area declared before it.
 * Nothing else is reserved up there so early in the boot.  An area
 * whose node has no place there goes top-down, below 4 GiB.  The
 * harness facts give RAM past 4 GiB on "big" and "64n"; elsewhere this
 * skips.
 */
static void
areas_bottom_up_from_4g(struct ktest *t)
{
	const u64 four_g = 4ULL << 30, align = LINUX_CMA_ALIGN;
	unsigned int checked = 0;

	first_area(t);
	for (unsigned int i = 0; i < cma_area_count; i++) {
		const struct cma *cma = &cma_areas[i];
		u64 size = (u64)cma->count << PAGE_SHIFT, a;
		bool global = !strcmp(cma->name, "reserved");

		if (!cma->anywhere || e820_ram_end() < four_g + size)
			continue;
		for (a = four_g; a + size <= e820_ram_end(); a += align) {
			bool ok = e820_ram_covers(a, a + size);

			for (unsigned int j = 0; ok && j < i; j++) {
				u64 b = (u64)cma_areas[j].base_pfn << PAGE_SHIFT;
				u64 e = b + ((u64)cma_areas[j].count << PAGE_SHIFT);

				ok = a + size <= b || e <= a;
			}
			if (ok && !global)
				ok = page_to_nid(pfn_to_page(a >> PAGE_SHIFT)) == cma->nid &&
				     page_to_nid(pfn_to_page((a + size - 1) >> PAGE_SHIFT)) ==
				     cma->nid;
			if (ok)
				break;
		}
		if (a + size > e820_ram_end()) {
			/*
			 * No place from 4 GiB (its node has no RAM there):
			 * Linux falls back to top-down, so below 4 GiB,
			 * since any free place above would have been found.
			 */
			ktest_log(t, "%s: at %#llx, no place from 4 GiB on its node",
				  cma->name,
				  (unsigned long long)cma->base_pfn << PAGE_SHIFT);
			KT_EXPECT_LT(t, (u64)cma->base_pfn << PAGE_SHIFT, four_g);
			continue;
		}
		ktest_log(t, "%s: at %#llx, lowest place from 4 GiB %#llx",
			  cma->name, (unsigned long long)cma->base_pfn << PAGE_SHIFT,
			  (unsigned long long)a);
		KT_EXPECT_EQ(t, (u64)cma->base_pfn << PAGE_SHIFT, a);
		checked++;
	}
	if (!checked)
		ktest_skip(t, "no area asked without a place on a machine with RAM past 4 GiB + its size");
}

/*
 * Every active area lies in one zone, every page of it looked at (Linux
 * refuses to activate any other: cma_alloc() works on one zone's lists).
 * An area that straddled two zones has no pages left, and its first
 * block went back to the buddy allocator as ordinary memory.
 */
static void
one_zone_each(struct ktest *t)
{
	if (!cma_area_count)
		ktest_skip(t, "no CMA area on this boot (cma=, cma_pernuma=, numa_cma=)");
	for (unsigned int i = 0; i < cma_area_count; i++) {
		const struct cma *cma = &cma_areas[i];
		struct page *first = pfn_to_page(cma->base_pfn);
		unsigned long strays = 0;

		for (unsigned long pfn = cma->base_pfn;
		     pfn < cma->base_pfn + cma->count; pfn++)
			strays += page_zone(pfn_to_page(pfn)) != page_zone(first);
		KT_EXPECT_EQ(t, strays, 0);
		if (!cma->count) {
			ktest_log(t, "%s was not activated", cma->name);
			KT_EXPECT_FALSE(t, page_test_flag(first, PG_cma));
			KT_EXPECT_FALSE(t, PageReserved(first));
		}
	}
}

/* Is pfn in an area that was activated? */
static bool
in_active_area(unsigned long pfn)
{
	const struct cma *cma = area_of(pfn);

	return cma && cma->count;
}

/*
 * Does the free block of 2^order pages at pfn, on the list of kind mt of
 * zone, break the rule below?  Each of its pageblocks must be inside an
 * area exactly when the block counts as CMA memory.
 */
static bool
block_strays(const struct zone *zone, unsigned long pfn, unsigned int order,
	     int mt)
{
	bool cma_kind = zone->idx == ZONE_CMA || mt == MIGRATE_CMA;
	unsigned long n = 1UL << order;

	for (unsigned long p = pfn; p < pfn + n; p += LINUX_CMA_ALIGN_PAGES)
		if (in_active_area(p) != cma_kind ||
		    in_active_area(min(p + LINUX_CMA_ALIGN_PAGES, pfn + n) - 1) !=
		    cma_kind)
			return true;
	return false;
}

/*
 * An area is aligned to a pageblock only, so the buddy of its first or
 * last pageblock can be a free block of ordinary memory.  Linux's rule
 * (__free_one_page, since 5.x): from pageblock order up, two free blocks
 * merge only if their pageblocks have the same migrate type, or neither
 * is one of the special types (CMA, HighAtomic, Isolate); under
 * cma_policy=zone the area is a zone of its own, and blocks of two
 * zones never merge.  So every free block, walked on the free lists,
 * lies wholly inside the areas or wholly outside, and counts as CMA
 * memory (the CMA list, or ZONE_CMA) exactly when it is inside.  An
 * area with an edge off a 4 MiB boundary, in free memory
 * (uma/cma-6m-migratetype: cma=6M@0x20200000), makes this bite: its
 * edge pageblock has a free buddy outside.
 */
static void
free_blocks_stay_inside_areas(struct ktest *t)
{
	unsigned long blocks = 0, strays = 0, odd_edges = 0, first_stray = 0;

	first_area(t);
	for (unsigned int i = 0; i < cma_area_count; i++) {
		const struct cma *cma = &cma_areas[i];

		if (cma->count && ((cma->base_pfn | cma->count) &
				   (2 * LINUX_CMA_ALIGN_PAGES - 1)))
			odd_edges++;
	}
	for (struct zone *zone = next_zone(NULL); zone; zone = next_zone(zone)) {
		unsigned long flags;

		if (!zone->spanned_pages)
			continue;
		flags = spin_lock_irqsave(&zone->lock);
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			for (int k = 0; k < MIGRATE_TYPES; k++) {
				struct page *page;

				list_for_each_entry(page, &zone->free_area[o].free_list[k], lru) {
					blocks++;
					if (!block_strays(zone, page_to_pfn(page), o, k))
						continue;
					if (!strays++)
						first_stray = page_to_pfn(page);
				}
			}
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	ktest_log(t, "%lu free blocks, %lu area(s) with an edge off 4 MiB, first stray block at pfn %#lx",
		  blocks, odd_edges, strays ? first_stray : 0);
	KT_EXPECT_GT(t, blocks, 0);
	KT_EXPECT_EQ(t, strays, 0);
}

KTEST_SUITE(cma,
	KTEST_CASE(area_reserved_and_given),
	KTEST_CASE(alloc_alignment_and_release),
	KTEST_CASE(busy_page_is_avoided),
	KTEST_CASE(areas_on_their_nodes_and_disjoint),
	KTEST_CASE(kernel_allocations_stay_out),
	KTEST_CASE(movable_takes_cma_when_more_than_half),
	KTEST_CASE(areas_bottom_up_from_4g),
	KTEST_CASE(one_zone_each),
	KTEST_CASE(free_blocks_stay_inside_areas));

/* ---- the 2017 story --------------------------------------------------- */

static void
kswapd_wakes_with_cma_free(struct ktest *t)
{
	struct cma *cma = first_area(t);
	pg_data_t *pgdat = NODE_DATA(cma->nid);
	unsigned long user_pages = cma->count * 3 / 4;
	unsigned long free_at_wake, cma_mib = cma->count >> 8;
	LIST_HEAD(held);
	struct page *page;

	/* The story needs its stage: 1 GiB, one 512 MiB area. */
	if (ktest_mem_mb != 1024 || cma_area_count != 1 || cma->count != 131072 ||
	    zone_movable_pfn[cma->nid])
		ktest_skip(t, "needs a 1 GiB machine booted with cma=512M alone");
	/* User memory: three quarters of the CMA size, movable. */
	for (unsigned long got = 0; got < user_pages; got += 1UL << 9) {
		page = alloc_pages_node(cma->nid, GFP_HIGHUSER_MOVABLE |
					__GFP_NOWARN, 9);
		KT_ASSERT_TRUE(t, page != NULL);
		page->private = 9;
		list_add(&page->lru, &held);
	}
	/* Kernel memory until kswapd is woken. */
	pgdat->kswapd_wakeups = 0;
	while (!pgdat->kswapd_wakeups) {
		page = alloc_pages_node(cma->nid, GFP_KERNEL | __GFP_THISNODE |
					__GFP_NOWARN, 0);
		if (!page)
			break;
		page->private = 0;
		list_add(&page->lru, &held);
	}
	KT_EXPECT_GT(t, pgdat->kswapd_wakeups, 0);
	free_at_wake = pgdat->kswapd_free_at_first_wakeup >> 8;	/* MiB */
	ktest_log(t, "policy %s: kswapd woke with %lu MiB free (CMA area %lu MiB)",
		  cma_policy == CMA_POLICY_ZONE ? "zone" :
		  cma_policy == CMA_POLICY_MIGRATETYPE ? "migratetype" :
		  "migratetype-2017", free_at_wake, cma_mib);
	if (cma_policy == CMA_POLICY_MIGRATETYPE_2017) {
		/* The CMA area is (nearly) all still free. */
		KT_EXPECT_GE(t, free_at_wake, cma_mib * 9 / 10);
	} else if (cma_policy == CMA_POLICY_MIGRATETYPE) {
		/*
		 * By hand: 1024 MiB minus the user's 384 MiB leaves at most
		 * 640 MiB, and at least 640 - 64 MiB (the kernel's own share
		 * is far below 64 MiB here).  Balancing keeps CMA at about
		 * half of that, so kswapd (woken once the non-CMA part is
		 * down to its low watermark, a few MiB) sees 288..320 MiB
		 * of CMA plus those few MiB: 288..336.
		 */
		unsigned long left = ktest_mem_mb - (user_pages >> 8);

		KT_EXPECT_GE(t, free_at_wake, (left - 64) / 2);
		KT_EXPECT_LE(t, free_at_wake, left / 2 + 16);
	} else {
		/*
		 * Only the CMA zone's unused quarter is left (128 MiB: the
		 * user's pages all fit in the zone, which kernel requests
		 * cannot use), plus the kernel zones down to their low
		 * watermark and DMA's lowmem_reserve, a few MiB: measured
		 * 131 MiB (133 before Movable and CMA zones got their share
		 * of min_free_kbytes, which halved DMA32's low here).
		 */
		KT_EXPECT_GE(t, free_at_wake, cma_mib - (user_pages >> 8));
		KT_EXPECT_LE(t, free_at_wake, cma_mib / 3);
	}
	mm_ktest_free_held(&held);
}

KTEST_SUITE(cma_kswapd,
	KTEST_CASE(kswapd_wakes_with_cma_free));
