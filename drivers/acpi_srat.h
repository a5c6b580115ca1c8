/*
 * drivers/acpi_srat.h - SRAT (what belongs to which proximity domain) and
 * SLIT (how far the domains are from each other), as plain structures.
 * Linux counterpart: drivers/acpi/numa/srat.c, include/acpi/actbl3.h.
 */
#ifndef PAGODA_DRIVERS_ACPI_SRAT_H
#define PAGODA_DRIVERS_ACPI_SRAT_H

#include "drivers/acpi_tables.h"
#include "kernel/types.h"

#define SRAT_MAX_CPUS		512	/* CPU affinity entries kept */
#define SRAT_MAX_MEMBLKS	128	/* memory affinity entries kept */
#define MAX_PXM_DOMAINS		256	/* as Linux: larger PXMs are refused */
#define MAX_LOCAL_APIC		32768	/* as Linux: larger APIC ids skipped */

enum srat_type {
	ACPI_SRAT_TYPE_CPU_AFFINITY = 0,
	ACPI_SRAT_TYPE_MEMORY_AFFINITY = 1,
	ACPI_SRAT_TYPE_X2APIC_CPU_AFFINITY = 2,
};

#define ACPI_SRAT_CPU_ENABLED		(1U << 0)
#define ACPI_SRAT_MEM_ENABLED		(1U << 0)
#define ACPI_SRAT_MEM_HOT_PLUGGABLE	(1U << 1)
#define ACPI_SRAT_MEM_NON_VOLATILE	(1U << 2)

struct srat_cpu {
	u32 apic_id;
	u32 pxm;		/* proximity domain, as the revision allows */
	bool x2apic;
};

struct srat_mem {
	u64 start, end;		/* [start, end), nonempty, below 2^52 */
	u32 pxm;
	u32 flags;		/* ACPI_SRAT_MEM_* */
};

/*
 * The enabled entries, in Linux's reading order: CPU affinity entries
 * (types 0 and 2, as they come), then memory affinity entries.
 * bad: the table is malformed; Linux then ignores the whole SRAT
 * ("SRAT: SRAT not used.") and so must the caller.
 */
struct srat_info {
	u8 revision;
	bool bad;
	unsigned int nr_cpus, nr_mem;
	unsigned int nr_disabled;	/* entries with the enabled bit clear */
	struct srat_cpu cpus[SRAT_MAX_CPUS];
	struct srat_mem mem[SRAT_MAX_MEMBLKS];
};

/*
 * SLIT: localities x localities distances, row-major, indexed by PXM.
 * valid: the size matches the count and the values are sane (10 on the
 * diagonal, more elsewhere); otherwise the caller uses 10/20.
 */
struct slit_info {
	bool valid;
	u32 localities;
	const u8 *entry;	/* into the table */
};

/* Parse an SRAT already checked by acpi_tables (length, checksum). */
int srat_parse(const struct acpi_table_header *srat, struct srat_info *si);
/* Parse and validate a SLIT already checked by acpi_tables. */
int slit_parse(const struct acpi_table_header *slit, struct slit_info *sl);

static inline u8
slit_distance(const struct slit_info *sl, u32 from_pxm, u32 to_pxm)
{
	return sl->entry[(size_t)from_pxm * sl->localities + to_pxm];
}

#endif
