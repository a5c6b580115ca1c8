/*
 * arch/x86/syscall.h - system calls on Linux's x86-64 ABI, and the first
 * way into user mode.
 *
 * Teaches: see syscall.c.  Until processes exist (issue 8), a kernel
 * thread borrows user mode: user_mode_run() enters ring 3 at rip with the
 * stack rsp in whatever address space is loaded in CR3, and returns when
 * the program calls exit/exit_group (its status) or is killed by a fault
 * (killed set).  The program runs with interrupts off for now: nothing
 * can preempt or migrate the thread while its CR3 is not init_pgd's.
 * Linux counterpart: arch/x86/entry/common.c, arch/x86/kernel/cpu/common.c
 * (syscall_init).
 */
#ifndef PAGODA_ARCH_X86_SYSCALL_H
#define PAGODA_ARCH_X86_SYSCALL_H

#include "arch/x86/ptrace.h"
#include "kernel/types.h"

#define MSR_STAR	0xc0000081
#define MSR_LSTAR	0xc0000082
#define MSR_FMASK	0xc0000084
#define EFER_SCE	(1UL << 0)

/* Linux x86-64 numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
#define __NR_write	1
#define __NR_getpid	39
#define __NR_exit	60
#define __NR_getppid	110
#define __NR_gettid	186
#define __NR_exit_group	231

/* Program this CPU's STAR/LSTAR/FMASK and enable syscall (EFER.SCE). */
void syscall_init_cpu(void);

struct user_exit {
	long status;		/* exit status, or the fatal vector */
	bool killed;		/* true: a fault ended it */
};

void user_mode_run(unsigned long rip, unsigned long rsp,
		   struct user_exit *out);

/* The return-to-user check (syscall.c); test hook below. */
void user_return_check_addr_limit(void);
/* Test only: make the next system call return with the kernel limit. */
void syscall_test_break_addr_limit(void);
/* Test only: return by iretq even when sysret could; the iretq count. */
unsigned long syscall_test_force_iret(bool on);

/* traps.c: a fault in user mode kills the program (does not return). */
void user_fault_kill(const struct pt_regs *regs, unsigned long cr2)
	__attribute__((noreturn));

/* entry_syscall.S */
void entry_SYSCALL_64(void);
void user_iret(unsigned long rip, unsigned long rsp)
	__attribute__((noreturn));
bool do_syscall_64(struct pt_regs *regs);

#endif
