/*
 * arch/x86/percpu.h - per-CPU variables, reached through the GS segment.
 *
 * Teaches: a variable defined with DEFINE_PER_CPU is not one variable but
 * a template.  The linker gathers every such variable into one section
 * (.data..percpu); at boot setup_per_cpu_areas() copies that section once
 * per possible CPU, each copy on the CPU's own NUMA node, and records how
 * far each copy lies from the template (__per_cpu_offset[cpu]).  The
 * address of CPU n's instance of `var` is then &var + __per_cpu_offset[n].
 *
 * Each CPU points its GS base at its own copy.  The copy starts with a
 * small struct percpu_hot whose first word is that CPU's own offset, so
 * "where is my copy?" is a single `mov %gs:0`, and the few fields every
 * path needs (the CPU number, the current task, the preemption count) are
 * one `mov %gs:N` each, with no lock and no array index: a CPU can only
 * ever see its own.
 *
 * Rule: a pointer to this CPU's instance (this_cpu_ptr) stays valid only
 * while the code cannot migrate to another CPU (interrupts or preemption
 * off); per_cpu_ptr(p, cpu) names a given CPU's instance from anywhere.
 * Linux counterpart: include/linux/percpu-defs.h,
 * arch/x86/include/asm/percpu.h, arch/x86/kernel/setup_percpu.c.
 */
#ifndef PAGODA_ARCH_X86_PERCPU_H
#define PAGODA_ARCH_X86_PERCPU_H

#include "kernel/compiler.h"
#include "kernel/types.h"
#include "mm/numa_firmware.h"		/* NR_CPUS */

#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

#define __percpu_section	__attribute__((section(".data..percpu")))
#define DEFINE_PER_CPU(type, name)	__percpu_section __typeof__(type) name
#define DECLARE_PER_CPU(type, name)	extern __typeof__(type) name

struct task_struct;

/*
 * The start of every CPU's copy (the linker puts it first).  Offsets are
 * fixed: assembly and the %gs accessors below rely on them.
 */
struct percpu_hot {
	unsigned long this_cpu_off;	/* 0: this copy - the template */
	unsigned int cpu_number;	/* 8: smp_processor_id() */
	int numa_node;			/* 12: numa_node_id() */
	struct task_struct *current_task; /* 16: current */
	unsigned int preempt_count;	/* 24: see kernel/sched/preempt.h */
	unsigned int irq_depth;		/* 28: nesting of interrupt handlers */
	unsigned long top_of_stack;	/* 32: kernel stack of the current task */
	unsigned int need_resched;	/* 40: the scheduler wants to run */
	unsigned long user_rsp;		/* 48: user RSP, syscall entry */
};

DECLARE_PER_CPU(struct percpu_hot, percpu_hot);

extern unsigned long __per_cpu_offset[NR_CPUS];
extern char __per_cpu_start[], __per_cpu_end[];

#define per_cpu_ptr(ptr, cpu)						\
	((__typeof__(ptr))((unsigned long)(ptr) + __per_cpu_offset[cpu]))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), (cpu)))

/* Read one field of this CPU's percpu_hot with a single instruction. */
#define this_cpu_read_hot(field)					\
({									\
	__typeof__(((struct percpu_hot *)0)->field) __v;		\
	__asm__ __volatile__("mov %%gs:%c1, %0" : "=r"(__v)		\
		: "i"(__builtin_offsetof(struct percpu_hot, field)));	\
	__v;								\
})

#define this_cpu_write_hot(field, val)					\
do {									\
	__typeof__(((struct percpu_hot *)0)->field) __v = (val);	\
	__asm__ __volatile__("mov %0, %%gs:%c1" : : "r"(__v),		\
		"i"(__builtin_offsetof(struct percpu_hot, field))	\
		: "memory");						\
} while (0)

static inline unsigned long
this_cpu_offset(void)
{
	return this_cpu_read_hot(this_cpu_off);
}

/* This CPU's instance of a per-CPU variable. */
#define this_cpu_ptr(ptr)						\
	((__typeof__(ptr))((unsigned long)(ptr) + this_cpu_offset()))
#define this_cpu(var)		(*this_cpu_ptr(&(var)))

/*
 * The CPU we run on.  Stable only while we cannot migrate (interrupts or
 * preemption disabled); elsewhere it is a hint.
 */
static inline unsigned int
smp_processor_id(void)
{
	return this_cpu_read_hot(cpu_number);
}

static inline int
numa_node_id(void)
{
	return this_cpu_read_hot(numa_node);
}

/* Point this CPU's GS base at its copy (the template before the copies). */
void percpu_load_gs(unsigned int cpu);
/* Allocate and fill every possible CPU's copy on its node (memblock). */
void setup_per_cpu_areas(void);

#endif
