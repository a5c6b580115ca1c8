/*
 * arch/x86/setjmp.h - non-local return, for tests and fault recovery.
 *
 * Teaches: kernel_setjmp() remembers a point of execution (the
 * callee-saved registers, the stack pointer, the return address) and
 * kernel_longjmp() returns there from deep inside later calls, dropping
 * every frame in between.  ktest uses it to end a case at a failed
 * ASSERT; fault_catch uses it to come back from a provoked fault.
 * Linux counterpart: none (user space has setjmp/longjmp in its C
 * library).
 */
#ifndef PAGODA_ARCH_X86_SETJMP_H
#define PAGODA_ARCH_X86_SETJMP_H

#include "kernel/compiler.h"
#include "kernel/types.h"

struct jmp_buf {
	u64 rbx, rbp, r12, r13, r14, r15, rsp, rip;
};

int kernel_setjmp(struct jmp_buf *buf) __attribute__((returns_twice));
void kernel_longjmp(struct jmp_buf *buf, int val) __noreturn;

#endif
