/*
 * tests/host/test_params.c - host tests for kernel/params.c.
 *
 * Teaches: how the command line is split into words, how each word finds
 * its parameter, and that every bad word is reported and harmless.
 * Linux counterpart: none in-tree (kernel/params.c is tested by booting).
 */
#include <stdlib.h>

#include "kernel/errno.h"
#include "kernel/params.h"
#include "lib/string.h"
#include "tests/host/host_printk.h"
#include "tests/host/htest.h"

static bool v_bool;
static bool v_ebool;
static int v_int;
static unsigned int v_uint;
static unsigned long v_ulong;
static u64 v_size;
static char v_str[16];
static int v_eint;
static int v_late_console, v_early_console;
static int v_lvl;
static unsigned int v_ru;
static char v_mode[8];
static const char *const modes[] = { "halt", "exit", NULL };

/* callbacks record what they were given */
static int cb_calls;
static char cb_val[64];
static bool cb_val_null;
static int cb_result;

static int
cb_set(const char *val)
{
	cb_calls++;
	cb_val_null = !val;
	if (val)
		strscpy(cb_val, val, sizeof(cb_val));
	return cb_result;
}

static int
early_console_set(const char *val)
{
	(void)val;
	v_early_console++;
	return 0;
}

static int
late_console_set(const char *val)
{
	(void)val;
	v_late_console++;
	return 0;
}

#define TYPED(n, t, v, e)	\
	{ .name = n, .type = t, .early = e, .var = &v, .size = sizeof(v) }

static const struct kernel_param params[] = {
	TYPED("b", PARAM_BOOL, v_bool, false),
	TYPED("i", PARAM_INT, v_int, false),
	TYPED("u", PARAM_UINT, v_uint, false),
	TYPED("ul", PARAM_ULONG, v_ulong, false),
	TYPED("sz", PARAM_SIZE, v_size, false),
	TYPED("s", PARAM_STRING, v_str, false),
	TYPED("ktest.mem_mb", PARAM_INT, v_int, false),
	TYPED("foo-bar", PARAM_UINT, v_uint, false),
	TYPED("eb", PARAM_BOOL, v_ebool, true),
	TYPED("ei", PARAM_INT, v_eint, true),
	{ .name = "cb", .type = PARAM_CALLBACK, .set = cb_set },
	{ .name = "console", .type = PARAM_CALLBACK, .early = true,
	  .set = early_console_set },
	{ .name = "console", .type = PARAM_CALLBACK,
	  .set = late_console_set },
	/* declared wrongly: an int parameter whose variable is a char */
	{ .name = "broken", .type = PARAM_INT, .var = v_str, .size = 1 },
	/* parameters that say which values are valid */
	{ .name = "lvl", .type = PARAM_INT, .var = &v_lvl, .size = sizeof(v_lvl),
	  .ranged = true, .min = 0, .max = 8 },
	{ .name = "ru", .type = PARAM_UINT, .var = &v_ru, .size = sizeof(v_ru),
	  .ranged = true, .min = 1, .max = 4 },
	{ .name = "mode", .type = PARAM_STRING, .var = v_mode,
	  .size = sizeof(v_mode), .choices = modes },
	{ .name = "cbmode", .type = PARAM_CALLBACK, .set = cb_set,
	  .choices = modes },
	{ .name = "flag", .type = PARAM_CALLBACK, .set = cb_set,
	  .valid = "no value" },
	{ .name = "cbr", .type = PARAM_CALLBACK, .set = cb_set,
	  .ranged = true, .min = 1, .max = 3 },
};

static void
reset(void)
{
	v_bool = v_ebool = false;
	v_int = v_eint = 42;
	v_uint = 42;
	v_ulong = 42;
	v_size = 42;
	strscpy(v_str, "init", sizeof(v_str));
	strscpy(v_mode, "init", sizeof(v_mode));
	v_lvl = 7;
	v_ru = 2;
	v_late_console = v_early_console = 0;
	cb_calls = 0;
	cb_val[0] = '\0';
	cb_val_null = false;
	cb_result = 0;
	host_log_clear();
}

