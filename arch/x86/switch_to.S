/*
 * arch/x86/switch_to.S - the context switch: from one kernel stack to another.
 *
 * Teaches: a task that is not running is entirely described by its
 * stack.  The C calling convention says a call may clobber RAX, RCX, RDX,
 * RSI, RDI and R8-R11, so the caller of __switch_to_asm has already given
 * them up; only the callee-saved registers (RBX, RBP, R12-R15) and the
 * stack pointer must survive.  We push the six on the old stack, save RSP
 * in prev->thread_sp, load next->thread_sp, pop next's six and return on
 * next's stack: to the place where next once called __switch_to_asm, or,
 * for a task that never ran, to ret_from_fork (sched_create_task builds
 * that first frame).  Interrupts are off throughout (the caller holds the
 * run queue lock with interrupts disabled), so RFLAGS needs no saving.
 *
 * Both stacks have the same layout at the moment RSP changes, so the CFI
 * that says where the pushed registers lie stays true across the switch:
 * gdb stopped anywhere in here unwinds into whichever task owns RSP.
 * Linux counterpart: arch/x86/entry/entry_64.S (__switch_to_asm,
 * ret_from_fork), arch/x86/kernel/process_64.c (__switch_to).
 */
	.cfi_sections .debug_frame

	.text
	.code64

/*
 * struct task_struct *__switch_to_asm(struct task_struct *prev,
 *				       struct task_struct *next);
 * RDI = prev, RSI = next; returns prev (as seen by next: the task it
 * switched from), through __switch_to.
 */
	.globl	__switch_to_asm
	.type	__switch_to_asm, @function
	.balign	16
__switch_to_asm:
	.cfi_startproc
	/* Save prev's callee-saved registers on prev's stack. */
	pushq	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbp, 0
	pushq	%rbx
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbx, 0
	pushq	%r12
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r12, 0
	pushq	%r13
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r13, 0
	pushq	%r14
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r14, 0
	pushq	%r15
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r15, 0

	/* The switch itself: task_struct.thread_sp is at offset 0. */
	movq	%rsp, 0(%rdi)
	movq	0(%rsi), %rsp

	/* Restore next's registers from next's stack (same layout). */
	popq	%r15
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r15
	popq	%r14
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r14
	popq	%r13
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r13
	popq	%r12
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r12
	popq	%rbx
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbx
	popq	%rbp
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbp

	/*
	 * The per-CPU bookkeeping (current, top_of_stack) is C; a tail
	 * jump, so __switch_to returns straight to next's caller with RAX
	 * = prev (RDI and RSI are still prev and next).
	 */
	jmp	__switch_to
	.cfi_endproc
	.size	__switch_to_asm, . - __switch_to_asm

/*
 * A new task's first return from __switch_to_asm lands here, with RAX =
 * the task switched from, RBX = the function to run and R12 its argument
 * (sched_create_task put them in the popped slots).  schedule_tail()
 * finishes the switch (drops the run queue lock, enables interrupts and
 * preemption) as the second half of schedule() would have.  The function
 * must not return (kernel threads end in do_exit).
 */
	.globl	ret_from_fork
	.type	ret_from_fork, @function
	.balign	16
ret_from_fork:
	.cfi_startproc
	.cfi_undefined %rip		/* the outermost frame of this task */
	movq	%rax, %rdi
	call	schedule_tail
	movq	%r12, %rdi
	call	*%rbx
	ud2
	.cfi_endproc
	.size	ret_from_fork, . - ret_from_fork
