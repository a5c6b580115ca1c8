/*
 * tests/host/test_numa.c - host tests for mm/numa.c.
 *
 * Teaches: how Linux turns the firmware's description into NUMA nodes -
 * node ids handed out in SRAT reading order, node ranges trimmed and
 * merged, a fake single node whenever the description cannot be trusted,
 * CPUs placed by APIC id or round-robin, and the fallback order of each
 * node - checked on hand-made inputs with the exact lines Linux prints,
 * on QEMU's real tables against the topology files, and as properties of
 * thousands of random inputs.
 * Linux counterpart: none in-tree (arch/x86/mm/numa_emulation.c is the
 * closest thing to a test of numa_cleanup_meminfo).
 */
#include "drivers/acpi_madt.h"
#include "drivers/acpi_srat.h"
#include "mm/numa.h"
#include "kernel/errno.h"
#include "tests/host/htest.h"
#include "tests/host/acpi_capture.h"
#include "tests/host/host_isolate.h"
#include "tests/host/host_printk.h"
#include "tests/host/host_prng.h"

#define MiB	(1ULL << 20)
#define GiB	(1ULL << 30)

static struct srat_info si;
static struct slit_info sl;
static struct numa_topology t;
static struct e820_entry map[E820_MAX_ENTRIES];
static unsigned int map_nr;
static u32 apics[NR_CPUS];
static unsigned int nr_apics;
static bool with_srat, with_slit, numa_off;

static void
reset(void)
{
	memset(&si, 0, sizeof(si));
	memset(&sl, 0, sizeof(sl));
	si.revision = 3;
	map_nr = nr_apics = 0;
	with_srat = true;
	with_slit = numa_off = false;
}

static void
ram(u64 start, u64 end)
{
	map[map_nr++] = (struct e820_entry){ start, end - start, E820_TYPE_RAM };
}

static void
cpu(u32 apic, u32 pxm)
{
	si.cpus[si.nr_cpus++] = (struct srat_cpu){ .apic_id = apic, .pxm = pxm,
						   .x2apic = apic > 0xff };
}

static void
mem(u64 start, u64 end, u32 pxm, u32 flags)
{
	si.mem[si.nr_mem++] = (struct srat_mem){
		.start = start, .end = end, .pxm = pxm,
		.flags = flags | ACPI_SRAT_MEM_ENABLED,
	};
}

static void
cpus(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		apics[i] = i;
	nr_apics = n;
}

static void
slit(unsigned int n, const u8 *d)
{
	sl = (struct slit_info){ .valid = true, .localities = n, .entry = d };
	with_slit = true;
}

static void
run(void)
{
	struct numa_config cfg = {
		.srat = with_srat ? &si : NULL, .slit = with_slit ? &sl : NULL,
		.map = map, .map_nr = map_nr, .cpu_apic = apics,
		.nr_cpus = nr_apics, .numa_off = numa_off,
	};

	host_log_clear();
	numa_setup(&cfg, &t);
}

static bool
state(int nid, enum node_states s)
{
	return numa_node_state(&t, nid, s);
}

/* QEMU's 2-socket machine: 1 GiB per node, as tools/topologies/2s.json. */
static void
qemu_2s(void)
{
	reset();
	ram(0, 0x9fc00);
	ram(0x100000, 0x7ffe0000);
	cpu(0, 0), cpu(1, 0), cpu(2, 1), cpu(3, 1);
	mem(0, 0xa0000, 0, 0);
	mem(0x100000, 0x40000000, 0, 0);
	mem(0x40000000, 0x80000000, 1, 0);
	cpus(4);
}

