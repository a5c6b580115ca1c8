/*
 * kernel/main.c - start_kernel: the kernel's life, in order.
 *
 * Teaches: initialisation is a dependency chain, and this function is its
 * table of contents.  Each step may use only what the steps before it set
 * up: printk needs the serial port; the fault handlers need the IDT; the
 * page tables need the memory map and memblock; everything that allocates
 * after the switch to the final page tables may use all of RAM.
 *
 * The boot loader's information is read first, through the early map of
 * the low 4 GiB that head32.S built, and copied into boot_info, because
 * the final page tables no longer map the loader's memory.
 * Linux counterpart: init/main.c (start_kernel), arch/x86/kernel/setup.c
 * (setup_arch).
 */
#include "arch/x86/apic.h"
#include "arch/x86/apic_timer.h"
#include "arch/x86/cpufeature.h"
#include "arch/x86/desc.h"
#include "arch/x86/e820.h"
#include "arch/x86/idle.h"
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "arch/x86/smpboot.h"
#include "arch/x86/syscall.h"
#include "boot/bootinfo.h"
#include "drivers/acpi_rsdp.h"
#include "drivers/ioapic.h"
#include "drivers/serial.h"
#include "drivers/tsc.h"
#include "kernel/bench.h"
#include "kernel/demo.h"
#include "kernel/initrd.h"
#include "kernel/kthread.h"
#include "kernel/ktest.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/preempt.h"
#include "kernel/spinlock.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "lib/string.h"
#include "drivers/acpi_madt.h"
#include "drivers/acpi_srat.h"
#include "mm/cma.h"
#include "mm/gfp.h"
#include "mm/memblock.h"
#include "mm/mm_init.h"
#include "mm/numa.h"
#include "mm/page_alloc.h"
#include "mm/paging_init.h"
#include "mm/report.h"
#include "mm/slab.h"
#include "mm/vmscan.h"
#include "mm/sparse.h"

#ifndef PAGODA_VERSION
#define PAGODA_VERSION "0.0"
#endif

/* The first line of the log; GDB tests print it too. */
const char pagoda_banner[] = "Pagoda version " PAGODA_VERSION
	" (gcc " __VERSION__ ") x86_64";

extern char _phys_start[], _text[], _etext[], _srodata[], _erodata[];
extern char _sdata[], _end[];

/* The kernel's command line, without the image path the loader prepends. */
static const char *kernel_cmdline;

void start_kernel(u32 magic, u32 info) __noreturn;
static void rest_init(void) __noreturn;
void lkdtm_run(void);

/* Until paging_init() the first 4 GiB are mapped at PAGE_OFFSET. */
static const void *
early_read_phys(phys_addr_t addr, size_t len)
{
	if (addr >= 0x100000000ULL || len > 0x100000000ULL - addr)
		return NULL;
	return __va(addr);
}

static void
setup_boot_info(u32 magic, u32 info)
{
	const char *why;

	if (multiboot_parse(magic, info, early_read_phys, &boot_info, &why))
		panic("boot information unusable: %s", why);
	if (boot_info.reserved_dropped)
		panic("the boot loader passed more data areas than Pagoda can "
		      "protect (%u over %u): refusing to overwrite them",
		      boot_info.reserved_dropped, BOOT_MAX_RESERVED);
	pr_info("Multiboot%s: loader '%s', image '%s', memory map from %s\n",
		boot_info.protocol == 2 ? "2" : "",
		boot_info.loader_name[0] ? boot_info.loader_name : "unknown",
		boot_info.image_path[0] ? boot_info.image_path : "not named",
		boot_info.mem_map_source ? boot_info.mem_map_source : "nowhere");
	if (!boot_info.rsdp_len)
		acpi_find_rsdp_bios(early_read_phys, &boot_info);
	/* multiboot_parse() set the loader's image path apart. */
	kernel_cmdline = boot_info.cmdline;
}

/*
 * "Command line: ..." in pieces, so that printk's line limit cannot cut
 * it; control characters show as \x01; a line the copy had to cut says
 * so at its end.
 */
