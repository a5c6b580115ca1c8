/*
 * boot/head64.S - the first instructions in the higher half.
 *
 * Teaches: the kernel is linked at a high virtual address but loaded low,
 * so the first 64-bit code must move itself (RIP and the stack) to the
 * high alias before calling C.  head32.S jumps here through an absolute
 * address, so from now on RIP is a kernel virtual address (KERNEL_VMA +
 * physical).  We switch the stack to its higher-half alias, clear the
 * frame pointer so backtraces end here, and call start_kernel(magic,
 * info) with the values the loader gave.
 * Linux counterpart: arch/x86/kernel/head_64.S (startup_64).
 */
#include "arch/x86/boot_layout.h"

	/* Call-frame information for gdb only (.debug_frame, no code). */
	.cfi_sections .debug_frame

	.section .text.entry, "ax"
	.code64
	.globl	start64
start64:
	/*
	 * The outermost frame: there is no caller, so tell gdb the return
	 * address is undefined and its backtrace ends here cleanly instead
	 * of reading garbage above the stack.
	 */
	.cfi_startproc simple
	.cfi_def_cfa %rsp, 0
	.cfi_undefined %rip
	movabsq	$boot_stack_top, %rsp
	xorl	%ebp, %ebp
	/* boot_mb_* sit in low memory, still identity-mapped. */
	movl	boot_mb_magic, %edi
	movl	boot_mb_info, %esi
	call	start_kernel
	/* start_kernel never returns; if it did, stop here. */
1:	cli
	hlt
	jmp	1b
	.cfi_endproc
