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

#include "kernel/ktest.h"
#include "lib/list.h"
#include "lib/string.h"

/*
 * Free every block on held (each linked by page->lru, its order in
 * page->private), clearing page->private, and leave held empty.
 */
void mm_ktest_free_held(struct list_head *held);

/*
 * Was this boot `qemu -kernel`?  Hand-worked figures hold for the map
 * SeaBIOS gives it; GRUB on SeaBIOS reserves one more page at the top of
 * low memory, and OVMF's map has holes of its own, so those boots are
 * checked against their own e820 map only.
 */
static inline bool
mm_ktest_qemu_kernel_boot(void)
{
	return !strcmp(ktest_boot, "kernel");
}

/* Does nid have memory GFP_KERNEL may use (a zone up to Normal)? */
bool mm_ktest_node_has_kernel_memory(int nid);

#endif /* PAGODA_MM_MM_KTEST_H */
