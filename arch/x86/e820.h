/*
 * arch/x86/e820.h - the firmware's physical memory map.
 *
 * Teaches: the firmware describes physical memory as a list of ranges,
 * each with a base, a length and a type (usable RAM, reserved, ACPI
 * data, ACPI NVS, unusable, persistent memory), and everything the
 * kernel knows about where RAM is starts from that list.  "e820" is the
 * BIOS call that first reported it (INT 15h, AX=E820h); the name stuck
 * for the map itself whatever the firmware.  Multiboot passes the same
 * entries: base, length, type.
 * Linux counterpart: arch/x86/include/asm/e820/types.h, api.h.
 */
#ifndef PAGODA_ARCH_X86_E820_H
#define PAGODA_ARCH_X86_E820_H

#include "kernel/types.h"

enum e820_type {
	E820_TYPE_RAM = 1,
	E820_TYPE_RESERVED = 2,
	E820_TYPE_ACPI = 3,
	E820_TYPE_NVS = 4,
	E820_TYPE_UNUSABLE = 5,
	E820_TYPE_PMEM = 7,
	E820_TYPE_PRAM = 12,
};

#define E820_MAX_ENTRIES	128
/* x86-64 physical addresses have at most 52 bits. */
#define E820_MAX_PHYS		(1ULL << 52)

struct e820_entry {
	u64 addr;
	u64 size;
	u32 type;
};

struct e820_table {
	unsigned int nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

/* Problems e820_sanitize() found and repaired, for the caller to report. */
struct e820_sanitize_report {
	unsigned int zero_length;	/* dropped */
	unsigned int absurd;		/* beyond 2^52 or wrapping: clipped/dropped */
	unsigned int overlaps;		/* resolved in favour of the higher type */
	unsigned int truncated;		/* did not fit in the table */
};

extern struct e820_table e820_table;

unsigned int e820_sanitize(struct e820_entry *map, unsigned int nr,
			   unsigned int max, struct e820_sanitize_report *rep);
const char *e820_type_name(u32 type, char *buf, size_t size);
void e820_print_table(const char *who, const struct e820_table *table);
u64 e820_total(const struct e820_table *table, u32 type);
/* Change the part of [start, start+size) that has type old to new. */
void e820_range_update(struct e820_table *table, u64 start, u64 size,
		       u32 old_type, u32 new_type);
/* Drop the part of [start, start+size) that has type old. */
void e820_range_remove(struct e820_table *table, u64 start, u64 size,
		       u32 old_type);

#endif
