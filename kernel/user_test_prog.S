/*
 * kernel/user_test_prog.S - tiny ring-3 programs for kernel/user_test.c.
 *
 * Teaches: a user program is only bytes until the kernel maps them into a
 * user page and jumps there in ring 3.  These are position-independent and
 * kept as data (.rodata): user_test.c copies each into a fresh user page at
 * USER_TEST_TEXT.  They speak Linux's system-call ABI directly (number in
 * RAX, arguments in RDI, RSI, RDX; RCX and R11 clobbered).
 * Linux counterpart: none (tools/testing/selftests/x86 has the same kind).
 */
#define NR_write	1
#define NR_getpid	39
#define NR_getppid	110
#define NR_gettid	186
#define NR_exit_group	231
#define SLOT_PID	0x7fffffffeff8	/* the top word of the stack page */

	.section .rodata
	.balign 16

/*
 * The main program: exits 42 when every answer was right, else with the
 * number of the first wrong check.
 */
	.globl	user_prog_hello, user_prog_hello_end
user_prog_hello:
	movl	$NR_write, %eax
	movl	$1, %edi
	leaq	hello_msg(%rip), %rsi
	movl	$hello_len, %edx
	syscall
	movl	$1, %edi
	cmpq	$hello_len, %rax
	jne	fail
	movl	$NR_getpid, %eax
	syscall
	movq	%rax, %rbx
	movabsq	$SLOT_PID, %rdx
	movq	%rax, (%rdx)		/* the test reads the pid back */
	movl	$NR_gettid, %eax
	syscall
	movl	$2, %edi
	cmpq	%rax, %rbx
	jne	fail
	movl	$999, %eax		/* no such call */
	syscall
	movl	$3, %edi
	cmpq	$-38, %rax		/* -ENOSYS */
	jne	fail
	movl	$NR_write, %eax		/* an unmapped user address */
	movl	$1, %edi
	movl	$0x1000, %esi
	movl	$4, %edx
	syscall
	movl	$4, %edi
	cmpq	$-14, %rax		/* -EFAULT */
	jne	fail
	movl	$NR_write, %eax		/* a kernel address */
	movl	$1, %edi
	movabsq	$0xffffffff80100000, %rsi
	movl	$4, %edx
	syscall
	movl	$5, %edi
	cmpq	$-14, %rax
	jne	fail
	movl	$42, %edi
fail:
	movl	$NR_exit_group, %eax
	syscall
	ud2				/* never reached */
hello_msg:
	.ascii	"hello from ring 3\n"
	.set	hello_len, . - hello_msg
user_prog_hello_end:

/*
 * Reads physical 1 MiB (where the kernel is loaded) through the direct map:
 * the 10-byte movabs puts the load at +10.
 */
	.globl	user_prog_touch_kernel, user_prog_touch_kernel_end
user_prog_touch_kernel:
	movabsq	$0xffff888000100000, %rax
	movq	(%rax), %rax
	movl	$NR_exit_group, %eax
	syscall
user_prog_touch_kernel_end:

/* One getppid (the test arms the broken limit first), then exit 0. */
	.globl	user_prog_getppid, user_prog_getppid_end
user_prog_getppid:
	movl	$NR_getppid, %eax
	syscall
	xorl	%edi, %edi
	movl	$NR_exit_group, %eax
	syscall
user_prog_getppid_end:

/* getppid as many times as the top word of the stack says, then exit 0. */
	.globl	user_prog_getppid_loop, user_prog_getppid_loop_end
user_prog_getppid_loop:
	movabsq	$SLOT_PID, %rbx
	movq	(%rbx), %rbx
	testq	%rbx, %rbx
	jz	2f
1:	movl	$NR_getppid, %eax
	syscall
	decq	%rbx
	jnz	1b
2:	xorl	%edi, %edi
	movl	$NR_exit_group, %eax
	syscall
user_prog_getppid_loop_end:
