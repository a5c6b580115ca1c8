/*
 * kernel/sched/core.c - the scheduler's core: schedule(), wake-ups, the tick.
 *
 * Teaches: schedule() is the only place a CPU changes task.  With its run
 * queue locked and interrupts off it takes the running task off the
 * queue if it is going to sleep (its state is no longer TASK_RUNNING),
 * asks the fair class for the next task (or the idle task) and switches
 * stacks (arch/x86/switch_to.S).  The lock is released by the task
 * switched TO, in finish_task_switch(): the lock is held by the CPU
 * across the switch, not by one task.
 *
 * A wake-up (try_to_wake_up) must cope with a task that is still on its
 * way to sleep on another CPU: if it is still queued, setting it back to
 * TASK_RUNNING is enough (its schedule() will keep it); if it has left
 * the queue, we wait until its CPU has finished switching away from it
 * (on_cpu), because only then is its stack free to run elsewhere.
 *
 * Preemption (preempt=): the tick and wake-ups set need_resched; the
 * task is switched away from at the next point its mode allows: at
 * interrupt exit and preempt_enable() under full, at cond_resched()
 * (and might_sleep() under voluntary) otherwise.
 * Linux counterpart: kernel/sched/core.c.
 */
#include "kernel/sched/sched.h"

#include "arch/x86/apic.h"
#include "arch/x86/desc.h"
#include "arch/x86/irq.h"
#include "arch/x86/processor.h"
#include "arch/x86/stacktrace.h"
#include "drivers/tsc.h"
#include "kernel/kthread.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/gfp.h"
#include "mm/numa.h"
#include "mm/slab.h"

#define THREAD_ORDER		2	/* 4 pages: THREAD_SIZE */
#define STACK_END_MAGIC		0x57ac6e9d5ca1ab1eUL

DEFINE_PER_CPU(struct rq, runqueues);
LIST_HEAD(all_tasks);
DEFINE_SPINLOCK(tasklist_lock);
DEFINE_PER_CPU(struct pt_regs *, tick_regs);
static int last_pid;
static bool sched_running;
bool sched_smp_ready;

/* CPU 0's idle task: the boot context itself (Linux: init_task). */
static struct task_struct init_task;
extern char boot_stack_bottom[], boot_stack_top[];

/* ---- preempt= --------------------------------------------------------- */

/*
 * Default voluntary, as Debian's kernel (CONFIG_PREEMPT_VOLUNTARY with
 * CONFIG_PREEMPT_DYNAMIC): long kernel loops yield at their
 * cond_resched()/might_sleep() points, nothing is preempted elsewhere.
 */
enum preempt_mode preempt_mode = PREEMPT_VOLUNTARY;
static char preempt_param[16] = "voluntary";
static const char *const preempt_choices[] = {
	"none", "voluntary", "full", NULL
};
core_param_choice("preempt", preempt_param, preempt_choices,
		  "kernel preemption model: none, voluntary (default), full");

static void
parse_preempt_mode(void)
{
	for (int i = 0; preempt_choices[i]; i++)
		if (!strcmp(preempt_param, preempt_choices[i]))
			preempt_mode = (enum preempt_mode)i;
}

/* ---- run queue basics ------------------------------------------------- */

void
update_rq_clock(struct rq *rq)
{
	u64 now = local_clock_ns();

	if (now > rq->clock)
		rq->clock = now;
}

static void
set_resched_cpu(unsigned int cpu)
{
	WRITE_ONCE(per_cpu(percpu_hot, cpu).need_resched, 1);
}

/* Ask rq's CPU to reschedule: at once here, by IPI elsewhere. */
void
resched_curr(struct rq *rq)
{
	set_resched_cpu(rq->cpu);
	if (rq->cpu != smp_processor_id())
		smp_send_reschedule(rq->cpu);
}

void
scheduler_ipi(void)
{
	/* need_resched was set by the sender; irq_exit preempts if allowed. */
}