static void
print_command_line(void)
{
	const char *p = kernel_cmdline;
	size_t left = strlen(p), kept = left;
	char piece[128];

	if (boot_info.cmdline_full_len > kept)
		pr_warn("Kernel command line truncated to %zu bytes (it had %zu)\n",
			kept, boot_info.cmdline_full_len);
	pr_notice("Command line: ");
	while (left) {
		size_t used = escape_ctrl(piece, sizeof(piece), p, left);

		if (!used)
			break;
		pr_cont("%s", piece);
		p += used;
		left -= used;
	}
	if (boot_info.cmdline_full_len > kept)
		pr_cont(" [cut: first %zu of %zu bytes]", kept,
			boot_info.cmdline_full_len);
	pr_cont("\n");
}

static void
setup_memory_map(void)
{
	struct e820_sanitize_report rep;
	unsigned int n = min(boot_info.mem_map_nr, (unsigned int)E820_MAX_ENTRIES);

	if (!n)
		panic("the boot loader gave no memory map (%s): cannot "
		      "know where RAM is", boot_info.mem_map_source ?
		      boot_info.mem_map_source : "no map, no mem_lower/upper");
	memcpy(e820_table.entries, boot_info.mem_map, n * sizeof(struct e820_entry));
	e820_table.nr_entries = e820_sanitize(e820_table.entries, n,
					      E820_MAX_ENTRIES, &rep);
	if (boot_info.mem_map_dropped)
		pr_warn("e820: %u memory map entries beyond %u ignored\n",
			boot_info.mem_map_dropped, E820_MAX_ENTRIES);
	if (rep.zero_length)
		pr_warn("e820: ignored %u zero-length entries\n", rep.zero_length);
	if (rep.absurd)
		pr_warn("e820: clipped or ignored %u absurd entries (beyond 2^52 "
			"or wrapping)\n", rep.absurd);
	if (rep.overlaps)
		pr_warn("e820: resolved %u overlapping entries (the more "
			"restrictive type wins)\n", rep.overlaps);
	if (rep.truncated)
		pr_warn("e820: %u ranges did not fit the table\n", rep.truncated);

	pr_info("BIOS-provided physical RAM map:\n");
	e820_print_table("BIOS-e820", &e820_table);
	/*
	 * As Linux does: the first page belongs to the BIOS (real-mode
	 * interrupt vectors), and 640 KiB - 1 MiB is the legacy VGA/ROM hole
	 * whatever the firmware says.
	 */
	e820_range_update(&e820_table, 0, PAGE_SIZE, E820_TYPE_RAM,
			  E820_TYPE_RESERVED);
	e820_range_remove(&e820_table, 0xa0000, 0x60000, E820_TYPE_RAM);
	if (!e820_total(&e820_table, E820_TYPE_RAM))
		panic("the memory map has no usable RAM");
}

static void
setup_memblock(void)
{
	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type == E820_TYPE_RAM)
			memblock_add(e->addr, e->size);
	}
	/* The first MiB: BIOS data, EBDA, and later the AP trampoline. */
	memblock_reserve(0, 0x100000);
	memblock_reserve((phys_addr_t)_phys_start,
			 __pa(_end) - (phys_addr_t)_phys_start);
	for (unsigned int i = 0; i < boot_info.nr_reserved; i++)
		memblock_reserve(boot_info.reserved[i].start,
				 boot_info.reserved[i].end -
				 boot_info.reserved[i].start);
	/* Only the low 4 GiB are mapped until paging_init(). */
	memblock_set_current_limit(0x100000000ULL);
}

/* Memory: available/present, as Linux's mem_init_print_info(). */
static void
print_memory_summary(void)
{
	unsigned long present = 0, managed = totalram_pages;
	unsigned long reserved;
	struct zone *zone;

	for_each_zone(zone)
		present += zone->present_pages;
	reserved = present - managed;
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, "
		"%luK rodata, %luK reserved, %luK cma-reserved)\n",
		managed << 2, present << 2,
		(unsigned long)(_etext - _text) >> 10,
		(unsigned long)(_end - _sdata) >> 10,
		(unsigned long)(_erodata - _srodata) >> 10,
		reserved << 2, cma_reserved_pages() << 2);
	pr_info("mm: struct page is %zu bytes; memmap %lu KiB in %lu x 2M + "
		"%lu x 4K; the kernel keeps %lu.%02lu%% of RAM for itself\n",
		sizeof(struct page), memmap_bytes >> 10, memmap_huge_blocks,
		memmap_base_pages,
		reserved * 100 / present, reserved * 10000 / present % 100);
}