static int
late(const char *cmdline)
{
	reset();
	return parse_args(cmdline, params, ARRAY_SIZE(params), false);
}

static int
early(const char *cmdline)
{
	reset();
	return parse_args(cmdline, params, ARRAY_SIZE(params), true);
}

HTEST(bool_values)
{
	static const char *const t[] = { "b", "b=1", "b=y", "b=on", "b=true",
					 "b=Yes", "\"b\"" };
	static const char *const f[] = { "b=0", "b=n", "b=off", "b=false" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		EXPECT_INT_EQ(late(t[i]), 0);
		EXPECT_TRUE(v_bool);
	}
	for (i = 0; i < ARRAY_SIZE(f); i++) {
		late("");
		v_bool = true;
		EXPECT_INT_EQ(parse_args(f[i], params, ARRAY_SIZE(params),
					 false), 0);
		EXPECT_FALSE(v_bool);
	}
	EXPECT_STR_EQ(host_log, "");
}

HTEST(numeric_types)
{
	EXPECT_INT_EQ(late("i=-5 u=0x10 ul=18446744073709551615 sz=4K"), 0);
	EXPECT_INT_EQ(v_int, -5);
	EXPECT_UINT_EQ(v_uint, 16);
	EXPECT_UINT_EQ(v_ulong, ~0UL);
	EXPECT_UINT_EQ(v_size, 4096);
	EXPECT_INT_EQ(late("sz=2G i=010"), 0);
	EXPECT_UINT_EQ(v_size, 2ULL << 30);
	EXPECT_INT_EQ(v_int, 8);
	EXPECT_STR_EQ(host_log, "");
}

HTEST(string_values)
{
	EXPECT_INT_EQ(late("s=hello"), 0);
	EXPECT_STR_EQ(v_str, "hello");
	EXPECT_INT_EQ(late("s=a=b,c"), 0);	/* only the first '=' splits */
	EXPECT_STR_EQ(v_str, "a=b,c");
	EXPECT_INT_EQ(late("s=0123456789abcde"), 0);	/* 15 chars: fits */
	EXPECT_STR_EQ(v_str, "0123456789abcde");
	EXPECT_INT_EQ(late("s=0123456789abcdef"), 1);	/* 16: does not */
	EXPECT_STR_EQ(v_str, "init");
	EXPECT_STR_CONTAINS(host_log, "'s' is too long");
}

HTEST(callbacks)
{
	EXPECT_INT_EQ(late("cb=xyz"), 0);
	EXPECT_INT_EQ(cb_calls, 1);
	EXPECT_STR_EQ(cb_val, "xyz");
	EXPECT_FALSE(cb_val_null);

	EXPECT_INT_EQ(late("cb"), 0);
	EXPECT_INT_EQ(cb_calls, 1);
	EXPECT_TRUE(cb_val_null);

	reset();
	cb_result = -EINVAL;
	EXPECT_INT_EQ(parse_args("cb=nope", params, ARRAY_SIZE(params),
				 false), 1);
	EXPECT_STR_CONTAINS(host_log,
			    "Malformed value for parameter 'cb': 'nope'\n");
}

HTEST(quoting)
{
	EXPECT_INT_EQ(late("s=\"a b\" i=1"), 0);
	EXPECT_STR_EQ(v_str, "a b");
	EXPECT_INT_EQ(v_int, 1);
	EXPECT_INT_EQ(late("\"s=c d\" i=2"), 0);
	EXPECT_STR_EQ(v_str, "c d");
	EXPECT_INT_EQ(v_int, 2);
	EXPECT_INT_EQ(late("s=\"\""), 0);
	EXPECT_STR_EQ(v_str, "");
	EXPECT_INT_EQ(late("s=x\"y\"z"), 0);		/* inner quotes stay */
	EXPECT_STR_EQ(v_str, "x\"y\"z");
	EXPECT_INT_EQ(late("cb=\"tab\there\""), 0);
	EXPECT_STR_EQ(cb_val, "tab\there");
}

