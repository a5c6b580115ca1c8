/*
 * arch/x86/e820_test.c - ktest suite "e820": the sanitized memory map.
 *
 * Teaches: what sanitizing the firmware's map promises (sorted, no
 * overlaps, no empty entries) is checked twice: on the live map of this
 * boot, and on crafted maps that exercise the repair rules on the kernel
 * build (the host tests in tests/host/test_e820.c feed hostile maps by
 * the thousand).
 * Linux counterpart: none.
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

/*
 * Where the machine's RAM goes.  Each number is a fact of the QEMU q35
 * machine or of its firmware, none a constant of our code, and none grows
 * with the size of the machine (a tolerance that did let 264 MiB vanish
 * unnoticed on 16 GiB):
 *
 * - QEMU puts the RAM below 4 GiB, up to 2 GiB if the machine has
 *   2.75 GiB or more (all of it otherwise), and the rest from 4 GiB up:
 *   the PCI hole below 4 GiB costs no RAM, it moves it.
 * - [640 KiB, 1 MiB) is the legacy VGA and ROM window: never RAM.
 * - Page 0 is reserved for the BIOS by us, as by Linux.
 * - The firmware keeps some RAM and says so with entries of other types.
 *   SeaBIOS (boot methods kernel and bios): its EBDA just below 640 KiB
 *   (1 KiB; it grows only for option ROMs, and -nodefaults has none) and
 *   its "high" zone for tables at the top of the low RAM (at most 256 KiB,
 *   SeaBIOS's BUILD_MAX_HIGHTABLE); 64 KiB + 256 KiB are allowed.  OVMF
 *   (uefi): its runtime code and data, ACPI tables and NVS variables,
 *   about 5.5 MiB on a 2 GiB machine (the entries of a boot log, added by
 *   hand); 16 MiB are allowed.
 */
#define LEGACY_WINDOW_START	0xa0000ULL
#define LEGACY_WINDOW_END	0x100000ULL
#define SEABIOS_KEEPS_MAX	((64ULL + 256) << 10)
#define OVMF_KEEPS_MAX		(16ULL << 20)

static u64
overlap(u64 a_start, u64 a_end, u64 b_start, u64 b_end)
{
	u64 s = max(a_start, b_start), e = min(a_end, b_end);

	return e > s ? e - s : 0;
}

/* Bytes of [start, end) that are RAM on a QEMU q35 machine of `mem` bytes. */
static u64
qemu_ram_in(u64 mem, u64 start, u64 end)
{
	u64 low = mem >= 0xb0000000ULL ? 0x80000000ULL : mem;
	u64 high = mem - low;

	return overlap(start, end, 0, LEGACY_WINDOW_START) +
	       overlap(start, end, LEGACY_WINDOW_END, low) +
	       overlap(start, end, 4ULL << 30, (4ULL << 30) + high);
}

static void
live_map_matches_machine(struct ktest *t)
{
	u64 ram = e820_total(&e820_table, E820_TYPE_RAM);
	u64 expect = (u64)ktest_mem_mb << 20;
	u64 legacy = LEGACY_WINDOW_END - LEGACY_WINDOW_START;
	u64 firmware = strcmp(ktest_boot, "kernel") && strcmp(ktest_boot, "bios")
		       ? OVMF_KEEPS_MAX : SEABIOS_KEEPS_MAX;
	u64 described = 0;

	/* As on Linux, the first page is taken from RAM for the BIOS. */
	KT_EXPECT_EQ(t, e820_table.entries[0].addr, 0);
	KT_EXPECT_EQ(t, e820_table.entries[0].type, E820_TYPE_RESERVED);
	KT_EXPECT_EQ(t, e820_table.entries[1].addr, PAGE_SIZE);
	KT_EXPECT_EQ(t, e820_table.entries[1].type, E820_TYPE_RAM);
	if (!ktest_mem_mb)
		ktest_skip(t, "no ktest.mem_mb from the harness");
	for (unsigned int i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 in_ram = qemu_ram_in(expect, e->addr, e->addr + e->size);

		/* Usable memory only where the machine has RAM... */
		if (e->type == E820_TYPE_RAM)
			KT_EXPECT_EQ(t, in_ram, e->size);
		described += in_ram;
	}
	/* ...and every byte of its RAM is in the map, usable or not. */
	KT_EXPECT_EQ(t, described, expect - legacy);
	/* What is not usable: page 0, the legacy window and the firmware's. */
	KT_EXPECT_LE(t, ram, expect - legacy - PAGE_SIZE);
	KT_EXPECT_GE(t, ram, expect - legacy - PAGE_SIZE - firmware);
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
