/*
 * mm/slab.h - the slab allocator: kmalloc() and object caches.
 *
 * Teaches: the buddy allocator hands out whole pages, but the kernel
 * mostly needs small objects (a 96-byte inode piece, a 40-byte list
 * node).  A *cache* (struct kmem_cache) serves objects of one size: it
 * carves buddy blocks ("slabs") into equal slots and keeps the free slots
 * on a list.  kmalloc() is a set of such caches for the common sizes,
 * kmalloc-8 to kmalloc-8k, plus whole pages for anything larger.
 *
 * See mm/slab.c for how slabs are laid out and found again from an object
 * address, and for the per-node lists; mm/slab_cpucache.c for the per-CPU
 * arrays in front of them; mm/kmalloc.c for the size classes.  kmalloc-N
 * objects of a power-of-two size N are aligned to N; every object is at
 * least 8-byte aligned.
 *
 * Linux counterpart: include/linux/slab.h (the API), mm/slab.h (struct
 * kmem_cache, struct slab, struct slabinfo).
 */
#ifndef PAGODA_MM_SLAB_H
#define PAGODA_MM_SLAB_H

#include "kernel/compiler.h"
#include "lib/list.h"
#include "kernel/spinlock.h"
#include "kernel/types.h"
#include "mm/gfp.h"

/* ---- flags for kmem_cache_create() (Linux's values) -------------------- */

typedef unsigned int slab_flags_t;

#define SLAB_HWCACHE_ALIGN	0x00002000u	/* align objects to a cache line */
#define SLAB_CACHE_DMA		0x00004000u	/* slabs from ZONE_DMA */
#define SLAB_CACHE_DMA32	0x00008000u	/* slabs from ZONE_DMA32 */
#define SLAB_RECLAIM_ACCOUNT	0x00020000u	/* reclaimable (shrinkers, later) */
#define SLAB_PANIC		0x00040000u	/* panic if creation fails */

/*
 * kmalloc(0) returns this: not NULL (so callers do not think it failed)
 * but a pointer into the unmapped first page, so any use of it faults.
 */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/*
 * kmalloc size classes: 8, 16, 32, 64, 96, 128, 192, 256, 512, 1k, 2k,
 * 4k, 8k.  Requests above KMALLOC_MAX_CACHE_SIZE get whole pages from the
 * buddy allocator, up to KMALLOC_MAX_SIZE (one block of MAX_ORDER-1).
 */
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	13
#define KMALLOC_MIN_SIZE	(1UL << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE	((unsigned long)PAGE_SIZE << (MAX_ORDER - 1))

/* Every object is at least this aligned (it holds a free pointer). */
#define ARCH_SLAB_MINALIGN	8
#define ARCH_KMALLOC_MINALIGN	8

#define KMEM_CACHE_NAME_LEN	32

/*
 * The fast path: one CPU's stack of free objects of one cache (Linux's
 * struct array_cache).  Only its own CPU touches it, with interrupts off,
 * so it needs no lock: kmem_cache_alloc pops entry[avail - 1] (the object
 * freed last, still warm in this CPU's cache), kmem_cache_free pushes.
 * An empty array takes batchcount objects from the node's slab lists
 * under the node's lock; a full one gives its batchcount oldest back.
 * Every object in it lies on node nid (see mm/slab_cpucache.c).
 */
struct array_cache {
	unsigned int avail;		/* objects in entry[0 .. avail-1] */
	unsigned int limit;		/* at most this many */
	unsigned int batchcount;	/* moved to or from the node at once */
	unsigned int touched;		/* allocated from since last looked */
	int nid;			/* the node whose objects it holds */
	void *entry[];
};

/*
 * One node's share of a cache: the slabs whose pages lie on that node,
 * sorted by how full they are.  This is the slow path, behind the
 * per-CPU arrays, which refill from here in batches.
 */
