/*
 * mm/kmalloc.c - kmalloc(): a set of object caches, one per size class.
 *
 * Teaches: a general-purpose allocator of any size built from fixed-size
 * caches (mm/slab.c).  A request is rounded up to the next size class -
 * 8, 16, 32, 64, 96, 128, 192, 256, 512, 1k, 2k, 4k, 8k bytes
 * (kmalloc_index() in mm/slab.h) - and served by the cache kmalloc-N of
 * that class; 96 and 192 exist because halfway sizes are common and a
 * power of two would waste a third.  Anything above 8k bytes is a buddy
 * block of its own, marked PG_head with its order in page->private, so
 * kfree() and ksize() tell the two kinds apart from the pointer alone.
 *
 * kmalloc-N objects of a power-of-two size N are aligned to N (Linux
 * guarantees it since 5.4); kmalloc-96 and kmalloc-192 to 32 and 64, the
 * largest powers of two that divide their sizes.
 *
 * Linux counterpart: mm/slab_common.c (kmalloc_caches,
 * create_kmalloc_caches, kmalloc_large, kfree, ksize).
 */
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/vsprintf.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "mm/slab_internal.h"

/* The kmalloc caches, by kmalloc_index() (mm/slab.h). */
struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];

struct kmem_cache *
kmalloc_slab(size_t size)
{
	if (!size || size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	return kmalloc_caches[kmalloc_index(size)];
}

/*
 * Whole pages: a buddy block, PG_head on its first page, the order in
 * its private.  The buddy allocator applies the node policy itself.
 */
static void *
kmalloc_large_node(size_t size, gfp_t gfp, int nid)
{
	unsigned int order = 0;
	struct page *page;

	if (size > KMALLOC_MAX_SIZE) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("kmalloc: %zu bytes is more than KMALLOC_MAX_SIZE "
				"(%lu)\n", size, KMALLOC_MAX_SIZE);
		return NULL;
	}
	while (slab_bytes(order) < size)
		order++;
	page = alloc_pages_node(nid, gfp, order);
	if (!page)
		return NULL;
	page_set_flag(page, PG_head);
	page->private = order;
	return page_address(page);
}

/*
 * Up to 8k bytes come from the size classes.  More, and GFP_DMA or
 * GFP_DMA32 requests of any size, get whole pages: Linux keeps a second
 * set of caches (kmalloc-dma-*) for the latter; here a DMA buffer simply
 * costs at least a page.
 */
static void * __attribute__((noinline))
kmalloc_node_other(size_t size, gfp_t gfp, int nid)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (gfp & __GFP_MOVABLE)
		gfp = slab_fix_gfp(gfp, __GFP_MOVABLE);
	if (size > KMALLOC_MAX_CACHE_SIZE || (gfp & (__GFP_DMA | __GFP_DMA32)))
		return kmalloc_large_node(size, gfp, nid);
	/*
	 * NULL until kmem_cache_init() has made the caches:
	 * kmem_cache_alloc_node() warns and returns NULL then.
	 */
	return kmem_cache_alloc_node(kmalloc_slab(size), gfp, nid);
}

/* The common case first, in few instructions; the rest above. */
void *
kmalloc_node(size_t size, gfp_t gfp, int nid)
{
	if (likely(size && size <= KMALLOC_MAX_CACHE_SIZE &&
		   !(gfp & (__GFP_DMA | __GFP_DMA32 | __GFP_MOVABLE))))
		return kmem_cache_alloc_node(kmalloc_caches[kmalloc_index(size)],
					     gfp, nid);
	return kmalloc_node_other(size, gfp, nid);
}

/* kfree() of anything but a slab object: a large block, or a bug. */
static void __attribute__((noinline))
kfree_other(const void *x, struct page *page)
{
	unsigned int order;

	if (page_is_large_kmalloc(page)) {
		if (x != page_address(page)) {
			slab_bug(KERN_ERR "BUG: kfree: %p is inside the kmalloc "
				 "block at %p, not its start; ignored\n", x,
				 page_address(page));
			return;
		}
		order = page->private;
		page_clear_flag(page, PG_head);
		page->private = 0;
		__free_pages(page, order);
		return;
	}
	obj_to_slab(x, "kfree");	/* says what is wrong with x */
}

void
kfree(const void *x)
{
	struct page *page;
	struct slab *slab;

	if (ZERO_OR_NULL_PTR(x))
		return;
	page = slab_addr_to_page(x);
	slab = slab_of_obj(x, page);
	if (likely(slab))
		slab_free(slab->cache, slab, (void *)x, "kfree");
	else
		kfree_other(x, page);
}

/* How many bytes the caller may really use (the object, or the pages). */
size_t
ksize(const void *x)
{
	struct page *page;
	struct slab *slab;

	if (ZERO_OR_NULL_PTR(x))
		return 0;
	page = slab_addr_to_page(x);
	if (page_is_large_kmalloc(page) && x == page_address(page))
		return slab_bytes(page->private);
	slab = obj_to_slab(x, "ksize");
	return slab ? slab->cache->object_size : 0;
}

/* The size classes in order: powers of two, plus 96 and 192. */
static unsigned int
kmalloc_size_next(unsigned int size)
{
	if (size == 64 || size == 128)
		return size + size / 2;		/* 96, 192 */
	if (size == 96 || size == 192)
		return size / 3 * 4;		/* back to 128, 256 */
	return size * 2;
}

void
create_kmalloc_caches(void)
{
	for (unsigned int size = KMALLOC_MIN_SIZE; size <= KMALLOC_MAX_CACHE_SIZE;
	     size = kmalloc_size_next(size)) {
		unsigned int i = kmalloc_index(size);
		char name[KMEM_CACHE_NAME_LEN];

		/* Linux's names: kmalloc-8 ... kmalloc-512, kmalloc-1k ... */
		if (size < 1024)
			snprintf(name, sizeof(name), "kmalloc-%u", size);
		else
			snprintf(name, sizeof(name), "kmalloc-%uk", size >> 10);
		kmalloc_caches[i] = kmem_cache_create(name, size, size & -size,
						      SLAB_PANIC, NULL);
		kmalloc_caches[i]->flags |= SLAB_BOOT;
	}
	pr_info("slab: kmalloc caches of %lu to %lu bytes, slabs of %u to %u "
		"pages\n", KMALLOC_MIN_SIZE, KMALLOC_MAX_CACHE_SIZE,
		1u << kmalloc_caches[KMALLOC_SHIFT_LOW]->gfporder,
		1u << kmalloc_caches[KMALLOC_SHIFT_HIGH]->gfporder);
}
