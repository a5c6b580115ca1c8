/*
 * kernel/locking/might_sleep.c - "this may sleep" checked where it is said.
 *
 * Teaches: a function that may block (take a mutex, wait for I/O or a
 * timer) must never be called where the CPU cannot switch away: with a
 * spin lock held or preemption off (the count in percpu_hot), with
 * interrupts off, or inside an interrupt handler.  It may not even block
 * on this run, so the bug hides; might_sleep() at the top of such
 * functions catches the call on every run under lock_debug=on:
 *
 *	BUG: sleeping function called from invalid context at mm/foo.c:42
 *	in_atomic(): 1, irqs_disabled(): 0, in_interrupt(): 0, preempt_count: 1, CPU#0
 *
 * then the locks this CPU holds and a backtrace.  Each call site reports
 * once (a table of 32 sites; past that, reports stop and say so).
 * Nothing is checked while system_state is SYSTEM_BOOTING: the boot runs
 * with interrupts off before there is anything to switch to.
 * Linux counterpart: __might_sleep()/__might_resched() in
 * kernel/sched/core.c (CONFIG_DEBUG_ATOMIC_SLEEP).
 */
#include "arch/x86/irq.h"
#include "arch/x86/stacktrace.h"
#include "kernel/locking/lock_debug.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"

enum system_states system_state;

#define MAX_SITES	32

static struct {
	const char *file;
	int line;
} reported_sites[MAX_SITES];
static unsigned int nr_reported;
static arch_spinlock_t sites_lock = __ARCH_SPIN_LOCK_UNLOCKED;

/* True if this site was not reported yet (and now counts as reported). */
static bool
first_report(const char *file, int line, bool *table_full)
{
	unsigned long flags = local_irq_save();
	bool first = true;

	*table_full = false;
	arch_spin_lock(&sites_lock);
	for (unsigned int i = 0; i < nr_reported && first; i++)
		if (reported_sites[i].file == file &&
		    reported_sites[i].line == line)
			first = false;
	if (first && nr_reported < MAX_SITES) {
		reported_sites[nr_reported].file = file;
		reported_sites[nr_reported].line = line;
		nr_reported++;
	} else if (first) {
		first = false;
		*table_full = nr_reported++ == MAX_SITES; /* say it once */
	}
	arch_spin_unlock(&sites_lock);
	local_irq_restore(flags);
	return first;
}

/* The scheduler's might_resched() replaces this (kernel/sched/core.c). */
__attribute__((weak)) int
might_resched(void)
{
	return 0;
}

void
__might_sleep(const char *file, int line)
{
	/* Read before anything here changes them. */
	unsigned int count = preempt_count();
	bool irqs_off = irqs_disabled(), in_irq = in_interrupt();
	unsigned int cpu = smp_processor_id();
	int saved = console_loglevel;
	bool full;

	if (system_state == SYSTEM_BOOTING || oops_in_progress)
		return;
	if (!count && !irqs_off && !in_irq)
		return;
	if (!first_report(file, line, &full)) {
		if (full)
			printk(KERN_WARNING "might_sleep: more than %u call "
			       "sites reported; no more reports\n", MAX_SITES);
		return;
	}
	console_verbose();
	printk(KERN_ERR "BUG: sleeping function called from invalid context "
	       "at %s:%d\n", file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, "
	       "in_interrupt(): %d, preempt_count: %u, CPU#%u\n",
	       count != 0, irqs_off, in_irq, count, cpu);
	lock_debug_print_held(cpu);
	dump_stack();
	console_loglevel = saved;
}
