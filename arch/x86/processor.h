/*
 * arch/x86/processor.h - control registers, MSRs, CPUID, TSC, interrupts.
 *
 * Teaches: the handful of privileged instructions a kernel needs to steer
 * the CPU, each wrapped in one small inline function with its SDM name.
 * Linux counterpart: arch/x86/include/asm/special_insns.h, msr.h,
 * processor.h, irqflags.h.
 */
#ifndef PAGODA_ARCH_X86_PROCESSOR_H
#define PAGODA_ARCH_X86_PROCESSOR_H

#include "kernel/types.h"

#define X86_CR0_WP	(1UL << 16)
#define X86_CR0_PG	(1UL << 31)
#define X86_CR4_PAE	(1UL << 5)
#define X86_CR4_PGE	(1UL << 7)
#define X86_CR4_OSFXSR	(1UL << 9)
#define X86_CR4_SMEP	(1UL << 20)
#define X86_CR4_SMAP	(1UL << 21)
#define X86_EFLAGS_IF	(1UL << 9)
#define X86_EFLAGS_AC	(1UL << 18)

#define MSR_EFER	0xc0000080
#define EFER_LME	(1UL << 8)
#define EFER_NXE	(1UL << 11)

#define DEFINE_CR_ACCESSORS(n)						\
static inline unsigned long read_cr##n(void)				\
{									\
	unsigned long v;						\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}									\
static inline void write_cr##n(unsigned long v)				\
{									\
	__asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory");	\
}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline u64
rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void
wrmsr(u32 msr, u64 val)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)val),
			     "d"((u32)(val >> 32)) : "memory");
}

static inline void
cpuid_count(u32 leaf, u32 subleaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(subleaf));
}

static inline u64
rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void
local_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline void
local_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline unsigned long
local_save_flags(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(flags) : : "memory");
	return flags;
}

static inline unsigned long
local_irq_save(void)
{
	unsigned long flags = local_save_flags();

	local_irq_disable();
	return flags;
}

static inline void
local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		local_irq_enable();
}

/* Wait for an interrupt; "sti; hlt" closes the race with a pending one. */
static inline void
safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

static inline void
cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

/*
 * SMAP: forbid supervisor access to user pages (clac).  Its pair, stac,
 * will come with the first user-access code.
 */
static inline void
clac(void)
{
	__asm__ __volatile__("clac" : : : "memory");
}

static inline __attribute__((noreturn)) void
halt_forever(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

#endif
