/*
 * mm/pgtable_test.c - ktest suite "pgtable": the final address space.
 *
 * Teaches: each claim paging_init() makes is checked two ways: by walking
 * the page tables (what the tables say) and, for permissions, by actually
 * trying the forbidden access and catching the fault (what the CPU does).
 * Expected counts are recomputed from the e820 map with plain arithmetic,
 * independent of the mapping code.
 * Linux counterpart: the W+X check of arch/x86/mm/dump_pagetables.c
 * (CONFIG_DEBUG_WX) checks one of these claims at boot.
 */
#include "arch/x86/cpufeature.h"
#include "arch/x86/e820.h"
#include "arch/x86/processor.h"
#include "arch/x86/stack.h"
#include "kernel/errno.h"
#include "kernel/cpumask.h"
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/paging_init.h"

extern char _text[], _etext[], _srodata[], _erodata[], _sdata[], _end[];
extern char __bss_start[];
void start_kernel(u32 magic, u32 info);

#define PF_PROT		(1 << 0)
#define PF_WRITE	(1 << 1)
#define PF_INSTR	(1 << 4)

static const u8 rodata_object[64] = { 0xc3 };	/* a "ret", never run */
static u8 data_object[64] = { 0xc3 };
static u8 bss_object[64];

static void
walk(u64 va, struct pt_walk *w)
{
	pt_walk(read_cr3(), va, w);
}

static void
direct_map_2m_pages(struct ktest *t)
{
	struct pt_walk w;
	u64 pa = 64ULL << 20;	/* RAM on every harness machine */

	walk(PAGE_OFFSET + pa + 0x1234, &w);
	KT_ASSERT_TRUE(t, w.mapped);
	KT_EXPECT_EQ(t, w.page_size, PMD_SIZE);
	KT_EXPECT_EQ(t, w.phys, pa + 0x1234);
	KT_EXPECT_EQ(t, w.nlevels, 3);
	KT_EXPECT_TRUE(t, w.writable);
	KT_EXPECT_TRUE(t, w.nx);
	KT_EXPECT_FALSE(t, w.user);
}

/* First and last page of every RAM range translate to themselves. */
static void
direct_map_covers_ram(struct ktest *t)
{
	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 first = ALIGN(e->addr, PAGE_SIZE);
		u64 last = ALIGN_DOWN(e->addr + e->size, PAGE_SIZE) - PAGE_SIZE;
		struct pt_walk w;

		if (!e820_type_is_direct_mapped(e->type) || last < first)
			continue;
		walk(PAGE_OFFSET + first, &w);
		KT_EXPECT_TRUE(t, w.mapped);
		KT_EXPECT_EQ(t, w.phys, first);
		walk(PAGE_OFFSET + last, &w);
		KT_EXPECT_TRUE(t, w.mapped);
		KT_EXPECT_EQ(t, w.phys, last);
	}
}

/*
 * The maximal runs of direct-mapped memory, recomputed from the e820 map
 * here (not with paging_init's code) so the checks below stay a second,
 * independent computation.
 */
struct mem_run {
	u64 start, end;
};

static unsigned int
direct_map_runs(struct mem_run *runs, unsigned int max)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 s = ALIGN(e->addr, PAGE_SIZE);
		u64 end = ALIGN_DOWN(e->addr + e->size, PAGE_SIZE);

		if (!e820_type_is_direct_mapped(e->type) || end <= s)
			continue;
		if (n && runs[n - 1].end == s)
			runs[n - 1].end = end;
		else if (n < max)
			runs[n++] = (struct mem_run){ s, end };
	}
	return n;
}

static struct mem_run runs[E820_MAX_ENTRIES];

/*
 * Independent count: a piece [s, e) mapped with 2 MiB pages where aligned
 * takes 4 KiB pages up to the first 2 MiB boundary, 2 MiB pages between
 * the boundaries, and 4 KiB pages after the last one.  Each maximal run
 * of mapped memory is cut in up to three pieces by the read-only window
 * of the kernel's text and rodata alias.
 */
static void
count_piece(u64 s, u64 e, u64 *n2m, u64 *n4k)
{
	u64 lo = ALIGN(s, PMD_SIZE), hi = ALIGN_DOWN(e, PMD_SIZE);

	if (e <= s)
		return;
	if (hi > lo) {
		*n2m += (hi - lo) / PMD_SIZE;
		*n4k += (lo - s + e - hi) / PAGE_SIZE;
	} else {
		*n4k += (e - s) / PAGE_SIZE;
	}
}

