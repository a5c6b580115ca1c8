/*
 * tests/host/test_numa.c - host tests for mm/numa.c: nodes from the
 * firmware's description.
 *
 * Teaches: how Linux turns the firmware's description into NUMA nodes -
 * node ids handed out in SRAT reading order, node ranges trimmed and
 * merged, a fake single node whenever the description cannot be trusted,
 * CPUs placed by APIC id or round-robin - checked on hand-made inputs
 * with the exact lines Linux prints, on QEMU's real tables against the
 * topology files, and as properties of thousands of random inputs.  The
 * fallback orders are in test_numa_fallback.c; the hand-made machine in
 * host_numa.c.
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
#include "tests/host/host_numa.h"
#include "tests/host/host_printk.h"
#include "tests/host/host_prng.h"

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
	EXPECT_TRUE(topo.numa);
	EXPECT_TRUE(topo.slit_used);
	EXPECT_INT_EQ(topo.nr_node_ids, 2);
	ASSERT_TRUE(topo.meminfo.nr_blks == 2);
	EXPECT_UINT_EQ(topo.meminfo.blk[0].start, 0);
	EXPECT_UINT_EQ(topo.meminfo.blk[0].end, 0x40000000);
	EXPECT_UINT_EQ(topo.meminfo.blk[1].start, 0x40000000);
	EXPECT_UINT_EQ(topo.meminfo.blk[1].end, 0x7ffe0000);	/* cut at RAM's end */
	ASSERT_TRUE(topo.reserved.nr_blks == 1);
	EXPECT_UINT_EQ(topo.reserved.blk[0].start, 0x7ffe0000);
	EXPECT_UINT_EQ(topo.reserved.blk[0].end, 0x80000000);
	EXPECT_UINT_EQ(topo.present_pages[0], 0x9f + 0x3ff00);
	EXPECT_UINT_EQ(topo.present_pages[1], 0x3ffe0);
	EXPECT_UINT_EQ(topo.node_states[N_ONLINE], 3);
	EXPECT_UINT_EQ(topo.node_states[N_MEMORY], 3);
	EXPECT_UINT_EQ(topo.node_states[N_CPU], 3);
	EXPECT_INT_EQ(topo.cpu_node[1], 0);
	EXPECT_INT_EQ(topo.cpu_node[2], 1);
	EXPECT_UINT_EQ(numa_distance(&topo, 0, 1), 21);
	EXPECT_UINT_EQ(numa_distance(&topo, 1, 1), 10);
	EXPECT_UINT_EQ(topo.hotplug.nr_blks, 0);
}

/* The first PXM met is node 0, whatever its number; the SLIT is by PXM. */
HTEST(pxm_first_come_first_served)
{
	static u8 d[100];

	host_numa_reset();
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
	EXPECT_INT_EQ(topo.pxm_to_node[7], 0);
	EXPECT_INT_EQ(topo.pxm_to_node[3], 1);
	EXPECT_INT_EQ(topo.pxm_to_node[9], 2);
	EXPECT_INT_EQ(topo.node_to_pxm[2], 9);
	EXPECT_STR_CONTAINS(host_log, "SRAT: PXM 7 -> APIC 0x00 -> Node 0\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: SRAT: Node 1 PXM 3 [mem 0x00000000-0x3fffffff]\n");
	EXPECT_UINT_EQ(numa_distance(&topo, 0, 1), 20);		/* PXM 7 to PXM 3 */
	EXPECT_UINT_EQ(numa_distance(&topo, 1, 2), 22);		/* PXM 3 to PXM 9 */
	EXPECT_UINT_EQ(numa_distance(&topo, 2, 0), 26);
	EXPECT_INT_EQ(topo.cpu_node[0], 0);
	EXPECT_INT_EQ(topo.cpu_node[1], 1);
}

