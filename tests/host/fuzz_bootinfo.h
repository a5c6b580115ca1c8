/*
 * tests/host/fuzz_bootinfo.h - the input format of fuzz_bootinfo.c,
 * shared with its seed generator fuzz_bootinfo_seeds.c.
 *
 * An input is one mode byte (taken modulo FUZZ_NR_MODES) then a payload:
 *
 *   FUZZ_MODE_MB2   the payload is a Multiboot 2 information structure,
 *                   placed at physical FUZZ_MB2_BASE in a region of
 *                   exactly its size;
 *   FUZZ_MODE_MB1   the payload is a fake physical memory starting at
 *                   FUZZ_MB1_BASE, the Multiboot 1 information structure
 *                   at its start; its pointers may point into the payload
 *                   (FUZZ_MB1_BASE + offset) or anywhere else (unreadable);
 *   FUZZ_MODE_E820  one byte `max`, then 20-byte entries (u64 addr, u64
 *                   size, u32 type, little-endian) for e820_sanitize();
 *   FUZZ_MODE_RSDP  the payload, in a buffer of exactly its size, is
 *                   given to acpi_rsdp_valid().
 */
#ifndef PAGODA_TESTS_HOST_FUZZ_BOOTINFO_H
#define PAGODA_TESTS_HOST_FUZZ_BOOTINFO_H

#define FUZZ_MODE_MB2		0
#define FUZZ_MODE_MB1		1
#define FUZZ_MODE_E820		2
#define FUZZ_MODE_RSDP		3
#define FUZZ_NR_MODES		4

#define FUZZ_MB1_BASE		0x10000
#define FUZZ_MB2_BASE		0x200000
#define FUZZ_E820_ENTRY_SIZE	20

#endif /* PAGODA_TESTS_HOST_FUZZ_BOOTINFO_H */