HTEST(qemu_2s_prints_like_linux)
{
	static const u8 d[4] = { 10, 21, 21, 10 };

	qemu_2s();
	slit(2, d);
	run();
	EXPECT_STR_EQ(host_log,
		"SRAT: PXM 0 -> APIC 0x00 -> Node 0\n"
		"SRAT: PXM 0 -> APIC 0x01 -> Node 0\n"
		"SRAT: PXM 1 -> APIC 0x02 -> Node 1\n"
		"SRAT: PXM 1 -> APIC 0x03 -> Node 1\n"
		"ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]\n"
		"ACPI: SRAT: Node 0 PXM 0 [mem 0x00100000-0x3fffffff]\n"
		"ACPI: SRAT: Node 1 PXM 1 [mem 0x40000000-0x7fffffff]\n"
		"NUMA: Node 0 [mem 0x00000000-0x0009ffff] + [mem 0x00100000-0x3fffffff] -> [mem 0x00000000-0x3fffffff]\n");
	EXPECT_TRUE(t.numa);
	EXPECT_TRUE(t.slit_used);
	EXPECT_INT_EQ(t.nr_node_ids, 2);
	ASSERT_TRUE(t.meminfo.nr_blks == 2);
	EXPECT_UINT_EQ(t.meminfo.blk[0].start, 0);
	EXPECT_UINT_EQ(t.meminfo.blk[0].end, 0x40000000);
	EXPECT_UINT_EQ(t.meminfo.blk[1].start, 0x40000000);
	EXPECT_UINT_EQ(t.meminfo.blk[1].end, 0x7ffe0000);	/* cut at RAM's end */
	ASSERT_TRUE(t.reserved.nr_blks == 1);
	EXPECT_UINT_EQ(t.reserved.blk[0].start, 0x7ffe0000);
	EXPECT_UINT_EQ(t.reserved.blk[0].end, 0x80000000);
	EXPECT_UINT_EQ(t.present_pages[0], 0x9f + 0x3ff00);
	EXPECT_UINT_EQ(t.present_pages[1], 0x3ffe0);
	EXPECT_UINT_EQ(t.node_states[N_ONLINE], 3);
	EXPECT_UINT_EQ(t.node_states[N_MEMORY], 3);
	EXPECT_UINT_EQ(t.node_states[N_CPU], 3);
	EXPECT_INT_EQ(t.cpu_node[1], 0);
	EXPECT_INT_EQ(t.cpu_node[2], 1);
	EXPECT_UINT_EQ(numa_distance(&t, 0, 1), 21);
	EXPECT_UINT_EQ(numa_distance(&t, 1, 1), 10);
	EXPECT_UINT_EQ(t.hotplug.nr_blks, 0);
}

/* The first PXM met is node 0, whatever its number; the SLIT is by PXM. */
HTEST(pxm_first_come_first_served)
{
	static u8 d[100];

	reset();
	ram(0, 3 * GiB);
	cpu(0, 7), cpu(1, 3);
	mem(0, GiB, 3, 0);
	mem(GiB, 2 * GiB, 7, 0);
	mem(2 * GiB, 3 * GiB, 9, 0);
	cpus(2);
	for (int i = 0; i < 10; i++)
		for (int j = 0; j < 10; j++)
			d[i * 10 + j] = i == j ? 10 : (u8)(10 + i + j);
	slit(10, d);
	run();
	EXPECT_INT_EQ(t.pxm_to_node[7], 0);
	EXPECT_INT_EQ(t.pxm_to_node[3], 1);
	EXPECT_INT_EQ(t.pxm_to_node[9], 2);
	EXPECT_INT_EQ(t.node_to_pxm[2], 9);
	EXPECT_STR_CONTAINS(host_log, "SRAT: PXM 7 -> APIC 0x00 -> Node 0\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: SRAT: Node 1 PXM 3 [mem 0x00000000-0x3fffffff]\n");
	EXPECT_UINT_EQ(numa_distance(&t, 0, 1), 20);		/* PXM 7 to PXM 3 */
	EXPECT_UINT_EQ(numa_distance(&t, 1, 2), 22);		/* PXM 3 to PXM 9 */
	EXPECT_UINT_EQ(numa_distance(&t, 2, 0), 26);
	EXPECT_INT_EQ(t.cpu_node[0], 0);
	EXPECT_INT_EQ(t.cpu_node[1], 1);
}

HTEST(memoryless_and_cpuless_nodes)
{
	reset();
	ram(0, GiB);
	cpu(0, 0), cpu(1, 1);		/* PXM 1: CPUs, no memory */
	mem(0, GiB / 2, 0, 0);
	mem(GiB / 2, GiB, 2, 0);	/* PXM 2: memory, no CPUs */
	cpus(2);
	run();
	EXPECT_TRUE(t.numa);
	EXPECT_TRUE(state(1, N_ONLINE));	/* online through its CPU */
	EXPECT_FALSE(state(1, N_MEMORY));
	EXPECT_TRUE(state(1, N_CPU));
	EXPECT_UINT_EQ(t.present_pages[1], 0);
	EXPECT_TRUE(state(2, N_ONLINE));
	EXPECT_TRUE(state(2, N_MEMORY));
	EXPECT_FALSE(state(2, N_CPU));
	EXPECT_INT_EQ(t.nr_node_ids, 3);
}