void
activate_task(struct rq *rq, struct task_struct *p, bool wakeup)
{
	enqueue_task_fair(rq, p, wakeup);
	WRITE_ONCE(p->on_rq, 1);
}

void
deactivate_task(struct rq *rq, struct task_struct *p)
{
	WRITE_ONCE(p->on_rq, 0);
	dequeue_task_fair(rq, p);
}

/*
 * Move a task that is not queued to cpu.  vruntime is only comparable
 * within one run queue, so it is carried over relative to each queue's
 * min_vruntime.
 */
void
set_task_cpu(struct task_struct *p, unsigned int cpu)
{
	unsigned int old = task_cpu(p);

	if (old == cpu)
		return;
	p->se.vruntime = p->se.vruntime - READ_ONCE(cpu_rq(old)->min_vruntime) +
			 READ_ONCE(cpu_rq(cpu)->min_vruntime);
	WRITE_ONCE(p->cpu, cpu);
}

/* Two run queue locks, lower CPU number first (interrupts already off). */
void
double_rq_lock(struct rq *a, struct rq *b)
{
	if (a == b) {
		spin_lock(&a->lock);
	} else if (a->cpu < b->cpu) {
		spin_lock(&a->lock);
		spin_lock(&b->lock);
	} else {
		spin_lock(&b->lock);
		spin_lock(&a->lock);
	}
}

void
double_rq_unlock(struct rq *a, struct rq *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
}

/* Lock the run queue p is on; p may move meanwhile, so check after. */
static struct rq *
task_rq_lock(struct task_struct *p)
{
	for (;;) {
		struct rq *rq = cpu_rq(task_cpu(p));

		spin_lock(&rq->lock);
		if (rq == cpu_rq(task_cpu(p)))
			return rq;
		spin_unlock(&rq->lock);
	}
}

/* ---- tasks ------------------------------------------------------------ */

void
get_task_struct(struct task_struct *p)
{
	__atomic_add_fetch(&p->refcount, 1, __ATOMIC_RELAXED);
}

