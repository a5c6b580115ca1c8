/*
 * mm/numa.c - NUMA nodes from the SRAT and SLIT, as Linux builds them.
 *
 * Teaches: the kernel's node ids are not the firmware's proximity
 * domains.  Linux hands out node ids first come, first served while it
 * reads the SRAT: CPU entries first, then memory entries, so the first
 * PXM it meets becomes node 0, whatever its number.  It then cleans the
 * node memory map (numa_cleanup_meminfo): ranges with no RAM at all are
 * set aside (a hot-pluggable window waiting for DIMMs), ranges are cut
 * at the end of RAM, and two blocks of one node are merged when no other
 * node's memory lies between them, with a line such as
 *	NUMA: Node 0 [mem 0x00000000-0x0009ffff] + [mem 0x00100000-0x3fffffff] -> [mem 0x00000000-0x3fffffff]
 * (the hole between them is no memory at all, so it can belong to the
 * node).  If the nodes overlap each other, or leave more than 1 MiB of
 * RAM outside every node, or there is no SRAT, Linux gives up on NUMA
 * and fakes one node covering all memory; so do we.
 *
 * CPUs: the SRAT maps APIC ids to nodes.  Before reading that map Linux
 * spreads all CPUs round-robin over the nodes with memory
 * (numa_init_array: CPU i gets the i-th such node, modulo their number),
 * then gives every CPU the SRAT mentions its SRAT node, which brings a
 * node with CPUs but no memory online as a "memoryless" node.
 *
 * Distances come from the SLIT, indexed by PXM, used only if it is sane
 * (10 on the diagonal, more elsewhere); otherwise 10 locally, 20 remotely.
 *
 * The fallback order (which nodes to try when a node runs out of memory)
 * is Linux 6.1's build_zonelists: see numa_fallback_order_of().  At boot
 * Linux has not yet attached any CPU to its node, so its preference for
 * CPU-less nodes plays no part then (enum numa_fallback_time).
 *
 * The firmware's word arrives as a struct numa_firmware
 * (mm/numa_firmware.h), which the ACPI drivers fill from the MADT, SRAT
 * and SLIT: this file knows no table layout.  Everything up to
 * numa_init() is pure: it reads a struct numa_config and fills a struct
 * numa_topology, so host tests feed it hand-made and real QEMU tables.
 * Linux counterpart: arch/x86/mm/numa.c (numa_init,
 * numa_cleanup_meminfo, numa_register_memblks, numa_init_array,
 * init_cpu_to_node, dummy_numa_init), drivers/acpi/numa/srat.c
 * (acpi_map_pxm_to_node), mm/page_alloc.c (find_next_best_node,
 * build_zonelists), numactl's `--hardware`.
 */
#include "mm/numa.h"

#include "kernel/errno.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"

#define NUMA_PAGE_SHIFT		12
#define NUMA_PAGE_SIZE		(1ULL << NUMA_PAGE_SHIFT)
#define PENALTY_FOR_NODE_WITH_CPUS 1

static u64
pfn_up(u64 a)
{
	return (a + NUMA_PAGE_SIZE - 1) >> NUMA_PAGE_SHIFT;
}

static u64
pfn_down(u64 a)
{
	return a >> NUMA_PAGE_SHIFT;
}

/* Bits set in a node mask (no libgcc here for __builtin_popcount). */
static int
nodes_weight(u64 mask)
{
	int n = 0;

	for (; mask; mask &= mask - 1)
		n++;
	return n;
}

static void
node_set(struct numa_topology *t, int nid, enum node_states s)
{
	t->node_states[s] |= 1ULL << nid;
}

/* ---- RAM, from the firmware map ------------------------------------------ */

/* Whole RAM pages of the map inside [start, end). */
static u64
ram_pages_in(const struct numa_config *cfg, u64 start, u64 end)
{
	u64 pages = 0;

	for (unsigned int i = 0; i < cfg->map_nr; i++) {
		const struct e820_entry *e = &cfg->map[i];
		u64 s, t;

		if (e->type != E820_TYPE_RAM || e->size > E820_MAX_PHYS ||
		    e->addr > E820_MAX_PHYS - e->size)
			continue;
		s = pfn_up(max(e->addr, start));
		t = pfn_down(min(e->addr + e->size, end));
		if (t > s)
			pages += t - s;
	}
	return pages;
}

