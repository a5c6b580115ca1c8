/*
 * arch/x86/entry.S - the 256 interrupt stubs and the common trap entry.
 *
 * Teaches: when an exception or interrupt arrives the CPU pushes SS, RSP,
 * RFLAGS, CS, RIP and, for some exceptions only, an error code, then jumps
 * to the IDT's handler.  Each stub below evens out the difference (pushes
 * a 0 where the CPU pushed no error code) and pushes its vector number, so
 * that one common routine can save the general registers into a struct
 * pt_regs (arch/x86/ptrace.h) and call do_trap() in C.
 *
 * The frame pointer chain is continued through the trap (RBP points at the
 * saved RBP in pt_regs, whose neighbour is... not a return address, so
 * the C side starts its backtrace from regs->rip and regs->rbp instead).
 *
 * User mode (SWAPGS, the kernel stack from TSS.RSP0) comes with a later
 * issue; for now every trap comes from ring 0.
 * Linux counterpart: arch/x86/entry/entry_64.S, idtentry.h.
 */
#include "arch/x86/boot_layout.h"

	.text
	.code64

/* Exceptions for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v) \
	((v) == 8 || (v) == 10 || (v) == 11 || (v) == 12 || (v) == 13 || \
	 (v) == 14 || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.balign 16
	.globl	trap_stubs
trap_stubs:
	.set	vec, 0
	.rept	256
	.balign	16			/* every stub is 16 bytes apart */
	.if	!HAS_ERROR_CODE(vec)
	pushq	$0
	.endif
	pushq	$vec
	jmp	trap_common
	.set	vec, vec + 1
	.endr

trap_common:
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rdi		/* struct pt_regs * */
	call	do_trap
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	addq	$16, %rsp		/* vector and error code */
	iretq
