/*
 * kernel/locking/locking_test.c - ktest suite "locking": spin locks,
 * atomics, and the reports of lock debugging.
 *
 * Teaches: a lock's promises can be checked one by one: tickets are
 * served in the order they were taken, trylock never waits and never
 * changes a held lock, the irqsave variants give the interrupt flag
 * back as they found it, a held lock counts in the preemption count.
 * And a debugging check is only worth something if it fires: each
 * report of lock_debug=on is provoked here on purpose, and the text is
 * read back (ktest_capture) to check that it names the lock, the CPU,
 * where the lock was taken, and carries a backtrace; provoked a second
 * time it must stay silent (once per lock).  Those lines are allowed
 * for this suite in tools/ktest_plan.py (SUITE_ALLOW).
 *
 * Values are derived here by hand (the ticket arithmetic, the expected
 * source line of a might_sleep() from __LINE__), never from what the
 * code printed before.  The report cases need lock_debug=on, which
 * tools/ktest gives every test boot; without it they are skipped.
 * Linux counterpart: lib/locking-selftest.c (which provokes lockdep's
 * reports the same way), lib/atomic64_test.c.
 */
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "kernel/atomic.h"
#include "kernel/ktest.h"
#include "kernel/locking/lock_debug.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

static void
atomic_ops(struct ktest *t)
{
	atomic_t a = ATOMIC_INIT(5);
	atomic_long_t l = ATOMIC_INIT(-3);

	KT_EXPECT_EQ(t, atomic_read(&a), 5);
	atomic_inc(&a);				/* 6 */
	atomic_add(10, &a);			/* 16 */
	atomic_sub(4, &a);			/* 12 */
	atomic_dec(&a);				/* 11 */
	KT_EXPECT_EQ(t, atomic_read(&a), 11);
	KT_EXPECT_EQ(t, atomic_inc_return(&a), 12);
	KT_EXPECT_EQ(t, atomic_fetch_add(3, &a), 12);	/* now 15 */
	/* cmpxchg returns what it found, and stores only on a match. */
	KT_EXPECT_EQ(t, atomic_cmpxchg(&a, 99, 1), 15);
	KT_EXPECT_EQ(t, atomic_read(&a), 15);
	KT_EXPECT_EQ(t, atomic_cmpxchg(&a, 15, 2), 15);
	KT_EXPECT_EQ(t, atomic_read(&a), 2);
	KT_EXPECT_EQ(t, atomic_xchg(&a, 7), 2);
	KT_EXPECT_FALSE(t, atomic_dec_and_test(&a));	/* 6 */
	atomic_set(&a, 1);
	KT_EXPECT_TRUE(t, atomic_dec_and_test(&a));	/* 0: the last one */
	KT_EXPECT_FALSE(t, atomic_inc_not_zero(&a));
	KT_EXPECT_EQ(t, atomic_read(&a), 0);
	atomic_set(&a, 3);
	KT_EXPECT_TRUE(t, atomic_inc_not_zero(&a));
	KT_EXPECT_EQ(t, atomic_read(&a), 4);

	/* long: past 32 bits, and negative. */
	atomic_long_add(0x100000000L, &l);
	KT_EXPECT_EQ(t, atomic_long_read(&l), 0xfffffffdL);
	KT_EXPECT_EQ(t, atomic_long_dec_return(&l), 0xfffffffcL);
	atomic_long_set(&l, 1);
	KT_EXPECT_TRUE(t, atomic_long_dec_and_test(&l));
	KT_EXPECT_EQ(t, atomic_long_sub_return(2, &l), -2);
}

/*
 * The ticket arithmetic, with "waiters" that only take their tickets
 * (arch_spin_take_ticket) and never spin: one CPU can show the order in
 * which a ticket lock would serve them.
 */
