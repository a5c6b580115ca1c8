/*
 * mm/movable.c - where ZONE_MOVABLE starts on each node (kernelcore=).
 *
 * Teaches: `kernelcore=N` says how much memory must stay usable by the
 * kernel; the rest of the memory of the zone Movable is carved from
 * becomes ZONE_MOVABLE.  Linux's rule, implemented here as a pure
 * function so it can be tested on the host with hand-made machines:
 *
 *  - the request is spread evenly over the nodes that have memory;
 *  - memory below the zone Movable is carved from (say, DMA32 when
 *    Movable comes out of Normal) is kernel memory anyway and counts
 *    towards the node's share;
 *  - a node too small for its share takes what it has, and the loop
 *    runs again with one node fewer, spreading what is left over;
 *  - finally each node's start is rounded up to a MAX_ORDER block
 *    (4 MiB), and a node whose start falls past its end has no
 *    Movable zone.
 *
 * Before that, the two options become one number of kernel pages
 * (kernelcore_pages): percentages are taken of all memory; movablecore
 * is rounded up to a MAX_ORDER block (so that ZONE_MOVABLE is at least
 * what was asked) and whatever it leaves over is the kernel's, unless
 * kernelcore asks for more.
 *
 * Linux counterpart: mm/mm_init.c (find_zone_movable_pfns_for_nodes,
 * cmdline_parse_core).
 */
#include "mm/mm_init.h"

#include "kernel/errno.h"
#include "kernel/printk.h"
#include "lib/kstrtox.h"
#include "lib/string.h"

int
parse_core_request(const char *val, struct core_request *req)
{
	size_t len = val ? strlen(val) : 0;
	unsigned long long v;
	int err;

	/*
	 * Silent: kernel/params.c reports a refused value once, with the
	 * valid values registered beside the parameter ("kernelcore: 150%
	 * is out of range (valid: ...)" for -ERANGE, "Malformed value ..."
	 * for -EINVAL).
	 */
	if (!len)
		return -EINVAL;
	if (val[len - 1] == '%') {
		char num[24];

		if (len - 1 >= sizeof(num) || len == 1) {
			err = -EINVAL;
		} else {
			memcpy(num, val, len - 1);
			num[len - 1] = '\0';
			err = kstrtoull(num, 10, &v);
		}
		if (err == -ERANGE || (!err && v > 100))
			return -ERANGE;
		if (err)
			return -EINVAL;
		req->percent = v;
		return 0;
	}
	err = parse_size(val, &v);
	if (err)
		return err == -ERANGE ? -ERANGE : -EINVAL;
	req->pages = v >> PAGE_SHIFT;
	req->percent = 0;	/* the later option wins, as in Linux */
	return 0;
}

unsigned long
kernelcore_pages(unsigned long total, const struct core_request *kernelcore,
		 const struct core_request *movablecore, unsigned long *movable)
{
	unsigned long kc = kernelcore->pages, mc = movablecore->pages;

	if (kernelcore->percent)
		kc = total * kernelcore->percent / 100;
	if (movablecore->percent)
		mc = total * movablecore->percent / 100;
	if (mc) {
		/* At least what was asked: whole MAX_ORDER blocks. */
		mc = min(ALIGN(mc, MAX_ORDER_NR_PAGES), total);
		kc = max(kc, total - mc);
	}
	*movable = mc;
	return kc;
}

