/*
 * arch/x86/fault_catch.h - run a function and catch the exception it causes.
 *
 * Teaches: a test that proves the CPU forbids an access must make the
 * access and survive it.  fault_catch_call() runs a probe and, if the
 * probe faults, returns with the vector, error code and address instead
 * of letting the trap become an oops (see fault_catch.c).
 * Linux counterpart: the exception table (arch/x86/mm/extable.c), the
 * same idea for single instructions.
 */
#ifndef PAGODA_ARCH_X86_FAULT_CATCH_H
#define PAGODA_ARCH_X86_FAULT_CATCH_H

#include "arch/x86/ptrace.h"

struct fault_info {
	unsigned int vector;	/* e.g. 14 for #PF */
	u64 error_code;
	u64 cr2;		/* faulting address, for #PF */
	u64 rip;		/* where it happened */
};

/* Returns true if fn(arg) faulted; then *info says how.  Not reentrant. */
bool fault_catch_call(void (*fn)(void *), void *arg, struct fault_info *info);

/* Called by do_trap(): resumes the armed caller, or returns false. */
bool fault_catch_fixup(const struct pt_regs *regs);

/* Probes for tests: each performs one access that may fault. */
void probe_read_u8(void *addr);
void probe_write_u8(void *addr);
void probe_exec(void *addr);

#endif
