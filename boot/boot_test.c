/*
 * boot/boot_test.c - ktest suite "boot": what the boot loader told us.
 *
 * Teaches: a test can know what to expect without trusting the code under
 * test.  The harness says how it booted the machine
 * (ktest.boot=kernel|bios|uefi); from that alone we know which Multiboot
 * protocol must have been used and where the ACPI RSDP must have come
 * from.
 * Linux counterpart: none.
 */
#include "boot/bootinfo.h"
#include "drivers/acpi_rsdp.h"
#include "kernel/ktest.h"
#include "lib/string.h"

static void
protocol_matches_boot_method(struct ktest *t)
{
	KT_EXPECT_TRUE(t, boot_info.protocol == 1 || boot_info.protocol == 2);
	if (!ktest_boot[0])
		ktest_skip(t, "no ktest.boot from the harness");
	/* QEMU's -kernel speaks Multiboot 1; our GRUB entry uses multiboot2. */
	KT_EXPECT_EQ(t, boot_info.protocol, strcmp(ktest_boot, "kernel") ? 2 : 1);
}

static void
rsdp_found_where_expected(struct ktest *t)
{
	KT_ASSERT_GE(t, boot_info.rsdp_len, 20);
	KT_EXPECT_TRUE(t, acpi_rsdp_valid(boot_info.rsdp, boot_info.rsdp_len));
	KT_EXPECT_TRUE(t, !memcmp(boot_info.rsdp, "RSD PTR ", 8));
	if (!ktest_boot[0])
		ktest_skip(t, "no ktest.boot from the harness");
	if (!strcmp(ktest_boot, "uefi"))	/* no BIOS area to scan */
		KT_EXPECT_TRUE(t, strstr(boot_info.rsdp_source, "Multiboot2"));
	if (!strcmp(ktest_boot, "kernel"))	/* Multiboot 1 has no tag */
		KT_EXPECT_STREQ(t, boot_info.rsdp_source, "BIOS area scan");
}

static void
memory_map_present(struct ktest *t)
{
	KT_EXPECT_GT(t, boot_info.mem_map_nr, 1);
	KT_EXPECT_EQ(t, boot_info.mem_map_dropped, 0);
	KT_ASSERT_TRUE(t, boot_info.mem_map_source != NULL);
	KT_EXPECT_TRUE(t, strstr(boot_info.mem_map_source, "memory map") != NULL);
}

/* The harness's own parameters reached us, so the command line works. */
static void
command_line_arrived(struct ktest *t)
{
	size_t len = strlen(boot_info.cmdline);

	KT_EXPECT_TRUE(t, strstr(boot_info.cmdline, "ktest=") != NULL);
	/* Kept whole when it fits, else cut to the buffer: never more. */
	if (boot_info.cmdline_full_len < COMMAND_LINE_SIZE)
		KT_EXPECT_EQ(t, len, boot_info.cmdline_full_len);
	else
		KT_EXPECT_EQ(t, len, COMMAND_LINE_SIZE - 1);
}

KTEST_SUITE(boot,
	KTEST_CASE(protocol_matches_boot_method),
	KTEST_CASE(rsdp_found_where_expected),
	KTEST_CASE(memory_map_present),
	KTEST_CASE(command_line_arrived));
