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
 * The user descriptors come data-then-code because SYSRET (a later issue)
 * derives both selectors from one MSR field in that order.
 * Linux counterpart: arch/x86/kernel/cpu/common.c (gdt_page),
 * arch/x86/include/asm/segment.h.
 */
#include "arch/x86/desc.h"

#include "arch/x86/boot_layout.h"
#include "arch/x86/stack.h"

#define GDT_ENTRIES	7

struct gdt_ptr {
	u16 limit;
	u64 base;
} __packed;

static u64 gdt[GDT_ENTRIES] __aligned(16) = {
	[0] = 0,
	[1] = 0x00af9a000000ffffULL,	/* kernel code: L=1, DPL 0 */
	[2] = 0x00cf92000000ffffULL,	/* kernel data: DPL 0 */
	[3] = 0x00cff2000000ffffULL,	/* user data: DPL 3 */
	[4] = 0x00affa000000ffffULL,	/* user code: L=1, DPL 3 */
	/* [5], [6]: the TSS, filled in by gdt_init() */
};

struct tss64 cpu_tss __aligned(16);

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
gdt_init(void)
{
	struct gdt_ptr ptr = { sizeof(gdt) - 1, (u64)gdt };

	cpu_tss.ist[IST_DOUBLE_FAULT - 1] = ist_stack_top(IST_DOUBLE_FAULT);
	cpu_tss.ist[IST_NMI - 1] = ist_stack_top(IST_NMI);
	cpu_tss.ist[IST_MACHINE_CHECK - 1] = ist_stack_top(IST_MACHINE_CHECK);
	cpu_tss.iomap_base = sizeof(cpu_tss);	/* no I/O bitmap */
	set_tss_descriptor(&gdt[GDT_TSS / 8], (unsigned long)&cpu_tss,
			   sizeof(cpu_tss) - 1);

	/*
	 * Load the table, then reload CS with a far return (there is no
	 * far jump with a 64-bit target) and the data segments.
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
