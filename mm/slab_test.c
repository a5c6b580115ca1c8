/*
 * mm/slab_test.c - ktest suite "slab": kmalloc and object caches.
 *
 * Teaches: an allocator is tested on the live kernel by its promises.
 * Checked on the live allocator of whatever machine the harness booted:
 * every kmalloc size class hands out distinct, non-overlapping objects
 * (each filled with its own pattern, all verified after all are
 * allocated); ksize and the size classes; alignment (kmalloc-N aligned to
 * N for power-of-two N); large kmallocs are whole buddy blocks; objects
 * land on the node asked for, and memoryless nodes fall back; a custom
 * cache runs its constructor and keeps constructed state across frees;
 * freeing everything and destroying the cache gives every page back;
 * kzalloc zeroes; double frees and bad pointers are reported and ignored;
 * GFP_KERNEL slabs never come from ZONE_MOVABLE or ZONE_CMA; destroying
 * a cache drains its per-CPU arrays.  The arrays' own cases are in
 * mm/slab_cpucache_test.c.
 * Linux counterpart: lib/slub_kunit.c (SLUB's own KUnit tests).
 */
#include "kernel/ktest.h"
#include "mm/mm_ktest.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

size_t log_buf_copy(char *buf, size_t size);	/* kernel/printk.c */

#define MAX_OBJS	1100	/* two kmalloc-8 slabs and then some */

static void *objs[MAX_OBJS];
static char log_tail[4096];

static const unsigned int class_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};

/* Does the end of the kernel log contain s? */
static bool
log_contains(const char *s)
{
	log_buf_copy(log_tail, sizeof(log_tail));
	return strstr(log_tail, s) != NULL;
}

static int
nr_nodes(void)
{
	int n = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		n += !!NODE_DATA(nid);
	return n;
}

/*
 * Object i is filled with the 16-bit value i + 1 (objects are 8-byte
 * aligned multiples of 8 bytes, so the values line up across neighbours):
 * any two live objects that overlapped, or were the same, would show
 * each other's value.
 */
static void
fill(void *p, size_t size, unsigned int i)
{
	u16 *w = p;

	for (size_t k = 0; k < size / 2; k++)
		w[k] = (u16)(i + 1);
}

static bool
check(const void *p, size_t size, unsigned int i)
{
	const u16 *w = p;

	for (size_t k = 0; k < size / 2; k++)
		if (w[k] != (u16)(i + 1))
			return false;
	return true;
}

/*
 * Objects really in use: slabinfo's active objects include those parked
 * in per-CPU arrays (as Linux counts them), which nobody holds.
 */
static unsigned long
handed_out(const struct slabinfo *info)
{
	return info->active_objs - info->cpu_cached;
}

/* Enough objects of this class for more than two slabs. */
static unsigned int
objs_for(struct kmem_cache *s)
{
	struct slabinfo info;

	get_slabinfo(s, &info);
	return min(2 * info.objects_per_slab + 1, (unsigned int)MAX_OBJS);
}

static void
every_size_class_round_trip(struct ktest *t)
{
	for (unsigned int c = 0; c < ARRAY_SIZE(class_sizes); c++) {
		unsigned int size = class_sizes[c];
		struct kmem_cache *s = kmalloc_slab(size);
		struct slabinfo before, after;
		unsigned int n, bad = 0;

		KT_ASSERT_TRUE(t, s != NULL);
		n = objs_for(s);
		get_slabinfo(s, &before);
		for (unsigned int i = 0; i < n; i++) {
			objs[i] = kmalloc(size, GFP_KERNEL);
			KT_ASSERT_TRUE(t, objs[i] != NULL);
			fill(objs[i], size, i);
		}
		get_slabinfo(s, &after);
		KT_EXPECT_EQ(t, handed_out(&after), handed_out(&before) + n);
		KT_EXPECT_GE(t, after.num_slabs, 2);
		for (unsigned int i = 0; i < n; i++)
			bad += !check(objs[i], size, i);
		if (!KT_EXPECT_EQ(t, bad, 0))
			ktest_log(t, "kmalloc-%u: %u of %u objects overwritten",
				  size, bad, n);
		/* Free in an order unlike the allocation order. */
		for (unsigned int i = 0; i < n; i += 2)
			kfree(objs[i]);
		for (unsigned int i = 1; i < n; i += 2)
			kfree(objs[i]);
		get_slabinfo(s, &after);
		KT_EXPECT_EQ(t, handed_out(&after), handed_out(&before));
		/* At most one empty slab per node is kept. */
		KT_EXPECT_LE(t, after.num_slabs - after.active_slabs, nr_nodes());
	}
}

