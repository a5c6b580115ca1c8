/*
 * tests/host/test_acpi.c - host tests for drivers/acpi_tables.c and
 * acpi_madt.c, and for all the ACPI parsers on QEMU's real tables.
 *
 * Teaches: what "checked before use" means for firmware tables.  Hand-made
 * tables, each in a buffer of exactly its size, pin down the rules (which
 * root table wins, what a bad checksum or an impossible length costs, how
 * the MADT's CPU flags are read) and Linux's log formats; QEMU's real
 * tables (tools/capture-acpi) must parse to what the topology files say;
 * and thousands of corrupted copies of them must never crash a parser
 * (each run in a child process).  The SRAT and SLIT rules are in
 * test_srat.c.
 * Linux counterpart: none in-tree (ACPICA has its own test suites).
 */
#include "drivers/acpi_madt.h"
#include "drivers/acpi_srat.h"
#include "drivers/acpi_tables.h"
#include "kernel/errno.h"
#include "tests/host/htest.h"
#include "tests/host/acpi_capture.h"
#include "tests/host/host_isolate.h"
#include "tests/host/host_printk.h"
#include "tests/host/host_prng.h"

static struct acpi_tables at;
static struct madt_info mi;
static struct numa_firmware fw;

/* ---- building tables ------------------------------------------------------- */

/* A valid RSDP (20 bytes for revision 0, 36 for 2) in rsdp[]. */
static size_t
make_rsdp(u8 *rsdp, u8 revision, u32 rsdt, u64 xsdt)
{
	memset(rsdp, 0, 36);
	memcpy(rsdp, "RSD PTR ", 8);
	memcpy(rsdp + 9, "PAGODA", 6);
	rsdp[15] = revision;
	cap_put32(rsdp + 16, rsdt);
	rsdp[8] = (u8)-acpi_checksum(rsdp, 20);
	if (revision < 2)
		return 20;
	cap_put32(rsdp + 20, 36);
	cap_put64(rsdp + 24, xsdt);
	rsdp[32] = (u8)-acpi_checksum(rsdp, 36);
	return 36;
}

/* An RSDT at addr listing the given tables. */
static void
make_rsdt(phys_addr_t addr, const u32 *entries, unsigned int n)
{
	u8 *p = cap_table_at(addr, "RSDT", ACPI_TABLE_HEADER_LEN + 4 * n, 1);

	for (unsigned int i = 0; i < n; i++)
		cap_put32(p + ACPI_TABLE_HEADER_LEN + 4 * i, entries[i]);
	cap_fix_checksum(p);
}

static void
simple_table(phys_addr_t addr, const char *sig, u32 len)
{
	cap_fix_checksum(cap_table_at(addr, sig, len, 1));
}

/* ---- the table walk -------------------------------------------------------- */

HTEST(no_valid_rsdp_no_tables)
{
	u8 rsdp[36];

	cap_reset();
	host_log_clear();
	make_rsdp(rsdp, 0, 0x1000, 0);
	rsdp[8] ^= 1;				/* checksum broken */
	EXPECT_INT_EQ(acpi_tables_parse(&at, rsdp, 20, cap_read), -ENOENT);
	EXPECT_UINT_EQ(at.count, 0);
	EXPECT_STR_CONTAINS(host_log, "ACPI: no valid RSDP: no ACPI tables\n");
	EXPECT_INT_EQ(acpi_tables_parse(&at, NULL, 0, cap_read), -ENOENT);
}

