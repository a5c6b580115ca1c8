/*
 * arch/x86/tlb.h - invalidating cached translations on every CPU that may
 * hold them (TLB shootdown).
 *
 * Teaches: each CPU caches page-table translations in its own TLB, and
 * no CPU ever sees another's.  After a mapping is removed or weakened the
 * stale entry can survive in any TLB that might have cached it, so the
 * CPU that changed the table must make each of those CPUs invalidate it:
 * invlpg locally, an IPI elsewhere (see tlb.c).
 * Linux counterpart: arch/x86/include/asm/tlbflush.h, arch/x86/mm/tlb.c.
 */
#ifndef PAGODA_ARCH_X86_TLB_H
#define PAGODA_ARCH_X86_TLB_H

#include "kernel/cpumask.h"
#include "kernel/types.h"

/*
 * Beyond this many pages one full flush is cheaper than invlpg per page
 * (Linux's tlb_single_page_flush_ceiling, 33: a full flush costs about as
 * much as 33 invlpg, and refilling the TLB afterwards is cheap).
 */
#define TLB_FLUSH_ALL_CEILING	33

/* This CPU only. */
void local_flush_tlb_range(unsigned long start, unsigned long end);
void local_flush_tlb_all(void);

/*
 * Flush [start, end) on every online CPU of cpus that may cache it (this
 * one included if it is in cpus) and return when all have.  Must be
 * called with interrupts on (it waits for other CPUs).
 */
void flush_tlb_mask_range(const cpumask_t *cpus, unsigned long start,
			  unsigned long end);
/* Kernel mappings are global: every online CPU may cache them. */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

#endif
