/*
 * mm/vmscan.h - kswapd, the per-node background reclaim thread.
 * Linux counterpart: include/linux/swap.h (kswapd_run), mm/vmscan.c.
 */
#ifndef PAGODA_MM_VMSCAN_H
#define PAGODA_MM_VMSCAN_H

#include "kernel/types.h"

/* One kswapd thread per node with memory (from kernel_init). */
void kswapd_init(void);
/* The allocator found a zone of nid below its low watermark. */
void kswapd_wake(int nid);

struct kswapd_stats {
	bool running;			/* the thread exists */
	unsigned long wakeups;		/* kswapd_wake() calls */
	unsigned long runs;		/* times the thread woke and ran */
	unsigned int cpu;		/* where it last ran */
};
void kswapd_get_stats(int nid, struct kswapd_stats *st);

#endif
