/*
 * arch/x86/apic_timer.h - the local APIC timer as each CPU's tick.
 *
 * Teaches: every CPU's APIC has a timer counting down at a rate no
 * table states; the boot CPU measures it against the TSC once, then
 * every CPU runs it periodically at HZ (see apic_timer.c).
 * Linux counterpart: arch/x86/kernel/apic/apic.c (the lapic clockevent).
 */
#ifndef PAGODA_ARCH_X86_APIC_TIMER_H
#define PAGODA_ARCH_X86_APIC_TIMER_H

#include "kernel/types.h"

/* APIC timer counts per second, divided by 16 (0 until calibrated). */
extern unsigned long lapic_timer_hz;
/* Counts per tick: the periodic timer's initial count. */
extern u32 lapic_timer_period;

/*
 * Boot CPU, once, after lapic_setup_cpu() and tsc_calibrate(): measure
 * the timer's rate and install the tick's interrupt handler.
 */
void apic_timer_init(void);

/*
 * Every CPU (the boot CPU after apic_timer_init, each AP in its start-up
 * path): start this CPU's periodic tick at HZ on LOCAL_TIMER_VECTOR.
 */
void lapic_timer_setup_cpu(void);

#endif