/* RSDT -> FACP -> DSDT, FACS; printed exactly as Linux prints them. */
HTEST(rsdt_walk_prints_like_linux)
{
	u8 rsdp[36];
	u32 entries[] = { 0x2000, 0x3000 };
	u8 *fadt, *facs;

	cap_reset();
	host_log_clear();
	make_rsdt(0x1000, entries, 2);
	fadt = cap_table_at(0x2000, "FACP", 116, 1);	/* ACPI 1.0 FADT */
	cap_put32(fadt + 36, 0x8000);			/* FACS */
	cap_put32(fadt + 40, 0x4000);			/* DSDT */
	cap_fix_checksum(fadt);
	simple_table(0x3000, "APIC", 44);
	simple_table(0x4000, "DSDT", 0x2345);
	facs = cap_map(0x8000, 64);
	memcpy(facs, "FACS", 4);
	cap_put32(facs + 4, 64);
	facs[9] = 0x55;				/* no checksum: not checked */

	EXPECT_INT_EQ(acpi_tables_parse(&at, rsdp, make_rsdp(rsdp, 0, 0x1000, 0),
					cap_read), 5);
	EXPECT_FALSE(at.xsdt);
	EXPECT_UINT_EQ(at.rejected, 0);
	EXPECT_STR_EQ(host_log,
		"ACPI: RSDT 0x0000000000001000 00002C (v01 PAGODA TESTTBL  00000001 PGDA 00000002)\n"
		"ACPI: FACP 0x0000000000002000 000074 (v01 PAGODA TESTTBL  00000001 PGDA 00000002)\n"
		"ACPI: DSDT 0x0000000000004000 002345 (v01 PAGODA TESTTBL  00000001 PGDA 00000002)\n"
		"ACPI: FACS 0x0000000000008000 000040\n"
		"ACPI: APIC 0x0000000000003000 00002C (v01 PAGODA TESTTBL  00000001 PGDA 00000002)\n");
	EXPECT_TRUE(acpi_tables_find(&at, "FACS", 0) == (const void *)facs);
	EXPECT_TRUE(acpi_tables_find(&at, "RSDT", 0) != NULL);
	EXPECT_TRUE(acpi_tables_find(&at, "SRAT", 0) == NULL);
}

/* Names with odd bytes: '?' for what is not printable, cut at a NUL. */
HTEST(odd_names_are_printed_safely)
{
	u8 rsdp[36];
	u32 entries[] = { 0x2000 };
	u8 *t;

	cap_reset();
	host_log_clear();
	make_rsdt(0x1000, entries, 1);
	t = cap_table_at(0x2000, "OEM\x01", 36, 2);
	memcpy(t + 10, "AB\0DEF", 6);		/* OEM id with a NUL */
	memcpy(t + 16, "\x7f\x80XYZ   ", 8);
	cap_fix_checksum(t);
	acpi_tables_parse(&at, rsdp, make_rsdp(rsdp, 0, 0x1000, 0), cap_read);
	EXPECT_STR_CONTAINS(host_log,
		"ACPI: OEM? 0x0000000000002000 000024 (v02 AB     ??XYZ    00000001 PGDA 00000002)\n");
	EXPECT_UINT_EQ(at.count, 2);
}

HTEST(xsdt_preferred_rsdt_as_fallback)
{
	u8 rsdp[36];
	u32 entries[] = { 0x3000 };
	u8 *x;

	cap_reset();
	host_log_clear();
	make_rsdt(0x1000, entries, 1);
	x = cap_table_at(0x100002000ULL, "XSDT", 44, 1);	/* above 4 GiB */
	cap_put64(x + 36, 0x4000);
	cap_fix_checksum(x);
	simple_table(0x3000, "OLD!", 36);
	simple_table(0x4000, "NEW!", 36);
	make_rsdp(rsdp, 2, 0x1000, 0x100002000ULL);
	EXPECT_INT_EQ(acpi_tables_parse(&at, rsdp, 36, cap_read), 2);
	EXPECT_TRUE(at.xsdt);
	EXPECT_TRUE(acpi_tables_find(&at, "NEW!", 0) != NULL);
	EXPECT_TRUE(acpi_tables_find(&at, "OLD!", 0) == NULL);

	/* A broken XSDT: the RSDT is used instead, with a warning. */
	x[9] ^= 0xff;
	host_log_clear();
	EXPECT_INT_EQ(acpi_tables_parse(&at, rsdp, 36, cap_read), 2);
	EXPECT_FALSE(at.xsdt);
	EXPECT_TRUE(acpi_tables_find(&at, "OLD!", 0) != NULL);
	EXPECT_STR_CONTAINS(host_log, "ACPI: XSDT at 0x100002000: bad checksum, ignored\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: XSDT unusable, using the RSDT\n");

	/* Revision 0 never looks at the XSDT field. */
	make_rsdp(rsdp, 0, 0x1000, 0);
	EXPECT_INT_EQ(acpi_tables_parse(&at, rsdp, 20, cap_read), 2);
	EXPECT_FALSE(at.xsdt);
}

