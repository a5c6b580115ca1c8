/*
 * mm/paging_init.c - build the kernel's own page tables and switch to them.
 *
 * Teaches: head32.S left us a crude map (the first 4 GiB three times, all
 * writable and executable).  Here the kernel builds the address space it
 * will keep, from the firmware memory map, and loads it into CR3:
 *
 *  - the direct map: every byte of RAM at PAGE_OFFSET + physical, with
 *    2 MiB pages wherever alignment allows (fewer TLB entries, fewer
 *    page-table pages), 4 KiB pages only at the unaligned edges, and
 *    1 GiB pages only with `gbpages` on a CPU that has them;
 *  - the kernel image at KERNEL_VMA + physical with 4 KiB pages and W^X:
 *    text read+execute, rodata read-only, data and bss read+write, never
 *    writable and executable at once.  The direct-map alias of text and
 *    rodata is read-only too, or W^X would have a back door;
 *  - the guard page under every kernel stack left unmapped;
 *  - nothing at all in the lower half: no identity map, so a NULL pointer
 *    dereference faults.
 *
 * Linux counterpart: arch/x86/mm/init.c (init_mem_mapping),
 * arch/x86/mm/init_64.c, arch/x86/mm/pat/set_memory.c (mark_rodata_ro).
 */
#include "mm/paging_init.h"

#include "arch/x86/cpufeature.h"
#include "arch/x86/e820.h"
#include "arch/x86/processor.h"
#include "arch/x86/stack.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "mm/memblock.h"

extern char _text[], _etext[], _srodata[], _erodata[], _sdata[], _end[];

struct direct_map_info direct_map;
pteval_t *init_pgd;
phys_addr_t init_pgd_phys;

static bool gbpages;
early_param_var("gbpages", gbpages, PARAM_BOOL,
		"use 1 GiB pages in the direct map if the CPU has them");

bool
e820_type_is_direct_mapped(u32 type)
{
	return type == E820_TYPE_RAM || type == E820_TYPE_ACPI ||
	       type == E820_TYPE_NVS;
}

static void
map_or_die(u64 va, phys_addr_t pa, u64 size, pteval_t prot,
	   unsigned int flags, struct pt_map_stats *st)
{
	int err = map_range(init_pgd, va, pa, size, prot, flags, st);

	if (err)
		panic("paging_init: cannot map %#llx-%#llx at %#llx (error %d)",
		      (unsigned long long)pa, (unsigned long long)(pa + size - 1),
		      (unsigned long long)va, err);
}

/* Map [start, end) of RAM, read-only where it overlaps [ro_start, ro_end). */
static void
map_direct_range(phys_addr_t start, phys_addr_t end, phys_addr_t ro_start,
		 phys_addr_t ro_end, unsigned int flags)
{
	struct pt_map_stats *st = &direct_map.stats;
	phys_addr_t cut1 = max(start, min(ro_start, end));
	phys_addr_t cut2 = max(cut1, min(ro_end, end));

	if (cut1 > start)
		map_or_die(PAGE_OFFSET + start, start, cut1 - start,
			   PAGE_KERNEL, flags, st);
	if (cut2 > cut1)
		map_or_die(PAGE_OFFSET + cut1, cut1, cut2 - cut1,
			   PAGE_KERNEL_RO, flags, st);
	if (end > cut2)
		map_or_die(PAGE_OFFSET + cut2, cut2, end - cut2,
			   PAGE_KERNEL, flags, st);
	direct_map.bytes += end - start;
	direct_map.max_addr = max(direct_map.max_addr, end);
}

static void
map_direct(void)
{
	phys_addr_t ro_start = __pa(_text), ro_end = __pa(_erodata);
	phys_addr_t run_start = 0, run_end = 0;
	unsigned int flags = MAP_ALLOW_2M;

	direct_map.gbpages = gbpages && boot_cpu_data.pdpe1gb;
	if (direct_map.gbpages)
		flags |= MAP_ALLOW_1G;
	else if (gbpages)
		pr_warn("gbpages: this CPU has no 1 GiB pages, using 2 MiB\n");

	/* Coalesce touching ranges so 2 MiB pages can span type borders. */
	for (unsigned int i = 0; i <= e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		phys_addr_t start = 0, end = 0;

		if (i < e820_table.nr_entries) {
			if (!e820_type_is_direct_mapped(e->type))
				continue;
			start = ALIGN(e->addr, PAGE_SIZE);
			end = ALIGN_DOWN(e->addr + e->size, PAGE_SIZE);
			if (end <= start)
				continue;
			if (start == run_end && run_end) {
				run_end = end;
				continue;
			}
		}
		if (run_end > run_start)
			map_direct_range(run_start, run_end, ro_start, ro_end,
					 flags);
		run_start = start;
		run_end = end;
	}
}

static bool
is_guard_page(unsigned long va)
{
	for (unsigned int i = 0; i < kstack_count(); i++)
		if (kstack_get(i)->guard == va)
			return true;
	return false;
}

static void
map_kernel_section(const char *start, const char *end, pteval_t prot)
{
	unsigned long va = (unsigned long)start;

	/* Page by page, to leave holes for guard pages in .bss. */
	for (; va < (unsigned long)end; va += PAGE_SIZE)
		if (!is_guard_page(va))
			map_or_die(va, __pa((void *)va), PAGE_SIZE, prot, 0, NULL);
}

void
paging_init(void)
{
	const struct pt_map_stats *st = &direct_map.stats;

	init_pgd = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	init_pgd_phys = __pa(init_pgd);

	map_direct();
	map_kernel_section(_text, _etext, PAGE_KERNEL_EXEC);
	map_kernel_section(_srodata, _erodata, PAGE_KERNEL_RO);
	map_kernel_section(_sdata, _end, PAGE_KERNEL);

	/* Global pages survive CR3 reloads; the kernel's are the same in
	 * every address space, so they are marked global. */
	if (boot_cpu_data.pge)
		write_cr4(read_cr4() | X86_CR4_PGE);
	write_cr3(init_pgd_phys);
	/* From here on the direct map reaches all RAM, not just 4 GiB. */
	memblock_set_current_limit(direct_map.max_addr);
	cpu_enable_protections();

	pr_info("Direct map: %llu MiB at 0x%016lx: %lu x 1G + %lu x 2M + %lu x 4K pages, %lu page-table pages (%lu KiB)\n",
		(unsigned long long)(direct_map.bytes >> 20),
		(unsigned long)PAGE_OFFSET, st->pages_1g, st->pages_2m,
		st->pages_4k, st->tables, st->tables * 4);
	pr_info("Kernel image: text %lu KiB r-x, rodata %lu KiB r--, data+bss %lu KiB rw-, %u stack guard pages\n",
		(unsigned long)(_etext - _text) >> 10,
		(unsigned long)(_erodata - _srodata) >> 10,
		(unsigned long)(_end - _sdata) >> 10, kstack_count());
}
