/*
 * boot/long_mode.h - the switch from 32-bit protected mode to long mode,
 * shared by the boot CPU's entry (head32.S) and the APs' trampoline
 * (trampoline.S).  Assembly only.
 *
 * Teaches: the order the SDM requires: PAE on, CR3 = the PML4, EFER.LME
 * (and NXE, so that the NX bits of the page tables are not reserved bits),
 * then CR0.PG, which activates long mode (compatibility mode until CS is
 * a 64-bit segment).  CR0.WP too, so ring 0 respects read-only pages.
 * Linux counterpart: arch/x86/boot/compressed/head_64.S,
 * arch/x86/realmode/rm/trampoline_64.S.
 */
#ifndef PAGODA_BOOT_LONG_MODE_H
#define PAGODA_BOOT_LONG_MODE_H

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)

/* Paging on with the PML4 at physical address pml4 (below 4 GiB). */
.macro	ENTER_LONG_MODE pml4
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$\pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP), %eax
	movl	%eax, %cr0
.endm

#endif
