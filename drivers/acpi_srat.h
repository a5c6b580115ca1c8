/*
 * drivers/acpi_srat.h - SRAT (what belongs to which proximity domain) and
 * SLIT (how far the domains are from each other).
 *
 * Teaches: the firmware describes NUMA in two tables: the SRAT gives each
 * CPU (by APIC id) and each memory range a proximity domain, the SLIT
 * gives the relative distance between every two domains (10 = local).
 * They are read here into the memory manager's neutral description
 * (mm/numa_firmware.h), so mm/ never sees an ACPI structure.
 * Linux counterpart: drivers/acpi/numa/srat.c, include/acpi/actbl3.h.
 */
#ifndef PAGODA_DRIVERS_ACPI_SRAT_H
#define PAGODA_DRIVERS_ACPI_SRAT_H

#include "drivers/acpi_tables.h"
#include "kernel/types.h"
#include "mm/numa_firmware.h"

#define SRAT_MAX_CPUS		NUMA_FW_MAX_CPU_AFFINITY
#define SRAT_MAX_MEMBLKS	NUMA_FW_MAX_MEM_AFFINITY

enum srat_type {
	ACPI_SRAT_TYPE_CPU_AFFINITY = 0,
	ACPI_SRAT_TYPE_MEMORY_AFFINITY = 1,
	ACPI_SRAT_TYPE_X2APIC_CPU_AFFINITY = 2,
};

#define ACPI_SRAT_CPU_ENABLED		(1U << 0)
#define ACPI_SRAT_MEM_ENABLED		(1U << 0)
#define ACPI_SRAT_MEM_HOT_PLUGGABLE	(1U << 1)
#define ACPI_SRAT_MEM_NON_VOLATILE	(1U << 2)

/*
 * Parse an SRAT already checked by acpi_tables (length, checksum) into
 * fw's affinity lists: the enabled entries, CPU entries first, then
 * memory entries (Linux's reading order), PXMs left raw.  A malformed
 * table sets fw->affinity_bad (Linux then ignores the whole SRAT,
 * "SRAT: SRAT not used.") and returns -EINVAL.
 */
int srat_parse(const struct acpi_table_header *srat, struct numa_firmware *fw);
/*
 * Parse and validate a SLIT already checked by acpi_tables: a sane table
 * becomes fw's distance table (pointing into the table); otherwise
 * fw->localities is 0 and the result -EINVAL.
 */
int slit_parse(const struct acpi_table_header *slit, struct numa_firmware *fw);

/*
 * Kernel side, after acpi_boot_init(): describe the machine for
 * numa_init(): the MADT's CPUs and, when affinity is wanted (no
 * numa=off), the SRAT and the SLIT.
 */
void acpi_numa_firmware_init(struct numa_firmware *fw, bool affinity);

#endif
