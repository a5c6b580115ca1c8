/*
 * tests/host/host_prng.h - a fixed-seed pseudo-random generator for
 * property tests (xorshift64*, Marsaglia/Vigna).
 *
 * Teaches: a property test checks a rule on thousands of generated
 * inputs; seeding it with a constant makes every run, and every failure,
 * reproducible. A failing case prints its seed and step.
 */
#ifndef PAGODA_TESTS_HOST_HOST_PRNG_H
#define PAGODA_TESTS_HOST_HOST_PRNG_H

#include "kernel/types.h"

struct prng {
	u64 s;
};

static inline void
prng_seed(struct prng *r, u64 seed)
{
	r->s = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

static inline u64
prng_next(struct prng *r)
{
	u64 x = r->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* Uniform enough in [0, n), n > 0. */
static inline u64
prng_below(struct prng *r, u64 n)
{
	return prng_next(r) % n;
}

#endif /* PAGODA_TESTS_HOST_HOST_PRNG_H */
