/*
 * kernel/types.h - the fixed-width types every Pagoda file uses.
 *
 * Teaches: a freestanding kernel still has <stdint.h>, <stddef.h>,
 * <stdbool.h> and <stdarg.h> (the compiler provides them, not a libc).
 * Linux counterpart: include/linux/types.h.
 *
 * This header is also compiled into the host unit tests, so it must not
 * depend on anything kernel-only.
 */
#ifndef PAGODA_KERNEL_TYPES_H
#define PAGODA_KERNEL_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef u64 phys_addr_t;	/* a physical address */

/* Signed size, for functions that return a length or -errno (strscpy). */
typedef long ssize_t;

#endif /* PAGODA_KERNEL_TYPES_H */
