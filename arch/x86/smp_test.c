/*
 * arch/x86/smp_test.c - KTAP suite "smp": are all the CPUs really up?
 *
 * Teaches: what "a CPU is up" means, checked against facts the harness
 * passes from the QEMU configuration (ktest.cpus, ktest.cpu_nodes,
 * ktest.node_mem_mb) rather than against what smpboot computed: every
 * CPU is online (within nosmp/maxcpus=), each one, reading its own GS,
 * finds its own number and the node SRAT gives it, per-CPU copies are
 * distinct and each holds what its CPU wrote, the per-CPU copy and the
 * stacks of a CPU sit in its node's memory, each CPU has its own TSS
 * and IST stacks, and a CPU that never answers is given up in bounded
 * time.  What each CPU sees is read on that CPU twice: what it recorded
 * about itself at start-up (struct cpu_boot_record), and now, running a
 * function there with smp_call_function_single().
 * Linux counterpart: none as such; lib/test_cpumask.c, and what
 * /sys/devices/system/cpu/online and numactl show.
 */
#include "arch/x86/cpufeature.h"
#include "arch/x86/desc.h"
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "arch/x86/smpboot.h"
#include "arch/x86/stack.h"
#include "arch/x86/apic.h"
#include "drivers/tsc.h"
#include "kernel/cpumask.h"
#include "kernel/ktest.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "lib/vsprintf.h"
#include "lib/string.h"
#include "mm/numa.h"
#include "mm/pgtable.h"
#include "mm/pgtable_ops.h"

static u64 want[NR_CPUS];

static int
cpu_facts(struct ktest *t, const char *list, const char *name, int n)
{
	return ktest_facts(t, list, name, n, want, ARRAY_SIZE(want));
}

/* The CPUs the command line lets Linux start, out of ktest.cpus. */
static unsigned int
expected_online(void)
{
	unsigned long max = nosmp ? 1 : setup_max_cpus ? setup_max_cpus : 1;

	return ktest_cpus < max ? ktest_cpus : max;
}

/* The node of a physical address, from the SRAT's ranges (meminfo). */
static int
phys_to_nid(phys_addr_t pa)
{
	for (int i = 0; i < numa_topology.meminfo.nr_blks; i++) {
		const struct numa_memblk *b = &numa_topology.meminfo.blk[i];

		if (pa >= b->start && pa < b->end)
			return b->nid;
	}
	return NUMA_NO_NODE;
}

static phys_addr_t
virt_to_phys_walk(unsigned long va)
{
	struct pt_walk w;

	pt_walk(read_cr3(), va, &w);
	return w.mapped ? w.phys : (phys_addr_t)-1;
}

static void
all_cpus_online(struct ktest *t)
{
	unsigned int n = expected_online();

	if (!ktest_cpus)
		ktest_skip(t, "no ktest.cpus from the harness");
	ktest_log(t, "%lu CPUs, %u expected online", ktest_cpus, n);
	/* Linux counts every CPU as possible, whatever nosmp/maxcpus= say. */
	KT_EXPECT_EQ(t, nr_cpu_ids, ktest_cpus);
	KT_EXPECT_EQ(t, cpumask_weight(&cpu_possible_mask), ktest_cpus);
	KT_EXPECT_EQ(t, num_online_cpus(), n);
	/* They are started in order: 0 .. n-1. */
	for (unsigned int cpu = 0; cpu < ktest_cpus; cpu++)
		KT_EXPECT_EQ(t, cpu_online(cpu), cpu < n);
}

static void
each_cpu_on_its_node(struct ktest *t)
{
	int n = cpu_facts(t, ktest_cpu_nodes, "cpu_nodes", (int)ktest_cpus);
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		const struct cpu_boot_record *r = cpu_boot_record_of(cpu);

		KT_ASSERT_TRUE(t, (int)cpu < n);
		KT_EXPECT_TRUE(t, r->written);
		/* Read on that CPU, through its own GS. */
		KT_EXPECT_EQ(t, r->cpu, cpu);
		KT_EXPECT_EQ(t, r->node, (int)want[cpu]);
		/* Its APIC says the id the MADT lists for it. */
		KT_EXPECT_EQ(t, r->apic_id, numa_topology.cpu_apic[cpu]);
	}
	KT_EXPECT_EQ(t, numa_node_id(), (int)want[0]);	/* we are CPU 0 */
}

static void
apic_ids_distinct(struct ktest *t)
{
	unsigned int a, b;

	for_each_online_cpu(a)
		for_each_online_cpu(b)
			if (a < b)
				KT_EXPECT_NE(t, cpu_boot_record_of(a)->apic_id,
					     cpu_boot_record_of(b)->apic_id);
}

