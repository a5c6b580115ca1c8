/*
 * tests/host/test_multiboot.c - host tests for boot/multiboot.c.
 *
 * Teaches: how a boot loader describes the machine (Multiboot 1's flagged
 * struct of physical pointers, Multiboot 2's list of tags), and that a
 * parser of loader data must survive every lie: sizes that run past the
 * end, pointers into nothing, counts in the billions. Structures are built
 * byte by byte from the specifications (tests/host/mb_build.h) in a fake
 * physical memory (tests/host/fake_phys.h) whose regions are exactly as
 * large as their contents, so AddressSanitizer sees any overread. Cases
 * that could hang or crash on a parser bug run in a child process
 * (tests/host/host_isolate.h).
 * Linux counterpart: none (Linux has its own boot protocol).
 */
#include <stdlib.h>

#include "arch/x86/e820.h"
#include "boot/bootinfo.h"
#include "drivers/acpi_rsdp.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "tests/host/fake_phys.h"
#include "tests/host/htest.h"
#include "tests/host/host_isolate.h"
#include "tests/host/mb_build.h"

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
#define UNMAPPED	0x7ff00000	/* nothing is ever mapped here */

/* Multiboot 2: the structure is a region of exactly total_size bytes. */
#define MB2_BASE	0x200000

static struct boot_info bi;
static const char *why;
static u8 mb2buf[16384] __aligned(8);
static struct mb2_builder b;

/* ---- helpers ---- */

/* Things that must hold after any call, success or not. */
static void
expect_bi_sane(void)
{
	EXPECT_TRUE(memchr(bi.cmdline, 0, sizeof(bi.cmdline)) != NULL);
	EXPECT_TRUE(memchr(bi.loader_name, 0, sizeof(bi.loader_name)) != NULL);
	EXPECT_TRUE(bi.mem_map_nr <= E820_MAX_ENTRIES);
	EXPECT_TRUE(bi.nr_reserved <= BOOT_MAX_RESERVED);
	for (unsigned int i = 0; i < bi.nr_reserved && i < BOOT_MAX_RESERVED; i++) {
		EXPECT_TRUE(bi.reserved[i].end > bi.reserved[i].start);
		EXPECT_TRUE(bi.reserved[i].what != NULL);
	}
	EXPECT_TRUE(bi.rsdp_len == 0 ||
		    (bi.rsdp_len >= 20 && bi.rsdp_len <= ACPI_RSDP_MAX_LEN));
}

static void
expect_ok(int rc)
{
	EXPECT_INT_EQ(rc, 0);
	EXPECT_TRUE(why == NULL);
	expect_bi_sane();
}

/* An error is a negative errno and a one-line sentence for panic(). */
static void
expect_error(int rc, int err, const char *word)
{
	EXPECT_INT_EQ(rc, -err);
	EXPECT_TRUE(why != NULL);
	if (why) {
		EXPECT_TRUE(why[0] != '\0');
		EXPECT_STR_NOT_CONTAINS(why, "\n");
		EXPECT_STR_CONTAINS(why, word);
	}
	expect_bi_sane();
}

static bool
has_reserved(phys_addr_t start, phys_addr_t end, const char *what)
{
	for (unsigned int i = 0; i < bi.nr_reserved; i++)
		if (bi.reserved[i].start == start && bi.reserved[i].end == end &&
		    !__builtin_strcmp(bi.reserved[i].what, what))
			return true;
	printf("# no reserved [%#llx-%#llx) \"%s\" among:\n",
	       (unsigned long long)start, (unsigned long long)end, what);
	for (unsigned int i = 0; i < bi.nr_reserved; i++)
		printf("#   [%#llx-%#llx) \"%s\"\n",
		       (unsigned long long)bi.reserved[i].start,
		       (unsigned long long)bi.reserved[i].end,
		       bi.reserved[i].what);
	return false;
}

#define EXPECT_MAP(i, a, s, t)						\
	do {								\
		EXPECT_UINT_EQ(bi.mem_map[i].addr, (a));		\
		EXPECT_UINT_EQ(bi.mem_map[i].size, (s));		\
		EXPECT_UINT_EQ(bi.mem_map[i].type, (t));		\
	} while (0)

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