/* The smallest size class that holds size bytes. */
static unsigned int
expected_class(size_t size)
{
	for (unsigned int c = 0; c < ARRAY_SIZE(class_sizes); c++)
		if (class_sizes[c] >= size)
			return class_sizes[c];
	return 0;
}

static void
ksize_and_size_classes(struct ktest *t)
{
	static const size_t sizes[] = {
		1, 7, 8, 9, 16, 17, 33, 64, 65, 96, 97, 128, 129, 192, 193,
		256, 257, 500, 1000, 1025, 2047, 4000, 4097, 8191, 8192,
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t size = sizes[i];
		void *p = kmalloc(size, GFP_KERNEL);

		KT_ASSERT_TRUE(t, p != NULL);
		KT_EXPECT_GE(t, ksize(p), size);
		KT_EXPECT_EQ(t, ksize(p), expected_class(size));
		KT_EXPECT_EQ(t, kmalloc_slab(size)->object_size,
			     expected_class(size));
		memset(p, 0x5a, ksize(p));	/* all of ksize() is usable */
		kfree(p);
	}
	KT_EXPECT_TRUE(t, kmalloc_slab(8193) == NULL);
	KT_EXPECT_TRUE(t, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	KT_EXPECT_EQ(t, ksize(ZERO_SIZE_PTR), 0);
	KT_EXPECT_EQ(t, ksize(NULL), 0);
	kfree(NULL);			/* both no-ops, silently */
	kfree(ZERO_SIZE_PTR);
	KT_EXPECT_STREQ(t, kmalloc_slab(8)->name, "kmalloc-8");
	KT_EXPECT_STREQ(t, kmalloc_slab(96)->name, "kmalloc-96");
	KT_EXPECT_STREQ(t, kmalloc_slab(1024)->name, "kmalloc-1k");
	KT_EXPECT_STREQ(t, kmalloc_slab(8192)->name, "kmalloc-8k");
}

/*
 * kmalloc-N objects of a power-of-two N are aligned to N (Linux's
 * guarantee since 5.4); kmalloc-96 and kmalloc-192 to 32 and 64; every
 * object to at least 8.
 */
static void
kmalloc_alignment(struct ktest *t)
{
	for (unsigned int c = 0; c < ARRAY_SIZE(class_sizes); c++) {
		unsigned int size = class_sizes[c];
		unsigned long align = size & -size, misaligned = 0;
		unsigned int n = min(objs_for(kmalloc_slab(size)), 64u);

		for (unsigned int i = 0; i < n; i++) {
			objs[i] = kmalloc(size, GFP_KERNEL);
			KT_ASSERT_TRUE(t, objs[i] != NULL);
			misaligned += !IS_ALIGNED((unsigned long)objs[i], align);
		}
		if (!KT_EXPECT_EQ(t, misaligned, 0))
			ktest_log(t, "kmalloc-%u: objects not aligned to %lu",
				  size, align);
		for (unsigned int i = 0; i < n; i++)
			kfree(objs[i]);
	}
}

/* Above 8k: a buddy block of its own, PG_head, order in private. */
static void
large_kmalloc_is_page_backed(struct ktest *t)
{
	static const size_t sizes[] = { 8193, 64 << 10, 1 << 20 };
	void *dma;

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long before = global_free_pages();
		unsigned int order = 0;
		struct page *page;
		u8 *p;

		while (slab_bytes(order) < sizes[i])
			order++;
		p = kzalloc(sizes[i], GFP_KERNEL);
		KT_ASSERT_TRUE(t, p != NULL);
		page = virt_to_page(p);
		KT_EXPECT_TRUE(t, PageHead(page));
		KT_EXPECT_FALSE(t, PageSlab(page));
		KT_EXPECT_EQ(t, page->private, order);
		KT_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, slab_bytes(order)));
		KT_EXPECT_EQ(t, ksize(p), slab_bytes(order));
		KT_EXPECT_EQ(t, global_free_pages(), before - (1UL << order));
		KT_EXPECT_LE(t, page_zonenum(page), ZONE_NORMAL);
		KT_EXPECT_TRUE(t, p[0] == 0 && p[sizes[i] - 1] == 0);
		memset(p, 0xa5, ksize(p));
		kfree(p);
		KT_EXPECT_FALSE(t, PageHead(page));
		KT_EXPECT_EQ(t, global_free_pages(), before);
	}
	KT_EXPECT_TRUE(t, kmalloc(KMALLOC_MAX_SIZE + 1,
				  GFP_KERNEL | __GFP_NOWARN) == NULL);
	/* A GFP_DMA kmalloc is a page from ZONE_DMA (if there is one). */
	dma = kmalloc(100, GFP_DMA | __GFP_NOWARN);
	if (dma) {
		KT_EXPECT_EQ(t, page_zonenum(virt_to_page(dma)), ZONE_DMA);
		KT_EXPECT_TRUE(t, PageHead(virt_to_page(dma)));
		kfree(dma);
	}
}