static void
ticket_order(struct ktest *t)
{
	arch_spinlock_t lock = __ARCH_SPIN_LOCK_UNLOCKED;
	bool got_it;
	u16 first, second, third;

	first = arch_spin_take_ticket(&lock, &got_it);
	KT_EXPECT_TRUE(t, got_it);		/* free: served at once */
	second = arch_spin_take_ticket(&lock, &got_it);
	KT_EXPECT_FALSE(t, got_it);
	third = arch_spin_take_ticket(&lock, &got_it);
	KT_EXPECT_FALSE(t, got_it);
	KT_EXPECT_EQ(t, first, 0);
	KT_EXPECT_EQ(t, second, 1);
	KT_EXPECT_EQ(t, third, 2);
	KT_EXPECT_TRUE(t, arch_spin_is_locked(&lock));
	KT_EXPECT_TRUE(t, arch_spin_is_contended(&lock));
	/* Each unlock serves the next ticket, in the order taken. */
	arch_spin_unlock(&lock);
	KT_EXPECT_EQ(t, lock.tickets.head, second);
	KT_EXPECT_TRUE(t, arch_spin_is_contended(&lock));
	arch_spin_unlock(&lock);
	KT_EXPECT_EQ(t, lock.tickets.head, third);
	KT_EXPECT_FALSE(t, arch_spin_is_contended(&lock));
	KT_EXPECT_TRUE(t, arch_spin_is_locked(&lock));
	arch_spin_unlock(&lock);
	KT_EXPECT_FALSE(t, arch_spin_is_locked(&lock));

	/* The counters wrap at 16 bits and the lock still works. */
	lock.tickets.head = lock.tickets.tail = 0xffff;
	KT_EXPECT_FALSE(t, arch_spin_is_locked(&lock));
	arch_spin_lock(&lock);
	KT_EXPECT_EQ(t, lock.tickets.tail, 0);
	KT_EXPECT_TRUE(t, arch_spin_is_locked(&lock));
	arch_spin_unlock(&lock);
	KT_EXPECT_EQ(t, lock.tickets.head, 0);
	KT_EXPECT_FALSE(t, arch_spin_is_locked(&lock));
}

static DEFINE_SPINLOCK(locking_test_plain);

static void
trylock_semantics(struct ktest *t)
{
	unsigned int pc = preempt_count();
	u32 held;

	KT_ASSERT_TRUE(t, spin_trylock(&locking_test_plain));
	KT_EXPECT_EQ(t, preempt_count(), pc + 1);
	held = locking_test_plain.raw.val;
	/* Held: fails at once, takes no ticket, leaves the count alone. */
	KT_EXPECT_FALSE(t, spin_trylock(&locking_test_plain));
	KT_EXPECT_EQ(t, locking_test_plain.raw.val, held);
	KT_EXPECT_EQ(t, preempt_count(), pc + 1);
	spin_unlock(&locking_test_plain);
	KT_EXPECT_EQ(t, preempt_count(), pc);
	KT_EXPECT_FALSE(t, spin_is_locked(&locking_test_plain));
	KT_EXPECT_TRUE(t, spin_trylock(&locking_test_plain));
	spin_unlock(&locking_test_plain);
}

static void
lock_counts_in_preempt_count(struct ktest *t)
{
	unsigned int pc = preempt_count();

	spin_lock(&locking_test_plain);
	KT_EXPECT_EQ(t, preempt_count(), pc + 1);
	KT_EXPECT_TRUE(t, in_atomic());
	KT_EXPECT_TRUE(t, spin_is_locked(&locking_test_plain));
	spin_unlock(&locking_test_plain);
	KT_EXPECT_EQ(t, preempt_count(), pc);
	KT_EXPECT_FALSE(t, spin_is_locked(&locking_test_plain));
}

static bool
if_set(void)
{
	return local_save_flags() & X86_EFLAGS_IF;
}

static void
irqsave_restores_if(struct ktest *t)
{
	unsigned long flags, outer;

	/* Interrupts are on after boot (start_kernel's sti). */
	KT_ASSERT_TRUE(t, if_set());
	flags = spin_lock_irqsave(&locking_test_plain);
	KT_EXPECT_FALSE(t, if_set());
	KT_EXPECT_TRUE(t, flags & X86_EFLAGS_IF);
	spin_unlock_irqrestore(&locking_test_plain, flags);
	KT_EXPECT_TRUE(t, if_set());

	/* Taken with interrupts already off: they stay off. */
	outer = local_irq_save();
	flags = spin_lock_irqsave(&locking_test_plain);
	KT_EXPECT_FALSE(t, flags & X86_EFLAGS_IF);
	spin_unlock_irqrestore(&locking_test_plain, flags);
	KT_EXPECT_FALSE(t, if_set());
	local_irq_restore(outer);
	KT_EXPECT_TRUE(t, if_set());

	spin_lock_irq(&locking_test_plain);
	KT_EXPECT_FALSE(t, if_set());
	spin_unlock_irq(&locking_test_plain);
	KT_EXPECT_TRUE(t, if_set());
}