static void
mb2_begin(void)
{
	mb2b_init(&b, mb2buf, sizeof(mb2buf));
}

/* Put the built structure (total_size bytes) at `at` and parse it. */
static int
parse2_at(phys_addr_t at, u32 total)
{
	fake_reset();
	if (b.overflow) {
		printf("# test bug: MB2 builder overflow\n");
		htest_case_failed = 1;
	}
	memcpy(fake_map(at, total), mb2buf, total);
	return multiboot_parse(MULTIBOOT2_BOOT_MAGIC, at, fake_read_phys, &bi,
			       &why);
}

static int
parse2(void)
{
	return parse2_at(MB2_BASE, mb2b_finish(&b));
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
	EXPECT_STR_EQ(bi.cmdline, cmd);
	EXPECT_UINT_EQ(bi.cmdline_full_len, sizeof(cmd) - 1);
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

/* ---- Multiboot 2 ---- */

HTEST(mb2_full_structure)
{
	static const char cmd[] = "/boot/pagoda.elf console=ttyS0 loglevel=7";
	struct mbt2_mmap_entry map[4] = {
		{ 0, 0x9fc00, 1, 0 },
		{ 0x9fc00, 0x400, 2, 0 },
		{ 0x100000, 0x7ee0000, 1, 0 },
		{ 0xfffc0000, 0x40000, 2, 0 },
	};
	u8 rsdp[RSDP_V2_SIZE];
	u32 acpi_off, total;

	rsdp_build(rsdp, 2, "BOCHS", 0x7fe1234, 0x7fe5678);
	mb2_begin();
	mb2b_string(&b, MBT2_TAG_CMDLINE, cmd);
	mb2b_string(&b, MBT2_TAG_LOADER_NAME, "GRUB 2.06");
	mb2b_module(&b, 0x400000, 0x480000, "initrd");
	mb2b_module(&b, 0x500000, 0x500123, "second");
	mb2b_meminfo(&b, 639, 130048);
	mb2b_mmap(&b, 24, map, 4);
	acpi_off = mb2b_tag(&b, MBT2_TAG_ACPI_NEW, rsdp, sizeof(rsdp));
	total = mb2b_finish(&b);

	expect_ok(parse2_at(MB2_BASE, total));
	EXPECT_UINT_EQ(bi.protocol, 2);
	EXPECT_STR_EQ(bi.cmdline, cmd);
	EXPECT_UINT_EQ(bi.cmdline_full_len, sizeof(cmd) - 1);
	EXPECT_STR_EQ(bi.loader_name, "GRUB 2.06");
	EXPECT_STR_EQ(bi.mem_map_source, "Multiboot2 memory map");
	ASSERT_TRUE(bi.mem_map_nr == 4);
	EXPECT_MAP(0, 0, 0x9fc00, 1);
	EXPECT_MAP(1, 0x9fc00, 0x400, 2);
	EXPECT_MAP(2, 0x100000, 0x7ee0000, 1);
	EXPECT_MAP(3, 0xfffc0000, 0x40000, 2);
	EXPECT_UINT_EQ(bi.nr_modules, 2);
	EXPECT_UINT_EQ(bi.nr_reserved, 3);
	EXPECT_TRUE(has_reserved(MB2_BASE, MB2_BASE + total, "multiboot2 info"));
	EXPECT_TRUE(has_reserved(0x400000, 0x480000, "module"));
	EXPECT_TRUE(has_reserved(0x500000, 0x500123, "module"));
	EXPECT_UINT_EQ(bi.rsdp_len, RSDP_V2_SIZE);
	EXPECT_INT_EQ(memcmp(bi.rsdp, rsdp, RSDP_V2_SIZE), 0);
	EXPECT_UINT_EQ(bi.rsdp_phys, MB2_BASE + acpi_off + 8);
	EXPECT_STR_EQ(bi.rsdp_source, "Multiboot2 ACPI 2.0 tag");
	EXPECT_TRUE(acpi_rsdp_valid(bi.rsdp, bi.rsdp_len));
}

HTEST(mb2_map_sanitizes_cleanly)
{
	struct mbt2_mmap_entry map[4] = {
		{ 0x100000, 0x7ee0000, 1, 0 },
		{ 0, 0x9fc00, 1, 0 },
		{ 0x9f000, 0x1000, 2, 0 },		/* overlaps */
		{ 0x200000, 0, 1, 0 },			/* empty */
	};
	struct e820_sanitize_report rep;
	unsigned int n;

	mb2_begin();
	mb2b_mmap(&b, 24, map, 4);
	expect_ok(parse2());
	ASSERT_TRUE(bi.mem_map_nr == 4);
	n = e820_sanitize(bi.mem_map, bi.mem_map_nr, E820_MAX_ENTRIES, &rep);
	ASSERT_TRUE(n == 3);
	EXPECT_MAP(0, 0, 0x9f000, 1);
	EXPECT_MAP(1, 0x9f000, 0x1000, 2);
	EXPECT_MAP(2, 0x100000, 0x7ee0000, 1);
	EXPECT_UINT_EQ(rep.zero_length, 1);
	EXPECT_UINT_EQ(rep.overlaps, 1);
}

HTEST(mb2_end_tag_only)
{
	mb2_begin();
	ASSERT_TRUE(mb2b_finish(&b) == 16);
	expect_ok(parse2_at(MB2_BASE, 16));
	EXPECT_UINT_EQ(bi.protocol, 2);
	EXPECT_UINT_EQ(bi.nr_reserved, 1);
	EXPECT_TRUE(has_reserved(MB2_BASE, MB2_BASE + 16, "multiboot2 info"));
	EXPECT_TRUE(bi.mem_map_source == NULL);
	EXPECT_STR_EQ(bi.cmdline, "");
}

HTEST(mb2_total_size_too_small)
{
	static const u32 totals[] = { 0, 1, 8, 15 };

	for (unsigned int i = 0; i < ARRAY_SIZE(totals); i++) {
		mb2_begin();
		mb2b_finish(&b);
		mb2b_put32(mb2buf, totals[i]);
		expect_error(parse2_at(MB2_BASE, 16), EINVAL, "size");
	}
}

HTEST(mb2_total_size_too_large)
{
	static const u32 totals[] = { 1024 * 1024 + 1, 1024 * 1024 + 8,
				      0x80000000, 0xffffffff };
	u8 *big;

	for (unsigned int i = 0; i < ARRAY_SIZE(totals); i++) {
		mb2_begin();
		mb2b_finish(&b);
		mb2b_put32(mb2buf, totals[i]);
		expect_error(parse2_at(MB2_BASE, 16), EINVAL, "size");
	}

	/* even when that much memory is readable */
	fake_reset();
	big = fake_map(MB2_BASE, 1024 * 1024 + 8);
	mb2b_put32(big, 1024 * 1024 + 8);
	mb2b_put32(big + 8, MBT2_TAG_END);
	mb2b_put32(big + 12, 8);
	expect_error(multiboot_parse(MULTIBOOT2_BOOT_MAGIC, MB2_BASE,
				     fake_read_phys, &bi, &why), EINVAL, "size");
}

HTEST(mb2_total_size_of_exactly_1mib_is_fine)
{
	u32 total = 1024 * 1024;
	u8 *big;

	fake_reset();
	big = fake_map(MB2_BASE, total);
	mb2b_put32(big, total);
	/* one unknown tag filling all but the end tag */
	mb2b_put32(big + 8, 0x7777);
	mb2b_put32(big + 12, total - 16);
	mb2b_put32(big + total - 8, MBT2_TAG_END);
	mb2b_put32(big + total - 4, 8);
	expect_ok(multiboot_parse(MULTIBOOT2_BOOT_MAGIC, MB2_BASE,
				  fake_read_phys, &bi, &why));
	EXPECT_TRUE(has_reserved(MB2_BASE, MB2_BASE + total, "multiboot2 info"));
}

HTEST(mb2_total_size_beyond_readable_memory)
{
	mb2_begin();
	mb2b_string(&b, MBT2_TAG_CMDLINE, "abc");
	mb2b_finish(&b);
	mb2b_put32(mb2buf, 4096);	/* claims more than is mapped */
	expect_error(parse2_at(MB2_BASE, 32), EINVAL, "size");
}

HTEST(mb2_info_unreadable)
{
	fake_reset();
	expect_error(multiboot_parse(MULTIBOOT2_BOOT_MAGIC, UNMAPPED,
				     fake_read_phys, &bi, &why),
		     EFAULT, "not readable");
	/* 4 readable bytes: not even the fixed part */
	fake_map(MB2_BASE, 4);
	expect_error(multiboot_parse(MULTIBOOT2_BOOT_MAGIC, MB2_BASE,
				     fake_read_phys, &bi, &why),
		     EFAULT, "not readable");
}

HTEST(mb2_tag_size_below_8_is_an_error)
{
	static const u32 sizes[] = { 0, 1, 4, 7 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		mb2_begin();
		mb2b_tag_raw(&b, MBT2_TAG_CMDLINE, sizes[i], "abcdefg", 8);
		expect_error(parse2(), EINVAL, "tag");
	}
}

HTEST(mb2_tag_running_past_the_end_is_an_error)
{
	static const u32 sizes[] = { 25, 100, 0x100000, 0xfffffff8,
				     0xffffffff };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		mb2_begin();
		/* 8 header + 16 tag + 8 end tag = 32 bytes */
		mb2b_tag_raw(&b, MBT2_TAG_CMDLINE, sizes[i], "abcdefg", 8);
		expect_error(parse2(), EINVAL, "tag");
	}
}