/*
 * For every node with kernel memory, kmem_cache_alloc_node and
 * kmalloc_node land on it.  A node without (memoryless, or all Movable)
 * still gets objects, from a node that has memory, and __GFP_THISNODE
 * there fails instead.
 */
static void
node_local_placement(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_node", 128, 0, 0, NULL);
	int tested = 0;

	KT_ASSERT_TRUE(t, s != NULL);
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned int n = objs_for(s), wrong = 0;
		void *big;

		if (!NODE_DATA(nid))
			continue;
		for (unsigned int i = 0; i < n; i++) {
			objs[i] = kmem_cache_alloc_node(s, GFP_KERNEL, nid);
			KT_ASSERT_TRUE(t, objs[i] != NULL);
			if (mm_ktest_node_has_kernel_memory(nid))
				wrong += page_to_nid(virt_to_page(objs[i])) != nid;
			else
				wrong += !mm_ktest_node_has_kernel_memory(
					page_to_nid(virt_to_page(objs[i])));
		}
		if (!KT_EXPECT_EQ(t, wrong, 0))
			ktest_log(t, "node %d: %u of %u objects misplaced", nid,
				  wrong, n);
		for (unsigned int i = 0; i < n; i++)
			kmem_cache_free(s, objs[i]);

		if (!mm_ktest_node_has_kernel_memory(nid)) {
			KT_EXPECT_TRUE(t, kmem_cache_alloc_node(s, GFP_KERNEL |
					__GFP_THISNODE | __GFP_NOWARN, nid) == NULL);
			continue;
		}
		objs[0] = kmalloc_node(100, GFP_KERNEL, nid);
		big = kmalloc_node(64 << 10, GFP_KERNEL, nid);
		KT_ASSERT_TRUE(t, objs[0] != NULL && big != NULL);
		KT_EXPECT_EQ(t, page_to_nid(virt_to_page(objs[0])), nid);
		KT_EXPECT_EQ(t, page_to_nid(virt_to_page(big)), nid);
		kfree(objs[0]);
		kfree(big);
		tested++;
	}
	KT_EXPECT_GE(t, tested, 1);
	kmem_cache_destroy(s);
}

