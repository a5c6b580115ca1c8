/*
 * tests/host/test_multiboot2.c - host tests for boot/multiboot.c:
 * Multiboot 2 parsing, its tags and hostile structures.
 *
 * Teaches: how a Multiboot 2 loader describes the machine (a list of
 * tags), and that a parser of loader data must survive every lie: sizes
 * that run past the end, tags without an end tag, entry sizes near 2^32,
 * misaligned structures. Structures are built byte by byte from the
 * specification (tests/host/mb_build.h) in a fake physical memory
 * (tests/host/fake_phys.h) whose regions are exactly as large as their
 * contents, so AddressSanitizer sees any overread. Cases that could hang
 * or crash on a parser bug run in a child process
 * (tests/host/host_isolate.h). Shared checks: tests/host/mb_expect.h;
 * the magic and Multiboot 1: tests/host/test_multiboot1.c.
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

/* Multiboot 2: the structure is a region of exactly total_size bytes. */
#define MB2_BASE	0x200000

static u8 mb2buf[16384] __aligned(8);
static struct mb2_builder b;

/* ---- helpers ---- */

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
	EXPECT_STR_EQ(bi.image_path, "/boot/pagoda.elf");
	EXPECT_STR_EQ(bi.cmdline, "console=ttyS0 loglevel=7");
	EXPECT_UINT_EQ(bi.cmdline_full_len, strlen("console=ttyS0 loglevel=7"));
	EXPECT_STR_EQ(bi.loader_name, "GRUB 2.06");
	EXPECT_STR_EQ(bi.mem_map_source, "Multiboot2 memory map");
	ASSERT_TRUE(bi.mem_map_nr == 4);
	EXPECT_MAP(0, 0, 0x9fc00, 1);
	EXPECT_MAP(1, 0x9fc00, 0x400, 2);
	EXPECT_MAP(2, 0x100000, 0x7ee0000, 1);
	EXPECT_MAP(3, 0xfffc0000, 0x40000, 2);
	EXPECT_UINT_EQ(bi.nr_modules, 2);
	/* The first module is the initrd (kernel/initrd.c). */
	EXPECT_UINT_EQ(bi.initrd_start, 0x400000);
	EXPECT_UINT_EQ(bi.initrd_end, 0x480000);
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
	EXPECT_UINT_EQ(bi.initrd_end, 0);
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
