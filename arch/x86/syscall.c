/*
 * arch/x86/syscall.c - the system-call table and the way back to user mode.
 *
 * Teaches: Linux's x86-64 ABI passes the call number in RAX and up to six
 * arguments in RDI, RSI, RDX, R10, R8, R9 (R10, not RCX: `syscall` itself
 * overwrites RCX with the return address), and returns a value or -errno
 * in RAX.  A number we do not implement answers -ENOSYS, logged once.
 *
 * Three MSRs set the instruction up: STAR holds the kernel CS (bits
 * 47:32; SS is CS + 8) and the base for SYSRET's user selectors (bits
 * 63:48: SS is base + 8, CS is base + 16 with RPL 3, hence the GDT's user
 * data-then-code order), LSTAR the entry point and FMASK the RFLAGS bits
 * to clear on entry: IF (no interrupt before the stack switch), DF (the
 * C ABI wants it clear), TF (no single-step trap on a user stack) and AC
 * (no SMAP override inherited from user mode).
 *
 * Before every return to user mode the kernel checks that the user-access
 * limit is the user limit (the 2017 hardening: a path that raised the
 * limit to the kernel's and forgot to lower it would let the process read
 * and write kernel memory through ordinary system calls).
 * Linux counterpart: arch/x86/entry/common.c (do_syscall_64),
 * arch/x86/kernel/cpu/common.c (syscall_init), syscall_64.tbl.
 */
#include "arch/x86/syscall.h"

#include "arch/x86/boot_layout.h"
#include "arch/x86/desc.h"
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "arch/x86/setjmp.h"
#include "arch/x86/uaccess.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "mm/mm_user.h"
#include "mm/pgtable.h"

#define X86_EFLAGS_TF	(1UL << 8)
#define X86_EFLAGS_DF	(1UL << 10)
#define X86_EFLAGS_RF	(1UL << 16)
#define NR_SYSCALLS	512
#define KERNEL_ADDR_LIMIT	(~0UL)

/* What a running user program needs to find its way back to its runner. */
struct user_ctx {
	struct jmp_buf exit_jmp;
	struct user_exit *out;
	unsigned long addr_limit;	/* the user-access limit */
};

static DEFINE_PER_CPU(struct user_ctx *, user_ctx);
static bool break_addr_limit;		/* test only */
static bool force_iret;			/* test only */
static unsigned long iret_returns;	/* system calls that left by iretq */

void
syscall_init_cpu(void)
{
	wrmsr(MSR_STAR, (u64)(GDT_USER_DS - 8) << 48 |
			(u64)GDT_KERNEL_CS << 32);
	wrmsr(MSR_LSTAR, (unsigned long)entry_SYSCALL_64);
	wrmsr(MSR_FMASK, X86_EFLAGS_IF | X86_EFLAGS_DF | X86_EFLAGS_TF |
			 X86_EFLAGS_AC);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

static void __attribute__((noreturn))
user_exit_to_runner(long status, bool killed)
{
	struct user_ctx *ctx = this_cpu(user_ctx);

	ctx->out->status = status;
	ctx->out->killed = killed;
	kernel_longjmp(&ctx->exit_jmp, 1);
}

void
user_fault_kill(const struct pt_regs *regs, unsigned long cr2)
{
	/* Linux's line (arch/x86/mm/fault.c show_signal_msg). */
	pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
		current->comm, current->pid, cr2, (unsigned long)regs->rip,
		(unsigned long)regs->rsp, (unsigned long)regs->error_code);
	user_exit_to_runner(regs->vector, true);
}

void
user_return_check_addr_limit(void)
{
	struct user_ctx *ctx = this_cpu(user_ctx);

	if (ctx->addr_limit != USER_ADDR_LIMIT) {
		pr_err("Invalid address limit on user-mode return\n");
		user_exit_to_runner(-EFAULT, true);
	}
}

void
syscall_test_break_addr_limit(void)
{
	WRITE_ONCE(break_addr_limit, true);
}

unsigned long
syscall_test_force_iret(bool on)
{
	WRITE_ONCE(force_iret, on);
	return READ_ONCE(iret_returns);
}

/* ---- the calls ---------------------------------------------------------- */