HTEST(no_root_table)
{
	u8 rsdp[36];

	cap_reset();
	host_log_clear();
	simple_table(0x1000, "XXXX", 36);	/* not an RSDT */
	EXPECT_INT_EQ(acpi_tables_parse(&at, rsdp, make_rsdp(rsdp, 0, 0x1000, 0),
					cap_read), -EINVAL);
	EXPECT_STR_CONTAINS(host_log, "ACPI: XXXX at 0x1000: expected the RSDT, ignored\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: no usable RSDT or XSDT: no ACPI tables\n");
	host_log_clear();
	EXPECT_INT_EQ(acpi_tables_parse(&at, rsdp, make_rsdp(rsdp, 0, 0x9000, 0),
					cap_read), -EINVAL);
	EXPECT_STR_CONTAINS(host_log, "ACPI: RSDT at 0x9000: cannot map it, ignored\n");
}

/* Each bad table costs a warning naming it; the others are still found. */
HTEST(bad_tables_are_reported_and_ignored)
{
	u8 rsdp[36];
	u32 entries[] = { 0x2000, 0x3000, 0x4000, 0x5000, 0x6000, 0, 0x7000,
			  0x2000, 0x8000 };
	u8 *p;

	cap_reset();
	host_log_clear();
	make_rsdt(0x1000, entries, ARRAY_SIZE(entries));
	simple_table(0x2000, "GOOD", 40);
	p = cap_table_at(0x3000, "SSDT", 40, 1);
	cap_fix_checksum(p);
	p[39] ^= 0x10;				/* bad checksum */
	p = cap_table_at(0x4000, "TINY", 36, 1);
	cap_put32(p + 4, 20);			/* length below the header's */
	cap_fix_checksum(p);
	p = cap_table_at(0x5000, "HUGE", 36, 1);
	cap_put32(p + 4, ACPI_TABLE_MAX_LEN + 1);
	p = cap_table_at(0x6000, "PAST", 36, 1);
	cap_put32(p + 4, 64);			/* runs past its memory */
	simple_table(0x7000, "LAST", 36);
	/* 0x8000: nothing there at all */

	EXPECT_INT_EQ(acpi_tables_parse(&at, rsdp, make_rsdp(rsdp, 0, 0x1000, 0),
					cap_read), 3);
	EXPECT_UINT_EQ(at.rejected, 5);
	EXPECT_STR_CONTAINS(host_log, "ACPI: SSDT at 0x3000: bad checksum, ignored\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: TINY at 0x4000: bad length 20, ignored\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: HUGE at 0x5000: bad length 1048577, ignored\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: PAST at 0x6000: cannot map its 64 bytes, ignored\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: table at 0x8000: cannot map it, ignored\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: GOOD at 0x2000 listed twice, ignored\n");
	EXPECT_TRUE(acpi_tables_find(&at, "GOOD", 0) != NULL);
	EXPECT_TRUE(acpi_tables_find(&at, "LAST", 0) != NULL);
	EXPECT_TRUE(acpi_tables_find(&at, "SSDT", 0) == NULL);
}

