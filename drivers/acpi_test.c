/*
 * drivers/acpi_test.c - ktest suite "acpi": the tables QEMU gave us.
 *
 * Teaches: firmware tables are checked against what is known about the
 * machine from outside.  The live tables are checked against the machine
 * the harness describes (ktest.cpus, ktest.nodes, ktest.boot) and against
 * facts of QEMU's q35 board that every BIOS for it must state: one IOAPIC
 * at 0xfec00000, the local APICs at 0xfee00000, ISA IRQ 0 (the PIT) wired
 * to GSI 2.  Crafted tables check, on the kernel build, that a bad
 * checksum and a broken MADT are refused (tests/host/test_acpi.c feeds
 * hundreds more).
 * Linux counterpart: none.
 */
#include "boot/bootinfo.h"
#include "drivers/acpi_madt.h"
#include "drivers/acpi_srat.h"
#include "drivers/acpi_tables.h"
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/numa.h"

static bool
has_table(const char *sig)
{
	return acpi_get_table(sig, 0) != NULL;
}

static void
tables_found(struct ktest *t)
{
	bool xsdt = boot_info.rsdp_len >= 36 && boot_info.rsdp[15] >= 2;

	KT_ASSERT_GE(t, acpi_tables.count, 6);
	/* The root is first: an XSDT when the RSDP is ACPI 2.0 (OVMF). */
	KT_EXPECT_EQ(t, acpi_tables.xsdt, xsdt);
	KT_EXPECT_TRUE(t, !memcmp(acpi_tables.tables[0].signature,
				  xsdt ? "XSDT" : "RSDT", 4));
	KT_EXPECT_TRUE(t, has_table("FACP"));
	KT_EXPECT_TRUE(t, has_table("DSDT"));	/* found through the FADT */
	KT_EXPECT_TRUE(t, has_table("FACS"));
	KT_EXPECT_TRUE(t, has_table("APIC"));
	KT_EXPECT_TRUE(t, has_table("MCFG"));	/* q35 has PCI Express */
	KT_EXPECT_EQ(t, acpi_tables.rejected, 0);
	KT_EXPECT_TRUE(t, acpi_get_table("APIC", 1) == NULL);
}

static void
every_checksum_verified(struct ktest *t)
{
	for (unsigned int i = 0; i < acpi_tables.count; i++) {
		const struct acpi_table_desc *d = &acpi_tables.tables[i];
		bool facs = !memcmp(d->signature, "FACS", 4);

		KT_EXPECT_EQ(t, d->table->length, d->length);
		KT_EXPECT_GE(t, d->length, facs ? 64 : ACPI_TABLE_HEADER_LEN);
		KT_EXPECT_LE(t, d->length, ACPI_TABLE_MAX_LEN);
		KT_EXPECT_TRUE(t, !memcmp(d->table->signature, d->signature, 4));
		if (!facs)
			KT_EXPECT_EQ(t, acpi_checksum(d->table, d->length), 0);
	}
}

/* QEMU builds an SRAT (and a SLIT, given -numa dist) only with -numa. */
static void
numa_tables_match_machine(struct ktest *t)
{
	if (!ktest_nodes)
		ktest_skip(t, "no ktest.nodes from the harness");
	KT_EXPECT_EQ(t, has_table("SRAT"), ktest_nodes > 1);
	KT_EXPECT_EQ(t, has_table("SLIT"), ktest_nodes > 1);
}

static void
madt_cpus_match_machine(struct ktest *t)
{
	KT_ASSERT_TRUE(t, madt_info.valid);
	if (!ktest_cpus)
		ktest_skip(t, "no ktest.cpus from the harness");
	KT_EXPECT_EQ(t, madt_info.nr_cpus, ktest_cpus);
	KT_EXPECT_EQ(t, madt_info.nr_present, ktest_cpus);	/* no maxcpus= */
	KT_EXPECT_EQ(t, madt_info.nr_excess + madt_info.nr_unusable, 0);
	for (unsigned int i = 0; i < madt_info.nr_cpus; i++) {
		KT_EXPECT_TRUE(t, madt_info.cpus[i].enabled);
		for (unsigned int j = 0; j < i; j++)
			KT_EXPECT_NE(t, madt_info.cpus[i].apic_id,
				     madt_info.cpus[j].apic_id);
	}
	/* QEMU's boot CPU is APIC 0, listed first. */
	KT_EXPECT_EQ(t, madt_info.cpus[0].apic_id, 0);
}