/*
 * Linux's numa_init_array runs before any CPU has a node: CPU i gets the
 * i-th node with memory (modulo their number); then the SRAT's mapping
 * overrides it for the APIC ids it lists.
 */
HTEST(cpus_the_srat_misses_go_round_robin)
{
	reset();
	ram(0, 2 * GiB);
	cpu(3, 0);
	cpu(9, 5);			/* a CPU the MADT does not have */
	mem(0, GiB, 0, 0);
	mem(GiB, 2 * GiB, 1, 0);
	cpus(5);
	run();
	EXPECT_INT_EQ(t.cpu_node[0], 0);
	EXPECT_INT_EQ(t.cpu_node[1], 2);	/* PXM 1 is node 2: PXM 5 was node 1 */
	EXPECT_INT_EQ(t.cpu_node[2], 0);
	EXPECT_INT_EQ(t.cpu_node[3], 0);	/* the SRAT's */
	EXPECT_INT_EQ(t.cpu_node[4], 0);
	EXPECT_TRUE(state(1, N_POSSIBLE));
	EXPECT_FALSE(state(1, N_ONLINE));	/* no memory, no present CPU */
	EXPECT_INT_EQ(t.nr_node_ids, 3);
}

HTEST(blocks_merge_only_without_another_node_between)
{
	reset();
	ram(0, 2 * MiB);
	ram(3 * MiB, 8 * MiB);
	cpus(1);
	mem(0, MiB, 0, 0);
	mem(3 * MiB, 4 * MiB, 0, 0);
	mem(MiB, 2 * MiB, 1, 0);	/* between node 0's blocks */
	mem(4 * MiB, 5 * MiB, 2, 0);
	mem(6 * MiB, 8 * MiB, 2, 0);	/* nothing between: merged */
	run();
	EXPECT_STR_NOT_CONTAINS(host_log, "NUMA: Node 0");
	EXPECT_STR_CONTAINS(host_log,
		"NUMA: Node 2 [mem 0x00400000-0x004fffff] + [mem 0x00600000-0x007fffff] -> [mem 0x00400000-0x007fffff]\n");
	ASSERT_TRUE(t.meminfo.nr_blks == 4);
	for (int i = 1; i < 4; i++)		/* sorted */
		EXPECT_TRUE(t.meminfo.blk[i - 1].end <= t.meminfo.blk[i].start);
	EXPECT_INT_EQ(t.meminfo.blk[1].nid, 1);
	/* 5-6 MiB belonged to no node, but it is RAM: node 2's now. */
	EXPECT_UINT_EQ(t.present_pages[2], 1024);
}

HTEST(overlapping_nodes_fall_back_to_one)
{
	reset();
	ram(0, 4 * MiB);
	cpus(2);
	mem(0, 2 * MiB, 0, 0);
	mem(MiB, 3 * MiB, 1, 0);
	mem(3 * MiB, 4 * MiB, 1, 0);
	run();
	EXPECT_STR_CONTAINS(host_log,
		"node 0 [mem 0x00000000-0x001fffff] overlaps with node 1 [mem 0x00100000-0x002fffff]\n"
		"No NUMA configuration found\n"
		"Faking a node at [mem 0x0000000000000000-0x00000000003fffff]\n");
	EXPECT_FALSE(t.numa);
	EXPECT_INT_EQ(t.nr_node_ids, 1);
	EXPECT_INT_EQ(t.cpu_node[1], 0);
}

HTEST(a_node_overlapping_itself_is_merged)
{
	reset();
	ram(0, 4 * MiB);
	cpus(1);
	mem(0, 2 * MiB, 0, 0);
	mem(MiB, 3 * MiB, 0, 0);
	mem(3 * MiB, 4 * MiB, 1, 0);
	run();
	EXPECT_STR_CONTAINS(host_log,
		"Warning: node 0 [mem 0x00000000-0x001fffff] overlaps with itself [mem 0x00100000-0x002fffff]\n"
		"NUMA: Node 0 [mem 0x00000000-0x001fffff] + [mem 0x00100000-0x002fffff] -> [mem 0x00000000-0x002fffff]\n");
	EXPECT_TRUE(t.numa);
	EXPECT_UINT_EQ(t.present_pages[0], 768);
}