HTEST(instances_and_table_limit)
{
	u32 entries[80];
	u8 rsdp[36];

	cap_reset();
	host_log_clear();
	for (unsigned int i = 0; i < ARRAY_SIZE(entries); i++) {
		entries[i] = 0x10000 + 0x100 * i;
		simple_table(entries[i], "SSDT", 36);
	}
	make_rsdt(0x1000, entries, ARRAY_SIZE(entries));
	EXPECT_INT_EQ(acpi_tables_parse(&at, rsdp, make_rsdp(rsdp, 0, 0x1000, 0),
					cap_read), ACPI_MAX_TABLES);
	EXPECT_UINT_EQ(at.rejected, 80 - (ACPI_MAX_TABLES - 1));
	EXPECT_STR_CONTAINS(host_log, "ACPI: more than 64 tables: SSDT at 0x13f00 ignored\n");
	EXPECT_TRUE(acpi_tables_find(&at, "SSDT", 0) == cap_read(0x10000, 36));
	EXPECT_TRUE(acpi_tables_find(&at, "SSDT", 1) == cap_read(0x10100, 36));
	EXPECT_TRUE(acpi_tables_find(&at, "SSDT", ACPI_MAX_TABLES - 1) == NULL);
}

HTEST(dump_format)
{
	u8 rsdp[36];
	u32 entries[] = { 0x2000 };
	u8 *p;

	cap_reset();
	make_rsdt(0x1000, entries, 1);
	p = cap_table_at(0x2000, "WAET", 40, 1);
	p[36] = 0xab;
	cap_fix_checksum(p);
	acpi_tables_parse(&at, rsdp, make_rsdp(rsdp, 0, 0x1000, 0), cap_read);
	host_log_clear();
	acpi_tables_dump(&at, rsdp, 20, 0xf5990);
	EXPECT_STR_CONTAINS(host_log, "ACPI dump RSDP 0xf5990 20\n"
			    "ACPI dump RSDP +0000: 52 53 44 20 50 54 52 20");
	EXPECT_STR_CONTAINS(host_log, "ACPI dump WAET 0x2000 40\n"
			    "ACPI dump WAET +0000: 57 41 45 54 28 00 00 00 01");
	EXPECT_STR_CONTAINS(host_log, "ACPI dump WAET +0020: 02 00 00 00 ab 00 00 00\n");
}

/* ---- MADT ----------------------------------------------------------------- */

static u8 madt_buf[8192];
static u32 madt_len;

static void
madt_begin(u8 revision)
{
	memset(madt_buf, 0, sizeof(madt_buf));
	memcpy(madt_buf, "APIC", 4);
	madt_buf[8] = revision;
	cap_put32(madt_buf + 36, 0xfee00000);
	cap_put32(madt_buf + 40, 1);
	madt_len = 44;
}

static void
madt_add(const u8 *e, u8 len)
{
	memcpy(madt_buf + madt_len, e, len);
	madt_len += len;
}

static void
madt_lapic(u8 uid, u8 apic, u32 flags)
{
	u8 e[8] = { 0, 8, uid, apic };

	cap_put32(e + 4, flags);
	madt_add(e, 8);
}

static void
madt_x2apic(u32 apic, u32 flags, u32 uid)
{
	u8 e[16] = { 9, 16 };

	cap_put32(e + 4, apic);
	cap_put32(e + 8, flags);
	cap_put32(e + 12, uid);
	madt_add(e, 16);
}

/* The MADT, in a region of exactly its size, then parsed. */
static int
madt_done(void)
{
	u8 *p;

	cap_reset();
	cap_put32(madt_buf + 4, madt_len);
	p = cap_map(0x1000, madt_len);
	memcpy(p, madt_buf, madt_len);
	cap_fix_checksum(p);
	return madt_parse((const void *)p, &mi);
}