/* Does [start, end) touch RAM at all (Linux: memblock_overlaps_region)? */
static bool
overlaps_ram(const struct numa_config *cfg, u64 start, u64 end)
{
	for (unsigned int i = 0; i < cfg->map_nr; i++) {
		const struct e820_entry *e = &cfg->map[i];

		if (e->type == E820_TYPE_RAM && e->size &&
		    e->size <= E820_MAX_PHYS && e->addr <= E820_MAX_PHYS - e->size &&
		    e->addr < end && start < e->addr + e->size)
			return true;
	}
	return false;
}

/* Linux's max_pfn: the end of the highest RAM range, in pages. */
static u64
end_of_ram_pfn(const struct numa_config *cfg)
{
	u64 last = 0;

	for (unsigned int i = 0; i < cfg->map_nr; i++) {
		const struct e820_entry *e = &cfg->map[i];

		if (e->type == E820_TYPE_RAM && e->size <= E820_MAX_PHYS &&
		    e->addr <= E820_MAX_PHYS - e->size)
			last = max(last, pfn_down(e->addr + e->size));
	}
	return last;
}

/* ---- node memory blocks --------------------------------------------------- */

static int
add_memblk(struct numa_meminfo *mi, int nid, u64 start, u64 end, bool hotplug)
{
	if (start >= end)
		return 0;
	if (mi->nr_blks >= NR_NODE_MEMBLKS) {
		pr_err("NUMA: too many memblk ranges\n");
		return -E2BIG;
	}
	mi->blk[mi->nr_blks++] = (struct numa_memblk){
		.start = start, .end = end, .nid = nid, .hotpluggable = hotplug,
	};
	return 0;
}

static void
remove_memblk(struct numa_meminfo *mi, int idx)
{
	mi->nr_blks--;
	memmove(&mi->blk[idx], &mi->blk[idx + 1],
		(size_t)(mi->nr_blks - idx) * sizeof(mi->blk[0]));
}

/*
 * Linux's numa_cleanup_meminfo: set aside blocks without RAM, cut blocks
 * at the end of RAM, then merge two blocks of one node when the span
 * covering both holds no other node's block.  Two nodes that overlap are
 * an error (-EINVAL); one node overlapping itself is only a warning.
 */
