/*
 * mm/slab_cpucache.c - per-CPU arrays of free objects in front of the
 * slab lists: the allocator's fast path, the arrays' sizes, and how to
 * replace them safely.
 *
 * Teaches: kmem_cache_alloc and kmem_cache_free usually touch only this
 * CPU's array of the cache: interrupts off, pop or push, interrupts on -
 * no lock, no shared cache line, and the object freed last (still warm
 * in this CPU's cache) is the next one handed out.  Only an empty or a
 * full array goes to the node's slab lists (mm/slab.c), a batch at a
 * time under the node's lock.
 *
 * That leaves a question: when a cache's arrays must be replaced (new
 * sizes, or the cache's first arrays), how does the replacing CPU know
 * no other CPU is still using an old array it wants to drain and free?
 * The answer is an IPI to every other CPU, kick_all_cpus_sync(): a CPU
 * takes an interrupt only with interrupts on, i.e. outside the fast path,
 * so once every CPU has taken it, none still holds an old array.
 *
 * And the 2017 story (Greg Thelen, "slab: avoid IPIs when creating kmem
 * caches"): Linux kicked every CPU even when a cache got its *first*
 * arrays, when there is nothing old to retire and no CPU can even know
 * the cache yet.  Creating caches by the thousand (a container per
 * memory cgroup got its own copies) sent tens of thousands of useless
 * IPIs.  The fix kicks only when old arrays exist.  `slab_kick_new=1`
 * brings back the old behaviour, and `demo=slab_ipi` (mm/slab_demo.c)
 * counts the difference.
 *
 * Sizes are Linux SLAB's (enable_cpucache()), chosen by the slot size:
 * large objects are costly to keep idle, small ones cheap.
 * Linux counterpart: mm/slab.c (enable_cpucache, do_tune_cpucache,
 * alloc_kmem_cache_cpus, drain_array), kernel/smp.c (kick_all_cpus_sync).
 */
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/smp.h"
#include "lib/string.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "mm/slab_internal.h"

/* Our cap on a tuned limit: an array of 4096 entries is 32 KiB. */
#define CPUCACHE_MAX_LIMIT	4096

bool slab_kick_new;
core_param("slab_kick_new", slab_kick_new, PARAM_BOOL,
	   "1: kick every CPU even for a new cache's first per-CPU arrays "
	   "(slab's behaviour before the 2017 fix)");

static unsigned long kick_count;
/*
 * Held while a cache's array table is replaced, retired or read for
 * statistics: two tuners at once, or slabinfo reading an array being
 * freed, would otherwise race.  Taken after slab_caches_lock, never with
 * interrupts off (its holder may wait in kick_all_cpus_sync()).
 */
static DEFINE_SPINLOCK(cpucache_tune_lock);

unsigned long
slab_kick_count(void)
{
	return READ_ONCE(kick_count);
}

/* ---- the fast path ----------------------------------------------------- */

/*
 * Everything kmem_cache_alloc_node()'s fast path leaves: an empty array
 * is refilled from its node's lists; if they are empty too, a new slab is
 * grown on that node (with interrupts as the caller had them: the page
 * allocator may need them) and the refill tried once more.  A request
 * for another node, or a cache without arrays yet, goes to the slow
 * path, one object at a time.  And zeroing.
 */
static void * __attribute__((noinline))
cache_alloc_slowpath(struct kmem_cache *s, gfp_t gfp, int nid)
{
	struct array_cache *ac;
	unsigned long flags;
	bool grown = false;
	void *obj;

	if (WARN_ON(!s))
		return NULL;
	if (unlikely(gfp & GFP_ZONEMASK & ~s->allocflags))
		gfp = slab_fix_gfp(gfp, gfp & GFP_ZONEMASK & ~s->allocflags);
	if (nid >= MAX_NUMNODES || (nid >= 0 && !NODE_DATA(nid)))
		nid = -1;		/* NUMA_NO_NODE: the local node */
retry:
	flags = local_irq_save();
	ac = cpu_cache_get(s);
	if (likely(ac) && (nid < 0 || nid == ac->nid)) {
		if (likely(ac->avail) || cache_alloc_refill(s, ac)) {
			ac->touched = 1;
			obj = ac->entry[--ac->avail];
			local_irq_restore(flags);
			goto out;
		}
		nid = ac->nid;
		local_irq_restore(flags);
		if (!grown && cache_grow(s, slab_page_gfp(s, gfp) |
					 __GFP_THISNODE | __GFP_NOWARN, nid,
					 false)) {
			grown = true;
			goto retry;
		}
	} else {
		local_irq_restore(flags);
	}
	obj = cache_alloc_node(s, gfp, nid < 0 ? numa_node_id() : nid);
out:
	if (obj && (gfp & __GFP_ZERO))
		memset(obj, 0, s->object_size);
	return obj;
}

