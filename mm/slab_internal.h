/*
 * mm/slab_internal.h - what the cache core (mm/slab.c) shares with
 * kmalloc (mm/kmalloc.c), and nobody else needs.
 *
 * Teaches: kmalloc is built on top of the object caches, not beside them:
 * it needs only a way to find the slab or the page behind a pointer, to
 * free an object into its slab, and to report misuse the same way the
 * caches do.  The slab lists (mm/slab.c) and the per-CPU arrays in front
 * of them (mm/slab_cpucache.c) meet here too, and the fast path of a
 * free is inline here so that kfree() pays for no extra call.  Keeping
 * these in an internal header keeps them out of the public interface
 * (mm/slab.h).
 * Linux counterpart: mm/slab.h (the internal half).
 */
#ifndef PAGODA_MM_SLAB_INTERNAL_H
#define PAGODA_MM_SLAB_INTERNAL_H

#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "mm/page.h"
#include "mm/slab.h"

#define SLAB_BOOT		0x00001000u	/* a boot cache: never destroyed */

/* The page of x, or NULL if no struct page describes it. */
static __always_inline struct page *
slab_addr_to_page(const void *x)
{
	unsigned long pfn = PFN_DOWN(__pa(x));

	return pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;
}

/* Is this page the first of a page-backed kmalloc block? */
static inline bool
page_is_large_kmalloc(const struct page *page)
{
	return page && PageHead(page) && !PageSlab(page);
}

/*
 * The slab of x, whose page is page, if x is an object of a slab (the
 * start of a slot); NULL otherwise, silently: obj_to_slab() says why.
 */
static __always_inline struct slab *
slab_of_obj(const void *x, const struct page *page)
{
	struct slab *slab;

	if (unlikely(!page || !PageSlab(page)))
		return NULL;
	slab = (struct slab *)ALIGN_DOWN((unsigned long)x,
					 slab_bytes(page->private));
	return likely(obj_to_index(slab->cache, slab, x) >= 0) ? slab : NULL;
}

/* Say what is wrong, then where from (a stack trace). */
__printf(1, 2) void slab_bug(const char *fmt, ...);
/* Drop the zone modifiers bad from gfp, loudly: a caller's bug. */
gfp_t slab_fix_gfp(gfp_t gfp, gfp_t bad);
/* The slab of an object pointer; NULL after a BUG line if x is no object. */
struct slab *obj_to_slab(const void *x, const char *fn);

/* kmem_cache_init(), once kmem_cache_create() works: kmalloc-8 ... 8k. */
void create_kmalloc_caches(void);

/* ---- between the slab lists (mm/slab.c) and the arrays (slab_cpucache.c) */

/*
 * This CPU's array of s, or NULL.  Interrupts must be off from here until
 * the caller is done with it: that is what keeps do_tune_cpucache() from
 * freeing it meanwhile (see mm/slab_cpucache.c).
 */
static __always_inline struct array_cache *
cpu_cache_get(const struct kmem_cache *s)
{
	struct array_cache **table = READ_ONCE(s->cpu_cache);

	return table ? table[smp_processor_id()] : NULL;
}

/* Zone modifiers: the cache, not the caller, decides (see slab_fix_gfp()). */
#define GFP_ZONEMASK		(__GFP_DMA | __GFP_DMA32 | __GFP_MOVABLE)

/* The slow path (mm/slab.c): slab lists per node. */
/* gfp for a slab's pages: the cache's zone, no zeroing, no node rule. */
gfp_t slab_page_gfp(const struct kmem_cache *s, gfp_t gfp);
/* One object from nid or the nearest node that has one, growing if need be. */
void *cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int nid);
/* A new slab on the lists; take: one object from it, else the slab. */
void *cache_grow(struct kmem_cache *s, gfp_t gfp, int nid, bool take);
/* Fill an empty array with up to batchcount objects of its node. */
unsigned int cache_alloc_refill(struct kmem_cache *s, struct array_cache *ac);
/*
 * Give n objects, all from slabs of node nid, back to their slabs under
 * the node's lock (Linux's free_block()).  Interrupts off.  fn names the
 * caller in BUG lines.
 */
void free_block(struct kmem_cache *s, void *const *objs, unsigned int n,
		int nid, const char *fn);
/* kmem_cache_shrink(): every node's spare empty slabs back. */
void slab_release_free_slabs(struct kmem_cache *s);
void report_double_free(struct kmem_cache *s, struct slab *slab, void *obj,
			const char *fn);

/* ---- the fast path of freeing (mm/slab_cpucache.c has the rest) ---- */

/* Everything but the fast path: a flush, another node, a double free. */
void slab_free_slow(struct kmem_cache *s, struct slab *slab, void *obj,
		    const char *fn);

/*
 * Give obj back; fn names the caller in BUG lines.  The fast path, inline
 * in kfree() and kmem_cache_free(): room in this CPU's array, obj of its
 * node and not the object freed just before - interrupts off, push,
 * interrupts on.
 */
static __always_inline void
slab_free(struct kmem_cache *s, struct slab *slab, void *obj, const char *fn)
{
	unsigned long flags = local_irq_save();
	struct array_cache *ac = cpu_cache_get(s);

	if (likely(ac && slab->nid == ac->nid && ac->avail < ac->limit &&
		   (!ac->avail || ac->entry[ac->avail - 1] != obj))) {
		ac->entry[ac->avail++] = obj;
		local_irq_restore(flags);
		return;
	}
	local_irq_restore(flags);
	slab_free_slow(s, slab, obj, fn);
}

/* ---- the arrays' life (mm/slab_cpucache.c) ---- */

/* Every cache's table has one array per CPU that can ever run. */
unsigned int cpucache_nr_cpus(void);
/* How many objects wait in s's per-CPU arrays. */
unsigned long cpucache_objects(struct kmem_cache *s);
/* Creation: the cache's first arrays (after kmem_cache_init: at once). */
int setup_cpu_cache(struct kmem_cache *s);
/* Destruction: drain every CPU's array into the slabs, free them all. */
void release_cpu_caches(struct kmem_cache *s);
/* kmem_cache_init(), once kmalloc works: arrays for the boot caches. */
void cpucache_init_boot_caches(void);

#endif
