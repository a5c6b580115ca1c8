/*
 * arch/x86/traps_test.c - ktest suite "traps": exceptions, IDT, backtraces.
 *
 * Teaches: an exception handler is only proven by a real exception.
 * Each exception is raised for real by the instruction that causes it on
 * the hardware, caught by fault_catch_call(), and its vector and address
 * checked.  Backtraces are checked against the call chain the test itself
 * built.
 * Linux counterpart: none (drivers/misc/lkdtm/ provokes such faults, but
 * does not survive them).
 */
#include "arch/x86/desc.h"
#include "arch/x86/stack.h"
#include "arch/x86/stacktrace.h"
#include "kernel/ksyms.h"
#include "kernel/ktest.h"
#include "lib/string.h"

void start_kernel(u32 magic, u32 info);

static void
do_divide_error(void *arg)
{
	volatile unsigned int zero = (unsigned long)arg;
	volatile unsigned int quotient;

	quotient = 100 / zero;
	(void)quotient;
}

static void
do_ud2(void *arg)
{
	__asm__ __volatile__("ud2");
}

static void
do_int3(void *arg)
{
	__asm__ __volatile__("int3");
}

static void
exceptions_are_caught(struct ktest *t)
{
	struct fault_info fi;

	KT_EXPECT_FAULT(t, do_divide_error, NULL, 0, &fi);
	KT_EXPECT_FAULT(t, do_ud2, NULL, 6, &fi);
	KT_EXPECT_TRUE(t, ksym_lookup(fi.rip, &(const char *){ 0 },
				      &(unsigned long){ 0 },
				      &(unsigned long){ 0 }));
	KT_EXPECT_FAULT(t, do_int3, NULL, 3, &fi);
	/* A non-canonical address is a #GP, not a #PF. */
	KT_EXPECT_FAULT(t, probe_read_u8, (void *)0x8000000000000000ULL, 13, &fi);
	KT_EXPECT_EQ(t, fi.error_code, 0);
	/* And the kernel is still fine afterwards. */
	KT_EXPECT_NO_FAULT(t, probe_read_u8, (void *)start_kernel, &fi);
}

struct idt_ptr {
	u16 limit;
	u64 base;
} __packed;

static void
idt_and_tss_layout(struct ktest *t)
{
	struct idt_ptr idtr;
	const u8 *gates;

	__asm__ __volatile__("sidt %0" : "=m"(idtr));
	KT_EXPECT_EQ(t, idtr.limit, 256 * 16 - 1);
	gates = (const u8 *)idtr.base;
	/* Byte 4 of a gate is its IST slot. */
	KT_EXPECT_EQ(t, gates[8 * 16 + 4], IST_DOUBLE_FAULT);
	KT_EXPECT_EQ(t, gates[2 * 16 + 4], IST_NMI);
	KT_EXPECT_EQ(t, gates[18 * 16 + 4], IST_MACHINE_CHECK);
	KT_EXPECT_EQ(t, gates[14 * 16 + 4], 0);
	for (int i = IST_DOUBLE_FAULT; i <= IST_MACHINE_CHECK; i++) {
		const struct kstack *s = kstack_of(cpu_tss.ist[i - 1] - 8);

		KT_ASSERT_TRUE(t, s != NULL);
		KT_EXPECT_EQ(t, cpu_tss.ist[i - 1], s->top);
	}
}

static void
ksyms_lookup(struct ktest *t)
{
	const char *name = NULL;
	unsigned long off = 0, size = 0;
	unsigned long addr = (unsigned long)start_kernel;
	char buf[96];

	KT_ASSERT_TRUE(t, ksym_lookup(addr, &name, &off, &size));
	KT_EXPECT_STREQ(t, name, "start_kernel");
	KT_EXPECT_EQ(t, off, 0);
	KT_EXPECT_GT(t, size, 0);
	KT_ASSERT_TRUE(t, ksym_lookup(addr + size - 1, &name, &off, &size));
	KT_EXPECT_STREQ(t, name, "start_kernel");
	KT_EXPECT_EQ(t, ksym_address("start_kernel"), addr);
	KT_EXPECT_EQ(t, ksym_address("no_such_function"), 0);
	KT_EXPECT_FALSE(t, ksym_lookup((unsigned long)&cpu_tss, &name, &off, &size));
	ksym_format(buf, sizeof(buf), addr + 4);
	KT_EXPECT_TRUE(t, !strncmp(buf, "start_kernel+0x4/0x", 19));
}

static unsigned long trace[8];
static unsigned int trace_len;

__attribute__((noinline)) static void
backtrace_inner(void)
{
	trace_len = save_stack_trace((unsigned long)__builtin_frame_address(0),
				     trace, 8);
	barrier();
}

__attribute__((noinline)) static void
backtrace_middle(void)
{
	backtrace_inner();
	barrier();
}

__attribute__((noinline)) static void
backtrace_outer(void)
{
	backtrace_middle();
	barrier();
}

static bool
frame_is(unsigned long pc, const char *want)
{
	const char *name;
	unsigned long off, size;

	return ksym_lookup(pc, &name, &off, &size) && !strcmp(name, want);
}

static void
backtrace_names_callers(struct ktest *t)
{
	backtrace_outer();
	KT_ASSERT_GE(t, trace_len, 3);
	KT_EXPECT_TRUE(t, frame_is(trace[0], "backtrace_middle"));
	KT_EXPECT_TRUE(t, frame_is(trace[1], "backtrace_outer"));
	KT_EXPECT_TRUE(t, frame_is(trace[2], "backtrace_names_callers"));
	/* A garbage frame pointer yields nothing, not a crash. */
	KT_EXPECT_EQ(t, save_stack_trace(0xdead000000000000UL, trace, 8), 0);
	KT_EXPECT_EQ(t, save_stack_trace(0, trace, 8), 0);
}

KTEST_SUITE(traps,
	KTEST_CASE(exceptions_are_caught),
	KTEST_CASE(idt_and_tss_layout),
	KTEST_CASE(ksyms_lookup),
	KTEST_CASE(backtrace_names_callers));
