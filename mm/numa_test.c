/*
 * mm/numa_test.c - ktest suite "numa": the nodes match the machine.
 *
 * Teaches: NUMA setup is checked against the machine's description,
 * never against what the kernel printed: node memory, CPU placement,
 * distances and fallback orders are all derived from the topology facts.
 *
 * The harness tells us the machine as its topology file describes it:
 * ktest.node_mem_mb (RAM per node), ktest.cpu_nodes (the node of each
 * CPU), ktest.distances (the SLIT, row by row) and ktest.hotplug_mb (the
 * hot-pluggable window).  Node ids match the topology's because QEMU
 * lists CPU affinity entries in CPU order, CPU 0 first, and numbers the
 * proximity domains like the topology's nodes; a CPU-less node's PXM is
 * met last, in the memory entries.
 *
 * Node memory: the firmware keeps some RAM for itself, so a node may have
 * a little less than the topology says, never more.  8 MiB covers it on
 * every preset: node 0 loses page 0, the EBDA and the legacy hole
 * 0xa0000-0xfffff (under 1 MiB; OVMF also keeps about 1 MiB of ACPI NVS
 * at 8 MiB), and
 * the node holding the top of low memory loses the firmware's area below
 * the PCI hole (128 KiB with SeaBIOS, about 4.6 MiB with OVMF).  Memory
 * moved above 4 GiB by the PCI hole (highmem) is not lost: it is the same
 * node's second range.
 *
 * The fallback orders are derived here from first principles, not told:
 * see fallback_orders_follow_distance().
 * Linux counterpart: none.
 */
#include "arch/x86/e820.h"
#include "kernel/ktest.h"
#include "lib/string.h"
#include "arch/x86/percpu.h"
#include "mm/numa.h"

#define FIRMWARE_TOLERANCE	(8ULL << 20)

static u64 want[MAX_NUMNODES * MAX_NUMNODES];

/* The harness's list, which must have exactly n entries (n = -1: any). */
static int
facts(struct ktest *t, const char *list, const char *name, int n)
{
	return ktest_facts(t, list, name, n, want, ARRAY_SIZE(want));
}

static void
node_count_matches(struct ktest *t)
{
	if (!ktest_nodes)
		ktest_skip(t, "no ktest.nodes from the harness");
	KT_EXPECT_EQ(t, num_node_state(N_ONLINE), ktest_nodes);
	KT_EXPECT_EQ(t, numa_topology.nr_node_ids, ktest_nodes);
	/* One node: QEMU made no SRAT, so the node is a fake. */
	KT_EXPECT_EQ(t, numa_topology.numa, ktest_nodes > 1);
	for (unsigned long nid = 0; nid < ktest_nodes; nid++)
		KT_EXPECT_TRUE(t, node_online(nid));
}

static void
uma_has_one_fake_node(struct ktest *t)
{
	if (ktest_nodes != 1)
		ktest_skip(t, "a NUMA machine");
	KT_EXPECT_FALSE(t, numa_topology.numa);
	KT_ASSERT_EQ(t, numa_topology.meminfo.nr_blks, 1);
	KT_EXPECT_EQ(t, numa_topology.meminfo.blk[0].nid, 0);
	KT_EXPECT_EQ(t, numa_topology.meminfo.blk[0].start, 0);
	KT_EXPECT_EQ(t, numa_topology.meminfo.blk[0].end,
		     numa_topology.max_pfn << 12);
	KT_EXPECT_EQ(t, node_distance(0, 0), LOCAL_DISTANCE);
}

static void
node_memory_matches_topology(struct ktest *t)
{
	int n = facts(t, ktest_node_mem_mb, "node_mem_mb", (int)ktest_nodes);

	for (int nid = 0; nid < n; nid++) {
		u64 expect = want[nid] << 20;
		u64 got = node_present_pages_of(nid) << 12;

		ktest_log(t, "node %d: %llu KiB of %llu", nid,
			  (unsigned long long)got >> 10,
			  (unsigned long long)expect >> 10);
		KT_EXPECT_LE(t, got, expect);
		KT_EXPECT_GE(t, got + FIRMWARE_TOLERANCE, expect);
		KT_EXPECT_EQ(t, node_has_memory(nid), expect != 0);
	}
}