static int
cleanup_meminfo(const struct numa_config *cfg, struct numa_topology *t)
{
	struct numa_meminfo *mi = &t->meminfo;
	const u64 high = t->max_pfn << NUMA_PAGE_SHIFT;

	for (int i = 0; i < mi->nr_blks; i++) {
		struct numa_memblk *bi = &mi->blk[i];

		if (!overlaps_ram(cfg, bi->start, bi->end)) {
			add_memblk(&t->reserved, bi->nid, bi->start, bi->end,
				   bi->hotpluggable);
			remove_memblk(mi, i--);
			continue;
		}
		if (bi->end > high) {
			add_memblk(&t->reserved, bi->nid, high, bi->end,
				   bi->hotpluggable);
			bi->end = high;
		}
		if (bi->start >= bi->end)
			remove_memblk(mi, i--);
	}

	for (int i = 0; i < mi->nr_blks; i++) {
		struct numa_memblk *bi = &mi->blk[i];

		for (int j = i + 1; j < mi->nr_blks; j++) {
			struct numa_memblk *bj = &mi->blk[j];
			u64 start, end;
			int k;

			if (bi->end > bj->start && bi->start < bj->end) {
				if (bi->nid != bj->nid) {
					pr_err("node %d [mem %#010llx-%#010llx] overlaps with node %d [mem %#010llx-%#010llx]\n",
					       bi->nid, (unsigned long long)bi->start,
					       (unsigned long long)bi->end - 1,
					       bj->nid, (unsigned long long)bj->start,
					       (unsigned long long)bj->end - 1);
					return -EINVAL;
				}
				pr_warn("Warning: node %d [mem %#010llx-%#010llx] overlaps with itself [mem %#010llx-%#010llx]\n",
					bi->nid, (unsigned long long)bi->start,
					(unsigned long long)bi->end - 1,
					(unsigned long long)bj->start,
					(unsigned long long)bj->end - 1);
			}
			if (bi->nid != bj->nid)
				continue;
			start = min(bi->start, bj->start);
			end = max(bi->end, bj->end);
			for (k = 0; k < mi->nr_blks; k++) {
				const struct numa_memblk *bk = &mi->blk[k];

				if (bk->nid != bi->nid && start < bk->end &&
				    end > bk->start)
					break;
			}
			if (k < mi->nr_blks)
				continue;
			pr_info("NUMA: Node %d [mem %#010llx-%#010llx] + [mem %#010llx-%#010llx] -> [mem %#010llx-%#010llx]\n",
				bi->nid, (unsigned long long)bi->start,
				(unsigned long long)bi->end - 1,
				(unsigned long long)bj->start,
				(unsigned long long)bj->end - 1,
				(unsigned long long)start,
				(unsigned long long)end - 1);
			bi->start = start;
			bi->end = end;
			bi->hotpluggable = bi->hotpluggable && bj->hotpluggable;
			remove_memblk(mi, j--);
		}
	}

	/* Sorted by address, for whoever looks addresses up. */
	for (int i = 1; i < mi->nr_blks; i++) {
		struct numa_memblk b = mi->blk[i];
		int j = i;

		for (; j > 0 && mi->blk[j - 1].start > b.start; j--)
			mi->blk[j] = mi->blk[j - 1];
		mi->blk[j] = b;
	}
	return 0;
}

/* ---- proximity domains ---------------------------------------------------- */

/* Linux's acpi_map_pxm_to_node: first come, first served. */
static int
map_pxm_to_node(struct numa_topology *t, u32 pxm, int *nr_found)
{
	int node;

	if (pxm >= MAX_PXM_DOMAINS)
		return NUMA_NO_NODE;
	node = t->pxm_to_node[pxm];
	if (node == NUMA_NO_NODE) {
		if (*nr_found >= MAX_NUMNODES)
			return NUMA_NO_NODE;
		node = (*nr_found)++;
		t->pxm_to_node[pxm] = node;
		t->node_to_pxm[node] = (int)pxm;
	}
	return node;
}

/*
 * Start afresh (Linux: numa_init's resets).  Only what is read gets
 * cleared: the block lists by their counts, the distance table by
 * distance_cnt (as Linux's numa_distance_cnt), the CPU arrays by nr_cpus.
 */
static void
reset_topology(struct numa_topology *t)
{
	t->numa = t->slit_used = false;
	t->nr_node_ids = 0;
	t->distance_cnt = 0;
	t->max_pfn = 0;
	t->nr_cpus = 0;
	t->meminfo.nr_blks = t->reserved.nr_blks = t->hotplug.nr_blks = 0;
	for (int s = 0; s < NR_NODE_STATES; s++)
		t->node_states[s] = 0;
	for (int i = 0; i < MAX_PXM_DOMAINS; i++)
		t->pxm_to_node[i] = NUMA_NO_NODE;
	for (int i = 0; i < MAX_NUMNODES; i++) {
		t->node_to_pxm[i] = -1;
		t->present_pages[i] = 0;
	}
}

/* The node the SRAT gives this APIC id (the last entry wins), or -1. */
static int
srat_node_of_apic(const struct numa_config *cfg,
		  const struct numa_topology *t, u32 apic_id)
{
	int node = NUMA_NO_NODE;

	for (unsigned int i = 0; i < cfg->fw->nr_cpu_affinity; i++) {
		const struct numa_fw_cpu_affinity *c = &cfg->fw->cpu_affinity[i];

		if (c->apic_id == apic_id && apic_id < MAX_LOCAL_APIC &&
		    c->pxm < MAX_PXM_DOMAINS)
			node = t->pxm_to_node[c->pxm];
	}
	return node;
}