void
find_zone_movable_pfns(const struct pfn_range *ranges, int nr_ranges,
		       unsigned long usable_startpfn, unsigned long kernelcore,
		       int nr_nodes, unsigned long *zone_movable)
{
	unsigned long required = kernelcore;
	int usable_nodes = 0;

	for (int nid = 0; nid < nr_nodes; nid++)
		for (int i = 0; i < nr_ranges; i++)
			if (ranges[i].nid == nid) {
				usable_nodes++;
				break;
			}
	if (!usable_nodes)
		return;

	while (usable_nodes) {
		unsigned long per_node = required / usable_nodes;

		for (int nid = 0; nid < nr_nodes; nid++) {
			unsigned long remaining;

			/* A node share larger than what is left: re-split. */
			if (required < per_node)
				per_node = required / usable_nodes;
			remaining = per_node;
			/*
			 * Every range is looked at even when the share is used
			 * up: a range above usable_startpfn then gets a Movable
			 * start at its beginning (size 0 below), never below it.
			 */
			for (int i = 0; i < nr_ranges; i++) {
				unsigned long start, end = ranges[i].end, size;

				if (ranges[i].nid != nid)
					continue;
				start = max(ranges[i].start, zone_movable[nid]);
				if (start >= end)
					continue;
				/* Below the movable-able zone: kernel memory anyway. */
				if (start < usable_startpfn) {
					unsigned long kpages = min(end, usable_startpfn) - start;

					remaining -= min(kpages, remaining);
					required -= min(kpages, required);
					if (end <= usable_startpfn) {
						zone_movable[nid] = end;
						continue;
					}
					start = usable_startpfn;
				}
				size = min(end - start, remaining);
				zone_movable[nid] = start + size;
				required -= min(required, size);
				remaining -= size;
				if (!remaining)
					break;
			}
		}
		/* Nodes too small for their share leave some over: again. */
		usable_nodes--;
		if (!usable_nodes || required <= (unsigned long)usable_nodes)
			break;
	}

	for (int nid = 0; nid < nr_nodes; nid++) {
		unsigned long node_end = 0;

		for (int i = 0; i < nr_ranges; i++)
			if (ranges[i].nid == nid)
				node_end = max(node_end, ranges[i].end);
		zone_movable[nid] = ALIGN(zone_movable[nid], MAX_ORDER_NR_PAGES);
		if (zone_movable[nid] >= node_end)
			zone_movable[nid] = 0;
	}
}


/*
 * movable_node: which pages of which node become ZONE_MOVABLE, given the
 * hot-pluggable ranges of SRAT.  Linux's rule:
 *
 *  - only RAM counts: a hot-pluggable range is intersected with each
 *    node's memory, and a range with no RAM in it (QEMU's device-memory
 *    window, waiting for DIMMs) changes nothing;
 *  - a node whose memory the kernel already uses when NUMA is set up
 *    (the kernel image, the loader's data, early allocations) keeps all
 *    of its memory in the kernel zones: kernel pages cannot be migrated,
 *    so such a node could never be unplugged anyway;
 *  - otherwise ZONE_MOVABLE starts at the lowest hot-pluggable RAM of the
 *    node, rounded up to a MAX_ORDER block, and covers everything above
 *    it (Movable always lies above the kernel zones); a start at or past
 *    the node's end means no Movable zone.
 *
 * mem: the nodes' memory, hot: the hot-pluggable ranges (pfns),
 * kernel_node[nid]: the node holds memory the kernel uses.  The real test
 * in QEMU comes with memory hot-plug: at boot QEMU's hot-pluggable window
 * holds no RAM, so hotplug/movable_node only checks that nothing moves.
 *
 * Linux counterpart: mm/mm_init.c (find_zone_movable_pfns_for_nodes, its
 * movable_node branch), arch/x86/mm/numa.c (numa_clear_kernel_node_hotplug).
 */
void
movable_node_pfns(const struct pfn_range *mem, int nr_mem,
		  const struct pfn_range *hot, int nr_hot,
		  const bool *kernel_node, int nr_nodes,
		  unsigned long *zone_movable)
{
	for (int nid = 0; nid < nr_nodes; nid++) {
		unsigned long start = ~0UL, node_end = 0;

		for (int i = 0; i < nr_mem; i++) {
			if (mem[i].nid != nid)
				continue;
			node_end = max(node_end, mem[i].end);
			for (int h = 0; h < nr_hot && !kernel_node[nid]; h++) {
				unsigned long lo = max(mem[i].start, hot[h].start);
				unsigned long hi = min(mem[i].end, hot[h].end);

				if (lo < hi)
					start = min(start, lo);
			}
		}
		zone_movable[nid] = 0;
		if (start != ~0UL && ALIGN(start, MAX_ORDER_NR_PAGES) < node_end)
			zone_movable[nid] = ALIGN(start, MAX_ORDER_NR_PAGES);
	}
}
