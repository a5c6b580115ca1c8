/*
 * mm/numa_firmware.h - what the firmware says about the machine's NUMA
 * topology, in words the memory manager understands.
 *
 * Teaches: dependencies go one way.  The ACPI drivers read the MADT, the
 * SRAT and the SLIT and fill this description; mm/numa.c turns it into
 * nodes without knowing any table layout.  Another firmware (a device
 * tree, a host test, a fuzzer) only has to fill the same structure.
 * Linux counterpart: the calls drivers/acpi/numa/srat.c makes into
 * arch/x86/mm/numa.c (numa_add_memblk, numa_set_distance,
 * set_apicid_to_node) and the possible-CPU map prefill_possible_map
 * builds; here they are data instead of calls.
 */
#ifndef PAGODA_MM_NUMA_FIRMWARE_H
#define PAGODA_MM_NUMA_FIRMWARE_H

#include "kernel/types.h"

#ifndef NR_CPUS
#define NR_CPUS			256
#endif
#define NUMA_FW_MAX_CPU_AFFINITY 512	/* CPU affinity entries kept */
#define NUMA_FW_MAX_MEM_AFFINITY 128	/* memory affinity entries kept */
#define MAX_PXM_DOMAINS		256	/* as Linux: larger PXMs are refused */
#define MAX_LOCAL_APIC		32768	/* as Linux: larger APIC ids skipped */

/* A possible CPU; the kernel's CPU number is its index. */
struct numa_fw_cpu {
	u32 apic_id;
	bool enabled;		/* present now; false: may be plugged later */
};

/* "The CPU with this APIC id belongs to proximity domain pxm." */
struct numa_fw_cpu_affinity {
	u32 apic_id;
	u32 pxm;		/* the firmware's domain number, not a node id */
	bool x2apic;		/* Linux prints such ids with 4 hex digits */
};

/* "Physical memory [start, end) belongs to proximity domain pxm." */
struct numa_fw_mem_affinity {
	u64 start, end;		/* nonempty, below 2^52 */
	u32 pxm;
	bool hotpluggable;	/* may be added or removed at run time */
	bool non_volatile;	/* persistent memory */
};

struct numa_firmware {
	/* CPUs, numbered as Linux numbers them (present ones first). */
	unsigned int nr_cpus;			/* 0: the firmware lists none */
	struct numa_fw_cpu cpus[NR_CPUS];

	/*
	 * Affinity (ACPI: the SRAT), only the enabled entries, in Linux's
	 * reading order: every CPU entry, then every memory entry.
	 * affinity_bad: the firmware's table was malformed, and Linux then
	 * ignores all of it.
	 */
	bool has_affinity;
	bool affinity_bad;
	unsigned int nr_cpu_affinity, nr_mem_affinity;
	struct numa_fw_cpu_affinity cpu_affinity[NUMA_FW_MAX_CPU_AFFINITY];
	struct numa_fw_mem_affinity mem_affinity[NUMA_FW_MAX_MEM_AFFINITY];

	/*
	 * Distances (ACPI: the SLIT), localities x localities, row-major,
	 * indexed by PXM; only a sane table is handed over (10 on the
	 * diagonal, more elsewhere).  localities == 0: none.
	 */
	u32 localities;
	const u8 *distance;
};

static inline u8
numa_fw_distance(const struct numa_firmware *fw, u32 from_pxm, u32 to_pxm)
{
	return fw->distance[(size_t)from_pxm * fw->localities + to_pxm];
}

#endif
