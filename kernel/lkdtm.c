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
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"

void lkdtm_run(void);

static char lkdtm_type[32];
core_param("lkdtm", lkdtm_type, PARAM_STRING,
	   "crash on purpose after boot: PANIC BUG WARNING EXCEPTION "
	   "WRITE_KERN WRITE_RO EXEC_DATA EXHAUST_STACK");

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

#define LKDTM(name) { #name, lkdtm_##name }
static const struct {
	const char *name;
	void (*fn)(void);
} lkdtm_types[] = {
	LKDTM(PANIC), LKDTM(BUG), LKDTM(WARNING), LKDTM(EXCEPTION),
	LKDTM(WRITE_KERN), LKDTM(WRITE_RO), LKDTM(EXEC_DATA),
	LKDTM(EXHAUST_STACK),
};

void
lkdtm_run(void)
{
	if (!lkdtm_type[0])
		return;
	for (size_t i = 0; i < ARRAY_SIZE(lkdtm_types); i++) {
		if (!strcmp(lkdtm_type, lkdtm_types[i].name)) {
			pr_info("lkdtm: Performing direct entry %s\n", lkdtm_type);
			lkdtm_types[i].fn();
			pr_info("lkdtm: %s returned\n", lkdtm_type);
			return;
		}
	}
	pr_err("lkdtm: unknown crash type '%s'\n", lkdtm_type);
}