/*
 * Read the SRAT as Linux does.  Returns 0 with t->meminfo filled and the
 * parsed nodes in N_POSSIBLE, or a negative errno: then the caller fakes
 * one node.
 */
static int
numa_from_srat(const struct numa_config *cfg, struct numa_topology *t)
{
	const struct numa_firmware *fw = cfg->fw;
	int nr_found = 0;

	if (fw->affinity_bad) {
		pr_err("ACPI: SRAT: SRAT not used.\n");
		return -EINVAL;
	}
	for (unsigned int i = 0; i < fw->nr_cpu_affinity; i++) {
		const struct numa_fw_cpu_affinity *c = &fw->cpu_affinity[i];
		int node = map_pxm_to_node(t, c->pxm, &nr_found);
		int width = c->x2apic ? 4 : 2;	/* Linux: 0x%04x for x2APIC */

		if (node == NUMA_NO_NODE) {
			pr_err("SRAT: Too many proximity domains %x\n", c->pxm);
			pr_err("ACPI: SRAT: SRAT not used.\n");
			return -EINVAL;
		}
		if (c->apic_id >= MAX_LOCAL_APIC) {
			pr_info("SRAT: PXM %u -> APIC 0x%0*x -> Node %u skipped apicid that is too big\n",
				c->pxm, width, c->apic_id, node);
			continue;
		}
		node_set(t, node, N_POSSIBLE);
		pr_info("SRAT: PXM %u -> APIC 0x%0*x -> Node %u\n", c->pxm,
			width, c->apic_id, node);
	}
	for (unsigned int i = 0; i < fw->nr_mem_affinity; i++) {
		const struct numa_fw_mem_affinity *m = &fw->mem_affinity[i];
		bool hotplug = m->hotpluggable;
		int node = map_pxm_to_node(t, m->pxm, &nr_found);

		if (node == NUMA_NO_NODE) {
			pr_err("ACPI: SRAT: Too many proximity domains.\n");
			pr_err("ACPI: SRAT: SRAT not used.\n");
			return -EINVAL;
		}
		if (add_memblk(&t->meminfo, node, m->start, m->end, hotplug))
			return -E2BIG;
		if (hotplug)
			add_memblk(&t->hotplug, node, m->start, m->end, true);
		node_set(t, node, N_POSSIBLE);
		pr_info("ACPI: SRAT: Node %u PXM %u [mem %#010llx-%#010llx]%s%s\n",
			node, m->pxm, (unsigned long long)m->start,
			(unsigned long long)m->end - 1, hotplug ? " hotplug" : "",
			m->non_volatile ? " non-volatile" : "");
	}
	if (!fw->nr_mem_affinity)
		return -ENOENT;		/* no node memory: not NUMA */

	if (fw->localities) {
		/* Linux's numa_alloc_distance: a table for the parsed nodes. */
		t->distance_cnt = nr_found;
		for (int i = 0; i < nr_found; i++)
			for (int j = 0; j < nr_found; j++)
				t->distance[i][j] = i == j ? LOCAL_DISTANCE
							   : REMOTE_DISTANCE;

		for (u32 i = 0; i < fw->localities && i < MAX_PXM_DOMAINS; i++) {
			int from = t->pxm_to_node[i];

			if (from == NUMA_NO_NODE)
				continue;
			for (u32 j = 0; j < fw->localities && j < MAX_PXM_DOMAINS; j++) {
				int to = t->pxm_to_node[j];

				if (to != NUMA_NO_NODE)
					t->distance[from][to] = numa_fw_distance(fw, i, j);
			}
		}
		t->slit_used = true;
	}
	return 0;
}

