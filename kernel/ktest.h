/*
 * kernel/ktest.h - Pagoda's in-kernel unit tests (KUnit's little sibling).
 *
 * Teaches: some properties can only be checked inside the running
 * kernel (its page tables, its allocators, the machine it booted on), so
 * the kernel carries its own tests: each case is a function that checks
 * values and records failures, and the results go out on the console in
 * KTAP, a text format a harness on the host can read.
 *
 * A test file declares cases and a suite:
 *
 *	static void my_case(struct ktest *t)
 *	{
 *		KT_EXPECT_EQ(t, 1 + 1, 2);
 *	}
 *	KTEST_SUITE(my_suite, KTEST_CASE(my_case));
 *
 * and `ktest=my_suite` (or `ktest=all`) on the command line runs it after
 * boot, printing KTAP version 1.  EXPECT checks record a failure and go
 * on; ASSERT checks end the case at once.  Comparisons are done on the
 * values converted to u64 (signed values compare as their bit patterns).
 * Linux counterpart: include/kunit/test.h.
 */
#ifndef PAGODA_KERNEL_KTEST_H
#define PAGODA_KERNEL_KTEST_H

#include "arch/x86/fault_catch.h"
#include "arch/x86/setjmp.h"
#include "kernel/compiler.h"
#include "kernel/types.h"

struct ktest {
	const char *name;
	bool failed;
	const char *skip_reason;
	struct jmp_buf *abort;		/* where ASSERT and SKIP jump to */
	char skip_buf[96];
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	unsigned int ncases;
};

#define KTEST_CASE(fn)	{ #fn, fn }

#define KTEST_SUITE(sname, ...)						\
	static const struct ktest_case __ktest_cases_##sname[] = {	\
		__VA_ARGS__						\
	};								\
	static const struct ktest_suite __ktest_suite_##sname		\
	__used __section("ktest_suites") __aligned(8) = {		\
		#sname, __ktest_cases_##sname,				\
		ARRAY_SIZE(__ktest_cases_##sname),			\
	}

/* Facts of the machine, passed by the harness from its topology file. */
extern unsigned long ktest_mem_mb, ktest_cpus, ktest_nodes;
extern char ktest_boot[16];	/* "kernel", "bios", "uefi" or "" */
/* Comma-separated lists, "" if the harness gave none: see pagoda_qemu.py. */
extern char ktest_node_mem_mb[256];	/* MiB of RAM per node */
extern char ktest_cpu_nodes[512];	/* node of CPU 0, 1, ... */
extern char ktest_distances[1024];	/* SLIT, row-major */
extern char ktest_hotplug_mb[64];	/* node,start,end in MiB, or "none" */

/*
 * Parse "a,b,c" (numbers, any base) into out; "v*n" stands for n copies
 * of v, so a 64-node SLIT fits the command line.  Returns the count, or
 * -1 if malformed or longer than max.
 */
int ktest_parse_list(const char *s, u64 *out, int max);
/*
 * A list fact from the harness (ktest.cpu_nodes=...) parsed into out:
 * the case skips when the harness gave none, and with n >= 0 the list
 * must have exactly n entries.  Returns the count.
 */
int ktest_facts(struct ktest *t, const char *list, const char *name, int n,
		u64 *out, int max);

/*
 * Capturing the console, for tests that check what the kernel prints
 * (kernel/ktest_capture.c): everything the console shows between
 * ktest_capture_begin() and ktest_capture_end() is kept, up to
 * KTEST_CAPTURE_MAX - 1 bytes, and end returns it NUL-terminated (its
 * length in *len if len is not NULL).  Each begin starts afresh; the
 * text stays valid until the next begin.  A result of exactly
 * KTEST_CAPTURE_MAX - 1 bytes may have been cut short.
 */
/* 64 nodes (topology 64n) print about 57 KiB of pagetypeinfo. */
#define KTEST_CAPTURE_MAX	131072
void ktest_capture_begin(void);
const char *ktest_capture_end(size_t *len);

bool ktest_requested(void);
void ktest_run_all(void) __noreturn;

__printf(6, 7) bool ktest_report(struct ktest *t, bool ok, bool fatal,
				 const char *file, int line,
				 const char *fmt, ...);
__printf(2, 3) void ktest_skip(struct ktest *t, const char *fmt, ...)
	__noreturn;
__printf(2, 3) void ktest_log(struct ktest *t, const char *fmt, ...);

#define __KT_CMP(t, fatal, a, op, b) ({					\
	u64 __a = (u64)(a), __b = (u64)(b);				\
	ktest_report(t, __a op __b, fatal, __FILE__, __LINE__,		\
		     "Expected %s %s %s, but\n"				\
		     "        %s == 0x%llx (%lld)\n"			\
		     "        %s == 0x%llx (%lld)",			\
		     #a, #op, #b, #a, (unsigned long long)__a,		\
		     (long long)__a, #b, (unsigned long long)__b,	\
		     (long long)__b);					\
})

