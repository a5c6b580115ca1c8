/*
 * kernel/sched.h - tasks, and the scheduler's interface to the rest.
 *
 * Teaches: a task is a stack plus what is needed to resume it later (its
 * saved stack pointer: everything else, the callee-saved registers and
 * the return address, was pushed on that stack by switch_to).  `current`
 * is the task this CPU runs, one %gs load away (percpu_hot).  A task
 * that waits sets its state to a sleeping state, checks the condition it
 * waits for, and calls schedule(); whoever makes the condition true
 * calls wake_up_process(), which puts it back on a run queue.  Setting
 * the state BEFORE checking is what makes a wake-up between the check
 * and schedule() harmless (schedule() then sees TASK_RUNNING and keeps
 * the task queued).
 * Linux counterpart: include/linux/sched.h.
 */
#ifndef PAGODA_KERNEL_SCHED_H
#define PAGODA_KERNEL_SCHED_H

#include "arch/x86/percpu.h"
#include "kernel/compiler.h"
#include "kernel/cpumask.h"
#include "kernel/preempt.h"
#include "kernel/spinlock.h"
#include "kernel/types.h"
#include "lib/list.h"

/* Task states (task_struct.state), as Linux names them. */
#define TASK_RUNNING		0x0000	/* on a run queue, or running */
#define TASK_INTERRUPTIBLE	0x0001	/* asleep; any wake-up ends it */
#define TASK_UNINTERRUPTIBLE	0x0002	/* asleep; counted by hung_task */
#define TASK_DEAD		0x0080	/* exited; reaped after its last switch */
#define TASK_NEW		0x0800	/* created, never woken yet */
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task_struct.flags */
#define PF_IDLE			0x00000002	/* a CPU's idle task */
#define PF_KTHREAD		0x00200000	/* a kernel thread */
#define PF_NO_SETAFFINITY	0x04000000	/* bound by kthread_bind */

#define TASK_COMM_LEN		16
#define MAX_NICE		19
#define MIN_NICE		(-20)
#define MAX_SCHEDULE_TIMEOUT	((long)(~0UL >> 1))

/* What the fair class keeps per task (Linux: struct sched_entity). */
struct sched_entity {
	u64 vruntime;		/* ns of run time, scaled by 1024/weight */
	unsigned long weight;	/* from nice: see sched_prio_to_weight() */
	u64 exec_start;		/* rq clock when the task last got the CPU */
	u64 sum_exec_runtime;	/* ns actually run */
	u64 slice_start;	/* sum_exec_runtime when this turn began */
	struct list_head run_node;	/* rq->cfs_tasks, by vruntime */
};

struct kthread;

struct task_struct {
	/* Offset 0: switch_to.S saves and loads the stack pointer here. */
	unsigned long thread_sp;
	volatile long state;
	unsigned int flags;
	int pid;
	char comm[TASK_COMM_LEN];
	void *stack;		/* lowest address of the kernel stack */
	unsigned long stack_top; /* one past its highest; 0 if unknown */
	int refcount;		/* get_task_struct/put_task_struct */
	int node;		/* where task_struct and stack were allocated */

	unsigned int cpu;	/* the run queue it is (or was last) on */
	int on_rq;		/* queued on cpu's run queue (curr included) */
	int on_cpu;		/* running, or still being switched away from */
	cpumask_t cpus_allowed;
	int nice;
	struct sched_entity se;
	spinlock_t pi_lock;	/* serializes wake-ups of this task */

	unsigned long nvcsw;	/* switches away while blocking */
	unsigned long nivcsw;	/* switches away while still runnable */
	struct list_head tasks;	/* all_tasks (RCU-tasks, hung-task scans) */

	/* hung_task: the nvcsw+nivcsw it last saw, and when */
	unsigned long last_switch_count;
	unsigned long last_switch_time;

	struct kthread *kthread;	/* kernel/kthread.c, NULL for idle */

	/*
	 * Voluntary calls of schedule(), and those of them that switched
	 * to another task.  RCU-tasks reads them (kernel/rcu/tasks.c): the
	 * scheduler only counts, it never calls RCU.
	 */
	unsigned long nvsched;
	unsigned long nvsched_switched;

	/* RCU-tasks' own: is it still a holdout, and its counts then. */
	bool rcu_tasks_holdout;
	unsigned long rcu_tasks_nvcsw, rcu_tasks_nvsched;
	struct list_head rcu_tasks_holdout_list;
};

/* Every task but the idle tasks, under tasklist_lock (irqsave). */
extern struct list_head all_tasks;
extern spinlock_t tasklist_lock;

