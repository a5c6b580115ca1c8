/*
 * tests/host/test_numa_fallback.c - host tests for mm/numa.c: the
 * fallback order of each node, and the kernel-side printers.
 *
 * Teaches: Linux 6.1's build_zonelists order - nearest first, the node
 * above preferred at equal distance, loads that spread equal choices -
 * and why it is computed without the "node has CPUs" term at boot: Linux
 * builds the zonelists before any CPU is attached to its node.  Each
 * expected order is worked out by hand in a comment.
 * Linux counterpart: none in-tree.
 */
#include "mm/numa.h"
#include "tests/host/htest.h"
#include "tests/host/host_numa.h"
#include "tests/host/host_printk.h"

/* numa_init() reads the kernel's memory map; these tests never call it. */
struct e820_table e820_table;

/* ---- fallback order ------------------------------------------------------- */

/* n nodes of 512 MiB, each with one CPU unless in cpuless, distances d. */
static void
machine(int n, const u8 *d, u64 cpuless)
{
	host_numa_reset();
	ram(0, (u64)n * 512 * MiB);
	for (int i = 0; i < n; i++) {
		if (!(cpuless >> i & 1)) {
			cpu(fw.nr_cpus, i);
			fw.cpus[fw.nr_cpus] = (struct numa_fw_cpu){
				.apic_id = fw.nr_cpus, .enabled = true,
			};
			fw.nr_cpus++;
		}
	}
	for (int i = 0; i < n; i++)
		mem(i * 512 * MiB, (i + 1) * 512 * MiB, i, 0);
	slit(n, d);
	run();
}

/* Every node's order, at boot or on a rebuild, is want's row. */
static void
expect_orders(int n, const int *want, enum numa_fallback_time when)
{
	for (int nid = 0; nid < n; nid++) {
		int order[MAX_NUMNODES];
		int cnt = numa_fallback_order_of(&topo, nid, order, when);

		for (int i = 0; i < cnt; i++)
			if (order[i] != want[nid * n + i])
				printf("# %s: node %d: position %d is %d, expected %d\n",
				       when == NUMA_FALLBACK_BOOT ? "boot" : "rebuild",
				       nid, i, order[i], want[nid * n + i]);
		EXPECT_INT_EQ(cnt, n);
		for (int i = 0; i < cnt; i++)
			EXPECT_INT_EQ(order[i], want[nid * n + i]);
	}
}

HTEST(fallback_ring_of_four)
{
	static const u8 d[16] = { 10, 16, 22, 16, 16, 10, 16, 22,
				  22, 16, 10, 16, 16, 22, 16, 10 };
	static const int want[16] = { 0, 1, 3, 2, 1, 2, 0, 3,
				      2, 3, 1, 0, 3, 0, 2, 1 };

	machine(4, d, 0);
	expect_orders(4, want, NUMA_FALLBACK_BOOT);
	expect_orders(4, want, NUMA_FALLBACK_REBUILD);	/* all have CPUs */
}

/* All at one distance: the "n < local" bit makes each node start above. */
HTEST(fallback_equal_distances_rotate)
{
	static const u8 d[16] = { 10, 20, 20, 20, 20, 10, 20, 20,
				  20, 20, 10, 20, 20, 20, 20, 10 };
	static const int want[16] = { 0, 1, 2, 3, 1, 2, 3, 0,
				      2, 3, 0, 1, 3, 0, 1, 2 };

	machine(4, d, 0);
	expect_orders(4, want, NUMA_FALLBACK_BOOT);
	expect_orders(4, want, NUMA_FALLBACK_REBUILD);	/* all have CPUs */
}

/*
 * The loads decide: from node 3, nodes 0 and 1 are both at 12 and both
 * below 3, but node 0 was already the first of a distance group twice
 * (load 2) and node 1 once: 3 1 0 2 (without loads it would be 3 0 1 2).
 */
HTEST(fallback_loads_spread_equal_choices)
{
	static const u8 d[16] = { 10, 20, 30, 12, 20, 10, 30, 12,
				  30, 30, 10, 20, 12, 12, 20, 10 };
	static const int want[16] = { 0, 3, 1, 2, 1, 3, 0, 2,
				      2, 3, 0, 1, 3, 1, 0, 2 };

	machine(4, d, 0);
	expect_orders(4, want, NUMA_FALLBACK_BOOT);
	expect_orders(4, want, NUMA_FALLBACK_REBUILD);	/* all have CPUs */
}

