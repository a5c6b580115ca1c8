/*
 * tests/host/test_kstrtox.c - host tests for lib/kstrtox.c.
 *
 * Teaches: the exact edges of strict number parsing: the largest value
 * that fits and the first that does not, prefixes, signs, suffixes, and
 * the junk a command line can contain. Linux counterpart:
 * lib/test-kstrtox.c.
 */
#include "kernel/errno.h"
#include "lib/kstrtox.h"
#include "lib/string.h"
#include "tests/host/htest.h"

#define SENTINEL	0x5a5a5a5aU

/* Expect success with the given value. */
#define OK_ULL(str, base, want)						\
	do {								\
		unsigned long long v_ = SENTINEL;			\
		EXPECT_INT_EQ(kstrtoull(str, base, &v_), 0);		\
		EXPECT_UINT_EQ(v_, want);				\
	} while (0)

/* Expect an error, with the result variable left alone. */
#define BAD_ULL(str, base, err)						\
	do {								\
		unsigned long long v_ = SENTINEL;			\
		EXPECT_INT_EQ(kstrtoull(str, base, &v_), err);		\
		EXPECT_UINT_EQ(v_, SENTINEL);				\
	} while (0)

#define OK_LL(str, base, want)						\
	do {								\
		long long v_ = SENTINEL;				\
		EXPECT_INT_EQ(kstrtoll(str, base, &v_), 0);		\
		EXPECT_INT_EQ(v_, want);				\
	} while (0)

#define BAD_LL(str, base, err)						\
	do {								\
		long long v_ = SENTINEL;				\
		EXPECT_INT_EQ(kstrtoll(str, base, &v_), err);		\
		EXPECT_INT_EQ(v_, SENTINEL);				\
	} while (0)

#define OK_SIZE(str, want)						\
	do {								\
		unsigned long long v_ = SENTINEL;			\
		EXPECT_INT_EQ(parse_size(str, &v_), 0);			\
		EXPECT_UINT_EQ(v_, want);				\
	} while (0)

#define BAD_SIZE(str, err)						\
	do {								\
		unsigned long long v_ = SENTINEL;			\
		EXPECT_INT_EQ(parse_size(str, &v_), err);		\
		EXPECT_UINT_EQ(v_, SENTINEL);				\
	} while (0)

HTEST(decimal)
{
	OK_ULL("0", 10, 0);
	OK_ULL("123", 10, 123);
	OK_ULL("+123", 10, 123);
	OK_ULL("007", 10, 7);		/* base 10: leading zeros are decimal */
	OK_ULL("123", 0, 123);
}

HTEST(base_auto_detection)
{
	OK_ULL("0x1f", 0, 31);
	OK_ULL("0X1F", 0, 31);
	OK_ULL("017", 0, 15);
	OK_ULL("0", 0, 0);
	BAD_ULL("08", 0, -EINVAL);	/* octal has no digit 8 */
	BAD_ULL("0x", 0, -EINVAL);
	BAD_ULL("0xg", 0, -EINVAL);
	OK_ULL("+0x10", 0, 16);
}

HTEST(explicit_bases)
{
	OK_ULL("1f", 16, 31);
	OK_ULL("0x1f", 16, 31);		/* the prefix is allowed in base 16 */
	OK_ULL("DeadBeef", 16, 0xdeadbeef);
	BAD_ULL("0x", 16, -EINVAL);
	OK_ULL("101", 2, 5);
	BAD_ULL("2", 2, -EINVAL);
	OK_ULL("777", 8, 511);
	BAD_ULL("0x10", 10, -EINVAL);
	BAD_ULL("z", 16, -EINVAL);
	BAD_ULL("1", 1, -EINVAL);
	BAD_ULL("1", 17, -EINVAL);
	BAD_ULL("1", 36, -EINVAL);
}

HTEST(unsigned_overflow_at_2_pow_64)
{
	OK_ULL("18446744073709551615", 10, ~0ULL);
	BAD_ULL("18446744073709551616", 10, -ERANGE);
	BAD_ULL("18446744073709551620", 10, -ERANGE);
	BAD_ULL("99999999999999999999999999", 10, -ERANGE);
	OK_ULL("0xffffffffffffffff", 0, ~0ULL);
	BAD_ULL("0x10000000000000000", 0, -ERANGE);
	OK_ULL("1777777777777777777777", 8, ~0ULL);
	BAD_ULL("2000000000000000000000", 8, -ERANGE);
	OK_ULL("1111111111111111111111111111111111111111111111111111111111111111",
	       2, ~0ULL);
	BAD_ULL("10000000000000000000000000000000000000000000000000000000000000000",
		2, -ERANGE);
}

