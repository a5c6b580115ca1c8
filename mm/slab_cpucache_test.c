/*
 * mm/slab_cpucache_test.c - the per-CPU arrays' cases of ktest suite
 * "slab" (the suite's list is in mm/slab_test.c).
 *
 * Teaches: a lock-free per-CPU structure is tested by its promises from
 * every CPU at once.  Checked: arrays sized by Linux SLAB's rule (a table
 * by hand), one per CPU on its node; objects allocated on every CPU (with
 * on_each_cpu(), so from each CPU's interrupt context) and freed by
 * another CPU are never handed out twice nor lost; replacing the arrays
 * kicks the CPUs exactly when old arrays exist, reaching every other
 * online CPU, and gives the old arrays' objects back; slab_kick_new=1
 * kicks for a new cache too; kmem_cache_shrink() empties every CPU's
 * array and gives every empty slab back.  On one CPU, on_each_cpu() runs here only
 * and no IPI is sent; the cases say so and still check the rest.
 * Linux counterpart: none (SLAB had no KUnit tests).
 */
#include "arch/x86/irq.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "mm/mm_ktest.h"
#include "kernel/smp.h"
#include "lib/string.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

void cpucache_sizes_follow_linux(struct ktest *t);
void objects_from_every_cpu(struct ktest *t);
void tune_replaces_arrays_and_kicks(struct ktest *t);

static void *tune_objs[17];

/* Objects really in use (slabinfo counts array objects as active). */
static unsigned long
handed_out(const struct slabinfo *info)
{
	return info->active_objs - info->cpu_cached;
}

/*
 * Linux SLAB's sizes by slot size, by hand: over 128 KiB 1, over a page 8,
 * over 1 KiB 24, over 256 bytes 54, else 120; batch (limit + 1) / 2.  A
 * slot is the object rounded up to 8 bytes here (no constructor, no
 * alignment asked), so 257 is a 264-byte slot.
 */
void
cpucache_sizes_follow_linux(struct ktest *t)
{
	static const struct { unsigned int size, limit, batch; } rule[] = {
		{ 8, 120, 60 }, { 256, 120, 60 }, { 257, 54, 27 },
		{ 1024, 54, 27 }, { 1025, 24, 12 }, { 4096, 24, 12 },
		{ 4097, 8, 4 }, { 131072, 8, 4 }, { 131073, 1, 1 },
	};
	unsigned int cpus = ktest_cpus ? ktest_cpus : 1;

	for (unsigned int i = 0; i < ARRAY_SIZE(rule); i++) {
		struct kmem_cache *s = kmem_cache_create("slab_test_size",
							 rule[i].size, 0, 0, NULL);
		unsigned int wrong = 0, misplaced = 0;

		KT_ASSERT_TRUE(t, s != NULL && s->cpu_cache != NULL);
		KT_EXPECT_EQ(t, s->limit, rule[i].limit);
		KT_EXPECT_EQ(t, s->batchcount, rule[i].batch);
		/* Every CPU of the machine has its array, on its own node. */
		for (unsigned int cpu = 0; cpu < cpus; cpu++) {
			struct array_cache *ac = s->cpu_cache[cpu];
			int nid = cpu_to_node(cpu);

			if (!ac) {
				wrong++;
				continue;
			}
			wrong += ac->limit != rule[i].limit ||
				 ac->batchcount != rule[i].batch || ac->avail;
			if (mm_ktest_node_has_kernel_memory(nid))
				misplaced += page_to_nid(virt_to_page(ac)) != nid;
		}
		if (!KT_EXPECT_EQ(t, wrong + misplaced, 0))
			ktest_log(t, "size %u: %u arrays wrong, %u off their "
				  "CPU's node", rule[i].size, wrong, misplaced);
		kmem_cache_destroy(s);
	}
	KT_EXPECT_EQ(t, kmalloc_slab(64)->limit, 120);	/* the same rule */
	KT_EXPECT_EQ(t, kmalloc_slab(8192)->batchcount, 4);
}

#define PER_CPU_OBJS	150	/* past a 120 limit: refills and flushes */

