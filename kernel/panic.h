/*
 * kernel/panic.h - stopping the kernel when it cannot go on.
 *
 * Teaches: the three ways a kernel reacts to its own bugs: panic() stops
 * (the state cannot be trusted), BUG_ON() is panic with the file and line,
 * and WARN_ON() complains with a backtrace and carries on (the state is
 * still usable).  See panic.c.
 * Linux counterpart: include/linux/panic.h, include/asm-generic/bug.h.
 */
#ifndef PAGODA_KERNEL_PANIC_H
#define PAGODA_KERNEL_PANIC_H

#include "kernel/compiler.h"
#include "kernel/types.h"

extern bool oops_in_progress;

__printf(1, 2) void panic(const char *fmt, ...) __noreturn;

#define BUG() panic("kernel BUG at %s:%d!", __FILE__, __LINE__)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)

/*
 * Complain, with a backtrace, each time cond holds, and carry on; the
 * value of cond is the macro's value, so `if (WARN_ON(x)) return;`.
 */
#define WARN_ON(cond) ({						\
	bool __c = !!(cond);						\
	if (unlikely(__c))						\
		warn_slowpath(__FILE__, __LINE__);			\
	__c;								\
})
void warn_slowpath(const char *file, int line);

#endif
