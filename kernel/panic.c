/*
 * kernel/panic.c - the end of the road, said clearly.
 *
 * Teaches: panic() prints why, with a backtrace, and stops.  Linux's line
 * is "Kernel panic - not syncing: <reason>" ("not syncing" because it will
 * not write back file system buffers); we keep it word for word, since
 * every kernel developer greps for it.  Under QEMU with the isa-debug-exit
 * device the machine then exits with a failure status, so a test harness
 * sees the crash at once; `panic=halt` keeps the machine stopped instead,
 * for inspection with GDB.
 * Linux counterpart: kernel/panic.c.
 */
#include "kernel/panic.h"

#include "arch/x86/processor.h"
#include "arch/x86/stacktrace.h"
#include "drivers/qemu_exit.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

static bool panic_halt;

static const char *const panic_actions[] = { "halt", "exit", NULL };

/* params.c accepts only the values above and names them otherwise. */
static int
set_panic(const char *val)
{
	panic_halt = !strcmp(val, "halt");
	return 0;
}
early_param_choice("panic", set_panic, panic_actions);

void
panic(const char *fmt, ...)
{
	static bool in_panic;
	char reason[256];
	va_list args;

	local_irq_disable();
	if (in_panic)		/* a fault while panicking: just stop */
		halt_forever();
	in_panic = true;
	oops_in_progress = true;
	console_verbose();	/* even under `quiet` or loglevel=0 */

	va_start(args, fmt);
	vscnprintf(reason, sizeof(reason), fmt, args);
	va_end(args);

	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", reason);
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n",
	       reason);
	if (!panic_halt)
		qemu_exit(QEMU_EXIT_PANIC);
	halt_forever();
}

/*
 * A warning is a bug report: it reaches the console whatever the log
 * level, but the boot goes on, so the level is put back afterwards and
 * the rest of a `quiet` boot stays quiet.  (Linux prints a WARN at
 * KERN_WARNING and lets `quiet` hide it; we choose to show it.)
 */
void
warn_slowpath(const char *file, int line, const char *what)
{
	int saved = console_loglevel;

	console_verbose();
	printk(KERN_WARNING "WARNING: %s:%d: %s\n", file, line, what);
	dump_stack();
	console_loglevel = saved;
}