void
put_task_struct(struct task_struct *p)
{
	if (__atomic_sub_fetch(&p->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	kfree(p->kthread);
	kfree(p);
}

static void
sched_fork(struct task_struct *p, int node)
{
	p->state = TASK_NEW;
	p->pid = __atomic_add_fetch(&last_pid, 1, __ATOMIC_RELAXED);
	p->refcount = 1;
	p->node = node;
	p->cpu = smp_processor_id();
	cpumask_copy(&p->cpus_allowed, &cpu_possible_mask);
	p->se.weight = sched_prio_to_weight(0);
	INIT_LIST_HEAD(&p->se.run_node);
	p->pi_lock = (spinlock_t)SPINLOCK_INIT;
}

extern char ret_from_fork[];
struct task_struct *__switch_to_asm(struct task_struct *prev,
				    struct task_struct *next);

/*
 * A task with its own stack on node, whose first switch-to returns into
 * ret_from_fork, which calls fn(arg).  Not runnable until woken.
 */
struct task_struct *
sched_create_task(void (*fn)(void *), void *arg, int node)
{
	struct task_struct *p;
	struct page *page;
	unsigned long *sp, flags;

	if (node < 0 || !node_has_memory(node))
		node = numa_node_id();
	p = kzalloc_node(sizeof(*p), GFP_KERNEL, node);
	if (!p)
		return NULL;
	page = alloc_pages_node(node, GFP_KERNEL, THREAD_ORDER);
	if (!page) {
		kfree(p);
		return NULL;
	}
	p->stack = page_address(page);
	p->stack_top = (unsigned long)p->stack + THREAD_SIZE;
	*(unsigned long *)p->stack = STACK_END_MAGIC;
	sched_fork(p, node);

	/* The frame __switch_to_asm pops: r15 r14 r13 r12 rbx rbp, return. */
	sp = (unsigned long *)((char *)p->stack + THREAD_SIZE);
	*--sp = (unsigned long)ret_from_fork;
	*--sp = 0;			/* rbp: ends frame-pointer walks */
	*--sp = (unsigned long)fn;	/* rbx */
	*--sp = (unsigned long)arg;	/* r12 */
	*--sp = 0;			/* r13 */
	*--sp = 0;			/* r14 */
	*--sp = 0;			/* r15 */
	p->thread_sp = (unsigned long)sp;

	flags = spin_lock_irqsave(&tasklist_lock);
	list_add_tail(&p->tasks, &all_tasks);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/* A dead task's last switch is over: free its stack, drop its reference. */
static void
reap_dead_task(struct task_struct *p)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);

	list_del(&p->tasks);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	__free_pages(virt_to_page(p->stack), THREAD_ORDER);
	p->stack = NULL;
	__atomic_store_n(&p->on_cpu, 0, __ATOMIC_RELEASE);
	kthread_reaped(p);
	put_task_struct(p);
}

/* ---- the switch ------------------------------------------------------- */

/* Called by switch_to.S on next's stack; returns prev to next's caller. */
struct task_struct *
__switch_to(struct task_struct *prev, struct task_struct *next)
{
	this_cpu_write_hot(current_task, next);
	this_cpu_write_hot(top_of_stack, next->stack_top);
	tss_set_sp0(next->stack_top);
	return prev;
}

static void push_misplaced_task(struct task_struct *p);

/*
 * The second half of a switch, run by the task switched to: it ends the
 * lock hand-over, and only now may the task switched from run elsewhere
 * (on_cpu = 0) or, dead, be freed.
 */
static void
finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	long state = prev->state;
	bool misplaced = state == TASK_RUNNING && !prev->on_rq &&
			 !task_is_idle(prev);

	if (state != TASK_DEAD)
		__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
	spin_unlock(&rq->lock);
	local_irq_enable();
	if (state == TASK_DEAD)
		reap_dead_task(prev);
	else if (misplaced)
		push_misplaced_task(prev);
}

/* ret_from_fork: a new task's first instructions after the switch. */
void
schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	preempt_count_sub(1);
}

/*
 * The caller of __schedule() holds exactly its own preemption count.
 * More means the task sleeps inside a spin lock, preempt_disable() or
 * rcu_read_lock(): the count is per CPU, so the next task would inherit
 * it and never be preempted.  Reported as Linux does, then repaired.
 */
static void
schedule_bug(struct task_struct *prev)
{
	static int reports;

	if (preempt_count() > 1 && reports++ < 10) {
		pr_err("BUG: scheduling while atomic: %s/%d/0x%08x\n",
		       prev->comm, prev->pid, preempt_count() - 1);
		dump_stack();
	}
	this_cpu_write_hot(preempt_count, 1);
}

/*
 * The scheduler proper.  Called with the preemption count raised by one
 * (by schedule(), preempt_schedule*() or cond_resched()), so that a
 * reschedule due meanwhile does not re-enter it.  preempt: the task is
 * switched away from while still runnable, whatever its state says.
 */
static void
__schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	unsigned long *switch_count = &prev->nivcsw;
	struct rq *rq;

	if (unlikely(this_cpu_read_hot(irq_depth)))
		panic("BUG: scheduling while in an interrupt handler");
	if (unlikely(preempt_count() != 1))
		schedule_bug(prev);
	if (unlikely(prev->stack &&
		     *(unsigned long *)prev->stack != STACK_END_MAGIC))
		panic("stack overflow in task %s:%d", prev->comm, prev->pid);
	local_irq_disable();
	rq = this_rq();
	spin_lock(&rq->lock);
	update_rq_clock(rq);

	if (!preempt && prev->state != TASK_RUNNING) {
		deactivate_task(rq, prev);
		switch_count = &prev->nvcsw;
	} else if (prev->on_rq &&
		   !cpumask_test_cpu(rq->cpu, &prev->cpus_allowed)) {
		/* Affinity changed: leave, finish_task_switch re-places it. */
		deactivate_task(rq, prev);
	}
	if (prev->on_rq)
		put_prev_task_fair(rq, prev);
	next = pick_next_task_fair(rq);
	if (!next)
		next = rq->idle;
	this_cpu_write_hot(need_resched, 0);
	/* Counted for RCU, which reads these (kernel/rcu): no call back. */
	if (!preempt) {
		prev->nvsched++;
		if (next != prev)
			prev->nvsched_switched++;
	}
	this_cpu(schedule_count)++;

	if (next != prev) {
		rq->curr = next;
		rq->nr_switches++;
		(*switch_count)++;
		next->on_cpu = 1;
		prev = __switch_to_asm(prev, next);
		finish_task_switch(prev);
	} else {
		spin_unlock(&rq->lock);
		local_irq_enable();
	}
}