HTEST(madt_qemu_like_prints_like_linux)
{
	u8 ioapic[12] = { 1, 12, 0, 0 };
	u8 ovr0[10] = { 2, 10, 0, 0, 2, 0, 0, 0, 0, 0 };
	u8 ovr9[10] = { 2, 10, 0, 9, 9, 0, 0, 0, 0x0d, 0 };
	u8 nmi[6] = { 4, 6, 0xff, 0, 0, 1 };

	madt_begin(1);
	for (u8 i = 0; i < 4; i++)
		madt_lapic(i, i, 1);
	cap_put32(ioapic + 4, 0xfec00000);
	madt_add(ioapic, 12);
	madt_add(ovr0, 10);
	madt_add(ovr9, 10);
	madt_add(nmi, 6);
	host_log_clear();
	EXPECT_INT_EQ(madt_done(), 0);
	EXPECT_TRUE(mi.valid);
	EXPECT_UINT_EQ(mi.nr_cpus, 4);
	EXPECT_UINT_EQ(mi.nr_present, 4);
	EXPECT_UINT_EQ(mi.lapic_address, 0xfee00000);
	EXPECT_UINT_EQ(mi.nr_ioapics, 1);
	EXPECT_UINT_EQ(mi.overrides[1].source_irq, 9);
	EXPECT_STR_EQ(host_log,
		"ACPI: Local APIC address 0xfee00000\n"
		"ACPI: LAPIC_NMI (acpi_id[0xff] dfl dfl lint[0x1])\n"
		"IOAPIC[0]: apic_id 0, address 0xfec00000, GSI 0\n"
		"ACPI: INT_SRC_OVR (bus 0 bus_irq 0 global_irq 2 dfl dfl)\n"
		"ACPI: INT_SRC_OVR (bus 0 bus_irq 9 global_irq 9 high level)\n"
		"ACPI: Using ACPI (MADT) for SMP configuration information\n"
		"ACPI: MADT: 4 CPUs, APIC ids: 0x00 0x01 0x02 0x03\n"
		"smpboot: Allowing 4 CPUs, 0 hotplug CPUs\n");
}

/*
 * A disabled CPU is possible (hot-pluggable) only if it is online
 * capable, which only a revision 5 MADT can say (Linux 6.1).  Present
 * CPUs get the low numbers.
 */
HTEST(madt_enabled_and_online_capable)
{
	madt_begin(1);
	madt_lapic(0, 0, 1);
	madt_lapic(1, 4, 2);		/* disabled; bit 1 means nothing yet */
	madt_lapic(2, 2, 1);
	madt_lapic(3, 0xff, 1);		/* "no APIC": ignored */
	EXPECT_INT_EQ(madt_done(), 0);
	EXPECT_UINT_EQ(mi.nr_cpus, 2);
	EXPECT_UINT_EQ(mi.nr_present, 2);
	EXPECT_UINT_EQ(mi.nr_unusable, 1);
	EXPECT_UINT_EQ(mi.cpus[0].apic_id, 0);
	EXPECT_UINT_EQ(mi.cpus[1].apic_id, 2);

	madt_begin(5);
	madt_lapic(0, 0, 1);
	madt_lapic(1, 1, 0);		/* disabled, not online capable */
	madt_lapic(2, 6, 2);		/* online capable: hot-pluggable */
	madt_lapic(3, 3, 1);
	host_log_clear();
	EXPECT_INT_EQ(madt_done(), 0);
	EXPECT_UINT_EQ(mi.nr_cpus, 3);
	EXPECT_UINT_EQ(mi.nr_present, 2);
	EXPECT_UINT_EQ(mi.nr_unusable, 1);
	EXPECT_UINT_EQ(mi.cpus[1].apic_id, 3);
	EXPECT_UINT_EQ(mi.cpus[2].apic_id, 6);
	EXPECT_FALSE(mi.cpus[2].enabled);
	EXPECT_STR_CONTAINS(host_log, "ACPI: MADT: 3 CPUs, APIC ids: 0x00 0x03 0x06\n"
			    "ACPI: MADT: 1 disabled CPUs that are not online capable ignored\n"
			    "smpboot: Allowing 3 CPUs, 1 hotplug CPUs\n");


	/* What NUMA setup is told: the possible CPUs, present ones first. */
	madt_numa_cpus(&mi, &fw);
	EXPECT_UINT_EQ(fw.nr_cpus, 3);
	EXPECT_UINT_EQ(fw.cpus[0].apic_id, 0);
	EXPECT_UINT_EQ(fw.cpus[1].apic_id, 3);
	EXPECT_UINT_EQ(fw.cpus[2].apic_id, 6);
	EXPECT_TRUE(fw.cpus[1].enabled);
	EXPECT_FALSE(fw.cpus[2].enabled);
	mi.valid = false;		/* no usable MADT: no CPU list */
	madt_numa_cpus(&mi, &fw);
	EXPECT_UINT_EQ(fw.nr_cpus, 0);
}

