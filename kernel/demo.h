/*
 * kernel/demo.h - lecture demonstrations: `demo=NAME`.
 *
 * Teaches: each demo tells one story of the 2017 kernel podcast on this
 * kernel, on the (emulated) machine: it runs once the boot is complete,
 * prints what it shows, and powers QEMU off with a status saying whether
 * the demo showed what it should (33: it did, 35: it did not), so the
 * harness can check the lecture still works.  `make demo NAME=...` runs
 * one; the README lists them and what each teaches.
 * Linux counterpart: none (samples/ comes closest).
 */
#ifndef PAGODA_KERNEL_DEMO_H
#define PAGODA_KERNEL_DEMO_H

#include "kernel/compiler.h"
#include "kernel/types.h"

struct demo {
	const char *name;
	const char *teaches;	/* one line for `demo=help` and the README */
	bool (*run)(void);	/* true: the demo showed what it should */
};

#define DEMO(dname, fn, what)						\
	static const struct demo __demo_##dname				\
	__used __section("demos") __aligned(8) = { #dname, what, fn }

bool demo_requested(void);
void __noreturn demo_run(void);

#endif
