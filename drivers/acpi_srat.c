/*
 * drivers/acpi_srat.c - read the SRAT and the SLIT into plain structures.
 *
 * Teaches: on a NUMA machine the firmware groups CPUs and memory into
 * "proximity domains" (PXMs) in the System Resource Affinity Table, and
 * gives the relative distance between every pair of domains in the System
 * Locality Information Table (10 = local; 21 = 2.1 times as far).
 *
 * SRAT entries (after a 48-byte header), each with a type and a length:
 *	type 0  processor local APIC affinity, 16 bytes: APIC id, flags,
 *		PXM bits 0-7 and, from SRAT revision 2 on, bits 8-31
 *	type 2  processor x2APIC affinity, 24 bytes: 32-bit APIC id and PXM
 *	type 1  memory affinity, 40 bytes: base, length, 32-bit PXM (only
 *		its low 8 bits count in a revision 1 table), flags: enabled,
 *		hot-pluggable, non-volatile
 * Entries whose enabled bit is clear mean nothing (QEMU pads its SRAT with
 * such empty memory entries).  Linux reads all CPU entries first, then all
 * memory entries; mm/numa.c turns PXMs into node ids in that order, so
 * this file keeps the entries in that order and leaves the PXMs raw.  It
 * writes them into the memory manager's neutral description of the
 * machine (struct numa_firmware, mm/numa_firmware.h): mm/ never sees an
 * ACPI table.
 *
 * Robustness: a zero-length entry, an entry past the table, or an entry
 * shorter than its type makes Linux call the SRAT bad and fall back to one
 * node; we flag it the same way (fw->affinity_bad).  A SLIT whose size
 * does not match its locality count, or whose distances are not 10 on the
 * diagonal and more than 10 elsewhere, is not used.
 *
 * Linux counterpart: drivers/acpi/numa/srat.c (acpi_numa_init,
 * acpi_numa_memory_affinity_init, slit_valid), arch/x86/mm/srat.c
 * (acpi_numa_processor_affinity_init, acpi_numa_x2apic_affinity_init).
 */
#include "drivers/acpi_srat.h"

#include "arch/x86/e820.h"
#include "drivers/acpi_madt.h"
#include "lib/unaligned.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "lib/string.h"

#define SRAT_HEADER_LEN		48	/* table header + revision + reserved */
#define SLIT_HEADER_LEN		44	/* table header + locality count */
#define SRAT_CPU_LEN		16
#define SRAT_X2APIC_LEN		24
#define SRAT_MEM_LEN		40
#define LOCAL_DISTANCE		10

/* Every entry's length, checked once before anything reads the entries. */
static int
srat_check_entries(const u8 *p, u32 len)
{
	unsigned int index = 0;

	for (u32 off = SRAT_HEADER_LEN; off < len; index++) {
		u8 type, elen;
		const char *why = NULL;

		if (len - off < 2) {
			pr_warn("ACPI: SRAT: %u stray byte at the end ignored\n",
				len - off);
			return 0;
		}
		type = p[off];
		elen = p[off + 1];
		if (elen < 2)
			why = "is impossible";
		else if (elen > len - off)
			why = "runs past the table";
		else if ((type == ACPI_SRAT_TYPE_CPU_AFFINITY && elen != SRAT_CPU_LEN) ||
			 (type == ACPI_SRAT_TYPE_X2APIC_CPU_AFFINITY &&
			  elen < SRAT_X2APIC_LEN) ||
			 (type == ACPI_SRAT_TYPE_MEMORY_AFFINITY && elen < SRAT_MEM_LEN))
			why = "does not fit its type";
		if (why) {
			pr_err("ACPI: SRAT: entry %u (type %u) at offset %#x: length %u %s\n",
			       index, type, off, elen, why);
			return -EINVAL;
		}
		off += elen;
	}
	return 0;
}

static void
add_cpu(struct numa_firmware *fw, u8 revision, const u8 *e)
{
	struct numa_fw_cpu_affinity c;
	u32 flags;

	if (e[0] == ACPI_SRAT_TYPE_CPU_AFFINITY) {
		flags = get_unaligned_le32(e + 4);
		c.apic_id = e[3];
		c.pxm = e[2];
		/* Revision 1 knew only 8-bit PXMs; bytes 9-11 were reserved. */
		if (revision >= 2)
			c.pxm |= (u32)e[9] << 8 | (u32)e[10] << 16 |
				 (u32)e[11] << 24;
		c.x2apic = false;
	} else {
		flags = get_unaligned_le32(e + 12);
		c.pxm = get_unaligned_le32(e + 4);
		c.apic_id = get_unaligned_le32(e + 8);
		c.x2apic = true;
	}
	if (!(flags & ACPI_SRAT_CPU_ENABLED))
		return;
	if (fw->nr_cpu_affinity >= SRAT_MAX_CPUS) {
		if (fw->nr_cpu_affinity++ == SRAT_MAX_CPUS)
			pr_warn("ACPI: SRAT: more than %d CPU entries, the rest ignored\n",
				SRAT_MAX_CPUS);
		fw->nr_cpu_affinity = SRAT_MAX_CPUS;
		return;
	}
	fw->cpu_affinity[fw->nr_cpu_affinity++] = c;
}

