/*
 * kernel/sched/fair.c - the fair class: run the task that has run least.
 *
 * Teaches: each task's vruntime is the CPU time it used, scaled by
 * 1024/weight, so a heavier (lower nice) task's clock runs slower; the
 * run queue keeps its tasks ordered by vruntime and always runs the
 * leftmost.  Over time every task's vruntime advances at the same pace,
 * which means each got CPU time in proportion to its weight.
 *
 * Weights: nice 0 is 1024 and each nice step is a factor of 1.25
 * (weight(n) = 1024 / 1.25^n, rounded), so one nice level is about 10 %
 * of CPU between two competing tasks - the rule Linux's table follows
 * (its sched_prio_to_weight[] is this rule with a few hand adjustments:
 * 88761 for nice -20 where the rule gives 88818, 335 for nice 5 against
 * 336).  Two tasks at nice 0 and 5 share a CPU 1024:336, about 3:1.
 *
 * Time slice: every runnable task should get a turn within the latency
 * period (6 ms), but no turn shorter than the minimum granularity
 * (0.75 ms): with more than 8 tasks the period grows to nr * 0.75 ms.  A
 * task's turn is its weight's share of the period.
 *
 * min_vruntime follows the smallest vruntime on the queue and never goes
 * back; a task that slept is placed no earlier than min_vruntime minus
 * half a latency, so sleeping earns a small bonus, not a monopoly.
 *
 * The ordered queue is a sorted list (O(n) insertion; Linux uses a
 * red-black tree, the same order with O(log n)).  Simple and correct
 * first: run queues here hold a handful of tasks.
 *
 * Load balancing (every 4 ticks, per CPU): a CPU with at least two
 * tasks fewer than the busiest pulls one waiting task, looking first at
 * the CPUs of its own node (their caches and memory are closer), then
 * elsewhere.
 * Linux counterpart: kernel/sched/fair.c, kernel/sched/core.c
 * (sched_prio_to_weight).
 */
#include "kernel/sched/sched.h"

#include "mm/numa.h"

#define BALANCE_INTERVAL	4	/* ticks */

unsigned long
sched_prio_to_weight(int nice)
{
	/* 1024 << 20 scaled by 1.25 (5/4) or 0.8 (4/5) per step. */
	u64 w = (u64)NICE_0_WEIGHT << 20;

	for (int n = 0; n < nice; n++)
		w = w * 4 / 5;
	for (int n = 0; n > nice; n--)
		w = w * 5 / 4;
	return (unsigned long)((w + (1 << 19)) >> 20);
}

static struct task_struct *
leftmost(struct rq *rq)
{
	return list_first_entry_or_null(&rq->cfs_tasks, struct task_struct,
					se.run_node);
}

static void
update_min_vruntime(struct rq *rq)
{
	struct task_struct *curr = rq->curr, *left = leftmost(rq);
	u64 v = rq->min_vruntime;
	bool have = false;

	if (curr && !task_is_idle(curr) && curr->on_rq) {
		v = curr->se.vruntime;
		have = true;
	}
	if (left && (!have || (s64)(left->se.vruntime - v) < 0))
		v = left->se.vruntime;
	if ((s64)(v - rq->min_vruntime) > 0)
		rq->min_vruntime = v;
}

/* Charge the running task for the time since it was last charged. */
void
update_curr_fair(struct rq *rq)
{
	struct task_struct *curr = rq->curr;
	u64 delta;

	if (!curr || task_is_idle(curr))
		return;
	delta = rq->clock - curr->se.exec_start;
	if ((s64)delta <= 0)
		return;
	curr->se.exec_start = rq->clock;
	curr->se.sum_exec_runtime += delta;
	curr->se.vruntime += delta * NICE_0_WEIGHT / curr->se.weight;
	update_min_vruntime(rq);
}

/* Insert after the last task whose vruntime is not larger (FIFO ties). */
static void
queue_by_vruntime(struct rq *rq, struct task_struct *p)
{
	struct list_head *pos;

	list_for_each(pos, &rq->cfs_tasks) {
		struct task_struct *t = list_entry(pos, struct task_struct,
						   se.run_node);

		if ((s64)(t->se.vruntime - p->se.vruntime) > 0)
			break;
	}
	list_add_tail(&p->se.run_node, pos);
}

void
enqueue_task_fair(struct rq *rq, struct task_struct *p, bool wakeup)
{
	update_curr_fair(rq);
	if (wakeup) {
		u64 floor = rq->min_vruntime - SCHED_LATENCY_NS / 2;

		if ((s64)(p->se.vruntime - floor) < 0)
			p->se.vruntime = floor;
	}
	rq->nr_running++;
	rq->load += p->se.weight;
	queue_by_vruntime(rq, p);
}

void
dequeue_task_fair(struct rq *rq, struct task_struct *p)
{
	if (p == rq->curr) {
		update_curr_fair(rq);
	} else {
		list_del(&p->se.run_node);
		INIT_LIST_HEAD(&p->se.run_node);
	}
	rq->nr_running--;
	rq->load -= p->se.weight;
	update_min_vruntime(rq);
}

/* The running task goes back among the waiting ones. */
void
put_prev_task_fair(struct rq *rq, struct task_struct *prev)
{
	update_curr_fair(rq);
	queue_by_vruntime(rq, prev);
}

struct task_struct *
pick_next_task_fair(struct rq *rq)
{
	struct task_struct *p = leftmost(rq);

	if (!p)
		return NULL;
	list_del(&p->se.run_node);
	INIT_LIST_HEAD(&p->se.run_node);
	p->se.exec_start = rq->clock;
	p->se.slice_start = p->se.sum_exec_runtime;
	return p;
}