HTEST(unterminated_quote_runs_to_end)
{
	/* as in Linux: the open quote swallows the rest of the line */
	EXPECT_INT_EQ(late("s=\"ab i=5"), 0);
	EXPECT_STR_EQ(v_str, "ab i=5");
	EXPECT_INT_EQ(v_int, 42);
	EXPECT_INT_EQ(late("i=3 \""), 1);		/* a lone quote */
	EXPECT_INT_EQ(v_int, 3);
	EXPECT_STR_CONTAINS(host_log,
			    "Unknown kernel command line parameter \"\"\"\n");
}

HTEST(unknown_is_reported_once)
{
	EXPECT_INT_EQ(late("foo=bar i=1 baz"), 2);
	EXPECT_INT_EQ(v_int, 1);
	EXPECT_STR_CONTAINS(host_log, "parameter \"foo=bar\"\n");
	EXPECT_STR_CONTAINS(host_log,
			    "Unknown kernel command line parameter \"baz\"\n");
	EXPECT_INT_EQ(host_log_last_level, 4);		/* KERN_WARNING */

	/* the early pass stays quiet about names it does not know */
	EXPECT_INT_EQ(early("foo=bar baz"), 0);
	EXPECT_STR_EQ(host_log, "");
}

/* A control character in a word is shown escaped, never sent raw. */
HTEST(control_characters_are_escaped)
{
	EXPECT_INT_EQ(late("fo\033[2Jo=1"), 1);
	EXPECT_STR_EQ(host_log, "Unknown kernel command line parameter "
				"\"fo\\x1b[2Jo=1\"\n");
	EXPECT_INT_EQ(late("lvl=\0017"), 1);
	EXPECT_STR_EQ(host_log, "Malformed value for parameter 'lvl': "
				"'\\x017' (valid: 0-8)\n");
}

HTEST(names_match_exactly)
{
	EXPECT_INT_EQ(late("ii=1 i2=1 =1 I=1"), 4);
	EXPECT_INT_EQ(v_int, 42);
	EXPECT_STR_CONTAINS(host_log, "parameter \"=1\"");
}

HTEST(malformed_is_reported_and_harmless)
{
	EXPECT_INT_EQ(late("i=abc"), 1);
	EXPECT_INT_EQ(v_int, 42);
	EXPECT_STR_CONTAINS(host_log,
			    "Malformed value for parameter 'i': 'abc' (valid: "
			    "an integer from -2147483648 to 2147483647)\n");
	EXPECT_INT_EQ(host_log_last_level, 3);		/* KERN_ERR */

	EXPECT_INT_EQ(late("i=99999999999 u=-1 b=maybe sz=4Q ul=1x"), 5);
	EXPECT_INT_EQ(v_int, 42);
	EXPECT_UINT_EQ(v_uint, 42);
	EXPECT_FALSE(v_bool);
	EXPECT_UINT_EQ(v_size, 42);
	EXPECT_UINT_EQ(v_ulong, 42);
	/* int is 32 bits: -2^31 .. 2^31 - 1 */
	EXPECT_STR_CONTAINS(host_log, "i: 99999999999 is out of range (valid: "
			    "an integer from -2147483648 to 2147483647)\n");
	EXPECT_STR_CONTAINS(host_log, "parameter 'u': '-1' (valid: an integer "
			    "from 0 to 4294967295)\n");
	EXPECT_STR_CONTAINS(host_log, "parameter 'b': 'maybe' (valid: no "
			    "value, or 1/0, y/n, on/off, true/false)\n");
	EXPECT_STR_CONTAINS(host_log, "parameter 'sz': '4Q' (valid: a size "
			    "such as 64M or 2G)\n");
	/* unsigned long is 64 bits here: 2^64 - 1 */
	EXPECT_STR_CONTAINS(host_log, "parameter 'ul': '1x' (valid: an integer "
			    "from 0 to 18446744073709551615)\n");
}

