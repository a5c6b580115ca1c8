/*
 * kernel/sched/core.c - the scheduler (to come: this is its first stub).
 *
 * Until the scheduler exists nothing sets need_resched, so a reschedule
 * is never due at preempt_enable().
 * Linux counterpart: kernel/sched/core.c.
 */
#include "kernel/preempt.h"
#include "kernel/smp.h"

void
preempt_schedule(void)
{
}

void
scheduler_ipi(void)
{
}
