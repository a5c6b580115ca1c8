/*
 * kernel/printk_test.c - ktest suite "printk": the log as users see it.
 *
 * Teaches: the log is checked as a reader sees it.  The suite reads back
 * what printk stored in the ring buffer (what dmesg and GDB's
 * pagoda-dmesg show) and checks Linux's line format, continuation lines
 * and the level rules.  The formatter itself is tested exhaustively on
 * the host (tests/host/test_vsprintf.c); a few cases here prove the
 * kernel build (no SSE, kernel code model) formats the same.
 * Linux counterpart: lib/test_printf.c (the formatter's in-kernel test).
 */
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

size_t log_buf_copy(char *buf, size_t size);
void printk_test_hold_lock(unsigned int cpu);
void printk_test_release_lock(void);
extern int console_loglevel;
extern bool oops_in_progress;

static char tail[512];

/* The last complete line of the log, without its newline. */
static const char *
last_line(void)
{
	size_t n = log_buf_copy(tail, sizeof(tail));
	char *end, *start;

	while (n && tail[n - 1] == '\n')
		tail[--n] = '\0';
	end = tail + n;
	start = end;
	while (start > tail && start[-1] != '\n')
		start--;
	return start;
}

/* The line before `line` in tail (as last_line() left it), or NULL. */
static const char *
line_before(const char *line)
{
	if (line - tail < 2)
		return NULL;
	line--;				/* the '\n' ending the line before */
	while (line > tail && line[-1] != '\n')
		line--;
	return line;
}

static bool
is_timestamp(const char *s)
{
	/* "[%5lu.%06lu] " */
	if (s[0] != '[' || s[13] != ']' || s[14] != ' ' || s[6] != '.')
		return false;
	for (int i = 1; i < 13; i++)
		if (i != 6 && !(s[i] == ' ' || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

static void
lines_are_stamped(struct ktest *t)
{
	const char *line;

	pr_info("printk-test: marker %d\n", 42);
	line = last_line();
	KT_EXPECT_TRUE(t, is_timestamp(line));
	KT_EXPECT_STREQ(t, line + 15, "printk-test: marker 42");
}

static void
continuation(struct ktest *t)
{
	pr_info("printk-test: a");
	pr_cont("b");
	pr_cont("c\n");
	KT_EXPECT_STREQ(t, last_line() + 15, "printk-test: abc");
	/* A new message closes an open line. */
	pr_info("printk-test: open");
	pr_info("printk-test: next\n");
	KT_EXPECT_STREQ(t, last_line() + 15, "printk-test: next");
}

/*
 * Lines never mix across CPUs: a continuation from another CPU than the
 * one that left the line open starts its own line, and so does the
 * first CPU's next continuation.  "Another CPU" is this one with its
 * CPU number changed for the two calls (interrupts off meanwhile), so
 * the check is deterministic on any number of CPUs.
 */
static void
continuation_from_another_cpu(struct ktest *t)
{
	unsigned int me = smp_processor_id();
	unsigned long flags = local_irq_save();
	const char *line;

	pr_info("printk-test: open");
	this_cpu_write_hot(cpu_number, me + 1);
	pr_cont("other\n");
	this_cpu_write_hot(cpu_number, me);
	local_irq_restore(flags);
	pr_cont("mine\n");
	/* The last three lines, each with its own timestamp. */
	line = last_line();
	KT_EXPECT_TRUE(t, is_timestamp(line));
	KT_EXPECT_STREQ(t, line + 15, "mine");
	line = line_before(line);
	KT_ASSERT_TRUE(t, line != NULL);
	KT_EXPECT_TRUE(t, is_timestamp(line));
	KT_EXPECT_TRUE(t, !strncmp(line + 15, "other\n", 6));
	line = line_before(line);
	KT_ASSERT_TRUE(t, line != NULL);
	KT_EXPECT_TRUE(t, !strncmp(line + 15, "printk-test: open\n", 18));
}

/*
 * A crash gets out even while another CPU holds the log lock for good
 * (it may be the broken one): with oops_in_progress, printk waits a
 * bounded while and then prints without the lock.  Without that wait
 * being bounded this case never returns.
 */
static void
oops_prints_past_a_held_lock(struct ktest *t)
{
	unsigned long flags = local_irq_save();

	printk_test_hold_lock(smp_processor_id() + 1);
	oops_in_progress = true;
	pr_info("printk-test: crash text\n");
	oops_in_progress = false;
	printk_test_release_lock();
	local_irq_restore(flags);
	KT_EXPECT_STREQ(t, last_line() + 15, "printk-test: crash text");
	/* And the lock works as before. */
	pr_info("printk-test: after\n");
	KT_EXPECT_STREQ(t, last_line() + 15, "printk-test: after");
}

static void
quiet_levels_still_logged(struct ktest *t)
{
	int saved = console_loglevel;

	console_loglevel = 1;		/* console shows only KERN_EMERG */
	pr_debug("printk-test: hidden %s\n", "debug");
	console_loglevel = saved;
	KT_EXPECT_STREQ(t, last_line() + 15, "printk-test: hidden debug");
}

static void
timestamps_advance(struct ktest *t)
{
	char a[16], b[16];

	pr_info("printk-test: t1\n");
	memcpy(a, last_line(), 15);
	for (volatile int i = 0; i < 100000; i++)
		;
	pr_info("printk-test: t2\n");
	memcpy(b, last_line(), 15);
	a[15] = b[15] = '\0';
	/* Same width, so string order is time order. */
	KT_EXPECT_TRUE(t, strcmp(a, b) <= 0);
}

static void
kernel_build_formats(struct ktest *t)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%#010llx|%-4d|%5s|%c|%%", 0x1234ULL, -7,
		 "ab", 'z');
	KT_EXPECT_STREQ(t, buf, "0x00001234|-7  |   ab|z|%");
	snprintf(buf, sizeof(buf), "%016lx %p", 0xffffffff80000000UL, (void *)1);
	KT_EXPECT_STREQ(t, buf, "ffffffff80000000 0x0000000000000001");
	KT_EXPECT_EQ(t, snprintf(buf, 4, "%s", "abcdef"), 6);
	KT_EXPECT_STREQ(t, buf, "abc");
}

KTEST_SUITE(printk,
	KTEST_CASE(lines_are_stamped),
	KTEST_CASE(continuation),
	KTEST_CASE(continuation_from_another_cpu),
	KTEST_CASE(oops_prints_past_a_held_lock),
	KTEST_CASE(quiet_levels_still_logged),
	KTEST_CASE(timestamps_advance),
	KTEST_CASE(kernel_build_formats));
