/*
 * arch/x86/gdt.c - segments in long mode: the GDT and the TSS.
 *
 * Teaches: in 64-bit mode segmentation is almost gone, but the CPU still
 * needs (1) a code descriptor with the L bit for each privilege level, (2)
 * data descriptors for SS, and (3) a Task State Segment, which no longer
 * switches tasks but tells the CPU which stack to use when an interrupt
 * arrives from user mode (RSP0) or for a vector that must always run on a
 * known-good stack (the Interrupt Stack Table).  The TSS descriptor is 16
 * bytes because its base address is 64 bits.
 *
 * Each CPU has its own GDT and TSS, in its per-CPU area (on its node): a
 * TSS is per CPU by nature (its IST slots name that CPU's emergency
 * stacks, and `ltr` marks the descriptor busy, so two CPUs cannot load
 * the same one), and the TSS descriptor lives in the GDT.  The boot CPU
 * starts on the per-CPU template, before the per-CPU areas exist, and
 * moves to its own copy once they do (gdt_setup_cpu(0) from smp_init).
 *
 * The user descriptors come data-then-code because SYSRET
 * derives both selectors from one MSR field in that order
 * (MSR_STAR, arch/x86/syscall.c).
 * Linux counterpart: arch/x86/kernel/cpu/common.c (gdt_page),
 * arch/x86/include/asm/segment.h.
 */
#include "arch/x86/desc.h"

#include "arch/x86/boot_layout.h"
#include "arch/x86/percpu.h"
#include "arch/x86/stack.h"

struct gdt_ptr {
	u16 limit;
	u64 base;
} __packed;

static const u64 gdt_template[GDT_ENTRIES] = {
	[0] = 0,
	[1] = 0x00af9a000000ffffULL,	/* kernel code: L=1, DPL 0 */
	[2] = 0x00cf92000000ffffULL,	/* kernel data: DPL 0 */
	[3] = 0x00cff2000000ffffULL,	/* user data: DPL 3 */
	[4] = 0x00affa000000ffffULL,	/* user code: L=1, DPL 3 */
	/* [5], [6]: the TSS, filled in by gdt_setup_cpu() */
};

DEFINE_PER_CPU(struct gdt_page, gdt_page);
DEFINE_PER_CPU(struct tss64, cpu_tss) __aligned(16);

static void
set_tss_descriptor(u64 *slot, unsigned long base, u32 limit)
{
	/* Type 9 = available 64-bit TSS, present, DPL 0. */
	slot[0] = (limit & 0xffffULL) |
		  ((base & 0xffffffULL) << 16) |
		  (0x89ULL << 40) |
		  (((u64)limit >> 16 & 0xf) << 48) |
		  ((base >> 24 & 0xffULL) << 56);
	slot[1] = base >> 32;
}

void
gdt_setup_cpu(unsigned int cpu, const unsigned long ist_top[IST_COUNT])
{
	struct gdt_page *g = per_cpu_ptr(&gdt_page, cpu);
	struct tss64 *tss = per_cpu_ptr(&cpu_tss, cpu);

	for (unsigned int i = 0; i < GDT_ENTRIES; i++)
		g->gdt[i] = gdt_template[i];
	for (unsigned int i = 0; i < IST_COUNT; i++)
		tss->ist[i] = ist_top[i];
	tss->iomap_base = sizeof(*tss);	/* no I/O bitmap */
	/* A fresh descriptor: "available", as ltr requires (not busy). */
	set_tss_descriptor(&g->gdt[GDT_TSS / 8], (unsigned long)tss,
			   sizeof(*tss) - 1);
}

/*
 * Where the CPU puts the interrupt frame of a trap from user mode: the
 * top of the running task's kernel stack.  Each task has its own, so the
 * switch updates it; a kernel thread that never leaves ring 0 ignores it.
 */
void
tss_set_sp0(unsigned long sp0)
{
	this_cpu(cpu_tss).rsp[0] = sp0;
}

void
gdt_load(void)
{
	struct gdt_page *g = this_cpu_ptr(&gdt_page);
	struct gdt_ptr ptr = { sizeof(g->gdt) - 1, (u64)g->gdt };

	/*
	 * Load the table, then reload CS with a far return (there is no
	 * far jump with a 64-bit target) and the data segments.  FS and GS
	 * are left alone: loading a selector would reset the GS base that
	 * points at this CPU's per-CPU area.
	 */
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"ltr %w3\n\t"
		: : "m"(ptr), "i"(GDT_KERNEL_CS), "i"(GDT_KERNEL_DS),
		    "r"(GDT_TSS) : "rax", "memory");
}

/*
 * The boot CPU's GDT and TSS, with the boot IST stacks, in whatever copy
 * of the per-CPU area GS points at: the template at first (start_kernel),
 * its own copy once the copies exist (smp_init calls it again).
 */
void
gdt_init(void)
{
	unsigned long ist[IST_COUNT];

	for (unsigned int i = 0; i < IST_COUNT; i++)
		ist[i] = ist_stack_top(i + 1);
	gdt_setup_cpu(0, ist);
	gdt_load();
}

