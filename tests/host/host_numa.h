/*
 * tests/host/host_numa.h - a hand-made machine for the NUMA host tests
 * (test_numa.c, test_numa_fallback.c): memory map, the firmware's
 * description (struct numa_firmware, as the ACPI drivers would fill it)
 * and numa_setup() on them.
 *
 * A test calls host_numa_reset(), describes the machine with ram(),
 * cpus(), cpu(), mem() and slit(), then run(), and reads topo and
 * host_log.  Linux counterpart: none.
 */
#ifndef PAGODA_HOST_NUMA_H
#define PAGODA_HOST_NUMA_H

#include "arch/x86/e820.h"
#include "mm/numa.h"

#define MiB	(1ULL << 20)
#define GiB	(1ULL << 30)

/* mem() flags. */
#define HN_HOTPLUG	(1U << 0)
#define HN_NONVOLATILE	(1U << 1)

extern struct numa_firmware fw;		/* what the firmware says */
extern struct numa_topology topo;	/* what numa_setup() made of it */
extern struct e820_entry map[E820_MAX_ENTRIES];
extern unsigned int map_nr;
extern bool numa_off_opt;		/* numa=off */

/* An empty machine: no RAM, no CPUs, an empty SRAT, no SLIT. */
void host_numa_reset(void);
/* RAM [start, end) in the firmware memory map. */
void ram(u64 start, u64 end);
/* MADT: n CPUs with APIC ids 0..n-1, all present. */
void cpus(unsigned int n);
/* SRAT: the CPU with this APIC id is in proximity domain pxm. */
void cpu(u32 apic, u32 pxm);
/* SRAT: [start, end) is in proximity domain pxm; HN_* flags. */
void mem(u64 start, u64 end, u32 pxm, unsigned int flags);
/* SLIT: n x n distances, by PXM. */
void slit(unsigned int n, const u8 *d);
/* numa_setup() on all that, with a fresh host_log. */
void run(void);
bool state(int nid, enum node_states s);

/* QEMU's 2-socket machine: 1 GiB per node, as tools/topologies/2s.json. */
void qemu_2s(void);

#endif
