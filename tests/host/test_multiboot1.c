/*
 * tests/host/test_multiboot1.c - host tests for boot/multiboot.c:
 * the boot magic and Multiboot 1 parsing.
 *
 * Teaches: how a Multiboot 1 loader describes the machine (a flagged
 * struct of physical pointers), and that a parser of loader data must
 * survive every lie: sizes that run past the end, pointers into nothing,
 * counts in the billions. Structures are built byte by byte from the
 * specification (tests/host/mb_build.h) in a fake physical memory
 * (tests/host/fake_phys.h) whose regions are exactly as large as their
 * contents, so AddressSanitizer sees any overread. Cases that could hang
 * or crash on a parser bug run in a child process
 * (tests/host/host_isolate.h). Shared checks: tests/host/mb_expect.h;
 * Multiboot 2: tests/host/test_multiboot2.c.
 * Linux counterpart: none (Linux has its own boot protocol).
 */
#include <stdlib.h>

#include "arch/x86/e820.h"
#include "boot/bootinfo.h"
#include "drivers/acpi_rsdp.h"
#include "kernel/errno.h"
#include "lib/string.h"
#include "tests/host/fake_phys.h"
#include "tests/host/htest.h"
#include "tests/host/host_isolate.h"
#include "tests/host/mb_build.h"
#include "tests/host/mb_expect.h"

/* Multiboot 1 layout in fake memory: one 64 KiB region. */
#define MB1_BASE	0x10000
#define MB1_SIZE	0x10000
#define MB1_INFO	0x10000
#define MB1_CMDLINE	0x10800
#define MB1_LOADER	0x10900
#define MB1_MODS	0x10a00
#define MB1_MODSTR	0x10c00
#define MB1_MMAP	0x11000
#define MB1_BIGSTR	0x14000

/* ---- helpers ---- */

static struct mbt1_info *
mb1_setup(void)
{
	fake_reset();
	fake_map(MB1_BASE, MB1_SIZE);
	return (struct mbt1_info *)fake_ptr(MB1_INFO, sizeof(struct mbt1_info));
}

static void
put_str(phys_addr_t addr, const char *s)
{
	fake_write(addr, s, strlen(s) + 1);
}

static void
put_mb1_mmap(phys_addr_t addr, u32 size_field, u64 base, u64 len, u32 type)
{
	struct mbt1_mmap_entry e = { size_field, base, len, type };

	fake_write(addr, &e, sizeof(e));
}

static int
parse1(void)
{
	return multiboot_parse(MULTIBOOT1_BOOT_MAGIC, MB1_INFO, fake_read_phys,
			       &bi, &why);
}

/* ---- the magic ---- */

HTEST(wrong_magic_is_an_error)
{
	static const u32 magics[] = { 0, 0xe85250d6 /* MB2 header magic */,
				      0x1badb002 /* MB1 header magic */,
				      0x02b0ad2b, 0xffffffff };

	mb1_setup();
	for (unsigned int i = 0; i < ARRAY_SIZE(magics); i++) {
		bi.protocol = 7;
		bi.nr_reserved = 3;
		expect_error(multiboot_parse(magics[i], MB1_INFO,
					     fake_read_phys, &bi, &why),
			     EINVAL, "Multiboot");
		EXPECT_UINT_EQ(bi.protocol, 0);
		EXPECT_UINT_EQ(bi.nr_reserved, 0);
	}
}

HTEST(success_clears_stale_why_and_boot_info)
{
	struct mbt1_info *mi = mb1_setup();

	mi->flags = 0;
	why = "stale";
	memset(&bi, 0x5a, sizeof(bi));
	bi.cmdline[sizeof(bi.cmdline) - 1] = 0;
	bi.loader_name[sizeof(bi.loader_name) - 1] = 0;
	expect_ok(parse1());
	EXPECT_STR_EQ(bi.cmdline, "");
	EXPECT_UINT_EQ(bi.mem_map_nr, 0);
	EXPECT_UINT_EQ(bi.rsdp_len, 0);
}

/* ---- Multiboot 1 ---- */