struct kmem_cache_node {
	spinlock_t list_lock;		/* protects everything below */
	struct list_head slabs_partial;	/* some objects free: allocate here */
	struct list_head slabs_full;	/* no object free */
	struct list_head slabs_free;	/* every object free: kept as a spare */
	unsigned long total_slabs;
	unsigned long free_slabs;	/* slabs on slabs_free */
	unsigned long free_objects;	/* free objects in all our slabs */
};

struct kmem_cache {
	/*
	 * Geometry, fixed at creation.  An object slot is `size` bytes:
	 * the caller's object_size, then (for caches with a constructor)
	 * the free pointer, then padding up to align.
	 */
	unsigned int object_size;	/* what the creator asked for */
	unsigned int size;		/* slot size: the stride between objects */
	unsigned int align;
	unsigned int offset;		/* of the free pointer in a free slot */
	unsigned int num;		/* objects per slab */
	unsigned int gfporder;		/* a slab is 2^gfporder pages */
	unsigned int obj_offset;	/* first object, after the slab header */
	gfp_t allocflags;		/* zone for slab pages (SLAB_CACHE_DMA...) */
	slab_flags_t flags;
	void (*ctor)(void *obj);
	char name[KMEM_CACHE_NAME_LEN];
	struct list_head list;		/* on slab_caches */

	/*
	 * Fast path: cpu_cache[cpu] is CPU cpu's array, one per possible
	 * CPU, each on its CPU's node.  The table and its arrays are
	 * replaced as a whole by do_tune_cpucache(); NULL (the slow path
	 * only) until kmalloc works.  limit, batchcount and shared are the
	 * tunables slabinfo shows.
	 */
	struct array_cache **cpu_cache;
	unsigned int limit;
	unsigned int batchcount;
	unsigned int shared;		/* Linux's shared arrays: not built, 0 */

	/* Slow path: per-node slab lists (NULL for nodes that do not exist). */
	struct kmem_cache_node *node[MAX_NUMNODES];
};

/*
 * Statistics of one cache, summed over nodes (the /proc/slabinfo fields).
 * As in Linux, an object in a per-CPU array counts as active: the node
 * lists gave it away.  cpu_cached says how many of those there are.
 */
struct slabinfo {
	unsigned long active_objs;	/* handed out, or in a per-CPU array */
	unsigned long cpu_cached;	/* in per-CPU arrays (not in Linux's) */
	unsigned long num_objs;		/* slots in all slabs */
	unsigned long active_slabs;	/* slabs with an object handed out */
	unsigned long num_slabs;
	unsigned int objects_per_slab;
	unsigned int cache_order;
};

/* Boot: create the kmalloc caches.  Needs the buddy allocator and zonelists. */
void kmem_cache_init(void);

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *cache);
/* nid -1 (Linux's NUMA_NO_NODE) means the local node, numa_node_id(). */
void *kmem_cache_alloc_node(struct kmem_cache *cache, gfp_t gfp, int nid);
void kmem_cache_free(struct kmem_cache *cache, void *obj);

void *kmalloc_node(size_t size, gfp_t gfp, int nid);
void kfree(const void *obj);
size_t ksize(const void *obj);

static inline void *
kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	return kmem_cache_alloc_node(cache, gfp, -1);
}

/* The kmalloc caches, by kmalloc_index() (mm/kmalloc.c); NULL before boot. */
extern struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
static inline unsigned int kmalloc_index(size_t size);

/*
 * As in Linux, a size the compiler knows picks its cache at compile time:
 * kmalloc(64, GFP_KERNEL) is kmem_cache_alloc(kmalloc-64) and no more.
 */
static __always_inline void *
kmalloc(size_t size, gfp_t gfp)
{
	if (__builtin_constant_p(size) && size && size <= KMALLOC_MAX_CACHE_SIZE &&
	    !(gfp & (__GFP_DMA | __GFP_DMA32 | __GFP_MOVABLE)))
		return kmem_cache_alloc_node(kmalloc_caches[kmalloc_index(size)],
					     gfp, -1);
	return kmalloc_node(size, gfp, -1);
}

static inline void *
kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

static inline void *
kzalloc_node(size_t size, gfp_t gfp, int nid)
{
	return kmalloc_node(size, gfp | __GFP_ZERO, nid);
}

