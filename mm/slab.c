/*
 * mm/slab.c - the slab allocator's core: caches of equal objects carved
 * from buddy blocks.
 *
 * Teaches: how an object cache works on top of a page allocator
 * (kmem_cache_create, kmem_cache_alloc_node, kmem_cache_free); kmalloc()
 * is a set of such caches, one per size class, in mm/kmalloc.c.
 *
 * A *slab* is one buddy block of 2^gfporder pages cut into equal slots.
 * Buddy blocks are aligned to their size in pfn space and the direct map
 * is linear, so a slab's virtual address is aligned to its size too:
 * rounding any address inside it down to PAGE_SIZE << gfporder lands on
 * its first byte, where the slab's header lives ("on-slab" metadata):
 *
 *   +-------------+-------+-------+-- ... --+-------+-------+
 *   | struct slab | obj 0 | obj 1 |         | obj n | waste |
 *   +-------------+-------+-------+-- ... --+-------+-------+
 *   ^ aligned to the slab size    ^ obj_offset, then every `size` bytes
 *
 * Every page of a slab carries PG_slab and the slab's order in
 * page->private, so kfree(ptr) needs nothing but ptr: virt_to_page(ptr)
 * says "slab of order k", rounding down finds the header, the header
 * names the cache.  (A kmalloc() too big for the caches gets a buddy
 * block of its own instead, PG_head on its first page: mm/kmalloc.c.)
 * Free objects are chained through themselves (mm/slab.h).
 *
 * Each cache has, per NUMA node, three lists of the slabs whose pages lie
 * on that node - partial, full, free - under one lock.  To allocate on
 * node nid: a partial slab of nid, else its spare free slab, else a new
 * slab from nid's memory (__GFP_THISNODE), else a partial slab of the
 * nearest other node (zonelist order), else a new slab from wherever the
 * buddy allocator finds one.  An emptied slab goes back to the buddy
 * allocator unless it is the node's one spare, so that allocating and
 * freeing one object in a loop does not split and merge pages each time.
 *
 * All of this is the *slow path*.  In front of it every CPU has an array
 * of free objects per cache (struct array_cache; kmem_cache_alloc_node()
 * and slab_free() in mm/slab_cpucache.c): an empty array is refilled
 * with a batch from its node's lists (cache_alloc_refill() here), a full
 * one gives a batch back (free_block() here).  The node lock is taken
 * once per batch instead of once per object.
 *
 * Linux had three slab allocators.  This one has SLAB's shape (per-node
 * partial/full/free lists, kmem_cache_node, on-slab headers) and SLUB's
 * habits (kmalloc size classes and names, the free pointer moved out of
 * constructed objects).  Linux counterpart: mm/slab.c (SLAB, removed in
 * 6.8), mm/slub.c, mm/slab_common.c (/proc/slabinfo).
 */
#include "mm/slab.h"

#include "arch/x86/stacktrace.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/page_alloc.h"
#include "mm/slab_internal.h"

#define SLAB_FREE_LIMIT		1	/* empty slabs kept per node and cache */
/* Blocks above 8 pages are hard to find (Linux's PAGE_ALLOC_COSTLY_ORDER). */
#define SLAB_MAX_ORDER		3
#define CACHE_LINE_SIZE		64
#define SLAB_CREATE_MASK	(SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | \
				 SLAB_CACHE_DMA32 | SLAB_RECLAIM_ACCOUNT | \
				 SLAB_PANIC)

/* How far kmem_cache_init() has got (Linux's slab_state). */
static enum {
	DOWN,		/* nothing works */
	PARTIAL_NODE,	/* the kmem_cache_node cache works */
	PARTIAL,	/* kmem_cache_create() works */
	UP,		/* kmalloc() works */
} slab_state;

/*
 * The chicken and the egg: every cache is a struct kmem_cache from the
 * cache "kmem_cache", with a struct kmem_cache_node per node from the
 * cache "kmem_cache_node".  Those two are static, and so are the node
 * structures of "kmem_cache_node".
 */
static struct kmem_cache kmem_cache_boot, kmem_cache_node_boot;
static struct kmem_cache_node kmem_cache_node_boot_nodes[MAX_NUMNODES];
static struct kmem_cache *const kmem_cache = &kmem_cache_boot;
static struct kmem_cache *const kmem_cache_node = &kmem_cache_node_boot;

/* Every cache, in creation order (Linux's slab_caches, slab_mutex). */
static LIST_HEAD(slab_caches);
static DEFINE_SPINLOCK(slab_caches_lock);

