/*
 * arch/x86/irq_report.c - interrupt counts in the layout of /proc/interrupts.
 *
 * Teaches: every interrupt a CPU takes is counted on that CPU (no shared
 * counter, no lock: see do_irq), and the report sums nothing: it shows a
 * column per online CPU, a row per device interrupt line, then a row per
 * kind of APIC interrupt, with Linux's three-letter names:
 *	LOC  local timer interrupts (the tick)
 *	RES  rescheduling interrupts (an IPI: "look at your run queue")
 *	CAL  function call interrupts (an IPI: "run this function")
 *	TLB  TLB shootdowns (a function call that invalidates mappings)
 * Reading it before and after an experiment says which CPUs were
 * disturbed and why.  `mm_report=interrupts` prints it at boot.
 * Linux counterpart: kernel/irq/proc.c (show_interrupts),
 * arch/x86/kernel/irq.c (arch_show_interrupts).
 */
#include "arch/x86/irq.h"
#include "arch/x86/irq_report.h"
#include "kernel/cpumask.h"
#include "kernel/printk.h"
#include "lib/vsprintf.h"

#define PREC	3	/* width of the first column, as Linux for < 1000 IRQs */

static void
print_row(const char *label, size_t field, const char *what)
{
	char line[64 + 11 * NR_CPUS];
	unsigned int cpu;
	int len;

	len = snprintf(line, sizeof(line), "%*s: ", PREC, label);
	for_each_online_cpu(cpu) {
		const unsigned long *count = (const void *)
			((const char *)per_cpu_ptr(&irq_stat, cpu) + field);

		len += snprintf(line + len, sizeof(line) - len, "%10lu ",
				*count);
	}
	printk(KERN_INFO "%s %s\n", line, what);
}

static void
print_device_rows(void)
{
	char line[64 + 11 * NR_CPUS];
	unsigned int cpu;

	for (unsigned int gsi = 0; gsi < NR_IRQ_VECTORS; gsi++) {
		unsigned int vector = IRQ_VECTOR_BASE + gsi;
		const char *name = irq_vector_name(vector);
		int len;

		if (!name)
			continue;
		len = snprintf(line, sizeof(line), "%*u: ", PREC, gsi);
		for_each_online_cpu(cpu)
			len += snprintf(line + len, sizeof(line) - len,
					"%10lu ", per_cpu(irq_stat, cpu)
					.vector_count[vector]);
		/* The name says chip, pin and trigger: "IO-APIC 4-edge ttyS0". */
		printk(KERN_INFO "%s  %s\n", line, name);
	}
}

#define ROW(label, field, what) \
	print_row(label, __builtin_offsetof(struct irq_stat, field), what)

void
show_interrupts(void)
{
	char line[16 + 11 * NR_CPUS];
	unsigned int cpu;
	int len;

	len = snprintf(line, sizeof(line), "%*s", PREC + 8, "");
	for_each_online_cpu(cpu)
		len += snprintf(line + len, sizeof(line) - len, "CPU%-8u",
				cpu);
	printk(KERN_INFO "%s\n", line);
	print_device_rows();
	ROW("LOC", apic_timer_irqs, " Local timer interrupts");
	ROW("SPU", irq_spurious_count, " Spurious interrupts");
	ROW("RES", irq_resched_count, " Rescheduling interrupts");
	ROW("CAL", irq_call_count, " Function call interrupts");
	ROW("TLB", irq_tlb_count, " TLB shootdowns");
	{
		unsigned long err = 0;

		for_each_online_cpu(cpu)
			err += per_cpu(irq_stat, cpu).irq_error_count;
		printk(KERN_INFO "ERR: %10lu\n", err);
	}
}