#define CTOR_MAGIC	0x5ab5ab5ab5ab5ab5ULL

struct ctor_obj {
	u64 magic;		/* set by the constructor, kept by users */
	u8 payload[92];
};

static unsigned long ctor_calls;

static void
ctor_obj_ctor(void *p)
{
	struct ctor_obj *o = p;

	o->magic = CTOR_MAGIC;
	memset(o->payload, 0x11, sizeof(o->payload));
	ctor_calls++;
}

/*
 * A custom cache: the constructor runs once per object when a slab is
 * made, not at each allocation, so constructed state survives a free
 * (the free pointer lives after the object).  Alignment is honoured,
 * SLAB_HWCACHE_ALIGN packs small objects into halves of a cache line.
 */
static void
custom_cache_ctor_and_align(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_ctor",
						 sizeof(struct ctor_obj), 64, 0,
						 ctor_obj_ctor);
	struct kmem_cache *hw = kmem_cache_create("slab_test_hwalign", 24, 0,
						  SLAB_HWCACHE_ALIGN, NULL);
	struct slabinfo info;
	struct ctor_obj *o, *again;
	unsigned int n, bad = 0;

	KT_ASSERT_TRUE(t, s != NULL && hw != NULL);
	ctor_calls = 0;
	o = kmem_cache_alloc(s, GFP_KERNEL);
	KT_ASSERT_TRUE(t, o != NULL);
	get_slabinfo(s, &info);
	KT_EXPECT_EQ(t, ctor_calls, info.objects_per_slab);
	KT_EXPECT_EQ(t, o->magic, CTOR_MAGIC);
	KT_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)o, 64));
	KT_EXPECT_EQ(t, ksize(o), sizeof(struct ctor_obj));
	o->payload[0] = 0x22;		/* a user's change, kept in the object */
	kmem_cache_free(s, o);
	again = kmem_cache_alloc(s, GFP_KERNEL);
	KT_EXPECT_TRUE(t, again == o);	/* LIFO: the slot just freed */
	KT_EXPECT_EQ(t, again->magic, CTOR_MAGIC);
	KT_EXPECT_EQ(t, again->payload[0], 0x22);
	kmem_cache_free(s, again);

	n = objs_for(s);
	for (unsigned int i = 0; i < n; i++) {
		o = objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KT_ASSERT_TRUE(t, o != NULL);
		bad += o->magic != CTOR_MAGIC || !IS_ALIGNED((unsigned long)o, 64);
	}
	KT_EXPECT_EQ(t, bad, 0);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);

	for (unsigned int i = 0; i < 16; i++) {
		objs[i] = kmem_cache_alloc(hw, GFP_KERNEL);
		KT_ASSERT_TRUE(t, objs[i] != NULL);
		KT_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)objs[i], 32));
	}
	for (unsigned int i = 0; i < 16; i++)
		kmem_cache_free(hw, objs[i]);
	kmem_cache_destroy(s);
	kmem_cache_destroy(hw);
	/* Creation errors are refused, not crashed on. */
	KT_EXPECT_TRUE(t, kmem_cache_create("slab_test_bad", 64, 48, 0, NULL) == NULL);
	KT_EXPECT_TRUE(t, kmem_cache_create("slab_test_bad", 0, 0, 0, NULL) == NULL);
}

/*
 * Allocate several slabs' worth on every node, free everything, destroy
 * the cache: the buddy allocator's free page count is back where it was.
 * (A first create/destroy warms the caches of struct kmem_cache and
 * struct kmem_cache_node, whose own slabs would otherwise be counted.)
 */
