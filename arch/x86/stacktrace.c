/*
 * arch/x86/stacktrace.c - walk the chain of frame pointers.
 *
 * Teaches: compiled with -fno-omit-frame-pointer, every function starts
 * with "push %rbp; mov %rsp, %rbp".  So RBP points at the caller's saved
 * RBP, and the word above it is the return address into the caller:
 *
 *	rbp -> [ caller's rbp ][ return address ] ... caller's frame ...
 *
 * Following the chain gives every caller.  A corrupt RBP must not crash
 * the oops that is trying to report a crash, so each frame must lie on a
 * known kernel stack, be aligned, and be above the previous one (stacks
 * grow down, callers' frames are higher).  head64.S zeroes RBP before
 * calling start_kernel, which ends the chain.
 * Linux counterpart: arch/x86/kernel/unwind_frame.c, dumpstack.c.
 */
#include "arch/x86/stacktrace.h"

#include "arch/x86/stack.h"
#include "kernel/compiler.h"
#include "kernel/ksyms.h"
#include "kernel/printk.h"

#define MAX_FRAMES	32

unsigned int
save_stack_trace(unsigned long rbp, unsigned long *pcs, unsigned int max)
{
	const struct kstack *stack = kstack_of(rbp);
	unsigned int n = 0;

	while (n < max && stack && IS_ALIGNED(rbp, 8) &&
	       rbp >= stack->bottom && rbp + 16 <= stack->top) {
		unsigned long next = ((unsigned long *)rbp)[0];
		unsigned long ret = ((unsigned long *)rbp)[1];

		if (!ret)
			break;
		pcs[n++] = ret;
		if (next <= rbp)
			break;
		rbp = next;
	}
	return n;
}

static void
print_address(unsigned long addr)
{
	char sym[128];

	ksym_format(sym, sizeof(sym), addr);
	printk(KERN_EMERG " %s\n", sym);
}

void
show_trace(unsigned long rip, unsigned long rbp)
{
	unsigned long pcs[MAX_FRAMES];
	unsigned int n = save_stack_trace(rbp, pcs, MAX_FRAMES);

	printk(KERN_EMERG "Call Trace:\n");
	print_address(rip);
	for (unsigned int i = 0; i < n; i++)
		print_address(pcs[i]);
}

__attribute__((noinline)) void
dump_stack(void)
{
	unsigned long rbp = (unsigned long)__builtin_frame_address(0);

	show_trace((unsigned long)__builtin_return_address(0),
		   ((unsigned long *)rbp)[0]);
}
