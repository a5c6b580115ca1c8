/*
 * tests/host/test_movable.c - host tests for mm/movable.c, the placement
 * of ZONE_MOVABLE by kernelcore=.
 *
 * Each machine below is small enough to follow Linux's rule by hand; the
 * expected starts were computed on paper (shown in the comments), not by
 * running the code.
 */
#include "kernel/errno.h"
#include "mm/mm_init.h"
#include "tests/host/host_printk.h"
#include "tests/host/htest.h"

/* Two 1 GiB nodes below 4 GiB: Movable comes out of DMA32 (from 16 MiB). */
HTEST(even_split_over_two_nodes)
{
	struct pfn_range r[] = {
		{ 256, 262144, 0 },		/* 1 MiB - 1 GiB */
		{ 262144, 524288, 1 },		/* 1 GiB - 2 GiB */
	};
	unsigned long zmp[2] = { 0, 0 };

	/*
	 * kernelcore = 512 MiB = 131072 pages, 65536 per node.  Node 0:
	 * 3840 pages below 16 MiB count first, then 61696 more from 4096:
	 * 65792, rounded up to 1024 pages: 66560.  Node 1: 262144 + 65536.
	 */
	find_zone_movable_pfns(r, 2, 4096, 131072, 2, zmp);
	EXPECT_UINT_EQ(zmp[0], 66560);
	EXPECT_UINT_EQ(zmp[1], 327680);
}

/* A node smaller than its share hands the rest to the other node. */
HTEST(small_node_passes_its_share_on)
{
	struct pfn_range r[] = {
		{ 4096, 8192, 0 },		/* 16 MiB of memory */
		{ 8192, 270336, 1 },		/* 1 GiB */
	};
	unsigned long zmp[2] = { 0, 0 };

	/*
	 * kernelcore 100000, 50000 per node.  Node 0 gives all 4096 pages
	 * (start 8192 = its end: no Movable).  Node 1 gives 50000 (start
	 * 58192); 45904 are still owed, one node left: 104096, rounded up
	 * to 104448.
	 */
	find_zone_movable_pfns(r, 2, 4096, 100000, 2, zmp);
	EXPECT_UINT_EQ(zmp[0], 0);
	EXPECT_UINT_EQ(zmp[1], 104448);
}

/* Memory below 4 GiB is kernel memory when Movable comes out of Normal. */
HTEST(low_memory_counts_as_kernel)
{
	struct pfn_range r[] = {
		{ 256, 524288, 0 },		/* 1 MiB - 2 GiB */
		{ 1048576, 1310720, 0 },	/* 4 GiB - 5 GiB */
	};
	unsigned long zmp[1] = { 0 };

	/* 600000 - 524032 below 4 GiB = 75968 from 4 GiB: 1124544 -> 1125376. */
	find_zone_movable_pfns(r, 2, 1048576, 600000, 1, zmp);
	EXPECT_UINT_EQ(zmp[0], 1125376);
}

/* Nodes without memory are not counted when spreading. */
HTEST(memoryless_node_ignored)
{
	struct pfn_range r[] = {
		{ 4096, 266240, 0 },
		{ 266240, 528384, 2 },		/* node 1 has no memory */
	};
	unsigned long zmp[3] = { 0, 0, 0 };

	/* 2 nodes with memory: 65536 each, already 1024-aligned. */
	find_zone_movable_pfns(r, 2, 4096, 131072, 3, zmp);
	EXPECT_UINT_EQ(zmp[0], 4096 + 65536);
	EXPECT_UINT_EQ(zmp[1], 0);
	EXPECT_UINT_EQ(zmp[2], 266240 + 65536);
}

/*
 * The share is used up by memory below usable_startpfn: Movable must still
 * start no lower than usable_startpfn (16 MiB), never inside DMA.
 */
HTEST(share_used_up_below_usable_start)
{
	struct pfn_range r[] = {
		{ 256, 262144, 0 },
	};
	unsigned long zmp[1] = { 0 };

	/* 16 pages asked, 3840 below 16 MiB already: start at 4096. */
	find_zone_movable_pfns(r, 1, 4096, 16, 1, zmp);
	EXPECT_UINT_EQ(zmp[0], 4096);
}

