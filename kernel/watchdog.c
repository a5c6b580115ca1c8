/*
 * kernel/watchdog.c - the soft-lockup detector.
 *
 * Teaches: a CPU that runs kernel code for seconds without ever calling
 * schedule() starves every other task queued there (under preempt=none
 * or voluntary nothing takes the CPU from it).  To notice, each CPU has
 * a watchdog thread bound to it that only resets a counter; the CPU's
 * tick counts up and wakes the thread every sample period (2/5 of the
 * threshold, as Linux).  If the count reaches 2 * watchdog_thresh
 * seconds, the thread has not run for that long: the tick reports
 *	watchdog: BUG: soft lockup - CPU#N stuck for Ss! [comm:pid]
 * with the interrupted RIP and backtrace, once per episode.
 *
 * The count is in the CPU's own ticks, not in TSC time: a host that
 * deschedules the whole virtual CPU stops its ticks too (QEMU drops
 * missed periodic ticks), so a paused VM is not mistaken for a lockup.
 * watchdog_thresh=0 disables the detector (as Linux).
 * Linux counterpart: kernel/watchdog.c (softlockup part; the hard-lockup
 * NMI detector needs perf counters QEMU's TCG does not offer).
 */
#include "kernel/sched/sched.h"

#include "arch/x86/ptrace.h"
#include "arch/x86/stacktrace.h"
#include "kernel/ksyms.h"
#include "kernel/kthread.h"
#include "kernel/params.h"
#include "kernel/printk.h"

/* Linux's default: soft lockup after 2 * 10 s. */
static unsigned int watchdog_thresh = 10;
early_param_range("watchdog_thresh", watchdog_thresh, PARAM_UINT, 0, 60,
		  "soft lockup threshold / 2 in seconds (0: off)");

struct watchdog_cpu {
	struct task_struct *task;
	unsigned long ticks;	/* since the thread last ran */
	bool reported;
};

static DEFINE_PER_CPU(struct watchdog_cpu, watchdog_cpu);
static unsigned long nr_reports;
static bool watchdog_running;

unsigned int
softlockup_thresh(void)
{
	return watchdog_thresh;
}

unsigned long
softlockup_reports(void)
{
	return READ_ONCE(nr_reports);
}

/* From scheduler_tick(), interrupts off. */
void
sched_watchdog_tick(void)
{
	struct watchdog_cpu *w = this_cpu_ptr(&watchdog_cpu);
	unsigned long sample = 2 * watchdog_thresh * HZ / 5;
	unsigned long limit = 2 * watchdog_thresh * HZ;
	struct pt_regs *regs;

	if (!READ_ONCE(watchdog_running) || !w->task)
		return;
	w->ticks++;
	if (sample && w->ticks % sample == 0)
		wake_up_process(w->task);
	if (w->ticks >= limit && !w->reported) {
		w->reported = true;
		pr_emerg("watchdog: BUG: soft lockup - CPU#%u stuck for %lus! "
			 "[%s:%d]\n", smp_processor_id(), w->ticks / HZ,
			 current->comm, current->pid);
		regs = this_cpu(tick_regs);
		if (regs) {
			char sym[128];

			ksym_format(sym, sizeof(sym), regs->rip);
			pr_emerg("RIP: %04llx:%s\n",
				 (unsigned long long)regs->cs, sym);
			show_trace(regs->rip, regs->rbp);
		} else {
			dump_stack();
		}
		/* Counted once printed whole: a reader of the count sees it all. */
		__atomic_add_fetch(&nr_reports, 1, __ATOMIC_RELEASE);
	}
}

static int
watchdog_thread(void *data)
{
	struct watchdog_cpu *w = data;

	while (!kthread_should_stop()) {
		WRITE_ONCE(w->ticks, 0);
		WRITE_ONCE(w->reported, false);
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

void
lockup_detector_init(void)
{
	unsigned int cpu;

	if (!watchdog_thresh)
		return;
	for_each_online_cpu(cpu) {
		struct watchdog_cpu *w = per_cpu_ptr(&watchdog_cpu, cpu);
		struct task_struct *p;

		if (!sched_cpu_usable(cpu))
			continue;
		p = kthread_create_on_cpu(watchdog_thread, w, cpu,
					  "watchdog/%u", cpu);
		if (!p)
			continue;
		w->task = p;
		wake_up_process(p);
	}
	WRITE_ONCE(watchdog_running, true);
}
