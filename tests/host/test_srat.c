/*
 * tests/host/test_srat.c - host tests for drivers/acpi_srat.c.
 *
 * Teaches: how the SRAT and the SLIT are read - CPU affinity entries
 * before memory entries whatever their order in the table, proximity
 * domains as wide as the table's revision allows, enabled bits, and the
 * lengths and sizes that make Linux refuse a table - on hand-made tables,
 * each in a buffer of exactly its size.  QEMU's real SRATs and SLITs are
 * checked against the topology files in test_acpi.c.
 * Linux counterpart: none in-tree.
 */
#include "drivers/acpi_srat.h"
#include "kernel/errno.h"
#include "tests/host/htest.h"
#include "tests/host/acpi_capture.h"
#include "tests/host/host_printk.h"

static struct numa_firmware fw;

/* ---- SRAT and SLIT ---------------------------------------------------------- */

static u8 srat_buf[8192];
static u32 srat_len;

static void
srat_begin(u8 revision)
{
	memset(srat_buf, 0, sizeof(srat_buf));
	memcpy(srat_buf, "SRAT", 4);
	srat_buf[8] = revision;
	cap_put32(srat_buf + 36, 1);
	srat_len = 48;
}

static void
srat_cpu(u8 apic, u32 pxm, u32 flags)
{
	u8 *e = srat_buf + srat_len;

	e[0] = 0, e[1] = 16, e[2] = (u8)pxm, e[3] = apic;
	cap_put32(e + 4, flags);
	e[9] = (u8)(pxm >> 8), e[10] = (u8)(pxm >> 16), e[11] = (u8)(pxm >> 24);
	srat_len += 16;
}

static void
srat_x2apic(u32 apic, u32 pxm, u32 flags)
{
	u8 *e = srat_buf + srat_len;

	e[0] = 2, e[1] = 24;
	cap_put32(e + 4, pxm);
	cap_put32(e + 8, apic);
	cap_put32(e + 12, flags);
	srat_len += 24;
}

static void
srat_mem(u64 base, u64 len, u32 pxm, u32 flags)
{
	u8 *e = srat_buf + srat_len;

	e[0] = 1, e[1] = 40;
	cap_put32(e + 2, pxm);
	cap_put64(e + 8, base);
	cap_put64(e + 16, len);
	cap_put32(e + 28, flags);
	srat_len += 40;
}

static int
srat_done(void)
{
	u8 *p;

	cap_reset();
	cap_put32(srat_buf + 4, srat_len);
	p = cap_map(0x1000, srat_len);
	memcpy(p, srat_buf, srat_len);
	cap_fix_checksum(p);
	return srat_parse((const void *)p, &fw);
}

/* CPU entries first, then memory, whatever the table order. */
HTEST(srat_reading_order_and_flags)
{
	srat_begin(3);
	srat_mem(0, 0xa0000, 5, 1);
	srat_cpu(0, 5, 1);
	srat_mem(0x100000, 0x100000, 9, 1 | 2 | 4);
	srat_x2apic(0x300, 9, 1);
	srat_cpu(1, 5, 0);			/* disabled */
	srat_mem(0, 0, 0, 0);			/* QEMU's padding: disabled */
	EXPECT_INT_EQ(srat_done(), 0);
	EXPECT_TRUE(fw.has_affinity);
	EXPECT_FALSE(fw.affinity_bad);
	EXPECT_UINT_EQ(fw.nr_cpu_affinity, 2);		/* the disabled one left out */
	EXPECT_UINT_EQ(fw.cpu_affinity[0].apic_id, 0);
	EXPECT_FALSE(fw.cpu_affinity[0].x2apic);
	EXPECT_UINT_EQ(fw.cpu_affinity[1].apic_id, 0x300);
	EXPECT_TRUE(fw.cpu_affinity[1].x2apic);
	EXPECT_UINT_EQ(fw.nr_mem_affinity, 2);		/* the padding left out */
	EXPECT_UINT_EQ(fw.mem_affinity[0].pxm, 5);
	EXPECT_FALSE(fw.mem_affinity[0].hotpluggable);
	EXPECT_FALSE(fw.mem_affinity[0].non_volatile);
	EXPECT_UINT_EQ(fw.mem_affinity[1].start, 0x100000);
	EXPECT_UINT_EQ(fw.mem_affinity[1].end, 0x200000);
	EXPECT_TRUE(fw.mem_affinity[1].hotpluggable);
	EXPECT_TRUE(fw.mem_affinity[1].non_volatile);
}

/*
 * Revision 1 knew 8-bit proximity domains only: the bytes that later
 * held bits 8-31 of a CPU's PXM are ignored (Linux reads them only from
 * revision 2 on), and a memory entry's PXM is cut to 8 bits.
 */
HTEST(srat_revision_decides_pxm_width)
{
	srat_begin(1);
	srat_cpu(0, 0x12345601, 1);
	srat_mem(0, 0x1000, 0x12345602, 1);
	EXPECT_INT_EQ(srat_done(), 0);
	EXPECT_UINT_EQ(fw.cpu_affinity[0].pxm, 0x01);
	EXPECT_UINT_EQ(fw.mem_affinity[0].pxm, 0x02);

	srat_begin(2);
	srat_cpu(0, 0x12345601, 1);
	srat_mem(0, 0x1000, 0x12345602, 1);
	EXPECT_INT_EQ(srat_done(), 0);
	EXPECT_UINT_EQ(fw.cpu_affinity[0].pxm, 0x12345601);
	EXPECT_UINT_EQ(fw.mem_affinity[0].pxm, 0x12345602);
}

