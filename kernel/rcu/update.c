/*
 * kernel/rcu/update.c - waiting for RCU: synchronize_rcu and rcu_barrier.
 *
 * Teaches: both are built on call_rcu().  synchronize_rcu() queues a
 * callback that marks a flag and waits for the flag: the callback can
 * only run after a full grace period that began after the call.
 * rcu_barrier() is different: it waits for callbacks already queued, on
 * every CPU.  Callbacks of one CPU run in the order they were queued, so
 * one more callback queued on each CPU, behind the others, runs last: when
 * all of those have run, so have all the earlier ones.
 * Linux counterpart: kernel/rcu/update.c (wait_rcu_gp), kernel/rcu/tree.c
 * (rcu_barrier).
 */
#include "arch/x86/processor.h"
#include "kernel/mutex.h"
#include "kernel/panic.h"
#include "kernel/rcu/rcu_wait.h"
#include "kernel/rcupdate.h"
#include "kernel/smp.h"
#include "lib/list.h"

struct rcu_synchronize {
	struct rcu_head head;
	struct rcu_waiter done;
};

static void
wakeme_after_rcu(struct rcu_head *head)
{
	rcu_waiter_wake(&container_of(head, struct rcu_synchronize,
					   head)->done);
}

void
synchronize_rcu(void)
{
	struct rcu_synchronize rs;

	rcu_waiter_init(&rs.done, 1);
	call_rcu(&rs.head, wakeme_after_rcu);
	rcu_waiter_wait(&rs.done);
}

static struct rcu_head barrier_heads[NR_CPUS];
static struct rcu_waiter barrier_done;

static void
rcu_barrier_callback(struct rcu_head *head)
{
	(void)head;
	rcu_waiter_wake(&barrier_done);
}

static void
rcu_barrier_queue(void *info)
{
	(void)info;
	call_rcu(&barrier_heads[smp_processor_id()], rcu_barrier_callback);
}

void
rcu_barrier(void)
{
	/*
	 * One barrier at a time: the heads and the counter are shared.
	 * A mutex, as in Linux: not a spin lock, which would disable
	 * preemption, and a CPU that cannot be preempted never passes a
	 * quiescent state, so the wait below would never end
	 * (might_sleep() in rcu_waiter_wait() reports it).
	 */
	static DEFINE_MUTEX(barrier_mutex);

	mutex_lock(&barrier_mutex);
	rcu_waiter_init(&barrier_done, num_online_cpus());
	on_each_cpu(rcu_barrier_queue, NULL, true);
	rcu_waiter_wait(&barrier_done);
	mutex_unlock(&barrier_mutex);
}