static void
memoryless_and_cpuless_nodes(struct ktest *t)
{
	int n = facts(t, ktest_node_mem_mb, "node_mem_mb", (int)ktest_nodes);
	u64 mem[MAX_NUMNODES];
	bool has_cpu[MAX_NUMNODES] = { false };
	int cpus;

	memcpy(mem, want, n * sizeof(u64));
	cpus = facts(t, ktest_cpu_nodes, "cpu_nodes", (int)ktest_cpus);
	for (int i = 0; i < cpus; i++)
		if (want[i] < MAX_NUMNODES)
			has_cpu[want[i]] = true;
	for (int nid = 0; nid < n; nid++) {
		/* A memoryless node is online through its CPUs. */
		KT_EXPECT_TRUE(t, node_online(nid));
		KT_EXPECT_EQ(t, node_has_memory(nid), mem[nid] != 0);
		KT_EXPECT_EQ(t, node_has_cpus(nid), has_cpu[nid]);
		if (!mem[nid])
			KT_EXPECT_EQ(t, node_present_pages_of(nid), 0);
	}
}

static void
cpus_on_their_nodes(struct ktest *t)
{
	int n = facts(t, ktest_cpu_nodes, "cpu_nodes", (int)ktest_cpus);

	KT_EXPECT_EQ(t, numa_topology.nr_cpus, ktest_cpus);
	for (int cpu = 0; cpu < n; cpu++)
		KT_EXPECT_EQ(t, cpu_to_node(cpu), want[cpu]);
	KT_EXPECT_EQ(t, numa_node_id(), want[0]);	/* we run on CPU 0 */
}

static void
distances_from_slit(struct ktest *t)
{
	int n = (int)ktest_nodes;

	facts(t, ktest_distances, "distances", n * n);
	KT_EXPECT_EQ(t, numa_topology.slit_used, n > 1);
	for (int a = 0; a < n; a++)
		for (int b = 0; b < n; b++)
			KT_EXPECT_EQ(t, node_distance(a, b), want[a * n + b]);
}

/* Are all remote distances of the table at least 3 apart (or equal)? */
static bool
distances_well_separated(int n)
{
	for (int a = 0; a < n; a++)
		for (int b = 0; b < n; b++)
			for (int c = 0; c < n; c++) {
				int d1 = node_distance(a, b), d2 = node_distance(a, c);

				if (a != b && a != c && d1 != d2 &&
				    (d1 - d2 < 3 && d2 - d1 < 3))
					return false;
			}
	return true;
}

/*
 * First principles.  At boot Linux scores a candidate n for node `local`
 * as (distance + (n < local)) * 64 + load[n] and takes the lowest, the
 * lower id on a tie; the "node has CPUs" term of find_next_best_node
 * adds nothing at boot, because the zonelists are built before any CPU
 * is attached to its node.  So the local node comes first, then every
 * node with memory, nearer before farther when distances differ by more
 * than the tie-breaking bit.  On the 4-node ring (neighbours 16,
 * opposite 22):
 *	node 0: 1 and 3 tie at 16*64; the lower id wins: 0 1 3 2, and
 *		the first node of each distance group gets a load:
 *		load[1] = load[2] = 1
 *	node 1: 2 scores 16*64+1, 0 scores (16+1)*64 (it is below 1):
 *		1 2 0 3, load[2] = 2, load[3] = 1
 *	node 2: 3 (16*64+1) before 1 (17*64+1), then 0: 2 3 1 0, load[3] = 2,
 *		load[0] = 1
 *	node 3: 0 (17*64+1) before 2 (17*64+2), then 1: 3 0 2 1
 * Each node's "next node up" comes first, which spreads the fallback
 * traffic round the ring instead of sending everyone to node 1.
 */