/*
 * The same with 1 GiB pages allowed: whole aligned GiBs of a piece first,
 * then 2 MiB and 4 KiB pages for what lies before and after them.
 */
static void
count_piece_gb(u64 s, u64 e, u64 *n1g, u64 *n2m, u64 *n4k)
{
	u64 lo = ALIGN(s, PUD_SIZE), hi = ALIGN_DOWN(e, PUD_SIZE);

	if (e > s && hi > lo) {
		*n1g += (hi - lo) / PUD_SIZE;
		count_piece(s, lo, n2m, n4k);
		count_piece(hi, e, n2m, n4k);
	} else {
		count_piece(s, e, n2m, n4k);
	}
}

static void
direct_map_page_counts(struct ktest *t)
{
	u64 n1g = 0, n2m = 0, n4k = 0, bytes = 0;
	u64 ro_start = __pa(_text), ro_end = __pa(_erodata);
	unsigned int n = direct_map_runs(runs, ARRAY_SIZE(runs));

	for (unsigned int i = 0; i < n; i++) {
		u64 c1 = max(runs[i].start, min(ro_start, runs[i].end));
		u64 c2 = max(c1, min(ro_end, runs[i].end));
		u64 *big = direct_map.gbpages ? &n1g : NULL;

		bytes += runs[i].end - runs[i].start;
		if (big) {
			count_piece_gb(runs[i].start, c1, big, &n2m, &n4k);
			count_piece_gb(c1, c2, big, &n2m, &n4k);
			count_piece_gb(c2, runs[i].end, big, &n2m, &n4k);
		} else {
			count_piece(runs[i].start, c1, &n2m, &n4k);
			count_piece(c1, c2, &n2m, &n4k);
			count_piece(c2, runs[i].end, &n2m, &n4k);
		}
	}
	KT_EXPECT_EQ(t, direct_map.bytes, bytes);
	KT_EXPECT_EQ(t, direct_map.stats.pages_1g, n1g);
	KT_EXPECT_EQ(t, direct_map.stats.pages_2m, n2m);
	KT_EXPECT_EQ(t, direct_map.stats.pages_4k, n4k);
	/* Every page counted once: the three sizes add up to the bytes. */
	KT_EXPECT_EQ(t, n1g * PUD_SIZE + n2m * PMD_SIZE + n4k * PAGE_SIZE, bytes);
	KT_EXPECT_GT(t, direct_map.stats.tables, 0);
}

/*
 * The harness says how much RAM the machine has: all of it is mapped but
 * for fixed amounts (arch/x86/e820_test.c derives them): the legacy
 * window [640 KiB, 1 MiB), page 0, and what the firmware keeps (SeaBIOS
 * at most 320 KiB, OVMF at most 16 MiB), whatever the size of the
 * machine; the PCI hole moves RAM above 4 GiB and loses none.
 */
#define LEGACY_WINDOW		(0x100000ULL - 0xa0000ULL)
#define SEABIOS_KEEPS_MAX	((64ULL + 256) << 10)
#define OVMF_KEEPS_MAX		(16ULL << 20)

static void
direct_map_matches_machine(struct ktest *t)
{
	u64 expect = (u64)ktest_mem_mb << 20;
	u64 firmware = strcmp(ktest_boot, "kernel") && strcmp(ktest_boot, "bios")
		       ? OVMF_KEEPS_MAX : SEABIOS_KEEPS_MAX;

	if (!ktest_mem_mb)
		ktest_skip(t, "no ktest.mem_mb from the harness");
	KT_EXPECT_LE(t, direct_map.bytes, expect - LEGACY_WINDOW - PAGE_SIZE);
	KT_EXPECT_GE(t, direct_map.bytes,
		     expect - LEGACY_WINDOW - PAGE_SIZE - firmware);
}

static void
direct_map_above_4g(struct ktest *t)
{
	struct pt_walk w;
	u64 ram_above = 0, first = 0;

	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type == E820_TYPE_RAM && e->addr + e->size > (4ULL << 30)) {
			u64 s = max(e->addr, 4ULL << 30);

			if (!first)
				first = s;
			ram_above += e->addr + e->size - s;
		}
	}
	if (!ram_above)
		ktest_skip(t, "no RAM above 4 GiB on this machine");
	walk(PAGE_OFFSET + first, &w);
	KT_EXPECT_TRUE(t, w.mapped);
	KT_EXPECT_EQ(t, w.phys, first);
	KT_EXPECT_GE(t, direct_map.max_addr, first + PAGE_SIZE);
}

/*
 * With gbpages, every GiB-aligned GiB inside a run of mapped memory is one
 * 1 GiB page (the read-only kernel window lies in the first 2 MiB, which
 * is never part of a whole GiB starting at 0 because RAM has holes there).
 */