/* ---- from a pointer to its page; diagnostics ----------------------------- */

void
slab_bug(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vprintk(fmt, args);
	va_end(args);
	dump_stack();
}

/* ---- geometry ------------------------------------------------------------ */

/*
 * The smallest slab that wastes at most 1/8 of itself, among orders up to
 * SLAB_MAX_ORDER; failing that 1/4, then 1/2; failing that, any order
 * that holds one object.  kmalloc-4k slabs are 8 pages holding 7 objects
 * (the header costs the eighth); kmalloc-512 slabs, 1 page holding 7.
 */
static int
calculate_slab_order(struct kmem_cache *s)
{
	for (unsigned int fraction = 8; fraction; fraction /= 2) {
		unsigned int top = fraction > 1 ? SLAB_MAX_ORDER : MAX_ORDER - 1;

		for (unsigned int order = 0; order <= top; order++) {
			unsigned long bytes = slab_bytes(order), num;

			if (s->obj_offset + s->size > bytes)
				continue;
			num = (bytes - s->obj_offset) / s->size;
			if ((bytes - num * s->size) * fraction <= bytes) {
				s->gfporder = order;
				s->num = num;
				return 0;
			}
		}
	}
	return -1;
}

/*
 * Lay out a slot: the object, then the free pointer if a constructor's
 * work must survive while the object is free, then padding up to the
 * alignment.  The first object comes after the header, aligned.
 */