HTEST(mb1_full_structure)
{
	struct mbt1_info *mi = mb1_setup();
	static const char cmd[] = "/boot/pagoda.elf console=ttyS0 ktest=all";
	struct mbt1_module mods[2] = {
		{ 0x400000, 0x480000, MB1_MODSTR, 0 },
		{ 0x500000, 0x500800, MB1_MODSTR + 16, 0 },
	};

	mi->flags = MBT1_F_MEMORY | MBT1_F_CMDLINE | MBT1_F_MODS |
		    MBT1_F_MMAP | MBT1_F_LOADER_NAME;
	mi->mem_lower = 639;
	mi->mem_upper = 130048;
	mi->cmdline = MB1_CMDLINE;
	put_str(MB1_CMDLINE, cmd);
	mi->boot_loader_name = MB1_LOADER;
	put_str(MB1_LOADER, "qemu");
	mi->mods_count = 2;
	mi->mods_addr = MB1_MODS;
	fake_write(MB1_MODS, mods, sizeof(mods));
	put_str(MB1_MODSTR, "initrd");
	put_str(MB1_MODSTR + 16, "extra");
	put_mb1_mmap(MB1_MMAP, 20, 0, 0x9fc00, 1);
	put_mb1_mmap(MB1_MMAP + 24, 20, 0x9fc00, 0x400, 2);
	put_mb1_mmap(MB1_MMAP + 48, 20, 0xf0000, 0x10000, 2);
	put_mb1_mmap(MB1_MMAP + 72, 20, 0x100000, 0x7ee0000, 1);
	mi->mmap_addr = MB1_MMAP;
	mi->mmap_length = 4 * 24;

	expect_ok(parse1());
	EXPECT_UINT_EQ(bi.protocol, 1);
	/* the image path is kept apart from the arguments */
	EXPECT_STR_EQ(bi.image_path, "/boot/pagoda.elf");
	EXPECT_STR_EQ(bi.cmdline, "console=ttyS0 ktest=all");
	EXPECT_UINT_EQ(bi.cmdline_full_len, strlen("console=ttyS0 ktest=all"));
	EXPECT_STR_EQ(bi.loader_name, "qemu");
	/* the map wins over mem_lower/mem_upper */
	EXPECT_STR_EQ(bi.mem_map_source, "Multiboot memory map");
	ASSERT_TRUE(bi.mem_map_nr == 4);
	EXPECT_MAP(0, 0, 0x9fc00, E820_TYPE_RAM);
	EXPECT_MAP(1, 0x9fc00, 0x400, E820_TYPE_RESERVED);
	EXPECT_MAP(2, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	EXPECT_MAP(3, 0x100000, 0x7ee0000, E820_TYPE_RAM);
	EXPECT_UINT_EQ(bi.mem_map_dropped, 0);
	EXPECT_UINT_EQ(bi.nr_modules, 2);
	/* The first module is the initrd (kernel/initrd.c). */
	EXPECT_UINT_EQ(bi.initrd_start, 0x400000);
	EXPECT_UINT_EQ(bi.initrd_end, 0x480000);
	EXPECT_UINT_EQ(bi.nr_reserved, 5);
	EXPECT_TRUE(has_reserved(MB1_CMDLINE, MB1_CMDLINE + sizeof(cmd),
				 "command line"));
	EXPECT_TRUE(has_reserved(0x400000, 0x480000, "module"));
	EXPECT_TRUE(has_reserved(0x500000, 0x500800, "module"));
	EXPECT_TRUE(has_reserved(MB1_MMAP, MB1_MMAP + 96, "memory map"));
	/* the info structure itself: at least the fields the parser reads */
	EXPECT_UINT_EQ(bi.reserved[0].start, MB1_INFO);
	EXPECT_TRUE(bi.reserved[0].end >= MB1_INFO + 68);
	EXPECT_STR_EQ(bi.reserved[0].what, "multiboot info");
	EXPECT_UINT_EQ(bi.rsdp_len, 0);
}

HTEST(mb1_no_flags_gives_nothing_but_the_info)
{
	struct mbt1_info *mi = mb1_setup();

	/* fields are filled but no flag says they are valid */
	mi->mem_lower = 639;
	mi->mem_upper = 1024;
	mi->cmdline = MB1_CMDLINE;
	put_str(MB1_CMDLINE, "should not be read");
	mi->mods_count = 1;
	mi->mods_addr = MB1_MODS;
	mi->mmap_length = 24;
	mi->mmap_addr = MB1_MMAP;
	mi->boot_loader_name = MB1_LOADER;
	put_str(MB1_LOADER, "nope");
	expect_ok(parse1());
	EXPECT_UINT_EQ(bi.protocol, 1);
	EXPECT_STR_EQ(bi.cmdline, "");
	EXPECT_UINT_EQ(bi.cmdline_full_len, 0);
	EXPECT_STR_EQ(bi.loader_name, "");
	EXPECT_UINT_EQ(bi.mem_map_nr, 0);
	EXPECT_TRUE(bi.mem_map_source == NULL);
	EXPECT_UINT_EQ(bi.nr_modules, 0);
	EXPECT_UINT_EQ(bi.initrd_end, 0);
	EXPECT_UINT_EQ(bi.nr_reserved, 1);
}

HTEST(mb1_mem_lower_upper_fallback)
{
	struct mbt1_info *mi = mb1_setup();

	mi->flags = MBT1_F_MEMORY;
	mi->mem_lower = 639;
	mi->mem_upper = 523264;		/* 511 MiB above 1 MiB */
	expect_ok(parse1());
	EXPECT_STR_EQ(bi.mem_map_source, "Multiboot mem_lower/mem_upper");
	ASSERT_TRUE(bi.mem_map_nr == 2);
	EXPECT_MAP(0, 0, 639 * 1024, E820_TYPE_RAM);
	EXPECT_MAP(1, 0x100000, 523264ULL * 1024, E820_TYPE_RAM);
}

HTEST(mb1_mem_upper_does_not_overflow_32_bits)
{
	struct mbt1_info *mi = mb1_setup();

	mi->flags = MBT1_F_MEMORY;
	mi->mem_lower = 0xffffffff;
	mi->mem_upper = 0xffffffff;
	expect_ok(parse1());
	ASSERT_TRUE(bi.mem_map_nr == 2);
	EXPECT_UINT_EQ(bi.mem_map[0].size, 0xffffffffULL * 1024);
	EXPECT_UINT_EQ(bi.mem_map[1].size, 0xffffffffULL * 1024);
}

HTEST(mb1_mmap_larger_entries_use_their_size)
{
	struct mbt1_info *mi = mb1_setup();
	u8 junk[8];

	memset(junk, 0xee, sizeof(junk));
	mi->flags = MBT1_F_MMAP;
	/* size 28: each entry is 32 bytes, 8 of them unknown extensions */
	put_mb1_mmap(MB1_MMAP, 28, 0, 0x9fc00, 1);
	fake_write(MB1_MMAP + 24, junk, 8);
	put_mb1_mmap(MB1_MMAP + 32, 28, 0x100000, 0x100000, 3);
	fake_write(MB1_MMAP + 56, junk, 8);
	mi->mmap_addr = MB1_MMAP;
	mi->mmap_length = 64;
	expect_ok(parse1());
	ASSERT_TRUE(bi.mem_map_nr == 2);
	EXPECT_MAP(0, 0, 0x9fc00, E820_TYPE_RAM);
	EXPECT_MAP(1, 0x100000, 0x100000, E820_TYPE_ACPI);
}

HTEST(mb1_mmap_types_pass_through_zero_is_reserved)
{
	static const u32 types[] = { 0, 1, 2, 3, 4, 5, 7, 12, 0x1234 };
	static const u32 want[] = { 2, 1, 2, 3, 4, 5, 7, 12, 0x1234 };
	struct mbt1_info *mi = mb1_setup();

	mi->flags = MBT1_F_MMAP;
	for (unsigned int i = 0; i < ARRAY_SIZE(types); i++)
		put_mb1_mmap(MB1_MMAP + 24 * i, 20, 0x1000ULL * i, 0x1000,
			     types[i]);
	mi->mmap_addr = MB1_MMAP;
	mi->mmap_length = 24 * ARRAY_SIZE(types);
	expect_ok(parse1());
	ASSERT_TRUE(bi.mem_map_nr == ARRAY_SIZE(types));
	for (unsigned int i = 0; i < ARRAY_SIZE(types); i++)
		EXPECT_UINT_EQ(bi.mem_map[i].type, want[i]);
}

HTEST(mb1_mmap_trailing_partial_entry_is_ignored)
{
	struct mbt1_info *mi = mb1_setup();

	mi->flags = MBT1_F_MMAP;
	put_mb1_mmap(MB1_MMAP, 20, 0, 0x1000, 1);
	put_mb1_mmap(MB1_MMAP + 24, 20, 0x2000, 0x1000, 1);
	put_mb1_mmap(MB1_MMAP + 48, 20, 0x4000, 0x1000, 1);
	mi->mmap_addr = MB1_MMAP;
	mi->mmap_length = 48 + 23;	/* the third entry is cut short */
	expect_ok(parse1());
	EXPECT_UINT_EQ(bi.mem_map_nr, 2);
	EXPECT_TRUE(has_reserved(MB1_MMAP, MB1_MMAP + 71, "memory map"));
}

HTEST(mb1_mmap_empty)
{
	struct mbt1_info *mi = mb1_setup();

	mi->flags = MBT1_F_MMAP | MBT1_F_MEMORY;
	mi->mem_lower = 639;
	mi->mmap_addr = MB1_MMAP;
	mi->mmap_length = 0;
	expect_ok(parse1());
	EXPECT_UINT_EQ(bi.mem_map_nr, 0);
	EXPECT_STR_EQ(bi.mem_map_source, "Multiboot memory map");
}

HTEST(mb1_mmap_small_entry_size_is_an_error)
{
	static const u32 sizes[] = { 0, 1, 4, 16, 19 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct mbt1_info *mi = mb1_setup();

		mi->flags = MBT1_F_MMAP;
		put_mb1_mmap(MB1_MMAP, 20, 0, 0x1000, 1);
		put_mb1_mmap(MB1_MMAP + 24, sizes[i], 0x2000, 0x1000, 1);
		put_mb1_mmap(MB1_MMAP + 48, 20, 0x4000, 0x1000, 1);
		mi->mmap_addr = MB1_MMAP;
		mi->mmap_length = 72;
		expect_error(parse1(), EINVAL, "memory map");
	}
}

HTEST(mb1_mmap_unreadable_is_an_error)
{
	struct mbt1_info *mi = mb1_setup();

	mi->flags = MBT1_F_MMAP;
	mi->mmap_addr = UNMAPPED;
	mi->mmap_length = 48;
	expect_error(parse1(), EINVAL, "memory map");
}

HTEST(mb1_mmap_running_off_memory_is_an_error)
{
	struct mbt1_info *mi = mb1_setup();
	phys_addr_t last = MB1_BASE + MB1_SIZE - 24;

	mi->flags = MBT1_F_MMAP;
	put_mb1_mmap(last, 20, 0, 0x1000, 1);
	mi->mmap_addr = (u32)last;
	mi->mmap_length = 0xffffffff;	/* 4 GiB of map: off the region */
	expect_error(parse1(), EINVAL, "memory map");
	EXPECT_UINT_EQ(bi.mem_map_nr, 1);
}

HTEST(mb1_mmap_too_many_entries_are_counted)
{
	struct mbt1_info *mi = mb1_setup();
	unsigned int n = E820_MAX_ENTRIES + 5;

	mi->flags = MBT1_F_MMAP;
	for (unsigned int i = 0; i < n; i++)
		put_mb1_mmap(MB1_MMAP + 24 * i, 20, 0x1000ULL * i, 0x1000,
			     1 + i % 2);
	mi->mmap_addr = MB1_MMAP;
	mi->mmap_length = 24 * n;
	expect_ok(parse1());
	EXPECT_UINT_EQ(bi.mem_map_nr, E820_MAX_ENTRIES);
	EXPECT_UINT_EQ(bi.mem_map_dropped, 5);
	EXPECT_MAP(E820_MAX_ENTRIES - 1, 0x1000ULL * (E820_MAX_ENTRIES - 1),
		   0x1000, 2);
}

/*
 * An entry whose size field is near 2^32: "size + 4" must not wrap to a
 * step of 0 (or of a few bytes) through the map.
 */
static void
mb1_huge_entry_size_body(void)
{
	static const u32 sizes[] = { 0xfffffffc, 0xfffffffd, 0xffffffff,
				     0x7fffffff };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct mbt1_info *mi = mb1_setup();
		int rc;

		mi->flags = MBT1_F_MMAP;
		put_mb1_mmap(MB1_MMAP, 20, 0, 0x1000, 1);
		put_mb1_mmap(MB1_MMAP + 24, sizes[i], 0x2000, 0x1000, 1);
		put_mb1_mmap(MB1_MMAP + 48, 20, 0x4000, 0x1000, 1);
		mi->mmap_addr = MB1_MMAP;
		mi->mmap_length = 72;
		rc = parse1();
		EXPECT_TRUE(rc == 0 || (rc < 0 && why));
		expect_bi_sane();
		/* nothing beyond the map's 72 bytes may become an entry */
		EXPECT_TRUE(bi.mem_map_nr <= 3);
		EXPECT_UINT_EQ(bi.mem_map_dropped, 0);
	}
}