/*
 * Every object allocation starts here.  The fast path: any node will do,
 * no zone modifier, no zeroing, and this CPU's array has an object -
 * interrupts off, pop, interrupts on.  Nothing else, so that it stays
 * short (the register-hungry rest is in the function above).
 */
void *
kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int nid)
{
	if (likely(s && nid < 0 && !(gfp & (GFP_ZONEMASK | __GFP_ZERO)))) {
		unsigned long flags = local_irq_save();
		struct array_cache *ac = cpu_cache_get(s);

		if (likely(ac && ac->avail)) {
			void *obj = ac->entry[--ac->avail];

			ac->touched = 1;
			local_irq_restore(flags);
			return obj;
		}
		local_irq_restore(flags);
	}
	return cache_alloc_slowpath(s, gfp, nid);
}

/*
 * A full array gives its batchcount oldest objects back to the node,
 * keeping the most recently freed ones, the likeliest to be cache-hot
 * (Linux's cache_flusharray()).  Interrupts are off.
 */
static void
cache_flusharray(struct kmem_cache *s, struct array_cache *ac, const char *fn)
{
	unsigned int batch = min(ac->batchcount, ac->avail);

	free_block(s, ac->entry, batch, ac->nid, fn);
	ac->avail -= batch;
	memmove(ac->entry, ac->entry + batch, ac->avail * sizeof(void *));
}

/*
 * Give obj back (Linux's __cache_free()) when the inline fast path of
 * slab_free() (mm/slab_internal.h) could not just push it on this CPU's
 * array.  Only objects of the array's node go in the array; an object of
 * another node goes straight back to its node's lists under that node's
 * lock.  (Linux can park those in per-node "alien" arrays first; we do
 * what Linux does with `noaliencache`.)  A full array first gives a
 * batch back.
 *
 * A double free is caught here only when obj is the object this CPU
 * freed last; otherwise when the array gives it back to its slab - by
 * then it may have been handed out twice, as on Linux's SLAB without
 * debugging.
 */
void
slab_free_slow(struct kmem_cache *s, struct slab *slab, void *obj,
	       const char *fn)
{
	unsigned long flags = local_irq_save();
	struct array_cache *ac = cpu_cache_get(s);

	if (likely(ac) && likely(slab->nid == ac->nid)) {
		if (unlikely(ac->avail && ac->entry[ac->avail - 1] == obj)) {
			local_irq_restore(flags);
			report_double_free(s, slab, obj, fn);
			return;
		}
		if (unlikely(ac->avail >= ac->limit))
			cache_flusharray(s, ac, fn);
		ac->entry[ac->avail++] = obj;
	} else {
		free_block(s, &obj, 1, slab->nid, fn);
	}
	local_irq_restore(flags);
}

/* ---- sizes and replacement ---------------------------------------------- */

/*
 * Arrays exist for every CPU that can ever run, as Linux's per-CPU
 * allocations cover every possible CPU: those the firmware listed, whose
 * per-CPU areas exist (arch/x86/setup_percpu.c).
 */
unsigned int
cpucache_nr_cpus(void)
{
	return numa_topology.nr_cpus ? numa_topology.nr_cpus : 1;
}

/*
 * Linux SLAB's rule (enable_cpucache() in mm/slab.c, in words): by the
 * slot size, one object if it is over 128 KiB, 8 over a page, 24 over
 * 1 KiB, 54 over 256 bytes, and 120 for anything smaller; the batch is
 * half the limit, rounded up.  (Linux also gives each node a shared
 * array, 8 batches, when objects fit in a page and there are several
 * CPUs; we build none, so sharedfactor is 0.)
 */