HTEST(mb2_tag_ending_exactly_at_the_end_then_no_end_tag)
{
	mb2_begin();
	mb2b_string(&b, MBT2_TAG_LOADER_NAME, "abcdefg");	/* 16 bytes */
	expect_error(parse2_at(MB2_BASE, mb2b_finish_opt(&b, 0)), EINVAL,
		     "end tag");
	EXPECT_STR_EQ(bi.loader_name, "abcdefg");
}

HTEST(mb2_missing_end_tag_is_an_error)
{
	mb2_begin();
	mb2b_string(&b, MBT2_TAG_CMDLINE, "a");
	mb2b_tag(&b, 0x4242, "xx", 2);
	expect_error(parse2_at(MB2_BASE, mb2b_finish_opt(&b, 0)), EINVAL,
		     "end tag");

	/* total_size not a multiple of 8: 4 stray bytes after the tags */
	mb2_begin();
	mb2b_string(&b, MBT2_TAG_CMDLINE, "a");
	b.len += 4;
	expect_error(parse2_at(MB2_BASE, mb2b_finish_opt(&b, 0)), EINVAL,
		     "end tag");
}

HTEST(mb2_tags_after_the_end_tag_are_ignored)
{
	u32 total;

	mb2_begin();
	mb2b_string(&b, MBT2_TAG_LOADER_NAME, "before");
	mb2b_tag(&b, MBT2_TAG_END, NULL, 0);
	mb2b_string(&b, MBT2_TAG_CMDLINE, "after");
	total = mb2b_finish_opt(&b, 0);
	expect_ok(parse2_at(MB2_BASE, total));
	EXPECT_STR_EQ(bi.loader_name, "before");
	EXPECT_STR_EQ(bi.cmdline, "");
	/* the whole structure is still reserved */
	EXPECT_TRUE(has_reserved(MB2_BASE, MB2_BASE + total, "multiboot2 info"));
}