HTEST(memoryless_and_cpuless_nodes)
{
	host_numa_reset();
	ram(0, GiB);
	cpu(0, 0), cpu(1, 1);		/* PXM 1: CPUs, no memory */
	mem(0, GiB / 2, 0, 0);
	mem(GiB / 2, GiB, 2, 0);	/* PXM 2: memory, no CPUs */
	cpus(2);
	run();
	EXPECT_TRUE(topo.numa);
	EXPECT_TRUE(state(1, N_ONLINE));	/* online through its CPU */
	EXPECT_FALSE(state(1, N_MEMORY));
	EXPECT_TRUE(state(1, N_CPU));
	EXPECT_UINT_EQ(topo.present_pages[1], 0);
	EXPECT_TRUE(state(2, N_ONLINE));
	EXPECT_TRUE(state(2, N_MEMORY));
	EXPECT_FALSE(state(2, N_CPU));
	EXPECT_INT_EQ(topo.nr_node_ids, 3);
}

/*
 * Linux's numa_init_array runs before any CPU has a node: CPU i gets the
 * i-th node with memory (modulo their number); then the SRAT's mapping
 * overrides it for the APIC ids it lists.
 */
HTEST(cpus_the_srat_misses_go_round_robin)
{
	host_numa_reset();
	ram(0, 2 * GiB);
	cpu(3, 0);
	cpu(9, 5);			/* a CPU the MADT does not have */
	mem(0, GiB, 0, 0);
	mem(GiB, 2 * GiB, 1, 0);
	cpus(5);
	run();
	EXPECT_INT_EQ(topo.cpu_node[0], 0);
	EXPECT_INT_EQ(topo.cpu_node[1], 2);	/* PXM 1 is node 2: PXM 5 was node 1 */
	EXPECT_INT_EQ(topo.cpu_node[2], 0);
	EXPECT_INT_EQ(topo.cpu_node[3], 0);	/* the SRAT's */
	EXPECT_INT_EQ(topo.cpu_node[4], 0);
	EXPECT_TRUE(state(1, N_POSSIBLE));
	EXPECT_FALSE(state(1, N_ONLINE));	/* no memory, no present CPU */
	EXPECT_INT_EQ(topo.nr_node_ids, 3);
}

HTEST(blocks_merge_only_without_another_node_between)
{
	host_numa_reset();
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
	ASSERT_TRUE(topo.meminfo.nr_blks == 4);
	for (int i = 1; i < 4; i++)		/* sorted */
		EXPECT_TRUE(topo.meminfo.blk[i - 1].end <= topo.meminfo.blk[i].start);
	EXPECT_INT_EQ(topo.meminfo.blk[1].nid, 1);
	/* 5-6 MiB belonged to no node, but it is RAM: node 2's now. */
	EXPECT_UINT_EQ(topo.present_pages[2], 1024);
}

HTEST(overlapping_nodes_fall_back_to_one)
{
	host_numa_reset();
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
	EXPECT_FALSE(topo.numa);
	EXPECT_INT_EQ(topo.nr_node_ids, 1);
	EXPECT_INT_EQ(topo.cpu_node[1], 0);
}

HTEST(a_node_overlapping_itself_is_merged)
{
	host_numa_reset();
	ram(0, 4 * MiB);
	cpus(1);
	mem(0, 2 * MiB, 0, 0);
	mem(MiB, 3 * MiB, 0, 0);
	mem(3 * MiB, 4 * MiB, 1, 0);
	run();
	EXPECT_STR_CONTAINS(host_log,
		"Warning: node 0 [mem 0x00000000-0x001fffff] overlaps with itself [mem 0x00100000-0x002fffff]\n"
		"NUMA: Node 0 [mem 0x00000000-0x001fffff] + [mem 0x00100000-0x002fffff] -> [mem 0x00000000-0x002fffff]\n");
	EXPECT_TRUE(topo.numa);
	EXPECT_UINT_EQ(topo.present_pages[0], 768);
}