static void
free_everything_returns_pages(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_warm", 200, 0, 0, NULL);
	unsigned long before, during;
	unsigned int n = 0, per_node;
	struct slabinfo info;

	KT_ASSERT_TRUE(t, s != NULL);
	kmem_cache_destroy(s);
	before = global_free_pages();
	s = kmem_cache_create("slab_test_free", 200, 0, 0, NULL);
	KT_ASSERT_TRUE(t, s != NULL);
	per_node = 3 * objs_for(s) / 2;		/* three slabs and a bit */
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid))
			continue;
		for (unsigned int i = 0; i < per_node && n < MAX_OBJS; i++) {
			objs[n] = kmem_cache_alloc_node(s, GFP_KERNEL, nid);
			KT_ASSERT_TRUE(t, objs[n] != NULL);
			n++;
		}
	}
	during = global_free_pages();
	KT_EXPECT_LT(t, during, before);
	for (unsigned int i = n; i-- > 0;)
		kmem_cache_free(s, objs[i]);
	/* Freed here, the local node's objects wait in this CPU's array. */
	get_slabinfo(s, &info);
	KT_EXPECT_EQ(t, handed_out(&info), 0);
	KT_EXPECT_GT(t, info.cpu_cached, 0);
	kmem_cache_destroy(s);
	KT_EXPECT_EQ(t, global_free_pages(), before);
}

static void
kzalloc_zeroes(struct ktest *t)
{
	for (unsigned int c = 0; c < ARRAY_SIZE(class_sizes); c++) {
		unsigned int size = class_sizes[c], nonzero = 0;
		u8 *p = kmalloc(size, GFP_KERNEL);

		KT_ASSERT_TRUE(t, p != NULL);
		memset(p, 0xa5, size);	/* dirty the slot, give it back... */
		kfree(p);
		p = kzalloc(size, GFP_KERNEL);	/* ...and most likely get it again */
		KT_ASSERT_TRUE(t, p != NULL);
		for (unsigned int i = 0; i < size; i++)
			nonzero += p[i] != 0;
		KT_EXPECT_EQ(t, nonzero, 0);
		kfree(p);
	}
	KT_EXPECT_TRUE(t, kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL) == NULL);
}

static void
expect_unchanged(struct ktest *t, struct kmem_cache *s,
		 const struct slabinfo *a)
{
	struct slabinfo b;

	get_slabinfo(s, &b);
	KT_EXPECT_EQ(t, b.active_objs, a->active_objs);
	KT_EXPECT_EQ(t, b.num_objs, a->num_objs);
	KT_EXPECT_EQ(t, b.num_slabs, a->num_slabs);
}

/*
 * Bad frees print a "BUG: kfree: ..." line (and a backtrace) and change
 * nothing: the counters stay, and the object is not handed out twice.
 */
static void
bad_frees_reported_and_ignored(struct ktest *t)
{
	static u64 not_from_slab;
	struct kmem_cache *s = kmem_cache_create("slab_test_dfree", 64, 0, 0, NULL);
	struct slabinfo info;
	char want[128];
	u8 *a, *b, *x, *y, *big;

	KT_ASSERT_TRUE(t, s != NULL);
	ktest_log(t, "the BUG lines and backtraces below are expected");
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	KT_ASSERT_TRUE(t, a != NULL && b != NULL);
	kfree(a);
	get_slabinfo(s, &info);

	kfree(a);				/* double free */
	snprintf(want, sizeof(want), "BUG: kfree: double free of %p in cache "
		 "slab_test_dfree", a);
	KT_EXPECT_TRUE(t, log_contains(want));
	expect_unchanged(t, s, &info);
	kmem_cache_free(s, a);			/* again, by the other door */
	expect_unchanged(t, s, &info);

	kfree(b + 8);				/* inside an object */
	snprintf(want, sizeof(want), "BUG: kfree: %p is not at an object "
		 "boundary in cache slab_test_dfree", b + 8);
	KT_EXPECT_TRUE(t, log_contains(want));
	expect_unchanged(t, s, &info);

	kfree(&not_from_slab);			/* the kernel image */
	snprintf(want, sizeof(want), "BUG: kfree: %p is not in any slab",
		 (void *)&not_from_slab);
	KT_EXPECT_TRUE(t, log_contains(want));

	kmem_cache_free(kmalloc_slab(64), b);	/* the wrong cache */
	KT_EXPECT_TRUE(t, log_contains("belongs to cache slab_test_dfree, not "
				       "kmalloc-64"));
	expect_unchanged(t, s, &info);

	big = kmalloc(64 << 10, GFP_KERNEL);
	KT_ASSERT_TRUE(t, big != NULL);
	kfree(big + PAGE_SIZE);			/* inside a large kmalloc */
	KT_EXPECT_TRUE(t, PageHead(virt_to_page(big)));
	kfree(big);

	/* Nothing was acted upon: two allocations give two objects. */
	x = kmem_cache_alloc(s, GFP_KERNEL);
	y = kmem_cache_alloc(s, GFP_KERNEL);
	KT_EXPECT_TRUE(t, x != NULL && y != NULL && x != y && x != b && y != b);
	kmem_cache_free(s, x);
	kmem_cache_free(s, y);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
}