/* A node whose share is covered by low memory still gets Movable above it. */
HTEST(node_with_only_low_share_gets_movable_above)
{
	struct pfn_range r[] = {
		{ 256, 524288, 0 },		/* 1 MiB - 2 GiB: below 4 GiB */
		{ 1048576, 1310720, 0 },	/* 4 GiB - 5 GiB */
		{ 1310720, 1572864, 1 },	/* 5 GiB - 6 GiB */
	};
	unsigned long zmp[2] = { 0, 0 };

	/*
	 * kernelcore 1 GiB = 262144, 131072 each.  Node 0's 524032 pages
	 * below 4 GiB count against the whole request, not just node 0's
	 * share: nothing is left to ask of anybody.  Node 0's Movable starts
	 * at 4 GiB (1048576); node 1 is Movable from its first page (1310720).
	 */
	find_zone_movable_pfns(r, 3, 1048576, 262144, 2, zmp);
	EXPECT_UINT_EQ(zmp[0], 1048576);
	EXPECT_UINT_EQ(zmp[1], 1310720);
}

/* ---- kernelcore= / movablecore= into pages (kernelcore_pages) ---- */

/*
 * The machine of these cases: 524032 pages (2 GiB less the first MiB).
 * movablecore=10%: 524032 / 10 = 52403 pages; rounded up to whole 1024-
 * page blocks: 52403 / 1024 = 51.2, so 52 blocks = 53248 pages.  The
 * kernel keeps the rest: 524032 - 53248 = 470784.  (Unrounded it would
 * be 471629: Movable would start up to 4 MiB off Linux's.)
 */
HTEST(movablecore_percent_rounds_up_to_a_block)
{
	struct core_request kc = { 0, 0 }, mc = { 0, 10 };
	unsigned long movable;

	EXPECT_UINT_EQ(kernelcore_pages(524032, &kc, &mc, &movable), 470784);
	EXPECT_UINT_EQ(movable, 53248);
}

/* A size too: 4000 KiB = 1000 pages -> 1024; 524032 - 1024 = 523008. */
HTEST(movablecore_size_rounds_up_to_a_block)
{
	struct core_request kc = { 0, 0 }, mc = { 1000, 0 };
	unsigned long movable;

	EXPECT_UINT_EQ(kernelcore_pages(524032, &kc, &mc, &movable), 523008);
	EXPECT_UINT_EQ(movable, 1024);
}

/* kernelcore= alone is not rounded: 50% of 524032 = 262016. */
HTEST(kernelcore_percent_is_taken_as_is)
{
	struct core_request kc = { 0, 50 }, mc = { 0, 0 };
	unsigned long movable;

	EXPECT_UINT_EQ(kernelcore_pages(524032, &kc, &mc, &movable), 262016);
	EXPECT_UINT_EQ(movable, 0);
}

/* Both: the larger kernel share wins, max(100000, 470784) = 470784. */
HTEST(both_options_the_larger_kernel_share_wins)
{
	struct core_request kc = { 100000, 0 }, mc = { 0, 10 };
	unsigned long movable;

	EXPECT_UINT_EQ(kernelcore_pages(524032, &kc, &mc, &movable), 470784);
	kc.pages = 500000;
	EXPECT_UINT_EQ(kernelcore_pages(524032, &kc, &mc, &movable), 500000);
}

/* More movable than memory: capped at all of it, the kernel keeps 0. */
HTEST(movablecore_above_total_is_capped)
{
	struct core_request kc = { 0, 0 }, mc = { 1UL << 30, 0 };
	unsigned long movable;

	EXPECT_UINT_EQ(kernelcore_pages(524032, &kc, &mc, &movable), 0);
	EXPECT_UINT_EQ(movable, 524032);
}

/* ---- the parser ---- */

/*
 * movablecore=10% movablecore=1G means 1G, as in Linux: a size resets an
 * earlier percentage.  1G = 262144 pages, already whole blocks, so the
 * kernel keeps 524032 - 262144 = 261888.
 */
HTEST(later_size_cancels_earlier_percentage)
{
	struct core_request kc = { 0, 0 }, mc = { 0, 0 };
	unsigned long movable;

	EXPECT_INT_EQ(parse_core_request("10%", &mc), 0);
	EXPECT_INT_EQ(parse_core_request("1G", &mc), 0);
	EXPECT_UINT_EQ(mc.pages, 262144);
	EXPECT_UINT_EQ(mc.percent, 0);
	EXPECT_UINT_EQ(kernelcore_pages(524032, &kc, &mc, &movable), 261888);
}