/* A window for DIMMs not yet plugged: remembered, no memory. */
HTEST(hotplug_and_non_volatile_ranges)
{
	reset();
	ram(0, 2 * GiB);
	cpus(2);
	cpu(0, 0), cpu(1, 1);
	mem(0, GiB, 0, 0);
	mem(GiB, 2 * GiB, 1, ACPI_SRAT_MEM_NON_VOLATILE);
	mem(4 * GiB, 12 * GiB, 1, ACPI_SRAT_MEM_HOT_PLUGGABLE);
	run();
	EXPECT_STR_CONTAINS(host_log,
		"ACPI: SRAT: Node 1 PXM 1 [mem 0x40000000-0x7fffffff] non-volatile\n"
		"ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x2ffffffff] hotplug\n");
	EXPECT_TRUE(t.numa);
	ASSERT_TRUE(t.hotplug.nr_blks == 1);
	EXPECT_UINT_EQ(t.hotplug.blk[0].start, 4 * GiB);
	EXPECT_UINT_EQ(t.hotplug.blk[0].end, 12 * GiB);
	EXPECT_INT_EQ(t.hotplug.blk[0].nid, 1);
	ASSERT_TRUE(t.reserved.nr_blks == 1);
	EXPECT_UINT_EQ(t.reserved.blk[0].start, 4 * GiB);
	EXPECT_UINT_EQ(t.meminfo.nr_blks, 2);
	EXPECT_UINT_EQ(t.present_pages[1], GiB >> 12);

	/* Hot-pluggable memory that is present: node memory, flagged. */
	reset();
	ram(0, 2 * GiB);
	cpus(1);
	mem(0, GiB, 0, 0);
	mem(GiB, 2 * GiB, 1, ACPI_SRAT_MEM_HOT_PLUGGABLE);
	run();
	ASSERT_TRUE(t.meminfo.nr_blks == 2);
	EXPECT_FALSE(t.meminfo.blk[0].hotpluggable);
	EXPECT_TRUE(t.meminfo.blk[1].hotpluggable);
	EXPECT_UINT_EQ(t.hotplug.nr_blks, 1);
	EXPECT_TRUE(state(1, N_MEMORY));
}

HTEST(nodes_must_cover_the_ram)
{
	reset();
	ram(0, 2 * GiB);
	cpus(1);
	mem(0, GiB, 0, 0);
	run();
	EXPECT_STR_CONTAINS(host_log,
		"NUMA: nodes only cover 1024MB of your 2048MB e820 RAM. Not used.\n"
		"No NUMA configuration found\n"
		"Faking a node at [mem 0x0000000000000000-0x000000007fffffff]\n");
	EXPECT_FALSE(t.numa);
	EXPECT_UINT_EQ(t.present_pages[0], (2 * GiB) >> 12);

	reset();
	ram(0, GiB + 512 * 1024);	/* less than 1 MiB left out: fine */
	cpus(1);
	mem(0, GiB, 0, 0);
	run();
	EXPECT_TRUE(t.numa);
}

HTEST(no_srat_or_numa_off_fakes_one_node)
{
	qemu_2s();
	with_srat = false;
	run();
	EXPECT_STR_EQ(host_log,
		"No NUMA configuration found\n"
		"Faking a node at [mem 0x0000000000000000-0x000000007ffdffff]\n");
	EXPECT_FALSE(t.numa);
	EXPECT_INT_EQ(t.nr_node_ids, 1);
	ASSERT_TRUE(t.meminfo.nr_blks == 1);
	EXPECT_UINT_EQ(t.meminfo.blk[0].end, 0x7ffe0000);
	EXPECT_UINT_EQ(t.present_pages[0], 0x9f + 0x7fee0);
	EXPECT_UINT_EQ(numa_distance(&t, 0, 0), 10);
	for (int i = 0; i < 4; i++)
		EXPECT_INT_EQ(t.cpu_node[i], 0);

	qemu_2s();
	numa_off = true;
	run();
	EXPECT_STR_EQ(host_log,
		"NUMA turned off\n"
		"Faking a node at [mem 0x0000000000000000-0x000000007ffdffff]\n");
}

