/*
 * arch/x86/setup_percpu.c - one copy of the per-CPU section per CPU.
 *
 * Teaches: until the NUMA topology is known the boot CPU runs on the
 * template itself (GS points at __per_cpu_start, offset 0).  Once memblock
 * knows which memory belongs to which node, every possible CPU gets its
 * copy from its own node, so the data a CPU touches on every interrupt
 * and every context switch is local memory.  A CPU of a memory-less node
 * gets its copy from the nearest node with memory (memblock's fallback).
 *
 * What the boot CPU wrote into the template before the copy is inherited
 * by every CPU; after the copy the template is never used again (a pointer
 * taken into it before this point would be stale: nothing keeps one).
 * Linux counterpart: arch/x86/kernel/setup_percpu.c, mm/percpu.c.
 */
#include "arch/x86/boot_layout.h"
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/memblock.h"
#include "mm/numa.h"

/* Not DEFINE_PER_CPU: it must be first, in a section of its own. */
__attribute__((section(".data..percpu..hot"))) struct percpu_hot percpu_hot = {
	.this_cpu_off = 0,
	.cpu_number = 0,
	.numa_node = 0,
};

unsigned long __per_cpu_offset[NR_CPUS];

void
percpu_load_gs(unsigned int cpu)
{
	wrmsr(MSR_GS_BASE, (unsigned long)__per_cpu_start +
	      __per_cpu_offset[cpu]);
}

void
setup_per_cpu_areas(void)
{
	unsigned long size = __per_cpu_end - __per_cpu_start;
	unsigned int nr = numa_topology.nr_cpus ? numa_topology.nr_cpus : 1;

	for (unsigned int cpu = 0; cpu < nr; cpu++) {
		int nid = cpu_to_node(cpu);
		char *copy = memblock_alloc_node(size, PAGE_SIZE,
						 nid < 0 ? 0 : nid);
		struct percpu_hot *hot;

		if (!copy)
			panic("per-CPU area of CPU %u (%lu bytes) does not fit",
			      cpu, size);
		memcpy(copy, __per_cpu_start, size);
		__per_cpu_offset[cpu] = (unsigned long)copy -
					(unsigned long)__per_cpu_start;
		hot = per_cpu_ptr(&percpu_hot, cpu);
		hot->this_cpu_off = __per_cpu_offset[cpu];
		hot->cpu_number = cpu;
		hot->numa_node = nid < 0 ? 0 : nid;
	}
	pr_info("percpu: %u copies of %lu bytes, each on its CPU's node\n",
		nr, size);
	/* From here on the boot CPU uses its own copy. */
	percpu_load_gs(0);
}
