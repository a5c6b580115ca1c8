/*
 * kernel/locking/spinlock_bench.c - what a lock costs when nobody
 * contends it (bench=spinlock_pair, bench=spinlock_irqsave_pair).
 *
 * Teaches: most lock operations find the lock free, so the uncontended
 * path is the one to keep short: here one locked instruction to take,
 * one store to release, and the preemption count (two %gs accesses
 * each way).  Lock debugging adds the bookkeeping of spinlock_debug.c;
 * run the benchmark once with lock_debug=off (the default) and once
 * with lock_debug=on to see its price:
 *	tools/run-qemu --cmdline "bench=spinlock_pair" -- -icount shift=0
 * Each figure is guest instructions per lock+unlock pair, loop included.
 * Measured on 2s: spinlock_pair 24 and spinlock_irqsave_pair 30 with
 * lock_debug=off, 289 and 291 with lock_debug=on.
 * Linux counterpart: none (Linux's figures come from perf).
 */
#include "kernel/bench.h"
#include "kernel/spinlock.h"

#define LOCK_LOOPS	10000

static DEFINE_SPINLOCK(bench_lock);

static u64
bench_spinlock_pair(void)
{
	u64 start;

	spin_lock(&bench_lock);		/* warm up */
	spin_unlock(&bench_lock);
	start = bench_clock();
	for (unsigned int i = 0; i < LOCK_LOOPS; i++) {
		spin_lock(&bench_lock);
		spin_unlock(&bench_lock);
	}
	return (bench_clock() - start) / LOCK_LOOPS;
}
BENCH_CASE(spinlock_pair, bench_spinlock_pair);

static u64
bench_spinlock_irqsave_pair(void)
{
	unsigned long flags;
	u64 start;

	flags = spin_lock_irqsave(&bench_lock);
	spin_unlock_irqrestore(&bench_lock, flags);
	start = bench_clock();
	for (unsigned int i = 0; i < LOCK_LOOPS; i++) {
		flags = spin_lock_irqsave(&bench_lock);
		spin_unlock_irqrestore(&bench_lock, flags);
	}
	return (bench_clock() - start) / LOCK_LOOPS;
}
BENCH_CASE(spinlock_irqsave_pair, bench_spinlock_irqsave_pair);