HTEST(empty_value)
{
	EXPECT_INT_EQ(late("i="), 1);
	EXPECT_INT_EQ(v_int, 42);
	EXPECT_STR_CONTAINS(host_log, "Parameter 'i' has an empty value (valid: "
			    "an integer from -2147483648 to 2147483647)\n");
	EXPECT_INT_EQ(late("b="), 1);
	EXPECT_INT_EQ(late("s="), 0);			/* the empty string */
	EXPECT_STR_EQ(v_str, "");
	EXPECT_INT_EQ(late("cb="), 0);
	EXPECT_FALSE(cb_val_null);
	EXPECT_STR_EQ(cb_val, "");
}

HTEST(name_alone_needs_a_value)
{
	EXPECT_INT_EQ(late("i"), 1);
	EXPECT_INT_EQ(v_int, 42);
	EXPECT_STR_CONTAINS(host_log, "Parameter 'i' needs a value (valid: an "
			    "integer from -2147483648 to 2147483647)\n");
	EXPECT_INT_EQ(late("s sz u ul"), 4);
	EXPECT_STR_EQ(v_str, "init");
}

HTEST(early_and_late_passes)
{
	/* each pass applies only its own kind, and neither complains */
	EXPECT_INT_EQ(early("eb ei=7 i=1"), 0);
	EXPECT_TRUE(v_ebool);
	EXPECT_INT_EQ(v_eint, 7);
	EXPECT_INT_EQ(v_int, 42);

	EXPECT_INT_EQ(late("eb ei=7 i=1"), 0);
	EXPECT_FALSE(v_ebool);
	EXPECT_INT_EQ(v_eint, 42);
	EXPECT_INT_EQ(v_int, 1);
	EXPECT_STR_EQ(host_log, "");

	/* malformed early values are reported by the early pass only */
	EXPECT_INT_EQ(early("ei=x"), 1);
	EXPECT_INT_EQ(late("ei=x"), 0);

	/* one name with an early and a late handler */
	EXPECT_INT_EQ(early("console=ttyS0"), 0);
	EXPECT_INT_EQ(v_early_console, 1);
	EXPECT_INT_EQ(v_late_console, 0);
	EXPECT_INT_EQ(late("console=ttyS0"), 0);
	EXPECT_INT_EQ(v_early_console, 0);
	EXPECT_INT_EQ(v_late_console, 1);
}

HTEST(dash_and_underscore_are_equal)
{
	EXPECT_INT_EQ(late("ktest.mem-mb=128"), 0);
	EXPECT_INT_EQ(v_int, 128);
	EXPECT_INT_EQ(late("ktest.mem_mb=64"), 0);
	EXPECT_INT_EQ(v_int, 64);
	EXPECT_INT_EQ(late("foo_bar=9"), 0);
	EXPECT_UINT_EQ(v_uint, 9);
	EXPECT_INT_EQ(late("ktest-mem_mb=1"), 1);	/* '.' is not '-' */
	EXPECT_TRUE(parameq("a-b_c", "a_b-c"));
	EXPECT_FALSE(parameq("ab", "abc"));
	EXPECT_FALSE(parameq("a.b", "a-b"));
}

HTEST(double_dash_ends_parsing)
{
	EXPECT_INT_EQ(late("i=1 -- i=2 unknown"), 0);
	EXPECT_INT_EQ(v_int, 1);
	EXPECT_STR_EQ(host_log, "");
	EXPECT_INT_EQ(late("--"), 0);
	EXPECT_INT_EQ(late("i=3 --x"), 1);		/* only "--" itself */
	EXPECT_INT_EQ(late("\"--\" i=4"), 1);
	EXPECT_INT_EQ(v_int, 4);
}