/* n objects of size bytes, or NULL if n * size overflows. */
static inline void *
kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, gfp);
}

static inline void *
kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}

/*
 * Linux's kmalloc_index(): which size class serves 1..8192 bytes.  Index
 * 3..13 serves 2^index bytes; 1 serves 96 and 2 serves 192, so that the
 * common sizes between powers of two do not waste a third of their slot.
 */
static inline unsigned int
kmalloc_index(size_t size)
{
	if (size <= 8)
		return 3;
	if (size > 64 && size <= 96)
		return 1;
	if (size > 128 && size <= 192)
		return 2;
	return 64 - __builtin_clzl(size - 1);	/* log2, rounded up */
}

/* The kmalloc cache that serves size bytes (NULL above 8k or before init). */
struct kmem_cache *kmalloc_slab(size_t size);

void get_slabinfo(struct kmem_cache *cache, struct slabinfo *info);
/* Print every cache in /proc/slabinfo's layout (mm/report.c). */
void show_slabinfo(void);
/* Call fn(cache, arg) for every cache, in creation order, under the list lock. */
void slab_for_each_cache(void (*fn)(struct kmem_cache *cache, void *arg),
			 void *arg);

/*
 * ---- per-CPU arrays (mm/slab_cpucache.c) ----
 *
 * Give every CPU a new array of limit objects, moving batchcount at a
 * time; the old arrays are retired safely (kick_all_cpus_sync) and their
 * objects go back to the slabs.  0, or -EINVAL / -ENOMEM.
 */
int do_tune_cpucache(struct kmem_cache *cache, unsigned int limit,
		     unsigned int batchcount);
/*
 * slab_kick_new=1: kick every CPU even when a new cache gets its first
 * arrays (the behaviour before the 2017 fix).  The demo flips it.
 */
extern bool slab_kick_new;
/*
 * Give back what a live cache holds but does not use: every CPU drains
 * its own array (one IPI per other CPU, as Linux's drain_cpu_caches()),
 * then the nodes' empty slabs go back to the buddy allocator.  Returns
 * the pages freed.  For memory pressure, and for tests.
 */
unsigned long kmem_cache_shrink(struct kmem_cache *cache);
/* How often slab called kick_all_cpus_sync(), since boot. */
unsigned long slab_kick_count(void);

/*
 * ---- internals: the layout of a slab (Linux keeps these in mm/slab.h) ----
 *
 * This header sits at the start of the buddy block, then come num slots
 * of size bytes from obj_offset on (mm/slab.c draws it).  Free slots are
 * chained through themselves: a free slot holds the address of the next
 * one, at offset 0, or just after the object when a constructor's work
 * must survive while the object is free.
 */
struct slab {
	struct list_head slab_list;	/* on one of its node's three lists */
	struct kmem_cache *cache;
	void *freelist;			/* first free object; NULL when full */
	unsigned int inuse;		/* objects handed out */
	int nid;			/* node of the slab's pages */
};

static inline unsigned long
slab_bytes(unsigned int order)
{
	return (unsigned long)PAGE_SIZE << order;
}

static inline void *
get_freepointer(const struct kmem_cache *s, const void *obj)
{
	return *(void **)((char *)obj + s->offset);
}

static inline void
set_freepointer(const struct kmem_cache *s, void *obj, void *next)
{
	*(void **)((char *)obj + s->offset) = next;
}

static inline void *
index_to_obj(const struct kmem_cache *s, const struct slab *slab,
	     unsigned int idx)
{
	return (char *)slab + s->obj_offset + (unsigned long)idx * s->size;
}

/* The slot index of obj, or -1 if obj is not the start of a slot. */
static inline long
obj_to_index(const struct kmem_cache *s, const struct slab *slab,
	     const void *obj)
{
	unsigned long off = (unsigned long)obj - (unsigned long)slab;

	if (off < s->obj_offset)
		return -1;
	off -= s->obj_offset;
	if (off % s->size || off / s->size >= s->num)
		return -1;
	return (long)(off / s->size);
}

#endif
