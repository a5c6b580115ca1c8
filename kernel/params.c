/*
 * kernel/params.c - parsing the kernel command line.
 *
 * Teaches: the command line is the first untrusted input a kernel sees,
 * so the parser is written to survive anything: it never writes into a
 * fixed buffer without checking the length, reports every word it does
 * not understand instead of guessing, and leaves a variable untouched
 * when its new value is malformed. It also shows the linker-section
 * registration pattern (see params.h).
 * Linux counterpart: kernel/params.c (parse_args, parameq) and the
 * early_param/__setup handling in init/main.c.
 */
#include "kernel/errno.h"
#include "lib/kstrtox.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

/*
 * The bounds of the "kparams" section, defined by the linker. Weak, so
 * that an image with no parameter at all still links (both are then 0).
 */
extern const struct kernel_param __start_kparams[] __attribute__((weak));
extern const struct kernel_param __stop_kparams[] __attribute__((weak));

static char
dash2underscore(char c)
{
	return c == '-' ? '_' : c;
}

bool
parameqn(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (dash2underscore(a[i]) != dash2underscore(b[i]))
			return false;
	}
	return true;
}

bool
parameq(const char *a, const char *b)
{
	/* comparing the terminating NUL too makes "foo" != "foobar" */
	return parameqn(a, b, strlen(a) + 1);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Find the next word, which ends at unquoted white space. Returns its
 * start (or NULL at the end of the line) and length, and moves *pos past
 * it. An unterminated quote runs to the end of the line, as in Linux.
 */
static const char *
next_word(const char **pos, size_t *len)
{
	const char *p = *pos, *start;
	bool in_quote = false;

	while (is_space(*p))
		p++;
	if (!*p) {
		*pos = p;
		return NULL;
	}
	start = p;
	for (; *p; p++) {
		if (*p == '"')
			in_quote = !in_quote;
		else if (!in_quote && is_space(*p))
			break;
	}
	*len = (size_t)(p - start);
	*pos = p;
	return start;
}

static const char *
param_type_name(enum param_type type)
{
	switch (type) {
	case PARAM_BOOL:
		return "bool";
	case PARAM_INT:
		return "int";
	case PARAM_UINT:
		return "uint";
	case PARAM_ULONG:
		return "ulong";
	case PARAM_SIZE:
		return "size";
	case PARAM_STRING:
		return "string";
	case PARAM_CALLBACK:
		return "callback";
	}
	return "?";
}

/* The size a typed parameter's variable must have; 0 if not typed. */
static size_t
param_var_size(enum param_type type)
{
	switch (type) {
	case PARAM_BOOL:
		return sizeof(bool);
	case PARAM_INT:
		return sizeof(int);
	case PARAM_UINT:
		return sizeof(unsigned int);
	case PARAM_ULONG:
		return sizeof(unsigned long);
	case PARAM_SIZE:
		return sizeof(u64);
	default:
		return 0;
	}
}

/* Is v inside a ranged parameter's [min, max]?  Unranged: always. */
static bool
in_range_signed(const struct kernel_param *p, long long v)
{
	return !p->ranged || (v >= p->min && v <= p->max);
}

static bool
in_range_unsigned(const struct kernel_param *p, unsigned long long v)
{
	if (!p->ranged)
		return true;
	if (p->max < 0 || v > (unsigned long long)p->max)
		return false;
	return p->min <= 0 || v >= (unsigned long long)p->min;
}

/*
 * Parse val into a local first and store only on success, so that a
 * malformed or out-of-range value leaves the variable as it was.
 * Returns 0, -EINVAL (not a number) or -ERANGE.
 */
static int
param_set_typed(const struct kernel_param *p, const char *val)
{
	int ret = -EINVAL;

	switch (p->type) {
	case PARAM_BOOL: {
		bool v = true;		/* a bare "name" means true */

		ret = val ? kstrtobool(val, &v) : 0;
		if (!ret)
			*(bool *)p->var = v;
		break;
	}
	case PARAM_INT: {
		int v;

		ret = kstrtoint(val, 0, &v);
		if (!ret && !in_range_signed(p, v))
			ret = -ERANGE;
		if (!ret)
			*(int *)p->var = v;
		break;
	}
	case PARAM_UINT: {
		unsigned int v;

		ret = kstrtouint(val, 0, &v);
		if (!ret && !in_range_unsigned(p, v))
			ret = -ERANGE;
		if (!ret)
			*(unsigned int *)p->var = v;
		break;
	}
	case PARAM_ULONG: {
		unsigned long v;

		ret = kstrtoul(val, 0, &v);
		if (!ret && !in_range_unsigned(p, v))
			ret = -ERANGE;
		if (!ret)
			*(unsigned long *)p->var = v;
		break;
	}
	case PARAM_SIZE: {
		unsigned long long v;

		ret = parse_size(val, &v);
		if (!ret && !in_range_unsigned(p, v))
			ret = -ERANGE;
		if (!ret)
			*(u64 *)p->var = v;
		break;
	}
	default:
		break;
	}
	return ret;
}

size_t
param_describe_valid(const struct kernel_param *p, char *buf, size_t size)
{
	size_t n = 0;

	if (!size)
		return 0;
	buf[0] = '\0';
	if (p->choices) {
		n = scnprintf(buf, size, "one of");
		for (size_t i = 0; p->choices[i]; i++)
			n += scnprintf(buf + n, size - n, "%s %s",
				       i ? "," : "", p->choices[i]);
		return n;
	}
	if (p->ranged)
		return scnprintf(buf, size, "%lld-%lld", p->min, p->max);
	if (p->valid)
		return scnprintf(buf, size, "%s", p->valid);
	switch (p->type) {
	case PARAM_BOOL:
		return scnprintf(buf, size, "no value, or 1/0, y/n, on/off, "
				 "true/false");
	case PARAM_INT:
		return scnprintf(buf, size, "an integer from %d to %d",
				 -__INT_MAX__ - 1, __INT_MAX__);
	case PARAM_UINT:
		return scnprintf(buf, size, "an integer from 0 to %u",
				 __INT_MAX__ * 2U + 1);
	case PARAM_ULONG:
		return scnprintf(buf, size, "an integer from 0 to %lu",
				 __LONG_MAX__ * 2UL + 1);
	case PARAM_SIZE:
		return scnprintf(buf, size, "a size such as 64M or 2G");
	case PARAM_STRING:
		return p->size ? scnprintf(buf, size, "text of at most %zu "
					   "characters", p->size - 1) : 0;
	case PARAM_CALLBACK:
		break;
	}
	return 0;
}

static bool
is_choice(const struct kernel_param *p, const char *val)
{
	for (size_t i = 0; p->choices[i]; i++)
		if (!strcmp(val, p->choices[i]))
			return true;
	return false;
}

/*
 * Say what was wrong with a value, and what would have been right:
 *	Parameter 'i' needs a value (valid: an integer from ...)
 *	loglevel: 99 is out of range 0-8
 *	Malformed value for parameter 'panic': 'x' (valid: one of halt, exit)
 */
/*
 * Words of the command line as the console may show them: control
 * characters (a stray ESC could reprogram the student's terminal) become
 * \xNN, as in the "Command line:" echo.  One static buffer, like the word
 * buffer of parse_args(): messages are printed one at a time, at boot.
 */
static const char *
printable(const char *s, size_t len)
{
	static char buf[4 * 256 + 1];

	escape_ctrl(buf, sizeof(buf), s, len);
	return buf;
}

static void
report_bad_value(const struct kernel_param *p, const char *raw, int err)
{
	char valid[PARAM_VALID_MAX];
	char tail[PARAM_VALID_MAX + 16] = "";
	const char *val = raw ? printable(raw, strlen(raw)) : NULL;

	if (param_describe_valid(p, valid, sizeof(valid)))
		scnprintf(tail, sizeof(tail), " (valid: %s)", valid);

	if (!val)
		pr_err("Parameter '%s' needs a value%s\n", p->name, tail);
	else if (err == -E2BIG)
		pr_err("Value for parameter '%s' is too long (%zu chars)%s\n",
		       p->name, strlen(raw), tail);
	else if (err == -ERANGE && p->ranged)
		pr_err("%s: %s is out of range %lld-%lld\n", p->name, val,
		       p->min, p->max);
	else if (err == -ERANGE)
		pr_err("%s: %s is out of range%s\n", p->name, val, tail);
	else if (!val[0])
		pr_err("Parameter '%s' has an empty value%s\n", p->name, tail);
	else
		pr_err("Malformed value for parameter '%s': '%s'%s\n", p->name,
		       val, tail);
}

/* Apply one value to one parameter, reporting any problem by name. */
static int
param_apply(const struct kernel_param *p, const char *val)
{
	size_t len;
	int ret;

	if (!val && p->type != PARAM_BOOL &&
	    (p->type != PARAM_CALLBACK || p->choices)) {
		report_bad_value(p, val, -EINVAL);
		return -EINVAL;
	}
	if (p->choices && !is_choice(p, val)) {
		report_bad_value(p, val, -EINVAL);
		return -EINVAL;
	}

	switch (p->type) {
	case PARAM_CALLBACK:
		if (!p->set) {
			pr_err("Parameter '%s' has no handler\n", p->name);
			return -EINVAL;
		}
		ret = p->set(val);
		break;
	case PARAM_STRING:
		if (!p->var || !p->size) {
			pr_err("Parameter '%s' has no buffer\n", p->name);
			return -EINVAL;
		}
		len = strlen(val);
		if (p->nonempty && !len) {
			report_bad_value(p, val, -EINVAL);
			return -EINVAL;
		}
		if (len >= p->size) {
			pr_err("Value for parameter '%s' is too long (%zu chars, max %zu)\n",
			       p->name, len, p->size - 1);
			return -E2BIG;
		}
		memcpy(p->var, val, len + 1);
		return 0;
	default:
		/* a hand-built table with the wrong size must not scribble */
		if (!p->var || p->size != param_var_size(p->type)) {
			pr_err("Parameter '%s' is declared wrongly\n", p->name);
			return -EINVAL;
		}
		ret = param_set_typed(p, val);
		break;
	}
	if (ret < 0) {
		report_bad_value(p, val, ret);
		return ret;
	}
	return 0;
}

static bool
param_matches(const struct kernel_param *p, const char *name, size_t len)
{
	return p->name && strlen(p->name) == len &&
	       parameqn(p->name, name, len);
}

/*
 * Handle one NUL-terminated word, which we own and may modify. Returns
 * the number of problems reported.
 */
static int
handle_word(char *word, const struct kernel_param *params, size_t nparams,
	    bool early_pass)
{
	char *name = word, *val = NULL, *eq;
	size_t name_len, i, vlen;
	bool known = false;
	int errors = 0;

	/* a word quoted as a whole: "name=a b" */
	if (*name == '"')
		name++;
	eq = strchr(name, '=');
	name_len = eq ? (size_t)(eq - name) : strlen(name);
	if (!eq && name_len && word[0] == '"' && name[name_len - 1] == '"')
		name_len--;

	for (i = 0; i < nparams && !known; i++)
		known = param_matches(&params[i], name, name_len);
	if (!known) {
		/*
		 * The early pass sees every word too; only the late pass
		 * complains, so each unknown word is reported once.
		 */
		if (early_pass)
			return 0;
		pr_warn("Unknown kernel command line parameter \"%s\"\n",
			printable(word, strlen(word)));
		return 1;
	}

	/* Now cut the word into name and value, and strip the quotes. */
	if (eq) {
		val = eq + 1;
		if (*val == '"')
			val++;
		vlen = strlen(val);
		if ((word[0] == '"' || val != eq + 1) && vlen &&
		    val[vlen - 1] == '"')
			val[vlen - 1] = '\0';
	}

	for (i = 0; i < nparams; i++) {
		const struct kernel_param *p = &params[i];

		if (p->early != early_pass || !param_matches(p, name, name_len))
			continue;
		if (param_apply(p, val) < 0)
			errors++;
	}
	return errors;
}

int
parse_args(const char *cmdline, const struct kernel_param *params,
	   size_t nparams, bool early_pass)
{
	/*
	 * One word at a time is copied here so it can be cut up and
	 * NUL-terminated. Static, not on the (small) kernel stack; this
	 * makes parse_args() non-reentrant, which is fine at boot.
	 */
	static char word[COMMAND_LINE_SIZE];
	const char *pos = cmdline, *start;
	size_t len;
	int errors = 0;

	if (!cmdline)
		return 0;
	while ((start = next_word(&pos, &len))) {
		if (len >= sizeof(word)) {
			/* no sane parameter is this long; say so only once */
			if (!early_pass) {
				pr_err("Command line word too long (%zu chars), ignored: \"%s...\"\n",
				       len, printable(start, 32));
				errors++;
			}
			continue;
		}
		memcpy(word, start, len);
		word[len] = '\0';
		if (!strcmp(word, "--"))
			break;
		errors += handle_word(word, params, nparams, early_pass);
	}
	return errors;
}

static size_t
nr_kparams(void)
{
	return (size_t)(__stop_kparams - __start_kparams);
}

int
parse_early_params(const char *cmdline)
{
	return parse_args(cmdline, __start_kparams, nr_kparams(), true);
}

int
parse_late_params(const char *cmdline)
{
	return parse_args(cmdline, __start_kparams, nr_kparams(), false);
}

void
params_print_help(void)
{
	size_t i, n = nr_kparams();
	char valid[PARAM_VALID_MAX];

	pr_info("Kernel command line parameters:\n");
	for (i = 0; i < n; i++) {
		const struct kernel_param *p = &__start_kparams[i];

		param_describe_valid(p, valid, sizeof(valid));
		pr_info("  %-24s %-8s %s%s%s%s\n", p->name,
			param_type_name(p->type), p->help ? p->help : "",
			p->early ? " (early)" : "", valid[0] ? "; valid: " : "",
			valid);
	}
}