/* A window for DIMMs not yet plugged: remembered, no memory. */
HTEST(hotplug_and_non_volatile_ranges)
{
	host_numa_reset();
	ram(0, 2 * GiB);
	cpus(2);
	cpu(0, 0), cpu(1, 1);
	mem(0, GiB, 0, 0);
	mem(GiB, 2 * GiB, 1, HN_NONVOLATILE);
	mem(4 * GiB, 12 * GiB, 1, HN_HOTPLUG);
	run();
	EXPECT_STR_CONTAINS(host_log,
		"ACPI: SRAT: Node 1 PXM 1 [mem 0x40000000-0x7fffffff] non-volatile\n"
		"ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x2ffffffff] hotplug\n");
	EXPECT_TRUE(topo.numa);
	ASSERT_TRUE(topo.hotplug.nr_blks == 1);
	EXPECT_UINT_EQ(topo.hotplug.blk[0].start, 4 * GiB);
	EXPECT_UINT_EQ(topo.hotplug.blk[0].end, 12 * GiB);
	EXPECT_INT_EQ(topo.hotplug.blk[0].nid, 1);
	ASSERT_TRUE(topo.reserved.nr_blks == 1);
	EXPECT_UINT_EQ(topo.reserved.blk[0].start, 4 * GiB);
	EXPECT_UINT_EQ(topo.meminfo.nr_blks, 2);
	EXPECT_UINT_EQ(topo.present_pages[1], GiB >> 12);

	/* Hot-pluggable memory that is present: node memory, flagged. */
	host_numa_reset();
	ram(0, 2 * GiB);
	cpus(1);
	mem(0, GiB, 0, 0);
	mem(GiB, 2 * GiB, 1, HN_HOTPLUG);
	run();
	ASSERT_TRUE(topo.meminfo.nr_blks == 2);
	EXPECT_FALSE(topo.meminfo.blk[0].hotpluggable);
	EXPECT_TRUE(topo.meminfo.blk[1].hotpluggable);
	EXPECT_UINT_EQ(topo.hotplug.nr_blks, 1);
	EXPECT_TRUE(state(1, N_MEMORY));
}

HTEST(nodes_must_cover_the_ram)
{
	host_numa_reset();
	ram(0, 2 * GiB);
	cpus(1);
	mem(0, GiB, 0, 0);
	run();
	EXPECT_STR_CONTAINS(host_log,
		"NUMA: nodes only cover 1024MB of your 2048MB e820 RAM. Not used.\n"
		"No NUMA configuration found\n"
		"Faking a node at [mem 0x0000000000000000-0x000000007fffffff]\n");
	EXPECT_FALSE(topo.numa);
	EXPECT_UINT_EQ(topo.present_pages[0], (2 * GiB) >> 12);

	host_numa_reset();
	ram(0, GiB + 512 * 1024);	/* less than 1 MiB left out: fine */
	cpus(1);
	mem(0, GiB, 0, 0);
	run();
	EXPECT_TRUE(topo.numa);
}

HTEST(no_srat_or_numa_off_fakes_one_node)
{
	qemu_2s();
	fw.has_affinity = false;
	run();
	EXPECT_STR_EQ(host_log,
		"No NUMA configuration found\n"
		"Faking a node at [mem 0x0000000000000000-0x000000007ffdffff]\n");
	EXPECT_FALSE(topo.numa);
	EXPECT_INT_EQ(topo.nr_node_ids, 1);
	ASSERT_TRUE(topo.meminfo.nr_blks == 1);
	EXPECT_UINT_EQ(topo.meminfo.blk[0].end, 0x7ffe0000);
	EXPECT_UINT_EQ(topo.present_pages[0], 0x9f + 0x7fee0);
	EXPECT_UINT_EQ(numa_distance(&topo, 0, 0), 10);
	for (int i = 0; i < 4; i++)
		EXPECT_INT_EQ(topo.cpu_node[i], 0);

	qemu_2s();
	numa_off_opt = true;
	run();
	EXPECT_STR_EQ(host_log,
		"NUMA turned off\n"
		"Faking a node at [mem 0x0000000000000000-0x000000007ffdffff]\n");
}

