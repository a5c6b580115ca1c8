/*
 * arch/x86/tlb.c - TLB shootdown.
 *
 * Teaches: the CPU that removes a mapping flushes its own TLB with invlpg
 * (one page) or a full flush, then sends a function-call IPI to the other
 * CPUs that may cache the mapping and waits until each has done the same:
 * only then may the page behind the old mapping be reused, because until
 * then another CPU could still write through its stale entry.
 *
 * Which CPUs "may cache" a mapping: for kernel mappings, every online
 * CPU (they all run on the kernel's page tables, and the entries are
 * global, kept across CR3 switches).  For a user address space it will be
 * the CPUs that have run it since its last flush (mm_cpumask), with the
 * user-space issue; flush_tlb_mask_range takes the set as an argument.
 *
 * A full flush: reloading CR3 drops non-global entries only; toggling
 * CR4.PGE off and on drops global ones too.  Past TLB_FLUSH_ALL_CEILING
 * pages we flush all instead of page by page.
 *
 * Each flush done for another CPU counts in this CPU's TLB row of
 * /proc/interrupts, as in Linux.
 * Linux counterpart: arch/x86/mm/tlb.c (flush_tlb_func,
 * flush_tlb_kernel_range, native_flush_tlb_global).
 */
#include "arch/x86/boot_layout.h"
#include "arch/x86/irq.h"
#include "arch/x86/processor.h"
#include "arch/x86/tlb.h"
#include "kernel/preempt.h"
#include "kernel/smp.h"

struct flush_tlb_info {
	unsigned long start, end;
	unsigned int initiator;
};

void
local_flush_tlb_all(void)
{
	unsigned long flags = local_irq_save();
	unsigned long cr4 = read_cr4();

	if (cr4 & X86_CR4_PGE) {
		write_cr4(cr4 & ~X86_CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
	local_irq_restore(flags);
}

void
local_flush_tlb_range(unsigned long start, unsigned long end)
{
	start &= ~(unsigned long)(PAGE_SIZE - 1);
	if (end <= start)
		return;
	if ((end - start) / PAGE_SIZE > TLB_FLUSH_ALL_CEILING) {
		local_flush_tlb_all();
		return;
	}
	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

static void
flush_tlb_func(void *data)
{
	const struct flush_tlb_info *info = data;

	local_flush_tlb_range(info->start, info->end);
	if (info->initiator != smp_processor_id())
		this_cpu(irq_stat).irq_tlb_count++;
}

void
flush_tlb_mask_range(const cpumask_t *cpus, unsigned long start,
		     unsigned long end)
{
	struct flush_tlb_info info = { start, end, 0 };

	preempt_disable();
	info.initiator = smp_processor_id();
	if (cpumask_test_cpu(info.initiator, cpus))
		local_flush_tlb_range(start, end);
	smp_call_function_many(cpus, flush_tlb_func, &info, true);
	preempt_enable();
}

void
flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	flush_tlb_mask_range(&cpu_online_mask, start, end);
}
