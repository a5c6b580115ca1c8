/*
 * kernel/sched/sched_test_regs.S - a probe for the context switch test.
 *
 * unsigned long sched_test_call_with_regs(void (*fn)(void), u64 seed):
 * fills every callee-saved register (RBX, RBP, R12-R15) with a value
 * derived from seed, calls fn (which switches tasks), and returns how
 * many of the six came back changed.  C cannot hold values in chosen
 * registers across a call, hence assembly.  Used by sched_test.c.
 */
	.text
	.code64
	.globl	sched_test_call_with_regs
	.type	sched_test_call_with_regs, @function
sched_test_call_with_regs:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp		/* the seed; keeps RSP 16-aligned */
	movq	%rsi, (%rsp)
	movq	%rsi, %rbx
	leaq	1(%rsi), %r12
	leaq	2(%rsi), %r13
	leaq	3(%rsi), %r14
	leaq	4(%rsi), %r15
	leaq	5(%rsi), %rbp
	call	*%rdi
	movq	(%rsp), %rsi
	xorl	%eax, %eax
	cmpq	%rsi, %rbx
	setne	%cl
	movzbl	%cl, %ecx
	addq	%rcx, %rax
	incq	%rsi
	cmpq	%rsi, %r12
	setne	%cl
	addq	%rcx, %rax
	incq	%rsi
	cmpq	%rsi, %r13
	setne	%cl
	addq	%rcx, %rax
	incq	%rsi
	cmpq	%rsi, %r14
	setne	%cl
	addq	%rcx, %rax
	incq	%rsi
	cmpq	%rsi, %r15
	setne	%cl
	addq	%rcx, %rax
	incq	%rsi
	cmpq	%rsi, %rbp
	setne	%cl
	addq	%rcx, %rax
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size	sched_test_call_with_regs, . - sched_test_call_with_regs
