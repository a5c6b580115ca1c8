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
#include "arch/x86/percpu.h"
#include "arch/x86/setjmp.h"
#include "kernel/preempt.h"

struct fault_catcher {
	struct jmp_buf resume;
	struct fault_info *info;
	unsigned int irq_depth;	/* only faults of this context are ours */
};

/*
 * Per CPU: a probe runs on one CPU (preemption off) and its fault is
 * taken there.  An interrupt that arrives during the probe and faults in
 * its handler is not the probe's fault: hence the interrupt depth check.
 */
static DEFINE_PER_CPU(struct fault_catcher *, armed);

bool
fault_catch_call(void (*fn)(void *), void *arg, struct fault_info *info)
{
	struct fault_catcher catcher = { .info = info };
	struct fault_catcher *outer;
	unsigned long flags = local_save_flags();

	preempt_disable();
	outer = this_cpu(armed);	/* calls may nest */
	catcher.irq_depth = this_cpu_read_hot(irq_depth);
	*info = (struct fault_info){ 0 };
	if (kernel_setjmp(&catcher.resume) == 0) {
		WRITE_ONCE(this_cpu(armed), &catcher);
		barrier();
		fn(arg);
		barrier();
		WRITE_ONCE(this_cpu(armed), outer);
		preempt_enable();
		return false;
	}
	/* Back from a fault: the trap entered with IF clear. */
	WRITE_ONCE(this_cpu(armed), outer);
	local_irq_restore(flags);
	preempt_enable();
	return true;
}

bool
fault_catch_fixup(const struct pt_regs *regs)
{
	struct fault_catcher *c = READ_ONCE(this_cpu(armed));

	if (!c || regs->vector == 2 || regs->vector == 8 || regs->vector == 18 ||
	    c->irq_depth != this_cpu_read_hot(irq_depth))
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
