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
#include "kernel/ksyms.h"
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
 *
 * The first line names the place as Linux does, file:line and the
 * function with its offset ("WARNING: at kernel/lkdtm.c:60
 * lkdtm_WARNING+0x9/0x20"); the offset is that of the return address,
 * just after the call that brought us here.  Linux 6.1 also prints
 * "CPU: n PID: n" after "WARNING:": they join when Pagoda has more than
 * one CPU and processes.
 */
void
warn_slowpath(const char *file, int line)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	int saved = console_loglevel;
	char where[128];

	ksym_format(where, sizeof(where), caller);
	console_verbose();
	printk(KERN_WARNING "WARNING: at %s:%d %s\n", file, line, where);
	dump_stack();
	console_loglevel = saved;
}
