/*
 * arch/x86/tlb_test.c - ktest suite "tlb": after a shootdown, a removed
 * kernel mapping faults on every CPU at once.
 *
 * The experiment: map pages, make every CPU read through the mapping
 * (so each CPU's TLB holds the translation), clear the page-table
 * entries, shoot the range down, and make every CPU read again: each read
 * must fault (#PF, not-present, at that address) right away.  A CPU that
 * kept a stale TLB entry would read the old page instead.  Run for one
 * page (invlpg) and for more pages than TLB_FLUSH_ALL_CEILING (a full
 * flush), and check each other CPU counted exactly one shootdown (the
 * TLB row of /proc/interrupts).
 * Linux counterpart: none in-tree.
 */
#include "arch/x86/fault_catch.h"
#include "arch/x86/irq.h"
#include "arch/x86/tlb.h"
#include "kernel/ktest.h"
#include "kernel/smp.h"
#include "mm/gfp.h"
#include "mm/ioremap.h"
#include "mm/paging_init.h"
#include "mm/pgtable.h"
#include "mm/pgtable_ops.h"

struct tlb_probe {
	const u8 *va;
	unsigned int pages;
	u8 expect;			/* the first byte of every page */
	unsigned long read_ok[NR_CPUS];	/* pages read with the right value */
	unsigned long faulted[NR_CPUS];	/* pages that faulted at their va */
};

static void
probe_pages(void *info)
{
	struct tlb_probe *p = info;
	unsigned int cpu = smp_processor_id();

	for (unsigned int i = 0; i < p->pages; i++) {
		const u8 *va = p->va + i * PAGE_SIZE;
		struct fault_info f;

		if (fault_catch_call(probe_read_u8, (void *)va, &f)) {
			if (f.vector == 14 && f.cr2 == (u64)va)
				p->faulted[cpu]++;
		} else if (*va == p->expect) {
			p->read_ok[cpu]++;
		}
	}
}

/* Clear the 4 KiB kernel PTE behind va; false if it is not one. */
static bool
clear_kernel_pte(unsigned long va)
{
	struct pt_walk w;
	pteval_t *pte;

	if (pt_walk(init_pgd_phys, va, &w) || !w.mapped ||
	    w.page_size != PAGE_SIZE || w.lv[w.nlevels - 1].level != 1)
		return false;
	pte = (pteval_t *)__va(w.lv[w.nlevels - 1].table) +
	      w.lv[w.nlevels - 1].index;
	WRITE_ONCE(*pte, 0);
	return true;
}

static void
shootdown_case(struct ktest *t, unsigned int order, unsigned int pages)
{
	struct page *page = alloc_pages(GFP_KERNEL, order);
	static struct tlb_probe p;
	unsigned long tlb_before[NR_CPUS];
	unsigned int self = smp_processor_id(), cpu;

	KT_ASSERT_TRUE(t, page != NULL);
	for (unsigned int i = 0; i < pages; i++)
		*((u8 *)page_address(page) + i * PAGE_SIZE) = 0x5a;
	p = (struct tlb_probe){ .pages = pages, .expect = 0x5a };
	p.va = memremap_ro(page_to_phys(page), pages * PAGE_SIZE);
	KT_ASSERT_TRUE(t, p.va != NULL);

	/* 1. Every CPU caches the translations. */
	on_each_cpu(probe_pages, &p, true);
	for_each_online_cpu(cpu) {
		KT_EXPECT_EQ(t, p.read_ok[cpu], pages);
		p.read_ok[cpu] = 0;
		tlb_before[cpu] = per_cpu(irq_stat, cpu).irq_tlb_count;
	}
	/* 2. Remove the mappings and shoot them down. */
	for (unsigned int i = 0; i < pages; i++)
		KT_ASSERT_TRUE(t, clear_kernel_pte((unsigned long)p.va +
						   i * PAGE_SIZE));
	flush_tlb_kernel_range((unsigned long)p.va,
			       (unsigned long)p.va + pages * PAGE_SIZE);
	/* 3. Nobody may still read through them. */
	on_each_cpu(probe_pages, &p, true);
	for_each_online_cpu(cpu) {
		KT_EXPECT_EQ(t, p.faulted[cpu], pages);
		KT_EXPECT_EQ(t, p.read_ok[cpu], 0);
		KT_EXPECT_EQ(t, per_cpu(irq_stat, cpu).irq_tlb_count -
			     tlb_before[cpu], cpu == self ? 0 : 1);
	}
	__free_pages(page, order);
}

static void
one_page_shootdown_faults_on_every_cpu(struct ktest *t)
{
	shootdown_case(t, 0, 1);
}

static void
range_past_ceiling_faults_on_every_cpu(struct ktest *t)
{
	/* 40 pages > TLB_FLUSH_ALL_CEILING: the full-flush path. */
	shootdown_case(t, 6, 40);
}

KTEST_SUITE(tlb,
	    KTEST_CASE(one_page_shootdown_faults_on_every_cpu),
	    KTEST_CASE(range_past_ceiling_faults_on_every_cpu));
