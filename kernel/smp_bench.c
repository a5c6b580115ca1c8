/*
 * kernel/smp_bench.c - benchmarks of the call-function IPI (bench=).
 *
 * ipi_roundtrip: smp_call_function_single() to a CPU of another node,
 * waiting for it: the sender's queueing and ICR writes, the target's
 * interrupt entry, handler and EOI, and the sender's wait, all counted
 * (under -icount the TSC counts every CPU's instructions together).
 * on_each_cpu: the same for every online CPU at once, waiting.
 * Linux 6.1's figures on the same QEMU are in the README.
 * Linux counterpart: none.
 */
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "kernel/bench.h"
#include "kernel/smp.h"
#include "mm/numa.h"

#define IPI_LOOPS	1000

static void
ipi_nop(void *info)
{
	(void)info;
}

/* A CPU on another node than ours, else any other CPU, else NR_CPUS. */
static unsigned int
remote_cpu(void)
{
	unsigned int self = smp_processor_id(), cpu, other = NR_CPUS;

	for_each_online_cpu(cpu) {
		if (cpu == self)
			continue;
		if (cpu_to_node(cpu) != cpu_to_node(self))
			return cpu;
		if (other == NR_CPUS)
			other = cpu;
	}
	return other;
}

static u64
bench_ipi_roundtrip(void)
{
	unsigned int cpu = remote_cpu();
	u64 start;

	if (cpu == NR_CPUS)
		return 0;
	smp_call_function_single(cpu, ipi_nop, NULL, true);	/* warm up */
	start = bench_clock();
	for (unsigned int i = 0; i < IPI_LOOPS; i++)
		smp_call_function_single(cpu, ipi_nop, NULL, true);
	return (bench_clock() - start) / IPI_LOOPS;
}
BENCH_CASE(ipi_roundtrip, bench_ipi_roundtrip);

static u64
bench_on_each_cpu(void)
{
	u64 start;

	if (num_online_cpus() < 2)
		return 0;
	on_each_cpu(ipi_nop, NULL, true);
	start = bench_clock();
	for (unsigned int i = 0; i < IPI_LOOPS; i++)
		on_each_cpu(ipi_nop, NULL, true);
	return (bench_clock() - start) / IPI_LOOPS;
}
BENCH_CASE(on_each_cpu, bench_on_each_cpu);
