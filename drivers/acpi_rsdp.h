/*
 * drivers/acpi_rsdp.h - find the ACPI Root System Description Pointer.
 *
 * Teaches: the RSDP is where all ACPI tables start, and it is trusted
 * only once its signature and checksums are right.  A BIOS machine is
 * searched for it; a UEFI machine's boot loader passes it (Multiboot 2
 * tag), see acpi_rsdp.c.
 * Linux counterpart: drivers/acpi/acpica/tbxfroot.c
 * (acpi_find_root_pointer).
 */
#ifndef PAGODA_DRIVERS_ACPI_RSDP_H
#define PAGODA_DRIVERS_ACPI_RSDP_H

#include "boot/bootinfo.h"

/* Validate the RSDP signature and checksums (1.0 part, and 2.0 if any). */
bool acpi_rsdp_valid(const u8 *rsdp, size_t len);
/* Legacy BIOS search: the EBDA's first KiB, then 0xE0000-0xFFFFF. */
bool acpi_find_rsdp_bios(phys_reader_t read_phys, struct boot_info *bi);
void acpi_print_rsdp(const struct boot_info *bi);

#endif
