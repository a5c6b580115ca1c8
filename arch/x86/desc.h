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

#include "kernel/compiler.h"
#include "kernel/types.h"

struct tss64 {
	u32 reserved0;
	u64 rsp[3];		/* stack for entering ring 0 from rings 1-3 */
	u64 reserved1;
	u64 ist[7];		/* Interrupt Stack Table, slots 1..7 */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

void gdt_init(void);
void idt_init(void);
extern struct tss64 cpu_tss;

#endif
