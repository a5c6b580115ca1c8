/*
 * kernel/sched/debug.c - showing tasks: their states and where they sleep.
 *
 * Teaches: a task that is not running is described by its stack, so its
 * backtrace can be read from there without stopping anything: the frame
 * switch_to.S left holds the saved RBP and the return address into
 * __schedule, and the frame-pointer chain goes on from that RBP.
 * Linux counterpart: kernel/sched/core.c (sched_show_task,
 * show_state_filter).
 */
#include "kernel/sched/sched.h"

#include "arch/x86/boot_layout.h"
#include "kernel/ksyms.h"
#include "kernel/printk.h"

static const char *
task_state_name(const struct task_struct *p)
{
	switch (p->state) {
	case TASK_RUNNING:		return "R";
	case TASK_INTERRUPTIBLE:	return "S";
	case TASK_UNINTERRUPTIBLE:	return "D";
	case TASK_DEAD:			return "X";
	case TASK_NEW:			return "N";
	default:			return "?";
	}
}

void
show_state(void)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct task_struct *p;

	pr_info("  task             PID  state cpu  nice  nvcsw  nivcsw\n");
	list_for_each_entry(p, &all_tasks, tasks)
		pr_info("  %-16s %4d  %-5s %3u  %4d  %5lu  %6lu\n", p->comm,
			p->pid, task_state_name(p), task_cpu(p), p->nice,
			p->nvcsw, p->nivcsw);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * The backtrace of a task that is not running: its switch frame (see
 * switch_to.S) holds the saved RBP and the return address into
 * __schedule; from there the frame-pointer chain, kept on its own stack.
 */
void
sched_show_task(struct task_struct *p)
{
	unsigned long *sp = (unsigned long *)p->thread_sp;
	unsigned long lo = (unsigned long)p->stack, hi = lo + THREAD_SIZE;
	unsigned long rbp, ret;
	char sym[128];

	pr_info("task:%-15s state:%s pid:%d cpu:%u\n", p->comm,
		task_state_name(p), p->pid, task_cpu(p));
	if (!p->stack || p->on_cpu || (unsigned long)sp < lo ||
	    (unsigned long)sp + 7 * 8 > hi)
		return;
	rbp = sp[5];
	ret = sp[6];
	pr_info("Call Trace:\n");
	for (int n = 0; n < 32 && ret; n++) {
		ksym_format(sym, sizeof(sym), ret);
		pr_info(" %s\n", sym);
		if (rbp < lo || rbp + 16 > hi || !IS_ALIGNED(rbp, 8))
			break;
		ret = ((unsigned long *)rbp)[1];
		if (((unsigned long *)rbp)[0] <= rbp)
			break;
		rbp = ((unsigned long *)rbp)[0];
	}
}

