/*
 * arch/x86/stack.h - the kernel stacks and their guard pages.
 *
 * Teaches: every kernel stack has an unmapped guard page just below it,
 * so that an overflow faults at once instead of silently overwriting
 * whatever lies below.  The fault on the guard page cannot be handled on
 * the overflowed stack, so the CPU escalates to a double fault, which runs
 * on its own Interrupt Stack Table (IST) stack: that is why #DF, NMI and
 * #MC have separate stacks.
 * Linux counterpart: arch/x86/include/asm/cpu_entry_area.h,
 * arch/x86/kernel/dumpstack_64.c (stack_type).
 */
#ifndef PAGODA_ARCH_X86_STACK_H
#define PAGODA_ARCH_X86_STACK_H

#include "arch/x86/boot_layout.h"
#include "kernel/types.h"

enum ist_index {		/* TSS.IST slot numbers are 1-based */
	IST_DOUBLE_FAULT = 1,
	IST_NMI = 2,
	IST_MACHINE_CHECK = 3,
	IST_COUNT = 3,
};

struct kstack {
	const char *name;
	unsigned long guard;	/* the unmapped page below the stack */
	unsigned long bottom;	/* lowest usable address */
	unsigned long top;	/* one past the highest: the initial RSP */
};

/* The boot stack and the IST stacks, for the page tables and backtraces. */
unsigned int kstack_count(void);
const struct kstack *kstack_get(unsigned int i);
const struct kstack *kstack_of(unsigned long addr);
unsigned long ist_stack_top(enum ist_index ist);

#endif
