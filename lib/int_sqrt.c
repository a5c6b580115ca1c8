/*
 * lib/int_sqrt.c - the integer square root, digit by digit.
 *
 * Teaches: the binary form of the schoolbook method.  The root is built
 * two bits of x at a time from the top: `bit` walks down the even bit
 * positions, and wherever the remainder can afford (root so far + bit),
 * that bit joins the root.  At most 32 steps for a 64-bit x, no
 * division, exact.  Linux counterpart: lib/math/int_sqrt.c.
 */
#include "lib/int_sqrt.h"

unsigned long
int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << 62;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}
