/*
 * arch/x86/setjmp.S - save and restore a point of execution.
 *
 * Teaches: what "a point of execution" is on x86-64: the callee-saved
 * registers, the stack pointer and the return address; nothing else
 * needs saving, because the System V ABI lets a call clobber the rest.
 * kernel_setjmp(buf) stores them and returns 0.  kernel_longjmp(buf, val)
 * puts them back and makes that kernel_setjmp return val (never 0).  The
 * in-kernel tests use it to abandon a failed assertion and to resume after
 * a fault they provoked on purpose (arch/x86/fault_catch.c).
 * Layout of struct jmp_buf (arch/x86/setjmp.h): rbx rbp r12 r13 r14 r15
 * rsp rip.
 * Linux counterpart: none (user space's setjmp/longjmp in the C library).
 */
	.text
	.code64

	.globl	kernel_setjmp
kernel_setjmp:
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rax		/* the caller's RSP after our ret */
	movq	%rax, 48(%rdi)
	movq	(%rsp), %rax		/* our return address */
	movq	%rax, 56(%rdi)
	xorl	%eax, %eax
	ret

	.globl	kernel_longjmp
kernel_longjmp:
	movl	%esi, %eax
	testl	%eax, %eax
	jnz	1f
	incl	%eax			/* longjmp(buf, 0) returns 1 */
1:	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	movq	48(%rdi), %rsp
	jmpq	*56(%rdi)
