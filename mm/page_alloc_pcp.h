/*
 * mm/page_alloc_pcp.h - the two fast paths of the per-CPU page lists,
 * inline for mm/page_alloc.c: an order-0 allocation and an order-0 free
 * that find what they need on this CPU's list take no other lock and
 * call no other function.  What the lists are and the slow paths (refill,
 * give back, drain, sizes) are in mm/page_alloc_pcp.c.
 * Linux counterpart: mm/page_alloc.c (rmqueue_pcplist, free_unref_page).
 */
#ifndef PAGODA_MM_PAGE_ALLOC_PCP_H
#define PAGODA_MM_PAGE_ALLOC_PCP_H

#include "arch/x86/percpu.h"
#include "mm/page_alloc.h"

DECLARE_PER_CPU(struct per_cpu_pages *, pcp_area);

/* Refill list with up to count pages; interrupts off.  Returns how many. */
int rmqueue_bulk(struct zone *zone, int count, int mt, unsigned int alloc_flags,
		 struct list_head *list);
/* Give count pages back; pcp->lock held, interrupts off. */
void free_pcppages_bulk(struct zone *zone, int count,
		       struct per_cpu_pages *pcp);

/*
 * Only for zones with lists (zone->pcp_slot) and the migrate types of a
 * request.  A zone has a slot only once every CPU that can run (every
 * CPU with a per-CPU area) has its array, so this_cpu(pcp_area) is never
 * NULL here.
 */
static __always_inline struct page *
rmqueue_pcplist(struct zone *zone, int mt, unsigned int alloc_flags)
{
	unsigned long flags = local_irq_save();
	struct per_cpu_pages *pcp = this_cpu(pcp_area) + zone->pcp_slot;
	struct list_head *list = &pcp->lists[mt];
	struct page *page = NULL;

	arch_spin_lock_ticket(&pcp->lock);
	if (unlikely(list_empty(list))) {
		pcp->count += rmqueue_bulk(zone, pcp->batch, mt, alloc_flags,
					   list);
		if (list_empty(list))
			goto out;
	}
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	page_clear_flag(page, PG_pcp);
	pcp->count--;
out:
	arch_spin_unlock(&pcp->lock);
	local_irq_restore(flags);
	return page;
}

/* An order-0 page whose last reference is gone. */
static __always_inline void
free_unref_page(struct page *page)
{
	struct zone *zone = page_zone(page);
	int mt = zone_pageblock_migratetype(zone, page_to_pfn(page));
	struct per_cpu_pages *pcp;
	unsigned long flags;

	/* CMA, the atomic reserve, isolated blocks: mm/page_alloc_pcp.c. */
	if (mt >= MIGRATE_PCPTYPES || !zone->pcp_slot) {
		free_one_page(zone, page, 0, mt);
		return;
	}
	flags = local_irq_save();
	pcp = this_cpu(pcp_area) + zone->pcp_slot;
	arch_spin_lock_ticket(&pcp->lock);
	page_set_flag(page, PG_pcp);
	list_add(&page->lru, &pcp->lists[mt]);
	if (unlikely(++pcp->count > pcp->high))
		free_pcppages_bulk(zone, pcp->batch, pcp);
	arch_spin_unlock(&pcp->lock);
	local_irq_restore(flags);
}

#endif