HTEST(mb1_mmap_huge_entry_size_terminates)
{
	EXPECT_ISOLATED(mb1_huge_entry_size_body, 3);
}

HTEST(mb1_cmdline_truncated_with_full_length)
{
	struct mbt1_info *mi = mb1_setup();
	static char big[5001];

	memset(big, 'a', 5000);
	big[5000] = '\0';
	big[0] = 'X';
	big[COMMAND_LINE_SIZE - 2] = 'Y';	/* the last byte kept */
	mi->flags = MBT1_F_CMDLINE;
	mi->cmdline = MB1_BIGSTR;
	put_str(MB1_BIGSTR, big);
	expect_ok(parse1());
	EXPECT_UINT_EQ(bi.cmdline_full_len, 5000);
	EXPECT_UINT_EQ(strlen(bi.cmdline), COMMAND_LINE_SIZE - 1);
	EXPECT_INT_EQ(bi.cmdline[0], 'X');
	EXPECT_INT_EQ(bi.cmdline[COMMAND_LINE_SIZE - 2], 'Y');
	/* the whole line is reserved, not just what was kept */
	EXPECT_TRUE(has_reserved(MB1_BIGSTR, MB1_BIGSTR + 5001, "command line"));
}

HTEST(mb1_cmdline_at_the_size_limit)
{
	static char s[COMMAND_LINE_SIZE + 1];

	for (int extra = -1; extra <= 1; extra++) {
		struct mbt1_info *mi = mb1_setup();
		size_t n = COMMAND_LINE_SIZE - 1 + extra;

		memset(s, 'k', n);
		s[n] = '\0';
		mi->flags = MBT1_F_CMDLINE;
		mi->cmdline = MB1_BIGSTR;
		put_str(MB1_BIGSTR, s);
		expect_ok(parse1());
		EXPECT_UINT_EQ(bi.cmdline_full_len, n);
		EXPECT_UINT_EQ(strlen(bi.cmdline), min(n, COMMAND_LINE_SIZE - 1));
	}
}

