/*
 * kernel/rcu/rcu_bench.c - benchmark: synchronize_rcu() on an idle machine.
 *
 * Counts the instructions every CPU executes while one CPU waits for a
 * grace period (bench_clock leaves out the time all CPUs were halted):
 * the ticks that report quiescent states and advance the callbacks, and
 * the waiter's own work.  Linux 6.1's figure is in the README.
 * Linux counterpart: none.
 */
#include "kernel/bench.h"
#include "kernel/rcupdate.h"

#define SYNC_LOOPS	20

static u64
bench_synchronize_rcu(void)
{
	u64 start;

	synchronize_rcu();	/* warm up */
	start = bench_clock();
	for (unsigned int i = 0; i < SYNC_LOOPS; i++)
		synchronize_rcu();
	return (bench_clock() - start) / SYNC_LOOPS;
}
BENCH_CASE(synchronize_rcu, bench_synchronize_rcu);
