/*
 * kernel/params_test.c - ktest suite "params": the command-line parser.
 *
 * Teaches: the parser is tested where it runs, on the kernel build: it
 * parses crafted command lines against a private table of parameters (the
 * host tests do the exhaustive part) and checks that the real command
 * line of this boot reached the registered parameters.
 * Linux counterpart: none.
 */
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "lib/string.h"

static bool t_flag;
static int t_int = 7;
static unsigned long t_ulong;
static u64 t_size;
static char t_str[8];
static char cb_seen[8];
static bool cb_had_value;
static int cb_calls;

/* val lives only during the call (the parser reuses its buffer): copy it. */
static int
t_callback(const char *val)
{
	cb_calls++;
	cb_had_value = val != NULL;
	strscpy(cb_seen, val ? val : "", sizeof(cb_seen));
	return val && !strcmp(val, "bad") ? -22 : 0;
}

static const struct kernel_param table[] = {
	{ .name = "t.flag", .type = PARAM_BOOL, .var = &t_flag,
	  .size = sizeof(t_flag) },
	{ .name = "t_int", .type = PARAM_INT, .var = &t_int,
	  .size = sizeof(t_int) },
	{ .name = "t.ulong", .type = PARAM_ULONG, .var = &t_ulong,
	  .size = sizeof(t_ulong) },
	{ .name = "t.size", .type = PARAM_SIZE, .var = &t_size,
	  .size = sizeof(t_size) },
	{ .name = "t.str", .type = PARAM_STRING, .var = t_str,
	  .size = sizeof(t_str) },
	{ .name = "t.cb", .type = PARAM_CALLBACK, .set = t_callback,
	  .early = true },
};

/* A hand-built entry whose size does not match its type is refused. */
static void
wrongly_declared_entry_refused(struct ktest *t)
{
	static int victim = 3;
	static const struct kernel_param bad[] = {
		{ .name = "v", .type = PARAM_ULONG, .var = &victim,
		  .size = sizeof(victim) },
	};

	KT_EXPECT_EQ(t, parse_args("v=1", bad, 1, false), 1);
	KT_EXPECT_EQ(t, victim, 3);
}

static void
typed_values(struct ktest *t)
{
	int errors = parse_args("t.flag t-int=-12 t.ulong=0x10 t.size=2M "
				"t.str=\"a b\"", table, ARRAY_SIZE(table), false);

	KT_EXPECT_EQ(t, errors, 0);
	KT_EXPECT_TRUE(t, t_flag);
	KT_EXPECT_EQ(t, t_int, -12);
	KT_EXPECT_EQ(t, t_ulong, 16);
	KT_EXPECT_EQ(t, t_size, 2 << 20);
	KT_EXPECT_STREQ(t, t_str, "a b");
}

static void
bad_values_leave_variables_alone(struct ktest *t)
{
	int errors;

	t_int = 5;
	errors = parse_args("t_int=five t.str=much_too_long nosuch=1 t.flag=maybe",
			    table, ARRAY_SIZE(table), false);
	KT_EXPECT_EQ(t, errors, 4);
	KT_EXPECT_EQ(t, t_int, 5);
	KT_EXPECT_STREQ(t, t_str, "a b");
}

static void
early_and_late_passes(struct ktest *t)
{
	cb_calls = 0;
	/* Early pass: only early params, unknown names are not reported. */
	KT_EXPECT_EQ(t, parse_args("t.cb=x t_int=1 nosuch", table,
				   ARRAY_SIZE(table), true), 0);
	KT_EXPECT_EQ(t, cb_calls, 1);
	KT_EXPECT_STREQ(t, cb_seen, "x");
	KT_EXPECT_TRUE(t, cb_had_value);
	KT_EXPECT_EQ(t, t_int, 5);
	/* A bare name gives the callback NULL; "--" ends the kernel's part. */
	KT_EXPECT_EQ(t, parse_args("t.cb -- t.cb=bad", table,
				   ARRAY_SIZE(table), true), 0);
	KT_EXPECT_EQ(t, cb_calls, 2);
	KT_EXPECT_FALSE(t, cb_had_value);
}

/* This boot's own command line went through the registered table. */
static void
real_command_line_applied(struct ktest *t)
{
	KT_EXPECT_TRUE(t, ktest_requested());
	if (!ktest_boot[0])
		ktest_skip(t, "no ktest.boot from the harness");
	KT_EXPECT_TRUE(t, !strcmp(ktest_boot, "kernel") ||
			  !strcmp(ktest_boot, "bios") ||
			  !strcmp(ktest_boot, "uefi"));
	KT_EXPECT_GT(t, ktest_mem_mb, 0);
}

KTEST_SUITE(params,
	KTEST_CASE(typed_values),
	KTEST_CASE(wrongly_declared_entry_refused),
	KTEST_CASE(bad_values_leave_variables_alone),
	KTEST_CASE(early_and_late_passes),
	KTEST_CASE(real_command_line_applied));