DEFINE_PER_CPU(unsigned long, schedule_count);

void
schedule(void)
{
	do {
		preempt_count_add(1);
		__schedule(false);
		preempt_count_sub(1);
	} while (need_resched());
}

void
yield(void)
{
	struct rq *rq;

	local_irq_disable();
	rq = this_rq();
	spin_lock(&rq->lock);
	update_rq_clock(rq);
	yield_task_fair(rq);
	spin_unlock(&rq->lock);
	local_irq_enable();
	preempt_count_add(1);
	__schedule(true);
	preempt_count_sub(1);
}

static bool
may_preempt_here(void)
{
	return current && !preempt_count() && !this_cpu_read_hot(irq_depth) &&
	       (local_save_flags() & X86_EFLAGS_IF) && sched_running &&
	       !task_is_idle(current);
}

/* preempt_enable() reached 0 with a reschedule due (kernel/preempt.h). */
void
preempt_schedule(void)
{
	if (preempt_mode != PREEMPT_FULL || !may_preempt_here())
		return;
	do {
		preempt_count_add(1);
		__schedule(true);
		preempt_count_sub(1);
	} while (need_resched());
}

/*
 * Interrupt exit (arch/x86/irq.c), interrupts off, the interrupted code
 * had them on: under preempt=full take the CPU from it now.  Returns with
 * interrupts off, as iretq expects.
 */
void
preempt_schedule_irq(void)
{
	if (preempt_mode != PREEMPT_FULL || preempt_count() || !sched_running ||
	    !current || task_is_idle(current))
		return;
	do {
		preempt_count_add(1);
		__schedule(true);
		preempt_count_sub(1);
		local_irq_disable();
	} while (need_resched());
}

int
__cond_resched(void)
{
	/*
	 * A scheduling point outside any RCU reader (readers hold the
	 * preemption count): RCU counts it as a pass through the scheduler,
	 * as Linux's cond_resched() reports a quiescent state.
	 */
	if (!preempt_count())
		this_cpu(schedule_count)++;
	if (!need_resched() || !may_preempt_here())
		return 0;
	preempt_count_add(1);
	__schedule(true);
	preempt_count_sub(1);
	return 1;
}

int
might_resched(void)
{
	if (preempt_mode != PREEMPT_VOLUNTARY)
		return 0;
	return __cond_resched();
}

/* ---- wake-ups --------------------------------------------------------- */

static unsigned int
select_task_rq(struct task_struct *p)
{
	return select_task_rq_fair(p, task_cpu(p));
}