static int
calculate_sizes(struct kmem_cache *s)
{
	unsigned int align = max(s->align, (unsigned int)ARCH_SLAB_MINALIGN);
	unsigned int size = ALIGN(s->object_size, (unsigned int)sizeof(void *));

	if (s->flags & SLAB_HWCACHE_ALIGN) {
		/* Small objects share a line: halves, quarters... */
		unsigned int ralign = CACHE_LINE_SIZE;

		while (s->object_size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	s->offset = 0;
	if (s->ctor) {
		s->offset = size;
		size += sizeof(void *);
	}
	s->align = align;
	s->size = ALIGN(size, align);
	s->obj_offset = ALIGN((unsigned int)sizeof(struct slab), align);
	return calculate_slab_order(s);
}

/* ---- per-node lists ------------------------------------------------------ */

static void
kmem_cache_node_init(struct kmem_cache_node *n)
{
	*n = (struct kmem_cache_node){ .list_lock = SPINLOCK_INIT };
	INIT_LIST_HEAD(&n->slabs_partial);
	INIT_LIST_HEAD(&n->slabs_full);
	INIT_LIST_HEAD(&n->slabs_free);
}

/* Move slab to the list its fill level calls for.  Caller holds list_lock. */
static void
slab_relist(struct kmem_cache *s, struct kmem_cache_node *n, struct slab *slab,
	    bool was_free)
{
	struct list_head *to = &n->slabs_partial;

	if (!slab->inuse)
		to = &n->slabs_free;
	else if (slab->inuse == s->num)
		to = &n->slabs_full;
	list_move(&slab->slab_list, to);
	if (was_free && slab->inuse)
		n->free_slabs--;
	else if (!was_free && !slab->inuse)
		n->free_slabs++;
}

/* Pop one object from a slab that has one.  Caller holds list_lock. */
static void *
slab_get_obj(struct kmem_cache *s, struct kmem_cache_node *n, struct slab *slab)
{
	void *obj = slab->freelist;
	bool was_free = !slab->inuse;

	slab->freelist = get_freepointer(s, obj);
	slab->inuse++;
	n->free_objects--;
	slab_relist(s, n, slab, was_free);
	return obj;
}

/* An object from node nid's slabs, without growing; NULL if none is free. */
static void *
cache_alloc_from_node(struct kmem_cache *s, int nid)
{
	struct kmem_cache_node *n = s->node[nid];
	struct slab *slab;
	unsigned long flags;
	void *obj = NULL;

	if (!n)
		return NULL;
	flags = spin_lock_irqsave(&n->list_lock);
	slab = list_first_entry_or_null(&n->slabs_partial, struct slab, slab_list);
	if (!slab)
		slab = list_first_entry_or_null(&n->slabs_free, struct slab,
						slab_list);
	if (slab)
		obj = slab_get_obj(s, n, slab);
	spin_unlock_irqrestore(&n->list_lock, flags);
	return obj;
}

/* ---- growing and shrinking ----------------------------------------------- */

/*
 * A new slab from the buddy allocator, its objects constructed and
 * chained in address order; put it on the lists of the node its pages
 * are on (whatever node was asked for) and, with take, take one object
 * from it under the same lock.  Without take: the slab, or NULL.
 */
void *
cache_grow(struct kmem_cache *s, gfp_t gfp, int nid, bool take)
{
	struct page *page = alloc_pages_node(nid, gfp, s->gfporder);
	struct kmem_cache_node *n;
	unsigned long flags;
	struct slab *slab;
	void *next = NULL;

	if (!page)
		return NULL;
	if (WARN_ON(!s->node[page_to_nid(page)])) {
		__free_pages(page, s->gfporder);
		return NULL;
	}
	for (unsigned long i = 0; i < (1UL << s->gfporder); i++) {
		page_set_flag(page + i, PG_slab);
		page[i].private = s->gfporder;
	}
	slab = page_address(page);
	slab->cache = s;
	slab->inuse = 0;
	slab->nid = page_to_nid(page);
	for (unsigned int i = s->num; i-- > 0;) {
		void *obj = index_to_obj(s, slab, i);

		if (s->ctor)
			s->ctor(obj);
		set_freepointer(s, obj, next);
		next = obj;
	}
	slab->freelist = next;

	n = s->node[slab->nid];
	flags = spin_lock_irqsave(&n->list_lock);
	list_add(&slab->slab_list, &n->slabs_free);
	n->total_slabs++;
	n->free_slabs++;
	n->free_objects += s->num;
	next = take ? slab_get_obj(s, n, slab) : slab;
	spin_unlock_irqrestore(&n->list_lock, flags);
	return next;
}

/* Give the pages of a slab that is on no list back to the buddy allocator. */
static void
slab_destroy(struct kmem_cache *s, struct slab *slab)
{
	struct page *page = virt_to_page(slab);

	for (unsigned long i = 0; i < (1UL << s->gfporder); i++) {
		page_clear_flag(page + i, PG_slab);
		page[i].private = 0;
	}
	__free_pages(page, s->gfporder);
}

/* ---- the slow path: allocation ------------------------------------------- */

/*
 * Linux's ____cache_alloc_node() and fallback_alloc(): one object, from
 * nid if at all possible.  Walk nid's zonelist, nearest node first (nid
 * itself, if it has memory): grow a slab on nid, else take from a
 * partial slab of the next nearest node, and so on; if all that fails,
 * grow a slab wherever the buddy allocator finds pages.  A CPU of a
 * memoryless node skips straight to its neighbours.
 */
/* The slab's pages: the cache's zone; zeroing is per object. */
gfp_t
slab_page_gfp(const struct kmem_cache *s, gfp_t gfp)
{
	return (gfp & ~(GFP_ZONEMASK | __GFP_ZERO | __GFP_THISNODE)) |
	       s->allocflags;
}

void *
cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int nid)
{
	struct zonelist *zl = &NODE_DATA(nid)->node_zonelists[ZONELIST_FALLBACK];
	struct zone *const *z = zl->zones;
	gfp_t page_gfp = slab_page_gfp(s, gfp);
	int last = -1;
	void *obj;

	obj = cache_alloc_from_node(s, nid);
	for (; !obj && *z; z++) {
		if ((*z)->idx > gfp_zone(s->allocflags) || (*z)->node == last)
			continue;
		last = (*z)->node;	/* a node's zones are adjacent */
		if (last == nid)
			obj = cache_grow(s, page_gfp | __GFP_THISNODE | __GFP_NOWARN,
					 nid, true);
		else if (gfp & __GFP_THISNODE)
			return NULL;	/* the caller wants nid or nothing */
		else
			obj = cache_alloc_from_node(s, last);
	}
	if (!obj && !(gfp & __GFP_THISNODE))
		obj = cache_grow(s, page_gfp, nid, true);
	return obj;
}

/*
 * Slab memory is unmovable kernel memory: __GFP_MOVABLE would put it in
 * ZONE_MOVABLE or CMA, which must stay emptiable.  And a cache's zone is
 * chosen once, at creation (SLAB_CACHE_DMA), because one slab serves many
 * callers.  Other zone modifiers are a caller's bug: say so, drop them.
 */
gfp_t
slab_fix_gfp(gfp_t gfp, gfp_t bad)
{
	pr_warn("slab: unexpected gfp %#x, using %#x: slab memory is never "
		"movable and its zone is the cache's\n", gfp, gfp & ~bad);
	dump_stack();
	return gfp & ~bad;
}

/*
 * Refill this CPU's empty array with up to batchcount objects of its
 * node, in one round trip under the node's lock (Linux's
 * cache_alloc_refill()).  Interrupts are off.  How many did it get?
 */
unsigned int
cache_alloc_refill(struct kmem_cache *s, struct array_cache *ac)
{
	struct kmem_cache_node *n = s->node[ac->nid];
	struct slab *slab;

	spin_lock(&n->list_lock);
	while (ac->avail < ac->batchcount) {
		slab = list_first_entry_or_null(&n->slabs_partial, struct slab,
						slab_list);
		if (!slab)
			slab = list_first_entry_or_null(&n->slabs_free,
							struct slab, slab_list);
		if (!slab)
			break;
		while (slab->freelist && ac->avail < ac->batchcount)
			ac->entry[ac->avail++] = slab_get_obj(s, n, slab);
	}
	spin_unlock(&n->list_lock);
	return ac->avail;
}

/* ---- the slow path: freeing ---------------------------------------------- */

/*
 * Is obj already on the slab's free list?  1 yes, 0 no, -1 if the walk
 * meets a pointer that is no object of this slab, or more free objects
 * than the slab can have (a use after free overwrote a free pointer).
 * At most s->num steps: cheap enough to do on every free.
 */
static int
freelist_contains(const struct kmem_cache *s, const struct slab *slab,
		  const void *obj, void **bad)
{
	unsigned int left = s->num - slab->inuse;

	for (void *p = slab->freelist; p; p = get_freepointer(s, p)) {
		if (obj_to_index(s, slab, p) < 0 || !left--) {
			*bad = p;
			return -1;
		}
		if (p == obj)
			return 1;
	}
	return 0;
}

void
report_double_free(struct kmem_cache *s, struct slab *slab, void *obj,
		   const char *fn)
{
	slab_bug(KERN_ERR "BUG: %s: double free of %p in cache %s (object %ld "
		 "of slab %p is already free); ignored\n", fn, obj, s->name,
		 obj_to_index(s, slab, obj), slab);
}

/*
 * Give n objects of node nid back to their slabs, under the node's lock
 * (Linux's free_block()).  An emptied slab goes back to the buddy
 * allocator, after the lock, unless the node keeps it as its spare.  A
 * double free (or a free list a use after free overwrote) is reported
 * and that object skipped.  Interrupts are off.
 */
void
free_block(struct kmem_cache *s, void *const *objs, unsigned int nr, int nid,
	   const char *fn)
{
	struct kmem_cache_node *n = s->node[nid];
	LIST_HEAD(to_destroy);
	struct slab *slab, *tmp;

	spin_lock(&n->list_lock);
	for (unsigned int i = 0; i < nr; i++) {
		void *obj = objs[i], *bad = NULL;
		int found;

		slab = (struct slab *)ALIGN_DOWN((unsigned long)obj,
						 slab_bytes(s->gfporder));
		found = freelist_contains(s, slab, obj, &bad);
		if (found > 0) {
			report_double_free(s, slab, obj, fn);
			continue;
		}
		if (found < 0) {
			slab_bug(KERN_ERR "BUG: %s: free list of slab %p in cache "
				 "%s is corrupt at %p (use after free?); %p not "
				 "freed\n", fn, slab, s->name, bad, obj);
			continue;
		}
		set_freepointer(s, obj, slab->freelist);
		slab->freelist = obj;
		slab->inuse--;
		n->free_objects++;
		if (!slab->inuse && n->free_slabs >= SLAB_FREE_LIMIT) {
			/* The node has its spare: back to the buddy allocator. */
			list_move(&slab->slab_list, &to_destroy);
			n->total_slabs--;
			n->free_objects -= s->num;
		} else {
			slab_relist(s, n, slab, false);
		}
	}
	spin_unlock(&n->list_lock);
	list_for_each_entry_safe(slab, tmp, &to_destroy, slab_list)
		slab_destroy(s, slab);
}

struct slab *
obj_to_slab(const void *x, const char *fn)
{
	struct page *page = slab_addr_to_page(x);
	struct slab *slab;

	if (!page || !PageSlab(page)) {
		slab_bug(KERN_ERR "BUG: %s: %p is not in any slab (pfn %#lx, page "
			 "flags %#lx%s); ignored\n", fn, x, PFN_DOWN(__pa(x)),
			 page ? page->flags : 0UL,
			 page_is_large_kmalloc(page) ? ": a page-backed kmalloc" : "");
		return NULL;
	}
	slab = (struct slab *)ALIGN_DOWN((unsigned long)x,
					 slab_bytes(page->private));
	if (obj_to_index(slab->cache, slab, x) < 0) {
		slab_bug(KERN_ERR "BUG: %s: %p is not at an object boundary in "
			 "cache %s (slab %p, %u-byte slots from %p); ignored\n",
			 fn, x, slab->cache->name, slab, slab->cache->size,
			 index_to_obj(slab->cache, slab, 0));
		return NULL;
	}
	return slab;
}

/* Not an object of s: say what it is instead. */
static void __attribute__((noinline))
kmem_cache_free_bad(struct kmem_cache *s, void *obj)
{
	struct slab *slab = obj_to_slab(obj, "kmem_cache_free");

	if (slab)
		slab_bug(KERN_ERR "BUG: kmem_cache_free: %p belongs to cache %s, "
			 "not %s; ignored\n", obj, slab->cache->name,
			 s ? s->name : "(null)");
}

void
kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct slab *slab;

	if (!obj)
		return;
	slab = slab_of_obj(obj, slab_addr_to_page(obj));
	if (unlikely(!slab || slab->cache != s)) {
		kmem_cache_free_bad(s, obj);
		return;
	}
	slab_free(s, slab, obj, "kmem_cache_free");
}