HTEST(empty_and_blank_lines)
{
	EXPECT_INT_EQ(late(""), 0);
	EXPECT_INT_EQ(late(" \t \n\r  "), 0);
	EXPECT_INT_EQ(late(NULL), 0);
	EXPECT_INT_EQ(early(NULL), 0);
	EXPECT_INT_EQ(host_log_count, 0);
	EXPECT_INT_EQ(late("\ti=5\t\tu=6\n"), 0);
	EXPECT_INT_EQ(v_int, 5);
	EXPECT_UINT_EQ(v_uint, 6);
}

HTEST(misdeclared_param_is_refused)
{
	EXPECT_INT_EQ(late("broken=1"), 1);
	EXPECT_STR_EQ(v_str, "init");
	EXPECT_STR_CONTAINS(host_log, "'broken' is declared wrongly");
}

HTEST(ten_thousand_char_lines)
{
	size_t n = 10000, i;
	char *line = malloc(n + 1);
	int errors;

	ASSERT_TRUE(line);

	/* 2500 short words: all applied, nothing reported */
	for (i = 0; i + 4 <= n; i += 4)
		memcpy(line + i, "i=7 ", 4);
	line[n] = '\0';
	EXPECT_INT_EQ(late(line), 0);
	EXPECT_INT_EQ(v_int, 7);

	/* one 9995-char word then a valid one: skipped, reported once */
	memcpy(line, "s=", 2);
	memset(line + 2, 'x', n - 2);
	memcpy(line + n - 5, " i=9", 5);
	EXPECT_INT_EQ(early(line), 0);
	EXPECT_INT_EQ(late(line), 1);
	EXPECT_INT_EQ(v_int, 9);
	EXPECT_STR_EQ(v_str, "init");
	EXPECT_STR_CONTAINS(host_log, "too long (9995 chars)");

	/* a value that fits the word buffer but not the string */
	memset(line + 2, 'y', 1500);
	line[1502] = '\0';
	EXPECT_INT_EQ(late(line), 1);
	EXPECT_STR_EQ(v_str, "init");

	/* an unterminated quote at the start swallows everything */
	memset(line, ' ', n);
	line[0] = '"';
	line[n] = '\0';
	EXPECT_INT_EQ(late(line), 1);

	/* words just below and at the word-size limit */
	memset(line, 'z', n);
	line[COMMAND_LINE_SIZE - 1] = '\0';
	errors = late(line);
	EXPECT_INT_EQ(errors, 1);
	EXPECT_STR_CONTAINS(host_log, "Unknown kernel command line parameter");
	line[COMMAND_LINE_SIZE - 1] = 'z';
	line[COMMAND_LINE_SIZE] = '\0';
	EXPECT_INT_EQ(late(line), 1);
	EXPECT_STR_CONTAINS(host_log, "too long (2048 chars)");
	free(line);
}

/* ---- parameters that say which values are valid ---- */