HTEST(mb2_unknown_and_unaligned_tags_are_skipped)
{
	u8 fb[24];

	memset(fb, 0xab, sizeof(fb));
	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_FRAMEBUFFER, fb, sizeof(fb));
	mb2b_tag(&b, 0xffffffff, "odd", 3);		/* size 11, pad 5 */
	mb2b_tag(&b, 0x12345, NULL, 0);			/* size 8 */
	mb2b_string(&b, MBT2_TAG_CMDLINE, "1234");	/* size 13 */
	mb2b_string(&b, MBT2_TAG_LOADER_NAME, "L");
	expect_ok(parse2());
	EXPECT_STR_EQ(bi.cmdline, "1234");
	EXPECT_STR_EQ(bi.loader_name, "L");
}

HTEST(mb2_cmdline_truncated_with_full_length)
{
	static char big[3001];

	memset(big, 'c', 3000);
	big[3000] = '\0';
	mb2_begin();
	mb2b_string(&b, MBT2_TAG_CMDLINE, big);
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.cmdline_full_len, 3000);
	EXPECT_UINT_EQ(strlen(bi.cmdline), COMMAND_LINE_SIZE - 1);
}

HTEST(mb2_cmdline_without_nul_stops_at_the_tag)
{
	u32 off;

	mb2_begin();
	off = mb2b_tag(&b, MBT2_TAG_CMDLINE, "abc", 3);	/* no NUL */
	memset(mb2buf + off + 11, 'X', 5);		/* dirty padding */
	expect_ok(parse2());
	EXPECT_STR_EQ(bi.cmdline, "abc");
	EXPECT_UINT_EQ(bi.cmdline_full_len, 3);

	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_CMDLINE, NULL, 0);	/* empty body */
	expect_ok(parse2());
	EXPECT_STR_EQ(bi.cmdline, "");
	EXPECT_UINT_EQ(bi.cmdline_full_len, 0);
}