HTEST(srat_odd_memory_entries)
{
	srat_begin(3);
	srat_mem(0x5000, 0, 1, 1);			/* empty */
	srat_mem(0xfffffffffffff000ULL, 0x2000, 1, 1);	/* wraps */
	srat_mem(1ULL << 52, 0x1000, 1, 1);		/* beyond 2^52 */
	srat_mem(0x1000, 0x1000, 1, 1);
	host_log_clear();
	EXPECT_INT_EQ(srat_done(), 0);
	EXPECT_UINT_EQ(fw.nr_mem_affinity, 1);
	EXPECT_STR_CONTAINS(host_log, "ACPI: SRAT: memory entry 0 (PXM 1 at 0x5000) is empty, ignored\n");
	EXPECT_STR_CONTAINS(host_log, "beyond 2^52, ignored\n");

	srat_begin(3);
	for (int i = 0; i < SRAT_MAX_MEMBLKS + 1; i++)
		srat_mem(0x1000ULL * i, 0x1000, 0, 1);
	host_log_clear();
	EXPECT_INT_EQ(srat_done(), -EINVAL);
	EXPECT_TRUE(fw.affinity_bad);
	EXPECT_STR_CONTAINS(host_log, "ACPI: SRAT: more than 128 memory ranges\n");
}

HTEST(srat_malformed_is_bad)
{
	srat_begin(3);
	srat_cpu(0, 0, 1);
	srat_buf[srat_len + 1] = 0;		/* a zero-length entry */
	srat_len += 2;
	host_log_clear();
	EXPECT_INT_EQ(srat_done(), -EINVAL);
	EXPECT_TRUE(fw.affinity_bad);
	EXPECT_STR_CONTAINS(host_log, "ACPI: SRAT: entry 1 (type 0) at offset 0x40: length 0 is impossible\n");

	srat_begin(3);
	srat_mem(0, 0x1000, 0, 1);
	srat_len -= 8;				/* runs past the table */
	EXPECT_INT_EQ(srat_done(), -EINVAL);

	srat_begin(3);
	srat_cpu(0, 0, 1);
	srat_buf[48 + 1] = 15;			/* CPU entries are 16 bytes */
	srat_len -= 1;
	EXPECT_INT_EQ(srat_done(), -EINVAL);

	srat_begin(3);
	srat_x2apic(0, 0, 1);
	srat_buf[48 + 1] = 20;			/* x2APIC entries: 24 at least */
	srat_len -= 4;
	EXPECT_INT_EQ(srat_done(), -EINVAL);

	srat_begin(3);
	srat_len = 40;				/* not even the SRAT header */
	EXPECT_INT_EQ(srat_done(), -EINVAL);
	EXPECT_TRUE(fw.affinity_bad);
}

static int
slit_make(u64 n, const u8 *d, u32 len)
{
	u8 *p;

	cap_reset();
	p = cap_table_at(0x1000, "SLIT", len, 1);
	if (len >= 44)
		cap_put64(p + 36, n);
	if (d && len > 44)
		memcpy(p + 44, d, len - 44);
	cap_fix_checksum(p);
	return slit_parse((const void *)p, &fw);
}

HTEST(slit_rules)
{
	static const u8 good[9] = { 10, 21, 31, 21, 10, 21, 31, 21, 10 };
	static const u8 bad_diag[4] = { 10, 21, 21, 11 };
	static const u8 bad_remote[4] = { 10, 10, 21, 10 };

	EXPECT_INT_EQ(slit_make(3, good, 44 + 9), 0);
	EXPECT_UINT_EQ(fw.localities, 3);
	EXPECT_UINT_EQ(numa_fw_distance(&fw, 0, 2), 31);
	EXPECT_UINT_EQ(numa_fw_distance(&fw, 2, 1), 21);

	host_log_clear();
	EXPECT_INT_EQ(slit_make(2, bad_diag, 48), -EINVAL);
	EXPECT_FALSE(fw.localities);
	EXPECT_STR_EQ(host_log, "ACPI: SLIT table looks invalid. Not used.\n");
	EXPECT_INT_EQ(slit_make(2, bad_remote, 48), -EINVAL);

	host_log_clear();
	EXPECT_INT_EQ(slit_make(3, good, 48), -EINVAL);	/* 4 bytes for 9 */
	EXPECT_STR_EQ(host_log, "ACPI: SLIT: 48 bytes cannot hold 3 x 3 distances: not used\n");
	EXPECT_INT_EQ(slit_make(2, good, 44 + 9), -EINVAL);	/* too long */
	EXPECT_INT_EQ(slit_make(1ULL << 32, NULL, 44), -EINVAL);	/* n*n wraps */
	EXPECT_INT_EQ(slit_make(0x100000000ULL + 1, NULL, 45), -EINVAL);
	EXPECT_INT_EQ(slit_make(0, NULL, 40), -EINVAL);	/* no locality count */
	EXPECT_FALSE(fw.localities);
}

HTEST_MAIN(
	HTEST_CASE(srat_reading_order_and_flags),
	HTEST_CASE(srat_revision_decides_pxm_width),
	HTEST_CASE(srat_odd_memory_entries),
	HTEST_CASE(srat_malformed_is_bad),
	HTEST_CASE(slit_rules))
