/*
 * mm/numa.h - NUMA nodes: which memory and CPUs each has, how far apart.
 *
 * Teaches: what the kernel keeps of the firmware's NUMA description:
 * memory ranges and CPUs per node, the node states (possible, online,
 * with memory, with CPUs), the distance table and the mapping between
 * ACPI proximity domains and node numbers.  numa_setup() is a pure
 * function of its inputs, so every firmware layout can be tried on the
 * host; numa.c explains how Linux's rules turn the SRAT into nodes.
 * Linux counterpart: arch/x86/include/asm/numa.h, include/linux/nodemask.h,
 * include/linux/topology.h.
 */
#ifndef PAGODA_MM_NUMA_H
#define PAGODA_MM_NUMA_H

#include "arch/x86/e820.h"
#include "kernel/types.h"
#include "mm/numa_firmware.h"

#ifndef MAX_NUMNODES
#define MAX_NUMNODES		64
#endif
#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE		(-1)
#endif
#define NR_NODE_MEMBLKS		(MAX_NUMNODES * 2)
#define LOCAL_DISTANCE		10
#define REMOTE_DISTANCE		20

/* A range of physical memory and its node. */
struct numa_memblk {
	u64 start, end;		/* [start, end) */
	int nid;
	bool hotpluggable;	/* SRAT said hot-pluggable (all of it) */
};

struct numa_meminfo {
	int nr_blks;
	struct numa_memblk blk[NR_NODE_MEMBLKS];
};

/* Node states (Linux: enum node_states), as bit masks over node ids. */
enum node_states {
	N_POSSIBLE,	/* named by the SRAT (or the fake node 0) */
	N_ONLINE,	/* has memory, or CPUs (a memoryless node) */
	N_MEMORY,	/* has present memory */
	N_CPU,		/* has CPUs */
	NR_NODE_STATES
};

/* What NUMA setup decides; pure data, built by numa_setup(). */
struct numa_topology {
	bool numa;			/* from the SRAT; false: one fake node */
	bool slit_used;
	int nr_node_ids;		/* highest possible node + 1 (Linux's
					   nr_node_ids) */
	u64 node_states[NR_NODE_STATES];
	int pxm_to_node[MAX_PXM_DOMAINS];
	int node_to_pxm[MAX_NUMNODES];	/* -1: none */
	u64 max_pfn;			/* end of usable RAM, in pages */
	u64 present_pages[MAX_NUMNODES];	/* RAM pages per node */
	int distance_cnt;		/* distance[][] holds nodes below this */
	u8 distance[MAX_NUMNODES][MAX_NUMNODES];
	struct numa_meminfo meminfo;	/* node blocks, merged, sorted */
	struct numa_meminfo reserved;	/* SRAT ranges without RAM (or above it) */
	struct numa_meminfo hotplug;	/* SRAT ranges flagged hot-pluggable */
	unsigned int nr_cpus;		/* possible CPUs (Linux's nr_cpu_ids) */
	int cpu_node[NR_CPUS];
	u32 cpu_apic[NR_CPUS];
};

/* Inputs of numa_setup(), so host tests can hand-make every one. */
struct numa_config {
	const struct numa_firmware *fw;	/* CPUs, affinity, distances */
	const struct e820_entry *map;	/* the sanitized firmware map */
	unsigned int map_nr;
	bool numa_off;			/* numa=off */
};

/*
 * Linux's NUMA setup on these inputs, printing what Linux prints (SRAT
 * lines, merges, "Faking a node" when there is no usable SRAT).  Always
 * succeeds: any inconsistency falls back to one node covering all RAM.
 */
void numa_setup(const struct numa_config *cfg, struct numa_topology *t);

/*
 * When the fallback order is built.  Linux 6.1 scores each candidate
 * node n of node nid as distance + (n < nid) + (n has CPUs), but at boot
 * it builds the zonelists before any CPU has been attached to its node
 * (x86 does that later, as each CPU is brought up), so the CPU term adds
 * nothing then; it counts only when the zonelists are rebuilt, on memory
 * hot-plug.
 */
enum numa_fallback_time {
	NUMA_FALLBACK_BOOT,		/* no node has CPUs yet */
	NUMA_FALLBACK_REBUILD,		/* nodes with CPUs score one more */
};

/*
 * Linux 6.1's fallback order of node nid (build_zonelists): itself, then
 * the nodes with memory by their score (above) scaled, plus a load that
 * rotates nodes at equal distance; the loads build up over the nodes in
 * id order, so this replays nodes 0..nid.  Returns the number of nodes
 * written to order (0 if nid is not a possible node).
 */
int numa_fallback_order_of(const struct numa_topology *t, int nid, int *order,
			   enum numa_fallback_time when);
/* The same for every node at once: counts[nid] = 0 if nid is not possible. */
void numa_fallback_orders(const struct numa_topology *t,
			  int orders[MAX_NUMNODES][MAX_NUMNODES], int *counts,
			  enum numa_fallback_time when);

static inline bool
numa_node_state(const struct numa_topology *t, int nid, enum node_states s)
{
	return nid >= 0 && nid < MAX_NUMNODES &&
	       (t->node_states[s] >> nid & 1);
}

/* Linux's __node_distance: the SLIT's value, or 10 locally and 20 remotely. */
static inline int
numa_distance(const struct numa_topology *t, int a, int b)
{
	if (a < 0 || b < 0 || a >= t->distance_cnt || b >= t->distance_cnt)
		return a == b ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	return t->distance[a][b];
}

/* ---- the kernel's NUMA state, after numa_init() -------------------------- */

/*
 * The one copy of the kernel's topology: node blocks (meminfo), reserved
 * and hot-pluggable ranges, nr_node_ids, the CPUs and their nodes.  Read
 * it directly; nothing else keeps a copy.
 */
extern struct numa_topology numa_topology;
/* numa=off: ignore the firmware's affinity and distances (one node). */
extern bool numa_off;

/* Nodes from the firmware's description (acpi_numa_firmware_init()). */
void numa_init(const struct numa_firmware *fw);

static inline bool
node_state(int nid, enum node_states s)
{
	return numa_node_state(&numa_topology, nid, s);
}

static inline bool node_online(int nid) { return node_state(nid, N_ONLINE); }
static inline bool node_possible(int nid) { return node_state(nid, N_POSSIBLE); }
static inline bool node_has_memory(int nid) { return node_state(nid, N_MEMORY); }
static inline bool node_has_cpus(int nid) { return node_state(nid, N_CPU); }

/* Nodes in a state (Linux: num_node_state), e.g. N_ONLINE. */
int num_node_state(enum node_states s);

int cpu_to_node(unsigned int cpu);
/* SLIT distance (10 = local), or 10/20 without a valid SLIT. */
int node_distance(int a, int b);
/* RAM pages of node nid (present, not necessarily free). */
u64 node_present_pages_of(int nid);

/* The boot-time numa_fallback_order_of() on the kernel's topology. */
int numa_fallback_order(int nid, int *order);
/* "Fallback order for Node N: ..." for every possible node. */
void numa_print_fallback(void);
/* The `numactl --hardware` layout; free pages from the callback. */
void numa_print_hardware(unsigned long (*free_pages_of_node)(int nid));
/*
 * The same listing only the CPUs set in online_cpus (a bitmap by CPU
 * number; NULL: every possible CPU), as numactl shows the online ones.
 */
void numa_print_hardware_cpus(unsigned long (*free_pages_of_node)(int nid),
			      const unsigned long *online_cpus);

#endif
