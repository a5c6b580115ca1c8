/*
 * kernel/params.h - kernel command-line parameters.
 *
 * Teaches: each parameter is declared by the code that uses it, with its
 * type and its valid values, and the parser finds them all through a
 * linker section; so adding a parameter touches one file, and every bad
 * value is answered with what would have been right.
 *
 * A parameter is declared next to the variable it sets, anywhere in the
 * kernel:
 *
 *	static int ktest_mem_mb = 64;
 *	core_param("ktest.mem_mb", ktest_mem_mb, PARAM_INT,
 *		   "memory for the kernel self-tests, in MiB");
 *
 *	static int setup_console(const char *val) { ... }
 *	early_param("console", setup_console);
 *
 * A parameter can also say which values are valid, so that a bad value
 * is answered with what would have been right ("loglevel: 99 is out of
 * range 0-8"): a range for integers (early_param_range), a list for
 * enumerations (core_param_choice, early_param_choice), or words for
 * anything else (early_param_desc: "no value" for a flag).  Typed
 * parameters describe themselves ("a size such as 64M").
 *
 * Each macro drops a struct kernel_param into the linker section
 * "kparams"; the linker gathers them from every object file into one
 * array bounded by __start_kparams and __stop_kparams, so no central
 * table needs editing. Names are string literals and may contain dots;
 * '-' and '_' in names are interchangeable ("ktest.mem-mb" works too).
 *
 * Early parameters are applied by parse_early_params() before memory
 * management exists (console, memory limits); the rest by
 * parse_late_params() once the kernel is up.
 *
 * Linux counterpart: include/linux/moduleparam.h, include/linux/init.h.
 */
#ifndef PAGODA_KERNEL_PARAMS_H
#define PAGODA_KERNEL_PARAMS_H

#include "kernel/types.h"

#define COMMAND_LINE_SIZE	2048	/* longest command line we accept */

enum param_type {
	PARAM_BOOL,	/* bool: "name", name=1/0/y/n/on/off/true/false */
	PARAM_INT,	/* int */
	PARAM_UINT,	/* unsigned int */
	PARAM_ULONG,	/* unsigned long */
	PARAM_SIZE,	/* u64, with K/M/G/T suffix (parse_size()) */
	PARAM_STRING,	/* char array of `size` bytes, copied in */
	PARAM_CALLBACK,	/* set(val); val is NULL for a bare "name" */
};

struct kernel_param {
	const char *name;
	enum param_type type;
	bool early;		/* applied by the early pass, not the late */
	void *var;		/* typed params: the variable to set */
	size_t size;		/* sizeof(*var): the buffer size for strings */
	int (*set)(const char *val);	/* PARAM_CALLBACK: 0, -EINVAL,
					 * -ERANGE or -E2BIG */
	const char *help;

	/* The valid values, for messages and the help table (optional). */
	bool ranged;			/* integers must lie in [min, max] */
	long long min, max;
	const char *const *choices;	/* NULL-terminated: the only values */
	const char *valid;		/* in words, e.g. "no value" */
	bool nonempty;			/* strings: "x=" is refused */
};

/* The longest description param_describe_valid() writes. */
#define PARAM_VALID_MAX		256

/*
 * Compile-time checks that the variable has the type the parameter
 * claims: "core_param(..., my_long, PARAM_INT, ...)" would otherwise
 * write 4 bytes into an 8-byte variable at boot, silently.
 */
#define __kparam_check_PARAM_BOOL(v)	_Generic(&(v), bool *: 1, default: 0)
#define __kparam_check_PARAM_INT(v)	_Generic(&(v), int *: 1, default: 0)
#define __kparam_check_PARAM_UINT(v)	\
	_Generic(&(v), unsigned int *: 1, default: 0)
#define __kparam_check_PARAM_ULONG(v)	\
	_Generic(&(v), unsigned long *: 1, default: 0)
#define __kparam_check_PARAM_SIZE(v)	_Generic(&(v), u64 *: 1, default: 0)
#define __kparam_check_PARAM_STRING(v)	\
	_Generic(&(v), char (*)[sizeof(v)]: 1, default: 0)

#define __kparam_paste2(a, b)	a##b
#define __kparam_paste(a, b)	__kparam_paste2(a, b)

/*
 * aligned(8) pins the alignment: without it GCC may over-align these
 * structs (to 32 bytes, for vectorisation), leaving holes between
 * entries from different files and breaking the array walk.
 */
