/*
 * arch/x86/stack.c - where the kernel's fixed stacks live.
 *
 * Teaches: a stack is a page-aligned array with an unmapped guard page
 * below it, so an overflow faults instead of corrupting a neighbour.
 * The boot stack is laid out by boot/head32.S (it must exist before any C
 * runs); the three IST stacks are here.  Each is a guard page followed by
 * THREAD_SIZE bytes of stack, all page aligned, all in .bss.  The page
 * table code asks kstack_get() for the guard pages to leave unmapped.
 * Linux counterpart: arch/x86/kernel/dumpstack_64.c, cpu_entry_area.c.
 */
#include "arch/x86/stack.h"

#include "arch/x86/percpu.h"
#include "kernel/compiler.h"

extern char boot_stack_guard[], boot_stack_bottom[], boot_stack_top[];

struct guarded_stack {
	u8 guard[PAGE_SIZE];
	u8 stack[THREAD_SIZE];
};

static struct guarded_stack ist_stacks[IST_COUNT]
	__aligned(PAGE_SIZE) __section(".bss.page_aligned");

static struct kstack kstacks[1 + IST_COUNT];
static unsigned int nr_kstacks;

static void
kstacks_init(void)
{
	static const char *const ist_names[IST_COUNT] = {
		"#DF stack", "NMI stack", "#MC stack",
	};

	kstacks[0] = (struct kstack){
		"boot stack", (unsigned long)boot_stack_guard,
		(unsigned long)boot_stack_bottom, (unsigned long)boot_stack_top,
	};
	for (int i = 0; i < IST_COUNT; i++) {
		struct guarded_stack *s = &ist_stacks[i];

		kstacks[1 + i] = (struct kstack){
			ist_names[i], (unsigned long)s->guard,
			(unsigned long)s->stack,
			(unsigned long)s->stack + THREAD_SIZE,
		};
	}
	nr_kstacks = 1 + IST_COUNT;
}

unsigned int
kstack_count(void)
{
	if (!nr_kstacks)
		kstacks_init();
	return nr_kstacks;
}

const struct kstack *
kstack_get(unsigned int i)
{
	return i < kstack_count() ? &kstacks[i] : NULL;
}

/*
 * A kernel thread's stack comes from the page allocator (kernel/sched):
 * the running task's is known through percpu_hot.top_of_stack.
 */
static DEFINE_PER_CPU(struct kstack, task_kstack);

const struct kstack *
kstack_of(unsigned long addr)
{
	unsigned long top;

	for (unsigned int i = 0; i < kstack_count(); i++)
		if (addr >= kstacks[i].bottom && addr < kstacks[i].top)
			return &kstacks[i];
	top = this_cpu_read_hot(top_of_stack);
	if (top && addr < top && addr >= top - THREAD_SIZE) {
		struct kstack *s = this_cpu_ptr(&task_kstack);

		*s = (struct kstack){ "task stack", 0, top - THREAD_SIZE, top };
		return s;
	}
	return NULL;
}

unsigned long
ist_stack_top(enum ist_index ist)
{
	return (unsigned long)ist_stacks[ist - 1].stack + THREAD_SIZE;
}
