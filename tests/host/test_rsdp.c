/*
 * tests/host/test_rsdp.c - host tests for drivers/acpi_rsdp.c.
 *
 * Teaches: how a BIOS machine's ACPI root is found - the "RSD PTR "
 * signature on a 16-byte boundary in the first KiB of the EBDA (whose
 * segment the BIOS data area keeps at 0x40E) or in 0xE0000-0xFFFFF, and
 * trusted only if its checksums add up. The first MiB of a fake physical
 * memory (tests/host/fake_phys.h) plays the machine.
 * Linux counterpart: none in-tree (acpi_find_root_pointer is tested by
 * booting).
 */
#include <stdlib.h>

#include "boot/bootinfo.h"
#include "drivers/acpi_rsdp.h"
#include "lib/string.h"
#include "tests/host/fake_phys.h"
#include "tests/host/host_isolate.h"
#include "tests/host/host_printk.h"
#include "tests/host/htest.h"
#include "tests/host/mb_build.h"

#define EBDA_SEG_PTR	0x40e
#define EBDA		0x9fc00		/* segment 0x9fc0, as QEMU's SeaBIOS */

static struct boot_info bi;

/* A machine: the first MiB readable, the EBDA pointer set. */
static void
machine(u16 ebda_segment)
{
	fake_reset();
	fake_map(0, 0x100000);
	fake_write(EBDA_SEG_PTR, &ebda_segment, 2);
	memset(&bi, 0, sizeof(bi));
}

/* Put a valid RSDP (20 bytes for revision < 2, else 36) at addr. */
static void
put_rsdp(phys_addr_t addr, u8 revision, const char *oem)
{
	u8 r[RSDP_V2_SIZE];

	rsdp_build(r, revision, oem, 0x7fe1234, 0x7fe5678);
	fake_write(addr, r, revision >= 2 ? RSDP_V2_SIZE : RSDP_V1_SIZE);
}

static bool
find(void)
{
	return acpi_find_rsdp_bios(fake_read_phys, &bi);
}

#define EXPECT_FOUND_AT(addr, len)					\
	do {								\
		EXPECT_UINT_EQ(bi.rsdp_phys, (addr));			\
		EXPECT_UINT_EQ(bi.rsdp_len, (len));			\
		EXPECT_STR_EQ(bi.rsdp_source, "BIOS area scan");	\
		EXPECT_INT_EQ(memcmp(bi.rsdp, fake_ptr((addr), (len)),	\
				     (len)), 0);			\
	} while (0)

/* ---- acpi_rsdp_valid ---- */

HTEST(valid_v1)
{
	u8 r[RSDP_V2_SIZE];

	rsdp_build(r, 0, "BOCHS", 1, 0);
	EXPECT_TRUE(acpi_rsdp_valid(r, 20));
	EXPECT_TRUE(acpi_rsdp_valid(r, 36));
	rsdp_build(r, 1, "BOCHS", 1, 0);	/* revision 1 never existed */
	EXPECT_TRUE(acpi_rsdp_valid(r, 20));
}

HTEST(valid_v2_and_later)
{
	u8 r[64];

	for (u8 rev = 2; rev <= 6; rev++) {
		memset(r, 0xcc, sizeof(r));
		rsdp_build(r, rev, "OEMID", 1, 0x123456789ULL);
		EXPECT_TRUE(acpi_rsdp_valid(r, 36));
		EXPECT_TRUE(acpi_rsdp_valid(r, 64));	/* room to spare */
	}
}

HTEST(any_flipped_byte_breaks_a_v1)
{
	u8 r[RSDP_V2_SIZE];

	for (unsigned int i = 0; i < RSDP_V1_SIZE; i++) {
		rsdp_build(r, 0, "BOCHS", 1, 0);
		r[i] ^= 0x01;
		if (acpi_rsdp_valid(r, 20)) {
			EXPECT_FALSE(acpi_rsdp_valid(r, 20));
			printf("# byte %u\n", i);
		}
	}
}

HTEST(any_flipped_byte_breaks_a_v2)
{
	u8 r[RSDP_V2_SIZE];

	for (unsigned int i = 0; i < RSDP_V2_SIZE; i++) {
		rsdp_build(r, 2, "BOCHS", 1, 2);
		r[i] ^= 0x10;
		if (acpi_rsdp_valid(r, 36)) {
			EXPECT_FALSE(acpi_rsdp_valid(r, 36));
			printf("# byte %u\n", i);
		}
	}
}