static int
try_to_wake_up(struct task_struct *p, unsigned int state)
{
	unsigned long flags = spin_lock_irqsave(&p->pi_lock);
	bool new_task;
	unsigned int cpu;
	struct rq *rq;
	int success = 0;

	if (!(READ_ONCE(p->state) & state))
		goto out;
	success = 1;
	new_task = p->state == TASK_NEW;
	rq = task_rq_lock(p);
	if (p->on_rq) {
		/* Not yet off its queue: its schedule() will keep it. */
		WRITE_ONCE(p->state, TASK_RUNNING);
		spin_unlock(&rq->lock);
		goto out;
	}
	spin_unlock(&rq->lock);
	/* Its old CPU may still be switching away from it. */
	while (__atomic_load_n(&p->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	cpu = select_task_rq(p);
	rq = cpu_rq(cpu);
	spin_lock(&rq->lock);
	update_rq_clock(rq);
	set_task_cpu(p, cpu);
	if (new_task)
		p->se.vruntime = rq->min_vruntime;
	WRITE_ONCE(p->state, TASK_RUNNING);
	activate_task(rq, p, !new_task);
	check_preempt_wakeup(rq, p);
	spin_unlock(&rq->lock);
out:
	spin_unlock_irqrestore(&p->pi_lock, flags);
	return success;
}

int
wake_up_state(struct task_struct *p, unsigned int state)
{
	return try_to_wake_up(p, state);
}

/* Also starts a new task (TASK_NEW), as Linux's wake_up_new_task. */
int
wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL | TASK_NEW);
}

/*
 * A running task whose affinity no longer includes its CPU left the
 * queue in __schedule(); now that it is off the CPU, queue it where it
 * may run.
 */
static void
push_misplaced_task(struct task_struct *p)
{
	unsigned long flags = spin_lock_irqsave(&p->pi_lock);
	unsigned int cpu = select_task_rq(p);
	struct rq *rq = cpu_rq(cpu);

	spin_lock(&rq->lock);
	update_rq_clock(rq);
	set_task_cpu(p, cpu);
	activate_task(rq, p, false);
	check_preempt_wakeup(rq, p);
	spin_unlock(&rq->lock);
	spin_unlock_irqrestore(&p->pi_lock, flags);
}

/*
 * Restrict p to mask.  A queued task that is not running moves at once;
 * a running one leaves its CPU at its next switch (we ask for one).
 */
int
set_cpus_allowed(struct task_struct *p, const cpumask_t *mask)
{
	unsigned long flags;
	struct rq *rq;
	cpumask_t online;

	cpumask_and(&online, mask, &cpu_online_mask);
	if (cpumask_empty(&online))
		return -22;	/* -EINVAL */
	flags = spin_lock_irqsave(&p->pi_lock);
	rq = task_rq_lock(p);
	cpumask_copy(&p->cpus_allowed, mask);
	if (cpumask_test_cpu(rq->cpu, mask)) {
		spin_unlock(&rq->lock);
	} else if (p->on_rq && rq->curr != p) {
		unsigned int cpu = select_task_rq(p);
		struct rq *dst = cpu_rq(cpu);

		deactivate_task(rq, p);
		spin_unlock(&rq->lock);
		spin_lock(&dst->lock);
		update_rq_clock(dst);
		set_task_cpu(p, cpu);
		activate_task(dst, p, false);
		check_preempt_wakeup(dst, p);
		spin_unlock(&dst->lock);
	} else {
		if (rq->curr == p)
			resched_curr(rq);
		spin_unlock(&rq->lock);
	}
	spin_unlock_irqrestore(&p->pi_lock, flags);
	if (p == current && !cpumask_test_cpu(smp_processor_id(), mask))
		schedule();
	return 0;
}

void
set_user_nice(struct task_struct *p, long nice)
{
	unsigned long flags = spin_lock_irqsave(&p->pi_lock);
	struct rq *rq = task_rq_lock(p);
	bool queued = p->on_rq && rq->curr != p;

	if (nice < MIN_NICE)
		nice = MIN_NICE;
	if (nice > MAX_NICE)
		nice = MAX_NICE;
	if (queued)
		dequeue_task_fair(rq, p);
	else if (rq->curr == p)
		update_curr_fair(rq);
	if (p->on_rq)
		rq->load -= p->se.weight;
	p->nice = (int)nice;
	p->se.weight = sched_prio_to_weight(p->nice);
	if (p->on_rq)
		rq->load += p->se.weight;
	if (queued)
		enqueue_task_fair(rq, p, false);
	spin_unlock(&rq->lock);
	spin_unlock_irqrestore(&p->pi_lock, flags);
}