/* Linux's numa_meminfo_cover_memory: at most 1 MiB of RAM outside nodes. */
static bool
meminfo_covers_ram(const struct numa_config *cfg, struct numa_topology *t)
{
	u64 numaram = 0, e820ram = ram_pages_in(cfg, 0, t->max_pfn << NUMA_PAGE_SHIFT);

	for (int i = 0; i < t->meminfo.nr_blks; i++)
		numaram += ram_pages_in(cfg, t->meminfo.blk[i].start,
					t->meminfo.blk[i].end);
	if (e820ram > numaram && e820ram - numaram >= (1ULL << (20 - NUMA_PAGE_SHIFT))) {
		pr_err("NUMA: nodes only cover %lluMB of your %lluMB e820 RAM. Not used.\n",
		       (unsigned long long)(numaram << NUMA_PAGE_SHIFT) >> 20,
		       (unsigned long long)(e820ram << NUMA_PAGE_SHIFT) >> 20);
		return false;
	}
	return true;
}

/* dummy_numa_init: one node 0 over all RAM. */
static void
fake_one_node(const struct numa_config *cfg, struct numa_topology *t)
{
	u64 max_pfn = t->max_pfn;

	reset_topology(t);
	t->max_pfn = max_pfn;
	pr_info("%s\n", cfg->numa_off ? "NUMA turned off" :
		"No NUMA configuration found");
	pr_info("Faking a node at [mem %#018llx-%#018llx]\n", 0ULL,
		(unsigned long long)(max_pfn << NUMA_PAGE_SHIFT) - 1);
	node_set(t, 0, N_POSSIBLE);
	add_memblk(&t->meminfo, 0, 0, max_pfn << NUMA_PAGE_SHIFT, false);
}

void
numa_setup(const struct numa_config *cfg, struct numa_topology *t)
{
	int err = -ENOENT;
	u64 memory_online = 0;
	int rr_nodes[MAX_NUMNODES], nr_rr = 0;

	reset_topology(t);
	t->max_pfn = end_of_ram_pfn(cfg);
	if (!cfg->numa_off && cfg->fw->has_affinity) {
		err = numa_from_srat(cfg, t);
		if (!err)
			err = cleanup_meminfo(cfg, t);
		if (!err && !meminfo_covers_ram(cfg, t))
			err = -EINVAL;
	}
	if (err)
		fake_one_node(cfg, t);
	else
		t->numa = true;

	/* Nodes of the blocks are possible too; the ones with RAM are online. */
	for (int i = 0; i < t->meminfo.nr_blks; i++) {
		const struct numa_memblk *b = &t->meminfo.blk[i];
		u64 pages = ram_pages_in(cfg, b->start, b->end);

		node_set(t, b->nid, N_POSSIBLE);
		t->present_pages[b->nid] += pages;
		if (pages) {
			memory_online |= 1ULL << b->nid;
			node_set(t, b->nid, N_MEMORY);
		}
	}
	for (int i = 0; i < t->reserved.nr_blks; i++)
		node_set(t, t->reserved.blk[i].nid, N_POSSIBLE);
	t->node_states[N_ONLINE] = memory_online;
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (memory_online >> nid & 1)
			rr_nodes[nr_rr++] = nid;
		if (t->node_states[N_POSSIBLE] >> nid & 1)
			t->nr_node_ids = nid + 1;
	}

	/*
	 * CPUs: round-robin over the nodes with memory first (Linux's
	 * numa_init_array runs before any CPU has a node, so CPU i gets the
	 * i-th of them), then the SRAT's node for the CPUs it names.
	 */
	t->nr_cpus = min(cfg->fw->nr_cpus, (unsigned int)NR_CPUS);
	for (unsigned int cpu = 0; cpu < t->nr_cpus; cpu++)
		t->cpu_apic[cpu] = cfg->fw->cpus[cpu].apic_id;
	/* No CPU list from the firmware: one CPU, the one running this. */
	if (!t->nr_cpus) {
		t->nr_cpus = 1;
		t->cpu_apic[0] = 0;
	}
	for (unsigned int cpu = 0; cpu < t->nr_cpus; cpu++) {
		int node = nr_rr ? rr_nodes[cpu % nr_rr] : 0;

		if (t->numa) {
			int srat_node = srat_node_of_apic(cfg, t, t->cpu_apic[cpu]);

			if (srat_node != NUMA_NO_NODE)
				node = srat_node;
		}
		t->cpu_node[cpu] = node;
		node_set(t, node, N_ONLINE);	/* memoryless, if need be */
		node_set(t, node, N_POSSIBLE);
		node_set(t, node, N_CPU);
		if (node >= t->nr_node_ids)
			t->nr_node_ids = node + 1;
	}
}