/* Each provoked report is read back from the console. */
static const char *
capture_around(void (*provoke)(void))
{
	ktest_capture_begin();
	provoke();
	return ktest_capture_end(NULL);
}

static void
need_lock_debug(struct ktest *t)
{
	if (!lock_debug_enabled)
		ktest_skip(t, "boot without lock_debug=on");
}

/* "BUG: spinlock <what> on CPU#<cpu>, <name>" as a string to look for. */
static const char *
bug_line(char *buf, size_t size, const char *what, const char *name)
{
	scnprintf(buf, size, "BUG: spinlock %s on CPU#%u, %s\n", what,
		  smp_processor_id(), name);
	return buf;
}

static DEFINE_SPINLOCK(locking_test_recursive);

static __attribute__((noinline)) void
take_twice(void)
{
	spin_lock(&locking_test_recursive);
	spin_lock(&locking_test_recursive);	/* the bug */
	spin_unlock(&locking_test_recursive);
	spin_unlock(&locking_test_recursive);
}

static void
report_recursion(struct ktest *t)
{
	unsigned int pc = preempt_count();
	char want[96];
	const char *out;

	need_lock_debug(t);
	ktest_log(t, "the spinlock recursion report below is expected");
	out = capture_around(take_twice);
	KT_EXPECT_TRUE(t, strstr(out, bug_line(want, sizeof(want),
					       "recursion",
					       "locking_test_recursive")));
	/* Where the holder took it: the first spin_lock, in take_twice. */
	KT_EXPECT_TRUE(t, strstr(out, "taken at take_twice+0x"));
	KT_EXPECT_TRUE(t, strstr(out, "Call Trace:"));
	/* The boot went on and the lock is whole again. */
	KT_EXPECT_FALSE(t, spin_is_locked(&locking_test_recursive));
	KT_EXPECT_EQ(t, preempt_count(), pc);
	/* Once per lock. */
	out = capture_around(take_twice);
	KT_EXPECT_FALSE(t, strstr(out, "BUG: spinlock"));
	KT_EXPECT_FALSE(t, spin_is_locked(&locking_test_recursive));
}

static DEFINE_SPINLOCK(locking_test_unlocked);

static __attribute__((noinline)) void
unlock_free_lock(void)
{
	preempt_disable();	/* spin_unlock gives one back */
	spin_unlock(&locking_test_unlocked);
}

static void
report_already_unlocked(struct ktest *t)
{
	unsigned int pc = preempt_count();
	char want[96];
	const char *out;
	u32 before = locking_test_unlocked.raw.val;

	need_lock_debug(t);
	ktest_log(t, "the spinlock already unlocked report below is expected");
	out = capture_around(unlock_free_lock);
	KT_EXPECT_TRUE(t, strstr(out, bug_line(want, sizeof(want),
					       "already unlocked",
					       "locking_test_unlocked")));
	KT_EXPECT_TRUE(t, strstr(out, "Call Trace:"));
	/* Ignored: the tickets did not move, so the lock still works. */
	KT_EXPECT_EQ(t, locking_test_unlocked.raw.val, before);
	KT_EXPECT_EQ(t, preempt_count(), pc);
	KT_EXPECT_TRUE(t, spin_trylock(&locking_test_unlocked));
	spin_unlock(&locking_test_unlocked);
	out = capture_around(unlock_free_lock);
	KT_EXPECT_FALSE(t, strstr(out, "BUG: spinlock"));
}

static DEFINE_SPINLOCK(locking_test_wrong_cpu);
static unsigned int other_cpu;

/*
 * Another CPU "holds" the lock: we take it and then write that CPU's
 * number into the owner field, as its spin_lock would have.  (With one
 * CPU online the number names no real CPU; the check compares numbers.)
 */
