/*
 * lib/vsprintf.c - printf-style formatting without a libc.
 *
 * Teaches: how a conversion is parsed (%[flags][width][.precision][length]
 * conversion), why va_arg() must fetch exactly the promoted type the
 * caller passed, and how snprintf() keeps counting past the end of the
 * buffer so it can tell the caller how big the buffer should have been.
 * There is no floating point: kernel code must not touch FPU/SSE state
 * (the kernel is built with -mno-sse -mno-80387).
 * Linux counterpart: lib/vsprintf.c.
 *
 * Deliberate choices, where C and Linux differ or leave things open:
 *  - "%#x" of 0 prints "0x0", as Linux does (C prints "0"), so that
 *    "%#018llx" address columns keep their prefix even for address 0.
 *  - "%.0d" of 0 prints nothing, as C says (Linux prints "0").
 *  - "%p" is "0x" plus 16 lowercase hex digits: no pointer hashing, no
 *    "%pS"-style extensions (a letter after %p is printed as text).
 *  - An unknown conversion (including "%n") is copied to the output as
 *    written; it never consumes an argument, so it cannot crash.
 *  - Widths and integer precisions are capped at FIELD_MAX, so a stray
 *    "%999999999d" costs a bounded amount of work.
 */
#include "lib/string.h"
#include "lib/vsprintf.h"

#define FIELD_MAX	4096

enum {
	F_LEFT		= 1 << 0,	/* '-': pad on the right */
	F_PLUS		= 1 << 1,	/* '+': always print a sign */
	F_SPACE		= 1 << 2,	/* ' ': a space where '+' would go */
	F_ZEROPAD	= 1 << 3,	/* '0': pad with zeros, not spaces */
	F_SPECIAL	= 1 << 4,	/* '#': "0x" / "0X" / leading '0' */
	F_SIGNED	= 1 << 5,	/* %d, %i */
	F_UPPER		= 1 << 6,	/* %X */
};

/* The length modifier says which type va_arg() must fetch. */
enum length {
	LEN_NONE,	/* int */
	LEN_HH,		/* char, promoted to int */
	LEN_H,		/* short, promoted to int */
	LEN_L,		/* long */
	LEN_LL,		/* long long ('L' is accepted as a synonym) */
	LEN_Z,		/* size_t */
	LEN_T,		/* ptrdiff_t */
	LEN_J,		/* intmax_t */
};

struct printf_spec {
	unsigned int flags;
	int width;		/* minimum field width, 0 if none */
	int precision;		/* -1 if none */
	unsigned int base;
	enum length length;
};

/*
 * Where the output goes. len counts every character produced, stored or
 * not: that count is snprintf()'s return value.
 */
struct outbuf {
	char *buf;
	size_t size;
	size_t len;
};

static void
emit(struct outbuf *out, char c)
{
	/* Keep the last byte for the NUL; past it we only count. */
	if (out->len + 1 < out->size)
		out->buf[out->len] = c;
	out->len++;
}

static void
emit_repeat(struct outbuf *out, char c, int n)
{
	while (n-- > 0)
		emit(out, c);
}

static void
emit_mem(struct outbuf *out, const char *s, size_t n)
{
	while (n--)
		emit(out, *s++);
}

/* Text conversions (%s %c %p): pad with spaces to the field width. */
static void
emit_padded(struct outbuf *out, const char *s, size_t n,
	    const struct printf_spec *spec)
{
	int pad = 0;

	if (n < (size_t)spec->width)
		pad = spec->width - (int)n;
	if (!(spec->flags & F_LEFT))
		emit_repeat(out, ' ', pad);
	emit_mem(out, s, n);
	if (spec->flags & F_LEFT)
		emit_repeat(out, ' ', pad);
}

/*
 * Print a magnitude with its sign. The layout of a field is
 *
 *	[spaces] [sign] [0x prefix] [zeros] digits [spaces if '-']
 *
 * Zeros come from the precision (minimum number of digits) or, when
 * there is no precision, from the '0' flag filling the width: that is why
 * "%#010x" gives "0x00001234", the prefix counting inside the width.
 */