/* memblock learns the node of each memory range from the NUMA setup. */
static void
memblock_set_nodes(void)
{
	for (int i = 0; i < numa_topology.meminfo.nr_blks; i++) {
		const struct numa_memblk *b = &numa_topology.meminfo.blk[i];

		memblock_set_node(b->start, b->end - b->start, b->nid);
	}
}

static phys_addr_t
buddy_alloc_table(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	return page ? page_to_phys(page) : MEMBLOCK_ALLOC_FAILED;
}

/*
 * The hand-over from memblock to the zoned buddy allocator.  The ACPI
 * drivers describe the machine (struct numa_firmware), mm/numa.c makes
 * nodes of it: mm never reads a firmware table itself.
 */
static void
mm_core_init(void)
{
	static struct numa_firmware numa_fw;

	acpi_boot_init();
	acpi_numa_firmware_init(&numa_fw, !numa_off);
	numa_init(&numa_fw);
	memblock_set_nodes();
	setup_per_cpu_areas();
	cma_reserve();
	free_area_init();
	memblock_free_all();
	cma_init_reserved_areas();
	build_all_zonelists();
	setup_per_zone_wmarks();
	/* From now on page tables come from the page allocator. */
	pt_alloc_table = buddy_alloc_table;
	kmem_cache_init();
}

void
start_kernel(u32 magic, u32 info)
{
	percpu_load_gs(0);	/* the template, until setup_per_cpu_areas() */
	serial_init();
	printk(KERN_NOTICE "%s\n", pagoda_banner);
	gdt_init();
	idt_init();
	tsc_calibrate();
	cpu_detect();

	setup_boot_info(magic, info);
	parse_early_params(kernel_cmdline);
	print_command_line();
	spin_lock_mode_init();		/* spinlock=, before other CPUs run */

	setup_memory_map();
	setup_memblock();
	acpi_print_rsdp(&boot_info);
	cpu_print_info();
	paging_init();
	parse_late_params(kernel_cmdline);
	memblock_dump();
	mm_core_init();
	initrd_init();		/* its pages stay reserved: see kernel/initrd.c */
	print_memory_summary();
	lapic_init();
	lapic_setup_cpu();
	syscall_init_cpu();
	smp_ipi_init();
	ioapic_init();
	apic_timer_init();
	lapic_timer_setup_cpu();
	serial_rx_irq_init();
	local_irq_enable();
	smp_init();
	/* Each CPU's share of a zone's pcp high (Linux: after smp_init too). */
	zone_pcp_update_all();
	show_numa_hardware();	/* after smp_init: it lists the online CPUs */
	system_state = SYSTEM_RUNNING;	/* might_sleep() checks from here */
	mm_report_boot();
	rest_init();
}

/*
 * The first kernel thread (pid 1, once the boot is complete): tests,
 * benchmarks and demos run here, as a real task that can sleep, be
 * preempted and wait for other threads.
 */
static int
kernel_init(void *unused)
{
	(void)unused;
	if (ktest_requested())
		ktest_run_all();
	if (bench_requested())
		bench_run_all();
	if (demo_requested())
		demo_run();
	return 0;
}

/*
 * The end of start_kernel, as in Linux: the scheduler takes over, the
 * daemons start (kswapd per node, the lockup detectors), kernel_init
 * runs as a task of its own and the boot context becomes CPU 0's idle
 * task (pid 0, swapper/0).  lkdtm's crashes still run here, on the boot
 * stack: its stack-overflow case needs the boot stack's guard page, and
 * its backtraces end in start_kernel.
 */
static void __noreturn
rest_init(void)
{
	struct task_struct *init;

	sched_init();
	sched_init_smp();
	kswapd_init();
	lockup_detector_init();
	hung_task_init();
	/*
	 * KERN_ERR not because anything failed: it is the one level `quiet`
	 * (loglevel 4) still shows, and a quiet console must still tell
	 * that the boot finished (the test harness waits for this line).
	 */
	pr_err("Boot complete.\n");
	lkdtm_run();
	/*
	 * On the boot CPU, as the tests always ran: many read this CPU's
	 * data and must not migrate half-way (their own threads go
	 * wherever the scheduler puts them).
	 */
	init = kthread_create_on_cpu(kernel_init, NULL, 0, "kernel_init");
	if (!init)
		panic("no memory for the kernel_init thread");
	wake_up_process(init);
	cpu_startup_entry();
}