static void
per_cpu_data_isolated(struct ktest *t)
{
	unsigned long size = __per_cpu_end - __per_cpu_start;
	unsigned int a, b;

	/* Every possible CPU has its own copy, none overlapping another. */
	for_each_possible_cpu(a)
		for_each_possible_cpu(b) {
			unsigned long pa = (unsigned long)cpu_boot_record_of(a);
			unsigned long pb = (unsigned long)cpu_boot_record_of(b);

			if (a < b)
				KT_EXPECT_GE(t, pa > pb ? pa - pb : pb - pa, size);
		}
	for_each_possible_cpu(a) {
		const struct cpu_boot_record *r = cpu_boot_record_of(a);

		/* Written by its CPU through GS, holding that CPU's values. */
		KT_EXPECT_EQ(t, r->written, cpu_online(a));
		if (!cpu_online(a))
			continue;
		KT_EXPECT_EQ(t, r->cpu, a);
		KT_EXPECT_EQ(t, r->gs_base,
			     (unsigned long)__per_cpu_start + __per_cpu_offset[a]);
		KT_EXPECT_EQ(t, ((struct percpu_hot *)r->gs_base)->cpu_number, a);
	}
	/* No CPU wrote into the template. */
	KT_EXPECT_FALSE(t, cpu_boot_record_template()->written);
	/* What this CPU writes now lands in its copy only. */
	KT_EXPECT_EQ(t, this_cpu_ptr(&percpu_hot), per_cpu_ptr(&percpu_hot, 0));
}

static void
gs_and_stacks_on_own_node(struct ktest *t)
{
	int n = cpu_facts(t, ktest_cpu_nodes, "cpu_nodes", (int)ktest_cpus);
	u64 nodes[MAX_NUMNODES] = { 0 }, mem[MAX_NUMNODES];
	int nn;
	unsigned int cpu;

	memcpy(nodes, want, n * sizeof(u64));
	nn = cpu_facts(t, ktest_node_mem_mb, "node_mem_mb", -1);
	memcpy(mem, want, nn * sizeof(u64));
	for_each_online_cpu(cpu) {
		const struct cpu_boot_record *r = cpu_boot_record_of(cpu);
		int nid = (int)nodes[cpu];
		const struct kstack *ks = kstack_of(r->stack);
		char name[24];

		if (nid >= nn || !mem[nid] || ktest_nodes < 2)
			continue;	/* memoryless: memory from elsewhere */
		KT_EXPECT_EQ(t, phys_to_nid(virt_to_phys_walk(r->gs_base)), nid);
		KT_ASSERT_TRUE(t, ks != NULL);
		if (cpu == 0)
			continue;	/* the boot stack is in the image */
		snprintf(name, sizeof(name), "CPU%u stack", cpu);
		KT_EXPECT_STREQ(t, ks->name, name);
		KT_EXPECT_EQ(t, ks->top, cpu_stack_top[cpu]);
		KT_EXPECT_EQ(t, phys_to_nid(virt_to_phys_walk(ks->bottom)), nid);
		KT_EXPECT_EQ(t, phys_to_nid(virt_to_phys_walk(ks->top - 1)), nid);
		for (int i = 0; i < IST_COUNT; i++) {
			unsigned long ist = per_cpu_ptr(&cpu_tss, cpu)->ist[i];

			KT_EXPECT_EQ(t, phys_to_nid(virt_to_phys_walk(ist - 1)),
				     nid);
		}
	}
}

static void
own_tss_and_ist_stacks(struct ktest *t)
{
	unsigned int a, b;

	for_each_online_cpu(a) {
		const struct tss64 *tss = per_cpu_ptr(&cpu_tss, a);
		const u64 *gdt = per_cpu_ptr(&gdt_page, a)->gdt;
		unsigned long base = (gdt[5] >> 16 & 0xffffff) |
				     (gdt[5] >> 56 & 0xff) << 24 | gdt[6] << 32;

		/* Its GDT's TSS descriptor names its own TSS, loaded (busy). */
		KT_EXPECT_EQ(t, base, (unsigned long)tss);
		KT_EXPECT_EQ(t, gdt[5] >> 40 & 0xf, 0xb);
		for (int i = 0; i < IST_COUNT; i++) {
			const struct kstack *ks = kstack_of(tss->ist[i] - 8);

			KT_ASSERT_TRUE(t, ks != NULL);
			KT_EXPECT_EQ(t, ks->top, tss->ist[i]);
		}
		for_each_online_cpu(b)
			for (int i = 0; a < b && i < IST_COUNT; i++)
				KT_EXPECT_NE(t, tss->ist[i],
					     per_cpu_ptr(&cpu_tss, b)->ist[i]);
	}
}