/*
 * Passes through the scheduler on this CPU, whether or not it switched,
 * and cond_resched() calls outside any RCU reader.  RCU reads it: no RCU
 * reader can be inside either, so each is a quiescent state
 * (kernel/rcu/tree.c).
 */
DECLARE_PER_CPU(unsigned long, schedule_count);

/* The task this CPU runs. */
static inline struct task_struct *
get_current(void)
{
	return this_cpu_read_hot(current_task);
}
#define current get_current()

static inline unsigned int
task_cpu(const struct task_struct *p)
{
	return READ_ONCE(p->cpu);
}

/*
 * set_current_state() orders the store before the caller's check of its
 * condition (xchg is a full barrier): the waker stores the condition and
 * then reads our state, we store our state and then read the condition,
 * so one of us sees the other.
 */
#define __set_current_state(s)	WRITE_ONCE(current->state, (s))
#define set_current_state(s)						\
	((void)__atomic_exchange_n(&current->state, (long)(s),		\
				   __ATOMIC_SEQ_CST))

static inline bool
need_resched(void)
{
	return this_cpu_read_hot(need_resched);
}

/* ---- the scheduler (kernel/sched/core.c) --------------------------- */

void sched_init(void);		/* boot CPU: run queues, init_task */
/* Last: CPUs already up may now start scheduling (cpu_startup_entry). */
void sched_init_smp(void);
void schedule(void);
/* A voluntary yield: let the other runnable tasks of this CPU go first. */
void yield(void);
int wake_up_process(struct task_struct *p);
int wake_up_state(struct task_struct *p, unsigned int state);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
/*
 * May the caller sleep in schedule_timeout() (a task with interrupts
 * and preemption on, the scheduler running)?  msleep() asks.
 */
bool sched_can_sleep(void);
/* The tick (every CPU, interrupts off): time accounting, preemption. */
void scheduler_tick(void);
/*
 * While a tick runs, the registers of the code it interrupted (the
 * soft-lockup report shows them); NULL outside.  Set by the tick
 * (kernel/time/tick.c) around its work.
 */
struct pt_regs;
DECLARE_PER_CPU(struct pt_regs *, tick_regs);
/* The reschedule IPI's handler (kernel/smp.c calls it). */
void scheduler_ipi(void);
/* Interrupt exit: preempt the interrupted task if due (preempt=full). */
void preempt_schedule_irq(void);
/* Never returns: the calling boot context becomes this CPU's idle task. */
void cpu_startup_entry(void) __noreturn;

int set_cpus_allowed(struct task_struct *p, const cpumask_t *mask);
void set_user_nice(struct task_struct *p, long nice);
void get_task_struct(struct task_struct *p);
void put_task_struct(struct task_struct *p);
void do_exit(long code) __noreturn;
/* A new task, not yet runnable, that will run fn(arg) (kthread.c). */
struct task_struct *sched_create_task(void (*fn)(void *), void *arg,
				      int node);
/* Number of context switches this CPU made (nr_switches). */
unsigned long sched_nr_switches(unsigned int cpu);
/* Print every task and its state (Linux's sysrq-t, short). */
void show_state(void);
/* The kernel stack of some task holds addr: its bounds (kstack_of). */
bool sched_task_stack_of(unsigned long addr, unsigned long *bottom,
			 unsigned long *top);
/* A task's state and, if it is not running, its backtrace. */
void sched_show_task(struct task_struct *p);
/* kernel/watchdog.c, kernel/hung_task.c: start their threads. */
void lockup_detector_init(void);
void hung_task_init(void);
/* Reports so far and the parameters (tests). */
unsigned long softlockup_reports(void);
unsigned int softlockup_thresh(void);
unsigned long hung_task_reports(void);
unsigned long hung_task_timeout(void);

/* preempt= as Linux: what may take the CPU from kernel code. */
enum preempt_mode { PREEMPT_NONE, PREEMPT_VOLUNTARY, PREEMPT_FULL };
extern enum preempt_mode preempt_mode;

/*
 * cond_resched(): under preempt=none and voluntary, a place where long
 * kernel loops let a due reschedule happen; under full the tick does
 * that anywhere preemption is enabled, so it does nothing.
 */
int __cond_resched(void);
static inline int
cond_resched(void)
{
	return preempt_mode == PREEMPT_FULL ? 0 : __cond_resched();
}

/*
 * might_resched() (declared with might_sleep() in kernel/preempt.h):
 * under preempt=voluntary every might_sleep() is also a reschedule
 * point (Linux: CONFIG_PREEMPT_VOLUNTARY); under none and full it does
 * nothing.  Defined in kernel/sched/core.c.
 */

#endif
