/*
 * drivers/acpi_tables.c - from the RSDP to every ACPI table, checked.
 *
 * Teaches: the firmware describes the machine in ACPI tables: which CPUs
 * and interrupt controllers exist (MADT, signature "APIC"), which memory
 * and CPUs belong to which NUMA node (SRAT), how far nodes are from each
 * other (SLIT), and much more.  The RSDP points to a root table, the
 * RSDT (32-bit addresses) or, from ACPI 2.0 on, the XSDT (64-bit
 * addresses), which lists the address of every other table; the FADT
 * ("FACP") adds two more, the DSDT (AML code) and the FACS.  Every table
 * starts with the same 36-byte header: a signature, the length, a
 * revision, a checksum byte that makes all bytes sum to zero, and the
 * names of whoever built it.
 *
 * Firmware tables are input like any other: a length that runs past the
 * memory, a wrong checksum or a garbage address must cost a warning, not
 * a crash.  So every table is read through a phys_reader_t (memremap_ro
 * in the kernel, a buffer in host tests and the fuzzer), its length
 * bounded and its checksum verified before anything looks inside.  Linux
 * only warns about a bad checksum and uses the table anyway; we ignore it.
 *
 * The boot log shows each table as Linux does:
 *	ACPI: RSDT 0x000000007FFE2315 000034 (v01 BOCHS  BXPC     00000001 BXPC 00000001)
 * and `acpi_dump` prints every table in hex so tools/capture-acpi can
 * save QEMU's real tables for the host tests.
 *
 * Linux counterpart: drivers/acpi/acpica/tbutils.c (acpi_tb_parse_root_table),
 * tbprint.c (acpi_tb_print_table_header), tbfadt.c, drivers/acpi/tables.c.
 */
#include "drivers/acpi_tables.h"

#include "drivers/acpi_rsdp.h"
#include "lib/unaligned.h"
#include "kernel/errno.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/ioremap.h"

struct acpi_tables acpi_tables;

static bool acpi_dump;
early_param_var("acpi_dump", acpi_dump, PARAM_BOOL,
		"print every ACPI table in hex (tools/capture-acpi reads it)");

/* Offsets in the FADT of the two tables it points to. */
#define FADT_FIRMWARE_CTRL	36	/* u32: the FACS */
#define FADT_DSDT		40	/* u32 */
#define FADT_X_FIRMWARE_CTRL	132	/* u64, ACPI 2.0+ */
#define FADT_X_DSDT		140	/* u64, ACPI 2.0+ */
#define FACS_MIN_LEN		64

u8
acpi_checksum(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

/*
 * A fixed-size name field, made printable: it ends at its first NUL,
 * and a byte that is not printable becomes '?' (as Linux's
 * acpi_tb_fix_string does).
 */
static void
fix_string(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i]; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
	dst[i] = '\0';
}

/* The signature as a 4-letter word for messages: every byte visible. */
static void
sig_word(char *dst, const char *sig)
{
	for (int i = 0; i < 4; i++)
		dst[i] = sig[i] > 0x20 && sig[i] < 0x7f ? sig[i] : '?';
	dst[4] = '\0';
}

static void
print_header(phys_addr_t addr, const struct acpi_table_header *h, u32 len)
{
	char sig[5], oem[7], table_id[9], creator[5];

	fix_string(sig, h->signature, 4);
	if (!memcmp(h->signature, "FACS", 4)) {
		/* The FACS has no standard header: signature and length only. */
		pr_info("ACPI: %-4.4s 0x%016llX %06X\n", sig,
			(unsigned long long)addr, len);
		return;
	}
	fix_string(oem, h->oem_id, 6);
	fix_string(table_id, h->oem_table_id, 8);
	fix_string(creator, h->asl_compiler_id, 4);
	pr_info("ACPI: %-4.4s 0x%016llX %06X (v%02u %-6.6s %-8.8s %08X %-4.4s %08X)\n",
		sig, (unsigned long long)addr, len, h->revision, oem, table_id,
		h->oem_revision, creator, h->asl_compiler_revision);
}

/*
 * Map the table at addr and check it: its signature (if want is not
 * NULL), a length between the header's and ACPI_TABLE_MAX_LEN, all of it
 * readable, and its checksum (the FACS has none).  Returns the mapped
 * table with its length in *lenp, or NULL after saying why.
 */
