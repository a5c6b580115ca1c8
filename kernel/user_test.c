/*
 * kernel/user_test.c - KTAP suite user_entry: the first trips to ring 3.
 *
 * Teaches: how to check a system-call ABI before processes exist.  A
 * kernel thread builds a user address space (mm/mm_user.c), copies a tiny
 * program (kernel/user_test_prog.S) into a user page, enters ring 3 with
 * iretq and gets the program's exit status back (arch/x86/syscall.c).
 * What the tests expect is fixed here by hand: the string the program
 * writes, Linux's errno values, the address and instruction offset of the
 * bad access, and that the free page count returns to where it started.
 * Linux counterpart: tools/testing/selftests/x86 (run as processes there).
 */
#include "arch/x86/desc.h"
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "arch/x86/syscall.h"
#include "kernel/bench.h"
#include "kernel/kthread.h"
#include "kernel/ktest.h"
#include "kernel/sched.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/mm_user.h"
#include "mm/page_alloc.h"
#include "mm/paging_init.h"

#define USER_TEST_TEXT	0x400000UL		/* as a static ELF's */
#define USER_TEST_STACK	0x7fffffffe000UL	/* the page under the limit */
#define USER_TEST_SP	0x7fffffffeff0UL	/* below the pid slot */

extern const char user_prog_hello[], user_prog_hello_end[];
extern const char user_prog_touch_kernel[], user_prog_touch_kernel_end[];
extern const char user_prog_getppid[], user_prog_getppid_end[];
extern const char user_prog_getppid_loop[], user_prog_getppid_loop_end[];

struct user_job {
	const char *text, *text_end;
	bool break_limit;
	/* Results. */
	bool mapped;
	struct user_exit exit;
	u64 pid_slot;
	int pid;
	unsigned int cpu;
	unsigned long free_before, free_after;
	bool done;
};

/*
 * Build the address space, run the program to its end in this task, tear
 * it all down.  j->pid_slot goes in (the top word of the stack) and comes
 * back as the program left it.
 */
static void
user_job_run_here(struct user_job *j)
{
	struct mm_user mm;
	char *text, *stack;

	j->mapped = false;
	if (!mm_user_create(&mm))
		return;
	text = mm_user_map_new_page(&mm, USER_TEST_TEXT, false, true);
	stack = mm_user_map_new_page(&mm, USER_TEST_STACK, true, false);
	if (text && stack) {
		j->mapped = true;
		memcpy(text, j->text, j->text_end - j->text);
		memcpy(stack + PAGE_SIZE - 8, &j->pid_slot, 8);
		if (j->break_limit)
			syscall_test_break_addr_limit();
		write_cr3(mm.pgd_phys);
		user_mode_run(USER_TEST_TEXT, USER_TEST_SP, &j->exit);
		write_cr3(init_pgd_phys);
		memcpy(&j->pid_slot, stack + PAGE_SIZE - 8, 8);
	}
	mm_user_destroy(&mm);
}

static int
user_job_thread(void *arg)
{
	struct user_job *j = arg;

	j->pid = current->pid;
	j->cpu = smp_processor_id();
	j->free_before = global_free_pages();
	user_job_run_here(j);
	j->free_after = global_free_pages();
	WRITE_ONCE(j->done, true);
	return 0;
}

/* Run the job in a kernel thread bound to cpu; false if it could not. */
static bool
run_user_job(struct ktest *t, struct user_job *j, unsigned int cpu)
{
	struct task_struct *p;

	p = kthread_create_on_cpu(user_job_thread, j, cpu, "user_test");
	KT_ASSERT_TRUE(t, p != NULL);
	get_task_struct(p);
	wake_up_process(p);
	while (!READ_ONCE(j->done)) {
		yield();
		cpu_relax();
	}
	kthread_stop(p);
	put_task_struct(p);
	KT_EXPECT_TRUE(t, j->mapped);
	KT_EXPECT_EQ(t, j->cpu, cpu);
	/* Every page the address space held went back. */
	KT_EXPECT_EQ(t, j->free_after, j->free_before);
	return j->mapped;
}

static void
hello(struct ktest *t, unsigned int cpu)
{
	struct user_job j = { .text = user_prog_hello,
			      .text_end = user_prog_hello_end };
	const char *out;

	ktest_capture_begin();
	run_user_job(t, &j, cpu);
	out = ktest_capture_end(NULL);
	KT_EXPECT_TRUE(t, strstr(out, "hello from ring 3\n") != NULL);
	/* 42: every check inside passed (1..5 name the failing one). */
	KT_EXPECT_EQ(t, j.exit.killed, false);
	KT_EXPECT_EQ(t, j.exit.status, 42);
	KT_EXPECT_EQ(t, j.pid_slot, (u64)j.pid);
	KT_EXPECT_GT(t, j.pid, 0);
}

/* write, getpid == gettid, -ENOSYS, -EFAULT twice, exit_group(42). */
static void
syscalls_from_ring3_on_the_boot_cpu(struct ktest *t)
{
	hello(t, 0);
}

static void
syscalls_from_ring3_on_an_ap(struct ktest *t)
{
	if (ktest_cpus < 2)
		ktest_skip(t, "one CPU");
	hello(t, (unsigned int)ktest_cpus - 1);
}

/* Two runs, so the second proves the first left no state behind. */
static void
runs_back_to_back(struct ktest *t)
{
	hello(t, 0);
	hello(t, 0);
}