#define __define_kparam(id, _name, _type, _early, _var, _size, _set, _help, \
			...)						\
	static const struct kernel_param id				\
	__attribute__((used, section("kparams"), aligned(8))) = {	\
		.name = (_name),					\
		.type = (_type),					\
		.early = (_early),					\
		.var = (_var),						\
		.size = (_size),					\
		.set = (_set),						\
		.help = (_help),					\
		__VA_ARGS__						\
	}

#define __kparam(...)	\
	__define_kparam(__kparam_paste(__kparam_, __COUNTER__), __VA_ARGS__)

/* The trailing arguments are more initializers (.ranged = true, ...). */
#define __typed_kparam(name, var, type, early, help, ...)		\
	_Static_assert(__kparam_check_##type(var),			\
		       "parameter " name ": " #var " is not a " #type);	\
	__kparam(name, type, early, &(var), sizeof(var), NULL, help,	\
		 __VA_ARGS__)

/* A late parameter setting a typed variable. */
#define core_param(name, var, type, help)	\
	__typed_kparam(name, var, type, false, help)

/* An early parameter setting a typed variable. */
#define early_param_var(name, var, type, help)	\
	__typed_kparam(name, var, type, true, help)

/* An early parameter handled by int setfn(const char *val). */
#define early_param(name, setfn)	\
	__kparam(name, PARAM_CALLBACK, true, NULL, 0, setfn, NULL)

/* A late parameter handled by int setfn(const char *val). */
#define param_cb(name, setfn, help)	\
	__kparam(name, PARAM_CALLBACK, false, NULL, 0, setfn, help)

/* An early integer parameter whose value must lie in [lo, hi]. */
#define early_param_range(name, var, type, lo, hi, help)		\
	__typed_kparam(name, var, type, true, help, .ranged = true,	\
		       .min = (lo), .max = (hi))

/* A late string parameter taking one of choices (NULL-terminated). */
#define core_param_choice(name, var, choices_, help)			\
	__typed_kparam(name, var, PARAM_STRING, false, help,		\
		       .choices = (choices_))

/*
 * A late string parameter naming things (suites, reports): an empty
 * value ("ktest=") would ask for nothing, surely a mistake, so it is
 * refused and reported with the valid values in words.
 */
#define core_param_list(name, var, help, valid_)			\
	__typed_kparam(name, var, PARAM_STRING, false, help,		\
		       .nonempty = true, .valid = (valid_))

/* early_param() whose value must be one of choices (NULL-terminated). */
#define early_param_choice(name, setfn, choices_)			\
	__kparam(name, PARAM_CALLBACK, true, NULL, 0, setfn, NULL,	\
		 .choices = (choices_))

/* early_param() with its valid values in words ("no value", ...). */
#define early_param_desc(name, setfn, valid_)				\
	__kparam(name, PARAM_CALLBACK, true, NULL, 0, setfn, NULL,	\
		 .valid = (valid_))

/* param_cb() with its valid values in words. */
#define param_cb_desc(name, setfn, help, valid_)			\
	__kparam(name, PARAM_CALLBACK, false, NULL, 0, setfn, help,	\
		 .valid = (valid_))

/* Name comparison treating '-' and '_' as equal; parameqn looks at n chars. */
bool parameqn(const char *a, const char *b, size_t n);
bool parameq(const char *a, const char *b);

/*
 * Apply the parameters of one pass found in cmdline. The early pass
 * applies early params and ignores unknown names; the late pass applies
 * the others and warns about names no param (early or late) claims.
 * Parsing stops at a "--" word (what follows belongs to init).
 * Returns the number of problems reported (unknown, malformed, too long).
 */
int parse_args(const char *cmdline, const struct kernel_param *params,
	       size_t nparams, bool early_pass);

/* parse_args() over every parameter registered in the kernel image. */
int parse_early_params(const char *cmdline);
int parse_late_params(const char *cmdline);

/*
 * Describe p's valid values in buf ("0-8", "one of halt, exit", "a size
 * such as 64M", "no value"); returns the length, 0 if nothing is known
 * (a callback that did not say).
 */
size_t param_describe_valid(const struct kernel_param *p, char *buf,
			    size_t size);

/* printk a table of all registered parameters. */
void params_print_help(void);

#endif /* PAGODA_KERNEL_PARAMS_H */