HTEST(mb2_cmdline_without_nul_at_the_very_end)
{
	static char big[2100];

	/* a 2100-byte unterminated command line, then the end tag */
	memset(big, 'z', sizeof(big));
	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_CMDLINE, big, sizeof(big));
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.cmdline_full_len, sizeof(big));
	EXPECT_UINT_EQ(strlen(bi.cmdline), COMMAND_LINE_SIZE - 1);
}

HTEST(mb2_loader_name_truncated)
{
	char name[101];

	memset(name, 'n', 100);
	name[100] = '\0';
	mb2_begin();
	mb2b_string(&b, MBT2_TAG_LOADER_NAME, name);
	expect_ok(parse2());
	EXPECT_UINT_EQ(strlen(bi.loader_name), sizeof(bi.loader_name) - 1);
}

HTEST(mb2_short_module_tag_is_ignored)
{
	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_MODULE, "\x00\x00\x40\x00", 4);
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.nr_modules, 0);
	EXPECT_UINT_EQ(bi.nr_reserved, 1);
}

HTEST(mb2_many_modules_do_not_overflow_the_table)
{
	mb2_begin();
	for (unsigned int i = 0; i < 3 * BOOT_MAX_RESERVED; i++)
		mb2b_module(&b, 0x1000000 + 0x10000 * i,
			    0x1000000 + 0x10000 * i + 0x1000, "m");
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.nr_reserved, BOOT_MAX_RESERVED);
	EXPECT_STR_EQ(bi.reserved[0].what, "multiboot2 info");
}

HTEST(mb2_basic_meminfo)
{
	mb2_begin();
	mb2b_meminfo(&b, 639, 0xffffffff);
	expect_ok(parse2());
	EXPECT_STR_EQ(bi.mem_map_source, "Multiboot2 basic meminfo");
	ASSERT_TRUE(bi.mem_map_nr == 2);
	EXPECT_MAP(0, 0, 639 * 1024, E820_TYPE_RAM);
	EXPECT_MAP(1, 0x100000, 0xffffffffULL * 1024, E820_TYPE_RAM);

	/* too short: ignored */
	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_BASIC_MEMINFO, "\1\0\0\0", 4);
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.mem_map_nr, 0);
	EXPECT_TRUE(bi.mem_map_source == NULL);
}

HTEST(mb2_mmap_wins_over_meminfo_in_either_order)
{
	struct mbt2_mmap_entry e = { 0x100000, 0x100000, 1, 0 };

	for (int order = 0; order < 2; order++) {
		mb2_begin();
		if (order)
			mb2b_mmap(&b, 24, &e, 1);
		mb2b_meminfo(&b, 639, 1024);
		if (!order)
			mb2b_mmap(&b, 24, &e, 1);
		expect_ok(parse2());
		EXPECT_STR_EQ(bi.mem_map_source, "Multiboot2 memory map");
		ASSERT_TRUE(bi.mem_map_nr == 1);
		EXPECT_MAP(0, 0x100000, 0x100000, 1);
	}
}