static __attribute__((noinline)) void
unlock_other_cpus_lock(void)
{
	spin_lock(&locking_test_wrong_cpu);
	WRITE_ONCE(locking_test_wrong_cpu.owner_cpu, other_cpu + 1);
	spin_unlock(&locking_test_wrong_cpu);
}

static void
report_wrong_cpu(struct ktest *t)
{
	char want[96];
	const char *out;

	need_lock_debug(t);
	other_cpu = smp_processor_id() + 1;
	ktest_log(t, "the spinlock wrong CPU report below is expected");
	out = capture_around(unlock_other_cpus_lock);
	KT_EXPECT_TRUE(t, strstr(out, bug_line(want, sizeof(want),
					       "wrong CPU",
					       "locking_test_wrong_cpu")));
	scnprintf(want, sizeof(want), ".owner_cpu: %u, taken at "
		  "unlock_other_cpus_lock+0x", other_cpu);
	KT_EXPECT_TRUE(t, strstr(out, want));
	KT_EXPECT_TRUE(t, strstr(out, "Call Trace:"));
	/* Released anyway, as Linux does. */
	KT_EXPECT_FALSE(t, spin_is_locked(&locking_test_wrong_cpu));
	out = capture_around(unlock_other_cpus_lock);
	KT_EXPECT_FALSE(t, strstr(out, "BUG: spinlock"));
}

static int sleep_line[4];

/* One might_sleep() per context, each on its own line (its own site). */
static __attribute__((noinline)) void
sleep_in_atomic(void)
{
	spin_lock(&locking_test_plain);
	might_sleep(); sleep_line[0] = __LINE__;
	spin_unlock(&locking_test_plain);
}

static __attribute__((noinline)) void
sleep_with_irqs_off(void)
{
	unsigned long flags = local_irq_save();

	might_sleep(); sleep_line[1] = __LINE__;
	local_irq_restore(flags);
}

/*
 * Inside an interrupt handler: the irq depth is what do_irq() raises;
 * we raise it by hand (interrupts off, as in a handler) rather than
 * borrow a vector.
 */
static __attribute__((noinline)) void
sleep_in_interrupt(void)
{
	unsigned long flags = local_irq_save();
	unsigned int depth = this_cpu_read_hot(irq_depth);

	this_cpu_write_hot(irq_depth, depth + 1);
	might_sleep(); sleep_line[2] = __LINE__;
	this_cpu_write_hot(irq_depth, depth);
	local_irq_restore(flags);
}

static __attribute__((noinline)) void
sleep_where_allowed(void)
{
	might_sleep(); sleep_line[3] = __LINE__;
}

static void
expect_sleep_report(struct ktest *t, const char *out, int line,
		    const char *state)
{
	char want[128];

	scnprintf(want, sizeof(want), "BUG: sleeping function called from "
		  "invalid context at %s:%d\n", __FILE__, line);
	KT_EXPECT_TRUE(t, strstr(out, want));
	KT_EXPECT_TRUE(t, strstr(out, state));
	KT_EXPECT_TRUE(t, strstr(out, "Call Trace:"));
}

static void
report_might_sleep(struct ktest *t)
{
	const char *out;

	need_lock_debug(t);
	if (system_state != SYSTEM_RUNNING)
		ktest_skip(t, "system_state is not SYSTEM_RUNNING");
	ktest_log(t, "three sleeping function reports below are expected");
	out = capture_around(sleep_in_atomic);
	expect_sleep_report(t, out, sleep_line[0],
			    "in_atomic(): 1, irqs_disabled(): 0, "
			    "in_interrupt(): 0, preempt_count: 1");
	/* The held lock is listed, with where it was taken. */
	KT_EXPECT_TRUE(t, strstr(out, "locking_test_plain, taken at "
				      "sleep_in_atomic+0x"));
	out = capture_around(sleep_with_irqs_off);
	expect_sleep_report(t, out, sleep_line[1],
			    "in_atomic(): 0, irqs_disabled(): 1, "
			    "in_interrupt(): 0");
	out = capture_around(sleep_in_interrupt);
	expect_sleep_report(t, out, sleep_line[2], "in_interrupt(): 1");
	/* Allowed context: silent.  A reported site: silent the 2nd time. */
	out = capture_around(sleep_where_allowed);
	KT_EXPECT_FALSE(t, strstr(out, "BUG:"));
	KT_EXPECT_NE(t, sleep_line[3], 0);
	out = capture_around(sleep_in_atomic);
	KT_EXPECT_FALSE(t, strstr(out, "BUG:"));
}

