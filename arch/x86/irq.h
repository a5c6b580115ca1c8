/*
 * arch/x86/irq.h - interrupt vectors, handlers and their counts.
 *
 * Teaches: the IDT has 256 vectors; 0-31 are the CPU's exceptions, the
 * rest are interrupts, and the vector number is also the priority class
 * (vector / 16) the APIC uses to decide what may interrupt what.  Device
 * interrupts routed through the IOAPIC get low vectors; the APIC's own
 * interrupts (timer, IPIs, error, spurious) get the highest, as in Linux:
 *
 *	0x20-0x2f	the 8259 PIC's lines, remapped and masked (spurious only)
 *	0x30-0x6f	IOAPIC inputs: vector = IRQ_VECTOR_BASE + GSI
 *	0xec		local APIC timer		(LOC in /proc/interrupts)
 *	0xfb		function call, one CPU		(CAL)
 *	0xfc		function call, many CPUs	(CAL)
 *	0xfd		reschedule			(RES)
 *	0xfe		APIC error			(ERR)
 *	0xff		APIC spurious			(SPU)
 *
 * Every interrupt is counted per CPU, by vector and by kind, for the
 * /proc/interrupts report.
 * Linux counterpart: arch/x86/include/asm/irq_vectors.h, hardirq.h,
 * arch/x86/kernel/irq.c.
 */
#ifndef PAGODA_ARCH_X86_IRQ_H
#define PAGODA_ARCH_X86_IRQ_H

#include "arch/x86/percpu.h"
#include "arch/x86/ptrace.h"
#include "kernel/types.h"

#define NR_VECTORS			256
#define FIRST_EXTERNAL_VECTOR		0x20
#define IRQ_VECTOR_BASE			0x30
#define NR_IRQ_VECTORS			0x40	/* GSIs 0-63 */
#define LOCAL_TIMER_VECTOR		0xec
#define CALL_FUNCTION_SINGLE_VECTOR	0xfb
#define CALL_FUNCTION_VECTOR		0xfc
#define RESCHEDULE_VECTOR		0xfd
#define ERROR_APIC_VECTOR		0xfe
#define SPURIOUS_APIC_VECTOR		0xff

/* Per-CPU counts by kind: the named rows of /proc/interrupts. */
struct irq_stat {
	unsigned long apic_timer_irqs;		/* LOC */
	unsigned long irq_resched_count;	/* RES */
	unsigned long irq_call_count;		/* CAL */
	unsigned long irq_tlb_count;		/* TLB */
	unsigned long irq_spurious_count;	/* SPU */
	unsigned long irq_error_count;		/* ERR */
	unsigned long vector_count[NR_VECTORS];	/* every vector */
};
DECLARE_PER_CPU(struct irq_stat, irq_stat);

typedef void (*irq_handler_t)(struct pt_regs *regs, void *data);

/*
 * Install the handler of an interrupt vector, with a name for reports
 * ("IO-APIC 4-edge ttyS0" style).  One handler per vector.
 */
void set_irq_handler(unsigned int vector, irq_handler_t handler, void *data,
		     const char *name);
const char *irq_vector_name(unsigned int vector);

/* Called by do_trap() for every vector from 32 up. */
void do_irq(struct pt_regs *regs);

/* True inside an interrupt handler on this CPU. */
static inline bool
in_interrupt(void)
{
	return this_cpu_read_hot(irq_depth) != 0;
}

#endif
