/*
 * mm/page_alloc_bench.c - ktest suite "bench_buddy": path lengths.
 *
 * Under `qemu -icount shift=0` the TSC counts executed instructions
 * exactly, so rdtsc around a loop gives instructions per operation,
 * the same on every run and on any host (tools/ktest runs this suite
 * that way; see README "Speed").  Without -icount the numbers are
 * cycles of an emulated CPU and only roughly meaningful.
 *
 * The checks are loose sanity bounds; the numbers are the point, printed
 * as KTAP diagnostics:
 *	# bench_buddy: alloc+free order-0: 312 instructions
 */
#include "arch/x86/processor.h"
#include "kernel/ktest.h"
#include "mm/gfp.h"

#define BENCH_LOOPS	10000

static u64
bench_pair(gfp_t gfp, unsigned int order)
{
	u64 start, end;

	/* Warm up: the first allocation may split a large block. */
	struct page *warm = alloc_pages(gfp | __GFP_NOWARN, order);

	if (!warm)
		return 0;
	__free_pages(warm, order);
	start = rdtsc();
	for (int i = 0; i < BENCH_LOOPS; i++) {
		struct page *page = alloc_pages(gfp, order);

		if (!page)
			return 0;
		__free_pages(page, order);
	}
	end = rdtsc();
	return (end - start) / BENCH_LOOPS;
}

static void
alloc_free_order0(struct ktest *t)
{
	u64 per = bench_pair(GFP_KERNEL, 0);

	if (!per)
		ktest_skip(t, "no kernel memory to measure with");
	ktest_log(t, "alloc+free order-0 GFP_KERNEL: %llu instructions",
		  (unsigned long long)per);
	KT_EXPECT_LT(t, per, 20000);
	per = bench_pair(GFP_HIGHUSER_MOVABLE, 0);
	ktest_log(t, "alloc+free order-0 GFP_HIGHUSER_MOVABLE: %llu instructions",
		  (unsigned long long)per);
	KT_EXPECT_LT(t, per, 20000);
}

static void
alloc_free_order9(struct ktest *t)
{
	u64 per = bench_pair(GFP_KERNEL, 9);

	if (!per)
		ktest_skip(t, "no free order-9 block of kernel memory");
	ktest_log(t, "alloc+free order-9 GFP_KERNEL: %llu instructions",
		  (unsigned long long)per);
	KT_EXPECT_LT(t, per, 40000);
}

KTEST_SUITE(bench_buddy,
	KTEST_CASE(alloc_free_order0),
	KTEST_CASE(alloc_free_order9));