static const struct acpi_table_header *
get_table(phys_reader_t read, phys_addr_t addr, const char *want, u32 *lenp)
{
	const struct acpi_table_header *h = read(addr, ACPI_TABLE_HEADER_LEN);
	const struct acpi_table_header *t;
	char sig[5];
	u32 len, min_len;

	if (!h) {
		pr_warn("ACPI: %s at %#llx: cannot map it, ignored\n",
			want ? want : "table", (unsigned long long)addr);
		return NULL;
	}
	sig_word(sig, h->signature);
	if (want && memcmp(h->signature, want, 4)) {
		pr_warn("ACPI: %4.4s at %#llx: expected the %s, ignored\n",
			sig, (unsigned long long)addr, want);
		return NULL;
	}
	len = get_unaligned_le32(&h->length);	/* read once: use this value only */
	min_len = memcmp(h->signature, "FACS", 4) ? ACPI_TABLE_HEADER_LEN
						  : FACS_MIN_LEN;
	if (len < min_len || len > ACPI_TABLE_MAX_LEN) {
		pr_warn("ACPI: %4.4s at %#llx: bad length %u, ignored\n",
			sig, (unsigned long long)addr, len);
		return NULL;
	}
	t = read(addr, len);
	if (!t) {
		pr_warn("ACPI: %4.4s at %#llx: cannot map its %u bytes, ignored\n",
			sig, (unsigned long long)addr, len);
		return NULL;
	}
	if (memcmp(t->signature, "FACS", 4) && acpi_checksum(t, len)) {
		pr_warn("ACPI: %4.4s at %#llx: bad checksum, ignored\n",
			sig, (unsigned long long)addr);
		return NULL;
	}
	*lenp = len;
	return t;
}

static void
add_table(struct acpi_tables *at, phys_addr_t addr,
	  const struct acpi_table_header *t, u32 len)
{
	struct acpi_table_desc *d;
	char sig[5];

	sig_word(sig, t->signature);
	for (unsigned int i = 0; i < at->count; i++) {
		if (at->tables[i].address == addr) {
			pr_warn("ACPI: %4.4s at %#llx listed twice, ignored\n",
				sig, (unsigned long long)addr);
			return;
		}
	}
	if (at->count >= ACPI_MAX_TABLES) {
		pr_warn("ACPI: more than %d tables: %4.4s at %#llx ignored\n",
			ACPI_MAX_TABLES, sig, (unsigned long long)addr);
		at->rejected++;
		return;
	}
	print_header(addr, t, len);
	d = &at->tables[at->count++];
	d->address = addr;
	d->table = t;
	d->length = len;
	memcpy(d->signature, t->signature, 4);
	d->signature[4] = '\0';
}

/* One table at addr: checked, printed, recorded (no-op for address 0). */
static const struct acpi_table_header *
load_table(struct acpi_tables *at, phys_reader_t read, phys_addr_t addr,
	   const char *want, u32 *lenp)
{
	const struct acpi_table_header *t;

	if (!addr)
		return NULL;
	t = get_table(read, addr, want, lenp);
	if (!t) {
		at->rejected++;
		return NULL;
	}
	add_table(at, addr, t, *lenp);
	return t;
}

/* The FADT points to the DSDT and the FACS: the 64-bit fields win. */
static void
parse_fadt(struct acpi_tables *at, phys_reader_t read,
	   const struct acpi_table_header *fadt, u32 len)
{
	const u8 *p = (const u8 *)fadt;
	u64 dsdt = 0, facs = 0, x;
	u32 tlen;

	if (len >= FADT_DSDT + 4) {
		facs = get_unaligned_le32(p + FADT_FIRMWARE_CTRL);
		dsdt = get_unaligned_le32(p + FADT_DSDT);
	}
	if (len >= FADT_X_FIRMWARE_CTRL + 8 &&
	    (x = get_unaligned_le64(p + FADT_X_FIRMWARE_CTRL)))
		facs = x;
	if (len >= FADT_X_DSDT + 8 && (x = get_unaligned_le64(p + FADT_X_DSDT)))
		dsdt = x;
	load_table(at, read, dsdt, "DSDT", &tlen);
	load_table(at, read, facs, "FACS", &tlen);
}

