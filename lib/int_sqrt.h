/*
 * lib/int_sqrt.h - the integer square root.
 *
 * Teaches: a kernel has no floating point (its FPU state belongs to user
 * programs), so where Linux wants a square root, for min_free_kbytes,
 * it takes an exact integer one.  Linux counterpart: include/linux/int_sqrt.h.
 */
#ifndef PAGODA_LIB_INT_SQRT_H
#define PAGODA_LIB_INT_SQRT_H

/* floor(sqrt(x)). */
unsigned long int_sqrt(unsigned long x);

#endif
