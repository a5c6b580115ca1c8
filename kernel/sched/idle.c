/*
 * kernel/sched/idle.c - what a CPU runs when nothing else is runnable.
 *
 * Teaches: each CPU has an idle task that is never on a run queue; the
 * scheduler switches to it when the queue is empty.  It halts until an
 * interrupt arrives (a tick, a reschedule IPI) and calls schedule() when
 * one made need_resched true.  Interrupts are disabled between the test
 * of need_resched and `hlt`, and `sti; hlt` enables them only for the
 * halt itself (sti takes effect after the next instruction), so a wake-up
 * interrupt cannot slip in between the test and the halt and be lost.
 * Linux counterpart: kernel/sched/idle.c (do_idle, cpu_startup_entry).
 */
#include "kernel/sched/sched.h"

#include "arch/x86/apic_timer.h"
#include "arch/x86/idle.h"
#include "arch/x86/processor.h"
#include "arch/x86/stack.h"
#include "kernel/panic.h"
#include "kernel/time/tick.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

static void
do_idle(void)
{
	/*
	 * The CPU goes idle (once per idle period, not after every
	 * interrupt that wakes the halt): its page lists of other nodes'
	 * and of short zones go back to the buddy lists (mm/page_alloc_pcp.c).
	 */
	drain_pages_on_idle();
	while (!need_resched()) {
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			break;
		}
		cpu_idle_halt();	/* sti; hlt, and the all-idle count */
	}
	schedule();
}

/*
 * The end of a CPU's start-up: the boot CPU's start_kernel (through
 * rest_init) and each AP's start-up code call this; the calling context
 * becomes the CPU's idle task.  An AP gets its idle task_struct here,
 * on its own node, and its run queue opens for wake-ups.  APs started
 * before the scheduler (smp_init runs before rest_init) halt until
 * sched_init_smp() says it is ready.
 */
void
cpu_startup_entry(void)
{
	unsigned int cpu = smp_processor_id();

	if (!current) {
		struct task_struct *idle;
		const struct kstack *ks;

		for (;;) {
			local_irq_disable();
			if (READ_ONCE(sched_smp_ready))
				break;
			cpu_idle_halt();
		}
		idle = kzalloc_node(sizeof(*idle), GFP_KERNEL,
				    node_has_memory(numa_node_id()) ?
				    numa_node_id() : NUMA_NO_NODE);
		if (!idle)
			panic("CPU%u: no memory for its idle task", cpu);
		if (!cpu_rq(cpu)->idle)
			init_rq(cpu);
		init_idle(idle, cpu);
		/* The stack the AP start-up code gave it, if it is known. */
		ks = kstack_of((unsigned long)__builtin_frame_address(0));
		idle->stack_top = ks ? ks->top : 0;
		this_cpu_write_hot(top_of_stack, idle->stack_top);
		/* Its tick, unless its start-up code started it already. */
		if (!tick_running())
			lapic_timer_setup_cpu();
		WRITE_ONCE(cpu_rq(cpu)->online, true);
	}
	local_irq_enable();
	for (;;)
		do_idle();
}