HTEST(v1_checksum_alone_does_not_make_a_v2_valid)
{
	u8 r[RSDP_V2_SIZE];

	rsdp_build(r, 2, "BOCHS", 1, 2);
	r[32] ^= 0xff;			/* extended checksum wrong */
	EXPECT_FALSE(acpi_rsdp_valid(r, 36));
	rsdp_build(r, 2, "BOCHS", 1, 2);
	r[8] += 1;			/* v1 wrong, compensated in ext. */
	r[33] -= 1;
	EXPECT_FALSE(acpi_rsdp_valid(r, 36));
}

HTEST(bad_signatures)
{
	static const char *const sigs[] = { "RSD PTR\0", "rsd ptr ", "RSD_PTR ",
					    " RSD PTR", "XSDT    " };
	u8 r[RSDP_V2_SIZE];

	for (unsigned int i = 0; i < ARRAY_SIZE(sigs); i++) {
		rsdp_build(r, 0, "BOCHS", 1, 0);
		memcpy(r, sigs[i], 8);
		r[8] = 0;
		r[8] = (u8)-rsdp_sum(r, 20);	/* checksum right */
		EXPECT_FALSE(acpi_rsdp_valid(r, 20));
	}
}

HTEST(short_buffers_are_invalid)
{
	u8 r[RSDP_V2_SIZE];

	rsdp_build(r, 0, "BOCHS", 1, 0);
	for (size_t len = 0; len < 20; len++)
		EXPECT_FALSE(acpi_rsdp_valid(r, len));
	rsdp_build(r, 2, "BOCHS", 1, 2);
	EXPECT_FALSE(acpi_rsdp_valid(r, 35));	/* length says 36 */
}

HTEST(v2_length_field_out_of_range)
{
	static const u32 lengths[] = { 0, 20, 32, 37, 4096, 0xffffffff };
	u8 r[64];

	for (unsigned int i = 0; i < ARRAY_SIZE(lengths); i++) {
		memset(r, 0, sizeof(r));
		rsdp_build(r, 2, "BOCHS", 1, 2);
		memcpy(r + 20, &lengths[i], 4);
		r[32] = 0;
		r[32] = (u8)-rsdp_sum(r, 36);
		EXPECT_FALSE(acpi_rsdp_valid(r, 36));
	}
}

/*
 * A revision-2 header in a buffer of only 20..23 bytes: the length field
 * at bytes 20-23 is not in the buffer and must not be read. Each buffer
 * is malloc()ed at its exact size so AddressSanitizer sees an overread.
 */
static void
v2_header_in_short_buffer_body(void)
{
	u8 r[RSDP_V2_SIZE];

	rsdp_build(r, 2, "BOCHS", 1, 2);
	for (size_t len = 20; len < 24; len++) {
		u8 *p = malloc(len);

		memcpy(p, r, len);
		(void)acpi_rsdp_valid(p, len);
		free(p);
	}
}

HTEST(v2_header_in_short_buffer_is_not_overread)
{
	EXPECT_ISOLATED(v2_header_in_short_buffer_body, 3);
}

/* ---- acpi_find_rsdp_bios ---- */

HTEST(found_in_the_ebda)
{
	machine(EBDA >> 4);
	put_rsdp(EBDA + 0x40, 0, "BOCHS");
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(EBDA + 0x40, 20);
}

HTEST(found_in_the_bios_area)
{
	machine(EBDA >> 4);
	put_rsdp(0xf5a10, 2, "BOCHS");
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(0xf5a10, 36);
	EXPECT_TRUE(acpi_rsdp_valid(bi.rsdp, bi.rsdp_len));
}

HTEST(ebda_is_searched_first)
{
	machine(EBDA >> 4);
	put_rsdp(0xe0000, 2, "ROM");
	put_rsdp(EBDA + 976, 2, "EBDA");	/* last slot a v2 fits */
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(EBDA + 976, 36);
}

HTEST(lowest_match_in_an_area_wins)
{
	machine(0);
	put_rsdp(0xf0000, 0, "SECOND");
	put_rsdp(0xe1230, 0, "FIRST");
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(0xe1230, 20);
}

