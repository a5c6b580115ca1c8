/*
 * tests/host/htest.h - a tiny unit-test framework for host tests.
 *
 * A test binary prints KTAP version 1 (the format of Linux's KUnit and
 * kselftests) on stdout and exits 0 only if every case passed:
 *
 *	KTAP version 1
 *	1..2
 *	# tests/host/test_foo.c:12: ret: expected 3, got 4
 *	not ok 1 foo_returns_three
 *	ok 2 foo_handles_null
 *
 * Usage:
 *
 *	HTEST(foo_returns_three)
 *	{
 *		EXPECT_INT_EQ(foo(), 3);
 *	}
 *	HTEST_MAIN(HTEST_CASE(foo_returns_three), ...)
 *
 * EXPECT_* record a failure and carry on; ASSERT_TRUE also returns from
 * the case. Cases are static functions, so -Wunused-function (an error
 * with -Werror) catches a case left out of HTEST_MAIN.
 *
 * It compares with __builtin_strcmp/__builtin_strstr, i.e. libc's, not
 * the kernel functions under test (see host_rename.h).
 * Linux counterpart: include/kunit/test.h, tools/testing/selftests/kselftest.h.
 */
#ifndef PAGODA_HTEST_H
#define PAGODA_HTEST_H

#include <stdio.h>

#include "kernel/compiler.h"
#include "kernel/types.h"

struct htest_case {
	const char *name;
	void (*fn)(void);
};

static int htest_case_failed;

/* Print s as a C string literal, escaping what a terminal would mangle. */
static inline void
htest_print_str(const char *s)
{
	size_t i;

	if (!s) {
		printf("NULL");
		return;
	}
	putchar('"');
	for (i = 0; s[i] && i < 400; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			printf("\\n");
		else if (c == '\t')
			printf("\\t");
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar('"');
	if (s[i])
		printf("...");
}

static inline void
htest_fail_begin(const char *file, int line, const char *expr)
{
	htest_case_failed = 1;
	printf("# %s:%d: %s: ", file, line, expr);
}

static inline void
htest_check_int(const char *file, int line, const char *expr,
		long long got, long long expected)
{
	if (got == expected)
		return;
	htest_fail_begin(file, line, expr);
	printf("expected %lld, got %lld\n", expected, got);
}

static inline void
htest_check_uint(const char *file, int line, const char *expr,
		 unsigned long long got, unsigned long long expected)
{
	if (got == expected)
		return;
	htest_fail_begin(file, line, expr);
	printf("expected %llu (%#llx), got %llu (%#llx)\n", expected,
	       expected, got, got);
}

static inline void
htest_check_str(const char *file, int line, const char *expr,
		const char *got, const char *expected)
{
	if (got == expected ||
	    (got && expected && !__builtin_strcmp(got, expected)))
		return;
	htest_fail_begin(file, line, expr);
	printf("expected ");
	htest_print_str(expected);
	printf(", got ");
	htest_print_str(got);
	putchar('\n');
}

static inline void
htest_check_contains(const char *file, int line, const char *expr,
		     const char *haystack, const char *needle, bool want)
{
	bool found = haystack && needle && __builtin_strstr(haystack, needle);

	if (found == want)
		return;
	htest_fail_begin(file, line, expr);
	printf("expected %s ", want ? "to contain" : "not to contain");
	htest_print_str(needle);
	printf(", got ");
	htest_print_str(haystack);
	putchar('\n');
}

#define EXPECT_TRUE(cond)						\
	do {								\
		if (!(cond)) {						\
			htest_fail_begin(__FILE__, __LINE__, #cond);	\
			printf("expected true, got false\n");		\
		}							\
	} while (0)

#define EXPECT_FALSE(cond)						\
	do {								\
		if (cond) {						\
			htest_fail_begin(__FILE__, __LINE__, #cond);	\
			printf("expected false, got true\n");		\
		}							\
	} while (0)

#define ASSERT_TRUE(cond)						\
	do {								\
		if (!(cond)) {						\
			htest_fail_begin(__FILE__, __LINE__, #cond);	\
			printf("expected true, got false (case aborted)\n"); \
			return;						\
		}							\
	} while (0)

/* Signed comparison (anything up to long long). */
#define EXPECT_INT_EQ(actual, expected)					\
	htest_check_int(__FILE__, __LINE__, #actual,			\
			(long long)(actual), (long long)(expected))

/* Unsigned comparison, printed in decimal and hex. */
#define EXPECT_UINT_EQ(actual, expected)				\
	htest_check_uint(__FILE__, __LINE__, #actual,			\
			 (unsigned long long)(actual),			\
			 (unsigned long long)(expected))

#define EXPECT_STR_EQ(actual, expected)					\
	htest_check_str(__FILE__, __LINE__, #actual, (actual), (expected))

#define EXPECT_STR_CONTAINS(haystack, needle)				\
	htest_check_contains(__FILE__, __LINE__, #haystack,		\
			     (haystack), (needle), true)

#define EXPECT_STR_NOT_CONTAINS(haystack, needle)			\
	htest_check_contains(__FILE__, __LINE__, #haystack,		\
			     (haystack), (needle), false)

#define HTEST(name)		static void name(void)
#define HTEST_CASE(name)	{ #name, name }

static inline int
htest_run(const struct htest_case *cases, size_t n)
{
	size_t i;
	int failed = 0;

	printf("KTAP version 1\n1..%zu\n", n);
	for (i = 0; i < n; i++) {
		/* flush first: if the case crashes, the log shows where */
		fflush(stdout);
		htest_case_failed = 0;
		cases[i].fn();
		printf("%sok %zu %s\n", htest_case_failed ? "not " : "",
		       i + 1, cases[i].name);
		failed += htest_case_failed;
	}
	fflush(stdout);
	return failed ? 1 : 0;
}

#define HTEST_MAIN(...)							\
	int main(void)							\
	{								\
		static const struct htest_case htest_cases[] = {	\
			__VA_ARGS__					\
		};							\
		return htest_run(htest_cases, ARRAY_SIZE(htest_cases));	\
	}

#endif /* PAGODA_HTEST_H */