HTEST(trailing_characters)
{
	OK_ULL("12\n", 10, 12);		/* one newline, as from a file write */
	BAD_ULL("12\n\n", 10, -EINVAL);
	BAD_ULL("12 ", 10, -EINVAL);
	BAD_ULL(" 12", 10, -EINVAL);
	BAD_ULL("12a", 10, -EINVAL);
	BAD_ULL("1_000", 10, -EINVAL);
	BAD_ULL("1.5", 10, -EINVAL);
	BAD_ULL("12\n3", 10, -EINVAL);
}

HTEST(empty_and_signs)
{
	BAD_ULL("", 10, -EINVAL);
	BAD_ULL("\n", 10, -EINVAL);
	BAD_ULL("+", 10, -EINVAL);
	BAD_ULL("-1", 10, -EINVAL);
	BAD_ULL("++1", 10, -EINVAL);
	BAD_ULL(NULL, 10, -EINVAL);
}

HTEST(signed_limits)
{
	OK_LL("9223372036854775807", 10, __LONG_LONG_MAX__);
	BAD_LL("9223372036854775808", 10, -ERANGE);
	OK_LL("-9223372036854775808", 10, -__LONG_LONG_MAX__ - 1);
	BAD_LL("-9223372036854775809", 10, -ERANGE);
	BAD_LL("-18446744073709551616", 10, -ERANGE);
	OK_LL("-0", 10, 0);
	OK_LL("-1", 10, -1);
	OK_LL("+5", 10, 5);
	OK_LL("-0x10", 0, -16);
	OK_LL("-1\n", 10, -1);
	BAD_LL("-", 10, -EINVAL);
	BAD_LL("--1", 10, -EINVAL);
	BAD_LL("-+1", 10, -EINVAL);
	BAD_LL("+-1", 10, -EINVAL);
	BAD_LL("- 1", 10, -EINVAL);
}

HTEST(int_and_uint)
{
	int i = 1;
	unsigned int u = 1;

	EXPECT_INT_EQ(kstrtoint("2147483647", 10, &i), 0);
	EXPECT_INT_EQ(i, __INT_MAX__);
	EXPECT_INT_EQ(kstrtoint("-2147483648", 10, &i), 0);
	EXPECT_INT_EQ(i, -__INT_MAX__ - 1);
	EXPECT_INT_EQ(kstrtoint("2147483648", 10, &i), -ERANGE);
	EXPECT_INT_EQ(kstrtoint("-2147483649", 10, &i), -ERANGE);
	EXPECT_INT_EQ(kstrtoint("abc", 10, &i), -EINVAL);
	EXPECT_INT_EQ(i, -__INT_MAX__ - 1);	/* unchanged by failures */

	EXPECT_INT_EQ(kstrtouint("4294967295", 10, &u), 0);
	EXPECT_UINT_EQ(u, 0xffffffffu);
	EXPECT_INT_EQ(kstrtouint("4294967296", 10, &u), -ERANGE);
	EXPECT_INT_EQ(kstrtouint("-1", 10, &u), -EINVAL);
	EXPECT_INT_EQ(kstrtouint("0x80000000", 0, &u), 0);
	EXPECT_UINT_EQ(u, 0x80000000u);
}

HTEST(long_and_ulong)
{
	long l = 0;
	unsigned long ul = 0;

	EXPECT_INT_EQ(kstrtol("-9223372036854775808", 10, &l), 0);
	EXPECT_INT_EQ(l, -__LONG_MAX__ - 1);
	EXPECT_INT_EQ(kstrtol("9223372036854775808", 10, &l), -ERANGE);
	EXPECT_INT_EQ(kstrtoul("18446744073709551615", 10, &ul), 0);
	EXPECT_UINT_EQ(ul, ~0UL);
	EXPECT_INT_EQ(kstrtoul("18446744073709551616", 10, &ul), -ERANGE);
	EXPECT_INT_EQ(kstrtoul("-5", 10, &ul), -EINVAL);
}

