/*
 * lib/kstrtox.c - strict string to integer conversion.
 *
 * Teaches: parsing untrusted text (the command line, later /proc-style
 * files) must reject everything that is not exactly a number, and must
 * detect overflow *before* it happens: "res * base + digit" overflowing
 * would silently wrap. Contrast with C's strtoul(), which accepts
 * leading spaces and trailing junk and reports errors through errno.
 * Linux counterpart: lib/kstrtox.c (and memparse() in lib/cmdline.c).
 */
#include "kernel/compiler.h"
#include "kernel/errno.h"
#include "lib/kstrtox.h"

/* No <limits.h> in the kernel; GCC and clang predefine what we need. */
#define ULLONG_MAX_	(~0ULL)
#define LLONG_MAX_	__LONG_LONG_MAX__

static int
digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 16;	/* bigger than any base we accept */
}

/*
 * Settle the base and skip a "0x" prefix. For base 0, "0x" counts as a
 * prefix only if a hex digit follows, so "0x" alone parses as octal "0"
 * followed by junk.
 */
static const char *
fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0' && (s[1] | 0x20) == 'x' &&
		    digit_value(s[2]) < 16)
			*base = 16;
		else if (s[0] == '0')
			*base = 8;
		else
			*base = 10;
	}
	if (*base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	return s;
}

/*
 * Consume the longest run of digits valid in base. Returns how many
 * characters were consumed; *overflow tells whether the value stopped
 * fitting in 64 bits (digits are still consumed, so the caller can tell
 * "too big" from "junk").
 */
static size_t
parse_digits(const char *s, unsigned int base, unsigned long long *res,
	     bool *overflow)
{
	unsigned long long v = 0;
	size_t n = 0;
	int d;

	*overflow = false;
	while ((d = digit_value(s[n])) < (int)base) {
		/* would v * base + d exceed ULLONG_MAX? ask without doing it */
		if (v > (ULLONG_MAX_ - (unsigned int)d) / base)
			*overflow = true;
		else
			v = v * base + (unsigned int)d;
		n++;
	}
	*res = v;
	return n;
}

/* Everything after the digits: nothing, or exactly one newline. */
static bool
only_newline_left(const char *s)
{
	if (*s == '\n')
		s++;
	return *s == '\0';
}

/* The unsigned core, without the '+' (so "-+1" is rejected). */
static int
_kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v;
	bool overflow;
	size_t n;

	if (base == 1 || base > 16)
		return -EINVAL;
	s = fixup_radix(s, &base);
	n = parse_digits(s, base, &v, &overflow);
	if (overflow)
		return -ERANGE;
	if (n == 0 || !only_newline_left(s + n))
		return -EINVAL;
	*res = v;
	return 0;
}

int
kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (!s)
		return -EINVAL;
	if (s[0] == '+')
		s++;
	return _kstrtoull(s, base, res);
}

int
kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	int ret;

	if (!s)
		return -EINVAL;
	if (s[0] == '-') {
		ret = _kstrtoull(s + 1, base, &v);
		if (ret)
			return ret;
		/* the magnitude of LLONG_MIN is one more than LLONG_MAX */
		if (v > (unsigned long long)LLONG_MAX_ + 1)
			return -ERANGE;
		/* -(v - 1) - 1 never overflows, even for v == 2^63 */
		*res = v ? -(long long)(v - 1) - 1 : 0;
		return 0;
	}
	ret = kstrtoull(s, base, &v);
	if (ret)
		return ret;
	if (v > (unsigned long long)LLONG_MAX_)
		return -ERANGE;
	*res = (long long)v;
	return 0;
}

/*
 * The narrower types parse as 64 bits, then check the result fits: the
 * value survives a round trip through the narrow type only if it is in
 * its range.  One template, four parsers (kstrtoul, kstrtol, kstrtouint,
 * kstrtoint), so the rule is written once.
 */
#define DEFINE_KSTRTO_NARROW(name, type, wide_type, parse_wide)	\
int								\
name(const char *s, unsigned int base, type *res)		\
{								\
	wide_type v;						\
	int ret = parse_wide(s, base, &v);			\
								\
	if (ret)						\
		return ret;					\
	if (v != (type)v)					\
		return -ERANGE;					\
	*res = (type)v;						\
	return 0;						\
}

DEFINE_KSTRTO_NARROW(kstrtoul, unsigned long, unsigned long long, kstrtoull)
DEFINE_KSTRTO_NARROW(kstrtol, long, long long, kstrtoll)
DEFINE_KSTRTO_NARROW(kstrtouint, unsigned int, unsigned long long, kstrtoull)
DEFINE_KSTRTO_NARROW(kstrtoint, int, long long, kstrtoll)

/* Case-insensitive "s is word", allowing one trailing '\n'. */
static bool
word_is(const char *s, const char *word)
{
	for (; *word; s++, word++) {
		char c = *s;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != *word)
			return false;
	}
	return only_newline_left(s);
}

/*
 * Stricter than Linux's kstrtobool(), which looks only at the first
 * character or two (so "yellow" is true there): a typo in a boolean
 * parameter should be reported, not guessed.
 */
int
kstrtobool(const char *s, bool *res)
{
	static const char *const yes[] = { "1", "y", "yes", "on", "true" };
	static const char *const no[] = { "0", "n", "no", "off", "false" };
	size_t i;

	if (!s)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (word_is(s, yes[i])) {
			*res = true;
			return 0;
		}
		if (word_is(s, no[i])) {
			*res = false;
			return 0;
		}
	}
	return -EINVAL;
}

int
parse_size(const char *s, unsigned long long *res)
{
	unsigned int base = 0, shift = 0;
	unsigned long long v;
	bool overflow;
	size_t n;

	if (!s)
		return -EINVAL;
	if (s[0] == '+')
		s++;
	s = fixup_radix(s, &base);
	n = parse_digits(s, base, &v, &overflow);
	if (overflow)
		return -ERANGE;
	if (n == 0)
		return -EINVAL;
	s += n;

	switch (*s) {
	case 'T': case 't':
		shift = 40;
		break;
	case 'G': case 'g':
		shift = 30;
		break;
	case 'M': case 'm':
		shift = 20;
		break;
	case 'K': case 'k':
		shift = 10;
		break;
	}
	if (shift)
		s++;
	if (!only_newline_left(s))
		return -EINVAL;
	/* shifting would lose high bits: the size does not fit in 64 bits */
	if (v > (ULLONG_MAX_ >> shift))
		return -ERANGE;
	*res = v << shift;
	return 0;
}
