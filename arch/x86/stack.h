/*
 * arch/x86/stack.h - the kernel stacks and their guard pages.
 *
 * Teaches: every kernel stack has an unmapped guard page just below it,
 * so that an overflow faults at once instead of silently overwriting
 * whatever lies below.  The fault on the guard page cannot be handled on
 * the overflowed stack, so the CPU escalates to a double fault, which runs
 * on its own Interrupt Stack Table (IST) stack: that is why #DF, NMI and
 * #MC have separate stacks.
 *
 * Every CPU has four such stacks: the one it runs on and its own three
 * IST stacks (two CPUs taking an NMI at once must not share one).  The
 * boot CPU's are in the image; each secondary CPU's are allocated on its
 * own node when it is brought up and mapped in the stack area below,
 * where the page under each stack is simply left unmapped.
 * Linux counterpart: arch/x86/include/asm/cpu_entry_area.h,
 * arch/x86/kernel/dumpstack_64.c (stack_type).
 */
#ifndef PAGODA_ARCH_X86_STACK_H
#define PAGODA_ARCH_X86_STACK_H

#include "arch/x86/boot_layout.h"
#include "kernel/types.h"
#include "mm/numa_firmware.h"		/* NR_CPUS */

enum ist_index {		/* TSS.IST slot numbers are 1-based */
	IST_DOUBLE_FAULT = 1,
	IST_NMI = 2,
	IST_MACHINE_CHECK = 3,
	IST_COUNT = 3,
};

/*
 * Where secondary CPUs' stacks are mapped: Linux's cpu_entry_area slot
 * (PML4 entry 508), which holds its per-CPU IST stacks too.  Each stack
 * takes a guard page plus THREAD_SIZE of this window.
 */
#define KSTACK_AREA_START	0xfffffe0000000000UL
#define KSTACK_AREA_SIZE	(1UL << 30)

/* Each CPU's kernel stack and IST stacks. */
#define MAX_KSTACKS		((1 + IST_COUNT) * NR_CPUS)

struct kstack {
	char name[24];
	unsigned long guard;	/* the unmapped page below the stack */
	unsigned long bottom;	/* lowest usable address */
	unsigned long top;	/* one past the highest: the initial RSP */
};

/*
 * Every kernel stack, for the page tables, backtraces and the guard-page
 * report: the boot CPU's (boot stack, IST stacks) first, then those of
 * the secondary CPUs in the order they were allocated.
 */
unsigned int kstack_count(void);
const struct kstack *kstack_get(unsigned int i);
const struct kstack *kstack_of(unsigned long addr);
/* The top of the boot CPU's IST stack. */
unsigned long ist_stack_top(enum ist_index ist);

/*
 * A new THREAD_SIZE stack from node nid's memory (or the nearest node
 * with memory), mapped in the stack area above an unmapped guard page and
 * registered under name.  Returns NULL if memory or the window ran out.
 * Boot-time only: stacks are never freed.
 */
const struct kstack *kstack_alloc(int nid, const char *name);

#endif