static void
kernel_address_from_ring3_is_a_segfault(struct ktest *t)
{
	struct user_job j = { .text = user_prog_touch_kernel,
			      .text_end = user_prog_touch_kernel_end };
	char want[160];
	const char *out;

	ktest_capture_begin();
	run_user_job(t, &j, 0);
	out = ktest_capture_end(NULL);
	KT_EXPECT_TRUE(t, j.exit.killed);
	KT_EXPECT_EQ(t, j.exit.status, 14);	/* #PF */
	/*
	 * Error 5 = user | protection (present, supervisor-only page), a
	 * read; ip is the load after the 10-byte movabs; sp as given.
	 */
	snprintf(want, sizeof(want),
		 "user_test[%d]: segfault at ffff888000100000 ip "
		 "000000000040000a sp 00007fffffffeff0 error 5\n", j.pid);
	KT_EXPECT_TRUE(t, strstr(out, want) != NULL);
}

static void
raised_addr_limit_kills_on_user_return(struct ktest *t)
{
	struct user_job j = { .text = user_prog_getppid,
			      .text_end = user_prog_getppid_end,
			      .break_limit = true };
	const char *out;

	ktest_capture_begin();
	run_user_job(t, &j, 0);
	out = ktest_capture_end(NULL);
	KT_EXPECT_TRUE(t, j.exit.killed);
	KT_EXPECT_TRUE(t, strstr(out, "Invalid address limit on user-mode "
				 "return\n") != NULL);
}

/* Without the broken limit the same program exits normally. */
static void
getppid_program_exits_zero(struct ktest *t)
{
	struct user_job j = { .text = user_prog_getppid,
			      .text_end = user_prog_getppid_end };

	run_user_job(t, &j, 0);
	KT_EXPECT_FALSE(t, j.exit.killed);
	KT_EXPECT_EQ(t, j.exit.status, 0);
}

struct sp0_probe {
	unsigned long sp0, stack_top;
	bool done;
};

static int
sp0_thread(void *arg)
{
	struct sp0_probe *p = arg;
	unsigned long flags = local_irq_save();

	p->sp0 = this_cpu(cpu_tss).rsp[0];
	p->stack_top = current->stack_top;
	local_irq_restore(flags);
	WRITE_ONCE(p->done, true);
	return 0;
}

/*
 * A trap from ring 3 lands on TSS.RSP0: it must be the running task's own
 * kernel stack top on every CPU, so the switch sets it.
 */
static void
tss_rsp0_is_the_running_tasks_stack(struct ktest *t)
{
	unsigned int ncpus = ktest_cpus ? (unsigned int)ktest_cpus : 1;

	for (unsigned int cpu = 0; cpu < ncpus; cpu++) {
		struct sp0_probe p = { 0 };
		struct task_struct *k;

		k = kthread_create_on_cpu(sp0_thread, &p, cpu, "sp0_%u", cpu);
		KT_ASSERT_TRUE(t, k != NULL);
		get_task_struct(k);
		wake_up_process(k);
		while (!READ_ONCE(p.done)) {
			yield();
			cpu_relax();
		}
		kthread_stop(k);
		put_task_struct(k);
		KT_EXPECT_NE(t, p.stack_top, 0UL);
		KT_EXPECT_EQ(t, p.sp0, p.stack_top);
	}
}

/*
 * The iretq way out (taken when sysret would be unsafe) must restore the
 * user state as well: the program's getppid and exit still work.  One
 * system call (getppid) returns; exit_group does not.
 */
static void
syscall_return_by_iret(struct ktest *t)
{
	struct user_job j = { .text = user_prog_getppid,
			      .text_end = user_prog_getppid_end };
	unsigned long before = syscall_test_force_iret(true);

	run_user_job(t, &j, 0);
	KT_EXPECT_EQ(t, syscall_test_force_iret(false), before + 1);
	KT_EXPECT_FALSE(t, j.exit.killed);
	KT_EXPECT_EQ(t, j.exit.status, 0);
}

KTEST_SUITE(user_entry,
	    KTEST_CASE(tss_rsp0_is_the_running_tasks_stack),
	    KTEST_CASE(syscalls_from_ring3_on_the_boot_cpu),
	    KTEST_CASE(syscalls_from_ring3_on_an_ap),
	    KTEST_CASE(runs_back_to_back),
	    KTEST_CASE(kernel_address_from_ring3_is_a_segfault),
	    KTEST_CASE(raised_addr_limit_kills_on_user_return),
	    KTEST_CASE(getppid_program_exits_zero),
	    KTEST_CASE(syscall_return_by_iret));

/*
 * null_syscall: the getppid round trip from ring 3, as Linux's number
 * (324 instructions on 6.1) counts it.  Two runs of the loop program,
 * 1000 and 0 calls, cancel out the cost of entering and leaving the
 * program; the loop's own three instructions stay in, as in a user-space
 * benchmark.
 */
static u64
bench_null_syscall(void)
{
	struct user_job j = { .text = user_prog_getppid_loop,
			      .text_end = user_prog_getppid_loop_end };
	u64 t[2];

	for (int i = 0; i < 2; i++) {
		u64 t0;

		j.pid_slot = i ? 1000 : 0;
		t0 = bench_clock();
		user_job_run_here(&j);
		t[i] = bench_clock() - t0;
		if (!j.mapped || j.exit.killed || j.exit.status != 0)
			return 0;
	}
	return t[1] > t[0] ? (t[1] - t[0]) / 1000 : 0;
}
BENCH_CASE(null_syscall, bench_null_syscall);
