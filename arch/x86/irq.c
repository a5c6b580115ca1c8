/*
 * arch/x86/irq.c - dispatching interrupts to their handlers.
 *
 * Teaches: the common entry path (entry.S) saves the registers and hands
 * the vector to do_trap(); interrupts (vector >= 32) come here.  We count
 * the interrupt, run its handler with interrupts still off (the IDT gates
 * are interrupt gates), and only then signal end-of-interrupt to the
 * local APIC: until the EOI the APIC will not deliver another interrupt of
 * this or a lower priority class to this CPU.  A spurious interrupt (the
 * APIC's own vector 0xff) must not be acknowledged: it was never "in
 * service".  The 8259's spurious IRQ 7 and 15 can still arrive though the
 * PIC is masked; they are counted and dropped.
 * Linux counterpart: arch/x86/kernel/irq.c (common_interrupt),
 * arch/x86/kernel/apic/apic.c (spurious and error interrupts).
 */
#include "arch/x86/apic.h"
#include "arch/x86/idle.h"
#include "arch/x86/irq.h"
#include "kernel/printk.h"
#include "kernel/sched.h"

DEFINE_PER_CPU(struct irq_stat, irq_stat);

static struct irq_desc {
	irq_handler_t handler;
	void *data;
	const char *name;
} irq_desc[NR_VECTORS];

void
set_irq_handler(unsigned int vector, irq_handler_t handler, void *data,
		const char *name)
{
	irq_desc[vector].data = data;
	irq_desc[vector].name = name;
	__atomic_store_n(&irq_desc[vector].handler, handler, __ATOMIC_RELEASE);
}

const char *
irq_vector_name(unsigned int vector)
{
	return vector < NR_VECTORS ? irq_desc[vector].name : NULL;
}

static void
apic_error_interrupt(struct pt_regs *regs, void *data)
{
	u32 esr;

	(void)regs;
	(void)data;
	apic_write(APIC_ESR, 0);
	esr = apic_read(APIC_ESR);
	this_cpu(irq_stat).irq_error_count++;
	pr_err("APIC error on CPU%u: ESR %#x\n", smp_processor_id(), esr);
}

/*
 * The way out of an interrupt: when a reschedule is due (the tick found
 * the time slice used up, a wake-up or a reschedule IPI asked for it) and
 * the interrupted code ran with interrupts on outside every interrupt
 * handler, the scheduler may switch tasks right here, before the iretq
 * (under preempt=full; kernel/sched/core.c decides).
 */
static void
irq_exit(struct pt_regs *regs)
{
	if (this_cpu_read_hot(need_resched) &&
	    !this_cpu_read_hot(irq_depth) && (regs->rflags & X86_EFLAGS_IF))
		preempt_schedule_irq();
}

void
do_irq(struct pt_regs *regs)
{
	unsigned int vector = regs->vector;
	struct irq_stat *stat = this_cpu_ptr(&irq_stat);
	irq_handler_t handler;

	cpu_idle_wakeup();	/* an interrupt ends this CPU's halt */
	stat->vector_count[vector]++;
	/* The 8259's spurious lines and the APIC's: no EOI. */
	if (vector == SPURIOUS_APIC_VECTOR || vector == 0x20 + 7 ||
	    vector == 0x20 + 15) {
		stat->irq_spurious_count++;
		return;
	}
	this_cpu_write_hot(irq_depth, this_cpu_read_hot(irq_depth) + 1);
	if (vector == ERROR_APIC_VECTOR)
		apic_error_interrupt(regs, NULL);
	handler = __atomic_load_n(&irq_desc[vector].handler, __ATOMIC_ACQUIRE);
	if (handler)
		handler(regs, irq_desc[vector].data);
	else if (vector != ERROR_APIC_VECTOR)
		pr_warn("unexpected interrupt on vector %u (CPU%u)\n", vector,
			smp_processor_id());
	if (lapic_present)
		apic_eoi();
	this_cpu_write_hot(irq_depth, this_cpu_read_hot(irq_depth) - 1);
	irq_exit(regs);
}