static unsigned int
cpucache_limit(unsigned int size)
{
	if (size > 128 * 1024)
		return 1;
	if (size > PAGE_SIZE)
		return 8;
	if (size > 1024)
		return 24;
	if (size > 256)
		return 54;
	return 120;
}

/*
 * The node whose objects CPU cpu's array holds: the first node in the
 * fallback order of the CPU's node that has a zone the cache may use -
 * the CPU's own, unless it is memoryless (Linux's numa_mem_id()).
 */
static int
cpucache_node(const struct kmem_cache *s, unsigned int cpu)
{
	int nid = cpu_to_node(cpu);
	struct zone *const *z;

	if (nid < 0 || nid >= MAX_NUMNODES || !NODE_DATA(nid))
		nid = 0;
	for (z = NODE_DATA(nid)->node_zonelists[ZONELIST_FALLBACK].zones; *z; z++)
		if ((*z)->idx <= gfp_zone(s->allocflags) && s->node[(*z)->node])
			return (*z)->node;
	return nid;
}

/*
 * Give every object of every array back to the slabs and free the arrays
 * and their table.  Only for arrays no CPU can be using any more.
 */
static void
drain_free_cpu_caches(struct kmem_cache *s, struct array_cache **table)
{
	for (unsigned int cpu = 0; cpu < cpucache_nr_cpus(); cpu++) {
		struct array_cache *ac = table[cpu];
		unsigned long flags;

		if (!ac)
			continue;
		if (ac->avail) {
			flags = local_irq_save();
			free_block(s, ac->entry, ac->avail, ac->nid, "drain");
			local_irq_restore(flags);
		}
		kfree(ac);
	}
	kfree(table);
}

/* A table of empty arrays, each allocated on its CPU's node. */
static struct array_cache **
alloc_cpu_caches(struct kmem_cache *s, unsigned int limit,
		 unsigned int batchcount)
{
	unsigned int nr = cpucache_nr_cpus();
	struct array_cache **table = kcalloc(nr, sizeof(*table), GFP_KERNEL);

	if (!table)
		return NULL;
	for (unsigned int cpu = 0; cpu < nr; cpu++) {
		struct array_cache *ac;

		ac = kmalloc_node(sizeof(*ac) + limit * sizeof(void *),
				  GFP_KERNEL, cpu_to_node(cpu));
		if (!ac) {
			drain_free_cpu_caches(s, table);
			return NULL;
		}
		*ac = (struct array_cache){
			.limit = limit,
			.batchcount = batchcount,
			.nid = cpucache_node(s, cpu),
		};
		table[cpu] = ac;
	}
	return table;
}

/*
 * Replace every CPU's array of s.  The race this must close:
 *
 *   CPU 1 (kmem_cache_alloc)              CPU 0 (do_tune_cpucache)
 *   interrupts off
 *   ac = old table[1]
 *                                         s->cpu_cache = new table
 *                                         drain old table[1], kfree it
 *   obj = ac->entry[--ac->avail]  <- reads a freed array; the object it
 *                                    pops is back in its slab and will
 *                                    be handed out twice
 *
 * CPU 1 uses its array only with interrupts off, and takes an interrupt
 * only with them on.  So CPU 0 publishes the new table, then
 * kick_all_cpus_sync(): an IPI to every other online CPU, waiting until
 * each has run it.  A CPU that has taken the IPI has left any section
 * that might have read the old table, and any later section reads the
 * new one.  Only then are the old arrays drained and freed.
 *
 * A cache that gets its first arrays has no old table: there is nothing
 * to retire, and no CPU can be using the cache (it is not even on the
 * list of caches yet).  Before the 2017 fix Linux kicked anyway, one IPI
 * per other CPU per cache created; slab_kick_new=1 does so too.
 */
