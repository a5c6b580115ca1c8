/*
 * boot/trampoline.S - how a secondary CPU gets from real mode to C.
 *
 * Teaches: an application processor (AP) wakes up from a Startup IPI the
 * way the boot CPU woke up from reset: in 16-bit real mode, at the start
 * of the 4 KiB page the IPI named (below 1 MiB), with no stack, no paging
 * and no idea which CPU it is.  The trampoline climbs the same ladder the
 * boot loader and head32.S climbed for the boot CPU, in one page:
 *
 *   real mode -> 32-bit protected mode -> long mode -> the kernel's text
 *
 * The code is assembled into .rodata and copied to TRAMPOLINE_PHYS by
 * smp_init() (it never runs where it is linked), so every address it uses
 * is computed as TRAMPOLINE_PHYS + its offset in the blob (TR()).
 *
 * Paging needs an identity mapping of the page being executed at the
 * instant CR0.PG turns on (the next instruction is fetched through the
 * new tables).  The kernel's own PML4 has no identity map on purpose
 * (NULL must fault), so the trampoline uses a small temporary PML4 of its
 * own at TRAMPOLINE_PML4: entry 0 maps the first 2 MiB 1:1, and the upper
 * half is a copy of the kernel's entries, so the jump to the kernel's
 * high address works; there the AP switches to the kernel's PML4 and the
 * identity map is gone.  (Adding an identity entry to the kernel's PML4
 * for the duration of the bring-up would have made low addresses valid
 * on the CPUs already running, hiding NULL dereferences meanwhile; the
 * temporary PML4 costs three pages of the first MiB, which is reserved
 * anyway.)  32-bit code can only load a 32-bit CR3: another reason for
 * tables below 4 GiB.
 *
 * All APs run this at the same time (they are started together), so it
 * writes nothing: descriptors are marked accessed in advance, and each AP
 * finds its own stack by its APIC id in secondary_startup_64.
 * Linux counterpart: arch/x86/realmode/rm/trampoline_64.S,
 * arch/x86/kernel/head_64.S (secondary_startup_64).
 */
#include "arch/x86/boot_layout.h"
#include "boot/long_mode.h"
#include "arch/x86/smpboot.h"


/* Where a trampoline label is once copied to low memory. */
#define TR(label)	(TRAMPOLINE_PHYS + ((label) - trampoline_start))

	.section .rodata.trampoline, "a"
	.balign	16
	.globl	trampoline_start, trampoline_end

	.code16
trampoline_start:
	/*
	 * Real mode, CS = TRAMPOLINE_PHYS >> 4, IP = 0.  Interrupts stay
	 * off until the AP has an IDT; DS = CS makes labels' offsets in
	 * the blob usable as addresses for lgdt.
	 */
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	/* lgdtl: the operand-size prefix loads all 32 bits of the base. */
	lgdtl	tr_gdt_ptr - trampoline_start

	/* Protected mode on; a far jump loads CS from the new GDT. */
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$TR_CS32, $TR(tr_protected)

	.code32
tr_protected:
	/* 32-bit, flat segments, still no paging. */
	movl	$TR_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss

	/*
	 * Long mode, in the order the architecture requires: PAE, the
	 * page tables, EFER.LME (and NXE: the kernel's entries have NX
	 * set, a reserved bit while NXE is off), then paging.  WP too, so
	 * the AP never writes through a read-only kernel page.
	 */
	ENTER_LONG_MODE TRAMPOLINE_PML4
	/* Compatibility mode until CS is a 64-bit segment. */
	ljmpl	$TR_CS64, $TR(tr_long)

	.code64
tr_long:
	/* 64-bit mode, still at the identity address: leave for the high one. */
	movl	$TR_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movabsq	$secondary_startup_64, %rax
	jmpq	*%rax

	/*
	 * The trampoline's GDT: what it needs to pass through each mode.
	 * Type 0x9b/0x93 = present, accessed (so loading never writes).
	 */
	.balign	8
tr_gdt:
	.quad	0
	.quad	0x00cf9b000000ffff	/* TR_CS32: 32-bit code, 4 GiB */
	.quad	0x00cf93000000ffff	/* TR_DS: data, 4 GiB */
	.quad	0x00af9b000000ffff	/* TR_CS64: 64-bit code (L=1) */
tr_gdt_end:
tr_gdt_ptr:
	.word	tr_gdt_end - tr_gdt - 1
	.long	TR(tr_gdt)
trampoline_end:

	/* Call-frame information for gdb only (.debug_frame, no code). */
	.cfi_sections .debug_frame

	.text
	.code64
	.globl	secondary_startup_64
secondary_startup_64:
	/* The outermost frame of an AP: no caller (see head64.S). */
	.cfi_startproc simple
	.cfi_def_cfa %rsp, 0
	.cfi_undefined %rip
	/* The kernel's page tables: the identity map is gone. */
	movq	init_pgd_phys(%rip), %rax
	movq	%rax, %cr3
	/*
	 * Which CPU am I?  CPUID leaf 1 gives the initial APIC id in EBX
	 * bits 31-24, before the APIC is even mapped; the boot CPU put
	 * this CPU's stack top in ap_boot_stack[apic id].  No stack: halt
	 * (a CPU nobody asked for).
	 */
	movl	$1, %eax
	cpuid
	shrl	$24, %ebx
	leaq	ap_boot_stack(%rip), %rax
	movq	(%rax, %rbx, 8), %rsp
	testq	%rsp, %rsp
	jz	1f
	xorl	%ebp, %ebp
	movl	%ebx, %edi
	call	start_secondary
1:	cli
	hlt
	jmp	1b
	.cfi_endproc