HTEST(mb1_cmdline_running_off_memory_stops)
{
	struct mbt1_info *mi = mb1_setup();
	phys_addr_t at = MB1_BASE + MB1_SIZE - 10;

	/* ten bytes, no NUL, then the end of everything mapped */
	fake_write(at, "abcdefghij", 10);
	mi->flags = MBT1_F_CMDLINE;
	mi->cmdline = (u32)at;
	expect_ok(parse1());
	EXPECT_STR_EQ(bi.cmdline, "abcdefghij");
	EXPECT_UINT_EQ(bi.cmdline_full_len, 10);
}

HTEST(mb1_cmdline_unreadable_is_empty)
{
	struct mbt1_info *mi = mb1_setup();

	mi->flags = MBT1_F_CMDLINE;
	mi->cmdline = UNMAPPED;
	expect_ok(parse1());
	EXPECT_STR_EQ(bi.cmdline, "");
	EXPECT_UINT_EQ(bi.cmdline_full_len, 0);
}

HTEST(mb1_cmdline_at_4g_minus_one)
{
	struct mbt1_info *mi = mb1_setup();

	mi->flags = MBT1_F_CMDLINE;
	mi->cmdline = 0xffffffff;
	expect_ok(parse1());
	EXPECT_STR_EQ(bi.cmdline, "");
}

