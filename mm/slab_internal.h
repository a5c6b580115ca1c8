/*
 * mm/slab_internal.h - what the cache core (mm/slab.c) shares with
 * kmalloc (mm/kmalloc.c), and nobody else needs.
 *
 * Teaches: kmalloc is built on top of the object caches, not beside them:
 * it needs only a way to find the slab or the page behind a pointer, to
 * free an object into its slab, and to report misuse the same way the
 * caches do.  Keeping these in an internal header keeps them out of the
 * public interface (mm/slab.h).
 * Linux counterpart: mm/slab.h (the internal half).
 */
#ifndef PAGODA_MM_SLAB_INTERNAL_H
#define PAGODA_MM_SLAB_INTERNAL_H

#include "mm/page.h"
#include "mm/slab.h"

#define SLAB_BOOT		0x00001000u	/* a boot cache: never destroyed */

/* The page of x, or NULL if no struct page describes it. */
struct page *slab_addr_to_page(const void *x);
/* Is this page the first of a page-backed kmalloc block? */
bool page_is_large_kmalloc(const struct page *page);
/* Say what is wrong, then where from (a stack trace). */
__printf(1, 2) void slab_bug(const char *fmt, ...);
/* Drop the zone modifiers bad from gfp, loudly: a caller's bug. */
gfp_t slab_fix_gfp(gfp_t gfp, gfp_t bad);
/* The slab of an object pointer; NULL after a BUG line if x is no object. */
struct slab *obj_to_slab(const void *x, const char *fn);
/* Give obj back to its slab; fn names the caller in BUG lines. */
void slab_free(struct kmem_cache *s, struct slab *slab, void *obj,
	       const char *fn);

/* kmem_cache_init(), once kmem_cache_create() works: kmalloc-8 ... 8k. */
void create_kmalloc_caches(void);

#endif
