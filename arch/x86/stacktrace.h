/*
 * arch/x86/stacktrace.h - backtraces by following saved frame pointers.
 *
 * Teaches: with frame pointers, RBP chains every frame to its caller's,
 * and the word above each saved RBP is a return address, so a backtrace
 * is a walk along that chain (see stacktrace.c); the oops, WARN_ON and
 * the tests all share this walk.
 * Linux counterpart: arch/x86/include/asm/stacktrace.h,
 * include/linux/stacktrace.h.
 */
#ifndef PAGODA_ARCH_X86_STACKTRACE_H
#define PAGODA_ARCH_X86_STACKTRACE_H

#include "kernel/types.h"

/* Print " name+off/size" lines for rip, then each caller found from rbp. */
void show_trace(unsigned long rip, unsigned long rbp);
/* Collect up to max return addresses starting at rbp; returns the count. */
unsigned int save_stack_trace(unsigned long rbp, unsigned long *pcs,
			      unsigned int max);
void dump_stack(void);

#endif