/*
 * A CPU-less node changes the order only when the zonelists are rebuilt.
 * Three nodes, all 20 apart; node 2 has memory and no CPUs.  Scores are
 * (distance + (n < local) [+ 1 if n has CPUs, rebuild only]) * 64 +
 * load[n]; the lowest wins, the lower id on a tie; the first node of each
 * new distance group gets load + 1, and loads carry over node to node.
 * At boot:
 *	node 0: 1 and 2 both 20*64: 1 (lower id), load[1] = 1; then 2.
 *		0 1 2
 *	node 1: 0 is 21*64, 2 is 20*64: 2, load[2] = 1; then 0.  1 2 0
 *	node 2: 0 is 21*64, 1 is 21*64+1: 0, load[0] = 1; then 1.  2 0 1
 * On a rebuild nodes 0 and 1 score one more for their CPUs:
 *	node 0: 1 is 21*64, 2 is 20*64: 2, load[2] = 1; then 1.  0 2 1
 *	node 1: 0 is 22*64, 2 is 20*64+1: 2, load[2] = 2; then 0.  1 2 0
 *	node 2: 0 and 1 both 22*64: 0, load[0] = 1; then 1.  2 0 1
 * Linux builds the boot-time zonelists before any CPU is attached to its
 * node, so at boot node 0 falls back to node 1 first, not to the
 * CPU-less node 2.
 */
HTEST(fallback_cpuless_node_counts_only_on_rebuild)
{
	static const u8 d[9] = { 10, 20, 20, 20, 10, 20, 20, 20, 10 };
	static const int boot[9] = { 0, 1, 2, 1, 2, 0, 2, 0, 1 };
	static const int rebuild[9] = { 0, 2, 1, 1, 2, 0, 2, 0, 1 };

	machine(3, d, 1ULL << 2);
	EXPECT_FALSE(state(2, N_CPU));
	EXPECT_TRUE(state(2, N_MEMORY));
	expect_orders(3, boot, NUMA_FALLBACK_BOOT);
	expect_orders(3, rebuild, NUMA_FALLBACK_REBUILD);
}

/*
 * Two sockets (nodes 0 and 1) and two CPU-less memory nodes, node 2
 * near node 0 and node 3 near node 1:
 *	     0   1   2   3
 *	0:  10  20  20  30
 *	1:  20  10  30  20
 *	2:  20  30  10  30
 *	3:  30  20  30  10
 * At boot (score (distance + (n < local)) * 64 + load):
 *	node 0: 1 and 2 tie at 20*64: 1, load[1] = 1; 2 (same group);
 *		3 at 30*64, load[3] = 1.			0 1 2 3
 *	node 1: 3 is 20*64+1, 0 is 21*64: 3, load[3] = 2; then 0; then 2
 *		at 30*64, load[2] = 1.				1 3 0 2
 *	node 2: 0 is 21*64: 0, load[0] = 1; 3 (30*64+2) before 1
 *		(31*64+1), load[3] = 3; then 1.			2 0 3 1
 *	node 3: 1 is 21*64+1: 1, load[1] = 2; 0 and 2 tie at 31*64+1:
 *		0, load[0] = 2; then 2.				3 1 0 2
 * On a rebuild nodes 0 and 1 score one more:
 *	node 0: 2 (20*64) before 1 (21*64), load[2] = 1; then 1; then 3,
 *		load[3] = 1.					0 2 1 3
 *	node 1: 3 (20*64+1) before 0 (22*64), load[3] = 2; then 0; then
 *		2, load[2] = 2.					1 3 0 2
 *	node 2: 0 (22*64+0), load[0] = 1; 3 (30*64+2) before 1 (32*64),
 *		load[3] = 3; then 1.				2 0 3 1
 *	node 3: 1 (22*64), load[1] = 1; 2 (31*64+2) before 0 (32*64+1),
 *		load[2] = 3; then 0.				3 1 2 0
 */
HTEST(fallback_memory_expanders_boot_and_rebuild)
{
	static const u8 d[16] = { 10, 20, 20, 30, 20, 10, 30, 20,
				  20, 30, 10, 30, 30, 20, 30, 10 };
	static const int boot[16] = { 0, 1, 2, 3, 1, 3, 0, 2,
				      2, 0, 3, 1, 3, 1, 0, 2 };
	static const int rebuild[16] = { 0, 2, 1, 3, 1, 3, 0, 2,
					 2, 0, 3, 1, 3, 1, 2, 0 };

	machine(4, d, 1ULL << 2 | 1ULL << 3);
	expect_orders(4, boot, NUMA_FALLBACK_BOOT);
	expect_orders(4, rebuild, NUMA_FALLBACK_REBUILD);

	/* The boot log prints the boot-time order. */
	numa_topology = topo;
	host_log_clear();
	numa_print_fallback();
	EXPECT_STR_EQ(host_log, "Fallback order for Node 0: 0 1 2 3 \n"
				"Fallback order for Node 1: 1 3 0 2 \n"
				"Fallback order for Node 2: 2 0 3 1 \n"
				"Fallback order for Node 3: 3 1 0 2 \n");
}

