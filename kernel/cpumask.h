/*
 * kernel/cpumask.h - sets of CPUs as bitmaps.
 *
 * Teaches: "which CPUs" is asked everywhere in an SMP kernel: which are
 * possible (the firmware lists them), which are online (running the
 * kernel now), which a task may run on, which may cache a TLB entry,
 * which an IPI must reach.  Each answer is a bitmap of NR_CPUS bits.
 * Linux counterpart: include/linux/cpumask.h.
 */
#ifndef PAGODA_KERNEL_CPUMASK_H
#define PAGODA_KERNEL_CPUMASK_H

#include "kernel/types.h"
#include "lib/bitmap.h"
#include "mm/numa_firmware.h"		/* NR_CPUS */

#define CPUMASK_LONGS	((NR_CPUS + 63) / 64)

typedef struct cpumask {
	unsigned long bits[CPUMASK_LONGS];
} cpumask_t;

/* Possible: listed by the firmware (MADT); online: running now. */
extern cpumask_t cpu_possible_mask;
extern cpumask_t cpu_online_mask;
/* Possible CPUs are numbered 0 .. nr_cpu_ids - 1. */
extern unsigned int nr_cpu_ids;

static inline void
cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
	__atomic_fetch_or(&m->bits[cpu / 64], 1UL << (cpu % 64),
			  __ATOMIC_SEQ_CST);
}

static inline void
cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
	__atomic_fetch_and(&m->bits[cpu / 64], ~(1UL << (cpu % 64)),
			   __ATOMIC_SEQ_CST);
}

/* Not atomic: for masks only this code can see (on the stack). */
static inline void
__cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
	m->bits[cpu / 64] |= 1UL << (cpu % 64);
}

static inline void
__cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
	m->bits[cpu / 64] &= ~(1UL << (cpu % 64));
}

static inline bool
cpumask_test_cpu(unsigned int cpu, const cpumask_t *m)
{
	return (__atomic_load_n(&m->bits[cpu / 64], __ATOMIC_RELAXED) >>
		(cpu % 64)) & 1;
}

static inline void
cpumask_clear(cpumask_t *m)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		m->bits[i] = 0;
}

static inline void
cpumask_copy(cpumask_t *dst, const cpumask_t *src)
{
	*dst = *src;
}

static inline void
cpumask_and(cpumask_t *dst, const cpumask_t *a, const cpumask_t *b)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		dst->bits[i] = a->bits[i] & b->bits[i];
}

static inline bool
cpumask_empty(const cpumask_t *m)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		if (m->bits[i])
			return false;
	return true;
}

static inline unsigned int
cpumask_weight(const cpumask_t *m)
{
	return bitmap_weight(m->bits, NR_CPUS);
}

/* The first CPU in m at or after cpu, or NR_CPUS. */
static inline unsigned int
cpumask_next_from(unsigned int cpu, const cpumask_t *m)
{
	return find_next_bit(m->bits, NR_CPUS, cpu);
}

#define for_each_cpu(cpu, mask)						\
	for ((cpu) = cpumask_next_from(0, (mask)); (cpu) < NR_CPUS;	\
	     (cpu) = cpumask_next_from((cpu) + 1, (mask)))
#define for_each_possible_cpu(cpu)	for_each_cpu(cpu, &cpu_possible_mask)
#define for_each_online_cpu(cpu)	for_each_cpu(cpu, &cpu_online_mask)

/* How many bits cpu_online_mask has: read on hot paths (idle, IPIs). */
extern unsigned int __num_online_cpus;

static inline unsigned int
num_online_cpus(void)
{
	return __atomic_load_n(&__num_online_cpus, __ATOMIC_RELAXED);
}

/* Change a CPU's online bit and the count with it. */
void set_cpu_online(unsigned int cpu, bool online);

static inline bool
cpu_online(unsigned int cpu)
{
	return cpumask_test_cpu(cpu, &cpu_online_mask);
}

/* "0-3,8" as Linux prints a CPU list; returns the length written. */
int cpumask_print_list(char *buf, size_t size, const cpumask_t *m);

#endif
