/*
 * kernel/lkdtm.c - crash the kernel on purpose, to see how it reports it.
 *
 * Teaches: the code that reports a crash is only trustworthy if it is
 * exercised.  `lkdtm=NAME` on the command line triggers one kind of
 * failure right after boot; the test harness checks the oops or panic it
 * produces (tools/ktest), and a lecturer can show a real one in class:
 *
 *	PANIC		panic() directly
 *	BUG		BUG(): a kernel assertion fails
 *	WARNING		WARN_ON(): a warning with a backtrace; boot goes on
 *	EXCEPTION	a NULL pointer dereference
 *	WRITE_KERN	a write to kernel text (W^X)
 *	WRITE_RO	a write to read-only data
 *	EXEC_DATA	a jump into a data page (NX)
 *	EXHAUST_STACK	unbounded recursion into the stack's guard page
 *
 * Linux counterpart: drivers/misc/lkdtm/ (the Linux Kernel Dump Test
 * Module), whose names these are.
 */
#include "kernel/compiler.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"

void lkdtm_run(void);

/* Each crash type X is a function lkdtm_X below. */
#define LKDTM_TYPES(X)							\
	X(PANIC) X(BUG) X(WARNING) X(EXCEPTION) X(WRITE_KERN) X(WRITE_RO) \
	X(EXEC_DATA) X(EXHAUST_STACK)

#define LKDTM_NAME(name)	#name,
static const char *const lkdtm_names[] = { LKDTM_TYPES(LKDTM_NAME) NULL };

/* params.c refuses any other name and lists these. */
static char lkdtm_type[32];
core_param_choice("lkdtm", lkdtm_type, lkdtm_names,
		  "crash on purpose after boot");

static const u8 lkdtm_rodata[16] = { 0xc3 };
static u8 lkdtm_data[16] = { 0xc3 };	/* "ret", but in a data page */

static void
lkdtm_PANIC(void)
{
	panic("lkdtm: PANIC");
}

static void
lkdtm_BUG(void)
{
	BUG();
}

static void
lkdtm_WARNING(void)
{
	WARN_ON(1);
}

static void
lkdtm_EXCEPTION(void)
{
	*(volatile int *)NULL = 0;
}

static void
lkdtm_WRITE_KERN(void)
{
	*(volatile u8 *)lkdtm_run = 0xcc;
}

static void
lkdtm_WRITE_RO(void)
{
	*(volatile u8 *)lkdtm_rodata = 0;
}

static void
lkdtm_EXEC_DATA(void)
{
	((void (*)(void))lkdtm_data)();
}

static volatile unsigned long recursion_sink;
static volatile bool keep_recursing = true;	/* the compiler can't see it stays true */

/* Each level keeps a KiB of stack busy; nothing stops it. */
__attribute__((noinline)) static unsigned long
recurse(unsigned long depth)
{
	volatile u8 frame[1024];

	frame[0] = (u8)depth;
	if (keep_recursing)
		recursion_sink = recurse(depth + 1) + frame[0];
	return recursion_sink;
}

static void
lkdtm_EXHAUST_STACK(void)
{
	recurse(0);
}

#define LKDTM_FN(name)		lkdtm_##name,
static void (*const lkdtm_fns[])(void) = { LKDTM_TYPES(LKDTM_FN) };

void
lkdtm_run(void)
{
	if (!lkdtm_type[0])
		return;
	for (size_t i = 0; i < ARRAY_SIZE(lkdtm_fns); i++) {
		if (!strcmp(lkdtm_type, lkdtm_names[i])) {
			pr_info("lkdtm: Performing direct entry %s\n", lkdtm_type);
			lkdtm_fns[i]();
			pr_info("lkdtm: %s returned\n", lkdtm_type);
			return;
		}
	}
}