HTEST(mb1_loader_name_truncated_or_empty)
{
	struct mbt1_info *mi = mb1_setup();
	char name[101];

	memset(name, 'g', 100);
	name[100] = '\0';
	mi->flags = MBT1_F_LOADER_NAME;
	mi->boot_loader_name = MB1_LOADER;
	put_str(MB1_LOADER, name);
	expect_ok(parse1());
	EXPECT_UINT_EQ(strlen(bi.loader_name), sizeof(bi.loader_name) - 1);

	mi = mb1_setup();
	mi->flags = MBT1_F_LOADER_NAME;
	mi->boot_loader_name = UNMAPPED;
	expect_ok(parse1());
	EXPECT_STR_EQ(bi.loader_name, "");
}

HTEST(mb1_absurd_mods_count_is_bounded)
{
	struct mbt1_info *mi = mb1_setup();

	for (unsigned int i = 0; i < 64; i++) {
		struct mbt1_module m = { 0x1000000 + 0x10000 * i,
					 0x1000000 + 0x10000 * i + 0x1000,
					 0, 0 };

		fake_write(MB1_MODS + 16 * i, &m, sizeof(m));
	}
	mi->flags = MBT1_F_MODS;
	mi->mods_count = 0xffffffff;
	mi->mods_addr = MB1_MODS;
	expect_ok(parse1());
	EXPECT_TRUE(bi.nr_modules <= BOOT_MAX_MODULES);
	EXPECT_TRUE(bi.nr_modules > 0);
	EXPECT_TRUE(has_reserved(0x1000000, 0x1001000, "module"));
}

