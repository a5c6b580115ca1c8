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
 * The lock is taken with interrupts off.  If the lock is already ours
 * (a fault inside printk, or an oops while printing) we must not wait for
 * ourselves forever: oops_in_progress lets the oops path through.
 *
 * Linux counterpart: kernel/printk/printk.c.
 */
#include "kernel/printk.h"

#include "drivers/tsc.h"
#include "kernel/errno.h"
#include "kernel/params.h"
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

static DEFINE_SPINLOCK(logbuf_lock);
static struct console *console_list;
static bool line_open;		/* the last message did not end its line */
static bool line_to_console;	/* ... and that line is on the console */

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

	if (!size)
		return 0;
	flags = spin_lock_irqsave(&logbuf_lock);
	n = min(log_next, (unsigned long)min(size - 1, (size_t)LOG_BUF_LEN));
	start = log_next - n;
	for (unsigned long i = 0; i < n; i++)
		buf[i] = log_buf[(start + i) % LOG_BUF_LEN];
	buf[n] = '\0';
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return n;
}

/*
 * Consoles are registered once, early, and never removed, so the list
 * can be walked without a lock; a console registered later sees only the
 * messages logged after it (the ring keeps the earlier ones).
 */
void
register_console(struct console *con)
{
	unsigned long flags = local_irq_save();

	con->next = console_list;
	console_list = con;
	local_irq_restore(flags);
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

	flags = local_irq_save();
	locked = spin_trylock(&logbuf_lock);
	if (!locked && !oops_in_progress) {
		spin_lock(&logbuf_lock);
		locked = true;
	}

	/* A continuation goes where the line it continues went. */
	bool to_console = cont && line_open ? line_to_console
					   : level < console_loglevel;
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
		p += chunk;
		len -= chunk;
	}

	if (locked)
		spin_unlock(&logbuf_lock);
	local_irq_restore(flags);
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
