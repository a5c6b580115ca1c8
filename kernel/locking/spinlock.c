/*
 * kernel/locking/spinlock.c - which way spin_lock() waits: ticket or
 * test-and-set.
 *
 * Teaches: a fair lock is only fair if the CPU whose turn it is can
 * run.  On a virtual machine the host may have descheduled that vCPU,
 * and then every CPU behind it waits for the host (see the top of
 * kernel/spinlock.h for the figures).  CPUID leaf 1 ECX bit 31 is set by
 * every hypervisor (QEMU included) and clear on real hardware: we use
 * it, as Linux's virt_spin_lock() does, to pick test-and-set spinning
 * under a hypervisor and the ticket lock on bare metal.
 *	spinlock=auto	(default) test-and-set under a hypervisor, else ticket
 *	spinlock=ticket	always the fair ticket lock
 *	spinlock=tas	always test-and-set
 * The choice is made once, before the other CPUs start, and the lock
 * word means the same in both modes, so nothing has to be converted.
 * Linux counterpart: virt_spin_lock() in arch/x86/include/asm/qspinlock.h,
 * the `nopvspin` parameter.
 */
#include "arch/x86/processor.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "lib/string.h"

#define X86_FEATURE_HYPERVISOR_ECX	(1u << 31)

bool spin_lock_tas_mode;

static const char *const spinlock_modes[] = { "auto", "ticket", "tas", NULL };
static const char *spinlock_mode = "auto";

static int
set_spinlock_mode(const char *val)
{
	for (int i = 0; spinlock_modes[i]; i++)
		if (!strcmp(val, spinlock_modes[i]))
			spinlock_mode = spinlock_modes[i];
	return 0;
}
early_param_choice("spinlock", set_spinlock_mode, spinlock_modes);

void
spin_lock_mode_init(void)
{
	u32 a, b, c, d;
	bool hypervisor;

	cpuid_count(1, 0, &a, &b, &c, &d);
	hypervisor = c & X86_FEATURE_HYPERVISOR_ECX;
	if (!strcmp(spinlock_mode, "auto"))
		spin_lock_tas_mode = hypervisor;
	else
		spin_lock_tas_mode = !strcmp(spinlock_mode, "tas");
	pr_info("spinlock: %s (spinlock=%s, %s)\n",
		spin_lock_tas_mode ? "test-and-set, as Linux's virt_spin_lock"
				   : "ticket lock, FIFO",
		spinlock_mode, hypervisor ? "under a hypervisor"
					  : "no hypervisor");
}
