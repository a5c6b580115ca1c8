/*
 * arch/x86/setjmp.h - non-local return, for tests and fault recovery.
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
