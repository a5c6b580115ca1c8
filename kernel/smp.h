/*
 * kernel/smp.h - running a function on other CPUs, and IPIs by purpose.
 *
 * Teaches: the one way a CPU can make another do something now is an
 * inter-processor interrupt.  Linux builds every cross-CPU request on two:
 * "reschedule" (look at your run queue) and "call function" (run this
 * function with this argument, then say you are done).  See kernel/smp.c.
 * Linux counterpart: include/linux/smp.h, kernel/smp.c.
 */
#ifndef PAGODA_KERNEL_SMP_H
#define PAGODA_KERNEL_SMP_H

#include "kernel/cpumask.h"
#include "kernel/types.h"

typedef void (*smp_call_func_t)(void *info);

/*
 * Run func(info) on cpu (which may be this CPU); with wait, return only
 * after it ran.  Returns 0, or -ENXIO when cpu is not online.  Must not
 * be called with interrupts off (two CPUs waiting on each other with
 * interrupts off would deadlock), except on this CPU alone.
 */
int smp_call_function_single(unsigned int cpu, smp_call_func_t func,
			     void *info, bool wait);
/* On every online CPU of mask except this one. */
void smp_call_function_many(const cpumask_t *mask, smp_call_func_t func,
			    void *info, bool wait);
/* On every online CPU, this one included (this one with interrupts off). */
void on_each_cpu(smp_call_func_t func, void *info, bool wait);
/*
 * Interrupt every other online CPU and wait until each has taken the
 * interrupt: after it returns, no CPU is still inside code that ran with
 * interrupts off before the call (slab uses it to retire old arrays).
 */
void kick_all_cpus_sync(void);
/* Ask cpu to look at its run queue (the RES row of /proc/interrupts). */
void smp_send_reschedule(unsigned int cpu);

/* The scheduler's side of the reschedule IPI (kernel/sched/core.c). */
void scheduler_ipi(void);

/* Set up the IPI vectors (on the boot CPU, once). */
void smp_ipi_init(void);

#endif