static void
gbpages_only_when_asked(struct ktest *t)
{
	u64 expect = 0, first = 0;
	unsigned int n = direct_map_runs(runs, ARRAY_SIZE(runs));
	struct pt_walk w;

	if (!direct_map.gbpages) {
		KT_EXPECT_EQ(t, direct_map.stats.pages_1g, 0);
		return;
	}
	KT_EXPECT_TRUE(t, boot_cpu_data.pdpe1gb);
	for (unsigned int i = 0; i < n; i++) {
		u64 lo = ALIGN(runs[i].start, PUD_SIZE);
		u64 hi = ALIGN_DOWN(runs[i].end, PUD_SIZE);

		if (hi > lo) {
			expect += (hi - lo) / PUD_SIZE;
			if (!first)
				first = lo;
		}
	}
	KT_EXPECT_EQ(t, direct_map.stats.pages_1g, expect);
	if (!expect)
		ktest_skip(t, "no whole aligned GiB of RAM on this machine");
	walk(PAGE_OFFSET + first + 12345, &w);
	KT_EXPECT_TRUE(t, w.mapped);
	KT_EXPECT_EQ(t, w.page_size, PUD_SIZE);
	KT_EXPECT_EQ(t, w.nlevels, 2);
	KT_EXPECT_EQ(t, w.phys, first + 12345);
}

static void
no_identity_map(struct ktest *t)
{
	struct fault_info fi;
	struct pt_walk w;

	walk(0, &w);
	KT_EXPECT_FALSE(t, w.mapped);
	KT_EXPECT_FAULT(t, probe_read_u8, NULL, 14, &fi);
	KT_EXPECT_EQ(t, fi.cr2, 0);
	KT_EXPECT_EQ(t, fi.error_code & (PF_PROT | PF_WRITE | PF_INSTR), 0);
	/* The kernel's own physical address is no longer a virtual one. */
	KT_EXPECT_FAULT(t, probe_read_u8, (void *)(unsigned long)__pa(_text),
			14, &fi);
	for (u64 va = 0; va < (1ULL << 47); va += 1ULL << 39) {
		walk(va, &w);
		KT_EXPECT_EQ(t, w.lv[0].entry & _PAGE_PRESENT, 0);
	}
}

static void
wx_text(struct ktest *t)
{
	struct fault_info fi;
	struct pt_walk w;
	void *text = (void *)start_kernel;
	u8 before = *(volatile u8 *)text;

	walk((u64)text, &w);
	KT_EXPECT_TRUE(t, w.mapped);
	KT_EXPECT_EQ(t, w.page_size, PAGE_SIZE);
	KT_EXPECT_FALSE(t, w.writable);
	KT_EXPECT_FALSE(t, w.nx);
	KT_EXPECT_FAULT(t, probe_write_u8, text, 14, &fi);
	KT_EXPECT_EQ(t, fi.cr2, (u64)text);
	KT_EXPECT_EQ(t, fi.error_code & (PF_PROT | PF_WRITE), PF_PROT | PF_WRITE);
	KT_EXPECT_EQ(t, *(volatile u8 *)text, before);
	/* The direct-map alias of text is read-only and not executable. */
	walk((u64)__va(__pa(text)), &w);
	KT_EXPECT_FALSE(t, w.writable);
	KT_EXPECT_TRUE(t, w.nx);
	KT_EXPECT_FAULT(t, probe_write_u8, __va(__pa(text)), 14, &fi);
}

static void
wx_rodata(struct ktest *t)
{
	struct fault_info fi;
	struct pt_walk w;
	void *ro = (void *)rodata_object;

	walk((u64)ro, &w);
	KT_EXPECT_FALSE(t, w.writable);
	KT_EXPECT_TRUE(t, w.nx);
	KT_EXPECT_FAULT(t, probe_write_u8, ro, 14, &fi);
	KT_EXPECT_FAULT(t, probe_exec, ro, 14, &fi);
	KT_EXPECT_EQ(t, fi.error_code & PF_INSTR, PF_INSTR);
	KT_EXPECT_EQ(t, fi.cr2, (u64)ro);
	KT_EXPECT_NO_FAULT(t, probe_read_u8, ro, &fi);
}