HTEST(range_is_enforced_and_stated)
{
	EXPECT_INT_EQ(late("lvl=0"), 0);
	EXPECT_INT_EQ(v_lvl, 0);
	EXPECT_INT_EQ(late("lvl=8"), 0);
	EXPECT_INT_EQ(v_lvl, 8);
	EXPECT_STR_EQ(host_log, "");

	EXPECT_INT_EQ(late("lvl=99"), 1);
	EXPECT_INT_EQ(v_lvl, 7);			/* untouched */
	EXPECT_STR_EQ(host_log, "lvl: 99 is out of range 0-8\n");
	EXPECT_INT_EQ(host_log_last_level, 3);		/* KERN_ERR */
	EXPECT_INT_EQ(late("lvl=-1"), 1);
	EXPECT_STR_EQ(host_log, "lvl: -1 is out of range 0-8\n");
	EXPECT_INT_EQ(late("lvl=9"), 1);
	/* too big even for an int: still "out of range", of ours */
	EXPECT_INT_EQ(late("lvl=99999999999"), 1);
	EXPECT_STR_EQ(host_log, "lvl: 99999999999 is out of range 0-8\n");
	EXPECT_INT_EQ(late("lvl=abc"), 1);
	EXPECT_STR_EQ(host_log,
		      "Malformed value for parameter 'lvl': 'abc' (valid: 0-8)\n");
	EXPECT_INT_EQ(v_lvl, 7);

	/* an unsigned range that does not start at 0 */
	EXPECT_INT_EQ(late("ru=1 ru=4"), 0);
	EXPECT_UINT_EQ(v_ru, 4);
	EXPECT_INT_EQ(late("ru=0"), 1);
	EXPECT_STR_EQ(host_log, "ru: 0 is out of range 1-4\n");
	EXPECT_INT_EQ(late("ru=5"), 1);
	EXPECT_UINT_EQ(v_ru, 2);
}

HTEST(choices_are_enforced_and_listed)
{
	EXPECT_INT_EQ(late("mode=exit"), 0);
	EXPECT_STR_EQ(v_mode, "exit");
	EXPECT_INT_EQ(late("mode=foo"), 1);
	EXPECT_STR_EQ(v_mode, "init");
	EXPECT_STR_EQ(host_log, "Malformed value for parameter 'mode': 'foo' "
		      "(valid: one of halt, exit)\n");
	EXPECT_INT_EQ(late("mode=HALT"), 1);		/* exact match only */
	EXPECT_INT_EQ(late("mode"), 1);
	EXPECT_STR_EQ(host_log, "Parameter 'mode' needs a value (valid: one "
		      "of halt, exit)\n");
	EXPECT_INT_EQ(late("mode="), 1);
	EXPECT_STR_EQ(host_log, "Parameter 'mode' has an empty value (valid: "
		      "one of halt, exit)\n");

	/* a callback with choices is not even called with another value */
	EXPECT_INT_EQ(late("cbmode=x cbmode"), 2);
	EXPECT_INT_EQ(cb_calls, 0);
	EXPECT_INT_EQ(late("cbmode=halt"), 0);
	EXPECT_INT_EQ(cb_calls, 1);
	EXPECT_STR_EQ(cb_val, "halt");
}

HTEST(callbacks_state_what_is_valid)
{
	/* a flag: the callback refuses a value, the message says why */
	reset();
	cb_result = -EINVAL;
	EXPECT_INT_EQ(parse_args("flag=1", params, ARRAY_SIZE(params), false),
		      1);
	EXPECT_STR_EQ(host_log, "Malformed value for parameter 'flag': '1' "
		      "(valid: no value)\n");

	host_log_clear();
	cb_result = -ERANGE;
	EXPECT_INT_EQ(parse_args("cbr=7", params, ARRAY_SIZE(params), false),
		      1);
	EXPECT_STR_EQ(host_log, "cbr: 7 is out of range 1-3\n");

	/* a callback that said nothing about its values: no "(valid:" */
	host_log_clear();
	EXPECT_INT_EQ(parse_args("cb=7", params, ARRAY_SIZE(params), false),
		      1);
	EXPECT_STR_EQ(host_log, "cb: 7 is out of range\n");
	host_log_clear();
	cb_result = -E2BIG;
	EXPECT_INT_EQ(parse_args("cb=abcde", params, ARRAY_SIZE(params),
				 false), 1);
	EXPECT_STR_EQ(host_log,
		      "Value for parameter 'cb' is too long (5 chars)\n");
	host_log_clear();
	cb_result = -EINVAL;
	EXPECT_INT_EQ(parse_args("cb=", params, ARRAY_SIZE(params), false),
		      1);
	EXPECT_STR_EQ(host_log, "Parameter 'cb' has an empty value\n");
}

static const struct kernel_param *
find_param(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(params); i++)
		if (!strcmp(params[i].name, name))
			return &params[i];
	return NULL;
}