void __noreturn
do_exit(long code)
{
	(void)code;
	if (unlikely(preempt_count())) {
		pr_err("note: %s[%d] exited with preempt_count %u\n",
		       current->comm, current->pid, preempt_count());
		this_cpu_write_hot(preempt_count, 0);
	}
	preempt_count_add(1);
	set_current_state(TASK_DEAD);
	__schedule(false);
	panic("do_exit: a dead task ran again");
}

bool
sched_can_sleep(void)
{
	return may_preempt_here();
}

/* ---- the tick --------------------------------------------------------- */

void sched_watchdog_tick(void);

void
scheduler_tick(void)
{
	struct rq *rq = this_rq();

	if (!sched_running || !rq->idle)
		return;
	spin_lock(&rq->lock);
	update_rq_clock(rq);
	if (!task_is_idle(rq->curr))
		task_tick_fair(rq, rq->curr);
	spin_unlock(&rq->lock);
	sched_balance_tick(rq);
	sched_watchdog_tick();
}

__attribute__((weak)) void
sched_watchdog_tick(void)
{
}

unsigned long
sched_nr_switches(unsigned int cpu)
{
	return READ_ONCE(cpu_rq(cpu)->nr_switches);
}

/* ---- start-up --------------------------------------------------------- */

void
init_rq(unsigned int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	rq->lock = (spinlock_t)SPINLOCK_INIT;
	rq->cpu = cpu;
	INIT_LIST_HEAD(&rq->cfs_tasks);
	rq->next_balance = cpu;	/* staggered */
}

void
init_idle(struct task_struct *idle, unsigned int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	memset(idle, 0, sizeof(*idle));
	idle->state = TASK_RUNNING;
	idle->flags = PF_IDLE | PF_KTHREAD;
	idle->refcount = 1;
	idle->cpu = cpu;
	idle->on_cpu = 1;
	idle->node = cpu_to_node(cpu);
	idle->se.weight = sched_prio_to_weight(0);
	INIT_LIST_HEAD(&idle->se.run_node);
	INIT_LIST_HEAD(&idle->tasks);
	cpumask_set_cpu(cpu, &idle->cpus_allowed);
	snprintf(idle->comm, sizeof(idle->comm), "swapper/%u", cpu);
	rq->curr = idle;
	rq->idle = idle;
	this_cpu_write_hot(current_task, idle);
}

/*
 * The boot CPU: every possible CPU's run queue, and the boot context
 * becomes init_task, CPU 0's idle task (pid 0, "swapper/0").
 */
void
sched_init(void)
{
	unsigned int cpu;

	parse_preempt_mode();
	for_each_possible_cpu(cpu)
		init_rq(cpu);
	init_idle(&init_task, 0);
	cpu_rq(0)->online = true;
	init_task.stack = boot_stack_bottom;
	init_task.stack_top = (unsigned long)boot_stack_top;
	*(unsigned long *)init_task.stack = STACK_END_MAGIC;
	this_cpu_write_hot(top_of_stack, (unsigned long)boot_stack_top);
	sched_running = true;
	/* Linux 6.1's line (CONFIG_PREEMPT_DYNAMIC), then our own. */
	pr_info("Dynamic Preempt: %s\n", preempt_choices[preempt_mode]);
	pr_info("sched: fair class, latency %llu us, min granularity %llu "
		"us, HZ=%u\n", SCHED_LATENCY_NS / 1000,
		SCHED_MIN_GRAN_NS / 1000, HZ);
}

/*
 * After the tick is calibrated: CPUs that came up before the scheduler
 * wait in cpu_startup_entry(); a reschedule IPI tells them to go on.
 */
void
sched_init_smp(void)
{
	unsigned int cpu;

	WRITE_ONCE(sched_smp_ready, true);
	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id())
			smp_send_reschedule(cpu);
}