static void
madt_interrupts_match_q35(struct ktest *t)
{
	bool irq0_to_gsi2 = false;

	KT_ASSERT_TRUE(t, madt_info.valid);
	KT_EXPECT_EQ(t, madt_info.lapic_address, 0xfee00000);
	KT_EXPECT_TRUE(t, madt_info.flags & ACPI_MADT_PCAT_COMPAT);
	KT_ASSERT_EQ(t, madt_info.nr_ioapics, 1);
	KT_EXPECT_EQ(t, madt_info.ioapics[0].address, 0xfec00000);
	KT_EXPECT_EQ(t, madt_info.ioapics[0].gsi_base, 0);
	for (unsigned int i = 0; i < madt_info.nr_overrides; i++)
		if (madt_info.overrides[i].source_irq == 0 &&
		    madt_info.overrides[i].global_irq == 2)
			irq0_to_gsi2 = true;
	KT_EXPECT_TRUE(t, irq0_to_gsi2);
}

static struct numa_firmware live_fw;
/* A CPU list, or a distance matrix of up to MAX_NUMNODES^2 entries. */
static u64 fact[NR_CPUS > MAX_NUMNODES * MAX_NUMNODES ? NR_CPUS :
		MAX_NUMNODES * MAX_NUMNODES];

/*
 * What mm_core_init() hands to numa_init(): the MADT's CPUs, and the
 * SRAT's affinities and the SLIT's distances unless numa=off.  QEMU
 * lists CPU affinity entries in CPU order and numbers the proximity
 * domains like the topology's nodes.
 */
static void
numa_description_matches_machine(struct ktest *t)
{
	int n = (int)ktest_nodes, cpus;

	if (!ktest_nodes || !ktest_cpus)
		ktest_skip(t, "no ktest.nodes/ktest.cpus from the harness");
	acpi_numa_firmware_init(&live_fw, false);	/* as numa=off */
	KT_EXPECT_EQ(t, live_fw.nr_cpus, ktest_cpus);
	KT_EXPECT_FALSE(t, live_fw.has_affinity);
	KT_EXPECT_EQ(t, live_fw.localities, 0);

	acpi_numa_firmware_init(&live_fw, true);
	KT_ASSERT_EQ(t, live_fw.nr_cpus, ktest_cpus);
	for (unsigned int i = 0; i < live_fw.nr_cpus; i++)
		KT_EXPECT_TRUE(t, live_fw.cpus[i].enabled);
	KT_EXPECT_EQ(t, live_fw.has_affinity, n > 1);
	if (n == 1)
		return;
	KT_EXPECT_FALSE(t, live_fw.affinity_bad);
	cpus = ktest_parse_list(ktest_cpu_nodes, fact, ARRAY_SIZE(fact));
	KT_ASSERT_EQ(t, cpus, (int)ktest_cpus);
	KT_ASSERT_EQ(t, live_fw.nr_cpu_affinity, ktest_cpus);
	for (int i = 0; i < cpus; i++) {
		KT_EXPECT_EQ(t, live_fw.cpu_affinity[i].apic_id,
			     live_fw.cpus[i].apic_id);
		KT_EXPECT_EQ(t, live_fw.cpu_affinity[i].pxm, fact[i]);
	}
	KT_EXPECT_GE(t, live_fw.nr_mem_affinity, 1);
	/* 64 nodes' distances do not fit on the command line (64n). */
	if (!ktest_distances[0])
		ktest_skip(t, "no ktest.distances from the harness");
	KT_ASSERT_EQ(t, ktest_parse_list(ktest_distances, fact,
					 ARRAY_SIZE(fact)), n * n);
	KT_ASSERT_EQ(t, live_fw.localities, n);
	for (int a = 0; a < n; a++)
		for (int b = 0; b < n; b++)
			KT_EXPECT_EQ(t, numa_fw_distance(&live_fw, a, b),
				     fact[a * n + b]);
}