/* The other order: the percentage is used (470784, as computed above). */
HTEST(later_percentage_wins_over_earlier_size)
{
	struct core_request kc = { 0, 0 }, mc = { 0, 0 };
	unsigned long movable;

	EXPECT_INT_EQ(parse_core_request("1G", &mc), 0);
	EXPECT_INT_EQ(parse_core_request("10%", &mc), 0);
	EXPECT_UINT_EQ(mc.percent, 10);
	EXPECT_UINT_EQ(kernelcore_pages(524032, &kc, &mc, &movable), 470784);
}

HTEST(parser_accepts_sizes_and_percentages)
{
	struct core_request r = { 0, 0 };

	EXPECT_INT_EQ(parse_core_request("512M", &r), 0);
	EXPECT_UINT_EQ(r.pages, 131072);
	EXPECT_INT_EQ(parse_core_request("100%", &r), 0);
	EXPECT_UINT_EQ(r.percent, 100);
	EXPECT_INT_EQ(parse_core_request("0%", &r), 0);
	EXPECT_UINT_EQ(r.percent, 0);
}

/*
 * Malformed values are refused with the code kernel/params.c turns into
 * its message: -ERANGE "out of range", -EINVAL "Malformed value" (each
 * followed by the valid values registered with the parameter); the
 * parser itself prints nothing, so the student sees one line, not two.
 */
HTEST(parser_refusals)
{
	struct core_request r = { 7, 3 };

	host_log_clear();
	EXPECT_INT_EQ(parse_core_request("150%", &r), -ERANGE);
	EXPECT_INT_EQ(parse_core_request("99999999999999999999%", &r),
		      -ERANGE);
	EXPECT_INT_EQ(parse_core_request("99999999999999999999", &r), -ERANGE);
	EXPECT_INT_EQ(parse_core_request("-5%", &r), -EINVAL);
	EXPECT_INT_EQ(parse_core_request("lots", &r), -EINVAL);
	EXPECT_INT_EQ(parse_core_request("%", &r), -EINVAL);
	EXPECT_INT_EQ(parse_core_request(NULL, &r), -EINVAL);
	EXPECT_INT_EQ(parse_core_request("", &r), -EINVAL);
	EXPECT_STR_EQ(host_log, "");
	/* A refused value changes nothing. */
	EXPECT_UINT_EQ(r.pages, 7);
	EXPECT_UINT_EQ(r.percent, 3);
}

/* ---- movable_node (movable_node_pfns) ---- */

/*
 * The machine of these cases: node 0 [256, 262144) (1 MiB - 1 GiB, it
 * holds the kernel), node 1 [262144, 524288) (1 - 2 GiB).
 */
static const struct pfn_range two_nodes[] = {
	{ 256, 262144, 0 },
	{ 262144, 524288, 1 },
};
static const bool kernel_on_0[2] = { true, false };

/* A range covering node 1 whole: all of node 1 is Movable. */
HTEST(movable_node_whole_node)
{
	struct pfn_range hot[] = { { 262144, 524288, 1 } };
	unsigned long zmp[2] = { 1, 1 };

	movable_node_pfns(two_nodes, 2, hot, 1, kernel_on_0, 2, zmp);
	EXPECT_UINT_EQ(zmp[0], 0);
	EXPECT_UINT_EQ(zmp[1], 262144);
}

/*
 * Part of node 1, from pfn 400000: 400000 / 1024 = 390.6, so Movable
 * starts at block 391: 400384.
 */
HTEST(movable_node_part_of_a_node)
{
	struct pfn_range hot[] = { { 400000, 524288, 1 } };
	unsigned long zmp[2] = { 0, 0 };

	movable_node_pfns(two_nodes, 2, hot, 1, kernel_on_0, 2, zmp);
	EXPECT_UINT_EQ(zmp[0], 0);
	EXPECT_UINT_EQ(zmp[1], 400384);
}

/*
 * Two ranges on node 1: the lower one decides, 300000 / 1024 = 292.97,
 * block 293 = 300032, and everything above is Movable (also the gap
 * between the ranges: Movable lies above the kernel zones).
 */
