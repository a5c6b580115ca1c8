/*
 * lib/bitmap.h - bitmaps: arrays of unsigned long used one bit per thing.
 *
 * Teaches: a bitmap answers "which of these N things are in use" in N/8
 * bytes.  Bit nr lives in word nr / BITS_PER_LONG at position
 * nr % BITS_PER_LONG, so a range of bits is a partial first word, whole
 * words in the middle, and a partial last word: the range operations
 * below work a word at a time instead of a bit at a time.  The CMA
 * allocator keeps one bit per page of its area and looks for a run of
 * zero bits at an aligned position (bitmap_find_next_zero_area()).
 *
 * Bits beyond nbits in the last word are never looked at, so a caller
 * need not keep them clear.
 *
 * Linux counterpart: include/linux/bitmap.h, lib/bitmap.c, lib/find_bit.c.
 */
#ifndef PAGODA_LIB_BITMAP_H
#define PAGODA_LIB_BITMAP_H

#include "kernel/types.h"

#define BITS_PER_LONG		64
#define BITS_TO_LONGS(nbits)	(((nbits) + BITS_PER_LONG - 1) / BITS_PER_LONG)
/* The bytes a bitmap of nbits takes, whole words. */
#define BITMAP_BYTES(nbits)	(BITS_TO_LONGS(nbits) * sizeof(unsigned long))

static inline bool
test_bit(unsigned long nr, const unsigned long *map)
{
	return (map[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

/* Non-atomic: callers hold whatever lock protects the bitmap. */
static inline void
__set_bit(unsigned long nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

/* Set / clear bits [start, start + nr). */
void bitmap_set(unsigned long *map, unsigned long start, unsigned long nr);
void bitmap_clear(unsigned long *map, unsigned long start, unsigned long nr);

/* The first set (zero) bit at or after start, or nbits if there is none. */
unsigned long find_next_bit(const unsigned long *map, unsigned long nbits,
			    unsigned long start);
unsigned long find_next_zero_bit(const unsigned long *map, unsigned long nbits,
				 unsigned long start);

/* Are all bits of [start, start + nr) set (clear)?  True for nr == 0. */
bool bitmap_range_set(const unsigned long *map, unsigned long start,
		      unsigned long nr);
bool bitmap_range_clear(const unsigned long *map, unsigned long start,
			unsigned long nr);

/* How many of the first nbits bits are set. */
unsigned long bitmap_weight(const unsigned long *map, unsigned long nbits);

/*
 * The first index i >= start of a run of nr zero bits inside the first
 * nbits, such that (i + align_offset) is a multiple of align_mask + 1
 * (align_mask is a power of two minus one).  Returns nbits if there is
 * no such run.  The offset lets a caller align what the bits stand for
 * (physical page frames) rather than the bit index itself.
 */
unsigned long bitmap_find_next_zero_area(const unsigned long *map,
					 unsigned long nbits,
					 unsigned long start, unsigned long nr,
					 unsigned long align_mask,
					 unsigned long align_offset);

#endif