static void
wx_data_and_bss(struct ktest *t)
{
	void *objs[2] = { data_object, bss_object };
	struct fault_info fi;
	struct pt_walk w;

	for (int i = 0; i < 2; i++) {
		walk((u64)objs[i], &w);
		KT_EXPECT_TRUE(t, w.writable);
		KT_EXPECT_TRUE(t, w.nx);
		KT_EXPECT_NO_FAULT(t, probe_write_u8, objs[i], &fi);
		KT_EXPECT_FAULT(t, probe_exec, objs[i], 14, &fi);
		KT_EXPECT_EQ(t, fi.error_code & PF_INSTR, PF_INSTR);
		KT_EXPECT_EQ(t, fi.rip, (u64)objs[i]);
	}
	/* The direct map is data too: never executable. */
	KT_EXPECT_FAULT(t, probe_exec, __va(64ULL << 20), 14, &fi);
}

/* Every 4 KiB page of the image: never writable and executable at once. */
static void
wx_whole_image(struct ktest *t)
{
	unsigned int bad = 0;

	for (u64 va = (u64)_text; va < (u64)_end; va += PAGE_SIZE) {
		struct pt_walk w;

		walk(va, &w);
		if (w.mapped && w.writable && !w.nx)
			bad++;
	}
	KT_EXPECT_EQ(t, bad, 0);
}

static void
stack_guard_pages(struct ktest *t)
{
	struct fault_info fi;
	struct pt_walk w;

	/* Each online CPU: its kernel stack and its IST stacks. */
	KT_EXPECT_EQ(t, kstack_count(), (1 + IST_COUNT) * num_online_cpus());
	for (unsigned int i = 0; i < kstack_count(); i++) {
		const struct kstack *s = kstack_get(i);

		KT_EXPECT_EQ(t, s->bottom, s->guard + PAGE_SIZE);
		walk(s->guard, &w);
		KT_EXPECT_FALSE(t, w.mapped);
		KT_EXPECT_FAULT(t, probe_read_u8, (void *)(s->guard + 100), 14, &fi);
		KT_EXPECT_EQ(t, fi.cr2, s->guard + 100);
		walk(s->bottom, &w);
		KT_EXPECT_TRUE(t, w.mapped);
		walk(s->top - 1, &w);
		KT_EXPECT_TRUE(t, w.mapped);
	}
}

static void
control_registers(struct ktest *t)
{
	KT_EXPECT_TRUE(t, read_cr0() & X86_CR0_WP);
	KT_EXPECT_TRUE(t, rdmsr(MSR_EFER) & EFER_NXE);
	KT_EXPECT_EQ(t, !!(read_cr4() & X86_CR4_SMEP), cpu_smep_enabled);
	KT_EXPECT_EQ(t, !!(read_cr4() & X86_CR4_SMAP), cpu_smap_enabled);
	/* The harness runs -cpu max, which has both. */
	KT_EXPECT_EQ(t, cpu_smep_enabled, boot_cpu_data.smep);
	KT_EXPECT_EQ(t, cpu_smap_enabled, boot_cpu_data.smap);
	KT_EXPECT_EQ(t, read_cr3() & PTE_PFN_MASK, init_pgd_phys);
}

static void
walk_reports_every_level(struct ktest *t)
{
	struct pt_walk w;
	u64 va = (u64)start_kernel;

	walk(va, &w);
	KT_ASSERT_EQ(t, w.nlevels, 4);
	KT_EXPECT_EQ(t, w.lv[0].index, pgd_index(va));
	KT_EXPECT_EQ(t, w.lv[1].index, pud_index(va));
	KT_EXPECT_EQ(t, w.lv[2].index, pmd_index(va));
	KT_EXPECT_EQ(t, w.lv[3].index, pte_index(va));
	KT_EXPECT_EQ(t, w.phys, __pa((void *)va));
	KT_EXPECT_EQ(t, pte_phys(w.lv[0].entry), pte_phys(w.lv[1].table));
	KT_EXPECT_EQ(t, pt_walk(read_cr3(), 0x0000800000000000ULL, &w), -EINVAL);
	walk(va, &w);
	pt_walk_print(&w);
}

KTEST_SUITE(pgtable,
	KTEST_CASE(direct_map_2m_pages),
	KTEST_CASE(direct_map_covers_ram),
	KTEST_CASE(direct_map_page_counts),
	KTEST_CASE(direct_map_matches_machine),
	KTEST_CASE(direct_map_above_4g),
	KTEST_CASE(gbpages_only_when_asked),
	KTEST_CASE(no_identity_map),
	KTEST_CASE(wx_text),
	KTEST_CASE(wx_rodata),
	KTEST_CASE(wx_data_and_bss),
	KTEST_CASE(wx_whole_image),
	KTEST_CASE(stack_guard_pages),
	KTEST_CASE(control_registers),
	KTEST_CASE(walk_reports_every_level));