static const int ring[4][4] = {
	{ 0, 1, 3, 2 }, { 1, 2, 0, 3 }, { 2, 3, 1, 0 }, { 3, 0, 2, 1 },
};

/*
 * The same rule, computed from the harness's facts alone (distances and
 * memory per node, never the kernel's tables): the orders of all nodes,
 * in id order, because the loads carry over from one node to the next.
 * The CPU placement (ktest.cpu_nodes) deliberately plays no part.
 */
static void
boot_orders_from_facts(int n, const u64 *dist, const u64 *mem_mb,
		       int orders[][MAX_NUMNODES], int *counts)
{
	int load[MAX_NUMNODES] = { 0 };

	for (int local = 0; local < n; local++) {
		u64 taken = 1ULL << local;
		int last = local, k = 1;

		orders[local][0] = local;
		for (;;) {
			int pick = -1;
			u64 best = ~0ULL;

			for (int m = 0; m < n; m++) {
				u64 score;

				if (taken >> m & 1 || !mem_mb[m])
					continue;
				score = (dist[local * n + m] + (m < local)) * 64 +
					(u64)load[m];
				if (score < best) {
					best = score;
					pick = m;
				}
			}
			if (pick < 0)
				break;
			if (dist[local * n + pick] != dist[local * n + last])
				load[pick]++;
			taken |= 1ULL << pick;
			orders[local][k++] = pick;
			last = pick;
		}
		counts[local] = k;
	}
}

static void
fallback_orders_follow_distance(struct ktest *t)
{
	static int expect[MAX_NUMNODES][MAX_NUMNODES];
	static u64 dist[MAX_NUMNODES * MAX_NUMNODES];
	int n = (int)ktest_nodes, order[MAX_NUMNODES], counts[MAX_NUMNODES];
	u64 mem_mb[MAX_NUMNODES];
	bool is_ring = n == 4, separated;

	if (n < 1 || n > MAX_NUMNODES)
		ktest_skip(t, "no ktest.nodes from the harness");
	facts(t, ktest_node_mem_mb, "node_mem_mb", n);
	memcpy(mem_mb, want, n * sizeof(u64));
	facts(t, ktest_distances, "distances", n * n);
	memcpy(dist, want, (size_t)n * n * sizeof(u64));
	for (int a = 0; a < n && is_ring; a++)
		is_ring = dist[a * 4 + (a + 1) % 4] == 16 &&
			  dist[a * 4 + (a + 3) % 4] == 16 &&
			  dist[a * 4 + (a + 2) % 4] == 22;
	boot_orders_from_facts(n, dist, mem_mb, expect, counts);
	separated = distances_well_separated(n);	/* O(n^3): once */

	for (int nid = 0; nid < n; nid++) {
		int cnt = numa_fallback_order(nid, order);

		KT_ASSERT_EQ(t, cnt, counts[nid]);
		for (int i = 0; i < cnt; i++) {
			if (order[i] != expect[nid][i])
				ktest_log(t, "node %d: position %d is %d, expected %d",
					  nid, i, order[i], expect[nid][i]);
			KT_EXPECT_EQ(t, order[i], expect[nid][i]);
			if (i)
				KT_EXPECT_TRUE(t, node_has_memory(order[i]));
			if (i && separated)
				KT_EXPECT_LE(t, node_distance(nid, order[i - 1]),
					     node_distance(nid, order[i]));
		}
		if (is_ring)
			for (int i = 0; i < 4; i++)
				KT_EXPECT_EQ(t, order[i], ring[nid][i]);
	}
}

