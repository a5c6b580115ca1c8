/*
 * mm/page_alloc_bench.c - ktest suite "bench_buddy": path lengths.
 *
 * Teaches: under `qemu -icount shift=0` the TSC counts executed
 * instructions exactly, so rdtsc around a loop gives instructions per
 * operation, the same on every run and on any host.  tools/ktest runs
 * this suite that way in its 2s/bench run and says so with
 * ktest.icount=1; the numbers are then printed as instructions and checked
 * against loose bounds.
 *
 * Without -icount (inside ktest=all, say) the TSC follows the host's
 * clock: the figures are TSC cycles of an emulated CPU on a shared host,
 * they vary with the load, and no bound on them can be safe, so they are
 * only printed, as cycles.  A KTAP diagnostic reads, for example
 * (tools/ktest --filter 2s/bench):
 *	# alloc_free_order0: alloc+free order-0 GFP_KERNEL: 753 instructions
 * The same loop is also `bench=alloc_free_order0` (kernel/bench.h):
 *	BENCH alloc_free_order0 <instructions per alloc_pages+__free_pages>
 * an order-0 GFP_KERNEL page that goes through this CPU's per-CPU list
 * both ways (mm/page_alloc_pcp.c).  Linux 6.1 on the same QEMU: 704
 * without zeroing (shared/REFERENCE.md).
 * Linux counterpart: none.
 */
#include "arch/x86/processor.h"
#include "kernel/bench.h"
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "mm/gfp.h"

#define BENCH_LOOPS	10000

static unsigned long ktest_icount;
core_param("ktest.icount", ktest_icount, PARAM_ULONG,
	   "1: QEMU runs with -icount, the TSC counts instructions");

static u64
bench_pair(gfp_t gfp, unsigned int order)
{
	u64 start, end;

	/* Warm up: the first allocation may split a large block. */
	struct page *warm = alloc_pages(gfp | __GFP_NOWARN, order);

	if (!warm)
		return 0;
	__free_pages(warm, order);
	start = bench_clock();
	for (int i = 0; i < BENCH_LOOPS; i++) {
		struct page *page = alloc_pages(gfp, order);

		if (!page)
			return 0;
		__free_pages(page, order);
	}
	end = bench_clock();
	return (end - start) / BENCH_LOOPS;
}

/* Print one figure; bound it only when it is an instruction count. */
static void
report(struct ktest *t, const char *what, u64 per, u64 bound)
{
	ktest_log(t, "%s: %llu %s", what, (unsigned long long)per,
		  ktest_icount ? "instructions" : "TSC cycles (no -icount: host time)");
	KT_EXPECT_GT(t, per, 0);
	if (ktest_icount)
		KT_EXPECT_LT(t, per, bound);
}

static void
alloc_free_order0(struct ktest *t)
{
	u64 per = bench_pair(GFP_KERNEL, 0);

	if (!per)
		ktest_skip(t, "no kernel memory to measure with");
	/*
	 * Through the per-CPU lists; Linux 6.1 takes 704 on the same QEMU
	 * (shared/REFERENCE.md, without zeroing).  Never slower than that,
	 * whatever lock debugging adds.
	 */
	report(t, "alloc+free order-0 GFP_KERNEL", per, 704);
	per = bench_pair(GFP_HIGHUSER_MOVABLE, 0);
	report(t, "alloc+free order-0 GFP_HIGHUSER_MOVABLE", per, 20000);
}

static void
alloc_free_order9(struct ktest *t)
{
	u64 per = bench_pair(GFP_KERNEL, 9);

	if (!per)
		ktest_skip(t, "no free order-9 block of kernel memory");
	report(t, "alloc+free order-9 GFP_KERNEL", per, 40000);
}

static u64
bench_alloc_free_order0(void)
{
	return bench_pair(GFP_KERNEL, 0);
}
BENCH_CASE(alloc_free_order0, bench_alloc_free_order0);

KTEST_SUITE(bench_buddy,
	KTEST_CASE(alloc_free_order0),
	KTEST_CASE(alloc_free_order9));
