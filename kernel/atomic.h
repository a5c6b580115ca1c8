/*
 * kernel/atomic.h - counters that several CPUs may change at once.
 *
 * Teaches: `count++` is a load, an add and a store; two CPUs doing it at
 * once can both load 5 and both store 6.  An atomic operation does the
 * whole read-modify-write as one indivisible step (on x86 an instruction
 * with the `lock` prefix, which holds the cache line for its duration).
 * atomic_t wraps the int so that only these operations touch it: a
 * plain `v->counter++` would compile and be silently wrong.
 *
 * Ordering, as in Linux: operations that return a value (inc_return,
 * dec_and_test, cmpxchg, xchg...) are full barriers; those that return
 * nothing (inc, add...) and read/set promise no ordering (on x86 the
 * locked ones order anyway, but portable code must not count on it).
 * Built on GCC's __atomic builtins, which the compiler turns into the
 * right locked instructions.  Host-safe: unit tests may include it.
 * Linux counterpart: include/linux/atomic.h, arch/x86/include/asm/atomic.h.
 */
#ifndef PAGODA_KERNEL_ATOMIC_H
#define PAGODA_KERNEL_ATOMIC_H

#include "kernel/compiler.h"
#include "kernel/types.h"

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

#define ATOMIC_INIT(i)	{ (i) }

/*
 * One body for both widths: PFX is the name prefix, T the value type.
 * The relaxed ones use __ATOMIC_RELAXED, the value-returning ones
 * __ATOMIC_SEQ_CST (a full barrier).
 */
#define ATOMIC_OPS(PFX, TYPE, T)					\
static inline T								\
PFX##_read(const TYPE *v)						\
{									\
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);		\
}									\
static inline void							\
PFX##_set(TYPE *v, T i)							\
{									\
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void							\
PFX##_add(T i, TYPE *v)							\
{									\
	__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void							\
PFX##_sub(T i, TYPE *v)							\
{									\
	__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void							\
PFX##_inc(TYPE *v)							\
{									\
	PFX##_add(1, v);						\
}									\
static inline void							\
PFX##_dec(TYPE *v)							\
{									\
	PFX##_sub(1, v);						\
}									\
static inline T								\
PFX##_add_return(T i, TYPE *v)						\
{									\
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline T								\
PFX##_sub_return(T i, TYPE *v)						\
{									\
	return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline T								\
PFX##_inc_return(TYPE *v)						\
{									\
	return PFX##_add_return(1, v);					\
}									\
static inline T								\
PFX##_dec_return(TYPE *v)						\
{									\
	return PFX##_sub_return(1, v);					\
}									\
static inline T								\
PFX##_fetch_add(T i, TYPE *v)						\
{									\
	return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
/* True when the count reached zero: the last reference is gone. */	\
static inline bool							\
PFX##_dec_and_test(TYPE *v)						\
{									\
	return PFX##_sub_return(1, v) == 0;				\
}									\
static inline bool							\
PFX##_inc_and_test(TYPE *v)						\
{									\
	return PFX##_add_return(1, v) == 0;				\
}									\
/* Store new if the value is old; returns the value found either way. */\
static inline T								\
PFX##_cmpxchg(TYPE *v, T old, T new)					\
{									\
	__atomic_compare_exchange_n(&v->counter, &old, new, false,	\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);\
	return old;							\
}									\
/* Like cmpxchg, but says whether it worked and updates *old if not. */\
static inline bool							\
PFX##_try_cmpxchg(TYPE *v, T *old, T new)				\
{									\
	return __atomic_compare_exchange_n(&v->counter, old, new, false,\
					   __ATOMIC_SEQ_CST,		\
					   __ATOMIC_SEQ_CST);		\
}									\
static inline T								\
PFX##_xchg(TYPE *v, T new)						\
{									\
	return __atomic_exchange_n(&v->counter, new, __ATOMIC_SEQ_CST);	\
}									\
/* Add i unless the value is u; true if it added (get-unless-zero). */	\
static inline bool							\
PFX##_add_unless(TYPE *v, T i, T u)					\
{									\
	T c = PFX##_read(v);						\
									\
	do {								\
		if (c == u)						\
			return false;					\
	} while (!PFX##_try_cmpxchg(v, &c, c + i));			\
	return true;							\
}

ATOMIC_OPS(atomic, atomic_t, int)
ATOMIC_OPS(atomic_long, atomic_long_t, long)

#undef ATOMIC_OPS

#define atomic_inc_not_zero(v)		atomic_add_unless((v), 1, 0)
#define atomic_long_inc_not_zero(v)	atomic_long_add_unless((v), 1, 0)

#endif /* PAGODA_KERNEL_ATOMIC_H */
