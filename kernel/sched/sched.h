/*
 * kernel/sched/sched.h - the scheduler's private view: run queues.
 *
 * Teaches: every CPU has its own run queue, protected by its own lock,
 * so CPUs schedule without touching each other's data; only wake-ups
 * onto another CPU and load balancing take a foreign lock (two run
 * queue locks are always taken lower CPU number first, so two CPUs
 * balancing towards each other cannot deadlock).
 * Linux counterpart: kernel/sched/sched.h.
 */
#ifndef PAGODA_KERNEL_SCHED_SCHED_H
#define PAGODA_KERNEL_SCHED_SCHED_H

#include "kernel/sched.h"

#include "kernel/time/jiffies.h"

#ifndef NSEC_PER_SEC
#define NSEC_PER_SEC		1000000000ULL
#endif
#ifndef NSEC_PER_MSEC
#define NSEC_PER_MSEC		1000000ULL
#endif

/*
 * The fair class's periods (Linux's defaults before its scaling by the
 * number of CPUs): every runnable task should run once within
 * sysctl_sched_latency, but no turn is shorter than min_granularity; a
 * woken task preempts the running one only if it is behind by more than
 * wakeup_granularity (so a ping-pong of wake-ups cannot thrash).
 */
#define SCHED_LATENCY_NS	6000000ULL	/* 6 ms */
#define SCHED_MIN_GRAN_NS	750000ULL	/* 0.75 ms */
#define SCHED_WAKEUP_GRAN_NS	1000000ULL	/* 1 ms */
#define NICE_0_WEIGHT		1024

struct rq {
	spinlock_t lock;
	unsigned int cpu;
	unsigned int nr_running;	/* fair tasks queued, curr included */
	unsigned long load;		/* sum of their weights */
	struct list_head cfs_tasks;	/* queued fair tasks but curr, by vruntime */
	u64 min_vruntime;		/* never goes backwards */
	u64 clock;			/* ns, updated under the lock */
	struct task_struct *curr, *idle;
	unsigned long nr_switches;
	unsigned long nr_balance_pulls;	/* tasks pulled by load balancing */
	unsigned long next_balance;	/* jiffies */
	bool online;			/* its CPU runs the scheduler */
};

DECLARE_PER_CPU(struct rq, runqueues);
#define cpu_rq(cpu)	per_cpu_ptr(&runqueues, (cpu))
#define this_rq()	this_cpu_ptr(&runqueues)

extern bool sched_smp_ready;

/* core.c */
void update_rq_clock(struct rq *rq);
void resched_curr(struct rq *rq);
void activate_task(struct rq *rq, struct task_struct *p, bool wakeup);
void deactivate_task(struct rq *rq, struct task_struct *p);
void set_task_cpu(struct task_struct *p, unsigned int cpu);
void double_rq_lock(struct rq *a, struct rq *b);
void double_rq_unlock(struct rq *a, struct rq *b);

/* fair.c: the fair class */
unsigned long sched_prio_to_weight(int nice);
void enqueue_task_fair(struct rq *rq, struct task_struct *p, bool wakeup);
void dequeue_task_fair(struct rq *rq, struct task_struct *p);
void put_prev_task_fair(struct rq *rq, struct task_struct *prev);
struct task_struct *pick_next_task_fair(struct rq *rq);
void update_curr_fair(struct rq *rq);
void task_tick_fair(struct rq *rq, struct task_struct *curr);
void check_preempt_wakeup(struct rq *rq, struct task_struct *p);
void yield_task_fair(struct rq *rq);
unsigned int select_task_rq_fair(struct task_struct *p, unsigned int prev);
void sched_balance_tick(struct rq *rq);


/* idle.c */
void init_rq(unsigned int cpu);
void init_idle(struct task_struct *idle, unsigned int cpu);

/* A CPU wake-ups and balancing may place tasks on. */
static inline bool
sched_cpu_usable(unsigned int cpu)
{
	return cpu_online(cpu) && READ_ONCE(cpu_rq(cpu)->online);
}

static inline bool
task_is_idle(const struct task_struct *p)
{
	return p->flags & PF_IDLE;
}

#endif