/*
 * Give every node's spare empty slabs back to the buddy allocator (the
 * second half of kmem_cache_shrink(); mm/slab_cpucache.c drains the
 * arrays first).
 */
void
slab_release_free_slabs(struct kmem_cache *s)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = s->node[nid];
		LIST_HEAD(spare);
		struct slab *slab, *tmp;
		unsigned long flags;

		if (!n)
			continue;
		flags = spin_lock_irqsave(&n->list_lock);
		while (!list_empty(&n->slabs_free))
			list_move(n->slabs_free.next, &spare);
		n->total_slabs -= n->free_slabs;
		n->free_objects -= n->free_slabs * s->num;
		n->free_slabs = 0;
		spin_unlock_irqrestore(&n->list_lock, flags);
		list_for_each_entry_safe(slab, tmp, &spare, slab_list)
			slab_destroy(s, slab);
	}
}

/* ---- creating and destroying caches -------------------------------------- */

static void
free_kmem_cache_nodes(struct kmem_cache *s)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = s->node[nid];

		if (!n || s == kmem_cache_node)
			continue;
		s->node[nid] = NULL;
		while (!list_empty(&n->slabs_free)) {
			struct slab *slab = list_first_entry(&n->slabs_free,
							     struct slab, slab_list);

			list_del(&slab->slab_list);
			slab_destroy(s, slab);
		}
		kmem_cache_free(kmem_cache_node, n);
	}
}