static void
emit_number(struct outbuf *out, unsigned long long num, bool negative,
	    const struct printf_spec *spec)
{
	const char *digit_set = (spec->flags & F_UPPER) ? "0123456789ABCDEF"
							: "0123456789abcdef";
	char digits[24];	/* 2^64 needs 22 octal digits */
	int ndigits = 0;
	int precision = min(spec->precision, FIELD_MAX);
	char sign = 0;
	const char *prefix = "";
	int prefix_len = 0;
	int zeros, pad, len;

	while (num) {
		digits[ndigits++] = digit_set[num % spec->base];
		num /= spec->base;
	}
	/* Zero prints as "0", except that C says "%.0d" of 0 is empty. */
	if (ndigits == 0 && precision != 0)
		digits[ndigits++] = '0';

	if (negative)
		sign = '-';
	else if ((spec->flags & F_SIGNED) && (spec->flags & F_PLUS))
		sign = '+';
	else if ((spec->flags & F_SIGNED) && (spec->flags & F_SPACE))
		sign = ' ';

	zeros = precision > ndigits ? precision - ndigits : 0;
	if ((spec->flags & F_SPECIAL) && spec->base == 16 && ndigits) {
		prefix = (spec->flags & F_UPPER) ? "0X" : "0x";
		prefix_len = 2;
	}
	/* '#' with octal: make sure the first digit printed is a 0 */
	if ((spec->flags & F_SPECIAL) && spec->base == 8 && zeros == 0 &&
	    (ndigits == 0 || digits[ndigits - 1] != '0'))
		zeros = 1;

	len = (sign ? 1 : 0) + prefix_len + zeros + ndigits;
	pad = spec->width > len ? spec->width - len : 0;
	/* '-' beats '0', and an explicit precision switches '0' off */
	if ((spec->flags & F_ZEROPAD) && !(spec->flags & F_LEFT) &&
	    spec->precision < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!(spec->flags & F_LEFT))
		emit_repeat(out, ' ', pad);
	if (sign)
		emit(out, sign);
	emit_mem(out, prefix, (size_t)prefix_len);
	emit_repeat(out, '0', zeros);
	while (ndigits)
		emit(out, digits[--ndigits]);
	if (spec->flags & F_LEFT)
		emit_repeat(out, ' ', pad);
}

/*
 * Arguments narrower than int arrive promoted to int, so "%hhx" must
 * fetch an int and then narrow it itself.
 */
