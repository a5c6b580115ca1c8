/*
 * arch/x86/cpufeature.h - what this CPU can do, from CPUID.
 *
 * Teaches: the kernel asks the CPU once, at boot, what it supports and
 * keeps the answers in one structure (boot_cpu_data, named as in Linux);
 * every later decision (1 GiB pages, NX, SMEP, SMAP) reads that structure
 * instead of asking CPUID again.  See cpufeature.c for the leaves.
 * Linux counterpart: arch/x86/include/asm/cpufeature.h, processor.h
 * (struct cpuinfo_x86).
 */
#ifndef PAGODA_ARCH_X86_CPUFEATURE_H
#define PAGODA_ARCH_X86_CPUFEATURE_H

#include "kernel/types.h"

struct cpuinfo_x86 {
	char vendor[13];
	char model_id[49];
	unsigned int family, model, stepping;
	unsigned int max_leaf, max_ext_leaf;
	unsigned int phys_bits, virt_bits;
	/* The features Pagoda uses, by their /proc/cpuinfo names. */
	bool pae, pse, pge, apic, x2apic, tsc, nx, lm, pdpe1gb;
	bool smep, smap, la57, constant_tsc;
};

extern struct cpuinfo_x86 boot_cpu_data;

void cpu_detect(void);
void cpu_print_info(void);
/* CR0.WP, SMEP, SMAP as available and allowed (nosmep, nosmap). */
void cpu_enable_protections(void);
extern bool cpu_smep_enabled, cpu_smap_enabled;

#endif