HTEST(bad_srat_and_pxm_limits_fall_back)
{
	qemu_2s();
	si.bad = true;
	run();
	EXPECT_STR_CONTAINS(host_log, "ACPI: SRAT: SRAT not used.\nNo NUMA configuration found\n");
	EXPECT_FALSE(t.numa);

	qemu_2s();
	si.cpus[3].pxm = 256;			/* Linux keeps 256 PXMs */
	run();
	EXPECT_STR_CONTAINS(host_log, "SRAT: Too many proximity domains 100\n");
	EXPECT_FALSE(t.numa);

	qemu_2s();
	si.mem[2].pxm = 300;
	run();
	EXPECT_STR_CONTAINS(host_log, "ACPI: SRAT: Too many proximity domains.\n");
	EXPECT_FALSE(t.numa);

	/* 65 proximity domains: one more than MAX_NUMNODES. */
	reset();
	ram(0, 65 * MiB);
	cpus(1);
	for (u32 i = 0; i < 65; i++)
		mem(i * MiB, (i + 1) * MiB, i, 0);
	run();
	EXPECT_FALSE(t.numa);
	EXPECT_INT_EQ(t.nr_node_ids, 1);

	/* 64 are fine. */
	si.nr_mem = 64;
	map[0].size = 64 * MiB;
	run();
	EXPECT_TRUE(t.numa);
	EXPECT_INT_EQ(t.nr_node_ids, 64);
	EXPECT_UINT_EQ(t.node_states[N_MEMORY], ~0ULL);
}

/* CPU entries alone are not a NUMA description (Linux: -ENOENT). */
HTEST(srat_without_memory_is_not_used)
{
	qemu_2s();
	si.nr_mem = 0;
	run();
	EXPECT_STR_CONTAINS(host_log, "SRAT: PXM 1 -> APIC 0x03 -> Node 1\nNo NUMA configuration found\n");
	EXPECT_FALSE(t.numa);
}

HTEST(x2apic_ids)
{
	reset();
	ram(0, GiB);
	cpu(0x100, 0);
	cpu(0x8000, 0);			/* beyond Linux's MAX_LOCAL_APIC */
	mem(0, GiB, 0, 0);
	apics[0] = 0x100, apics[1] = 0x8000;
	nr_apics = 2;
	run();
	EXPECT_STR_CONTAINS(host_log,
		"SRAT: PXM 0 -> APIC 0x0100 -> Node 0\n"
		"SRAT: PXM 0 -> APIC 0x8000 -> Node 0 skipped apicid that is too big\n");
	EXPECT_INT_EQ(t.cpu_node[0], 0);
}

HTEST(slit_only_when_valid_and_only_where_it_reaches)
{
	static const u8 d2[4] = { 10, 30, 30, 10 };

	reset();
	ram(0, 3 * GiB);
	cpus(1);
	mem(0, GiB, 0, 0);
	mem(GiB, 2 * GiB, 1, 0);
	mem(2 * GiB, 3 * GiB, 2, 0);
	slit(2, d2);			/* knows PXMs 0 and 1 only */
	run();
	EXPECT_UINT_EQ(numa_distance(&t, 0, 1), 30);
	EXPECT_UINT_EQ(numa_distance(&t, 0, 2), 20);
	EXPECT_UINT_EQ(numa_distance(&t, 2, 2), 10);

	sl.valid = false;		/* slit_parse refused it */
	run();
	EXPECT_FALSE(t.slit_used);
	EXPECT_UINT_EQ(numa_distance(&t, 0, 1), 20);
}

/* ---- fallback order ------------------------------------------------------- */

/* n nodes of 512 MiB, each with one CPU unless in cpuless, distances d. */
static void
machine(int n, const u8 *d, u64 cpuless)
{
	reset();
	ram(0, (u64)n * 512 * MiB);
	for (int i = 0; i < n; i++) {
		if (!(cpuless >> i & 1)) {
			apics[nr_apics] = nr_apics;
			cpu(nr_apics++, i);
		}
	}
	for (int i = 0; i < n; i++)
		mem(i * 512 * MiB, (i + 1) * 512 * MiB, i, 0);
	slit(n, d);
	run();
}