HTEST(madt_x2apic_override_duplicates_and_limit)
{
	u8 ovr[12] = { 5, 12 };
	u8 x2nmi[12] = { 10, 12, 0x0d, 0, 0xff, 0xff, 0xff, 0xff, 1 };

	madt_begin(3);
	madt_lapic(0, 0, 1);
	madt_x2apic(0x100, 1, 1);
	madt_x2apic(0xffffffff, 1, 2);	/* "no APIC" */
	madt_lapic(3, 0, 1);		/* a duplicate id */
	cap_put64(ovr + 4, 0xfee00000ULL + 0x100000000ULL);
	madt_add(ovr, 12);
	madt_add(x2nmi, 12);
	host_log_clear();
	EXPECT_INT_EQ(madt_done(), 0);
	EXPECT_UINT_EQ(mi.nr_cpus, 2);
	EXPECT_TRUE(mi.cpus[1].x2apic);
	EXPECT_UINT_EQ(mi.cpus[1].apic_id, 0x100);
	EXPECT_UINT_EQ(mi.lapic_address, 0x1fee00000ULL);
	EXPECT_STR_CONTAINS(host_log, "ACPI: MADT: APIC id 0x00 listed twice, ignored\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: X2APIC_NMI (uid[0xffffffff] high level lint[0x1])\n");
	EXPECT_STR_CONTAINS(host_log, "APIC ids: 0x00 0x100\n");

	madt_begin(3);
	for (u32 i = 0; i < NR_CPUS + 10; i++)
		madt_x2apic(i, 1, i);
	host_log_clear();
	EXPECT_INT_EQ(madt_done(), 0);
	EXPECT_UINT_EQ(mi.nr_cpus, NR_CPUS);
	EXPECT_UINT_EQ(mi.nr_excess, 10);
	EXPECT_STR_CONTAINS(host_log,
		"APIC: NR_CPUS/possible_cpus limit of 256 reached. Processor 256/0x100 ignored.\n");
}

HTEST(madt_malformed_is_refused)
{
	u8 zero[2] = { 0x42, 0 };
	u8 short_lapic[6] = { 0, 6, 0, 1, 1, 0 };
	u8 unknown[3] = { 0x7f, 3, 0 };

	madt_begin(1);
	madt_lapic(0, 0, 1);
	madt_add(zero, 2);
	host_log_clear();
	EXPECT_INT_EQ(madt_done(), -EINVAL);
	EXPECT_FALSE(mi.valid);
	EXPECT_UINT_EQ(mi.nr_cpus, 0);
	EXPECT_STR_CONTAINS(host_log, "ACPI: MADT: entry 1 (type 66) at offset 0x34: length 0 is impossible\n");
	EXPECT_STR_CONTAINS(host_log, "ACPI: Invalid BIOS MADT: not used\n");

	madt_begin(1);
	madt_add(short_lapic, 6);
	host_log_clear();
	EXPECT_INT_EQ(madt_done(), -EINVAL);
	EXPECT_STR_CONTAINS(host_log, "length 6 is too short for its type\n");

	madt_begin(1);
	madt_lapic(0, 0, 1);
	madt_len -= 2;			/* the last entry runs past the table */
	host_log_clear();
	EXPECT_INT_EQ(madt_done(), -EINVAL);
	EXPECT_STR_CONTAINS(host_log, "length 8 runs past the table\n");

	madt_begin(1);
	madt_lapic(0, 0, 1);
	madt_add(unknown, 3);		/* unknown types are skipped */
	madt_add(zero, 1);		/* one stray byte: a warning */
	EXPECT_INT_EQ(madt_done(), 0);
	EXPECT_UINT_EQ(mi.nr_cpus, 1);

	madt_begin(1);
	madt_len = 40;			/* shorter than the MADT header */
	EXPECT_INT_EQ(madt_done(), -EINVAL);
}