/*
 * kfree()'s fast path finds the slab from any page of it (each page knows
 * how far into its slab it starts), takes an object on a later page, and
 * still refuses a pointer inside one there; and a double free into an
 * empty per-CPU array is caught.  5000-byte objects by Linux's rule:
 * order 1 leaves 8192 - 40 - 5000 = 3152 bytes, more than an eighth of
 * the slab, so order 2, three objects (16384 - 40 - 3 * 5000 = 1344).
 */
static void
free_from_any_page_of_a_slab(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_pages", 5000, 0, 0,
						 NULL);
	struct slabinfo info;
	bool later_page = false;
	char want[128];
	u8 *o[6];

	KT_ASSERT_TRUE(t, s != NULL);
	for (unsigned int i = 0; i < ARRAY_SIZE(o); i++) {
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KT_ASSERT_TRUE(t, o[i] != NULL);
	}
	get_slabinfo(s, &info);
	KT_EXPECT_EQ(t, info.objects_per_slab, 3);
	KT_EXPECT_EQ(t, info.cache_order, 2);
	/* Two objects 5000 or 10000 bytes apart: the later is on page 1+. */
	for (unsigned int i = 0; i < ARRAY_SIZE(o); i++)
		for (unsigned int j = 0; j < ARRAY_SIZE(o); j++)
			later_page |= o[j] - o[i] == 5000 || o[j] - o[i] == 10000;
	KT_EXPECT_TRUE(t, later_page);

	ktest_log(t, "the BUG lines and backtraces below are expected");
	kmem_cache_shrink(s);			/* empty this CPU's array */
	for (unsigned int i = 0; i < ARRAY_SIZE(o); i++) {
		kfree(o[i] + PAGE_SIZE);	/* the next page, inside o[i] */
		snprintf(want, sizeof(want), "BUG: kfree: %p is not at an "
			 "object boundary in cache slab_test_pages",
			 o[i] + PAGE_SIZE);
		KT_EXPECT_TRUE(t, log_contains(want));
	}
	kfree(o[0]);
	kfree(o[0]);				/* double free */
	snprintf(want, sizeof(want), "BUG: kfree: double free of %p in cache "
		 "slab_test_pages", o[0]);
	KT_EXPECT_TRUE(t, log_contains(want));
	for (unsigned int i = 1; i < ARRAY_SIZE(o); i++)
		kfree(o[i]);
	/* All six in the array (limit 8 over a page), none given twice. */
	get_slabinfo(s, &info);
	KT_EXPECT_EQ(t, info.cpu_cached, ARRAY_SIZE(o));
	kmem_cache_destroy(s);
}

