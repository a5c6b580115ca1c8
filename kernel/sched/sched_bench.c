/*
 * kernel/sched/sched_bench.c - bench= cases context_switch, kthread_create_stop.
 *
 * context_switch: two kernel threads bound to CPU 0 hand the CPU to each
 * other with yield(); one of them times N of its yields, each of which is
 * two switches (to the other thread and back), so the figure is per
 * switch.  kthread_create_stop: create a kernel thread, wake it, let it
 * run until it waits for the stop request, then kthread_stop() it (its
 * stack freed, its completion signalled): Linux's measurement did the
 * same (kthread_create_on_node + wake + kthread_stop).  The thread is
 * bound to the creating CPU: on another one the figure would mostly
 * count how long the creator spins while that CPU wakes from hlt.  Under
 * `qemu -icount shift=0` the TSC counts instructions (kernel/bench.h).
 * Linux counterpart: none (Linux 6.1's figures are in REFERENCE.md).
 */
#include "kernel/sched/sched.h"

#include "arch/x86/processor.h"
#include "kernel/bench.h"
#include "kernel/completion.h"
#include "kernel/kthread.h"
#include "kernel/time/delay.h"

#define SWITCH_LOOPS	10000
#define CREATE_LOOPS	200

struct cs_bench {
	int ready;
	bool finished;
	u64 per_switch;
	struct completion done;
};

static int
cs_thread(void *data)
{
	struct cs_bench *b = data;
	bool timer = __atomic_add_fetch(&b->ready, 1, __ATOMIC_SEQ_CST) == 1;

	while (__atomic_load_n(&b->ready, __ATOMIC_SEQ_CST) < 2) {
		yield();
		cpu_relax();
	}
	if (timer) {
		u64 start = bench_clock();

		for (int i = 0; i < SWITCH_LOOPS; i++)
			yield();
		b->per_switch = (bench_clock() - start) / (2 * SWITCH_LOOPS);
		WRITE_ONCE(b->finished, true);
		complete(&b->done);
	} else {
		while (!READ_ONCE(b->finished)) {
			yield();
			cpu_relax();
		}
	}
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static u64
bench_context_switch(void)
{
	struct cs_bench b = { 0 };
	struct task_struct *p[2];

	init_completion(&b.done);
	for (int i = 0; i < 2; i++) {
		p[i] = kthread_create_on_cpu(cs_thread, &b, 0, "cs%d", i);
		if (!p[i])
			return 0;
	}
	wake_up_process(p[0]);
	wake_up_process(p[1]);
	wait_for_completion(&b.done);
	kthread_stop(p[0]);
	kthread_stop(p[1]);
	return b.per_switch;
}
BENCH_CASE(context_switch, bench_context_switch);

static int
wait_for_stop(void *data)
{
	WRITE_ONCE(*(bool *)data, true);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static u64
bench_kthread_create_stop(void)
{
	u64 start = 0;

	/* One round first: slab caches filled, code paths warm. */
	for (int i = -1; i < CREATE_LOOPS; i++) {
		bool ran = false;
		struct task_struct *p;

		if (i == 0)
			start = bench_clock();
		p = kthread_create(wait_for_stop, &ran, "bench");
		if (!p)
			return 0;
		kthread_bind(p, smp_processor_id());
		wake_up_process(p);
		while (!READ_ONCE(ran)) {
			yield();
			cpu_relax();
		}
		if (kthread_stop(p))
			return 0;
	}
	return (bench_clock() - start) / CREATE_LOOPS;
}
BENCH_CASE(kthread_create_stop, bench_kthread_create_stop);
