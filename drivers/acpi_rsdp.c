/*
 * drivers/acpi_rsdp.c - where the ACPI tables start.
 *
 * Teaches: every ACPI table hangs off one small structure, the RSDP
 * ("RSD PTR ", a checksum, the OEM id, a revision, and the addresses of
 * the RSDT and, from ACPI 2.0 on, the XSDT).  On a BIOS machine it lies
 * on a 16-byte boundary in the first KiB of the Extended BIOS Data Area
 * or in the BIOS ROM area 0xE0000-0xFFFFF, and the kernel finds it by
 * searching.  A UEFI machine has no such area; its firmware hands the
 * address to the boot loader, and Multiboot 2 passes a copy in a tag.
 * The tables themselves are parsed in the NUMA issue (drivers/acpi*).
 * Linux counterpart: drivers/acpi/acpica/tbxfroot.c (acpi_find_root_pointer).
 */
#include "drivers/acpi_rsdp.h"

#include "kernel/compiler.h"
#include "kernel/printk.h"
#include "lib/string.h"

#define RSDP_V1_LEN	20
#define EBDA_PTR	0x40e	/* BIOS data area: EBDA segment */

static u8
checksum(const u8 *p, size_t len)
{
	u8 sum = 0;

	while (len--)
		sum += *p++;
	return sum;
}

bool
acpi_rsdp_valid(const u8 *rsdp, size_t len)
{
	u32 full;

	if (len < RSDP_V1_LEN || memcmp(rsdp, "RSD PTR ", 8) ||
	    checksum(rsdp, RSDP_V1_LEN))
		return false;
	if (rsdp[15] < 2)	/* revision 0: ACPI 1.0, 20 bytes */
		return true;
	if (len < 24)		/* no room for the length field */
		return false;
	full = rsdp[20] | rsdp[21] << 8 | rsdp[22] << 16 | (u32)rsdp[23] << 24;
	return full >= 33 && full <= len && !checksum(rsdp, full);
}

static bool
scan_area(phys_reader_t read_phys, phys_addr_t start, size_t size,
	  struct boot_info *bi)
{
	const u8 *area = read_phys(start, size);

	if (!area)
		return false;
	for (size_t off = 0; off + RSDP_V1_LEN <= size; off += 16) {
		const u8 *p = area + off;
		size_t len = min(size - off, (size_t)ACPI_RSDP_MAX_LEN);

		if (acpi_rsdp_valid(p, len)) {
			if (p[15] < 2)
				len = RSDP_V1_LEN;
			memcpy(bi->rsdp, p, len);
			bi->rsdp_len = len;
			bi->rsdp_phys = start + off;
			bi->rsdp_source = "BIOS area scan";
			return true;
		}
	}
	return false;
}

bool
acpi_find_rsdp_bios(phys_reader_t read_phys, struct boot_info *bi)
{
	const u16 *ebda_seg = read_phys(EBDA_PTR, 2);
	phys_addr_t ebda = ebda_seg ? (phys_addr_t)*ebda_seg << 4 : 0;

	if (ebda >= 0x80000 && ebda < 0xa0000 && scan_area(read_phys, ebda, 1024, bi))
		return true;
	return scan_area(read_phys, 0xe0000, 0x20000, bi);
}

void
acpi_print_rsdp(const struct boot_info *bi)
{
	char oem[7];

	if (!bi->rsdp_len) {
		pr_warn("ACPI: no RSDP found: no ACPI tables\n");
		return;
	}
	memcpy(oem, bi->rsdp + 9, 6);
	oem[6] = '\0';
	/* Linux: "ACPI: RSDP 0x00000000000F5A10 000024 (v02 BOCHS )" */
	pr_info("ACPI: RSDP 0x%016llX %06zX (v%02u %-6s)\n",
		(unsigned long long)bi->rsdp_phys,
		bi->rsdp[15] >= 2 ? (size_t)ACPI_RSDP_MAX_LEN : (size_t)20,
		bi->rsdp[15], oem);
	pr_info("ACPI: RSDP from %s%s\n", bi->rsdp_source,
		acpi_rsdp_valid(bi->rsdp, bi->rsdp_len) ? "" :
		" (checksum BAD: ignored)");
}