HTEST(mb2_mmap_larger_entry_size_strides)
{
	struct mbt2_mmap_entry map[3] = {
		{ 0, 0x1000, 1, 0 }, { 0x1000, 0x1000, 3, 0 },
		{ 0x2000, 0x1000, 0, 0 },
	};

	mb2_begin();
	mb2b_mmap(&b, 40, map, 3);
	expect_ok(parse2());
	ASSERT_TRUE(bi.mem_map_nr == 3);
	EXPECT_MAP(0, 0, 0x1000, 1);
	EXPECT_MAP(1, 0x1000, 0x1000, 3);
	EXPECT_MAP(2, 0x2000, 0x1000, E820_TYPE_RESERVED);	/* type 0 */
}

HTEST(mb2_mmap_small_entry_size_is_an_error)
{
	static const u32 sizes[] = { 0, 1, 8, 16, 20, 23 };
	struct mbt2_mmap_entry e = { 0, 0x1000, 1, 0 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		mb2_begin();
		mb2b_mmap(&b, 24, &e, 1);
		mb2b_put32(mb2buf + 8 + 8, sizes[i]);	/* entry_size */
		expect_error(parse2(), EINVAL, "entry size");
	}
}

HTEST(mb2_mmap_tag_too_short_for_its_header)
{
	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_MMAP, NULL, 0);
	expect_error(parse2(), EINVAL, "memory map");

	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_MMAP, "\x18\0\0\0", 4);	/* entry_size only */
	expect_error(parse2(), EINVAL, "memory map");
}

HTEST(mb2_mmap_partial_and_missing_entries)
{
	struct mbt2_mmap_entry map[2] = { { 0, 0x1000, 1, 0 },
					  { 0x1000, 0x1000, 1, 0 } };

	u8 body[8 + 24 + 10];

	/* the second entry is cut short by the tag size */
	mb2b_put32(body, 24);
	mb2b_put32(body + 4, 0);
	memcpy(body + 8, &map[0], 24);
	memcpy(body + 32, &map[1], 10);
	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_MMAP, body, sizeof(body));
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.mem_map_nr, 1);

	/* no entries at all */
	mb2_begin();
	mb2b_mmap(&b, 24, map, 0);
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.mem_map_nr, 0);
	EXPECT_STR_EQ(bi.mem_map_source, "Multiboot2 memory map");

	/* entry_size larger than the whole tag */
	mb2_begin();
	mb2b_mmap(&b, 24, map, 1);
	mb2b_put32(mb2buf + 8 + 8, 4096);
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.mem_map_nr, 0);
}

HTEST(mb2_mmap_too_many_entries_are_counted)
{
	static struct mbt2_mmap_entry map[E820_MAX_ENTRIES + 7];

	for (unsigned int i = 0; i < ARRAY_SIZE(map); i++)
		map[i] = (struct mbt2_mmap_entry){ 0x2000ULL * i, 0x1000, 1, 0 };
	mb2_begin();
	mb2b_mmap(&b, 24, map, ARRAY_SIZE(map));
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.mem_map_nr, E820_MAX_ENTRIES);
	EXPECT_UINT_EQ(bi.mem_map_dropped, 7);
	EXPECT_MAP(E820_MAX_ENTRIES - 1, 0x2000ULL * (E820_MAX_ENTRIES - 1),
		   0x1000, 1);
}

/* A second map replaces the first: its dropped count must go too. */
HTEST(mb2_second_mmap_replaces_the_first)
{
	static struct mbt2_mmap_entry map[E820_MAX_ENTRIES + 2];

	for (unsigned int i = 0; i < ARRAY_SIZE(map); i++)
		map[i] = (struct mbt2_mmap_entry){ 0x2000ULL * i, 0x1000, 1, 0 };
	mb2_begin();
	mb2b_mmap(&b, 24, map, ARRAY_SIZE(map));
	mb2b_mmap(&b, 24, map + 5, 3);
	expect_ok(parse2());
	ASSERT_TRUE(bi.mem_map_nr == 3);
	EXPECT_MAP(0, 0xa000, 0x1000, 1);
	EXPECT_UINT_EQ(bi.mem_map_dropped, 0);
}

