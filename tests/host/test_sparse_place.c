/*
 * tests/host/test_sparse_place.c - host tests for mm/memmap_place.c,
 * the decision of where each piece of the memmap lives.
 *
 * The machines are QEMU topologies Pagoda boots (tools/topologies/),
 * described as memblock regions by hand from their e820 maps and node
 * sizes; every expected answer was worked out on paper (comments), not
 * by running the code.  With 32-byte struct pages one 2 MiB block of the
 * memmap describes 2 MiB / 32 = 65,536 pfns = 256 MiB of addresses.
 */
#include "mm/memmap_place.h"
#include "tests/host/host_printk.h"
#include "tests/host/htest.h"

#define MiB(x)		((phys_addr_t)(x) << 20)
#define BLOCK_PFNS	65536UL		/* 2 MiB / 32 bytes */

/* 2s: node 0 = 0-1 GiB (less the legacy hole), node 1 = 1-2 GiB. */
static const struct memblock_region two_nodes[] = {
	{ 0x0, 0x9fc00, 0 },				/* 0 - 639 KiB */
	{ MiB(1), MiB(1023), 0 },			/* 1 MiB - 1 GiB */
	{ MiB(1024), 0x7ffe0000 - MiB(1024), 1 },	/* 1 GiB - 2 GiB - 128 KiB */
};

/* A node alone in its block, with a free 2 MiB: one 2 MiB page. */
HTEST(node_that_fits_2m_blocks)
{
	struct memmap_block_facts f = {
		.untouched = true, .node_has_2m = true, .node_has_page = true,
	};

	/*
	 * The 4th block of node 0 describes pfns 196,608..262,143 = 768 MiB
	 * to 1 GiB: region 2 only, node 0's.  Node 1's first block starts
	 * at pfn 262,144 = 1 GiB exactly, where node 0's region ends (a
	 * region touching the block's edge is not inside it).
	 */
	f.one_node = memmap_pfns_only_on_node(two_nodes, 3, 3 * BLOCK_PFNS,
					      BLOCK_PFNS, 0);
	EXPECT_TRUE(f.one_node);
	EXPECT_TRUE(memmap_may_be_huge(&f));
	EXPECT_INT_EQ(memmap_backing(&f), MEMMAP_HUGE);
	EXPECT_TRUE(memmap_pfns_only_on_node(two_nodes, 3, 4 * BLOCK_PFNS,
					     BLOCK_PFNS, 1));
	EXPECT_FALSE(memmap_pfns_only_on_node(two_nodes, 3, 4 * BLOCK_PFNS,
					      BLOCK_PFNS, 0));
	/*
	 * Node 1's last block, pfns 458,752..524,287 (1.75-2 GiB), ends
	 * above its memory (0x7ffe0000 = pfn 524,256): the 32 pfns without
	 * memory belong to nobody and do not spoil the block.
	 */
	EXPECT_TRUE(memmap_pfns_only_on_node(two_nodes, 3, 7 * BLOCK_PFNS,
					     BLOCK_PFNS, 1));
}

/* tiny-nodes: node 0 = 0-256 MiB, then 16 nodes of 2 MiB each. */
static const struct memblock_region tiny_nodes[] = {
	{ MiB(1), MiB(255), 0 },
	{ MiB(256), MiB(2), 1 }, { MiB(258), MiB(2), 2 },
	{ MiB(260), MiB(2), 3 }, { MiB(262), MiB(2), 4 },
	{ MiB(264), MiB(2), 5 }, { MiB(266), MiB(2), 6 },
	{ MiB(268), MiB(2), 7 }, { MiB(270), MiB(2), 8 },
	{ MiB(272), MiB(2), 9 }, { MiB(274), MiB(2), 10 },
	{ MiB(276), MiB(2), 11 }, { MiB(278), MiB(2), 12 },
	{ MiB(280), MiB(2), 13 }, { MiB(282), MiB(2), 14 },
	{ MiB(284), MiB(2), 15 }, { MiB(286), MiB(2), 16 },
};