static DEFINE_SPINLOCK(locking_test_a);
static DEFINE_SPINLOCK(locking_test_b);

static __attribute__((noinline)) void
a_then_b(void)
{
	spin_lock(&locking_test_a);
	spin_lock(&locking_test_b);
	spin_unlock(&locking_test_b);
	spin_unlock(&locking_test_a);
}

static __attribute__((noinline)) void
b_then_a(void)
{
	unsigned long flags = spin_lock_irqsave(&locking_test_b);

	spin_lock(&locking_test_a);
	spin_unlock(&locking_test_a);
	spin_unlock_irqrestore(&locking_test_b, flags);
}

static void
report_order_inversion(struct ktest *t)
{
	const char *out;

	need_lock_debug(t);
	/* One order alone is fine, as often as it happens. */
	out = capture_around(a_then_b);
	out = capture_around(a_then_b);
	KT_EXPECT_FALSE(t, strstr(out, "WARNING:"));
	ktest_log(t, "the circular locking dependency report below is "
		  "expected");
	out = capture_around(b_then_a);
	KT_EXPECT_TRUE(t, strstr(out, "WARNING: possible circular locking "
				      "dependency detected\n"));
	/* Both locks, both orders, and where each was taken. */
	KT_EXPECT_TRUE(t, strstr(out, "is taking locking_test_a at "
				      "b_then_a+0x"));
	KT_EXPECT_TRUE(t, strstr(out, "while holding locking_test_b, taken "
				      "at b_then_a+0x"));
	KT_EXPECT_TRUE(t, strstr(out, " locking_test_a taken at a_then_b+0x"));
	KT_EXPECT_TRUE(t, strstr(out, " then locking_test_b taken at "
				      "a_then_b+0x"));
	KT_EXPECT_TRUE(t, strstr(out, "Call Trace:"));
	KT_EXPECT_FALSE(t, spin_is_locked(&locking_test_a));
	KT_EXPECT_FALSE(t, spin_is_locked(&locking_test_b));
	/* Once per pair, whichever order comes next. */
	out = capture_around(b_then_a);
	KT_EXPECT_FALSE(t, strstr(out, "WARNING:"));
	out = capture_around(a_then_b);
	KT_EXPECT_FALSE(t, strstr(out, "WARNING:"));
}

/* Debugging keeps count of what this CPU holds, nesting included. */
static void
held_locks_counted(struct ktest *t)
{
	unsigned int held = lock_debug_held_count();

	need_lock_debug(t);
	spin_lock(&locking_test_a);
	KT_EXPECT_EQ(t, lock_debug_held_count(), held + 1);
	KT_EXPECT_TRUE(t, spin_trylock(&locking_test_plain));
	KT_EXPECT_EQ(t, lock_debug_held_count(), held + 2);
	/* Released out of order: still counted right. */
	spin_unlock(&locking_test_a);
	KT_EXPECT_EQ(t, lock_debug_held_count(), held + 1);
	spin_unlock(&locking_test_plain);
	KT_EXPECT_EQ(t, lock_debug_held_count(), held);
}

KTEST_SUITE(locking,
	    KTEST_CASE(atomic_ops),
	    KTEST_CASE(ticket_order),
	    KTEST_CASE(trylock_semantics),
	    KTEST_CASE(lock_counts_in_preempt_count),
	    KTEST_CASE(irqsave_restores_if),
	    KTEST_CASE(report_recursion),
	    KTEST_CASE(report_already_unlocked),
	    KTEST_CASE(report_wrong_cpu),
	    KTEST_CASE(report_might_sleep),
	    KTEST_CASE(report_order_inversion),
	    KTEST_CASE(held_locks_counted));