HTEST(bad_srat_and_pxm_limits_fall_back)
{
	qemu_2s();
	fw.affinity_bad = true;
	run();
	EXPECT_STR_CONTAINS(host_log, "ACPI: SRAT: SRAT not used.\nNo NUMA configuration found\n");
	EXPECT_FALSE(topo.numa);

	qemu_2s();
	fw.cpu_affinity[3].pxm = 256;			/* Linux keeps 256 PXMs */
	run();
	EXPECT_STR_CONTAINS(host_log, "SRAT: Too many proximity domains 100\n");
	EXPECT_FALSE(topo.numa);

	qemu_2s();
	fw.mem_affinity[2].pxm = 300;
	run();
	EXPECT_STR_CONTAINS(host_log, "ACPI: SRAT: Too many proximity domains.\n");
	EXPECT_FALSE(topo.numa);

	/* 65 proximity domains: one more than MAX_NUMNODES. */
	host_numa_reset();
	ram(0, 65 * MiB);
	cpus(1);
	for (u32 i = 0; i < 65; i++)
		mem(i * MiB, (i + 1) * MiB, i, 0);
	run();
	EXPECT_FALSE(topo.numa);
	EXPECT_INT_EQ(topo.nr_node_ids, 1);

	/* 64 are fine. */
	fw.nr_mem_affinity = 64;
	map[0].size = 64 * MiB;
	run();
	EXPECT_TRUE(topo.numa);
	EXPECT_INT_EQ(topo.nr_node_ids, 64);
	EXPECT_UINT_EQ(topo.node_states[N_MEMORY], ~0ULL);
}

/* CPU entries alone are not a NUMA description (Linux: -ENOENT). */
HTEST(srat_without_memory_is_not_used)
{
	qemu_2s();
	fw.nr_mem_affinity = 0;
	run();
	EXPECT_STR_CONTAINS(host_log, "SRAT: PXM 1 -> APIC 0x03 -> Node 1\nNo NUMA configuration found\n");
	EXPECT_FALSE(topo.numa);
}

HTEST(x2apic_ids)
{
	host_numa_reset();
	ram(0, GiB);
	cpu(0x100, 0);
	cpu(0x8000, 0);			/* beyond Linux's MAX_LOCAL_APIC */
	mem(0, GiB, 0, 0);
	cpus(2);
	fw.cpus[0].apic_id = 0x100;
	fw.cpus[1].apic_id = 0x8000;
	run();
	EXPECT_STR_CONTAINS(host_log,
		"SRAT: PXM 0 -> APIC 0x0100 -> Node 0\n"
		"SRAT: PXM 0 -> APIC 0x8000 -> Node 0 skipped apicid that is too big\n");
	EXPECT_INT_EQ(topo.cpu_node[0], 0);
}