int
acpi_tables_parse(struct acpi_tables *at, const u8 *rsdp, size_t rsdp_len,
		  phys_reader_t read)
{
	const struct acpi_table_header *root = NULL;
	phys_addr_t rsdt_addr, xsdt_addr = 0, root_addr = 0;
	unsigned int entry_size, nr;
	const u8 *entries;
	u32 len = 0;

	at->count = at->rejected = 0;
	at->xsdt = false;
	if (!rsdp || !rsdp_len || !acpi_rsdp_valid(rsdp, rsdp_len)) {
		pr_warn("ACPI: no valid RSDP: no ACPI tables\n");
		return -ENOENT;
	}
	rsdt_addr = get_unaligned_le32(rsdp + 16);
	if (rsdp[15] >= 2 && rsdp_len >= ACPI_RSDP_MAX_LEN)
		xsdt_addr = get_unaligned_le64(rsdp + 24);

	if (xsdt_addr) {
		root = get_table(read, xsdt_addr, "XSDT", &len);
		if (root) {
			at->xsdt = true;
			root_addr = xsdt_addr;
		} else {
			at->rejected++;
			if (rsdt_addr)
				pr_warn("ACPI: XSDT unusable, using the RSDT\n");
		}
	}
	if (!root && rsdt_addr) {
		root = get_table(read, rsdt_addr, "RSDT", &len);
		root_addr = rsdt_addr;
		if (!root)
			at->rejected++;
	}
	if (!root) {
		pr_err("ACPI: no usable RSDT or XSDT: no ACPI tables\n");
		return -EINVAL;
	}
	add_table(at, root_addr, root, len);

	entry_size = at->xsdt ? 8 : 4;
	nr = (len - ACPI_TABLE_HEADER_LEN) / entry_size;
	if ((len - ACPI_TABLE_HEADER_LEN) % entry_size)
		pr_warn("ACPI: %s: %u bytes after its last entry ignored\n",
			at->xsdt ? "XSDT" : "RSDT",
			(len - ACPI_TABLE_HEADER_LEN) % entry_size);
	entries = (const u8 *)root + ACPI_TABLE_HEADER_LEN;
	for (unsigned int i = 0; i < nr; i++) {
		const u8 *e = entries + i * entry_size;
		phys_addr_t addr = at->xsdt ? get_unaligned_le64(e) : get_unaligned_le32(e);
		const struct acpi_table_header *t;
		u32 tlen;

		t = load_table(at, read, addr, NULL, &tlen);
		if (t && !memcmp(t->signature, "FACP", 4))
			parse_fadt(at, read, t, tlen);
	}
	return (int)at->count;
}

const struct acpi_table_header *
acpi_tables_find(const struct acpi_tables *at, const char sig[4],
		 unsigned int instance)
{
	for (unsigned int i = 0; i < at->count; i++) {
		if (memcmp(at->tables[i].signature, sig, 4))
			continue;
		if (instance-- == 0)
			return at->tables[i].table;
	}
	return NULL;
}

/*
 * "ACPI dump SRAT 0x7ffe23ac 272", then "ACPI dump SRAT +0010: 00 01 ..."
 * lines of 16 bytes.  The signature on every line keeps the dump
 * readable even if other messages interleave.
 */
static void
dump_one(const char *sig, phys_addr_t addr, const u8 *p, u32 len)
{
	pr_info("ACPI dump %s %#llx %u\n", sig, (unsigned long long)addr, len);
	for (u32 off = 0; off < len; off += 16) {
		char line[16 * 3 + 1];
		size_t n = 0;

		for (u32 i = off; i < len && i < off + 16; i++)
			n += scnprintf(line + n, sizeof(line) - n, " %02x", p[i]);
		line[n] = '\0';
		pr_info("ACPI dump %s +%04x:%s\n", sig, off, line);
	}
}

void
acpi_tables_dump(const struct acpi_tables *at, const u8 *rsdp,
		 size_t rsdp_len, phys_addr_t rsdp_phys)
{
	if (rsdp && rsdp_len)
		dump_one("RSDP", rsdp_phys, rsdp,
			 rsdp[15] >= 2 && rsdp_len >= ACPI_RSDP_MAX_LEN ?
			 ACPI_RSDP_MAX_LEN : 20);
	for (unsigned int i = 0; i < at->count; i++) {
		char sig[5];

		sig_word(sig, at->tables[i].signature);
		dump_one(sig, at->tables[i].address,
			 (const u8 *)at->tables[i].table, at->tables[i].length);
	}
}

/* ---- kernel side --------------------------------------------------------- */

/* Firmware tables are not in the direct map: map each one read-only. */
const void *
acpi_os_map_memory(phys_addr_t phys, size_t size)
{
	return memremap_ro(phys, size);
}

int
acpi_table_init(phys_reader_t read)
{
	int n = acpi_tables_parse(&acpi_tables, boot_info.rsdp,
				  boot_info.rsdp_len, read);

	if (acpi_dump && boot_info.rsdp_len)
		acpi_tables_dump(&acpi_tables, boot_info.rsdp,
				 boot_info.rsdp_len, boot_info.rsdp_phys);
	return n;
}

const struct acpi_table_header *
acpi_get_table(const char sig[4], unsigned int instance)
{
	return acpi_tables_find(&acpi_tables, sig, instance);
}
