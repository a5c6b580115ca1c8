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
 * A debugger has no such special case: it unwinds by the DWARF call-frame
 * information (CFI) below, which says where the interrupted RIP and RSP
 * and the saved registers lie.  That lets gdb's `bt`, stopped anywhere in
 * a trap handler, go on past the trap into the interrupted code.
 *
 * A trap from user mode (ring 3) arrives on the task's kernel stack, which
 * the CPU took from TSS.RSP0 (gdt.c: tss_set_sp0 on every switch), with
 * GS still holding the user's base.  SWAPGS exchanges it with the kernel's
 * (MSR_KERNEL_GS_BASE), so that %gs: names this CPU's per-CPU area again;
 * the way out swaps back.  The RPL of the saved CS says where the trap
 * came from: a trap from ring 0 (also one taken inside the kernel's own
 * entry code) must not swap, or the two bases would trade places.
 * Linux counterpart: arch/x86/entry/entry_64.S, idtentry.h.
 */
#include "arch/x86/boot_layout.h"

/*
 * Call-frame information goes to .debug_frame (read by gdb), not to
 * .eh_frame (read at run time by C++ exception unwinders, which we do not
 * have); the C code is built the same way (-fno-asynchronous-unwind-tables
 * with -g).
 */
	.cfi_sections .debug_frame

	.text
	.code64

/* Exceptions for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v) \
	((v) == 8 || (v) == 10 || (v) == 11 || (v) == 12 || (v) == 13 || \
	 (v) == 14 || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

/*
 * The CFI of a trap.  The canonical frame address (CFA) is the address
 * just above the interrupt frame (above SS), whichever stack the CPU
 * switched to (an IST stack too): the CPU pushed RIP at CFA-40, CS at
 * CFA-32, RFLAGS at CFA-24, RSP at CFA-16 and SS at CFA-8.  The
 * interrupted code's RIP and RSP are those saved values (its RSP is not
 * the CFA, as it would be after a call: hence the rule for RSP).  "simple"
 * drops the assembler's default rules, which describe a call.  A signal
 * frame (augmentation "S") tells gdb that the saved RIP is the address of
 * the interrupted instruction itself, not a return address, so it must not
 * look up the instruction before it; gdb shows such a frame as
 * "<signal handler called>".
 */
.macro	TRAP_FRAME_CFI
	.cfi_startproc simple
	.cfi_signal_frame
	.cfi_offset %rip, -40
	.cfi_offset %rsp, -16
.endm

/* Push or pop one general register of struct pt_regs, and say so in CFI. */
.macro	SAVE_REG reg
	pushq	\reg
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset \reg, 0
.endm

.macro	RESTORE_REG reg
	popq	\reg
	.cfi_adjust_cfa_offset -8
	.cfi_restore \reg
.endm

/*
 * The 256 stubs, one FDE for all: each stub starts with RSP at CFA-40, or
 * at CFA-48 above the error code the CPU pushed, and every push moves the
 * CFA's offset from RSP.  The rules for RIP and RSP hold throughout.
 */
	.balign 16
	.globl	trap_stubs
trap_stubs:
	TRAP_FRAME_CFI
	.set	vec, 0
	.rept	256
	.balign	16			/* every stub is 16 bytes apart */
	.if	HAS_ERROR_CODE(vec)
	.cfi_def_cfa %rsp, 48
	.else
	.cfi_def_cfa %rsp, 40
	pushq	$0
	.cfi_adjust_cfa_offset 8
	.endif
	pushq	$vec
	.cfi_adjust_cfa_offset 8
	jmp	trap_common
	.set	vec, vec + 1
	.endr
	.cfi_endproc

/*
 * Build struct pt_regs (arch/x86/ptrace.h) below the vector and error
 * code, call do_trap(regs), then undo it all and return from the trap.
 * On entry RSP is at CFA-56 (vector, error code, interrupt frame); each
 * saved register's CFI rule points at its slot in pt_regs, so that gdb
 * shows the interrupted code's registers in the frames beyond the trap.
 */
trap_common:
	TRAP_FRAME_CFI
	.cfi_def_cfa %rsp, 56
	testb	$3, 24(%rsp)		/* CS: from user mode? */
	jz	1f
	swapgs
1:
	SAVE_REG %rdi
	SAVE_REG %rsi
	SAVE_REG %rdx
	SAVE_REG %rcx
	SAVE_REG %rax
	SAVE_REG %r8
	SAVE_REG %r9
	SAVE_REG %r10
	SAVE_REG %r11
	SAVE_REG %rbx
	SAVE_REG %rbp
	SAVE_REG %r12
	SAVE_REG %r13
	SAVE_REG %r14
	SAVE_REG %r15
	cld
	movq	%rsp, %rdi		/* struct pt_regs * */
	call	do_trap
	RESTORE_REG %r15
	RESTORE_REG %r14
	RESTORE_REG %r13
	RESTORE_REG %r12
	RESTORE_REG %rbp
	RESTORE_REG %rbx
	RESTORE_REG %r11
	RESTORE_REG %r10
	RESTORE_REG %r9
	RESTORE_REG %r8
	RESTORE_REG %rax
	RESTORE_REG %rcx
	RESTORE_REG %rdx
	RESTORE_REG %rsi
	RESTORE_REG %rdi
	addq	$16, %rsp		/* vector and error code */
	.cfi_adjust_cfa_offset -16
	testb	$3, 8(%rsp)		/* CS: back to user mode? */
	jz	2f
	swapgs
2:
	iretq
	.cfi_endproc