/* GFP_KERNEL stops at ZONE_NORMAL: no slab page is Movable or CMA. */
static void
kernel_slabs_never_movable(struct ktest *t)
{
	unsigned int n = 0, bad = 0;

	for (unsigned int c = 0; c < ARRAY_SIZE(class_sizes); c++) {
		for (unsigned int i = 0; i < 40 && n < MAX_OBJS; i++, n++) {
			objs[n] = kmalloc(class_sizes[c], GFP_KERNEL);
			KT_ASSERT_TRUE(t, objs[n] != NULL);
			bad += page_zonenum(virt_to_page(objs[n])) > ZONE_NORMAL;
		}
	}
	KT_EXPECT_EQ(t, bad, 0);
	while (n)
		kfree(objs[--n]);
}

/*
 * show_slabinfo() prints Linux SLAB's /proc/slabinfo layout, every cache
 * listed, per-CPU arrays' objects counted active as Linux counts them.
 */
static void
slabinfo_lists_caches(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_info", 40, 0, 0, NULL);
	char want[128];
	void *o;

	KT_ASSERT_TRUE(t, s != NULL);
	o = kmem_cache_alloc(s, GFP_KERNEL);
	show_slabinfo();
	KT_EXPECT_TRUE(t, log_contains("slabinfo - version: 2.1\n"));
	KT_EXPECT_TRUE(t, log_contains("# name            <active_objs> "
				       "<num_objs> <objsize> <objperslab> "
				       "<pagesperslab> : tunables <limit> "
				       "<batchcount> <sharedfactor> : slabdata "
				       "<active_slabs> <num_slabs> <sharedavail>\n"));
	KT_EXPECT_TRUE(t, log_contains("kmalloc-8k "));
	KT_EXPECT_TRUE(t, log_contains("kmem_cache_node "));
	/*
	 * 40-byte objects, 101 in a 1-page slab: the 40-byte header leaves
	 * 4056 bytes for objects.  Linux's limit for objects up to 256 bytes
	 * is 120, the batch (120 + 1) / 2 = 60: the first allocation grew
	 * one slab and moved 60 objects into this CPU's array, one of them
	 * handed out; all 60 count as active, as in Linux.  1 slab, active;
	 * no shared arrays (sharedfactor and sharedavail 0).
	 */
	snprintf(want, sizeof(want), "%-17s %6u %6u %6u %4u %4u : tunables "
		 "%4u %4u %4u : slabdata %6u %6u %6u\n", "slab_test_info", 60,
		 101, 40, 101, 1, 120, 60, 0, 1, 1, 0);
	KT_EXPECT_TRUE(t, log_contains(want));
	kmem_cache_free(s, o);
	kmem_cache_destroy(s);
}

/* The per-CPU arrays' cases live in mm/slab_cpucache_test.c. */
void cpucache_sizes_follow_linux(struct ktest *t);
void objects_from_every_cpu(struct ktest *t);
void tune_replaces_arrays_and_kicks(struct ktest *t);

KTEST_SUITE(slab,
	    KTEST_CASE(every_size_class_round_trip),
	    KTEST_CASE(ksize_and_size_classes),
	    KTEST_CASE(kmalloc_alignment),
	    KTEST_CASE(large_kmalloc_is_page_backed),
	    KTEST_CASE(node_local_placement),
	    KTEST_CASE(custom_cache_ctor_and_align),
	    KTEST_CASE(free_everything_returns_pages),
	    KTEST_CASE(kzalloc_zeroes),
	    KTEST_CASE(bad_frees_reported_and_ignored),
	    KTEST_CASE(free_from_any_page_of_a_slab),
	    KTEST_CASE(kernel_slabs_never_movable),
	    KTEST_CASE(slabinfo_lists_caches),
	    KTEST_CASE(cpucache_sizes_follow_linux),
	    KTEST_CASE(objects_from_every_cpu),
	    KTEST_CASE(tune_replaces_arrays_and_kicks));
