/*
 * kernel/ktest_capture.c - letting an in-kernel test read what the
 * kernel printed.
 *
 * Teaches: a test of a report (Bad page state, pagetypeinfo) must check
 * the text itself, and the text goes to the consoles.  So the test
 * registers one more console, which only copies what it is given into
 * a buffer while a capture is open: nothing in printk changes for it,
 * and the real console still shows everything.  The console sees only
 * what the log level lets through, like any console.
 * Linux counterpart: none.
 */
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "lib/string.h"

static char captured[KTEST_CAPTURE_MAX];
static size_t captured_len;
static bool capturing;

static void
capture_write(const char *s, size_t len)
{
	if (!capturing)
		return;
	len = min(len, sizeof(captured) - 1 - captured_len);
	memcpy(captured + captured_len, s, len);
	captured_len += len;
	captured[captured_len] = '\0';
}

static struct console capture_console = {
	.name = "ktest-capture",
	.write = capture_write,
};

void
ktest_capture_begin(void)
{
	static bool registered;

	/* Registered on first use: a boot without such tests never has it. */
	if (!registered) {
		register_console(&capture_console);
		registered = true;
	}
	captured_len = 0;
	captured[0] = '\0';
	capturing = true;
}

const char *
ktest_capture_end(size_t *len)
{
	capturing = false;
	if (len)
		*len = captured_len;
	return captured;
}