static void
hotplug_window_remembered(struct ktest *t)
{
	int got = facts(t, ktest_hotplug_mb, "hotplug_mb", -1);
	bool found = false, reserved = false;
	u64 start, end;

	if (got == 0) {
		KT_EXPECT_EQ(t, numa_topology.hotplug.nr_blks, 0);
		return;
	}
	KT_ASSERT_EQ(t, got, 3);
	start = want[1] << 20;
	end = want[2] << 20;
	for (int i = 0; i < numa_topology.hotplug.nr_blks; i++) {
		const struct numa_memblk *b = &numa_topology.hotplug.blk[i];

		if (b->nid == (int)want[0] && b->start == start && b->end == end &&
		    b->hotpluggable)
			found = true;
	}
	KT_EXPECT_TRUE(t, found);
	/* No DIMM is plugged: no node memory there, only a reserved range. */
	for (int i = 0; i < numa_topology.reserved.nr_blks; i++) {
		const struct numa_memblk *b = &numa_topology.reserved.blk[i];

		if (b->nid == (int)want[0] && b->start == start && b->end == end)
			reserved = true;
	}
	KT_EXPECT_TRUE(t, reserved);
	for (int i = 0; i < numa_topology.meminfo.nr_blks; i++)
		KT_EXPECT_TRUE(t, numa_topology.meminfo.blk[i].end <= start ||
				  numa_topology.meminfo.blk[i].start >= end);
}

/* Sorted, disjoint, on possible nodes, and covering every RAM page. */
static void
meminfo_covers_ram(struct ktest *t)
{
	KT_ASSERT_GE(t, numa_topology.meminfo.nr_blks, 1);
	for (int i = 0; i < numa_topology.meminfo.nr_blks; i++) {
		const struct numa_memblk *b = &numa_topology.meminfo.blk[i];

		KT_EXPECT_LT(t, b->start, b->end);
		KT_EXPECT_TRUE(t, node_possible(b->nid));
		if (i)
			KT_EXPECT_LE(t, numa_topology.meminfo.blk[i - 1].end, b->start);
	}
	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 a = ALIGN(e->addr, 4096), z = ALIGN_DOWN(e->addr + e->size, 4096);

		if (e->type != E820_TYPE_RAM)
			continue;
		for (int j = 0; j < numa_topology.meminfo.nr_blks && a < z; j++) {
			const struct numa_memblk *b = &numa_topology.meminfo.blk[j];

			if (b->start <= a && a < b->end)
				a = min(z, b->end);
		}
		KT_EXPECT_EQ(t, a, z);	/* every page found a block */
	}
}

/* ---- crafted inputs ---------------------------------------------------------- */

static struct numa_firmware crafted_fw;
static struct numa_topology crafted;

static void
bad_srat_falls_back_to_one_node(struct ktest *t)
{
	static const struct e820_entry map[] = {
		{ 0, 0x9fc00, E820_TYPE_RAM },
		{ 0x100000, 0x3ff00000, E820_TYPE_RAM },
	};
	struct numa_config cfg = {
		.fw = &crafted_fw, .map = map, .map_nr = ARRAY_SIZE(map),
	};

	/* A proximity domain beyond Linux's 256: the SRAT is not used. */
	memset(&crafted_fw, 0, sizeof(crafted_fw));
	crafted_fw.nr_cpus = 2;
	crafted_fw.cpus[0] = (struct numa_fw_cpu){ .apic_id = 0, .enabled = true };
	crafted_fw.cpus[1] = (struct numa_fw_cpu){ .apic_id = 1, .enabled = true };
	crafted_fw.has_affinity = true;
	crafted_fw.nr_cpu_affinity = 1;
	crafted_fw.cpu_affinity[0] = (struct numa_fw_cpu_affinity){
		.apic_id = 0, .pxm = 300,
	};
	crafted_fw.nr_mem_affinity = 1;
	crafted_fw.mem_affinity[0] = (struct numa_fw_mem_affinity){
		.start = 0, .end = 0x40000000, .pxm = 300,
	};
	numa_setup(&cfg, &crafted);
	KT_EXPECT_FALSE(t, crafted.numa);
	KT_EXPECT_EQ(t, crafted.nr_node_ids, 1);
	KT_EXPECT_EQ(t, crafted.present_pages[0], 0x9f + 0x3ff00);
	KT_EXPECT_EQ(t, crafted.cpu_node[1], 0);

	/* The same with PXM 7: node 0, used. */
	crafted_fw.cpu_affinity[0].pxm = crafted_fw.mem_affinity[0].pxm = 7;
	numa_setup(&cfg, &crafted);
	KT_EXPECT_TRUE(t, crafted.numa);
	KT_EXPECT_EQ(t, crafted.pxm_to_node[7], 0);
}

