/*
 * mm/vmscan.c - kswapd: one reclaim thread per node with memory.
 *
 * Teaches: when an allocation finds a zone below its low watermark it
 * must not reclaim memory itself (it may be in a hurry, or atomic): it
 * wakes its node's kswapd, which reclaims in the background until the
 * zones are back above their high watermark.  kswapd runs on the CPUs of
 * its node, next to the memory it scans.  Reclaim itself comes with a
 * later issue: for now the thread counts its wake-ups and sleeps again.
 * The wake-up is a flag plus a wait queue, so wake-ups that arrive while
 * the thread runs are merged into one more pass, never lost.
 * Linux counterpart: mm/vmscan.c (kswapd, wakeup_kswapd, kswapd_run).
 */
#include "mm/vmscan.h"

#include "kernel/kthread.h"
#include "kernel/printk.h"
#include "kernel/wait.h"
#include "mm/numa.h"

struct kswapd_node {
	struct task_struct *task;
	struct wait_queue_head wait;
	bool pending;
	unsigned long wakeups, runs;
	unsigned int cpu;
};

static struct kswapd_node kswapd_nodes[MAX_NUMNODES];

static int
kswapd(void *arg)
{
	struct kswapd_node *kn = arg;

	for (;;) {
		wait_event_interruptible(kn->wait, READ_ONCE(kn->pending) ||
					 kthread_should_stop());
		if (kthread_should_stop())
			break;
		WRITE_ONCE(kn->pending, false);
		kn->runs++;
		kn->cpu = smp_processor_id();
		/* balance_pgdat() will reclaim here. */
	}
	return 0;
}

void
kswapd_wake(int nid)
{
	struct kswapd_node *kn = &kswapd_nodes[nid];

	__atomic_add_fetch(&kn->wakeups, 1, __ATOMIC_RELAXED);
	if (!READ_ONCE(kn->task))
		return;
	WRITE_ONCE(kn->pending, true);
	wake_up(&kn->wait);
}

void
kswapd_init(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kswapd_node *kn = &kswapd_nodes[nid];
		struct task_struct *p;
		cpumask_t mask;
		unsigned int cpu;

		if (!node_online(nid) || !node_has_memory(nid))
			continue;
		init_waitqueue_head(&kn->wait);
		p = kthread_create_on_node(kswapd, kn, nid, "kswapd%d", nid);
		if (!p) {
			pr_err("Failed to start kswapd on node %d\n", nid);
			continue;
		}
		/* On its node's CPUs if any is up (Linux: cpumask_of_node). */
		cpumask_clear(&mask);
		for_each_online_cpu(cpu)
			if (cpu_to_node(cpu) == nid)
				cpumask_set_cpu(cpu, &mask);
		if (!cpumask_empty(&mask))
			cpumask_copy(&p->cpus_allowed, &mask);
		WRITE_ONCE(kn->task, p);
		wake_up_process(p);
	}
}

void
kswapd_get_stats(int nid, struct kswapd_stats *st)
{
	struct kswapd_node *kn = &kswapd_nodes[nid];

	st->running = READ_ONCE(kn->task) != NULL;
	st->wakeups = READ_ONCE(kn->wakeups);
	st->runs = READ_ONCE(kn->runs);
	st->cpu = READ_ONCE(kn->cpu);
}