/* ---- crafted tables -------------------------------------------------------- */

/* A tiny fake physical address space: 512 bytes at 0x1000. */
#define FAKE_BASE	0x1000
static u8 fake_mem[512];
static struct acpi_tables fake_tables;
static struct madt_info fake_madt;

static const void *
fake_read(phys_addr_t addr, size_t len)
{
	if (addr < FAKE_BASE || addr - FAKE_BASE > sizeof(fake_mem) ||
	    len > sizeof(fake_mem) - (addr - FAKE_BASE))
		return NULL;
	return fake_mem + (addr - FAKE_BASE);
}

static void
make_header(struct acpi_table_header *h, const char *sig, u32 len)
{
	memset(h, 0, len);
	memcpy(h->signature, sig, 4);
	h->length = len;
	h->revision = 1;
	memcpy(h->oem_id, "PAGODA", 6);
}

static void
fix_checksum(struct acpi_table_header *h)
{
	h->checksum = 0;
	h->checksum = (u8)-acpi_checksum(h, h->length);
}

static void
bad_checksum_is_refused(struct ktest *t)
{
	u8 rsdp[20] = "RSD PTR ";
	struct acpi_table_header *rsdt = (void *)fake_mem;
	struct acpi_table_header *good = (void *)(fake_mem + 0x100);
	struct acpi_table_header *bad = (void *)(fake_mem + 0x140);
	u32 entries[2] = { FAKE_BASE + 0x100, FAKE_BASE + 0x140 };

	memset(fake_mem, 0, sizeof(fake_mem));
	rsdp[15] = 0;				/* ACPI 1.0: RSDT only */
	memcpy(rsdp + 16, &(u32){ FAKE_BASE }, 4);
	rsdp[8] = (u8)-acpi_checksum(rsdp, 20);
	make_header(rsdt, "RSDT", ACPI_TABLE_HEADER_LEN + sizeof(entries));
	memcpy(rsdt + 1, entries, sizeof(entries));
	fix_checksum(rsdt);
	make_header(good, "GOOD", 40);
	fix_checksum(good);
	make_header(bad, "BAD!", 40);
	fix_checksum(bad);
	bad->checksum ^= 1;

	KT_EXPECT_EQ(t, acpi_tables_parse(&fake_tables, rsdp, 20, fake_read), 2);
	KT_EXPECT_EQ(t, fake_tables.rejected, 1);
	KT_EXPECT_TRUE(t, acpi_tables_find(&fake_tables, "GOOD", 0) == good);
	KT_EXPECT_TRUE(t, acpi_tables_find(&fake_tables, "BAD!", 0) == NULL);
}

static void
broken_madt_is_refused(struct ktest *t)
{
	struct acpi_table_header *madt = (void *)fake_mem;
	u8 *e = fake_mem + 44;

	make_header(madt, "APIC", 44 + 8 + 2);
	/* A good local APIC entry, then an entry of length 0. */
	e[0] = 0, e[1] = 8, e[2] = 0, e[3] = 0, e[4] = 1;
	e[8] = 0, e[9] = 0;
	fix_checksum(madt);
	KT_EXPECT_NE(t, madt_parse(madt, &fake_madt), 0);
	KT_EXPECT_FALSE(t, fake_madt.valid);
	KT_EXPECT_EQ(t, fake_madt.nr_cpus, 0);

	e[9] = 8;				/* now one entry past the end */
	fix_checksum(madt);
	KT_EXPECT_NE(t, madt_parse(madt, &fake_madt), 0);
	KT_EXPECT_FALSE(t, fake_madt.valid);
}

KTEST_SUITE(acpi,
	KTEST_CASE(tables_found),
	KTEST_CASE(every_checksum_verified),
	KTEST_CASE(numa_tables_match_machine),
	KTEST_CASE(madt_cpus_match_machine),
	KTEST_CASE(madt_interrupts_match_q35),
	KTEST_CASE(numa_description_matches_machine),
	KTEST_CASE(bad_checksum_is_refused),
	KTEST_CASE(broken_madt_is_refused));