/* ---- QEMU's real tables ---------------------------------------------------- */

static struct capture cap;

static const struct acpi_table_header *
cap_table(const char *sig)
{
	return acpi_tables_find(&at, sig, 0);
}

/* One capture: the walk finds every saved table, the parsers agree with
 * the topology file. */
static void
check_capture(const char *name)
{
	const struct capture_facts *fa = &cap.facts;
	u64 srat_mem_kb[64] = { 0 };
	const struct acpi_table_header *t;
	unsigned int saved = 0;

	printf("# capture %s\n", name);
	ASSERT_TRUE(capture_load(name, &cap));
	host_log_clear();
	EXPECT_INT_EQ(acpi_tables_parse(&at, cap.rsdp, cap.rsdp_len, cap_read),
		      (int)cap.nr_tables - 1);		/* the DSDT is not saved */
	EXPECT_UINT_EQ(at.rejected, 1);
	EXPECT_STR_CONTAINS(host_log, "ACPI: DSDT at ");
	for (unsigned int i = 0; i < cap.nr_tables; i++) {
		const struct capture_table *ct = &cap.tables[i];

		if (!ct->saved)
			continue;
		saved++;
		EXPECT_TRUE(acpi_tables_find(&at, ct->sig, 0) == (const void *)ct->data);
	}
	EXPECT_UINT_EQ(at.count, saved);
	EXPECT_INT_EQ(at.xsdt, cap.rsdp[15] >= 2);

	t = cap_table("APIC");
	ASSERT_TRUE(t != NULL);
	EXPECT_INT_EQ(madt_parse(t, &mi), 0);
	EXPECT_UINT_EQ(mi.nr_cpus, fa->cpus);
	EXPECT_UINT_EQ(mi.nr_present, fa->cpus);
	for (unsigned int i = 0; i < mi.nr_cpus; i++)
		EXPECT_UINT_EQ(mi.cpus[i].apic_id, i);	/* 2^n cores per socket */
	EXPECT_UINT_EQ(mi.nr_ioapics, 1);
	EXPECT_UINT_EQ(mi.ioapics[0].address, 0xfec00000);

	t = cap_table("SRAT");
	EXPECT_INT_EQ(t != NULL, fa->numa);
	EXPECT_INT_EQ(cap_table("SLIT") != NULL, fa->numa);
	if (!t)
		return;
	EXPECT_INT_EQ(srat_parse(t, &fw), 0);
	ASSERT_TRUE(fa->nr_cpu_nodes == fa->cpus && fa->nr_node_mem == fa->nodes);
	/* QEMU's PXM numbers are the topology's node ids. */
	EXPECT_TRUE(fw.has_affinity && !fw.affinity_bad);
	EXPECT_UINT_EQ(fw.nr_cpu_affinity, fa->cpus);
	for (unsigned int i = 0; i < fw.nr_cpu_affinity && i < 256; i++) {
		EXPECT_UINT_EQ(fw.cpu_affinity[i].apic_id, i);
		EXPECT_UINT_EQ(fw.cpu_affinity[i].pxm, fa->cpu_nodes[i]);
	}
	for (unsigned int i = 0; i < fw.nr_mem_affinity; i++) {
		const struct numa_fw_mem_affinity *m = &fw.mem_affinity[i];

		EXPECT_FALSE(m->non_volatile);
		if (m->hotpluggable) {
			EXPECT_TRUE(fa->hotplug);
			EXPECT_UINT_EQ(m->pxm, fa->hp_node);
			EXPECT_UINT_EQ(m->start, fa->hp_start);
			EXPECT_UINT_EQ(m->end, fa->hp_end);
		} else if (m->pxm < 64) {
			srat_mem_kb[m->pxm] += (m->end - m->start) >> 10;
		}
	}
	/* Every node's RAM, less the legacy hole 0xa0000-0xfffff on node 0. */
	for (int n = 0; n < fa->nodes; n++)
		EXPECT_UINT_EQ(srat_mem_kb[n] + (n == 0 ? 384 : 0),
			       fa->node_mem_mb[n] << 10);

	t = cap_table("SLIT");
	EXPECT_INT_EQ(slit_parse(t, &fw), 0);
	EXPECT_UINT_EQ(fw.localities, fa->nodes);
	for (int a = 0; a < fa->nodes; a++)
		for (int b = 0; b < fa->nodes; b++)
			EXPECT_UINT_EQ(numa_fw_distance(&fw, a, b),
				       fa->distances[a * fa->nodes + b]);
}

