/*
 * lib/unaligned.h - read little-endian fields at any alignment.
 *
 * Teaches: firmware tables (ACPI) are packed byte structures, so a u32
 * field may sit at an odd address.  x86 tolerates unaligned loads, but C
 * does not promise it (and UBSan complains); copying the bytes out is
 * always correct and compiles to a single load on x86.
 * Linux counterpart: include/asm-generic/unaligned.h.
 */
#ifndef PAGODA_LIB_UNALIGNED_H
#define PAGODA_LIB_UNALIGNED_H

#include "lib/string.h"
#include "kernel/types.h"

static inline u16
get_unaligned_le16(const void *p)
{
	const u8 *b = p;

	return (u16)(b[0] | b[1] << 8);
}

static inline u32
get_unaligned_le32(const void *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline u64
get_unaligned_le64(const void *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

#endif