HTEST(slit_only_when_valid_and_only_where_it_reaches)
{
	static const u8 d2[4] = { 10, 30, 30, 10 };

	host_numa_reset();
	ram(0, 3 * GiB);
	cpus(1);
	mem(0, GiB, 0, 0);
	mem(GiB, 2 * GiB, 1, 0);
	mem(2 * GiB, 3 * GiB, 2, 0);
	slit(2, d2);			/* knows PXMs 0 and 1 only */
	run();
	EXPECT_UINT_EQ(numa_distance(&topo, 0, 1), 30);
	EXPECT_UINT_EQ(numa_distance(&topo, 0, 2), 20);
	EXPECT_UINT_EQ(numa_distance(&topo, 2, 2), 10);

	fw.localities = 0;		/* slit_parse refused it */
	run();
	EXPECT_FALSE(topo.slit_used);
	EXPECT_UINT_EQ(numa_distance(&topo, 0, 1), 20);
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
	struct numa_config cfg = { .fw = &fw };

	printf("# capture %s\n", name);
	ASSERT_TRUE(capture_load(name, &cap));
	ASSERT_TRUE(acpi_tables_parse(&at, cap.rsdp, cap.rsdp_len, cap_read) > 0);
	madt = acpi_tables_find(&at, "APIC", 0);
	ASSERT_TRUE(madt && !madt_parse(madt, &mi));
	/* What acpi_numa_firmware_init() hands over at boot. */
	host_numa_reset();
	madt_numa_cpus(&mi, &fw);
	fw.has_affinity = false;
	srat = acpi_tables_find(&at, "SRAT", 0);
	slit_t = acpi_tables_find(&at, "SLIT", 0);
	if (srat)
		srat_parse(srat, &fw);
	if (slit_t)
		slit_parse(slit_t, &fw);
	cfg.map = cap.e820;
	cfg.map_nr = cap.e820_nr;
	host_log_clear();
	numa_setup(&cfg, &topo);

	/* What tools/topologies/<name>.json says. */
	EXPECT_INT_EQ(topo.numa, fa->numa);
	ASSERT_TRUE(fa->nr_node_mem == fa->nodes && fa->nr_cpu_nodes == fa->cpus);
	EXPECT_INT_EQ(topo.nr_node_ids, fa->nodes);
	EXPECT_UINT_EQ(topo.nr_cpus, fa->cpus);
	for (int n = 0; n < fa->nodes; n++) {
		u64 want = fa->node_mem_mb[n] * MiB, got = topo.present_pages[n] << 12;

		EXPECT_TRUE(state(n, N_ONLINE));
		EXPECT_TRUE(got <= want && got + 8 * MiB >= want);
		EXPECT_INT_EQ(state(n, N_MEMORY), want != 0);
		for (int m = 0; m < fa->nodes; m++)
			EXPECT_UINT_EQ(numa_distance(&topo, n, m), fa->distances[n * fa->nodes + m]);
	}
	for (int c = 0; c < fa->cpus; c++)
		EXPECT_INT_EQ(topo.cpu_node[c], fa->cpu_nodes[c]);
	EXPECT_UINT_EQ(topo.hotplug.nr_blks, fa->hotplug ? 1 : 0);
	if (fa->hotplug && topo.hotplug.nr_blks) {
		EXPECT_INT_EQ(topo.hotplug.blk[0].nid, fa->hp_node);
		EXPECT_UINT_EQ(topo.hotplug.blk[0].start, fa->hp_start);
		EXPECT_UINT_EQ(topo.hotplug.blk[0].end, fa->hp_end);
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
 * Fallback orders at one time: all nodes at once and one by one agree,
 * each starts with its node and lists every node with memory once.
 */
static bool
orders_keep_the_invariants(int step, enum numa_fallback_time when,
			   int all[][MAX_NUMNODES], int *counts)
{
	numa_fallback_orders(&topo, all, counts, when);
	for (int nid = 0; nid < topo.nr_node_ids; nid++) {
		int order[MAX_NUMNODES], cnt, expect = 0;
		u64 seen = 0;

		if (!state(nid, N_POSSIBLE))
			continue;
		cnt = numa_fallback_order_of(&topo, nid, order, when);
		if (cnt != counts[nid] ||
		    memcmp(order, all[nid], cnt * sizeof(int))) {
			printf("# step %d: node %d: orders differ\n", step, nid);
			return false;
		}
		for (int m = 0; m < MAX_NUMNODES; m++)
			expect += m == nid || state(m, N_MEMORY);
		if (cnt != expect || order[0] != nid) {
			printf("# step %d: node %d order of %d\n", step, nid, cnt);
			return false;
		}
		for (int i = 0; i < cnt; i++) {
			if (seen >> order[i] & 1)
				return false;
			seen |= 1ULL << order[i];
		}
	}
	return true;
}

/*
 * Random SRATs (up to 70 PXMs, overlaps, holes, hotplug ranges beyond
 * RAM) on random memory maps: numa_setup must always end with sorted,
 * disjoint node blocks on possible nodes, every CPU on an online node,
 * and fallback orders that start with the node and list each node with
 * memory once, at boot and on a rebuild.  When every node with memory
 * has CPUs, the CPU term adds the same to every score: then both orders
 * must be the same.
 */
static void
random_topologies(void)
{
	static int boot[MAX_NUMNODES][MAX_NUMNODES], boot_cnt[MAX_NUMNODES];
	static int rebuild[MAX_NUMNODES][MAX_NUMNODES], rebuild_cnt[MAX_NUMNODES];
	struct prng r;

	prng_seed(&r, 0x5eed);
	for (int step = 0; step < 3000; step++) {
		unsigned int nmem = (unsigned int)prng_below(&r, 12);
		u32 pxms = 1 + (u32)prng_below(&r, step % 7 ? 6 : 70);
		u64 mem_nodes, cpu_nodes;

		host_numa_reset();
		for (unsigned int i = 0, n = 1 + (unsigned int)prng_below(&r, 6); i < n; i++) {
			u64 s = prng_below(&r, 64) * 16 * MiB + prng_below(&r, 4) * 0x400;

			ram(s, s + (1 + prng_below(&r, 32)) * 8 * MiB);
		}
		cpus(1 + (unsigned int)prng_below(&r, 8));
		for (unsigned int i = 0; i < fw.nr_cpus; i++)
			if (prng_below(&r, 3))
				cpu(i, (u32)prng_below(&r, pxms));
		for (unsigned int i = 0; i < nmem; i++) {
			u64 s = prng_below(&r, 80) * 16 * MiB;

			mem(s, s + (1 + prng_below(&r, 40)) * 16 * MiB,
			    (u32)prng_below(&r, pxms),
			    prng_below(&r, 5) ? 0 : HN_HOTPLUG);
		}
		fw.has_affinity = prng_below(&r, 8) != 0;
		run();

		for (int i = 0; i < topo.meminfo.nr_blks; i++) {
			const struct numa_memblk *b = &topo.meminfo.blk[i];

			if (b->start >= b->end || !state(b->nid, N_POSSIBLE) ||
			    (i && topo.meminfo.blk[i - 1].end > b->start)) {
				printf("# step %d: bad block %d\n", step, i);
				htest_case_failed = 1;
				return;
			}
		}
		for (unsigned int c = 0; c < topo.nr_cpus; c++)
			if (!state(topo.cpu_node[c], N_ONLINE)) {
				printf("# step %d: CPU %u on offline node\n", step, c);
				htest_case_failed = 1;
				return;
			}
		if (!orders_keep_the_invariants(step, NUMA_FALLBACK_BOOT, boot,
						boot_cnt) ||
		    !orders_keep_the_invariants(step, NUMA_FALLBACK_REBUILD,
						rebuild, rebuild_cnt)) {
			htest_case_failed = 1;
			return;
		}
		mem_nodes = topo.node_states[N_MEMORY];
		cpu_nodes = topo.node_states[N_CPU];
		if ((mem_nodes & cpu_nodes) != mem_nodes)
			continue;
		for (int nid = 0; nid < MAX_NUMNODES; nid++)
			if (boot_cnt[nid] != rebuild_cnt[nid] ||
			    memcmp(boot[nid], rebuild[nid],
				   boot_cnt[nid] * sizeof(int))) {
				printf("# step %d: the CPU term changed node %d\n",
				       step, nid);
				htest_case_failed = 1;
				return;
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
	HTEST_CASE(real_qemu_topologies),
	HTEST_CASE(random_topologies_keep_the_invariants))
