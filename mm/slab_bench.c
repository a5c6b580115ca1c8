/*
 * mm/slab_bench.c - path lengths of the slab allocator (bench=).
 *
 * kmalloc_free_64: kmalloc(64) + kfree, the per-CPU fast path both ways
 * once warm (interrupts off, pop or push, interrupts on, plus finding the
 * size class and, at kfree, the slab behind the pointer).
 * kmem_cache_alloc_free_64: the same on a 64-byte cache of its own.
 * kmem_cache_create_destroy: a 64-byte cache made and destroyed: the
 * struct kmem_cache, one kmem_cache_node per node, one array per CPU
 * (with no IPI since the 2017 fix), and all of it given back.
 * Linux 6.1's figures on the same QEMU are in the README.
 * Linux counterpart: none.
 */
#include "kernel/bench.h"
#include "mm/slab.h"

#define KMALLOC_LOOPS	10000
#define CREATE_LOOPS	1000

static u64
bench_kmalloc_free_64(void)
{
	u64 start;

	kfree(kmalloc(64, GFP_KERNEL));		/* warm: fills the array */
	start = bench_clock();
	for (unsigned int i = 0; i < KMALLOC_LOOPS; i++) {
		void *p = kmalloc(64, GFP_KERNEL);

		if (!p)
			return 0;
		kfree(p);
	}
	return (bench_clock() - start) / KMALLOC_LOOPS;
}
BENCH_CASE(kmalloc_free_64, bench_kmalloc_free_64);

static u64
bench_kmem_cache_alloc_free_64(void)
{
	struct kmem_cache *s = kmem_cache_create("bench_64", 64, 0, 0, NULL);
	u64 start, end;

	if (!s)
		return 0;
	kmem_cache_free(s, kmem_cache_alloc(s, GFP_KERNEL));
	start = bench_clock();
	for (unsigned int i = 0; i < KMALLOC_LOOPS; i++) {
		void *p = kmem_cache_alloc(s, GFP_KERNEL);

		if (!p)
			return 0;
		kmem_cache_free(s, p);
	}
	end = bench_clock();
	kmem_cache_destroy(s);
	return (end - start) / KMALLOC_LOOPS;
}
BENCH_CASE(kmem_cache_alloc_free_64, bench_kmem_cache_alloc_free_64);

static u64
bench_kmem_cache_create_destroy(void)
{
	u64 start;

	kmem_cache_destroy(kmem_cache_create("bench_cd", 64, 0, 0, NULL));
	start = bench_clock();
	for (unsigned int i = 0; i < CREATE_LOOPS; i++) {
		struct kmem_cache *s = kmem_cache_create("bench_cd", 64, 0, 0,
							 NULL);

		if (!s)
			return 0;
		kmem_cache_destroy(s);
	}
	return (bench_clock() - start) / CREATE_LOOPS;
}
BENCH_CASE(kmem_cache_create_destroy, bench_kmem_cache_create_destroy);