/*
 * No preset machine has a CPU-less node among three or more, where the
 * CPU term would change an order: describe one.  Nodes 0 and 1 have a
 * CPU, node 2 only memory, all 20 apart.  At boot node 0 takes 1 before
 * 2 (a tie, the lower id); with the CPU term it would take the CPU-less
 * node 2 first (tests/host/test_numa_fallback.c works both out).
 */
static void
crafted_cpuless_node_boot_order(struct ktest *t)
{
	static const struct e820_entry map[] = {
		{ 0, 0x60000000, E820_TYPE_RAM },
	};
	static const u8 slit[9] = { 10, 20, 20, 20, 10, 20, 20, 20, 10 };
	static const u64 dist[9] = { 10, 20, 20, 20, 10, 20, 20, 20, 10 };
	static const u64 mem_mb[3] = { 512, 512, 512 };
	static int expect[MAX_NUMNODES][MAX_NUMNODES];
	struct numa_config cfg = {
		.fw = &crafted_fw, .map = map, .map_nr = ARRAY_SIZE(map),
	};
	int counts[MAX_NUMNODES], order[MAX_NUMNODES];

	memset(&crafted_fw, 0, sizeof(crafted_fw));
	crafted_fw.nr_cpus = 2;
	crafted_fw.has_affinity = true;
	crafted_fw.nr_cpu_affinity = 2;
	crafted_fw.nr_mem_affinity = 3;
	for (u32 i = 0; i < 3; i++) {
		if (i < 2) {
			crafted_fw.cpus[i] = (struct numa_fw_cpu){
				.apic_id = i, .enabled = true,
			};
			crafted_fw.cpu_affinity[i] =
				(struct numa_fw_cpu_affinity){ .apic_id = i, .pxm = i };
		}
		crafted_fw.mem_affinity[i] = (struct numa_fw_mem_affinity){
			.start = i * 0x20000000ULL,
			.end = (i + 1) * 0x20000000ULL, .pxm = i,
		};
	}
	crafted_fw.localities = 3;
	crafted_fw.distance = slit;
	numa_setup(&cfg, &crafted);
	KT_ASSERT_TRUE(t, crafted.numa);
	KT_EXPECT_FALSE(t, numa_node_state(&crafted, 2, N_CPU));

	boot_orders_from_facts(3, dist, mem_mb, expect, counts);
	KT_EXPECT_EQ(t, expect[0][1], 1);	/* the hand-worked answer */
	for (int nid = 0; nid < 3; nid++) {
		KT_ASSERT_EQ(t, numa_fallback_order_of(&crafted, nid, order,
						       NUMA_FALLBACK_BOOT),
			     counts[nid]);
		for (int i = 0; i < counts[nid]; i++)
			KT_EXPECT_EQ(t, order[i], expect[nid][i]);
	}
	/* A rebuild counts node 0's and node 1's CPUs against them. */
	numa_fallback_order_of(&crafted, 0, order, NUMA_FALLBACK_REBUILD);
	KT_EXPECT_EQ(t, order[1], 2);
}

KTEST_SUITE(numa,
	KTEST_CASE(node_count_matches),
	KTEST_CASE(uma_has_one_fake_node),
	KTEST_CASE(node_memory_matches_topology),
	KTEST_CASE(memoryless_and_cpuless_nodes),
	KTEST_CASE(cpus_on_their_nodes),
	KTEST_CASE(distances_from_slit),
	KTEST_CASE(fallback_orders_follow_distance),
	KTEST_CASE(hotplug_window_remembered),
	KTEST_CASE(meminfo_covers_ram),
	KTEST_CASE(bad_srat_falls_back_to_one_node),
	KTEST_CASE(crafted_cpuless_node_boot_order));