static long long
fetch_signed(va_list *ap, enum length length)
{
	switch (length) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
		return va_arg(*ap, ssize_t);
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long
fetch_unsigned(va_list *ap, enum length length)
{
	switch (length) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:
		return (unsigned long long)va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* Read a decimal width or precision, saturating instead of overflowing. */
static int
parse_decimal(const char **fmtp)
{
	const char *s = *fmtp;
	int v = 0;

	for (; *s >= '0' && *s <= '9'; s++) {
		if (v <= (__INT_MAX__ - 9) / 10)
			v = v * 10 + (*s - '0');
		else
			v = __INT_MAX__;
	}
	*fmtp = s;
	return v;
}

/* "0x" and exactly 16 hex digits, so pointers line up in columns. */
static void
emit_pointer(struct outbuf *out, const void *ptr,
	     const struct printf_spec *spec)
{
	uintptr_t v = (uintptr_t)ptr;
	char tmp[2 + 16];
	int i;

	tmp[0] = '0';
	tmp[1] = 'x';
	for (i = 17; i >= 2; i--) {
		tmp[i] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	}
	emit_padded(out, tmp, sizeof(tmp), spec);
}

int
vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct outbuf out = { .buf = buf, .size = buf ? size : 0, .len = 0 };
	va_list ap;

	/* A "negative" size is a caller bug (Linux WARNs): write nothing. */
	if (size > (size_t)__INT_MAX__)
		return 0;
	if (!fmt)
		fmt = "";

	/*
	 * Work on a copy: on x86-64 va_list is an array type, so only a
	 * local va_list can safely be passed on by address.
	 */
	va_copy(ap, args);
	while (*fmt) {
		struct printf_spec spec = { .precision = -1, .base = 10 };
		const char *start = fmt;

		if (*fmt != '%') {
			emit(&out, *fmt++);
			continue;
		}
		fmt++;

		/* flags, in any order */
		for (;; fmt++) {
			switch (*fmt) {
			case '-':
				spec.flags |= F_LEFT;
				continue;
			case '+':
				spec.flags |= F_PLUS;
				continue;
			case ' ':
				spec.flags |= F_SPACE;
				continue;
			case '0':
				spec.flags |= F_ZEROPAD;
				continue;
			case '#':
				spec.flags |= F_SPECIAL;
				continue;
			}
			break;
		}

		/* width: a negative '*' argument means '-' flag */
		if (*fmt == '*') {
			int w = va_arg(ap, int);

			fmt++;
			if (w < 0) {
				spec.flags |= F_LEFT;
				w = w < -FIELD_MAX ? FIELD_MAX : -w;
			}
			spec.width = min(w, FIELD_MAX);
		} else {
			/* not min(parse_decimal(), ...): min() evaluates twice */
			int w = parse_decimal(&fmt);

			spec.width = min(w, FIELD_MAX);
		}

		/* precision: "." alone means 0, a negative '*' means none */
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				int p = va_arg(ap, int);

				fmt++;
				spec.precision = p < 0 ? -1 : p;
			} else {
				spec.precision = parse_decimal(&fmt);
			}
		}

		switch (*fmt) {
		case 'h':
			fmt++;
			spec.length = LEN_H;
			if (*fmt == 'h') {
				fmt++;
				spec.length = LEN_HH;
			}
			break;
		case 'l':
			fmt++;
			spec.length = LEN_L;
			if (*fmt == 'l') {
				fmt++;
				spec.length = LEN_LL;
			}
			break;
		case 'L':
			fmt++;
			spec.length = LEN_LL;
			break;
		case 'z':
		case 'Z':
			fmt++;
			spec.length = LEN_Z;
			break;
		case 't':
			fmt++;
			spec.length = LEN_T;
			break;
		case 'j':
			fmt++;
			spec.length = LEN_J;
			break;
		}

		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = fetch_signed(&ap, spec.length);
			/* negate in unsigned arithmetic: LLONG_MIN is fine */
			unsigned long long mag = (unsigned long long)v;

			if (v < 0)
				mag = 0ULL - mag;

			spec.flags |= F_SIGNED;
			emit_number(&out, mag, v < 0, &spec);
			break;
		}
		case 'u':
			emit_number(&out, fetch_unsigned(&ap, spec.length),
				    false, &spec);
			break;
		case 'X':
			spec.flags |= F_UPPER;
			/* fall through */
		case 'x':
			spec.base = 16;
			emit_number(&out, fetch_unsigned(&ap, spec.length),
				    false, &spec);
			break;
		case 'o':
			spec.base = 8;
			emit_number(&out, fetch_unsigned(&ap, spec.length),
				    false, &spec);
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);

			emit_padded(&out, &c, 1, &spec);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			size_t n;

			if (!s)
				s = "(null)";
			/* with a precision, s may lack a NUL: don't look */
			if (spec.precision < 0)
				n = strlen(s);
			else
				n = strnlen(s, (size_t)spec.precision);
			emit_padded(&out, s, n, &spec);
			break;
		}
		case 'p':
			emit_pointer(&out, va_arg(ap, void *), &spec);
			break;
		case '%':
			emit(&out, '%');
			break;
		case '\0':
			/* the format ends inside a conversion: print it */
			emit_mem(&out, start, (size_t)(fmt - start));
			goto done;
		default:
			/* unknown conversion: print it as written */
			emit_mem(&out, start, (size_t)(fmt - start) + 1);
			break;
		}
		fmt++;
	}
done:
	va_end(ap);

	if (out.size)
		out.buf[min(out.len, out.size - 1)] = '\0';
	return out.len > (size_t)__INT_MAX__ ? __INT_MAX__ : (int)out.len;
}

int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

int
vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);

	if (!buf)
		return 0;
	if ((size_t)n < size)
		return n;
	return size ? (int)(size - 1) : 0;
}

int
scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}