/*
 * One kmem_cache_node per node that exists, memoryless ones included
 * (slabs are listed on the node of their pages, so theirs stay empty),
 * each allocated on its own node when it has memory.
 */
static int
init_kmem_cache_nodes(struct kmem_cache *s)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n;

		if (!NODE_DATA(nid))
			continue;
		if (s == kmem_cache_node)
			n = &kmem_cache_node_boot_nodes[nid];
		else
			n = kmem_cache_alloc_node(kmem_cache_node, GFP_KERNEL, nid);
		if (!n) {
			free_kmem_cache_nodes(s);
			return -1;
		}
		kmem_cache_node_init(n);
		s->node[nid] = n;
	}
	return 0;
}

/* Fill in a zeroed struct kmem_cache and make it live. */
static int
kmem_cache_open(struct kmem_cache *s, const char *name, unsigned int size,
		unsigned int align, slab_flags_t flags, void (*ctor)(void *))
{
	strscpy(s->name, name, sizeof(s->name));
	s->object_size = size;
	s->align = align;
	s->flags = flags;
	s->ctor = ctor;
	if (flags & SLAB_CACHE_DMA)
		s->allocflags |= __GFP_DMA;
	else if (flags & SLAB_CACHE_DMA32)
		s->allocflags |= __GFP_DMA32;
	if (flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;
	if (calculate_sizes(s) || init_kmem_cache_nodes(s))
		return -1;
	if (slab_state == UP && setup_cpu_cache(s)) {
		free_kmem_cache_nodes(s);
		return -1;
	}
	spin_lock(&slab_caches_lock);
	list_add_tail(&s->list, &slab_caches);
	spin_unlock(&slab_caches_lock);
	return 0;
}

struct kmem_cache *
kmem_cache_create(const char *name, unsigned int size, unsigned int align,
		  slab_flags_t flags, void (*ctor)(void *))
{
	const char *why = NULL;
	struct kmem_cache *s = NULL;

	if (slab_state < PARTIAL)
		why = "called before kmem_cache_init()";
	else if (!name || !size)
		why = "no name or zero size";
	else if (size > slab_bytes(MAX_ORDER - 1) / 2 ||
		 align > slab_bytes(MAX_ORDER - 1) / 2)
		why = "size or alignment above half the largest buddy block";
	else if (align & (align - 1))
		why = "alignment is not a power of two";
	else if (flags & ~SLAB_CREATE_MASK)
		why = "unknown flags";
	else if (!(s = kmem_cache_alloc(kmem_cache, GFP_KERNEL | __GFP_ZERO)) ||
		 kmem_cache_open(s, name, size, align, flags, ctor))
		why = "out of memory";
	if (!why)
		return s;
	if (s)
		kmem_cache_free(kmem_cache, s);
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create: cannot create cache %s: %s",
		      name ? name : "(null)", why);
	pr_err("kmem_cache_create(%s, %u, %u, %#x): %s\n", name ? name : "(null)",
	       size, align, flags, why);
	return NULL;
}

