/*
 * kernel/time/tick.c - the periodic tick.
 *
 * Teaches: every CPU gets a tick, but only one may advance jiffies, or
 * the counter would run N times too fast on N CPUs.  Linux hands that
 * duty (tick_do_timer_cpu) to the first CPU that sets up its tick, the
 * boot CPU, and so do we.  Then every CPU does its own share in
 * update_process_times(): run its expired timers and report to RCU
 * (rcu_sched_clock_irq: the interrupted code may be a quiescent state)
 * and account the running task (scheduler_tick).  Linux runs timers from a softirq after
 * the interrupt; Pagoda runs them in the interrupt itself, interrupts
 * off, so a timer callback must be short and must not sleep.
 * Linux counterpart: kernel/time/tick-common.c (tick_handle_periodic,
 * tick_periodic, tick_setup_device), kernel/time/timer.c
 * (update_process_times).
 */
#include "kernel/time/tick.h"

#include "arch/x86/percpu.h"
#include "kernel/compiler.h"
#include "kernel/rcupdate.h"
#include "kernel/sched.h"
#include "kernel/time/jiffies.h"
#include "kernel/time/timer.h"

int tick_do_timer_cpu = TICK_DO_TIMER_NONE;
static DEFINE_PER_CPU(bool, tick_cpu_running);

void
tick_setup_cpu(void)
{
	int none = TICK_DO_TIMER_NONE;

	__atomic_compare_exchange_n(&tick_do_timer_cpu, &none,
				    (int)smp_processor_id(), false,
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	this_cpu(tick_cpu_running) = true;
}

bool
tick_running(void)
{
	return this_cpu(tick_cpu_running);
}

void
update_process_times(int user_tick)
{
	(void)user_tick;	/* for the scheduler's accounting, later */
	run_local_timers();
	rcu_sched_clock_irq();
	scheduler_tick();
}

void
tick_handle_periodic(struct pt_regs *regs)
{
	if ((int)smp_processor_id() == READ_ONCE(tick_do_timer_cpu))
		do_timer(1);
	this_cpu(tick_regs) = regs;	/* for the soft-lockup report */
	update_process_times(user_mode(regs));
	this_cpu(tick_regs) = NULL;
}