/* ---- fallback order --------------------------------------------------------- */

/* Linux's find_next_best_node: the local node first, then by score. */
static int
next_best_node(const struct numa_topology *t, int node, u64 *used,
	       const int *load, enum numa_fallback_time when)
{
	int best = NUMA_NO_NODE, min_val = 0x7fffffff;

	if (!(*used >> node & 1)) {
		*used |= 1ULL << node;
		return node;
	}
	for (int n = 0; n < t->nr_node_ids; n++) {
		int val;

		if (!(t->node_states[N_MEMORY] >> n & 1) || (*used >> n & 1))
			continue;
		val = numa_distance(t, node, n);
		val += n < node;	/* prefer the nodes above us */
		/* At boot no CPU is attached to its node yet: no term. */
		if (when == NUMA_FALLBACK_REBUILD &&
		    (t->node_states[N_CPU] >> n & 1))
			val += PENALTY_FOR_NODE_WITH_CPUS;
		val = val * MAX_NUMNODES + load[n];
		if (val < min_val) {
			min_val = val;
			best = n;
		}
	}
	if (best >= 0)
		*used |= 1ULL << best;
	return best;
}

/* Linux's build_zonelists for one node: its order, loads updated. */
static int
build_order(const struct numa_topology *t, int local, int *load, int *order,
	    enum numa_fallback_time when)
{
	u64 used = 0;
	int prev = local, node, nr = 0;

	while ((node = next_best_node(t, local, &used, load, when)) >= 0) {
		/* The first node of each distance group gets a load. */
		if (numa_distance(t, local, node) != numa_distance(t, local, prev))
			load[node]++;
		order[nr++] = node;
		prev = node;
	}
	return nr;
}

int
numa_fallback_order_of(const struct numa_topology *t, int nid, int *order,
		       enum numa_fallback_time when)
{
	int load[MAX_NUMNODES] = { 0 };
	int nr = 0;

	if (!numa_node_state(t, nid, N_POSSIBLE))
		return 0;
	/*
	 * build_all_zonelists: the loads start at zero once, then build up
	 * over the possible nodes in id order; replay the nodes before nid.
	 */
	for (int local = 0; local <= nid; local++)
		if (numa_node_state(t, local, N_POSSIBLE))
			nr = build_order(t, local, load, order, when);
	return nr;
}

void
numa_fallback_orders(const struct numa_topology *t,
		     int orders[MAX_NUMNODES][MAX_NUMNODES], int *counts,
		     enum numa_fallback_time when)
{
	int load[MAX_NUMNODES] = { 0 };

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		counts[nid] = numa_node_state(t, nid, N_POSSIBLE) ?
			      build_order(t, nid, load, orders[nid], when) : 0;
}

/* ---- the kernel's NUMA state ------------------------------------------------ */

struct numa_topology numa_topology = {
	.nr_node_ids = 1,
	.node_states = { 1, 1, 1, 0 },		/* node 0 until numa_init() */
	.nr_cpus = 1,
};
bool numa_off;

/*
 * numa=off: one node, whatever the SRAT says (Linux's numa=off).
 * params.c lets only the values below through and names them otherwise.
 */
static const char *const numa_values[] = { "off", NULL };

static int
numa_setup_param(const char *val)
{
	if (val && !strcmp(val, "off")) {
		numa_off = true;
		return 0;
	}
	return -EINVAL;
}
early_param_choice("numa", numa_setup_param, numa_values);

