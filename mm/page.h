/*
 * mm/page.h - struct page: one small record for every page frame.
 *
 * Teaches: the kernel keeps a descriptor for each 4 KiB frame of RAM, in
 * one virtually contiguous array, the "memmap", at VMEMMAP_START (Linux's
 * SPARSEMEM_VMEMMAP).  So the descriptor of frame pfn is simply
 * vmemmap[pfn], and a descriptor's frame is its index: no lookups.  Only
 * the parts of the array that describe real memory are backed by pages
 * (mm/sparse.c), taken from the memory of the node they describe.
 *
 * The descriptor is kept to 32 bytes (Linux's is 64): a flags word that
 * also encodes the page's node and zone, a list node (free lists now, LRU
 * lists later), a private word (the buddy order of a free block) and a
 * reference count.  The reference count is changed only with atomic
 * instructions (page_ref_inc, page_ref_dec_and_test): two CPUs may drop
 * references to the same page at once, and exactly one of them must see
 * the count reach zero and free the page.  Later issues add their
 * meanings to the same fields, as Linux does with its unions: the flags
 * word has room for the last CPU and PID that touched the page (NUMA
 * balancing).
 *
 * Linux counterpart: include/linux/mm_types.h (struct page),
 * include/linux/page-flags.h, include/linux/mm.h (page_zone, page_to_nid).
 */
#ifndef PAGODA_MM_PAGE_H
#define PAGODA_MM_PAGE_H

#include "kernel/compiler.h"
#include "lib/list.h"
#include "mm/pgtable.h"

#define VMEMMAP_START	0xffffea0000000000UL	/* as in Linux */
#define MAX_PHYSMEM_BITS 46			/* 64 TiB of RAM at most */
#define MAX_NUMNODES	64
#define NODES_SHIFT	6

struct page {
	unsigned long flags;	/* PG_* bits, zone and node (below) */
	struct list_head lru;	/* free list, later LRU or slab list */
	u32 private;		/* free block: its buddy order */
	s32 _refcount;		/* users; 0 when free: use page_ref_*() */
};

/* Page flags: bit numbers in page->flags. */
enum pageflags {
	PG_reserved,		/* not managed by the buddy allocator */
	PG_buddy,		/* head of a free block in a free list */
	PG_slab,		/* part of a slab (mm/slab.c) */
	PG_head,		/* first page of a multi-page kmalloc */
	PG_cma,			/* lies in a CMA area */
	PG_hwpoison,		/* memory failure (later issue) */
	PG_pcp,			/* free, on a per-CPU page list (mm/page_alloc.c) */
	__NR_PAGEFLAGS,
};

/*
 * The top bits of flags: node id (6 bits) then zone index (3 bits).
 * Bits 16..47 stay free for NUMA balancing's last cpupid.
 */
#define NODES_PGSHIFT	(64 - NODES_SHIFT)
#define ZONES_SHIFT	3
#define ZONES_PGSHIFT	(NODES_PGSHIFT - ZONES_SHIFT)
#define ZONES_MASK	((1UL << ZONES_SHIFT) - 1)
#define NODES_MASK	((1UL << NODES_SHIFT) - 1)

BUILD_BUG_ON(sizeof(struct page) != 32);

static inline bool
page_test_flag(const struct page *page, enum pageflags f)
{
	return page->flags & (1UL << f);
}

static inline void
page_set_flag(struct page *page, enum pageflags f)
{
	page->flags |= 1UL << f;
}

static inline void
page_clear_flag(struct page *page, enum pageflags f)
{
	page->flags &= ~(1UL << f);
}

#define PageReserved(p)		page_test_flag(p, PG_reserved)
#define PageBuddy(p)		page_test_flag(p, PG_buddy)
#define PageSlab(p)		page_test_flag(p, PG_slab)
#define PageHead(p)		page_test_flag(p, PG_head)
#define PagePcp(p)		page_test_flag(p, PG_pcp)

/*
 * Reference counts.  Relaxed atomics are enough for the count itself:
 * whoever sees it drop to zero owns the page, and the free that follows
 * takes locks that order everything after it.  The decrement is a full
 * barrier on x86 anyway (lock xadd), so the caller's last stores to the
 * page are visible before anybody can allocate it again.
 * Linux counterpart: include/linux/page_ref.h, include/linux/mm.h
 * (get_page, put_page_testzero).
 */
static inline int
page_ref_count(const struct page *page)
{
	return __atomic_load_n(&page->_refcount, __ATOMIC_RELAXED);
}

#define page_count(page)	page_ref_count(page)

static inline void
set_page_count(struct page *page, int v)
{
	__atomic_store_n(&page->_refcount, v, __ATOMIC_RELAXED);
}

static inline void
page_ref_inc(struct page *page)
{
	__atomic_fetch_add(&page->_refcount, 1, __ATOMIC_RELAXED);
}

/* True for the one caller that dropped the last reference. */
static inline bool
page_ref_dec_and_test(struct page *page)
{
	return __atomic_sub_fetch(&page->_refcount, 1, __ATOMIC_ACQ_REL) == 0;
}

/* Take another reference to a page somebody already holds. */
static inline void
get_page(struct page *page)
{
	page_ref_inc(page);
}

static inline int
page_to_nid(const struct page *page)
{
	return (page->flags >> NODES_PGSHIFT) & NODES_MASK;
}

static inline unsigned int
page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline void
set_page_links(struct page *page, unsigned int zone, int nid)
{
	page->flags &= ~((NODES_MASK << NODES_PGSHIFT) |
			 (ZONES_MASK << ZONES_PGSHIFT));
	page->flags |= ((unsigned long)nid << NODES_PGSHIFT) |
		       ((unsigned long)zone << ZONES_PGSHIFT);
}

#define vmemmap		((struct page *)VMEMMAP_START)

static inline struct page *
pfn_to_page(unsigned long pfn)
{
	return vmemmap + pfn;
}

static inline unsigned long
page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - vmemmap);
}

static inline phys_addr_t
page_to_phys(const struct page *page)
{
	return (phys_addr_t)page_to_pfn(page) << PAGE_SHIFT;
}

static inline void *
page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

static inline struct page *
virt_to_page(const void *addr)
{
	return pfn_to_page(__pa(addr) >> PAGE_SHIFT);
}

static inline unsigned long
PFN_DOWN(phys_addr_t x)
{
	return x >> PAGE_SHIFT;
}

static inline unsigned long
PFN_UP(phys_addr_t x)
{
	return (x + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

static inline phys_addr_t
PFN_PHYS(unsigned long pfn)
{
	return (phys_addr_t)pfn << PAGE_SHIFT;
}

/* Is there a struct page for pfn?  (mm/sparse.c keeps the answer.) */
bool pfn_valid(unsigned long pfn);

#endif