HTEST(ebda_segment_outside_640k_window_is_ignored)
{
	static const u16 segs[] = { 0, 0x40, 0x1000, 0x7fff, 0xa000, 0xf000,
				    0xffff };

	for (unsigned int i = 0; i < ARRAY_SIZE(segs); i++) {
		phys_addr_t ebda = (phys_addr_t)segs[i] << 4;

		machine(segs[i]);
		if (ebda + 0x100 + 20 <= 0xe0000)
			put_rsdp(ebda + 0x100, 0, "EBDA");
		EXPECT_FALSE(find());
		EXPECT_UINT_EQ(bi.rsdp_len, 0);
	}
}

HTEST(ebda_window_limits)
{
	/* 0x80000 and 0x9ffff are the ends of the accepted window */
	machine(0x8000);
	put_rsdp(0x80000, 0, "LOW");
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(0x80000, 20);

	/* a 36-byte RSDP at EBDA + 992 would end 4 bytes past the KiB */
	machine(0x9fc0);
	put_rsdp(0x9fc00 + 992, 2, "HIGH");
	EXPECT_FALSE(find());
}

HTEST(only_the_first_kib_of_the_ebda)
{
	machine(0x9000);
	put_rsdp(0x90000 + 1024, 0, "BEYOND");
	EXPECT_FALSE(find());
	put_rsdp(0x90000 + 1024 - 64, 0, "INSIDE");
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(0x90000 + 1024 - 64, 20);
}

HTEST(unaligned_signature_is_not_found)
{
	static const phys_addr_t at[] = { 0xe0008, 0xe0001, 0xf000c,
					  EBDA + 4 };

	for (unsigned int i = 0; i < ARRAY_SIZE(at); i++) {
		machine(EBDA >> 4);
		put_rsdp(at[i], 0, "ODD");
		EXPECT_FALSE(find());
	}
}

HTEST(bad_candidates_are_skipped)
{
	u8 junk[RSDP_V2_SIZE];

	machine(EBDA >> 4);
	/* a signature with a wrong checksum, in both areas */
	rsdp_build(junk, 0, "BAD", 1, 0);
	junk[19] ^= 1;
	fake_write(EBDA, junk, 20);
	fake_write(0xe0000, junk, 20);
	/* a v2 whose extended checksum is wrong */
	rsdp_build(junk, 2, "BAD2", 1, 2);
	junk[30] ^= 1;
	fake_write(0xe0010 + 0x100, junk, 36);
	put_rsdp(0xe0400, 0, "GOOD");
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(0xe0400, 20);
}

HTEST(nothing_found_leaves_boot_info_alone)
{
	machine(EBDA >> 4);
	bi.rsdp_phys = 0x1234;
	EXPECT_FALSE(find());
	EXPECT_UINT_EQ(bi.rsdp_len, 0);
	EXPECT_UINT_EQ(bi.rsdp_phys, 0x1234);
	EXPECT_TRUE(bi.rsdp_source == NULL);
}

HTEST(bios_area_boundaries)
{
	machine(0);
	put_rsdp(0xe0000, 2, "FIRST");
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(0xe0000, 36);

	machine(0);
	put_rsdp(0xfffd0, 2, "LAST");	/* 0xfffd0 + 36 <= 1 MiB */
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(0xfffd0, 36);

	machine(0);
	put_rsdp(0xdfff0, 0, "BEFORE");
	EXPECT_FALSE(find());
}

/*
 * A 20-byte ACPI 1.0 RSDP in the last 16-byte slots where it still fits
 * the area (0xfffe0 + 20 <= 0x100000; EBDA + 992 + 20 <= EBDA + 1024)
 * is inside the searched range and must be found.
 */
HTEST(v1_in_the_last_slots_is_found)
{
	machine(0);
	put_rsdp(0xfffe0, 0, "LASTV1");
	EXPECT_TRUE(find());
	if (bi.rsdp_len)
		EXPECT_FOUND_AT(0xfffe0, 20);

	machine(EBDA >> 4);
	put_rsdp(EBDA + 1024 - 32, 0, "EBDAV1");
	EXPECT_TRUE(find());
	if (bi.rsdp_len)
		EXPECT_FOUND_AT(EBDA + 1024 - 32, 20);
}