static struct kmem_cache *allcpu_cache;
static void *allcpu_objs[NR_CPUS][PER_CPU_OBJS];
static unsigned int allcpu_got[NR_CPUS], allcpu_ran;

/* Each object carries its owner: any object handed out twice shows it. */
static void
allcpu_alloc(void *arg)
{
	unsigned int cpu = smp_processor_id();

	(void)arg;
	__atomic_fetch_add(&allcpu_ran, 1, __ATOMIC_RELAXED);
	for (unsigned int i = 0; i < PER_CPU_OBJS; i++) {
		u64 *o = kmem_cache_alloc(allcpu_cache, GFP_ATOMIC);

		if (!o)
			break;
		o[0] = cpu;
		o[1] = i;
		allcpu_objs[cpu][i] = o;
		allcpu_got[cpu] = i + 1;
	}
}

/*
 * Free the objects of the next online CPU: frees from a CPU that did not
 * allocate them (of another node too, when the CPUs' nodes differ).
 */
static void
allcpu_free(void *arg)
{
	unsigned int from = cpumask_next_from(smp_processor_id() + 1,
					      &cpu_online_mask);

	(void)arg;
	if (from >= NR_CPUS)
		from = cpumask_next_from(0, &cpu_online_mask);

	for (unsigned int i = 0; i < allcpu_got[from]; i++)
		kmem_cache_free(allcpu_cache, allcpu_objs[from][i]);
}

void
objects_from_every_cpu(struct ktest *t)
{
	unsigned long before, freed;
	unsigned int cpus = num_online_cpus(), bad = 0, total = 0, cpu;
	struct slabinfo info;

	allcpu_cache = kmem_cache_create("slab_test_allcpu", 64, 0, 0, NULL);
	KT_ASSERT_TRUE(t, allcpu_cache != NULL);
	kmem_cache_destroy(allcpu_cache);	/* warm the metadata caches */
	before = global_free_pages();
	allcpu_cache = kmem_cache_create("slab_test_allcpu", 64, 0, 0, NULL);
	KT_ASSERT_TRUE(t, allcpu_cache != NULL);
	if (cpus == 1)
		ktest_log(t, "one CPU online: on_each_cpu runs on this CPU only");
	allcpu_ran = 0;
	memset(allcpu_got, 0, sizeof(allcpu_got));
	on_each_cpu(allcpu_alloc, NULL, true);
	KT_EXPECT_EQ(t, allcpu_ran, cpus);
	for_each_online_cpu(cpu) {
		KT_EXPECT_EQ(t, allcpu_got[cpu], PER_CPU_OBJS);
		for (unsigned int i = 0; i < allcpu_got[cpu]; i++) {
			u64 *o = allcpu_objs[cpu][i];

			bad += o[0] != cpu || o[1] != i;
			total++;
		}
	}
	KT_EXPECT_EQ(t, bad, 0);
	get_slabinfo(allcpu_cache, &info);
	KT_EXPECT_EQ(t, handed_out(&info), total);
	on_each_cpu(allcpu_free, NULL, true);
	get_slabinfo(allcpu_cache, &info);
	KT_EXPECT_EQ(t, handed_out(&info), 0);
	KT_EXPECT_GT(t, info.cpu_cached, 0);
	/* Shrinking a live cache: every CPU drains its own array, then the
	 * empty slabs go back: nothing is left, every page is free again. */
	freed = kmem_cache_shrink(allcpu_cache);	/* 1-page slabs */
	KT_EXPECT_EQ(t, freed, info.num_slabs);
	get_slabinfo(allcpu_cache, &info);
	KT_EXPECT_EQ(t, info.cpu_cached + info.num_slabs, 0);
	kmem_cache_destroy(allcpu_cache);
	KT_EXPECT_EQ(t, global_free_pages(), before);
	ktest_log(t, "%u objects on each of %u CPUs, freed by their neighbours",
		  PER_CPU_OBJS, cpus);
}

