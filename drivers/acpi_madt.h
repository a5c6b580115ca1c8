/*
 * drivers/acpi_madt.h - the MADT: CPUs, IOAPICs and interrupt overrides.
 *
 * Teaches: the MADT is the firmware's list of interrupt hardware: one
 * entry per CPU (its local APIC id and whether it is present or can be
 * hot-added), per IOAPIC (address and first GSI), per ISA interrupt that
 * is wired to a different GSI, and per NMI input.  CPUs are numbered as
 * Linux numbers them: the present ones in MADT order, then the
 * hot-pluggable ones.
 * Linux counterpart: arch/x86/kernel/acpi/boot.c, include/acpi/actbl2.h.
 */
#ifndef PAGODA_DRIVERS_ACPI_MADT_H
#define PAGODA_DRIVERS_ACPI_MADT_H

#include "drivers/acpi_tables.h"
#include "kernel/types.h"
#include "mm/numa_firmware.h"		/* NR_CPUS, the CPUs for NUMA setup */

#define MADT_MAX_IOAPICS	16
#define MADT_MAX_OVERRIDES	32
#define MADT_MAX_NMIS		16

/* Entry types (ACPI 6.5, 5.2.12). */
enum madt_type {
	ACPI_MADT_TYPE_LOCAL_APIC = 0,
	ACPI_MADT_TYPE_IO_APIC = 1,
	ACPI_MADT_TYPE_INTERRUPT_OVERRIDE = 2,
	ACPI_MADT_TYPE_NMI_SOURCE = 3,
	ACPI_MADT_TYPE_LOCAL_APIC_NMI = 4,
	ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE = 5,
	ACPI_MADT_TYPE_LOCAL_X2APIC = 9,
	ACPI_MADT_TYPE_LOCAL_X2APIC_NMI = 10,
};

#define ACPI_MADT_ENABLED		(1U << 0)	/* CPU usable now */
#define ACPI_MADT_ONLINE_CAPABLE	(1U << 1)	/* may be enabled later (rev >= 5) */
#define ACPI_MADT_PCAT_COMPAT		(1U << 0)	/* MADT flags: 8259s present */

struct madt_cpu {
	u32 apic_id;
	u32 acpi_uid;		/* the processor's ACPI id */
	bool enabled;		/* false: a hot-pluggable CPU, not present yet */
	bool x2apic;		/* came from an x2APIC entry */
};

struct madt_ioapic {
	u8 id;
	u32 address;
	u32 gsi_base;
	u32 version_reg;	/* the chip's IOAPIC_VER; 0: not read */
};

struct madt_override {
	u8 bus;
	u8 source_irq;		/* the ISA IRQ... */
	u32 global_irq;		/* ...is this GSI */
	u16 flags;		/* polarity bits 0-1, trigger bits 2-3 */
};

struct madt_nmi {
	u32 acpi_uid;		/* 0xff (0xffffffff for x2APIC): every CPU */
	u16 flags;
	u8 lint;		/* LINT0 or LINT1 */
	bool x2apic;
};

/*
 * What the MADT says, in the order Linux numbers CPUs: the present CPUs
 * in MADT order, then the hot-pluggable ones.  cpus[i] is CPU number i.
 */
struct madt_info {
	bool valid;		/* false: no MADT, or a malformed one */
	u8 revision;
	u32 flags;
	u64 lapic_address;	/* after any type 5 override */
	unsigned int nr_cpus;		/* possible CPUs: present + hotplug */
	unsigned int nr_present;	/* enabled CPUs */
	unsigned int nr_unusable;	/* disabled, not online capable */
	unsigned int nr_excess;		/* beyond NR_CPUS, ignored */
	struct madt_cpu cpus[NR_CPUS];
	unsigned int nr_ioapics;
	struct madt_ioapic ioapics[MADT_MAX_IOAPICS];
	unsigned int nr_overrides;
	struct madt_override overrides[MADT_MAX_OVERRIDES];
	unsigned int nr_nmis;
	struct madt_nmi nmis[MADT_MAX_NMIS];
};

/* The MADT the kernel found at boot (acpi_boot_init). */
extern struct madt_info madt_info;

/*
 * Parse a MADT already checked by acpi_tables (length, checksum) and
 * print it as Linux does.  A structurally broken table (an entry of zero
 * length, or running past the end, or shorter than its type requires)
 * is reported and gives mi->valid == false and no CPUs.
 * Returns 0, or -EINVAL for a broken table.
 */
/*
 * How madt_parse() reads an IOAPIC's version register (drivers/ioapic.c
 * in the kernel, a fake in host tests); without one the IOAPIC line has
 * no version and no GSI range.
 */
void madt_set_ioapic_reader(u32 (*read_version)(u32 address));
int madt_parse(const struct acpi_table_header *madt, struct madt_info *mi);

/* The possible CPUs, for NUMA setup: fw->nr_cpus is 0 without a MADT. */
void madt_numa_cpus(const struct madt_info *mi, struct numa_firmware *fw);

/*
 * Kernel side: acpi_table_init() then madt_parse(), after paging_init().
 * Without a usable MADT, madt_info.valid is false (one CPU, no IOAPIC).
 */
void acpi_boot_init(void);

#endif