static int
add_mem(struct numa_firmware *fw, u8 revision, const u8 *e,
	unsigned int index)
{
	u32 flags = get_unaligned_le32(e + 28);
	u64 start = get_unaligned_le64(e + 8), size = get_unaligned_le64(e + 16);
	u32 pxm = get_unaligned_le32(e + 2);

	if (!(flags & ACPI_SRAT_MEM_ENABLED))
		return 0;
	if (revision <= 1)
		pxm &= 0xff;
	if (!size) {
		pr_warn("ACPI: SRAT: memory entry %u (PXM %u at %#llx) is empty, ignored\n",
			index, pxm, (unsigned long long)start);
		return 0;
	}
	if (start >= E820_MAX_PHYS || size > E820_MAX_PHYS - start) {
		pr_warn("ACPI: SRAT: memory entry %u (PXM %u [mem %#llx+%#llx]) beyond 2^52, ignored\n",
			index, pxm, (unsigned long long)start,
			(unsigned long long)size);
		return 0;
	}
	if (fw->nr_mem_affinity >= SRAT_MAX_MEMBLKS) {
		pr_err("ACPI: SRAT: more than %d memory ranges\n",
		       SRAT_MAX_MEMBLKS);
		return -E2BIG;
	}
	fw->mem_affinity[fw->nr_mem_affinity++] = (struct numa_fw_mem_affinity){
		.start = start, .end = start + size, .pxm = pxm,
		.hotpluggable = flags & ACPI_SRAT_MEM_HOT_PLUGGABLE,
		.non_volatile = flags & ACPI_SRAT_MEM_NON_VOLATILE,
	};
	return 0;
}

int
srat_parse(const struct acpi_table_header *srat, struct numa_firmware *fw)
{
	const u8 *p = (const u8 *)srat;
	u32 len = get_unaligned_le32(p + 4);
	unsigned int index = 0;

	/* Empty: the counts say how much of each array is meaningful. */
	fw->has_affinity = true;
	fw->affinity_bad = false;
	fw->nr_cpu_affinity = fw->nr_mem_affinity = 0;
	if (len < SRAT_HEADER_LEN) {
		pr_err("ACPI: SRAT: %u bytes, shorter than its header\n", len);
		fw->affinity_bad = true;
		return -EINVAL;
	}
	if (srat_check_entries(p, len)) {
		fw->affinity_bad = true;
		return -EINVAL;
	}
	/* Linux's order: all CPU entries first... */
	for (u32 off = SRAT_HEADER_LEN; len - off >= 2; off += p[off + 1]) {
		if (p[off] == ACPI_SRAT_TYPE_CPU_AFFINITY ||
		    p[off] == ACPI_SRAT_TYPE_X2APIC_CPU_AFFINITY)
			add_cpu(fw, srat->revision, p + off);
	}
	/* ...then the memory entries. */
	for (u32 off = SRAT_HEADER_LEN; len - off >= 2; off += p[off + 1], index++) {
		if (p[off] == ACPI_SRAT_TYPE_MEMORY_AFFINITY &&
		    add_mem(fw, srat->revision, p + off, index)) {
			fw->affinity_bad = true;
			return -EINVAL;
		}
	}
	return 0;
}

int
slit_parse(const struct acpi_table_header *slit, struct numa_firmware *fw)
{
	const u8 *p = (const u8 *)slit;
	u32 len = get_unaligned_le32(p + 4);
	u64 n;

	fw->localities = 0;
	fw->distance = NULL;
	if (len < SLIT_HEADER_LEN) {
		pr_warn("ACPI: SLIT: %u bytes, shorter than its header: not used\n",
			len);
		return -EINVAL;
	}
	n = get_unaligned_le64(p + 36);
	if (n > 0xffff || SLIT_HEADER_LEN + n * n != len) {
		pr_warn("ACPI: SLIT: %u bytes cannot hold %llu x %llu distances: not used\n",
			len, (unsigned long long)n, (unsigned long long)n);
		return -EINVAL;
	}
	for (u64 i = 0; i < n; i++) {
		for (u64 j = 0; j < n; j++) {
			u8 d = p[SLIT_HEADER_LEN + i * n + j];

			if (i == j ? d != LOCAL_DISTANCE : d <= LOCAL_DISTANCE) {
				pr_info("ACPI: SLIT table looks invalid. Not used.\n");
				return -EINVAL;
			}
		}
	}
	fw->localities = (u32)n;
	fw->distance = p + SLIT_HEADER_LEN;
	return 0;
}

/* ---- kernel side --------------------------------------------------------- */

void
acpi_numa_firmware_init(struct numa_firmware *fw, bool affinity)
{
	const struct acpi_table_header *srat, *slit;

	madt_numa_cpus(&madt_info, fw);
	fw->has_affinity = fw->affinity_bad = false;
	fw->nr_cpu_affinity = fw->nr_mem_affinity = 0;
	fw->localities = 0;
	fw->distance = NULL;
	if (!affinity)
		return;		/* numa=off: Linux does not even read them */
	srat = acpi_get_table("SRAT", 0);
	slit = acpi_get_table("SLIT", 0);
	if (srat)
		srat_parse(srat, fw);
	if (slit)
		slit_parse(slit, fw);
}
