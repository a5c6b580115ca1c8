/*
 * tests/host/host_numa.c - the hand-made machine of host_numa.h.
 * Linux counterpart: none.
 */
#include "tests/host/host_numa.h"

#include "lib/string.h"
#include "tests/host/host_printk.h"

struct numa_firmware fw;
struct numa_topology topo;
struct e820_entry map[E820_MAX_ENTRIES];
unsigned int map_nr;
bool numa_off_opt;

void
host_numa_reset(void)
{
	memset(&fw, 0, sizeof(fw));
	fw.has_affinity = true;
	map_nr = 0;
	numa_off_opt = false;
}

void
ram(u64 start, u64 end)
{
	map[map_nr++] = (struct e820_entry){ start, end - start, E820_TYPE_RAM };
}

void
cpus(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		fw.cpus[i] = (struct numa_fw_cpu){ .apic_id = i, .enabled = true };
	fw.nr_cpus = n;
}

void
cpu(u32 apic, u32 pxm)
{
	fw.cpu_affinity[fw.nr_cpu_affinity++] = (struct numa_fw_cpu_affinity){
		.apic_id = apic, .pxm = pxm, .x2apic = apic > 0xff,
	};
}

void
mem(u64 start, u64 end, u32 pxm, unsigned int flags)
{
	fw.mem_affinity[fw.nr_mem_affinity++] = (struct numa_fw_mem_affinity){
		.start = start, .end = end, .pxm = pxm,
		.hotpluggable = flags & HN_HOTPLUG,
		.non_volatile = flags & HN_NONVOLATILE,
	};
}

void
slit(unsigned int n, const u8 *d)
{
	fw.localities = n;
	fw.distance = d;
}

void
run(void)
{
	struct numa_config cfg = {
		.fw = &fw, .map = map, .map_nr = map_nr, .numa_off = numa_off_opt,
	};

	host_log_clear();
	numa_setup(&cfg, &topo);
}

bool
state(int nid, enum node_states s)
{
	return numa_node_state(&topo, nid, s);
}

void
qemu_2s(void)
{
	host_numa_reset();
	ram(0, 0x9fc00);
	ram(0x100000, 0x7ffe0000);
	cpu(0, 0), cpu(1, 0), cpu(2, 1), cpu(3, 1);
	mem(0, 0xa0000, 0, 0);
	mem(0x100000, 0x40000000, 0, 0);
	mem(0x40000000, 0x80000000, 1, 0);
	cpus(4);
}
