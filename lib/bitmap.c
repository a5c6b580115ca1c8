/*
 * lib/bitmap.c - range operations and searches on bitmaps.
 *
 * Teaches: working a word at a time.  A range [start, end) of bits
 * touches words start / 64 to (end - 1) / 64; only the first and the
 * last need a mask, and a search skips a whole word of zeros (or of
 * ones) with one comparison, then finds the bit inside the word with
 * count-trailing-zeros.  See lib/bitmap.h.
 *
 * Linux counterpart: lib/bitmap.c, lib/find_bit.c.
 */
#include "lib/bitmap.h"

#include "kernel/compiler.h"

/* The bits of word w that lie inside [start, end), end > start. */
static unsigned long
range_mask(unsigned long w, unsigned long start, unsigned long end)
{
	unsigned long mask = ~0UL;

	if (w == start / BITS_PER_LONG)
		mask &= ~0UL << (start % BITS_PER_LONG);
	if (w == (end - 1) / BITS_PER_LONG)
		/* end % 64 == 0 keeps the whole word: shift by 0. */
		mask &= ~0UL >> (-end % BITS_PER_LONG);
	return mask;
}

void
bitmap_set(unsigned long *map, unsigned long start, unsigned long nr)
{
	unsigned long end = start + nr;

	if (!nr)
		return;
	for (unsigned long w = start / BITS_PER_LONG;
	     w <= (end - 1) / BITS_PER_LONG; w++)
		map[w] |= range_mask(w, start, end);
}

void
bitmap_clear(unsigned long *map, unsigned long start, unsigned long nr)
{
	unsigned long end = start + nr;

	if (!nr)
		return;
	for (unsigned long w = start / BITS_PER_LONG;
	     w <= (end - 1) / BITS_PER_LONG; w++)
		map[w] &= ~range_mask(w, start, end);
}

/*
 * The one search loop: invert = 0 looks for a set bit, invert = ~0UL for
 * a clear one (each word is XORed with it first).
 */
static unsigned long
find_next(const unsigned long *map, unsigned long nbits, unsigned long start,
	  unsigned long invert)
{
	unsigned long w, word;

	if (start >= nbits)
		return nbits;
	w = start / BITS_PER_LONG;
	word = (map[w] ^ invert) & (~0UL << (start % BITS_PER_LONG));
	while (!word) {
		if (++w >= BITS_TO_LONGS(nbits))
			return nbits;
		word = map[w] ^ invert;
	}
	/* A hit in the last word's tail beyond nbits does not count. */
	return min(w * BITS_PER_LONG + __builtin_ctzl(word), nbits);
}

unsigned long
find_next_bit(const unsigned long *map, unsigned long nbits,
	      unsigned long start)
{
	return find_next(map, nbits, start, 0);
}

unsigned long
find_next_zero_bit(const unsigned long *map, unsigned long nbits,
		   unsigned long start)
{
	return find_next(map, nbits, start, ~0UL);
}

bool
bitmap_range_set(const unsigned long *map, unsigned long start,
		 unsigned long nr)
{
	return find_next_zero_bit(map, start + nr, start) >= start + nr;
}

bool
bitmap_range_clear(const unsigned long *map, unsigned long start,
		   unsigned long nr)
{
	return find_next_bit(map, start + nr, start) >= start + nr;
}

/*
 * Bits set in a word, by adding neighbouring fields: pairs, nibbles,
 * then all bytes at once with a multiplication.  (The kernel links no
 * libgcc, so __builtin_popcountl, a call there without POPCNT, is out.)
 */
static unsigned long
hweight_long(unsigned long w)
{
	w -= (w >> 1) & 0x5555555555555555UL;
	w = (w & 0x3333333333333333UL) + ((w >> 2) & 0x3333333333333333UL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fUL;
	return (w * 0x0101010101010101UL) >> 56;
}

unsigned long
bitmap_weight(const unsigned long *map, unsigned long nbits)
{
	unsigned long n = 0;

	for (unsigned long w = 0; w < BITS_TO_LONGS(nbits); w++)
		n += hweight_long(map[w] & range_mask(w, 0, nbits));
	return n;
}

unsigned long
bitmap_find_next_zero_area(const unsigned long *map, unsigned long nbits,
			   unsigned long start, unsigned long nr,
			   unsigned long align_mask, unsigned long align_offset)
{
	for (;;) {
		unsigned long i = find_next_zero_bit(map, nbits, start), busy;

		if (i >= nbits)
			return nbits;
		/* Round up so that i + align_offset is aligned. */
		i = ((i + align_offset + align_mask) & ~align_mask) - align_offset;
		if (i >= nbits || nr > nbits - i)
			return nbits;
		busy = find_next_bit(map, i + nr, i);
		if (busy >= i + nr)
			return i;
		/* A set bit inside the candidate: no run can contain it. */
		start = busy + 1;
	}
}
