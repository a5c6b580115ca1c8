/*
 * kernel/rcu/tree.c - classic RCU: grace periods from quiescent states.
 *
 * Teaches: the machinery behind synchronize_rcu() and call_rcu().
 *
 * Grace periods are numbered by one counter, gp_seq: even while no grace
 * period runs, odd while one does; starting and ending one each add 1.
 * A grace period starts with the set of online CPUs that still owe a
 * quiescent state (qsmask); each CPU clears its own bit at its next
 * quiescent state; the CPU that clears the last bit ends the grace period.
 * Quiescent states here, both seen from the tick: a tick that
 * interrupted code with a preemption count of 0 (which is not inside
 * rcu_read_lock(), and may be the idle loop), and a pass through the
 * scheduler since this CPU saw the grace period begin, switch or not (the
 * scheduler counts its passes per CPU; RCU reads the count, the scheduler
 * never calls RCU).  With a periodic tick
 * on every CPU, an idle machine completes a grace period within about two
 * ticks.
 *
 * Callbacks wait in per-CPU lists, touched only by their CPU with
 * interrupts off, in three segments:
 *	next: queued by call_rcu(), no grace period chosen yet;
 *	wait: waiting for the grace period that ends at gp_seq == wait_seq;
 *	done: their grace period has ended: run them.
 * When next moves to wait, wait_seq is the end of the first grace period
 * that starts after that moment: rcu_seq_snap() below.  Every tick moves
 * the segments along and runs what is done (Linux runs them in a softirq
 * or a kthread; here the tick's interrupt runs them directly, so a
 * callback must be short and must not sleep).
 * Linux counterpart: kernel/rcu/tree.c, kernel/rcu/rcu_segcblist.c,
 * kernel/rcu/rcu.h (rcu_seq_snap).
 */
#include "arch/x86/irq.h"
#include "arch/x86/processor.h"
#include "kernel/cpumask.h"
#include "kernel/panic.h"
#include "kernel/rcupdate.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/spinlock.h"

struct rcu_data {
	struct rcu_head *done_head, **done_tail;
	struct rcu_head *wait_head, **wait_tail;
	struct rcu_head *next_head, **next_tail;
	unsigned long wait_seq;
	unsigned long qlen;		/* callbacks queued, all segments */
	unsigned long gp_seen;		/* the grace period we last looked at */
	unsigned long switches_snap;	/* schedule_count at that time */
	bool initialized;
};

static DEFINE_PER_CPU(struct rcu_data, rcu_data);

static struct {
	spinlock_t lock;
	unsigned long gp_seq;		/* odd: a grace period is running */
	cpumask_t qsmask;		/* CPUs that owe a quiescent state */
} rcu_state = { .lock = SPINLOCK_INIT };

/* The gp_seq at which a grace period starting after now has ended. */
static unsigned long
rcu_seq_snap(unsigned long seq)
{
	return (seq + 3) & ~1UL;
}

static bool
rcu_seq_done(unsigned long seq)
{
	return (long)(READ_ONCE(rcu_state.gp_seq) - seq) >= 0;
}

unsigned long
rcu_completed_gps(void)
{
	return READ_ONCE(rcu_state.gp_seq) / 2;
}

static struct rcu_data *
this_rdp(void)
{
	struct rcu_data *rdp = this_cpu_ptr(&rcu_data);

	if (!rdp->initialized) {
		rdp->done_tail = &rdp->done_head;
		rdp->wait_tail = &rdp->wait_head;
		rdp->next_tail = &rdp->next_head;
		rdp->initialized = true;
	}
	return rdp;
}

/* Report this CPU's quiescent state for the running grace period. */
static void
rcu_qs(void)
{
	unsigned int cpu = smp_processor_id();
	unsigned long flags;

	if (!(READ_ONCE(rcu_state.gp_seq) & 1) ||
	    !cpumask_test_cpu(cpu, &rcu_state.qsmask))
		return;
	flags = spin_lock_irqsave(&rcu_state.lock);
	if ((rcu_state.gp_seq & 1) &&
	    cpumask_test_cpu(cpu, &rcu_state.qsmask)) {
		cpumask_clear_cpu(cpu, &rcu_state.qsmask);
		if (cpumask_empty(&rcu_state.qsmask))
			WRITE_ONCE(rcu_state.gp_seq, rcu_state.gp_seq + 1);
	}
	spin_unlock_irqrestore(&rcu_state.lock, flags);
}

static void
rcu_start_gp_if_idle(void)
{
	unsigned long flags = spin_lock_irqsave(&rcu_state.lock);

	if (!(rcu_state.gp_seq & 1)) {
		cpumask_copy(&rcu_state.qsmask, &cpu_online_mask);
		WRITE_ONCE(rcu_state.gp_seq, rcu_state.gp_seq + 1);
	}
	spin_unlock_irqrestore(&rcu_state.lock, flags);
}

static void
splice(struct rcu_head **dst_head, struct rcu_head ***dst_tail,
       struct rcu_head **src_head, struct rcu_head ***src_tail)
{
	if (!*src_head)
		return;
	**dst_tail = *src_head;
	*dst_tail = *src_tail;
	*src_head = NULL;
	*src_tail = src_head;
}

/* Move the segments along and run what is done.  Interrupts off. */
static void
rcu_advance_and_invoke(struct rcu_data *rdp)
{
	struct rcu_head *list;

	if (rdp->wait_head && rcu_seq_done(rdp->wait_seq))
		splice(&rdp->done_head, &rdp->done_tail,
		       &rdp->wait_head, &rdp->wait_tail);
	if (!rdp->wait_head && rdp->next_head) {
		splice(&rdp->wait_head, &rdp->wait_tail,
		       &rdp->next_head, &rdp->next_tail);
		rdp->wait_seq = rcu_seq_snap(READ_ONCE(rcu_state.gp_seq));
	}
	if (rdp->wait_head && !(READ_ONCE(rcu_state.gp_seq) & 1) &&
	    !rcu_seq_done(rdp->wait_seq))
		rcu_start_gp_if_idle();

	list = rdp->done_head;
	rdp->done_head = NULL;
	rdp->done_tail = &rdp->done_head;
	while (list) {
		struct rcu_head *next = list->next;

		rdp->qlen--;
		list->func(list);
		list = next;
	}
}

void
rcu_sched_clock_irq(void)
{
	struct rcu_data *rdp = this_rdp();
	unsigned long gp = READ_ONCE(rcu_state.gp_seq);
	unsigned long switches = this_cpu(schedule_count);

	/*
	 * We run in the tick's handler: the interrupted code is a
	 * quiescent state if it held no preemption count (so no
	 * rcu_read_lock) and was not itself an interrupt handler.  So is
	 * any pass through the scheduler since we first saw this grace
	 * period: no reader can be inside schedule() (readers do not sleep
	 * and are not preempted).
	 */
	if (!preempt_count() && this_cpu_read_hot(irq_depth) == 1)
		rcu_qs();
	else if (rdp->gp_seen == gp && rdp->switches_snap != switches)
		rcu_qs();
	rdp->gp_seen = gp;
	rdp->switches_snap = switches;
	rcu_advance_and_invoke(rdp);
}

void
call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	unsigned long flags = local_irq_save();
	struct rcu_data *rdp = this_rdp();

	head->func = func;
	head->next = NULL;
	*rdp->next_tail = head;
	rdp->next_tail = &head->next;
	rdp->qlen++;
	local_irq_restore(flags);
}
