/*
 * mm/placement_test.c - ktest suite "placement": each node's own data
 * lives in that node's memory, whatever the machine.
 *
 * Teaches: on a NUMA machine the structures that describe a node - its
 * pg_data_t, the pageblock bits of its zones, the struct pages of its
 * memory - are read by the CPUs of that node all the time, so the kernel
 * allocates them from the node itself.  Two things used to break that on
 * machines with many small nodes: memblock's tables filled up (and the
 * allocator then quietly fell back to any node), and the memmap was only
 * ever backed with 2 MiB pages, one of which describes 256 MiB: 4 nodes
 * of 64 MiB share one.  Checked here on the live machine, with the page
 * tables walked by hand and each physical address looked up in memblock's
 * memory table (which keeps the nodes SRAT gave).
 *
 * A node may hold part of its memmap elsewhere only when it had no free
 * page left (mm/sparse.c says so in a warning); tiny-nodes and 64n are
 * the machines where a wrong rule would show.
 *
 * Linux counterpart: none as a test; the rules are in mm/sparse-vmemmap.c
 * (vmemmap_verify) and mm/memblock.c.
 */
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/memblock.h"
#include "mm/mmzone.h"
#include "mm/numa.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "mm/pgtable_ops.h"
#include "mm/sparse.h"

/* Every range memblock was asked to record was recorded. */
static void
no_region_was_dropped(struct ktest *t)
{
	KT_EXPECT_EQ(t, memblock.dropped, 0);
	KT_EXPECT_LE(t, memblock.memory.cnt, memblock.memory.max);
	KT_EXPECT_LE(t, memblock.reserved.cnt, memblock.reserved.max);
	/* A grown table lies in memory that is itself reserved. */
	if (memblock.reserved.regions_phys)
		KT_EXPECT_TRUE(t, memblock_is_reserved(memblock.reserved.regions_phys));
	if (memblock.memory.regions_phys)
		KT_EXPECT_TRUE(t, memblock_is_reserved(memblock.memory.regions_phys));
}

static bool
on_node(const void *p, size_t size, int nid)
{
	return memblock_nid_of(__pa(p)) == nid &&
	       memblock_nid_of(__pa(p) + size - 1) == nid;
}

static u64 mem_mb[MAX_NUMNODES];

/* NODE_DATA(nid) and its zones' pageblock bits, on nid. */
static void
node_data_on_its_node(struct ktest *t)
{
	unsigned int checked = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);
		struct zone *zone;

		if (!pgdat || !node_has_memory(nid))
			continue;
		if (!KT_EXPECT_TRUE(t, on_node(pgdat, sizeof(*pgdat), nid)))
			ktest_log(t, "NODE_DATA(%d) at %#llx is on node %d", nid,
				  (unsigned long long)__pa(pgdat),
				  memblock_nid_of(__pa(pgdat)));
		for_each_zone_in_node(zone, pgdat)
			if (zone->spanned_pages && zone->pageblock_flags)
				KT_EXPECT_TRUE(t, on_node(zone->pageblock_flags, 1, nid));
		checked++;
	}
	/* As many as the machine has nodes with memory, if we are told
	 * (and the kernel did not ignore the nodes: numa=off). */
	memset(mem_mb, 0, sizeof(mem_mb));
	if (ktest_nodes == (unsigned long)numa_topology.nr_node_ids &&
	    ktest_parse_list(ktest_node_mem_mb, mem_mb, ARRAY_SIZE(mem_mb)) > 0) {
		unsigned int want = 0;

		for (int i = 0; i < MAX_NUMNODES; i++)
			want += mem_mb[i] != 0;
		KT_EXPECT_EQ(t, checked, want);
	}
}

/*
 * The backing of the struct pages of [start, end) (node nid's memory):
 * bytes found on other nodes.  Only memmap pages that describe nid's
 * memory alone are judged (a 4 KiB page of struct pages describes 128
 * frames, which may straddle two nodes).
 */
static unsigned long
memmap_offnode(struct ktest *t, unsigned long start, unsigned long end, int nid)
{
	unsigned long va = ALIGN((unsigned long)pfn_to_page(start), PAGE_SIZE);
	unsigned long last = ALIGN_DOWN((unsigned long)pfn_to_page(end), PAGE_SIZE);
	unsigned long off = 0;

	while (va < last) {
		struct pt_walk w;

		pt_walk(read_cr3(), va, &w);
		if (!KT_EXPECT_TRUE(t, w.mapped)) {
			ktest_log(t, "struct page at %#lx (node %d) not mapped", va, nid);
			return off;
		}
		if (memblock_nid_of(w.phys) != nid)
			off += PAGE_SIZE;
		va += PAGE_SIZE;
	}
	return off;
}

/* Every node's struct pages are backed by the node's own memory. */
static void
memmap_on_its_node(struct ktest *t)
{
	unsigned long off[MAX_NUMNODES] = { 0 };

	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		off[r->nid] += memmap_offnode(t, PFN_UP(r->base),
					      PFN_DOWN(r->base + r->size), r->nid);
	}
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!off[nid])
			continue;
		/* Only a node that ran out of pages may, and must say so. */
		if (!KT_EXPECT_LE(t, off[nid], memmap_offnode_bytes[nid]))
			ktest_log(t, "node %d: %lu KiB of memmap on other nodes",
				  nid, off[nid] >> 10);
	}
}

/* The struct pages of every present section are mapped, holes included. */
static void
present_sections_fully_backed(struct ktest *t)
{
	unsigned long missing = 0, top = 0;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++)
		top = max(top, (unsigned long)PFN_DOWN(memblock.memory.regions[i].base +
						       memblock.memory.regions[i].size));
	for (unsigned long pfn = 0; pfn < top; pfn += PAGES_PER_SECTION) {
		unsigned long va = (unsigned long)pfn_to_page(pfn);
		unsigned long end = (unsigned long)pfn_to_page(pfn + PAGES_PER_SECTION);

		if (!pfn_valid(pfn))
			continue;
		while (va < end) {
			struct pt_walk w;

			pt_walk(read_cr3(), va, &w);
			if (!w.mapped) {
				missing++;
				va += PAGE_SIZE;
				continue;
			}
			va = ALIGN_DOWN(va, w.page_size) + w.page_size;
		}
	}
	KT_EXPECT_EQ(t, missing, 0);
}

KTEST_SUITE(placement,
	KTEST_CASE(no_region_was_dropped),
	KTEST_CASE(node_data_on_its_node),
	KTEST_CASE(memmap_on_its_node),
	KTEST_CASE(present_sections_fully_backed));
