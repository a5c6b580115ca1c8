/*
 * mm/ioremap.h - map physical memory that the direct map does not cover.
 *
 * Teaches: firmware tables and device registers lie outside the direct
 * map and must be mapped on purpose: read-only and cacheable for firmware
 * tables in reserved RAM, uncached for device registers (see ioremap.c).
 * Linux counterpart: arch/x86/include/asm/io.h (ioremap, early_memremap).
 */
#ifndef PAGODA_MM_IOREMAP_H
#define PAGODA_MM_IOREMAP_H

#include "kernel/types.h"

#define IOREMAP_START	0xffffc90000000000UL	/* Linux's vmalloc/ioremap base */
#define IOREMAP_SIZE	(1UL << 30)

/*
 * Map [phys, phys+size) read-only, cacheable (firmware tables in RAM the
 * firmware reserved), or uncached for device registers.  Returns a
 * pointer to phys, or NULL if the window is exhausted or phys absurd.
 * Mappings are never torn down (boot-time use; a later issue adds iounmap).
 */
const void *memremap_ro(phys_addr_t phys, size_t size);
void *ioremap_uc(phys_addr_t phys, size_t size);

#endif