#define KT_EXPECT_EQ(t, a, b)	__KT_CMP(t, false, a, ==, b)
#define KT_EXPECT_NE(t, a, b)	__KT_CMP(t, false, a, !=, b)
#define KT_EXPECT_LT(t, a, b)	__KT_CMP(t, false, a, <, b)
#define KT_EXPECT_LE(t, a, b)	__KT_CMP(t, false, a, <=, b)
#define KT_EXPECT_GT(t, a, b)	__KT_CMP(t, false, a, >, b)
#define KT_EXPECT_GE(t, a, b)	__KT_CMP(t, false, a, >=, b)
#define KT_ASSERT_EQ(t, a, b)	__KT_CMP(t, true, a, ==, b)
#define KT_ASSERT_NE(t, a, b)	__KT_CMP(t, true, a, !=, b)
#define KT_ASSERT_GE(t, a, b)	__KT_CMP(t, true, a, >=, b)
#define KT_ASSERT_LE(t, a, b)	__KT_CMP(t, true, a, <=, b)

#define KT_EXPECT_TRUE(t, c)						\
	ktest_report(t, !!(c), false, __FILE__, __LINE__,		\
		     "Expected %s to be true", #c)
#define KT_EXPECT_FALSE(t, c)						\
	ktest_report(t, !(c), false, __FILE__, __LINE__,		\
		     "Expected %s to be false", #c)
#define KT_ASSERT_TRUE(t, c)						\
	ktest_report(t, !!(c), true, __FILE__, __LINE__,		\
		     "Expected %s to be true", #c)

#define KT_EXPECT_STREQ(t, a, b) ({					\
	const char *__a = (a), *__b = (b);				\
	ktest_report(t, !strcmp(__a, __b), false, __FILE__, __LINE__,	\
		     "Expected %s == %s, but\n"				\
		     "        %s == \"%s\"\n        %s == \"%s\"",	\
		     #a, #b, #a, __a, #b, __b);				\
})

/*
 * Call fn(arg), which must fault with the given exception vector.
 * Fills *info (arch/x86/fault_catch.h) for further checks.
 */
#define KT_EXPECT_FAULT(t, fn, arg, vec, info) ({			\
	bool __f = fault_catch_call(fn, arg, info);			\
	ktest_report(t, __f && (info)->vector == (vec), false,		\
		     __FILE__, __LINE__,				\
		     "Expected %s(%s) to raise exception %d, but %s %u",\
		     #fn, #arg, (int)(vec),				\
		     __f ? "it raised" : "it returned normally, vector",\
		     __f ? (info)->vector : 0);				\
})
#define KT_EXPECT_NO_FAULT(t, fn, arg, info) ({				\
	bool __f = fault_catch_call(fn, arg, info);			\
	ktest_report(t, !__f, false, __FILE__, __LINE__,		\
		     "Expected %s(%s) to run without a fault, but it "	\
		     "raised exception %u at %016llx (cr2 %016llx)",	\
		     #fn, #arg, (info)->vector,				\
		     (unsigned long long)(info)->rip,			\
		     (unsigned long long)(info)->cr2);			\
})

#endif
