/*
 * arch/x86/e820_test.c - ktest suite "e820": the sanitized memory map.
 *
 * The live map must satisfy the invariants sanitizing promises; crafted
 * maps check the repair rules on the kernel build (the host tests in
 * tests/host/test_e820.c feed hostile maps by the thousand).
 */
#include "arch/x86/boot_layout.h"
#include "arch/x86/e820.h"
#include "kernel/ktest.h"
#include "lib/string.h"

static void
live_map_is_sorted_and_disjoint(struct ktest *t)
{
	KT_ASSERT_GE(t, e820_table.nr_entries, 1);
	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		KT_EXPECT_GT(t, e->size, 0);
		if (i) {
			const struct e820_entry *p = &e820_table.entries[i - 1];

			KT_EXPECT_LE(t, p->addr + p->size, e->addr);
			/* Touching neighbours of one type are merged. */
			if (p->addr + p->size == e->addr)
				KT_EXPECT_NE(t, p->type, e->type);
		}
	}
}

/* QEMU gives RAM below 640 KiB and from 1 MiB up; the harness says how much. */
static void
live_map_matches_machine(struct ktest *t)
{
	u64 ram = e820_total(&e820_table, E820_TYPE_RAM);
	u64 expect = (u64)ktest_mem_mb << 20;

	/* As on Linux, the first page is taken from RAM for the BIOS. */
	KT_EXPECT_EQ(t, e820_table.entries[0].addr, 0);
	KT_EXPECT_EQ(t, e820_table.entries[0].type, E820_TYPE_RESERVED);
	KT_EXPECT_EQ(t, e820_table.entries[1].addr, PAGE_SIZE);
	KT_EXPECT_EQ(t, e820_table.entries[1].type, E820_TYPE_RAM);
	if (!ktest_mem_mb)
		ktest_skip(t, "no ktest.mem_mb from the harness");
	KT_EXPECT_LE(t, ram, expect);
	KT_EXPECT_GE(t, ram, expect - expect / 64 - (8 << 20));
}

static void
overlap_goes_to_higher_type(struct ktest *t)
{
	struct e820_entry map[8] = {
		{ 0x100000, 0x400000, E820_TYPE_RAM },
		{ 0x200000, 0x100000, E820_TYPE_RESERVED },
	};
	struct e820_sanitize_report rep;
	unsigned int n = e820_sanitize(map, 2, 8, &rep);

	KT_ASSERT_EQ(t, n, 3);
	KT_EXPECT_EQ(t, map[0].addr, 0x100000);
	KT_EXPECT_EQ(t, map[0].size, 0x100000);
	KT_EXPECT_EQ(t, map[1].type, E820_TYPE_RESERVED);
	KT_EXPECT_EQ(t, map[2].addr, 0x300000);
	KT_EXPECT_EQ(t, map[2].size, 0x200000);
	KT_EXPECT_EQ(t, map[2].type, E820_TYPE_RAM);
	KT_EXPECT_EQ(t, rep.overlaps, 1);
}

static void
junk_is_dropped_and_neighbours_merged(struct ktest *t)
{
	struct e820_entry map[8] = {
		{ 0x5000, 0x1000, E820_TYPE_RAM },
		{ 0x1000, 0, E820_TYPE_RAM },			/* empty */
		{ 0x4000, 0x1000, E820_TYPE_RAM },		/* unsorted */
		{ 0xfffffffffffff000ULL, 0x2000, E820_TYPE_RAM },	/* wraps */
		{ 0x000ffffffffff000ULL, 0x10000, E820_TYPE_RAM },	/* past 2^52 */
	};
	struct e820_sanitize_report rep;
	unsigned int n = e820_sanitize(map, 5, 8, &rep);

	KT_ASSERT_EQ(t, n, 2);
	KT_EXPECT_EQ(t, map[0].addr, 0x4000);
	KT_EXPECT_EQ(t, map[0].size, 0x2000);
	KT_EXPECT_EQ(t, map[1].addr, 0x000ffffffffff000ULL);
	KT_EXPECT_EQ(t, map[1].size, 0x1000);
	KT_EXPECT_EQ(t, rep.zero_length, 1);
	KT_EXPECT_EQ(t, rep.absurd, 2);
}

static void
type_names(struct ktest *t)
{
	char buf[32];

	KT_EXPECT_STREQ(t, e820_type_name(E820_TYPE_RAM, buf, sizeof(buf)), "usable");
	KT_EXPECT_STREQ(t, e820_type_name(E820_TYPE_ACPI, buf, sizeof(buf)), "ACPI data");
	KT_EXPECT_STREQ(t, e820_type_name(E820_TYPE_NVS, buf, sizeof(buf)), "ACPI NVS");
	KT_EXPECT_STREQ(t, e820_type_name(7, buf, sizeof(buf)), "persistent (type 7)");
	KT_EXPECT_STREQ(t, e820_type_name(99, buf, sizeof(buf)), "type 99");
}

KTEST_SUITE(e820,
	KTEST_CASE(live_map_is_sorted_and_disjoint),
	KTEST_CASE(live_map_matches_machine),
	KTEST_CASE(overlap_goes_to_higher_type),
	KTEST_CASE(junk_is_dropped_and_neighbours_merged),
	KTEST_CASE(type_names));