static void
same_features_as_boot_cpu(struct ktest *t)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		const struct cpu_boot_record *r = cpu_boot_record_of(cpu);

		KT_EXPECT_EQ(t, !!(r->cr4 & X86_CR4_SMEP), cpu_smep_enabled);
		KT_EXPECT_EQ(t, !!(r->cr4 & X86_CR4_SMAP), cpu_smap_enabled);
		KT_EXPECT_EQ(t, !!(r->cr4 & X86_CR4_PGE), boot_cpu_data.pge);
		KT_EXPECT_TRUE(t, r->efer & EFER_NXE);
		KT_EXPECT_EQ(t, r->cr4, read_cr4());
		KT_EXPECT_EQ(t, r->efer, rdmsr(MSR_EFER));
	}
}

/* A possible CPU that was never started is given up within the bound. */
static void
silent_cpu_is_skipped(struct ktest *t)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (!cpu_online(cpu))
			break;
	if (cpu >= nr_cpu_ids)
		ktest_skip(t, "every CPU is online (boot with maxcpus= to test)");
	/* Returning at all is the point: the wait is bounded. */
	KT_EXPECT_FALSE(t, smpboot_wait_for_cpu(cpu, 20000));
	KT_EXPECT_FALSE(t, cpu_online(cpu));
}

/* What a CPU says about itself, asked now through a function-call IPI. */
struct cpu_probe {
	unsigned int cpu;
	int node;
	u32 apic_id;
	unsigned long gs_base, stack;
	bool idle;		/* it interrupted the CPU's idle task */
};

static void
probe_this_cpu(void *info)
{
	struct cpu_probe *p = info;

	p->cpu = smp_processor_id();
	p->node = numa_node_id();
	p->apic_id = read_apic_id();
	p->gs_base = rdmsr(MSR_GS_BASE);
	p->stack = (unsigned long)&p;
	p->idle = current && (current->flags & PF_IDLE);
}

static void
node_read_on_each_cpu(struct ktest *t)
{
	int n = cpu_facts(t, ktest_cpu_nodes, "cpu_nodes", (int)ktest_cpus);
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		struct cpu_probe p = { .cpu = ~0U, .node = NUMA_NO_NODE };
		const struct kstack *ks;

		KT_ASSERT_TRUE(t, (int)cpu < n);
		KT_ASSERT_EQ(t, smp_call_function_single(cpu, probe_this_cpu,
							 &p, true), 0);
		KT_EXPECT_EQ(t, p.cpu, cpu);
		KT_EXPECT_EQ(t, p.node, (int)want[cpu]);
		KT_EXPECT_EQ(t, p.apic_id, numa_topology.cpu_apic[cpu]);
		KT_EXPECT_EQ(t, p.gs_base, (unsigned long)__per_cpu_start +
					   __per_cpu_offset[cpu]);
		/*
		 * It ran on that CPU's own stack, or on the stack of the
		 * kernel thread the IPI interrupted there.
		 */
		ks = kstack_of(p.stack);
		KT_ASSERT_TRUE(t, ks != NULL);
		if (cpu && p.idle)
			KT_EXPECT_EQ(t, ks->top, cpu_stack_top[cpu]);
	}
}

static DEFINE_PER_CPU(u64, smp_test_slot);

static u64
slot_value(unsigned int cpu)
{
	return 0x5a5a000000000000ULL + cpu;	/* distinct per CPU */
}

static void
write_slot(void *info)
{
	(void)info;
	this_cpu(smp_test_slot) = slot_value(smp_processor_id());
}

static void
per_cpu_writes_stay_on_their_cpu(struct ktest *t)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		per_cpu(smp_test_slot, cpu) = 0;
	for_each_online_cpu(cpu)
		KT_ASSERT_EQ(t, smp_call_function_single(cpu, write_slot,
							 NULL, true), 0);
	/* Each instance holds what its own CPU wrote, and nothing else. */
	for_each_possible_cpu(cpu)
		KT_EXPECT_EQ(t, per_cpu(smp_test_slot, cpu),
			     cpu_online(cpu) ? slot_value(cpu) : 0);
	KT_EXPECT_EQ(t, smp_test_slot, 0);	/* the template */
}

KTEST_SUITE(smp,
	KTEST_CASE(all_cpus_online),
	KTEST_CASE(each_cpu_on_its_node),
	KTEST_CASE(apic_ids_distinct),
	KTEST_CASE(per_cpu_data_isolated),
	KTEST_CASE(node_read_on_each_cpu),
	KTEST_CASE(per_cpu_writes_stay_on_their_cpu),
	KTEST_CASE(gs_and_stacks_on_own_node),
	KTEST_CASE(own_tss_and_ist_stacks),
	KTEST_CASE(same_features_as_boot_cpu),
	KTEST_CASE(silent_cpu_is_skipped));
