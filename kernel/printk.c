/*
 * kernel/printk.c - the kernel log: levels, timestamps, ring buffer, console.
 *
 * Teaches: every message goes to two places.  The ring buffer keeps the
 * whole log (for a later dmesg, and for GDB: `pagoda-dmesg`); the console
 * (COM1) shows only messages more important than console_loglevel, which
 * `loglevel=` sets.  A message carries its level as a "\001N" prefix and
 * is stamped with the seconds since boot, as Linux does:
 *
 *	[    0.123456] tsc: Detected 2994.374 MHz processor
 *
 * A message that does not end in a newline leaves the line open; the next
 * one continues it (KERN_CONT) without a new timestamp.
 *
 * Several CPUs, and interrupt handlers, print at once.  One lock,
 * taken with interrupts off, covers formatting the line into the ring
 * and writing it to the consoles, so a line always comes out whole: two
 * CPUs' lines never mix, and a continuation (KERN_CONT) from another
 * CPU than the one that left the line open starts a line of its own.
 * It is a bare ticket lock (arch_spinlock_t), not a spinlock_t: lock
 * debugging reports through printk and must not check printk's own lock.
 *
 * A crash must still get out.  If the lock is already ours (a fault
 * inside printk, an oops while printing), waiting would be for ever: we
 * print without it.  If another CPU holds it while this one oopses
 * (oops_in_progress), that CPU may never let go (it may be the broken
 * one), so we wait a bounded while and then print anyway; a mixed line
 * is better than a silent crash.
 *
 * Linux counterpart: kernel/printk/printk.c.
 */
#include "kernel/printk.h"

#include "drivers/tsc.h"
#include "kernel/errno.h"
#include "kernel/params.h"
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define LOG_BUF_LEN	(64 * 1024)
#define LINE_MAX	1024

/* The ring: log_next counts every byte ever logged; the buffer wraps. */
char log_buf[LOG_BUF_LEN];
unsigned long log_next;

int console_loglevel = 7;	/* show everything below KERN_DEBUG */
bool oops_in_progress;

/* A crashing CPU waits this many pauses for the lock, then goes ahead. */
#define OOPS_LOCK_SPINS	100000

static arch_spinlock_t logbuf_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static unsigned int logbuf_owner;	/* CPU + 1 holding it, 0: none */
static struct console *console_list;
static bool line_open;		/* the last message did not end its line */
static bool line_to_console;	/* ... and that line is on the console */
static unsigned int line_cpu;	/* ... and this CPU printed it */

/*
 * Interrupts off and the lock taken; returns false when we go on
 * without the lock (see the top of the file).  *flags gets the caller's
 * interrupt state either way.
 */
static bool
logbuf_lock_irqsave(unsigned long *flags)
{
	unsigned int me;

	*flags = local_irq_save();
	me = smp_processor_id() + 1;
	if (arch_spin_trylock(&logbuf_lock))
		goto locked;
	if (READ_ONCE(logbuf_owner) == me)
		return false;		/* we interrupted ourselves */
	if (!READ_ONCE(oops_in_progress)) {
		arch_spin_lock(&logbuf_lock);
		goto locked;
	}
	for (unsigned long i = 0; i < OOPS_LOCK_SPINS; i++) {
		if (arch_spin_trylock(&logbuf_lock))
			goto locked;
		cpu_relax();
	}
	return false;
locked:
	WRITE_ONCE(logbuf_owner, me);
	return true;
}

static void
logbuf_unlock_irqrestore(bool locked, unsigned long flags)
{
	if (locked) {
		WRITE_ONCE(logbuf_owner, 0);
		arch_spin_unlock(&logbuf_lock);
	}
	local_irq_restore(flags);
}

/* Out-of-range and malformed values are refused, by name, in params.c. */
early_param_range("loglevel", console_loglevel, PARAM_INT, 0, 8,
		  "console shows messages with a level below this");

