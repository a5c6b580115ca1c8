/*
 * arch/x86/stack.c - where the kernel's fixed stacks live.
 *
 * Teaches: a stack is a page-aligned array with an unmapped guard page
 * below it, so an overflow faults instead of corrupting a neighbour.
 * The boot stack is laid out by boot/head32.S (it must exist before any C
 * runs); the three IST stacks are here.  Each is a guard page followed by
 * THREAD_SIZE bytes of stack, all page aligned, all in .bss.  The page
 * table code asks kstack_get() for the guard pages to leave unmapped.
 *
 * Secondary CPUs get theirs from kstack_alloc(): pages from the CPU's own
 * node (a stack is touched on every call and interrupt, so it should be
 * local memory), given a virtual address in a window of their own with
 * one page left unmapped below each stack.  The direct map cannot give a
 * guard page: it maps RAM in 2 MiB pages, and every page of RAM is in it.
 * Linux counterpart: arch/x86/kernel/dumpstack_64.c, cpu_entry_area.c.
 */
#include "arch/x86/stack.h"

#include "arch/x86/percpu.h"
#include "kernel/compiler.h"
#include "kernel/spinlock.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/page.h"
#include "mm/paging_init.h"

extern char boot_stack_guard[], boot_stack_bottom[], boot_stack_top[];

struct guarded_stack {
	u8 guard[PAGE_SIZE];
	u8 stack[THREAD_SIZE];
};

static struct guarded_stack ist_stacks[IST_COUNT]
	__aligned(PAGE_SIZE) __section(".bss.page_aligned");

static struct kstack kstacks[MAX_KSTACKS];
static unsigned int nr_kstacks;
static unsigned long kstack_area_next = KSTACK_AREA_START;
static DEFINE_SPINLOCK(kstack_lock);

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
			"", (unsigned long)s->guard, (unsigned long)s->stack,
			(unsigned long)s->stack + THREAD_SIZE,
		};
		strscpy(kstacks[1 + i].name, ist_names[i],
			sizeof(kstacks[1 + i].name));
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

const struct kstack *
kstack_alloc(int nid, const char *name)
{
	unsigned int order = __builtin_ctz(THREAD_SIZE / PAGE_SIZE);
	struct page *page;
	struct kstack *ks = NULL;
	unsigned long va, flags;

	_Static_assert((THREAD_SIZE & (THREAD_SIZE - 1)) == 0,
		       "THREAD_SIZE is a power of two");
	kstack_count();			/* the boot CPU's come first */
	page = alloc_pages_node(nid, GFP_KERNEL, order);
	if (!page)
		return NULL;
	flags = spin_lock_irqsave(&kstack_lock);
	va = kstack_area_next;
	if (nr_kstacks < MAX_KSTACKS &&
	    va + PAGE_SIZE + THREAD_SIZE <= KSTACK_AREA_START + KSTACK_AREA_SIZE &&
	    !map_range(init_pgd, va + PAGE_SIZE, page_to_phys(page),
		       THREAD_SIZE, PAGE_KERNEL, 0, NULL)) {
		kstack_area_next = va + PAGE_SIZE + THREAD_SIZE;
		ks = &kstacks[nr_kstacks];
		ks->guard = va;
		ks->bottom = va + PAGE_SIZE;
		ks->top = va + PAGE_SIZE + THREAD_SIZE;
		strscpy(ks->name, name, sizeof(ks->name));
		/* Readers walk the table without the lock: count it last. */
		__atomic_store_n(&nr_kstacks, nr_kstacks + 1, __ATOMIC_RELEASE);
	}
	spin_unlock_irqrestore(&kstack_lock, flags);
	if (!ks)
		__free_pages(page, order);
	return ks;
}
