/*
 * arch/x86/traps.c - what the kernel does with an exception: the oops.
 *
 * Teaches: an exception in kernel mode that nobody expected is a kernel
 * bug.  The most useful thing left to do is to say exactly what happened,
 * in a form a developer can act on:
 *
 *	BUG: kernel NULL pointer dereference, address: 0000000000000000
 *	#PF: supervisor write access in kernel mode
 *	#PF: error_code(0x0002) - not-present page
 *	Oops: page fault: 0002 [#1]
 *	RIP: 0008:lkdtm_EXCEPTION+0x0/0x10
 *	RSP: 0010:ffffffff8014ef68 EFLAGS: 00000006
 *	RAX: ...
 *	Call Trace:
 *	 ...
 *	Kernel panic - not syncing: Fatal exception
 *
 * (the layout is Linux's, so a student can read both; the selectors
 * differ: our kernel code and data are GDT entries 1 and 2, so CS is 0008
 * and SS 0010 (GDT_KERNEL_CS/DS in arch/x86/boot_layout.h), where Linux,
 * with more entries in front, shows 0010 and 0018).  Exceptions that a
 * test provoked on purpose are handed back to it first (fault_catch.c).
 * Linux counterpart: arch/x86/kernel/traps.c, arch/x86/mm/fault.c
 * (show_fault_oops), arch/x86/kernel/dumpstack.c (__die, show_regs).
 */
#include "arch/x86/fault_catch.h"
#include "arch/x86/irq.h"
#include "arch/x86/processor.h"
#include "arch/x86/ptrace.h"
#include "arch/x86/stack.h"
#include "arch/x86/syscall.h"
#include "arch/x86/stacktrace.h"
#include "kernel/ksyms.h"
#include "kernel/panic.h"
#include "kernel/printk.h"

void do_trap(struct pt_regs *regs);

static const char *const exception_names[32] = {
	[0] = "divide error",		[1] = "debug",
	[2] = "NMI",			[3] = "int3",
	[4] = "overflow",		[5] = "bounds",
	[6] = "invalid opcode",		[7] = "device not available",
	[8] = "double fault",		[9] = "coprocessor segment overrun",
	[10] = "invalid TSS",		[11] = "segment not present",
	[12] = "stack segment",		[13] = "general protection fault",
	[14] = "page fault",		[16] = "x87 floating point",
	[17] = "alignment check",	[18] = "machine check",
	[19] = "SIMD floating point",	[20] = "virtualization",
	[21] = "control protection",	[29] = "VMM communication",
	[30] = "security",
};

#define PF_PROT		(1 << 0)	/* 0: not present, 1: protection */
#define PF_WRITE	(1 << 1)
#define PF_USER		(1 << 2)
#define PF_RSVD		(1 << 3)	/* reserved bit set in an entry */
#define PF_INSTR	(1 << 4)	/* instruction fetch */
#define PF_PK		(1 << 5)	/* protection key */

static int oops_count;

/* A fault on a guard page is a stack overflow: say so first. */
static void
report_guard_page_hit(unsigned long cr2)
{
	for (unsigned int i = 0; i < kstack_count(); i++) {
		const struct kstack *stack = kstack_get(i);

		if (cr2 >= stack->guard && cr2 < stack->guard + PAGE_SIZE)
			printk(KERN_EMERG "BUG: stack guard page was hit at "
			       "%016lx (%s: %016lx-%016lx)\n", cr2,
			       stack->name, stack->bottom, stack->top - 1);
	}
}

static void
show_page_fault(const struct pt_regs *regs, unsigned long cr2)
{
	unsigned long ec = regs->error_code;

	report_guard_page_hit(cr2);
	if (cr2 < PAGE_SIZE)
		printk(KERN_EMERG "BUG: kernel NULL pointer dereference, "
		       "address: %016lx\n", cr2);
	else
		printk(KERN_EMERG "BUG: unable to handle page fault for "
		       "address: %016lx\n", cr2);
	printk(KERN_EMERG "#PF: %s %s in %s mode\n",
	       ec & PF_USER ? "user" : "supervisor",
	       ec & PF_INSTR ? "instruction fetch" :
	       ec & PF_WRITE ? "write access" : "read access",
	       user_mode(regs) ? "user" : "kernel");
	printk(KERN_EMERG "#PF: error_code(0x%04lx) - %s%s%s\n", ec,
	       ec & PF_RSVD ? "reserved bit violation" :
	       ec & PF_PROT ? "permissions violation" : "not-present page",
	       ec & PF_PK ? ", protection key" : "",
	       ec & PF_INSTR && ec & PF_PROT ? " (NX or SMEP)" : "");
}

/* Error codes of #TS #NP #SS #GP name a selector: say which. */
static void
show_selector_error(unsigned long vec, unsigned long ec)
{
	static const char *const tables[4] = { "GDT", "IDT", "LDT", "IDT" };

	if (!ec)
		return;
	printk(KERN_EMERG "%s: error code 0x%lx: %s index %lu%s\n",
	       exception_names[vec], ec, tables[(ec >> 1) & 3], ec >> 3,
	       ec & 1 ? " (external event)" : "");
}

static void
show_regs(const struct pt_regs *regs)
{
	char sym[128];

	ksym_format(sym, sizeof(sym), regs->rip);
	printk(KERN_EMERG "RIP: %04lx:%s\n", regs->cs, sym);
	printk(KERN_EMERG "RSP: %04lx:%016lx EFLAGS: %08lx\n",
	       regs->ss, regs->rsp, regs->rflags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n",
	       regs->rax, regs->rbx, regs->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n",
	       regs->rdx, regs->rsi, regs->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n",
	       regs->rbp, regs->r8, regs->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n",
	       regs->r10, regs->r11, regs->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n",
	       regs->r13, regs->r14, regs->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3());
	printk(KERN_EMERG "CR4: %016lx\n", read_cr4());
}

static void __noreturn
die(struct pt_regs *regs)
{
	unsigned long vec = regs->vector;
	const char *name = exception_names[vec] ? exception_names[vec]
						: "reserved exception";

	oops_in_progress = true;
	console_verbose();	/* `quiet` must not hide the oops */
	if (vec == 14)
		show_page_fault(regs, read_cr2());
	else if (vec >= 10 && vec <= 13)
		show_selector_error(vec, regs->error_code);
	if (vec == 8) {
		/* CR2 still holds the address whose fault could not be
		 * delivered: on a guard page, the stack overflowed. */
		report_guard_page_hit(read_cr2());
		printk(KERN_EMERG "BUG: double fault: the CPU could not "
		       "deliver an exception (a kernel stack overflow?)\n");
	}
	printk(KERN_EMERG "Oops: %s: %04lx [#%d]\n", name, regs->error_code,
	       ++oops_count);
	show_regs(regs);
	show_trace(regs->rip, regs->rbp);
	panic("Fatal exception");
}

void
do_trap(struct pt_regs *regs)
{
	if (regs->vector < 32) {
		/* A fault in user mode is the program's, not the kernel's. */
		if (user_mode(regs))
			user_fault_kill(regs, regs->vector == 14 ?
					      read_cr2() : 0);
		fault_catch_fixup(regs);	/* returns only if not armed */
		die(regs);
	}
	do_irq(regs);
}
