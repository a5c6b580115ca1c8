/*
 * arch/x86/entry_syscall.S - the `syscall` instruction's way in and out.
 *
 * Teaches: `syscall` is not a trap.  The CPU pushes nothing and switches
 * no stack: it puts the user RIP in RCX and RFLAGS in R11, loads CS and SS
 * from MSR_STAR, masks RFLAGS with MSR_FMASK (so IF is clear: no interrupt
 * can arrive before we are on a kernel stack) and jumps to MSR_LSTAR.  The
 * code below must therefore (1) swapgs to reach the per-CPU area, (2) park
 * the user RSP there (no register is free), (3) load the task's kernel
 * stack, and (4) build the same struct pt_regs a trap builds, so that C
 * sees one layout.  The way back is `sysret`, which reloads RIP from RCX
 * and RFLAGS from R11; do_syscall_64() says whether that is safe (a
 * non-canonical RCX would make sysret fault in ring 0 on Intel CPUs), and
 * if not we leave with iretq from the very same frame.
 * Linux counterpart: arch/x86/entry/entry_64.S (entry_SYSCALL_64).
 */
#include "arch/x86/boot_layout.h"

#define HOT_TOP_OF_STACK	32	/* struct percpu_hot (percpu.h) */
#define HOT_USER_RSP		48

	.text
	.code64
	.balign 16
	.globl	entry_SYSCALL_64
entry_SYSCALL_64:
	swapgs
	movq	%rsp, %gs:HOT_USER_RSP
	movq	%gs:HOT_TOP_OF_STACK, %rsp
	/* The interrupt frame a trap from ring 3 would have. */
	pushq	$GDT_USER_DS		/* ss */
	pushq	%gs:HOT_USER_RSP	/* rsp */
	pushq	%r11			/* rflags */
	pushq	$GDT_USER_CS		/* cs */
	pushq	%rcx			/* rip */
	pushq	%rax			/* error_code: the system-call number */
	pushq	$-1			/* vector: none, this is no trap */
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	$-38			/* rax: -ENOSYS unless dispatched */
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
	call	do_syscall_64		/* true: sysret may return */
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
	testb	%al, %al
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	leaq	16(%rsp), %rsp		/* vector, error code; keeps flags */
	jz	1f
	/* do_syscall_64 checked: RCX == RIP, R11 == RFLAGS, both sane. */
	movq	24(%rsp), %rsp		/* the user RSP */
	swapgs
	sysretq
1:	swapgs
	iretq

/*
 * user_iret(rip, rsp): the first entry to ring 3, by a hand-made
 * interrupt frame.  RFLAGS is 0x2 (IF clear, see syscall.h).  Every
 * general register is cleared so that no kernel value reaches user mode.
 */
	.globl	user_iret
user_iret:
	pushq	$GDT_USER_DS		/* ss */
	pushq	%rsi			/* rsp */
	pushq	$0x2			/* rflags: reserved bit 1 only */
	pushq	$GDT_USER_CS		/* cs */
	pushq	%rdi			/* rip */
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	swapgs
	iretq