static int
set_quiet(const char *val)
{
	if (val)
		return -EINVAL;
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
early_param_desc("quiet", set_quiet, "no value");

void
console_verbose(void)
{
	console_loglevel = CONSOLE_LOGLEVEL_VERBOSE;
}

static void
log_store(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		log_buf[(log_next + i) % LOG_BUF_LEN] = s[i];
	log_next += len;
}

/* Copy the newest `size - 1` bytes of the log into buf (for dmesg). */
size_t
log_buf_copy(char *buf, size_t size)
{
	unsigned long start, n;
	unsigned long flags;
	bool locked;

	if (!size)
		return 0;
	locked = logbuf_lock_irqsave(&flags);
	n = min(log_next, (unsigned long)min(size - 1, (size_t)LOG_BUF_LEN));
	start = log_next - n;
	for (unsigned long i = 0; i < n; i++)
		buf[i] = log_buf[(start + i) % LOG_BUF_LEN];
	buf[n] = '\0';
	logbuf_unlock_irqrestore(locked, flags);
	return n;
}

/*
 * For kernel/printk_test.c: hold the lock as CPU `cpu` holding it in
 * the middle of a message would, and let it go.
 */
void
printk_test_hold_lock(unsigned int cpu)
{
	arch_spin_lock(&logbuf_lock);
	WRITE_ONCE(logbuf_owner, cpu + 1);
}

void
printk_test_release_lock(void)
{
	WRITE_ONCE(logbuf_owner, 0);
	arch_spin_unlock(&logbuf_lock);
}

/*
 * Consoles are registered, never removed; a console registered later
 * sees only the messages logged after it (the ring keeps the earlier
 * ones).  Under the lock, so no CPU is walking the list meanwhile.
 */
void
register_console(struct console *con)
{
	unsigned long flags;
	bool locked = logbuf_lock_irqsave(&flags);

	con->next = console_list;
	console_list = con;
	logbuf_unlock_irqrestore(locked, flags);
}

static void
emit(const char *s, size_t len, bool to_console)
{
	log_store(s, len);
	if (!to_console)
		return;
	for (struct console *con = console_list; con; con = con->next)
		con->write(s, len);
}

int
vprintk(const char *fmt, va_list args)
{
	char text[LINE_MAX];
	char stamp[32];
	int level = LOGLEVEL_DEFAULT;
	bool cont = false;
	const char *p = text;
	unsigned long flags;
	unsigned int cpu;
	bool locked;
	size_t len;

	len = vscnprintf(text, sizeof(text), fmt, args);
	/* Levels may be stacked ("\0013" KERN_CONT...): take them all. */
	while (p[0] == KERN_SOH_ASCII && p[1]) {
		if (p[1] >= '0' && p[1] <= '7')
			level = p[1] - '0';
		else if (p[1] == 'c')
			cont = true;
		p += 2;
		len -= 2;
	}

	locked = logbuf_lock_irqsave(&flags);
	cpu = smp_processor_id();

	/*
	 * A continuation goes where the line it continues went, if this
	 * CPU left it open; anything else ends the open line first.
	 */
	cont = cont && line_open && line_cpu == cpu;
	bool to_console = cont ? line_to_console : level < console_loglevel;
	if (line_open && !cont) {
		emit("\n", 1, line_to_console);
		line_open = false;
	}
	if (!line_open)
		line_to_console = to_console;
	while (len) {
		const char *nl = memchr(p, '\n', len);
		size_t chunk = nl ? (size_t)(nl - p) + 1 : len;

		if (!line_open) {
			u64 ns = local_clock_ns();
			int n = scnprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
					  (unsigned long)(ns / 1000000000),
					  (unsigned long)(ns / 1000 % 1000000));
			emit(stamp, n, to_console);
		}
		emit(p, chunk, to_console);
		line_open = !nl;
		line_cpu = cpu;
		p += chunk;
		len -= chunk;
	}

	logbuf_unlock_irqrestore(locked, flags);
	return (int)(p - text);
}

int
printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}
