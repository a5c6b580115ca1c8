/*
 * mm/mm_ktest.c - helpers shared by the memory manager's ktest suites.
 *
 * Teaches: see mm/mm_ktest.h; giving back what a test held is written
 * once so that every suite frees its blocks at the order they were
 * allocated with.
 * Linux counterpart: none.
 */
#include "mm/gfp.h"
#include "mm/mm_ktest.h"
#include "mm/page.h"

void
mm_ktest_free_held(struct list_head *held)
{
	struct page *page, *tmp;

	list_for_each_entry_safe(page, tmp, held, lru) {
		unsigned int order = page->private;

		list_del(&page->lru);
		page->private = 0;
		__free_pages(page, order);
	}
}

bool
mm_ktest_node_has_kernel_memory(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);

	if (!pgdat)
		return false;
	for (int z = 0; z <= ZONE_NORMAL; z++)
		if (pgdat->node_zones[z].managed_pages)
			return true;
	return false;
}