void
kmem_cache_destroy(struct kmem_cache *s)
{
	struct slabinfo info;

	if (!s)
		return;
	if (s->flags & SLAB_BOOT) {
		slab_bug(KERN_ERR "BUG: kmem_cache_destroy: %s is a boot cache; "
			 "refused\n", s->name);
		return;
	}
	spin_lock(&slab_caches_lock);
	get_slabinfo(s, &info);
	if (info.active_objs > info.cpu_cached) {
		spin_unlock(&slab_caches_lock);
		/* As Linux does: the cache and its objects stay, leaked. */
		slab_bug(KERN_ERR "BUG: kmem_cache_destroy %s: slab cache still "
			 "has %lu objects; not destroyed\n", s->name,
			 info.active_objs - info.cpu_cached);
		return;
	}
	list_del(&s->list);
	spin_unlock(&slab_caches_lock);
	release_cpu_caches(s);
	free_kmem_cache_nodes(s);
	kmem_cache_free(kmem_cache, s);
}

/* ---- boot ---------------------------------------------------------------- */

/* The two static caches first, then the kmalloc caches (mm/kmalloc.c). */
void
kmem_cache_init(void)
{
	struct kmem_cache *boot[] = { kmem_cache_node, kmem_cache };
	const char *const boot_names[] = { "kmem_cache_node", "kmem_cache" };
	const unsigned int boot_sizes[] = { sizeof(struct kmem_cache_node),
					    sizeof(struct kmem_cache) };

	for (unsigned int i = 0; i < ARRAY_SIZE(boot); i++) {
		if (kmem_cache_open(boot[i], boot_names[i], boot_sizes[i], 0,
				    SLAB_HWCACHE_ALIGN | SLAB_BOOT, NULL))
			panic("kmem_cache_init: cannot set up %s", boot_names[i]);
		slab_state = i ? PARTIAL : PARTIAL_NODE;
	}
	create_kmalloc_caches();
	slab_state = UP;
	cpucache_init_boot_caches();
}

/* ---- statistics ---------------------------------------------------------- */

/*
 * Objects sitting in per-CPU arrays are active to the node lists, as in
 * Linux; cpu_cached counts them (other CPUs' counts read on the fly).
 */
void
get_slabinfo(struct kmem_cache *s, struct slabinfo *info)
{
	unsigned long slabs = 0, free_slabs = 0, free_objects = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = s->node[nid];
		unsigned long flags;

		if (!n)
			continue;
		flags = spin_lock_irqsave(&n->list_lock);
		slabs += n->total_slabs;
		free_slabs += n->free_slabs;
		free_objects += n->free_objects;
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
	info->num_slabs = slabs;
	info->active_slabs = slabs - free_slabs;
	info->num_objs = slabs * s->num;
	info->active_objs = info->num_objs - free_objects;
	info->cpu_cached = cpucache_objects(s);
	info->objects_per_slab = s->num;
	info->cache_order = s->gfporder;
}

void
slab_for_each_cache(void (*fn)(struct kmem_cache *s, void *arg), void *arg)
{
	struct kmem_cache *s;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		fn(s, arg);
	spin_unlock(&slab_caches_lock);
}
