/*
 * arch/x86/idle.h - halting an idle CPU, and counting when all are idle.
 *
 * Teaches: an idle CPU executes `sti; hlt` and sleeps until an interrupt.
 * Every halt in the kernel goes through cpu_idle_halt() so that one
 * place knows how many CPUs are halted.  That matters for measuring:
 * under `qemu -icount shift=0` the TSC counts executed instructions, but
 * while every CPU is halted QEMU lets virtual time run at real speed, so a
 * TSC difference across a wait also counts the idle time.  Subtracting
 * the time all CPUs spent halted (all_idle_tsc) leaves the instructions
 * executed, which is what the benchmarks report.
 * Linux counterpart: arch/x86/kernel/process.c (arch_cpu_idle,
 * default_idle); the accounting is Pagoda's own.
 */
#ifndef PAGODA_ARCH_X86_IDLE_H
#define PAGODA_ARCH_X86_IDLE_H

#include "kernel/types.h"

/*
 * Halt until the next interrupt; called with interrupts off (so that a
 * wake-up decided just before cannot be lost: sti takes effect after hlt
 * has begun), returns with interrupts on, after the interrupt ran.
 */
void cpu_idle_halt(void);
/* From the interrupt entry: this CPU stops counting as halted. */
void cpu_idle_wakeup(void);

/* TSC ticks during which every online CPU was halted, since boot. */
u64 all_idle_tsc(void);

#endif
