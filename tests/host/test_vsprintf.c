/*
 * tests/host/test_vsprintf.c - host tests for lib/vsprintf.c.
 *
 * Teaches: what every flag, width, precision and length modifier does,
 * and the return-value contract of snprintf() vs scnprintf() when the
 * buffer is too small. Linux counterpart: lib/test_printf.c.
 */
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "tests/host/htest.h"

/*
 * Format into a buffer surrounded by guard bytes, then check the text,
 * the return value, and that nothing was written outside the buffer.
 */
static __printf(4, 5) void
check_fmt(const char *file, int line, const char *expected,
	  const char *fmt, ...)
{
	char area[1024 + 2];
	char *buf = area + 1;
	va_list args;
	int n;

	memset(area, 0x5a, sizeof(area));
	va_start(args, fmt);
	n = vsnprintf(buf, sizeof(area) - 2, fmt, args);
	va_end(args);
	htest_check_str(file, line, fmt, buf, expected);
	htest_check_int(file, line, fmt, n,
			(long long)__builtin_strlen(expected));
	htest_check_int(file, line, "guard before", area[0], 0x5a);
	htest_check_int(file, line, "guard after", area[sizeof(area) - 1],
			0x5a);
}

#define CHECK(expected, fmt, ...)	\
	check_fmt(__FILE__, __LINE__, expected, fmt, ##__VA_ARGS__)

/*
 * Some cases use formats the compiler rightly warns about (conflicting
 * flags, unknown conversions, NULL for %s, absurd widths).
 */
#ifdef __clang__
#define ODD_FORMATS_MORE					\
	_Pragma("GCC diagnostic ignored \"-Wformat-invalid-specifier\"")
#else
#define ODD_FORMATS_MORE					\
	_Pragma("GCC diagnostic ignored \"-Wformat-overflow\"")
#endif
#define ODD_FORMATS_BEGIN					\
	_Pragma("GCC diagnostic push")				\
	_Pragma("GCC diagnostic ignored \"-Wformat\"")		\
	_Pragma("GCC diagnostic ignored \"-Wformat-extra-args\"")	\
	ODD_FORMATS_MORE
#define ODD_FORMATS_END	_Pragma("GCC diagnostic pop")

HTEST(plain_text_and_percent)
{
	CHECK("", "%s", "");
	CHECK("hello", "hello");
	CHECK("100%", "100%%");
	CHECK("%%", "%%%%");
	CHECK("a b", "%c %c", 'a', 'b');
}

HTEST(signed_decimal)
{
	CHECK("0", "%d", 0);
	CHECK("42", "%d", 42);
	CHECK("-42", "%i", -42);
	CHECK("2147483647", "%d", __INT_MAX__);
	CHECK("-2147483648", "%d", -__INT_MAX__ - 1);
	CHECK("-9223372036854775808", "%lld", -__LONG_LONG_MAX__ - 1);
	CHECK("9223372036854775807", "%lld", __LONG_LONG_MAX__);
	CHECK("-9223372036854775808", "%ld", -__LONG_MAX__ - 1);
}

HTEST(unsigned_bases)
{
	CHECK("4294967295", "%u", 0xffffffffu);
	CHECK("deadbeef", "%x", 0xdeadbeefu);
	CHECK("DEADBEEF", "%X", 0xdeadbeefu);
	CHECK("10", "%o", 8u);
	CHECK("0", "%x", 0u);
	CHECK("18446744073709551615", "%llu", ~0ULL);
	CHECK("ffffffffffffffff", "%llx", ~0ULL);
	CHECK("1777777777777777777777", "%llo", ~0ULL);
	CHECK("ffffffff", "%x", -1);
}

HTEST(length_modifiers)
{
ODD_FORMATS_BEGIN
	/* callers pass an int; hh and h must narrow it themselves */
	CHECK("-1", "%hhd", 255);
	CHECK("44", "%hhu", 300);
	CHECK("ff", "%hhx", -1);
	CHECK("-1", "%hd", 65535);
	CHECK("0", "%hu", 65536);
ODD_FORMATS_END
	CHECK("ffffffffffffffff", "%lx", ~0UL);
	CHECK("18446744073709551615", "%zu", (size_t)-1);
	CHECK("-1", "%zd", (ssize_t)-1);
	CHECK("-5", "%td", (ptrdiff_t)-5);
	CHECK("-9223372036854775808", "%jd", (intmax_t)(-__LONG_LONG_MAX__ - 1));
	CHECK("18446744073709551615", "%ju", (uintmax_t)~0ULL);
	CHECK("0x0000000000001234", "%#018Lx", 0x1234ULL);
ODD_FORMATS_BEGIN
	CHECK("7", "%Zu", (size_t)7);	/* old Linux spelling of %zu */
ODD_FORMATS_END
}

HTEST(width_and_left_justify)
{
	CHECK("   42", "%5d", 42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("  -42", "%5d", -42);
	CHECK("-42  |", "%-5d|", -42);
	CHECK(" -2147483648", "%12d", -__INT_MAX__ - 1);
	CHECK("123456", "%3d", 123456);
	CHECK("ab   |", "%-5s|", "ab");
	CHECK("   ab|", "%5s|", "ab");
	CHECK("abcdef|", "%-5s|", "abcdef");
	CHECK("  x|", "%3c|", 'x');
	CHECK("x  |", "%-3c|", 'x');
}

HTEST(zero_padding)
{
	CHECK("00042", "%05d", 42);
	CHECK("-0042", "%05d", -42);
	CHECK("-02147483648", "%012d", -__INT_MAX__ - 1);
	CHECK("0000beef", "%08x", 0xbeefu);
	CHECK("+0042", "%+05d", 42);
	CHECK(" 0042", "% 05d", 42);
}

HTEST(sign_flags)
{
	CHECK("+42", "%+d", 42);
	CHECK("-42", "%+d", -42);
	CHECK("+0", "%+d", 0);
	CHECK(" 42", "% d", 42);
	CHECK("-42", "% d", -42);
	CHECK("  +42", "%+5d", 42);
	CHECK("+42  |", "%-+5d|", 42);
}

HTEST(odd_flag_combinations)
{
ODD_FORMATS_BEGIN
	/* '+' and ' ' apply to signed conversions only */
	CHECK("42", "%+u", 42u);
	CHECK("2a", "% x", 42u);
	/* '+' beats ' ', '-' beats '0', a precision switches '0' off */
	CHECK("+42", "% +d", 42);
	CHECK("-42  |", "%-05d|", -42);
	CHECK("  007", "%05.3d", 7);
	CHECK("%42", "%%%d", 42);
ODD_FORMATS_END
}

HTEST(alternate_form)
{
	CHECK("0x1234", "%#x", 0x1234u);
	CHECK("0X1234", "%#X", 0x1234u);
	CHECK("010", "%#o", 8u);
	CHECK("0", "%#o", 0u);
	CHECK("0", "%#.0o", 0u);
	CHECK("0x0", "%#x", 0u);		/* as Linux, not C's "0" */
	CHECK("0x00001234", "%#010x", 0x1234u);
	CHECK("0X00001234", "%#010X", 0x1234u);
	CHECK("0x00001234", "%#010llx", 0x1234ULL);
	CHECK("0x00001234", "%#010Lx", 0x1234ULL);
	CHECK("0x0000000000000000", "%#018llx", 0ULL);
	CHECK("0x000000000009fbff", "%#018Lx", 0x9fbffULL);
	CHECK("    0x1234", "%#10x", 0x1234u);
	CHECK("0x1234    |", "%-#10x|", 0x1234u);
	CHECK("0x00001234", "%#.8x", 0x1234u);
	CHECK("0x123456789", "%#05llx", 0x123456789ULL);
	CHECK("00000010", "%#08o", 8u);
}

HTEST(precision)
{
	CHECK("007", "%.3d", 7);
	CHECK("-007", "%.3d", -7);
	CHECK("  007", "%5.3d", 7);
	CHECK("", "%.0d", 0);			/* C: no digits at all */
	CHECK("    ", "%4.0d", 0);
	CHECK("12345", "%.3d", 12345);
	CHECK("000000ff", "%.8x", 0xffu);
	CHECK("abc", "%.3s", "abcdef");
	CHECK("abc", "%.10s", "abc");
	CHECK("", "%.0s", "abc");
	CHECK("", "%.s", "abc");
	CHECK("   ab|", "%5.2s|", "abcdef");
	CHECK("ab   |", "%-5.2s|", "abcdef");
}

HTEST(star_width_and_precision)
{
	CHECK("   42", "%*d", 5, 42);
	CHECK("42   |", "%*d|", -5, 42);
	CHECK("42   |", "%-*d|", 5, 42);
	CHECK("ab", "%.*s", 2, "abc");
	CHECK("abc", "%.*s", -1, "abc");	/* negative precision: none */
	CHECK("00042", "%.*d", 5, 42);
	CHECK("42", "%.*d", -3, 42);
	CHECK("  007", "%*.*d", 5, 3, 7);
	CHECK("42 |", "%*d|", -3, 42);
}

HTEST(precision_does_not_read_past_it)
{
	/* not NUL-terminated: only %.Ns may read it */
	static const char raw[3] = { 'x', 'y', 'z' };

	CHECK("xyz", "%.3s", raw);
	CHECK("xy", "%.*s", 2, raw);
}

HTEST(null_string)
{
ODD_FORMATS_BEGIN
	CHECK("(null)", "%s", (char *)NULL);
	CHECK("(nu", "%.3s", (char *)NULL);
	CHECK("  (null)", "%8s", (char *)NULL);
ODD_FORMATS_END
}

HTEST(pointers)
{
	CHECK("0x0000000000001234", "%p", (void *)0x1234);
	CHECK("0x0000000000000000", "%p", NULL);
	CHECK("0xffffffffffffffff", "%p", (void *)~0UL);
	CHECK("0xffff800000abcdef", "%p", (void *)0xffff800000abcdefUL);
	CHECK("  0x0000000000000001|", "%20p|", (void *)1);
	CHECK("0x0000000000000001  |", "%-20p|", (void *)1);
}

HTEST(unknown_conversions_are_literal)
{
	int x = 7;

ODD_FORMATS_BEGIN
	CHECK("%y", "%y");
	CHECK("a%-5yb", "a%-5yb");
	CHECK("abc%", "abc%");
	CHECK("abc%5", "abc%5");
	CHECK("%ll", "%ll");
	/* %n must never write through an argument */
	CHECK("%n 7", "%n %d", x);
	CHECK("%k 1", "%k %d", 1);
	CHECK("0x0000000000000010S", "%pS", (void *)16);
ODD_FORMATS_END
	EXPECT_INT_EQ(x, 7);
}

HTEST(mixed_arguments)
{
	CHECK("name=pagoda n=-3 u=4000000000 p=0x00000000000000ff c=Z 0x1f",
	      "name=%s n=%d u=%lu p=%p c=%c %#x", "pagoda", -3,
	      4000000000UL, (void *)0xff, 'Z', 0x1fu);
	CHECK("[mem 0x0000000000000000-0x000000000009fbff] usable",
	      "[mem %#018Lx-%#018Lx] usable", 0ULL, 0x9fbffULL);
}

HTEST(truncation_returns_full_length)
{
	char buf[8];
	int n;

	memset(buf, 'X', sizeof(buf));
	n = snprintf(buf, 5, "hello world");
	EXPECT_INT_EQ(n, 11);
	EXPECT_STR_EQ(buf, "hell");
	EXPECT_INT_EQ(buf[5], 'X');	/* nothing past size */

	n = snprintf(buf, 1, "hello");
	EXPECT_INT_EQ(n, 5);
	EXPECT_STR_EQ(buf, "");

	/* exact fit and one short */
	n = snprintf(buf, 6, "hello");
	EXPECT_INT_EQ(n, 5);
	EXPECT_STR_EQ(buf, "hello");
	n = snprintf(buf, 5, "hello");
	EXPECT_INT_EQ(n, 5);
	EXPECT_STR_EQ(buf, "hell");

	/* truncation in the middle of a number and of padding */
	n = snprintf(buf, 4, "%d", -123456);
	EXPECT_INT_EQ(n, 7);
	EXPECT_STR_EQ(buf, "-12");
	n = snprintf(buf, 4, "%10d", 1);
	EXPECT_INT_EQ(n, 10);
	EXPECT_STR_EQ(buf, "   ");
}

HTEST(size_zero)
{
	char buf[4] = "abc";

	EXPECT_INT_EQ(snprintf(NULL, 0, "hello %d", 42), 8);
	EXPECT_INT_EQ(snprintf(buf, 0, "hello"), 5);
	EXPECT_STR_EQ(buf, "abc");		/* untouched */
	EXPECT_INT_EQ(scnprintf(NULL, 0, "hello"), 0);
	EXPECT_INT_EQ(scnprintf(buf, 0, "hello"), 0);
	EXPECT_STR_EQ(buf, "abc");
}

HTEST(huge_size_is_rejected)
{
	char buf[4] = "abc";

	/* a negative length converted to size_t: Linux refuses too */
	EXPECT_INT_EQ(snprintf(buf, (size_t)-1, "hello"), 0);
	EXPECT_STR_EQ(buf, "abc");
}

HTEST(scnprintf_returns_stored_length)
{
	char buf[16];
	size_t pos = 0;
	int i;

	EXPECT_INT_EQ(scnprintf(buf, sizeof(buf), "abc"), 3);
	EXPECT_INT_EQ(scnprintf(buf, 5, "hello world"), 4);
	EXPECT_STR_EQ(buf, "hell");
	EXPECT_INT_EQ(scnprintf(buf, 1, "hello"), 0);

	/* the append idiom never runs off the end */
	for (i = 0; i < 10; i++)
		pos += scnprintf(buf + pos, sizeof(buf) - pos, "%d,", i);
	EXPECT_UINT_EQ(pos, sizeof(buf) - 1);
	EXPECT_STR_EQ(buf, "0,1,2,3,4,5,6,7");
}

static int
call_vscnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

HTEST(vscnprintf_passes_arguments)
{
	char buf[8];

	EXPECT_INT_EQ(call_vscnprintf(buf, sizeof(buf), "%d-%s", 12, "ab"), 5);
	EXPECT_STR_EQ(buf, "12-ab");
	EXPECT_INT_EQ(call_vscnprintf(buf, 4, "%d-%s", 12, "ab"), 3);
	EXPECT_STR_EQ(buf, "12-");
}

HTEST(huge_width_is_bounded)
{
	char buf[16];
	int n;

ODD_FORMATS_BEGIN
	n = snprintf(buf, sizeof(buf), "%99999999999999d", 1);
ODD_FORMATS_END
	EXPECT_INT_EQ(n, 4096);
	EXPECT_STR_EQ(buf, "               ");
ODD_FORMATS_BEGIN
	n = snprintf(buf, sizeof(buf), "%.100000d", 1);
ODD_FORMATS_END
	EXPECT_INT_EQ(n, 4096);
	EXPECT_STR_EQ(buf, "000000000000000");
}

HTEST(long_string_argument)
{
	static char big[3000];
	char buf[64];

	memset(big, 'q', sizeof(big) - 1);
	EXPECT_INT_EQ(snprintf(buf, sizeof(buf), "<%s>", big), 3001);
	EXPECT_INT_EQ(buf[63], '\0');
	EXPECT_INT_EQ(buf[62], 'q');
	EXPECT_INT_EQ(buf[0], '<');
}

HTEST(char_nul_is_counted)
{
	char buf[8];

	EXPECT_INT_EQ(snprintf(buf, sizeof(buf), "a%cb", 0), 3);
	EXPECT_INT_EQ(buf[0], 'a');
	EXPECT_INT_EQ(buf[1], 0);
	EXPECT_INT_EQ(buf[2], 'b');
}

HTEST_MAIN(
	HTEST_CASE(plain_text_and_percent),
	HTEST_CASE(signed_decimal),
	HTEST_CASE(unsigned_bases),
	HTEST_CASE(length_modifiers),
	HTEST_CASE(width_and_left_justify),
	HTEST_CASE(zero_padding),
	HTEST_CASE(sign_flags),
	HTEST_CASE(odd_flag_combinations),
	HTEST_CASE(alternate_form),
	HTEST_CASE(precision),
	HTEST_CASE(star_width_and_precision),
	HTEST_CASE(precision_does_not_read_past_it),
	HTEST_CASE(null_string),
	HTEST_CASE(pointers),
	HTEST_CASE(unknown_conversions_are_literal),
	HTEST_CASE(mixed_arguments),
	HTEST_CASE(truncation_returns_full_length),
	HTEST_CASE(size_zero),
	HTEST_CASE(huge_size_is_rejected),
	HTEST_CASE(scnprintf_returns_stored_length),
	HTEST_CASE(vscnprintf_passes_arguments),
	HTEST_CASE(huge_width_is_bounded),
	HTEST_CASE(long_string_argument),
	HTEST_CASE(char_nul_is_counted)
)