HTEST(mb1_modules_running_off_memory_stop)
{
	struct mbt1_info *mi = mb1_setup();
	phys_addr_t at = MB1_BASE + MB1_SIZE - 2 * 16;
	struct mbt1_module m[2] = { { 0x400000, 0x401000, 0, 0 },
				    { 0x500000, 0x501000, 0, 0 } };

	fake_write(at, m, sizeof(m));
	mi->flags = MBT1_F_MODS;
	mi->mods_count = 5;
	mi->mods_addr = (u32)at;
	expect_ok(parse1());
	EXPECT_UINT_EQ(bi.nr_modules, 2);
	EXPECT_TRUE(has_reserved(0x500000, 0x501000, "module"));

	mi = mb1_setup();
	mi->flags = MBT1_F_MODS;
	mi->mods_count = 3;
	mi->mods_addr = UNMAPPED;
	expect_ok(parse1());
	EXPECT_UINT_EQ(bi.nr_modules, 0);
	EXPECT_UINT_EQ(bi.nr_reserved, 1);
}

HTEST(mb1_backwards_module_is_not_reserved)
{
	struct mbt1_info *mi = mb1_setup();
	struct mbt1_module m = { 0x500000, 0x400000, 0, 0 };

	fake_write(MB1_MODS, &m, sizeof(m));
	mi->flags = MBT1_F_MODS;
	mi->mods_count = 1;
	mi->mods_addr = MB1_MODS;
	expect_ok(parse1());
	EXPECT_UINT_EQ(bi.nr_reserved, 1);	/* just the info */
}

