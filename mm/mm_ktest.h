/*
 * mm/mm_ktest.h - helpers shared by the memory manager's ktest suites.
 *
 * Teaches: a test that drives the allocator into a corner (a node
 * drained to its watermark, a zone with no free pageblock) must hold
 * what it took and give all of it back afterwards, or the next case
 * starts from a different machine.  The suites keep such blocks on a
 * list through page->lru, with each block's order in page->private.
 * Linux counterpart: none (mm/kunit tests keep their own lists).
 */
#ifndef PAGODA_MM_MM_KTEST_H
#define PAGODA_MM_MM_KTEST_H

#include "lib/list.h"

/*
 * Free every block on held (each linked by page->lru, its order in
 * page->private), clearing page->private, and leave held empty.
 */
void mm_ktest_free_held(struct list_head *held);

#endif /* PAGODA_MM_MM_KTEST_H */