HTEST(movable_node_two_ranges)
{
	struct pfn_range hot[] = {
		{ 450000, 460000, 1 },
		{ 300000, 310000, 1 },
	};
	unsigned long zmp[2] = { 0, 0 };

	movable_node_pfns(two_nodes, 2, hot, 2, kernel_on_0, 2, zmp);
	EXPECT_UINT_EQ(zmp[1], 300032);
}

/*
 * A range with no RAM (QEMU's device-memory window at 4-12 GiB, given to
 * node 1): nothing becomes Movable.
 */
HTEST(movable_node_range_without_ram)
{
	struct pfn_range hot[] = { { 1048576, 3145728, 1 } };
	unsigned long zmp[2] = { 0, 0 };

	movable_node_pfns(two_nodes, 2, hot, 1, kernel_on_0, 2, zmp);
	EXPECT_UINT_EQ(zmp[0], 0);
	EXPECT_UINT_EQ(zmp[1], 0);
}

/*
 * Both nodes hot-pluggable: node 0 holds the kernel, so all of it stays
 * in the kernel zones (Linux: numa_clear_kernel_node_hotplug); node 1 is
 * Movable.  Without the kernel on it, node 0 would be Movable from its
 * first RAM, 256, rounded up to 1024.
 */
HTEST(movable_node_kernel_node_stays_kernel)
{
	struct pfn_range hot[] = {
		{ 0, 262144, 0 },
		{ 262144, 524288, 1 },
	};
	bool no_kernel[2] = { false, false };
	unsigned long zmp[2] = { 0, 0 };

	movable_node_pfns(two_nodes, 2, hot, 2, kernel_on_0, 2, zmp);
	EXPECT_UINT_EQ(zmp[0], 0);
	EXPECT_UINT_EQ(zmp[1], 262144);
	movable_node_pfns(two_nodes, 2, hot, 2, no_kernel, 2, zmp);
	EXPECT_UINT_EQ(zmp[0], 1024);
	EXPECT_UINT_EQ(zmp[1], 262144);
}

/*
 * Only RAM counts: [500000, 600000) reaches past node 1's end, the RAM
 * in it starts at 500000 -> block 489 = 500736.  A range whose rounded
 * start reaches the node's end ([524000, 524288): 524288) gives nothing.
 */
HTEST(movable_node_clipped_to_ram_and_rounded)
{
	struct pfn_range past[] = { { 500000, 600000, 1 } };
	struct pfn_range tail[] = { { 524000, 524288, 1 } };
	unsigned long zmp[2] = { 0, 0 };

	movable_node_pfns(two_nodes, 2, past, 1, kernel_on_0, 2, zmp);
	EXPECT_UINT_EQ(zmp[1], 500736);
	movable_node_pfns(two_nodes, 2, tail, 1, kernel_on_0, 2, zmp);
	EXPECT_UINT_EQ(zmp[1], 0);
}

HTEST_MAIN(
	HTEST_CASE(share_used_up_below_usable_start),
	HTEST_CASE(node_with_only_low_share_gets_movable_above),
	HTEST_CASE(even_split_over_two_nodes),
	HTEST_CASE(small_node_passes_its_share_on),
	HTEST_CASE(low_memory_counts_as_kernel),
	HTEST_CASE(memoryless_node_ignored),
	HTEST_CASE(movablecore_percent_rounds_up_to_a_block),
	HTEST_CASE(movablecore_size_rounds_up_to_a_block),
	HTEST_CASE(kernelcore_percent_is_taken_as_is),
	HTEST_CASE(both_options_the_larger_kernel_share_wins),
	HTEST_CASE(movablecore_above_total_is_capped),
	HTEST_CASE(later_size_cancels_earlier_percentage),
	HTEST_CASE(later_percentage_wins_over_earlier_size),
	HTEST_CASE(parser_accepts_sizes_and_percentages),
	HTEST_CASE(parser_refusals),
	HTEST_CASE(movable_node_whole_node),
	HTEST_CASE(movable_node_part_of_a_node),
	HTEST_CASE(movable_node_two_ranges),
	HTEST_CASE(movable_node_range_without_ram),
	HTEST_CASE(movable_node_kernel_node_stays_kernel),
	HTEST_CASE(movable_node_clipped_to_ram_and_rounded))
