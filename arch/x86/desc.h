/*
 * arch/x86/desc.h - the GDT, the TSS and the IDT.
 *
 * Teaches: the three descriptor tables a 64-bit CPU still needs: the GDT
 * (code and data segments, and the TSS descriptor), the TSS (which stack
 * to switch to on entry from user mode or for an IST vector) and the IDT
 * (a gate per vector).  gdt.c and idt.c explain each.
 * Linux counterpart: arch/x86/include/asm/desc.h.
 */
#ifndef PAGODA_ARCH_X86_DESC_H
#define PAGODA_ARCH_X86_DESC_H

#include "arch/x86/percpu.h"
#include "arch/x86/stack.h"
#include "kernel/compiler.h"
#include "kernel/types.h"

#define GDT_ENTRIES	7

struct tss64 {
	u32 reserved0;
	u64 rsp[3];		/* stack for entering ring 0 from rings 1-3 */
	u64 reserved1;
	u64 ist[7];		/* Interrupt Stack Table, slots 1..7 */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct gdt_page {
	u64 gdt[GDT_ENTRIES];
} __aligned(16);

/* Each CPU's GDT and TSS (per-CPU variables, on the CPU's node). */
DECLARE_PER_CPU(struct gdt_page, gdt_page);
DECLARE_PER_CPU(struct tss64, cpu_tss);

/* This CPU's TSS.RSP0: the stack of a trap from user mode. */
void tss_set_sp0(unsigned long sp0);
/* The boot CPU's first GDT and TSS, on the per-CPU template. */
/* CPU 0's GDT/TSS in the per-CPU copy GS points at, loaded. */
void gdt_init(void);
/* Fill CPU cpu's GDT and TSS (IST slots 1..IST_COUNT); any CPU may. */
void gdt_setup_cpu(unsigned int cpu, const unsigned long ist_top[IST_COUNT]);
/* Load this CPU's GDT and TSS (GS must already point at its copy). */
void gdt_load(void);
void idt_init(void);

#endif