static long
sys_write(unsigned long fd, unsigned long ubuf, unsigned long count)
{
	char buf[128];
	unsigned long done = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (!access_ok(ubuf, count, USER_ADDR_LIMIT))
		return -EFAULT;
	while (done < count) {
		size_t n = count - done < sizeof(buf) ? count - done
						      : sizeof(buf);

		if (copy_from_user(buf, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		printk("%.*s", (int)n, buf);
		done += n;
	}
	return (long)done;
}

static long
sys_getpid(void)
{
	return current->pid;
}

static long
sys_getppid(void)
{
	if (READ_ONCE(break_addr_limit)) {
		/* The bug being guarded against: a raised limit left behind. */
		WRITE_ONCE(break_addr_limit, false);
		this_cpu(user_ctx)->addr_limit = KERNEL_ADDR_LIMIT;
	}
	return 0;		/* no parent process yet */
}

static long
sys_exit(unsigned long status)
{
	user_exit_to_runner((long)(status & 0xff), false);
}

typedef long (*syscall_fn)(unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long, unsigned long);

#define SC(nr, fn)	[nr] = (syscall_fn)(void (*)(void))(fn)
static const syscall_fn syscall_table[NR_SYSCALLS] = {
	SC(__NR_write, sys_write),
	SC(__NR_getpid, sys_getpid),
	SC(__NR_exit, sys_exit),
	SC(__NR_getppid, sys_getppid),
	SC(__NR_gettid, sys_getpid),	/* one thread per process yet */
	SC(__NR_exit_group, sys_exit),
};

static unsigned long enosys_logged[NR_SYSCALLS / 64 + 1];

static void
log_enosys_once(unsigned long nr)
{
	unsigned long slot = nr < NR_SYSCALLS ? nr : NR_SYSCALLS;
	unsigned long bit = 1UL << (slot % 64);

	if (enosys_logged[slot / 64] & bit)
		return;
	enosys_logged[slot / 64] |= bit;
	pr_info("%s[%d]: unimplemented system call %lu\n", current->comm,
		current->pid, nr);
}

/*
 * sysret is safe only when the frame holds what sysret will restore:
 * RCX == RIP and R11 == RFLAGS, RIP canonical (an Intel CPU raises #GP
 * in ring 0, on the user stack, for a non-canonical RCX), no RF or TF.
 */
static bool
can_sysret(const struct pt_regs *regs)
{
	if (regs->rcx != regs->rip || regs->r11 != regs->rflags)
		return false;
	if (regs->rip >= USER_ADDR_LIMIT || !va_is_canonical(regs->rip))
		return false;
	if (regs->cs != GDT_USER_CS || regs->ss != GDT_USER_DS)
		return false;
	return !(regs->rflags & (X86_EFLAGS_RF | X86_EFLAGS_TF));
}

bool
do_syscall_64(struct pt_regs *regs)
{
	unsigned long nr = regs->error_code;

	if (nr < NR_SYSCALLS && syscall_table[nr])
		regs->rax = syscall_table[nr](regs->rdi, regs->rsi, regs->rdx,
					      regs->r10, regs->r8, regs->r9);
	else
		log_enosys_once(nr);
	user_return_check_addr_limit();
	if (!READ_ONCE(force_iret) && can_sysret(regs))
		return true;
	iret_returns++;
	return false;
}

/* ---- entering user mode ------------------------------------------------ */

void
user_mode_run(unsigned long rip, unsigned long rsp, struct user_exit *out)
{
	unsigned long flags = local_irq_save();
	unsigned long top = this_cpu_read_hot(top_of_stack);
	struct user_ctx ctx = { .out = out, .addr_limit = USER_ADDR_LIMIT };
	/*
	 * Traps and system calls from ring 3 start at RSP0; point it below
	 * this frame, which the exit's longjmp comes back to.
	 */
	unsigned long sp0 = ((unsigned long)__builtin_frame_address(0) - 512)
			    & ~15UL;

	this_cpu(user_ctx) = &ctx;
	this_cpu_write_hot(top_of_stack, sp0);
	tss_set_sp0(sp0);
	if (kernel_setjmp(&ctx.exit_jmp) == 0)
		user_iret(rip, rsp);
	this_cpu(user_ctx) = NULL;
	this_cpu_write_hot(top_of_stack, top);
	tss_set_sp0(top);
	local_irq_restore(flags);
}
