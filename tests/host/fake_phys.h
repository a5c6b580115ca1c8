/*
 * tests/host/fake_phys.h - a fake physical address space for host tests.
 *
 * Teaches: the boot code never dereferences a loader's pointer directly;
 * it asks a phys_reader_t to translate [addr, addr+len) and gets NULL for
 * what is not there. On the host that translation is a lookup in a few
 * "regions", each a malloc()ed buffer of exactly the region's size, so
 * AddressSanitizer catches any read past the end of what the reader
 * granted (a parser that asks for 8 bytes and reads 24 is caught too, as
 * long as the region ends there: tests put the structure under attack at
 * the very end of its region).
 *
 *	u8 *p = fake_map(0x10000, 4096);	// phys 0x10000..0x10fff
 *	multiboot_parse(magic, 0x10000, fake_read_phys, &bi, &why);
 *
 * Linux counterpart: none (early_memremap() is the kernel-side idea).
 */
#ifndef PAGODA_TESTS_HOST_FAKE_PHYS_H
#define PAGODA_TESTS_HOST_FAKE_PHYS_H

#include <stdio.h>
#include <stdlib.h>

#include "kernel/types.h"

#define FAKE_MAX_REGIONS	8

struct fake_region {
	phys_addr_t base;
	size_t size;
	u8 *mem;
};

static struct fake_region fake_regions[FAKE_MAX_REGIONS];
static unsigned int fake_nr_regions;
static unsigned long fake_nr_reads;	/* read_phys calls since fake_reset */

/* Forget every region (the buffers stay reachable until then: no leak). */
static inline void
fake_reset(void)
{
	for (unsigned int i = 0; i < fake_nr_regions; i++)
		free(fake_regions[i].mem);
	fake_nr_regions = 0;
	fake_nr_reads = 0;
}

/* Make [base, base+size) readable, zero-filled; returns its memory. */
static inline u8 *
fake_map(phys_addr_t base, size_t size)
{
	struct fake_region *r;

	if (fake_nr_regions >= FAKE_MAX_REGIONS || !size) {
		fprintf(stderr, "fake_map: bad region %#llx+%zu\n",
			(unsigned long long)base, size);
		abort();
	}
	r = &fake_regions[fake_nr_regions++];
	r->base = base;
	r->size = size;
	r->mem = malloc(size);
	if (!r->mem)
		abort();
	__builtin_memset(r->mem, 0, size);
	return r->mem;
}

/* The phys_reader_t: a pointer if all of [addr, addr+len) is mapped. */
static inline const void *
fake_read_phys(phys_addr_t addr, size_t len)
{
	fake_nr_reads++;
	for (unsigned int i = 0; i < fake_nr_regions; i++) {
		const struct fake_region *r = &fake_regions[i];

		if (addr >= r->base && addr - r->base <= r->size &&
		    len <= r->size - (addr - r->base))
			return r->mem + (addr - r->base);
	}
	return NULL;
}

/* A reader for which nothing at all is mapped. */
static inline const void *
fake_read_nothing(phys_addr_t addr, size_t len)
{
	(void)addr;
	(void)len;
	fake_nr_reads++;
	return NULL;
}

/* Test-side access to mapped memory; aborts on a test bug. */
static inline u8 *
fake_ptr(phys_addr_t addr, size_t len)
{
	u8 *p = (u8 *)fake_read_phys(addr, len);

	if (!p) {
		fprintf(stderr, "fake_ptr: %#llx+%zu is not mapped\n",
			(unsigned long long)addr, len);
		abort();
	}
	return p;
}

static inline void
fake_write(phys_addr_t addr, const void *src, size_t len)
{
	__builtin_memcpy(fake_ptr(addr, len), src, len);
}

#endif /* PAGODA_TESTS_HOST_FAKE_PHYS_H */