static const char *
describe(const char *name)
{
	static char buf[PARAM_VALID_MAX];

	param_describe_valid(find_param(name), buf, sizeof(buf));
	return buf;
}

HTEST(describe_valid_values)
{
	char small[8];

	EXPECT_STR_EQ(describe("lvl"), "0-8");
	EXPECT_STR_EQ(describe("ru"), "1-4");
	EXPECT_STR_EQ(describe("mode"), "one of halt, exit");
	EXPECT_STR_EQ(describe("cbmode"), "one of halt, exit");
	EXPECT_STR_EQ(describe("flag"), "no value");
	EXPECT_STR_EQ(describe("sz"), "a size such as 64M or 2G");
	/* v_str is 16 bytes: 15 characters and the NUL */
	EXPECT_STR_EQ(describe("s"), "text of at most 15 characters");
	EXPECT_STR_EQ(describe("cb"), "");
	EXPECT_UINT_EQ(param_describe_valid(find_param("cb"), small,
					    sizeof(small)), 0);

	/* a short buffer: cut, terminated, length of what was written */
	EXPECT_UINT_EQ(param_describe_valid(find_param("mode"), small,
					    sizeof(small)), 7);
	EXPECT_STR_EQ(small, "one of ");
	EXPECT_UINT_EQ(param_describe_valid(find_param("mode"), small, 0), 0);
}

/* ---- registration through the "kparams" linker section ---- */

static int reg_int = 1;
static bool reg_flag;
static char reg_name[8] = "none";
static u64 reg_size;
static int reg_early_calls, reg_late_calls;

static int
reg_early_set(const char *val)
{
	(void)val;
	reg_early_calls++;
	return 0;
}

static int
reg_late_set(const char *val)
{
	(void)val;
	reg_late_calls++;
	return 0;
}

core_param("test.reg_int", reg_int, PARAM_INT, "a registered int");
core_param("test.reg_name", reg_name, PARAM_STRING, "a registered string");
early_param_var("test.reg_flag", reg_flag, PARAM_BOOL, "an early bool");
early_param_var("test.reg_size", reg_size, PARAM_SIZE, "an early size");
early_param("test.reg_early", reg_early_set);
param_cb("test.reg_late", reg_late_set, "a late callback");

static char reg_list[16] = "unset";
core_param_list("test.reg_list", reg_list, "a registered list",
		"names separated by commas");

static int reg_level = 3;
static char reg_choice[8];
static const char *const reg_choices[] = { "on", "off", NULL };
early_param_range("test.reg_level", reg_level, PARAM_INT, 1, 5,
		  "an early ranged int");
core_param_choice("test.reg_choice", reg_choice, reg_choices,
		  "a late string with choices");
early_param_desc("test.reg_flag2", reg_early_set, "no value");

HTEST(registered_params_state_what_is_valid)
{
	host_log_clear();
	EXPECT_INT_EQ(parse_early_params("test.reg_level=6 test.reg_flag2"), 1);
	EXPECT_INT_EQ(reg_level, 3);
	EXPECT_STR_CONTAINS(host_log, "test.reg_level: 6 is out of range 1-5\n");
	EXPECT_INT_EQ(parse_early_params("test.reg_level=5"), 0);
	EXPECT_INT_EQ(reg_level, 5);

	host_log_clear();
	EXPECT_INT_EQ(parse_late_params("test.reg_choice=maybe"), 1);
	EXPECT_STR_EQ(reg_choice, "");
	EXPECT_STR_CONTAINS(host_log, "'test.reg_choice': 'maybe' (valid: one "
			    "of on, off)\n");
	EXPECT_INT_EQ(parse_late_params("test.reg_choice=off"), 0);
	EXPECT_STR_EQ(reg_choice, "off");
}