/* The CAL row of /proc/interrupts, summed over the online CPUs. */
static unsigned long
cal_ipis(void)
{
	unsigned long n = 0;
	unsigned int cpu;

	for_each_online_cpu(cpu)
		n += per_cpu(irq_stat, cpu).irq_call_count;
	return n;
}

/*
 * A new cache gets arrays without a kick (the 2017 fix); replacing them
 * kicks once, reaching every other online CPU, after which the new arrays
 * are in place and the old ones' objects are back in the slabs.
 */
void
tune_replaces_arrays_and_kicks(struct ktest *t)
{
	unsigned long kicks = slab_kick_count(), ipis;
	struct array_cache **old;
	struct kmem_cache *s;
	struct slabinfo info;
	unsigned int wrong = 0;
	bool kick_new = slab_kick_new;

	/*
	 * Booted with slab_kick_new=1 (plan run 2s/slab-kick-new): the 15
	 * boot caches (kmem_cache, kmem_cache_node, 13 kmalloc classes) each
	 * kicked when they got their first arrays.
	 */
	if (kick_new)
		KT_EXPECT_GE(t, kicks, 15);
	slab_kick_new = false;
	s = kmem_cache_create("slab_test_tune", 100, 0, 0, NULL);
	KT_ASSERT_TRUE(t, s != NULL);
	KT_EXPECT_EQ(t, slab_kick_count(), kicks);	/* nothing old: no kick */
	for (unsigned int i = 0; i < 10; i++)
		tune_objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (unsigned int i = 0; i < 10; i++)
		kmem_cache_free(s, tune_objs[i]);
	get_slabinfo(s, &info);
	KT_EXPECT_GT(t, info.cpu_cached, 0);
	old = s->cpu_cache;
	ipis = cal_ipis();
	KT_EXPECT_EQ(t, do_tune_cpucache(s, 16, 8), 0);
	KT_EXPECT_EQ(t, slab_kick_count(), kicks + 1);
	KT_EXPECT_GE(t, cal_ipis() - ipis, num_online_cpus() - 1);
	KT_EXPECT_TRUE(t, s->cpu_cache != old);
	for (unsigned int cpu = 0; cpu < (ktest_cpus ? ktest_cpus : 1); cpu++)
		wrong += !s->cpu_cache[cpu] || s->cpu_cache[cpu]->limit != 16 ||
			 s->cpu_cache[cpu]->batchcount != 8;
	KT_EXPECT_EQ(t, wrong, 0);
	get_slabinfo(s, &info);
	KT_EXPECT_EQ(t, info.cpu_cached, 0);	/* drained into the slabs */
	KT_EXPECT_EQ(t, info.active_objs, 0);
	/*
	 * The new arrays work in batches of 8: 17 allocations take three
	 * batches (24) and leave 7; of 17 frees the 10th finds the array
	 * full (16) and gives its 8 oldest back: 7 + 17 - 8 = 16 stay.
	 */
	for (unsigned int i = 0; i < 17; i++)
		tune_objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (unsigned int i = 0; i < 17; i++)
		kmem_cache_free(s, tune_objs[i]);
	get_slabinfo(s, &info);
	KT_EXPECT_EQ(t, info.cpu_cached, 16);
	/* Refused, and no kick: a zero limit, a batch above the limit. */
	KT_EXPECT_EQ(t, do_tune_cpucache(s, 0, 0), -EINVAL);
	KT_EXPECT_EQ(t, do_tune_cpucache(s, 4, 8), -EINVAL);
	KT_EXPECT_EQ(t, slab_kick_count(), kicks + 1);
	kmem_cache_destroy(s);		/* a dead cache's arrays need no kick */
	KT_EXPECT_EQ(t, slab_kick_count(), kicks + 1);

	/* Before the fix: a new cache kicked every CPU all the same. */
	slab_kick_new = true;
	s = kmem_cache_create("slab_test_kicknew", 100, 0, 0, NULL);
	slab_kick_new = kick_new;
	KT_ASSERT_TRUE(t, s != NULL);
	KT_EXPECT_EQ(t, slab_kick_count(), kicks + 2);
	kmem_cache_destroy(s);
}