HTEST(unreadable_memory_is_survived)
{
	fake_reset();
	memset(&bi, 0, sizeof(bi));
	EXPECT_FALSE(acpi_find_rsdp_bios(fake_read_nothing, &bi));
	EXPECT_FALSE(find());	/* nothing mapped at all */
	EXPECT_UINT_EQ(bi.rsdp_len, 0);
}

HTEST(only_the_rom_area_mapped)
{
	/* no BIOS data area (so no EBDA pointer): the ROM area still */
	fake_reset();
	fake_map(0xe0000, 0x20000);
	memset(&bi, 0, sizeof(bi));
	put_rsdp(0xf0000, 0, "ROM");
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(0xf0000, 20);

	/* EBDA pointer readable, EBDA itself not: the ROM area still */
	fake_reset();
	fake_map(0, 0x1000);
	fake_map(0xe0000, 0x20000);
	fake_write(EBDA_SEG_PTR, &(u16){ EBDA >> 4 }, 2);
	memset(&bi, 0, sizeof(bi));
	put_rsdp(0xf0010, 2, "ROM2");
	EXPECT_TRUE(find());
	EXPECT_FOUND_AT(0xf0010, 36);
}

/* ---- acpi_print_rsdp ---- */

HTEST(print_v2_in_linux_format)
{
	machine(EBDA >> 4);
	put_rsdp(0xf5a10, 2, "BOCHS");
	ASSERT_TRUE(find());
	host_log_clear();
	acpi_print_rsdp(&bi);
	EXPECT_STR_EQ(host_log,
		      "ACPI: RSDP 0x00000000000F5A10 000024 (v02 BOCHS )\n"
		      "ACPI: RSDP from BIOS area scan\n");
}

HTEST(print_v1_and_bad_checksum)
{
	machine(EBDA >> 4);
	put_rsdp(EBDA, 0, "QEMU");
	ASSERT_TRUE(find());
	host_log_clear();
	acpi_print_rsdp(&bi);
	EXPECT_STR_EQ(host_log,
		      "ACPI: RSDP 0x000000000009FC00 000014 (v00 QEMU  )\n"
		      "ACPI: RSDP from BIOS area scan\n");

	bi.rsdp[9] ^= 1;	/* the copy no longer adds up */
	host_log_clear();
	acpi_print_rsdp(&bi);
	EXPECT_STR_CONTAINS(host_log, "checksum BAD: ignored");
}

HTEST(print_nothing_found)
{
	memset(&bi, 0, sizeof(bi));
	host_log_clear();
	acpi_print_rsdp(&bi);
	EXPECT_STR_EQ(host_log, "ACPI: no RSDP found: no ACPI tables\n");
	EXPECT_INT_EQ(host_log_last_level, 4);
}

HTEST_MAIN(
	HTEST_CASE(valid_v1),
	HTEST_CASE(valid_v2_and_later),
	HTEST_CASE(any_flipped_byte_breaks_a_v1),
	HTEST_CASE(any_flipped_byte_breaks_a_v2),
	HTEST_CASE(v1_checksum_alone_does_not_make_a_v2_valid),
	HTEST_CASE(bad_signatures),
	HTEST_CASE(short_buffers_are_invalid),
	HTEST_CASE(v2_length_field_out_of_range),
	HTEST_CASE(v2_header_in_short_buffer_is_not_overread),
	HTEST_CASE(found_in_the_ebda),
	HTEST_CASE(found_in_the_bios_area),
	HTEST_CASE(ebda_is_searched_first),
	HTEST_CASE(lowest_match_in_an_area_wins),
	HTEST_CASE(ebda_segment_outside_640k_window_is_ignored),
	HTEST_CASE(ebda_window_limits),
	HTEST_CASE(only_the_first_kib_of_the_ebda),
	HTEST_CASE(unaligned_signature_is_not_found),
	HTEST_CASE(bad_candidates_are_skipped),
	HTEST_CASE(nothing_found_leaves_boot_info_alone),
	HTEST_CASE(bios_area_boundaries),
	HTEST_CASE(v1_in_the_last_slots_is_found),
	HTEST_CASE(unreadable_memory_is_survived),
	HTEST_CASE(only_the_rom_area_mapped),
	HTEST_CASE(print_v2_in_linux_format),
	HTEST_CASE(print_v1_and_bad_checksum),
	HTEST_CASE(print_nothing_found),
)