HTEST(linker_section_registration)
{
	const char *line = "test.reg-int=5 test.reg_name=abc test.reg_flag "
			   "test.reg_size=1M test.reg_early test.reg_late "
			   "nosuch";

	host_log_clear();
	EXPECT_INT_EQ(parse_early_params(line), 0);
	EXPECT_TRUE(reg_flag);
	EXPECT_UINT_EQ(reg_size, 1 << 20);
	EXPECT_INT_EQ(reg_early_calls, 1);
	EXPECT_INT_EQ(reg_int, 1);
	EXPECT_INT_EQ(reg_late_calls, 0);

	EXPECT_INT_EQ(parse_late_params(line), 1);
	EXPECT_INT_EQ(reg_int, 5);
	EXPECT_STR_EQ(reg_name, "abc");
	EXPECT_INT_EQ(reg_late_calls, 1);
	EXPECT_INT_EQ(reg_early_calls, 1);
	EXPECT_STR_CONTAINS(host_log, "parameter \"nosuch\"");

	EXPECT_INT_EQ(parse_late_params("test.reg_name=toolong!"), 1);
	EXPECT_STR_EQ(reg_name, "abc");

	/* A list (ktest=, mm_report=) refuses an empty value, and says so. */
	host_log_clear();
	EXPECT_INT_EQ(parse_late_params("test.reg_list=a,b"), 0);
	EXPECT_STR_EQ(reg_list, "a,b");
	EXPECT_INT_EQ(parse_late_params("test.reg_list="), 1);
	EXPECT_STR_EQ(reg_list, "a,b");
	EXPECT_STR_EQ(host_log, "Parameter 'test.reg_list' has an empty value "
				"(valid: names separated by commas)\n");
	/* An ordinary string takes an empty value. */
	EXPECT_INT_EQ(parse_late_params("test.reg_name="), 0);
	EXPECT_STR_EQ(reg_name, "");
}

HTEST(help_lists_registered_params)
{
	host_log_clear();
	params_print_help();
	EXPECT_INT_EQ(host_log_count, 11);	/* a header and ten params */
	EXPECT_STR_CONTAINS(host_log, "test.reg_int");
	EXPECT_STR_CONTAINS(host_log, "a registered string");
	EXPECT_STR_CONTAINS(host_log, "test.reg_size");
	EXPECT_STR_CONTAINS(host_log, "(early)");
	EXPECT_STR_CONTAINS(host_log, "callback");
	EXPECT_STR_CONTAINS(host_log, "an early ranged int (early); valid: 1-5\n");
	EXPECT_STR_CONTAINS(host_log, "; valid: one of on, off\n");
}

HTEST_MAIN(
	HTEST_CASE(bool_values),
	HTEST_CASE(numeric_types),
	HTEST_CASE(string_values),
	HTEST_CASE(callbacks),
	HTEST_CASE(quoting),
	HTEST_CASE(unterminated_quote_runs_to_end),
	HTEST_CASE(unknown_is_reported_once),
	HTEST_CASE(names_match_exactly),
	HTEST_CASE(malformed_is_reported_and_harmless),
	HTEST_CASE(empty_value),
	HTEST_CASE(name_alone_needs_a_value),
	HTEST_CASE(early_and_late_passes),
	HTEST_CASE(dash_and_underscore_are_equal),
	HTEST_CASE(double_dash_ends_parsing),
	HTEST_CASE(empty_and_blank_lines),
	HTEST_CASE(misdeclared_param_is_refused),
	HTEST_CASE(ten_thousand_char_lines),
	HTEST_CASE(range_is_enforced_and_stated),
	HTEST_CASE(choices_are_enforced_and_listed),
	HTEST_CASE(callbacks_state_what_is_valid),
	HTEST_CASE(describe_valid_values),
	HTEST_CASE(control_characters_are_escaped),
	HTEST_CASE(linker_section_registration),
	HTEST_CASE(registered_params_state_what_is_valid),
	HTEST_CASE(help_lists_registered_params)
)
