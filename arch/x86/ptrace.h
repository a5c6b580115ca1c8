/*
 * arch/x86/ptrace.h - struct pt_regs: the registers saved on a trap.
 *
 * Teaches: a trap handler sees the interrupted context as one structure
 * on the stack, built partly by the CPU and partly by the entry code.
 * The layout is fixed by arch/x86/entry.S: the CPU pushes SS, RSP, RFLAGS,
 * CS and RIP (the "interrupt frame"), the stub pushes the error code (or 0)
 * and the vector, and the common entry code pushes the general registers,
 * RDI first, so that R15 ends up at the lowest address.
 * Linux counterpart: arch/x86/include/asm/ptrace.h.
 */
#ifndef PAGODA_ARCH_X86_PTRACE_H
#define PAGODA_ARCH_X86_PTRACE_H

#include "kernel/types.h"

struct pt_regs {
	u64 r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	u64 rax, rcx, rdx, rsi, rdi;
	u64 vector;
	u64 error_code;
	/* Pushed by the CPU. */
	u64 rip, cs, rflags, rsp, ss;
};

static inline bool
user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

#endif