HTEST(booleans)
{
	static const char *const yes[] = {
		"1", "y", "Y", "yes", "YES", "on", "On", "true", "TRUE", "y\n",
	};
	static const char *const no[] = {
		"0", "n", "N", "no", "off", "OFF", "false", "False", "0\n",
	};
	static const char *const junk[] = {
		"", "2", "o", "yellow", "onn", "of", "truee", " y", "y ",
		"1\n\n", "-1", "\n",
	};
	size_t i;
	bool b;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		b = false;
		EXPECT_INT_EQ(kstrtobool(yes[i], &b), 0);
		EXPECT_TRUE(b);
	}
	for (i = 0; i < ARRAY_SIZE(no); i++) {
		b = true;
		EXPECT_INT_EQ(kstrtobool(no[i], &b), 0);
		EXPECT_FALSE(b);
	}
	for (i = 0; i < ARRAY_SIZE(junk); i++) {
		b = true;
		EXPECT_INT_EQ(kstrtobool(junk[i], &b), -EINVAL);
		EXPECT_TRUE(b);
	}
	EXPECT_INT_EQ(kstrtobool(NULL, &b), -EINVAL);
}

HTEST(size_suffixes)
{
	OK_SIZE("0", 0);
	OK_SIZE("4096", 4096);
	OK_SIZE("4K", 4096);
	OK_SIZE("4k", 4096);
	OK_SIZE("16M", 16ULL << 20);
	OK_SIZE("16m", 16ULL << 20);
	OK_SIZE("2G", 2ULL << 30);
	OK_SIZE("2g", 2ULL << 30);
	OK_SIZE("1T", 1ULL << 40);
	OK_SIZE("1t", 1ULL << 40);
	OK_SIZE("0x1000", 0x1000);
	OK_SIZE("0x10K", 16 << 10);
	OK_SIZE("0K", 0);
	OK_SIZE("64M\n", 64ULL << 20);
	OK_SIZE("+1K", 1024);
}

HTEST(size_overflow)
{
	OK_SIZE("18446744073709551615", ~0ULL);
	BAD_SIZE("18446744073709551616", -ERANGE);
	OK_SIZE("17179869183G", 17179869183ULL << 30);
	BAD_SIZE("17179869184G", -ERANGE);	/* exactly 2^64 */
	OK_SIZE("16777215T", 16777215ULL << 40);
	BAD_SIZE("16777216T", -ERANGE);
	OK_SIZE("18014398509481983K", 18014398509481983ULL << 10);
	BAD_SIZE("18014398509481984K", -ERANGE);
	BAD_SIZE("99999999999999999999999M", -ERANGE);
}

HTEST(size_garbage)
{
	BAD_SIZE("", -EINVAL);
	BAD_SIZE("K", -EINVAL);
	BAD_SIZE("4KB", -EINVAL);
	BAD_SIZE("4KK", -EINVAL);
	BAD_SIZE("4 K", -EINVAL);
	BAD_SIZE(" 4K", -EINVAL);
	BAD_SIZE("-4K", -EINVAL);
	BAD_SIZE("4X", -EINVAL);
	BAD_SIZE("4P", -EINVAL);
	BAD_SIZE("1e3", -EINVAL);
	BAD_SIZE("4K\n\n", -EINVAL);
	BAD_SIZE("0x", -EINVAL);
	BAD_SIZE(NULL, -EINVAL);
}

HTEST(hostile_inputs)
{
	static char s[10001];
	unsigned long long v;

	/* ten thousand zeros and a one: long, but a valid octal 1 */
	memset(s, '0', sizeof(s) - 1);
	s[sizeof(s) - 2] = '1';
	OK_ULL(s, 0, 1);
	OK_SIZE(s, 1);

	/* ten thousand nines: overflow, reported as such */
	memset(s, '9', sizeof(s) - 1);
	BAD_ULL(s, 10, -ERANGE);
	BAD_LL(s, 10, -ERANGE);
	BAD_SIZE(s, -ERANGE);

	EXPECT_INT_EQ(kstrtoull("\xff" "1", 10, &v), -EINVAL);
	EXPECT_INT_EQ(kstrtoull("1\xff", 10, &v), -EINVAL);
	EXPECT_INT_EQ(kstrtoull("\x01", 0, &v), -EINVAL);
	EXPECT_INT_EQ(parse_size("1\xcb", &v), -EINVAL);
	EXPECT_INT_EQ(kstrtoull("1\t", 10, &v), -EINVAL);
}

HTEST_MAIN(
	HTEST_CASE(decimal),
	HTEST_CASE(base_auto_detection),
	HTEST_CASE(explicit_bases),
	HTEST_CASE(unsigned_overflow_at_2_pow_64),
	HTEST_CASE(trailing_characters),
	HTEST_CASE(empty_and_signs),
	HTEST_CASE(signed_limits),
	HTEST_CASE(int_and_uint),
	HTEST_CASE(long_and_ulong),
	HTEST_CASE(booleans),
	HTEST_CASE(size_suffixes),
	HTEST_CASE(size_overflow),
	HTEST_CASE(size_garbage),
	HTEST_CASE(hostile_inputs)
)