int
do_tune_cpucache(struct kmem_cache *s, unsigned int limit,
		 unsigned int batchcount)
{
	struct array_cache **table, **old;

	if (!s || !limit || !batchcount || batchcount > limit ||
	    limit > CPUCACHE_MAX_LIMIT)
		return -EINVAL;
	table = alloc_cpu_caches(s, limit, batchcount);
	if (!table)
		return -ENOMEM;
	spin_lock(&cpucache_tune_lock);
	old = s->cpu_cache;
	s->limit = limit;
	s->batchcount = batchcount;
	s->shared = 0;
	/* Release: the arrays' contents before the pointer to them. */
	__atomic_store_n(&s->cpu_cache, table, __ATOMIC_RELEASE);
	/* The 2017 fix: nothing old, so nobody to wait for. */
	if (old || READ_ONCE(slab_kick_new)) {
		__atomic_fetch_add(&kick_count, 1, __ATOMIC_RELAXED);
		kick_all_cpus_sync();
	}
	if (old)
		drain_free_cpu_caches(s, old);
	spin_unlock(&cpucache_tune_lock);
	return 0;
}

/* A cache's first arrays, sized by Linux's rule (enable_cpucache()). */
int
setup_cpu_cache(struct kmem_cache *s)
{
	unsigned int limit = cpucache_limit(s->size);

	return do_tune_cpucache(s, limit, (limit + 1) / 2);
}

/*
 * kmem_cache_destroy(): the caller promises that nobody uses the cache
 * any more (no object is live, nobody allocates), so no CPU can be inside
 * its fast path: the arrays are drained from here, with no IPI.  (Linux
 * drains through on_each_cpu(), one IPI per CPU, because its shrink path
 * also serves live caches.)
 */
void
release_cpu_caches(struct kmem_cache *s)
{
	struct array_cache **table;

	spin_lock(&cpucache_tune_lock);
	table = __atomic_exchange_n(&s->cpu_cache, NULL, __ATOMIC_ACQ_REL);
	if (table)
		drain_free_cpu_caches(s, table);
	spin_unlock(&cpucache_tune_lock);
}

/* Objects in s's per-CPU arrays now (other CPUs' counts read on the fly). */
unsigned long
cpucache_objects(struct kmem_cache *s)
{
	unsigned long n = 0;

	spin_lock(&cpucache_tune_lock);
	for (unsigned int cpu = 0; s->cpu_cache && cpu < cpucache_nr_cpus(); cpu++)
		n += READ_ONCE(s->cpu_cache[cpu]->avail);
	spin_unlock(&cpucache_tune_lock);
	return n;
}

/* On each CPU, interrupts off: give this CPU's array back to the slabs. */
static void
drain_this_cpu(void *arg)
{
	struct kmem_cache *s = arg;
	struct array_cache *ac = cpu_cache_get(s);

	if (ac && ac->avail) {
		free_block(s, ac->entry, ac->avail, ac->nid, "kmem_cache_shrink");
		ac->avail = 0;
	}
}

/*
 * A live cache's arrays may be in use on their CPUs at any moment, so
 * unlike release_cpu_caches() no CPU may drain another's: each drains its
 * own, in the function-call IPI (Linux's drain_cpu_caches()).
 */
unsigned long
kmem_cache_shrink(struct kmem_cache *s)
{
	struct slabinfo before, after;

	if (!s)
		return 0;
	get_slabinfo(s, &before);
	if (READ_ONCE(s->cpu_cache))
		on_each_cpu(drain_this_cpu, s, true);
	slab_release_free_slabs(s);
	get_slabinfo(s, &after);
	/* Drained slabs past the node's one spare were freed already. */
	if (after.num_slabs >= before.num_slabs)
		return 0;
	return (before.num_slabs - after.num_slabs) << s->gfporder;
}

static void
setup_boot_cache(struct kmem_cache *s, void *arg)
{
	(void)arg;
	if (!s->cpu_cache && setup_cpu_cache(s))
		panic("slab: no per-CPU arrays for %s", s->name);
}

/*
 * The caches made before kmalloc worked (kmem_cache, kmem_cache_node,
 * kmalloc-*) ran on their slab lists alone; now they get arrays too.
 * Arrays come from kmalloc, so a kmalloc cache's arrays may come from
 * itself: its slow path serves them, as it has no arrays yet.
 */
void
cpucache_init_boot_caches(void)
{
	slab_for_each_cache(setup_boot_cache, NULL);
}
