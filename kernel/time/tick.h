/*
 * kernel/time/tick.h - what every CPU does on its periodic tick.
 *
 * Teaches: each CPU's local timer interrupts it HZ times a second; one
 * CPU also advances jiffies; every CPU then runs its expired timers
 * (and, later, accounts the running task and drives RCU).  See tick.c.
 * Linux counterpart: kernel/time/tick-common.c, tick-internal.h.
 */
#ifndef PAGODA_KERNEL_TIME_TICK_H
#define PAGODA_KERNEL_TIME_TICK_H

#include "arch/x86/ptrace.h"
#include "kernel/types.h"

#define TICK_DO_TIMER_NONE	(-1)

/* The CPU that advances jiffies (the first to start its tick). */
extern int tick_do_timer_cpu;

/* This CPU's periodic tick is set up: called by its timer driver. */
void tick_setup_cpu(void);

/* Is this CPU's tick running (may msleep halt and wait for it)? */
bool tick_running(void);

/* The timer driver's interrupt handler calls this, every tick. */
void tick_handle_periodic(struct pt_regs *regs);

/* Per-CPU work of a tick: the local timers (scheduler, RCU later). */
void update_process_times(int user_tick);

#endif