/*
 * entry_size near 2^32 in the last tag: "e + entry_size" must not wrap
 * into a read of 24 bytes past the tag (and past the structure).
 */
static void
mb2_huge_entry_size_body(void)
{
	static const u32 sizes[] = { 0xffffffff, 0xfffffff8, 0xffffffe8 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 body[8];
		int rc;

		mb2b_put32(body, sizes[i]);
		mb2b_put32(body + 4, 0);
		mb2_begin();
		mb2b_tag(&b, MBT2_TAG_MMAP, body, 8);	/* header, no entry */
		rc = parse2();
		EXPECT_TRUE(rc == 0 || (rc == -EINVAL && why));
		EXPECT_UINT_EQ(bi.mem_map_nr, 0);
	}
}

HTEST(mb2_mmap_huge_entry_size_stays_inside_the_tag)
{
	EXPECT_ISOLATED(mb2_huge_entry_size_body, 3);
}

HTEST(mb2_acpi_new_tag_wins_in_either_order)
{
	u8 v1[RSDP_V2_SIZE], v2[RSDP_V2_SIZE];

	rsdp_build(v1, 0, "OLDOEM", 0x1111, 0);
	rsdp_build(v2, 2, "NEWOEM", 0x2222, 0x3333);
	for (int order = 0; order < 2; order++) {
		u32 new_off;

		mb2_begin();
		if (order)
			mb2b_tag(&b, MBT2_TAG_ACPI_OLD, v1, RSDP_V1_SIZE);
		new_off = mb2b_tag(&b, MBT2_TAG_ACPI_NEW, v2, RSDP_V2_SIZE);
		if (!order)
			mb2b_tag(&b, MBT2_TAG_ACPI_OLD, v1, RSDP_V1_SIZE);
		expect_ok(parse2());
		EXPECT_UINT_EQ(bi.rsdp_len, RSDP_V2_SIZE);
		EXPECT_INT_EQ(memcmp(bi.rsdp, v2, RSDP_V2_SIZE), 0);
		EXPECT_UINT_EQ(bi.rsdp_phys, MB2_BASE + new_off + 8);
		EXPECT_STR_EQ(bi.rsdp_source, "Multiboot2 ACPI 2.0 tag");
	}
}

HTEST(mb2_acpi_old_tag_alone)
{
	u8 v1[RSDP_V2_SIZE];
	u32 off;

	rsdp_build(v1, 0, "BOCHS", 0x7fe1234, 0);
	mb2_begin();
	off = mb2b_tag(&b, MBT2_TAG_ACPI_OLD, v1, RSDP_V1_SIZE);
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.rsdp_len, RSDP_V1_SIZE);
	EXPECT_INT_EQ(memcmp(bi.rsdp, v1, RSDP_V1_SIZE), 0);
	EXPECT_UINT_EQ(bi.rsdp_phys, MB2_BASE + off + 8);
	EXPECT_STR_EQ(bi.rsdp_source, "Multiboot2 ACPI 1.0 tag");
	EXPECT_TRUE(acpi_rsdp_valid(bi.rsdp, bi.rsdp_len));
}

HTEST(mb2_acpi_short_tags_are_ignored)
{
	u8 v1[RSDP_V2_SIZE], v2[RSDP_V2_SIZE];

	rsdp_build(v1, 0, "OLD", 1, 0);
	rsdp_build(v2, 2, "NEW", 2, 3);
	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_ACPI_NEW, v2, 19);
	mb2b_tag(&b, MBT2_TAG_ACPI_OLD, v1, 12);
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.rsdp_len, 0);

	/* a useless new tag must not shadow a good old one */
	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_ACPI_NEW, v2, 8);
	mb2b_tag(&b, MBT2_TAG_ACPI_OLD, v1, RSDP_V1_SIZE);
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.rsdp_len, RSDP_V1_SIZE);
	EXPECT_STR_EQ(bi.rsdp_source, "Multiboot2 ACPI 1.0 tag");
}