/* The task's share of the latency period, in ns. */
static u64
sched_slice(struct rq *rq, struct task_struct *p)
{
	u64 period = SCHED_LATENCY_NS;
	unsigned long load = rq->load ? rq->load : p->se.weight;

	if (rq->nr_running > SCHED_LATENCY_NS / SCHED_MIN_GRAN_NS)
		period = rq->nr_running * SCHED_MIN_GRAN_NS;
	return period * p->se.weight / load;
}

void
task_tick_fair(struct rq *rq, struct task_struct *curr)
{
	struct task_struct *left;
	u64 ideal, ran;

	update_curr_fair(rq);
	if (rq->nr_running < 2)
		return;
	ideal = sched_slice(rq, curr);
	ran = curr->se.sum_exec_runtime - curr->se.slice_start;
	if (ran > ideal) {
		resched_curr(rq);
		return;
	}
	/* Far ahead of the leftmost (it woke with a low vruntime): yield. */
	left = leftmost(rq);
	if (left && ran >= SCHED_MIN_GRAN_NS &&
	    (s64)(curr->se.vruntime - left->se.vruntime) > (s64)ideal)
		resched_curr(rq);
}

/* Should the freshly queued p take the CPU from the running task? */
void
check_preempt_wakeup(struct rq *rq, struct task_struct *p)
{
	struct task_struct *curr = rq->curr;
	u64 gran;

	if (task_is_idle(curr)) {
		resched_curr(rq);
		return;
	}
	update_curr_fair(rq);
	gran = SCHED_WAKEUP_GRAN_NS * NICE_0_WEIGHT / p->se.weight;
	if ((s64)(curr->se.vruntime - p->se.vruntime) > (s64)gran)
		resched_curr(rq);
}

/* yield(): the running task goes behind every waiting one. */
void
yield_task_fair(struct rq *rq)
{
	struct task_struct *curr = rq->curr, *last;

	if (task_is_idle(curr) || list_empty(&rq->cfs_tasks))
		return;
	update_curr_fair(rq);
	last = list_entry(rq->cfs_tasks.prev, struct task_struct,
			  se.run_node);
	if ((s64)(curr->se.vruntime - last->se.vruntime) <= 0)
		curr->se.vruntime = last->se.vruntime + 1;
}

/*
 * Wake-up placement: the previous CPU if it is idle (its cache may still
 * hold the task's data), else the least loaded allowed CPU, ties going
 * to the previous CPU, then to CPUs of its node.
 */
unsigned int
select_task_rq_fair(struct task_struct *p, unsigned int prev)
{
	int prev_node = cpu_to_node(prev);
	unsigned int cpu, best = NR_CPUS, best_score = ~0u;

	if (cpumask_test_cpu(prev, &p->cpus_allowed) &&
	    sched_cpu_usable(prev) && !READ_ONCE(cpu_rq(prev)->nr_running))
		return prev;
	for_each_cpu(cpu, &p->cpus_allowed) {
		unsigned int score;

		if (!sched_cpu_usable(cpu))
			continue;
		score = READ_ONCE(cpu_rq(cpu)->nr_running) * 4 +
			(cpu == prev ? 0 : 1) +
			(cpu_to_node(cpu) == prev_node ? 0 : 2);
		if (score < best_score) {
			best_score = score;
			best = cpu;
		}
	}
	if (best < NR_CPUS)
		return best;
	/* No allowed CPU runs: any that does (Linux prints this too). */
	for_each_online_cpu(cpu)
		if (sched_cpu_usable(cpu))
			return cpu;
	return 0;
}

/* The busiest usable CPU of node (or of other nodes), by nr_running. */
static struct rq *
find_busiest(struct rq *this, int node, bool same_node)
{
	struct rq *busiest = NULL;
	unsigned int cpu, max = 0;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);
		unsigned int nr;

		if (rq == this || !sched_cpu_usable(cpu) ||
		    (cpu_to_node(cpu) == node) != same_node)
			continue;
		nr = READ_ONCE(rq->nr_running);
		if (nr > max) {
			max = nr;
			busiest = rq;
		}
	}
	if (busiest && max >= READ_ONCE(this->nr_running) + 2)
		return busiest;
	return NULL;
}

/* Move one waiting task of src that may run here to this run queue. */
static bool
pull_one_task(struct rq *this, struct rq *src)
{
	struct task_struct *p, *found = NULL;

	double_rq_lock(this, src);
	if (src->nr_running < this->nr_running + 2)
		goto out;
	/* From the tail: the task that would wait longest there. */
	for (struct list_head *pos = src->cfs_tasks.prev;
	     pos != &src->cfs_tasks; pos = pos->prev) {
		p = list_entry(pos, struct task_struct, se.run_node);
		if (cpumask_test_cpu(this->cpu, &p->cpus_allowed) &&
		    !p->on_cpu) {
			found = p;
			break;
		}
	}
	if (found) {
		update_rq_clock(src);
		update_rq_clock(this);
		deactivate_task(src, found);
		set_task_cpu(found, this->cpu);
		activate_task(this, found, false);
		this->nr_balance_pulls++;
		check_preempt_wakeup(this, found);
	}
out:
	double_rq_unlock(this, src);
	return found != NULL;
}

/* From the tick, interrupts off. */
void
sched_balance_tick(struct rq *rq)
{
	unsigned long now = jiffies;
	int node = cpu_to_node(rq->cpu);
	struct rq *src;

	if ((long)(now - rq->next_balance) < 0)
		return;
	rq->next_balance = now + BALANCE_INTERVAL;
	src = find_busiest(rq, node, true);
	if (src && pull_one_task(rq, src))
		return;
	src = find_busiest(rq, node, false);
	if (src)
		pull_one_task(rq, src);
}