void
numa_init(const struct numa_firmware *fw)
{
	struct numa_config cfg = {
		.fw = fw,
		.map = e820_table.entries, .map_nr = e820_table.nr_entries,
		.numa_off = numa_off,
	};

	numa_setup(&cfg, &numa_topology);
}

int
num_node_state(enum node_states s)
{
	return nodes_weight(numa_topology.node_states[s]);
}

int
cpu_to_node(unsigned int cpu)
{
	return cpu < numa_topology.nr_cpus ? numa_topology.cpu_node[cpu] : 0;
}

int
node_distance(int a, int b)
{
	return numa_distance(&numa_topology, a, b);
}

u64
node_present_pages_of(int nid)
{
	return nid >= 0 && nid < MAX_NUMNODES ? numa_topology.present_pages[nid] : 0;
}

int
numa_fallback_order(int nid, int *order)
{
	return numa_fallback_order_of(&numa_topology, nid, order,
				      NUMA_FALLBACK_BOOT);
}

void
numa_print_fallback(void)
{
	static int orders[MAX_NUMNODES][MAX_NUMNODES], counts[MAX_NUMNODES];

	numa_fallback_orders(&numa_topology, orders, counts, NUMA_FALLBACK_BOOT);
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!counts[nid])
			continue;
		/* Linux prints each node followed by a space, trailing one too. */
		pr_info("Fallback order for Node %d: ", nid);
		for (int i = 0; i < counts[nid]; i++)
			pr_cont("%d ", orders[nid][i]);
		pr_cont("\n");
	}
}

void
numa_print_hardware(unsigned long (*free_pages_of_node)(int nid))
{
	numa_print_hardware_cpus(free_pages_of_node, NULL);
}

void
numa_print_hardware_cpus(unsigned long (*free_pages_of_node)(int nid),
			 const unsigned long *online_cpus)
{
	u64 online = numa_topology.node_states[N_ONLINE];
	int maxnode = 63 - __builtin_clzll(online | 1), prev = -1;
	bool in_range = false;

	/* "available: 4 nodes (0-3)": runs of node ids as numactl writes them. */
	pr_info("available: %d nodes (", nodes_weight(online));
	for (int i = 0; i <= maxnode; i++) {
		if (!(online >> i & 1))
			continue;
		if (prev < 0) {
			pr_cont("%d", i);
		} else if (i > prev + 1) {
			if (in_range)
				pr_cont("%d", prev);
			in_range = false;
			pr_cont(",%d", i);
		} else if (!in_range) {
			pr_cont("-");
			in_range = true;
		}
		prev = i;
	}
	if (in_range)
		pr_cont("%d", prev);
	pr_cont(")\n");

	for (int nid = 0; nid <= maxnode; nid++) {
		if (!node_online(nid))
			continue;
		pr_info("node %d cpus:", nid);
		for (unsigned int cpu = 0; cpu < numa_topology.nr_cpus; cpu++)
			if (numa_topology.cpu_node[cpu] == nid &&
			    (!online_cpus ||
			     (online_cpus[cpu / 64] >> (cpu % 64) & 1)))
				pr_cont(" %u", cpu);
		pr_cont("\n");
		pr_info("node %d size: %llu MB\n", nid,
			(unsigned long long)(numa_topology.present_pages[nid] <<
					     NUMA_PAGE_SHIFT) >> 20);
		if (free_pages_of_node)
			pr_info("node %d free: %llu MB\n", nid,
				((unsigned long long)free_pages_of_node(nid) <<
				 NUMA_PAGE_SHIFT) >> 20);
		else
			pr_info("node %d free: <not available>\n", nid);
	}
	pr_info("node distances:\n");
	pr_info("node ");
	for (int i = 0; i <= maxnode; i++)
		if (node_online(i))
			pr_cont("% 3d ", i);
	pr_cont("\n");
	for (int i = 0; i <= maxnode; i++) {
		if (!node_online(i))
			continue;
		pr_info("% 3d: ", i);
		for (int k = 0; k <= maxnode; k++)
			if (node_online(k))
				pr_cont("% 3d ", node_distance(i, k));
		pr_cont("\n");
	}
}