HTEST(mb2_acpi_long_tag_is_cut_to_36_bytes)
{
	u8 body[64];

	memset(body, 0x77, sizeof(body));
	rsdp_build(body, 2, "LONG", 5, 6);
	mb2_begin();
	mb2b_tag(&b, MBT2_TAG_ACPI_NEW, body, sizeof(body));
	expect_ok(parse2());
	EXPECT_UINT_EQ(bi.rsdp_len, ACPI_RSDP_MAX_LEN);
	EXPECT_INT_EQ(memcmp(bi.rsdp, body, ACPI_RSDP_MAX_LEN), 0);
}

/*
 * The specification puts the structure on an 8-byte boundary; a loader
 * that does not must get an error or a clean parse, never undefined
 * behaviour (misaligned u32 loads are UB in C even where x86 allows them).
 */
static void
mb2_misaligned_body(void)
{
	struct mbt2_mmap_entry e = { 0x100000, 0x100000, 1, 0 };
	u32 total;
	int rc;

	mb2_begin();
	mb2b_meminfo(&b, 639, 1024);
	mb2b_module(&b, 0x400000, 0x401000, "m");
	mb2b_mmap(&b, 24, &e, 1);
	total = mb2b_finish(&b);
	/* 2 bytes into a (16-byte aligned) host buffer */
	fake_reset();
	memcpy(fake_map(MB2_BASE, total + 2) + 2, mb2buf, total);
	rc = multiboot_parse(MULTIBOOT2_BOOT_MAGIC, MB2_BASE + 2,
			     fake_read_phys, &bi, &why);
	EXPECT_TRUE(rc == 0 || (rc < 0 && why));
}

HTEST(mb2_misaligned_structure_is_handled)
{
	EXPECT_ISOLATED(mb2_misaligned_body, 3);
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
	HTEST_CASE(mb2_full_structure),
	HTEST_CASE(mb2_map_sanitizes_cleanly),
	HTEST_CASE(mb2_end_tag_only),
	HTEST_CASE(mb2_total_size_too_small),
	HTEST_CASE(mb2_total_size_too_large),
	HTEST_CASE(mb2_total_size_of_exactly_1mib_is_fine),
	HTEST_CASE(mb2_total_size_beyond_readable_memory),
	HTEST_CASE(mb2_info_unreadable),
	HTEST_CASE(mb2_tag_size_below_8_is_an_error),
	HTEST_CASE(mb2_tag_running_past_the_end_is_an_error),
	HTEST_CASE(mb2_tag_ending_exactly_at_the_end_then_no_end_tag),
	HTEST_CASE(mb2_missing_end_tag_is_an_error),
	HTEST_CASE(mb2_tags_after_the_end_tag_are_ignored),
	HTEST_CASE(mb2_unknown_and_unaligned_tags_are_skipped),
	HTEST_CASE(mb2_cmdline_truncated_with_full_length),
	HTEST_CASE(mb2_cmdline_without_nul_stops_at_the_tag),
	HTEST_CASE(mb2_cmdline_without_nul_at_the_very_end),
	HTEST_CASE(mb2_loader_name_truncated),
	HTEST_CASE(mb2_short_module_tag_is_ignored),
	HTEST_CASE(mb2_many_modules_do_not_overflow_the_table),
	HTEST_CASE(mb2_basic_meminfo),
	HTEST_CASE(mb2_mmap_wins_over_meminfo_in_either_order),
	HTEST_CASE(mb2_mmap_larger_entry_size_strides),
	HTEST_CASE(mb2_mmap_small_entry_size_is_an_error),
	HTEST_CASE(mb2_mmap_tag_too_short_for_its_header),
	HTEST_CASE(mb2_mmap_partial_and_missing_entries),
	HTEST_CASE(mb2_mmap_too_many_entries_are_counted),
	HTEST_CASE(mb2_second_mmap_replaces_the_first),
	HTEST_CASE(mb2_mmap_huge_entry_size_stays_inside_the_tag),
	HTEST_CASE(mb2_acpi_new_tag_wins_in_either_order),
	HTEST_CASE(mb2_acpi_old_tag_alone),
	HTEST_CASE(mb2_acpi_short_tags_are_ignored),
	HTEST_CASE(mb2_acpi_long_tag_is_cut_to_36_bytes),
	HTEST_CASE(mb2_misaligned_structure_is_handled),
)