HTEST(mb1_everything_reserved_fits)
{
	struct mbt1_info *mi = mb1_setup();

	for (unsigned int i = 0; i < BOOT_MAX_MODULES; i++) {
		struct mbt1_module m = { 0x1000000 + 0x10000 * i,
					 0x1000000 + 0x10000 * i + 0x1000,
					 0, 0 };

		fake_write(MB1_MODS + 16 * i, &m, sizeof(m));
	}
	put_str(MB1_CMDLINE, "x");
	put_mb1_mmap(MB1_MMAP, 20, 0, 0x1000, 1);
	mi->flags = MBT1_F_MODS | MBT1_F_CMDLINE | MBT1_F_MMAP;
	mi->mods_count = BOOT_MAX_MODULES;
	mi->mods_addr = MB1_MODS;
	mi->cmdline = MB1_CMDLINE;
	mi->mmap_addr = MB1_MMAP;
	mi->mmap_length = 24;
	expect_ok(parse1());
	EXPECT_UINT_EQ(bi.nr_modules, BOOT_MAX_MODULES);
	/* info + command line + every module + the map: none lost */
	EXPECT_UINT_EQ(bi.nr_reserved, BOOT_MAX_MODULES + 3);
	EXPECT_TRUE(has_reserved(MB1_MMAP, MB1_MMAP + 24, "memory map"));
}

HTEST(mb1_info_unreadable_is_an_error)
{
	fake_reset();
	expect_error(multiboot_parse(MULTIBOOT1_BOOT_MAGIC, UNMAPPED,
				     fake_read_phys, &bi, &why),
		     EFAULT, "not readable");
	expect_error(multiboot_parse(MULTIBOOT1_BOOT_MAGIC, 0,
				     fake_read_nothing, &bi, &why),
		     EFAULT, "not readable");

	/* only 40 bytes of it are mapped */
	fake_map(0x30000, 40);
	expect_error(multiboot_parse(MULTIBOOT1_BOOT_MAGIC, 0x30000,
				     fake_read_phys, &bi, &why),
		     EFAULT, "not readable");
}

HTEST_MAIN(
	HTEST_CASE(wrong_magic_is_an_error),
	HTEST_CASE(success_clears_stale_why_and_boot_info),
	HTEST_CASE(mb1_full_structure),
	HTEST_CASE(mb1_no_flags_gives_nothing_but_the_info),
	HTEST_CASE(mb1_mem_lower_upper_fallback),
	HTEST_CASE(mb1_mem_upper_does_not_overflow_32_bits),
	HTEST_CASE(mb1_mmap_larger_entries_use_their_size),
	HTEST_CASE(mb1_mmap_types_pass_through_zero_is_reserved),
	HTEST_CASE(mb1_mmap_trailing_partial_entry_is_ignored),
	HTEST_CASE(mb1_mmap_empty),
	HTEST_CASE(mb1_mmap_small_entry_size_is_an_error),
	HTEST_CASE(mb1_mmap_unreadable_is_an_error),
	HTEST_CASE(mb1_mmap_running_off_memory_is_an_error),
	HTEST_CASE(mb1_mmap_too_many_entries_are_counted),
	HTEST_CASE(mb1_mmap_huge_entry_size_terminates),
	HTEST_CASE(mb1_cmdline_truncated_with_full_length),
	HTEST_CASE(mb1_cmdline_at_the_size_limit),
	HTEST_CASE(mb1_cmdline_running_off_memory_stops),
	HTEST_CASE(mb1_cmdline_unreadable_is_empty),
	HTEST_CASE(mb1_cmdline_at_4g_minus_one),
	HTEST_CASE(mb1_loader_name_truncated_or_empty),
	HTEST_CASE(mb1_absurd_mods_count_is_bounded),
	HTEST_CASE(mb1_modules_running_off_memory_stop),
	HTEST_CASE(mb1_backwards_module_is_not_reserved),
	HTEST_CASE(mb1_everything_reserved_fits),
	HTEST_CASE(mb1_info_unreadable_is_an_error),
)
