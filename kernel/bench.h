/*
 * kernel/bench.h - kernel path lengths: `bench=all` or `bench=a,b`.
 *
 * Teaches: under `qemu -icount shift=0` the TSC counts executed guest
 * instructions, exactly and the same on every run, so rdtsc around a
 * loop of N operations, divided by N, is the operation's path length:
 * a figure that does not depend on how busy the host is.  (With several
 * CPUs the count includes what the other CPUs executed meanwhile: idle
 * CPUs halt, so that is only their timer ticks.)  Each benchmark prints
 *	BENCH <name> <guest instructions per operation>
 * and the boot then powers off.  tools/ktest --plan bench runs them.
 * Linux counterpart: none (Linux measures with perf and modules).
 */
#ifndef PAGODA_KERNEL_BENCH_H
#define PAGODA_KERNEL_BENCH_H

#include "arch/x86/idle.h"
#include "arch/x86/processor.h"
#include "kernel/compiler.h"
#include "kernel/types.h"

struct bench_case {
	const char *name;
	/* Instructions per operation (TSC ticks without -icount), 0: failed. */
	u64 (*run)(void);
};

#define BENCH_CASE(bname, fn)						\
	static const struct bench_case __bench_case_##bname		\
	__used __section("bench_cases") __aligned(8) = { #bname, fn }

/*
 * The benchmarks' clock: TSC ticks minus the time every CPU was halted,
 * so that under -icount a difference is the instructions executed, even
 * across waits (see arch/x86/idle.h).
 */
static inline u64
bench_clock(void)
{
	return rdtsc() - all_idle_tsc();
}

/* True when bench= was given; bench_run_all() then never returns. */
bool bench_requested(void);
void __noreturn bench_run_all(void);

#endif