/* A node sharing its block with others: 4 KiB pages of its own. */
HTEST(node_that_needs_4k_pages)
{
	struct memmap_block_facts f = {
		.untouched = true, .node_has_2m = true, .node_has_page = true,
	};

	/*
	 * Node 0's block, pfns 0..65,535 (0-256 MiB), is its alone: 2 MiB.
	 * The next block, pfns 65,536..131,071 (256-512 MiB), describes
	 * nodes 1 to 16 (256-288 MiB): node 1 must not take a 2 MiB page
	 * of its own for it (it has only 2 MiB, and the block would put
	 * 15 other nodes' struct pages there), so 4 KiB pages: 512 pfns x
	 * 32 bytes = 16 KiB = 4 pages, as its boot log says ("0 x 2M + 4 x
	 * 4K").
	 */
	EXPECT_TRUE(memmap_pfns_only_on_node(tiny_nodes, 17, 0, BLOCK_PFNS, 0));
	f.one_node = memmap_pfns_only_on_node(tiny_nodes, 17, BLOCK_PFNS,
					      BLOCK_PFNS, 1);
	EXPECT_FALSE(f.one_node);
	EXPECT_FALSE(memmap_may_be_huge(&f));
	EXPECT_INT_EQ(memmap_backing(&f), MEMMAP_BASE);
	for (int nid = 2; nid <= 16; nid++)
		EXPECT_FALSE(memmap_pfns_only_on_node(tiny_nodes, 17, BLOCK_PFNS,
						      BLOCK_PFNS, nid));

	/* Alone in its block but no free 2 MiB left (fragmented): 4 KiB. */
	f = (struct memmap_block_facts){ .untouched = true, .one_node = true,
					 .node_has_page = true };
	EXPECT_TRUE(memmap_may_be_huge(&f));
	EXPECT_INT_EQ(memmap_backing(&f), MEMMAP_BASE);

	/*
	 * A block part of which another node already mapped (the node
	 * before it ended inside the block): 4 KiB pages for the rest, even
	 * with a free 2 MiB, which would overlap the mapped part.
	 */
	f = (struct memmap_block_facts){ .one_node = true, .node_has_2m = true,
					 .node_has_page = true };
	EXPECT_FALSE(memmap_may_be_huge(&f));
	EXPECT_INT_EQ(memmap_backing(&f), MEMMAP_BASE);
}

/* A node without a single free page borrows: the last resort. */
HTEST(full_node_must_borrow)
{
	/* Alone in an untouched block, but nothing free at all. */
	struct memmap_block_facts f = { .untouched = true, .one_node = true };

	EXPECT_INT_EQ(memmap_backing(&f), MEMMAP_BORROW);
	/* Sharing a block and full: the same. */
	f.one_node = false;
	EXPECT_INT_EQ(memmap_backing(&f), MEMMAP_BORROW);
	/* A free 2 MiB but no free page cannot happen; 2 MiB still wins. */
	f = (struct memmap_block_facts){ .untouched = true, .one_node = true,
					 .node_has_2m = true };
	EXPECT_INT_EQ(memmap_backing(&f), MEMMAP_HUGE);
	/*
	 * The holes of present sections describe no node: sparse.c asks
	 * no node for them (node_has_page stays false), so they always
	 * come from wherever memory is free.
	 */
	f = (struct memmap_block_facts){ 0 };
	EXPECT_INT_EQ(memmap_backing(&f), MEMMAP_BORROW);
}

/* 64n: nodes of 64 MiB, two to a 128 MiB section, four to a block. */
static const struct memblock_region small_nodes[] = {
	{ MiB(1), MiB(63), 0 },
	{ MiB(64), MiB(64), 1 },
	{ MiB(128), MiB(64), 2 },
	{ MiB(192), MiB(64), 3 },
};

HTEST(sections_shared_by_nodes)
{
	/*
	 * Section 0 (pfns 0..32,767, 0-128 MiB) holds nodes 0 and 1, so no
	 * node owns it; node 1's half, pfns 16,384..32,767, is its alone.
	 * Block 0 (0-256 MiB) holds nodes 0 to 3: nobody's.
	 */
	EXPECT_FALSE(memmap_pfns_only_on_node(small_nodes, 4, 0, 32768, 0));
	EXPECT_FALSE(memmap_pfns_only_on_node(small_nodes, 4, 0, 32768, 1));
	EXPECT_TRUE(memmap_pfns_only_on_node(small_nodes, 4, 16384, 16384, 1));
	for (int nid = 0; nid < 4; nid++)
		EXPECT_FALSE(memmap_pfns_only_on_node(small_nodes, 4, 0,
						      BLOCK_PFNS, nid));
	/*
	 * One pfn across the boundary is enough: pfns 16,383..16,384 are
	 * the last of node 0 and the first of node 1.
	 */
	EXPECT_FALSE(memmap_pfns_only_on_node(small_nodes, 4, 16383, 2, 0));
	EXPECT_TRUE(memmap_pfns_only_on_node(small_nodes, 4, 16383, 1, 0));
	/* Below 1 MiB nobody has memory here: any node may claim it. */
	EXPECT_TRUE(memmap_pfns_only_on_node(small_nodes, 4, 0, 256, 3));
	/* No regions at all (a node not yet placed): nothing to spoil. */
	EXPECT_TRUE(memmap_pfns_only_on_node(small_nodes, 0, 0, BLOCK_PFNS, 2));
}

HTEST_MAIN(
	HTEST_CASE(node_that_fits_2m_blocks),
	HTEST_CASE(node_that_needs_4k_pages),
	HTEST_CASE(full_node_must_borrow),
	HTEST_CASE(sections_shared_by_nodes))