static void
expect_orders(int n, const int *want)
{
	for (int nid = 0; nid < n; nid++) {
		int order[MAX_NUMNODES];
		int cnt = numa_fallback_order_of(&t, nid, order);

		for (int i = 0; i < cnt; i++)
			if (order[i] != want[nid * n + i])
				printf("# node %d: position %d is %d, expected %d\n",
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
	expect_orders(4, want);
}

/* All at one distance: the "n < local" bit makes each node start above. */
HTEST(fallback_equal_distances_rotate)
{
	static const u8 d[16] = { 10, 20, 20, 20, 20, 10, 20, 20,
				  20, 20, 10, 20, 20, 20, 20, 10 };
	static const int want[16] = { 0, 1, 2, 3, 1, 2, 3, 0,
				      2, 3, 0, 1, 3, 0, 1, 2 };

	machine(4, d, 0);
	expect_orders(4, want);
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
	expect_orders(4, want);
}

/* A node without CPUs is preferred at equal distance (it is "headless"). */
HTEST(fallback_prefers_cpuless_nodes)
{
	static const u8 d[9] = { 10, 20, 20, 20, 10, 20, 20, 20, 10 };
	int order[MAX_NUMNODES];

	machine(3, d, 1ULL << 2);
	EXPECT_INT_EQ(numa_fallback_order_of(&t, 0, order), 3);
	EXPECT_INT_EQ(order[1], 2);
	EXPECT_INT_EQ(order[2], 1);
}

/* A memoryless node falls back elsewhere and is nobody's fallback. */
HTEST(fallback_memoryless_node)
{
	int order[MAX_NUMNODES];

	qemu_2s();
	si.nr_mem = 2;				/* node 1 loses its memory */
	map[1].size = 0x40000000 - 0x100000;
	run();
	EXPECT_INT_EQ(numa_fallback_order_of(&t, 0, order), 1);
	EXPECT_INT_EQ(order[0], 0);
	EXPECT_INT_EQ(numa_fallback_order_of(&t, 1, order), 2);
	EXPECT_INT_EQ(order[0], 1);
	EXPECT_INT_EQ(order[1], 0);
	EXPECT_INT_EQ(numa_fallback_order_of(&t, 2, order), 0);	/* no node 2 */
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
	numa_topology = t;
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
	EXPECT_INT_EQ(node_distance(0, 1), 21);
	EXPECT_INT_EQ(node_distance(1, 5), 20);		/* no node 5 */
	EXPECT_INT_EQ(cpu_to_node(3), 1);
	EXPECT_INT_EQ(cpu_to_node(99), 0);

	/* Node ids with a gap: numactl's "0-1,3". */
	reset();
	ram(0, 3 * GiB);
	cpus(1);
	mem(0, GiB, 0, 0);
	mem(GiB, 2 * GiB, 1, 0);
	mem(8 * GiB, 9 * GiB, 2, ACPI_SRAT_MEM_HOT_PLUGGABLE);	/* offline */
	mem(2 * GiB, 3 * GiB, 3, 0);
	run();
	numa_topology = t;
	host_log_clear();
	numa_print_hardware(NULL);
	EXPECT_STR_CONTAINS(host_log, "available: 3 nodes (0-1,3)\n");
	EXPECT_STR_CONTAINS(host_log, "node 3 free: <not available>\n");
	EXPECT_STR_CONTAINS(host_log, "node   0   1   3 \n");
	host_log_clear();
	numa_print_fallback();		/* Linux 6.1: every possible node */
	EXPECT_STR_CONTAINS(host_log, "Fallback order for Node 2: 2 3 1 0 \n");
}

/* ---- QEMU's real tables ------------------------------------------------------ */

static struct capture cap;
static struct acpi_tables at;
static struct madt_info mi;

static void
check_capture(const char *name)
{
	const struct capture_facts *fa = &cap.facts;
	const struct acpi_table_header *srat, *slit_t, *madt;
	struct numa_config cfg = { 0 };
	static struct srat_info csi;
	static struct slit_info csl;
	static u32 capics[NR_CPUS];

	printf("# capture %s\n", name);
	ASSERT_TRUE(capture_load(name, &cap));
	ASSERT_TRUE(acpi_tables_parse(&at, cap.rsdp, cap.rsdp_len, cap_read) > 0);
	madt = acpi_tables_find(&at, "APIC", 0);
	ASSERT_TRUE(madt && !madt_parse(madt, &mi));
	for (unsigned int i = 0; i < mi.nr_cpus; i++)
		capics[i] = mi.cpus[i].apic_id;
	srat = acpi_tables_find(&at, "SRAT", 0);
	slit_t = acpi_tables_find(&at, "SLIT", 0);
	if (srat) {
		srat_parse(srat, &csi);
		cfg.srat = &csi;
	}
	if (slit_t && !slit_parse(slit_t, &csl))
		cfg.slit = &csl;
	cfg.map = cap.e820;
	cfg.map_nr = cap.e820_nr;
	cfg.cpu_apic = capics;
	cfg.nr_cpus = mi.nr_cpus;
	host_log_clear();
	numa_setup(&cfg, &t);

	/* What tools/topologies/<name>.json says. */
	EXPECT_INT_EQ(t.numa, fa->numa);
	ASSERT_TRUE(fa->nr_node_mem == fa->nodes && fa->nr_cpu_nodes == fa->cpus);
	EXPECT_INT_EQ(t.nr_node_ids, fa->nodes);
	EXPECT_UINT_EQ(t.nr_cpus, fa->cpus);
	for (int n = 0; n < fa->nodes; n++) {
		u64 want = fa->node_mem_mb[n] * MiB, got = t.present_pages[n] << 12;

		EXPECT_TRUE(state(n, N_ONLINE));
		EXPECT_TRUE(got <= want && got + 8 * MiB >= want);
		EXPECT_INT_EQ(state(n, N_MEMORY), want != 0);
		for (int m = 0; m < fa->nodes; m++)
			EXPECT_UINT_EQ(numa_distance(&t, n, m), fa->distances[n * fa->nodes + m]);
	}
	for (int c = 0; c < fa->cpus; c++)
		EXPECT_INT_EQ(t.cpu_node[c], fa->cpu_nodes[c]);
	EXPECT_UINT_EQ(t.hotplug.nr_blks, fa->hotplug ? 1 : 0);
	if (fa->hotplug && t.hotplug.nr_blks) {
		EXPECT_INT_EQ(t.hotplug.blk[0].nid, fa->hp_node);
		EXPECT_UINT_EQ(t.hotplug.blk[0].start, fa->hp_start);
		EXPECT_UINT_EQ(t.hotplug.blk[0].end, fa->hp_end);
	}
	if (!fa->numa)
		EXPECT_STR_CONTAINS(host_log, "No NUMA configuration found\n"
				    "Faking a node at [mem 0x0000000000000000-");
	/* Node 0's two SRAT ranges around the legacy hole always merge. */
	else
		EXPECT_STR_CONTAINS(host_log,
			"NUMA: Node 0 [mem 0x00000000-0x0009ffff] + [mem 0x00100000-");
}

HTEST(real_qemu_topologies)
{
	static char names[32][64];
	int n = capture_list(names, 32);

	EXPECT_TRUE(n >= 8);
	for (int i = 0; i < n; i++)
		check_capture(names[i]);
	cap_reset();
}

/* ---- properties of random inputs -------------------------------------------- */

/*
 * Random SRATs (up to 70 PXMs, overlaps, holes, hotplug ranges beyond
 * RAM) on random memory maps: numa_setup must always end with sorted,
 * disjoint node blocks on possible nodes, every CPU on an online node,
 * and fallback orders that start with the node and list each node with
 * memory once.
 */
static void
random_topologies(void)
{
	static int all[MAX_NUMNODES][MAX_NUMNODES], counts[MAX_NUMNODES];
	struct prng r;

	prng_seed(&r, 0x5eed);
	for (int step = 0; step < 3000; step++) {
		unsigned int nmem = (unsigned int)prng_below(&r, 12);
		u32 pxms = 1 + (u32)prng_below(&r, step % 7 ? 6 : 70);

		reset();
		for (unsigned int i = 0, n = 1 + (unsigned int)prng_below(&r, 6); i < n; i++) {
			u64 s = prng_below(&r, 64) * 16 * MiB + prng_below(&r, 4) * 0x400;

			ram(s, s + (1 + prng_below(&r, 32)) * 8 * MiB);
		}
		cpus(1 + (unsigned int)prng_below(&r, 8));
		for (unsigned int i = 0; i < nr_apics; i++)
			if (prng_below(&r, 3))
				cpu(i, (u32)prng_below(&r, pxms));
		for (unsigned int i = 0; i < nmem; i++) {
			u64 s = prng_below(&r, 80) * 16 * MiB;

			mem(s, s + (1 + prng_below(&r, 40)) * 16 * MiB,
			    (u32)prng_below(&r, pxms),
			    prng_below(&r, 5) ? 0 : ACPI_SRAT_MEM_HOT_PLUGGABLE);
		}
		with_srat = prng_below(&r, 8) != 0;
		run();

		for (int i = 0; i < t.meminfo.nr_blks; i++) {
			const struct numa_memblk *b = &t.meminfo.blk[i];

			if (b->start >= b->end || !state(b->nid, N_POSSIBLE) ||
			    (i && t.meminfo.blk[i - 1].end > b->start)) {
				printf("# step %d: bad block %d\n", step, i);
				htest_case_failed = 1;
				return;
			}
		}
		for (unsigned int c = 0; c < t.nr_cpus; c++)
			if (!state(t.cpu_node[c], N_ONLINE)) {
				printf("# step %d: CPU %u on offline node\n", step, c);
				htest_case_failed = 1;
				return;
			}
		numa_fallback_orders(&t, all, counts);
		for (int nid = 0; nid < t.nr_node_ids; nid++) {
			int order[MAX_NUMNODES], cnt, expect = 0;
			u64 seen = 0;

			if (!state(nid, N_POSSIBLE))
				continue;
			cnt = numa_fallback_order_of(&t, nid, order);
			if (cnt != counts[nid] ||
			    memcmp(order, all[nid], cnt * sizeof(int))) {
				printf("# step %d: node %d: orders differ\n", step, nid);
				htest_case_failed = 1;
				return;
			}
			for (int m = 0; m < MAX_NUMNODES; m++)
				expect += m == nid || state(m, N_MEMORY);
			if (cnt != expect || order[0] != nid) {
				printf("# step %d: node %d order of %d\n", step, nid, cnt);
				htest_case_failed = 1;
				return;
			}
			for (int i = 0; i < cnt; i++) {
				if (seen >> order[i] & 1) {
					htest_case_failed = 1;
					return;
				}
				seen |= 1ULL << order[i];
			}
		}
	}
}

HTEST(random_topologies_keep_the_invariants)
{
	EXPECT_ISOLATED(random_topologies, 120);
}

HTEST_MAIN(
	HTEST_CASE(qemu_2s_prints_like_linux),
	HTEST_CASE(pxm_first_come_first_served),
	HTEST_CASE(memoryless_and_cpuless_nodes),
	HTEST_CASE(cpus_the_srat_misses_go_round_robin),
	HTEST_CASE(blocks_merge_only_without_another_node_between),
	HTEST_CASE(overlapping_nodes_fall_back_to_one),
	HTEST_CASE(a_node_overlapping_itself_is_merged),
	HTEST_CASE(hotplug_and_non_volatile_ranges),
	HTEST_CASE(nodes_must_cover_the_ram),
	HTEST_CASE(no_srat_or_numa_off_fakes_one_node),
	HTEST_CASE(bad_srat_and_pxm_limits_fall_back),
	HTEST_CASE(srat_without_memory_is_not_used),
	HTEST_CASE(x2apic_ids),
	HTEST_CASE(slit_only_when_valid_and_only_where_it_reaches),
	HTEST_CASE(fallback_ring_of_four),
	HTEST_CASE(fallback_equal_distances_rotate),
	HTEST_CASE(fallback_loads_spread_equal_choices),
	HTEST_CASE(fallback_prefers_cpuless_nodes),
	HTEST_CASE(fallback_memoryless_node),
	HTEST_CASE(numactl_hardware_and_fallback_lines),
	HTEST_CASE(real_qemu_topologies),
	HTEST_CASE(random_topologies_keep_the_invariants))
