/*
 * arch/x86/fault_catch.c - provoke an exception on purpose and survive it.
 *
 * Teaches: to prove that the page tables forbid something (writing kernel
 * text, executing data, touching the NULL page) a test must actually try
 * it, and the kernel must live on afterwards.  fault_catch_call() records
 * a resume point with kernel_setjmp(), then calls the probe.  If the probe
 * faults, do_trap() asks fault_catch_fixup() first; it records what
 * happened and kernel_longjmp()s back to the resume point, abandoning the
 * trap frame (the fault happened on this same stack, deeper down, so
 * nothing above the resume point is lost).
 *
 * Only "ordinary" exceptions are caught: a double fault, NMI or machine
 * check means the machine is in trouble and is never swallowed.  The
 * jump back abandons everything fn was doing, so fn must not fault while
 * holding a lock: the lock would stay taken forever.
 *
 * Linux's counterpart for real code is the exception table (extable):
 * a list of instructions allowed to fault, each with a fixup address,
 * used by copy_from_user().  This is the same idea, for whole functions.
 */
#include "arch/x86/fault_catch.h"

#include "arch/x86/processor.h"
#include "arch/x86/setjmp.h"

struct fault_catcher {
	struct jmp_buf resume;
	struct fault_info *info;
};

static struct fault_catcher *armed;	/* one CPU for now */

bool
fault_catch_call(void (*fn)(void *), void *arg, struct fault_info *info)
{
	struct fault_catcher catcher = { .info = info };
	struct fault_catcher *outer = READ_ONCE(armed);	/* calls may nest */
	unsigned long flags = local_save_flags();

	*info = (struct fault_info){ 0 };
	if (kernel_setjmp(&catcher.resume) == 0) {
		WRITE_ONCE(armed, &catcher);
		barrier();
		fn(arg);
		barrier();
		WRITE_ONCE(armed, outer);
		return false;
	}
	/* Back from a fault: the trap entered with IF clear. */
	WRITE_ONCE(armed, outer);
	local_irq_restore(flags);
	return true;
}

bool
fault_catch_fixup(const struct pt_regs *regs)
{
	struct fault_catcher *c = READ_ONCE(armed);

	if (!c || regs->vector == 2 || regs->vector == 8 || regs->vector == 18)
		return false;
	c->info->vector = regs->vector;
	c->info->error_code = regs->error_code;
	c->info->cr2 = regs->vector == 14 ? read_cr2() : 0;
	c->info->rip = regs->rip;
	kernel_longjmp(&c->resume, 1);
}

/* noinline and volatile: the compiler must really perform the access. */
__attribute__((noinline)) void
probe_read_u8(void *addr)
{
	(void)*(volatile u8 *)addr;
}

__attribute__((noinline)) void
probe_write_u8(void *addr)
{
	volatile u8 *p = addr;

	*p = *p;
}

__attribute__((noinline)) void
probe_exec(void *addr)
{
	((void (*)(void))addr)();
}
