/*
 * drivers/acpi_tables.h - the ACPI tables: find them, check them, list them.
 *
 * Teaches: every ACPI table starts with the same 36-byte header (signature,
 * length, checksum, OEM ids); the RSDT or XSDT lists the tables' physical
 * addresses, and a table is used only if its length is sane and all its
 * bytes sum to zero (see acpi_tables.c).
 * Linux counterpart: include/acpi/actbl.h, drivers/acpi/tables.c.
 */
#ifndef PAGODA_DRIVERS_ACPI_TABLES_H
#define PAGODA_DRIVERS_ACPI_TABLES_H

#include "boot/bootinfo.h"
#include "kernel/compiler.h"
#include "kernel/types.h"

#define ACPI_TABLE_HEADER_LEN	36
#define ACPI_TABLE_MAX_LEN	(1U << 20)	/* larger is firmware garbage */
#define ACPI_MAX_TABLES		64

/* The header every ACPI table but the FACS starts with. */
struct acpi_table_header {
	char signature[4];		/* "APIC", "SRAT"... not NUL-terminated */
	u32 length;			/* of the whole table, header included */
	u8 revision;
	u8 checksum;			/* all bytes of the table sum to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	char asl_compiler_id[4];
	u32 asl_compiler_revision;
} __packed;

BUILD_BUG_ON(sizeof(struct acpi_table_header) != ACPI_TABLE_HEADER_LEN);

/* The two bytes that start every entry of the MADT and the SRAT. */
struct acpi_subtable_header {
	u8 type;
	u8 length;			/* of the entry, these two bytes included */
} __packed;

struct acpi_table_desc {
	phys_addr_t address;
	const struct acpi_table_header *table;	/* the whole table, mapped */
	u32 length;
	char signature[5];			/* NUL-terminated copy */
};

/* Every table found and accepted; tables[0] is the RSDT or XSDT. */
struct acpi_tables {
	unsigned int count;
	struct acpi_table_desc tables[ACPI_MAX_TABLES];
	bool xsdt;			/* the root is an XSDT (64-bit entries) */
	unsigned int rejected;		/* bad length, checksum, unmappable... */
};

/* The tables the kernel found at boot (acpi_table_init). */
extern struct acpi_tables acpi_tables;

/* Sum of len bytes: 0 for a valid ACPI checksum. */
u8 acpi_checksum(const void *p, size_t len);

/*
 * Walk RSDP -> XSDT (revision >= 2 and a nonzero address) or RSDT ->
 * every table, plus the DSDT and FACS the FADT points to.  Each table is
 * read through `read`, its length (36 bytes to 1 MiB) and checksum
 * checked, and printed as Linux does; a table that fails is reported and
 * left out.  Returns the number of tables accepted (root included), or a
 * negative errno if there is no usable root table.
 */
int acpi_tables_parse(struct acpi_tables *at, const u8 *rsdp, size_t rsdp_len,
		      phys_reader_t read);
/* The instance'th (0-based) table with signature sig, or NULL. */
const struct acpi_table_header *
acpi_tables_find(const struct acpi_tables *at, const char sig[4],
		 unsigned int instance);
/* Print every table in hex (the acpi_dump parameter). */
void acpi_tables_dump(const struct acpi_tables *at, const u8 *rsdp,
		      size_t rsdp_len, phys_addr_t rsdp_phys);

/* Kernel side: the reader (memremap_ro), and the parse of boot_info's RSDP. */
const void *acpi_os_map_memory(phys_addr_t phys, size_t size);
int acpi_table_init(phys_reader_t read);
const struct acpi_table_header *acpi_get_table(const char sig[4],
					       unsigned int instance);

#endif
