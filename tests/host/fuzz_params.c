/*
 * tests/host/fuzz_params.c - libFuzzer target for the command-line parser
 * and the formatter.
 *
 * Teaches: fuzzing finds the inputs nobody thinks of. Every input is
 * given to parse_args() (both passes), to the kstrto*() family, and as a
 * string argument to vsnprintf() with a fixed set of formats whose
 * widths, precisions, numbers and buffer sizes also come from the input.
 * AddressSanitizer turns any out-of-bounds access into a crash, and the
 * checks below turn any broken snprintf() contract into one too.
 * Build and run: make host-fuzz (needs clang).
 * Linux counterpart: syzkaller, at a much larger scale.
 */
#include <stdlib.h>

#include "kernel/errno.h"
#include "lib/kstrtox.h"
#include "kernel/params.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "tests/host/host_printk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool f_bool, f_ebool;
static int f_int;
static unsigned int f_uint;
static unsigned long f_ulong;
static u64 f_size;
static char f_str[32];
static int f_ranged;
static char f_choice[8];
static const char *const f_choices[] = { "halt", "exit", NULL };

static int
f_cb(const char *val)
{
	/* touch every byte so ASan checks the value really is terminated */
	if (val && strlen(val) && val[0] == 'x')
		return -EINVAL;
	return 0;
}

#define TYPED(n, t, v, e)	\
	{ .name = n, .type = t, .early = e, .var = &v, .size = sizeof(v) }

static const struct kernel_param params[] = {
	TYPED("b", PARAM_BOOL, f_bool, false),
	TYPED("i", PARAM_INT, f_int, false),
	TYPED("u", PARAM_UINT, f_uint, false),
	TYPED("ul", PARAM_ULONG, f_ulong, false),
	TYPED("sz", PARAM_SIZE, f_size, false),
	TYPED("s", PARAM_STRING, f_str, false),
	TYPED("e-b", PARAM_BOOL, f_ebool, true),
	TYPED("a.b_c", PARAM_INT, f_int, true),
	{ .name = "cb", .type = PARAM_CALLBACK, .set = f_cb },
	{ .name = "cb", .type = PARAM_CALLBACK, .early = true, .set = f_cb },
	{ .name = "", .type = PARAM_CALLBACK, .set = f_cb },
	/* parameters that state their valid values (the messages) */
	{ .name = "r", .type = PARAM_INT, .var = &f_ranged,
	  .size = sizeof(f_ranged), .ranged = true, .min = -3, .max = 8 },
	{ .name = "c", .type = PARAM_STRING, .var = f_choice,
	  .size = sizeof(f_choice), .choices = f_choices },
	{ .name = "cc", .type = PARAM_CALLBACK, .set = f_cb,
	  .choices = f_choices },
	{ .name = "d", .type = PARAM_CALLBACK, .set = f_cb,
	  .valid = "no value" },
};

/*
 * snprintf() into a buffer of exactly bufsz bytes (so ASan sees any
 * overrun) and check the contract: the same return value as a sizing
 * call with a NULL buffer, NUL-terminated within the buffer, and the
 * stored text as long as the return value allows.
 */
#define CHECK_FMT(text_ok, fmt, ...)					\
	do {								\
		int full = snprintf(NULL, 0, fmt, __VA_ARGS__);		\
		int n = snprintf(out, bufsz, fmt, __VA_ARGS__);		\
		int c = scnprintf(out, bufsz, fmt, __VA_ARGS__);	\
									\
		if (n != full || n < 0)					\
			__builtin_trap();				\
		if (bufsz) {						\
			size_t stored = (size_t)n < bufsz - 1 ?		\
					(size_t)n : bufsz - 1;		\
			if (out[stored] != '\0' || (size_t)c != stored)	\
				__builtin_trap();			\
			if ((text_ok) && strnlen(out, bufsz) != stored)	\
				__builtin_trap();			\
		} else if (c != 0) {					\
			__builtin_trap();				\
		}							\
	} while (0)

static void
fuzz_vsnprintf(const uint8_t *data, size_t size, const char *s)
{
	unsigned long long num = 0;
	size_t bufsz = size ? data[0] % 96 : 0;
	char *out = bufsz ? malloc(bufsz) : NULL;
	int w, p;

	if (bufsz && !out)
		return;
	memcpy(&num, data, size < sizeof(num) ? size : sizeof(num));
	w = (int)((num >> 8) & 0xff) - 128;
	p = (int)((num >> 16) & 0xff) - 64;

	CHECK_FMT(true, "%s", s);
	CHECK_FMT(true, "%.*s", p, s);
	CHECK_FMT(true, "%*s|", w, s);
	CHECK_FMT(true, "%-*.*s|", w, p, s);
	CHECK_FMT(true, "<%d %i %u %x %X %o>", (int)num, (int)(num >> 3),
		  (unsigned int)num, (unsigned int)num,
		  (unsigned int)(num >> 7), (unsigned int)num);
	CHECK_FMT(true, "%lld %llu %#llx %#llo %#LX", (long long)num, num, num,
		  num, num);
	CHECK_FMT(true, "%+hhd % hd %#hhx %hu", (signed char)num, (short)num,
		  (unsigned char)num, (unsigned short)num);
	CHECK_FMT(true, "%zu %zd %td %jd %ju", (size_t)num, (ssize_t)num,
		  (ptrdiff_t)num, (intmax_t)num, (uintmax_t)num);
	CHECK_FMT(true, "%p %20p %-20p|", (void *)(uintptr_t)num, (void *)s,
		  (void *)NULL);
	CHECK_FMT(true, "%*d %.*d %*.*u %-*x %#*llx", w, (int)num, p, (int)num,
		  w, p, (unsigned int)num, w, (unsigned int)num, w, num);
	CHECK_FMT(true, "%0*d|%+0*lld|%#0*o", w, (int)num, p, (long long)num,
		  w, (unsigned int)num);
	CHECK_FMT(false, "%c%c%c%%", s[0], size > 1 ? data[1] : 0, 'x');
	CHECK_FMT(true, "%s=%s", s, s);

	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	unsigned long long ull;
	long long ll;
	unsigned int ui;
	int si;
	bool b;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	host_log_clear();
	parse_args(s, params, ARRAY_SIZE(params), true);
	parse_args(s, params, ARRAY_SIZE(params), false);
	/* no parameter is registered in this binary: an empty section */
	parse_early_params(s);
	parse_late_params(s);
	if (f_str[sizeof(f_str) - 1] != '\0')
		__builtin_trap();
	/* a range or a list of choices is never bypassed */
	if (f_ranged < -3 || f_ranged > 8)
		__builtin_trap();
	if (f_choice[0] && __builtin_strcmp(f_choice, "halt") &&
	    __builtin_strcmp(f_choice, "exit"))
		__builtin_trap();

	(void)kstrtoull(s, 0, &ull);
	(void)kstrtoull(s, size ? data[0] % 20 : 10, &ull);
	(void)kstrtoll(s, 0, &ll);
	(void)kstrtouint(s, 16, &ui);
	(void)kstrtoint(s, 10, &si);
	(void)kstrtobool(s, &b);
	if (parse_size(s, &ull) == -ENOSYS)
		__builtin_trap();

	fuzz_vsnprintf(data, size, s);
	free(s);
	return 0;
}