HTEST(real_qemu_tables)
{
	static char names[32][64];
	int n = capture_list(names, 32);
	bool seen_uefi = false;

	/* Every preset was captured, plus OVMF's tables (an XSDT). */
	EXPECT_TRUE(n >= 8);
	for (int i = 0; i < n; i++) {
		check_capture(names[i]);
		seen_uefi |= at.xsdt;
	}
	EXPECT_TRUE(seen_uefi);
}

/* ---- corrupted real tables: never a crash ---------------------------------- */

/*
 * For every capture: flip random bytes of a random table (fixing its
 * checksum half of the time so the damage reaches the parsers), or cut a
 * table short, and run the walk and every parser.  ASan and UBSan turn
 * any out-of-bounds read or overflow into a failure of the child.
 */
static void
corrupt_all_captures(void)
{
	static char names[32][64];
	int n = capture_list(names, 32);
	struct prng r;

	prng_seed(&r, 0xac91);
	for (int c = 0; c < n; c++) {
		for (int step = 0; step < 300; step++) {
			struct capture_table *ct;
			const struct acpi_table_header *t;
			u8 *p;

			if (!capture_load(names[c], &cap))
				abort();
			ct = &cap.tables[prng_below(&r, cap.nr_tables)];
			if (!ct->saved)
				continue;
			p = (u8 *)ct->data;
			for (int k = 1 + (int)prng_below(&r, 8); k > 0; k--) {
				u32 off = (u32)prng_below(&r, ct->len);

				p[off] = (u8)prng_next(&r);
			}
			/* The checksum over the bytes we really have. */
			if (prng_below(&r, 2) && ct->len >= ACPI_TABLE_HEADER_LEN) {
				p[9] = 0;
				p[9] = (u8)-acpi_checksum(p, ct->len);
			}
			host_log_clear();
			acpi_tables_parse(&at, cap.rsdp, cap.rsdp_len, cap_read);
			if ((t = cap_table("APIC")))
				madt_parse(t, &mi);
			if ((t = cap_table("SRAT")))
				srat_parse(t, &fw);
			if ((t = cap_table("SLIT")))
				slit_parse(t, &fw);
		}
	}
	cap_reset();
}

HTEST(corrupted_real_tables_never_crash)
{
	EXPECT_ISOLATED(corrupt_all_captures, 120);
}

HTEST_MAIN(
	HTEST_CASE(no_valid_rsdp_no_tables),
	HTEST_CASE(rsdt_walk_prints_like_linux),
	HTEST_CASE(odd_names_are_printed_safely),
	HTEST_CASE(xsdt_preferred_rsdt_as_fallback),
	HTEST_CASE(no_root_table),
	HTEST_CASE(bad_tables_are_reported_and_ignored),
	HTEST_CASE(instances_and_table_limit),
	HTEST_CASE(dump_format),
	HTEST_CASE(madt_qemu_like_prints_like_linux),
	HTEST_CASE(madt_enabled_and_online_capable),
	HTEST_CASE(madt_x2apic_override_duplicates_and_limit),
	HTEST_CASE(madt_malformed_is_refused),
	HTEST_CASE(real_qemu_tables),
	HTEST_CASE(corrupted_real_tables_never_crash))