/* A memoryless node falls back elsewhere and is nobody's fallback. */
HTEST(fallback_memoryless_node)
{
	int order[MAX_NUMNODES];

	qemu_2s();
	fw.nr_mem_affinity = 2;				/* node 1 loses its memory */
	map[1].size = 0x40000000 - 0x100000;
	run();
	EXPECT_INT_EQ(numa_fallback_order_of(&topo, 0, order, NUMA_FALLBACK_BOOT), 1);
	EXPECT_INT_EQ(order[0], 0);
	EXPECT_INT_EQ(numa_fallback_order_of(&topo, 1, order, NUMA_FALLBACK_BOOT), 2);
	EXPECT_INT_EQ(order[0], 1);
	EXPECT_INT_EQ(order[1], 0);
	/* No node 2. */
	EXPECT_INT_EQ(numa_fallback_order_of(&topo, 2, order, NUMA_FALLBACK_BOOT), 0);
}

/* ---- the kernel-side printers ---------------------------------------------- */

static unsigned long
fake_free_pages(int nid)
{
	return nid == 0 ? 500 * 256 : 1000 * 256;
}

HTEST(numactl_hardware_and_fallback_lines)
{
	static const u8 d[4] = { 10, 21, 21, 10 };

	qemu_2s();
	slit(2, d);
	run();
	numa_topology = topo;
	host_log_clear();
	numa_print_fallback();
	EXPECT_STR_EQ(host_log, "Fallback order for Node 0: 0 1 \n"
				"Fallback order for Node 1: 1 0 \n");
	host_log_clear();
	numa_print_hardware(fake_free_pages);
	EXPECT_STR_EQ(host_log,
		"available: 2 nodes (0-1)\n"
		"node 0 cpus: 0 1\n"
		"node 0 size: 1023 MB\n"
		"node 0 free: 500 MB\n"
		"node 1 cpus: 2 3\n"
		"node 1 size: 1023 MB\n"
		"node 1 free: 1000 MB\n"
		"node distances:\n"
		"node   0   1 \n"
		"  0:  10  21 \n"
		"  1:  21  10 \n");
	/* Only the online CPUs (here 0 and 3: maxcpus=, a CPU that failed). */
	host_log_clear();
	numa_print_hardware_cpus(fake_free_pages,
				 (const unsigned long[]){ 1UL << 0 | 1UL << 3 });
	EXPECT_STR_CONTAINS(host_log, "node 0 cpus: 0\n");
	EXPECT_STR_CONTAINS(host_log, "node 1 cpus: 3\n");
	EXPECT_INT_EQ(node_distance(0, 1), 21);
	EXPECT_INT_EQ(node_distance(1, 5), 20);		/* no node 5 */
	EXPECT_INT_EQ(cpu_to_node(3), 1);
	EXPECT_INT_EQ(cpu_to_node(99), 0);

	/* Node ids with a gap: numactl's "0-1,3". */
	host_numa_reset();
	ram(0, 3 * GiB);
	cpus(1);
	mem(0, GiB, 0, 0);
	mem(GiB, 2 * GiB, 1, 0);
	mem(8 * GiB, 9 * GiB, 2, HN_HOTPLUG);	/* offline */
	mem(2 * GiB, 3 * GiB, 3, 0);
	run();
	numa_topology = topo;
	host_log_clear();
	numa_print_hardware(NULL);
	EXPECT_STR_CONTAINS(host_log, "available: 3 nodes (0-1,3)\n");
	EXPECT_STR_CONTAINS(host_log, "node 3 free: <not available>\n");
	EXPECT_STR_CONTAINS(host_log, "node   0   1   3 \n");
	host_log_clear();
	/*
	 * Linux 6.1 prints every possible node, memoryless ones too.  All
	 * at distance 20, boot-time scores (20 + (n < local)) * 64 + load:
	 * node 0 takes 1 before 3 (tie, lower id), load[1] = 1; node 1 takes
	 * 3 (20*64) before 0 (21*64), load[3] = 1; node 2 takes 3
	 * (20*64+1), load[3] = 2, then 0 (21*64) before 1 (21*64+1).  (With
	 * the CPU term, which boot does not apply, node 0 would score one
	 * more for CPU 0 and come last: 2 3 1 0.)
	 */
	numa_print_fallback();
	EXPECT_STR_EQ(host_log, "Fallback order for Node 0: 0 1 3 \n"
				"Fallback order for Node 1: 1 3 0 \n"
				"Fallback order for Node 2: 2 3 0 1 \n"
				"Fallback order for Node 3: 3 0 1 \n");
}


HTEST_MAIN(
	HTEST_CASE(fallback_ring_of_four),
	HTEST_CASE(fallback_equal_distances_rotate),
	HTEST_CASE(fallback_loads_spread_equal_choices),
	HTEST_CASE(fallback_cpuless_node_counts_only_on_rebuild),
	HTEST_CASE(fallback_memory_expanders_boot_and_rebuild),
	HTEST_CASE(fallback_memoryless_node),
	HTEST_CASE(numactl_hardware_and_fallback_lines))
