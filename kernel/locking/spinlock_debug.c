/*
 * kernel/locking/spinlock_debug.c - lock_debug=on: spin locks that check
 * how they are used.
 *
 * Teaches: most locking bugs never show as a failure on the run that has
 * them; they deadlock once in a thousand boots, or on a bigger machine.
 * But each leaves a trace that is visible on every run if someone
 * looks: a lock taken by the CPU that already holds it, an unlock of a
 * free lock or of another CPU's lock, two locks taken in both orders.
 * With lock_debug=on every spin lock operation looks, and reports the
 * first time it sees one (once per lock, or per pair of locks), naming
 * the lock, where it was taken, and with a backtrace:
 *
 *	BUG: spinlock recursion on CPU#0, test_lock
 *	BUG: spinlock already unlocked on CPU#1, &zone->lock
 *	BUG: spinlock wrong CPU on CPU#2, ...
 *	WARNING: possible circular locking dependency detected
 *
 * Each lock records its holder's CPU and where it was taken; each CPU
 * keeps the stack of locks it holds (16 deep), and each new lock is
 * checked against every lock on that stack in the table of orders
 * (lock_order.c).
 *
 * Linux would hang on a recursive lock after reporting it (the CPU waits
 * for itself).  We report, then let the inner lock/unlock pair nest
 * inside the outer one without touching the lock, so the boot goes on
 * and the report can be read (and tested).  An unlock of a free lock is
 * reported and ignored (releasing it would push the ticket counter past
 * the tickets handed out and wedge the lock); an unlock by the wrong CPU
 * is reported and done, as Linux does.
 *
 * The default is off: the checks add a few hundred instructions to every
 * lock and unlock (see BENCH spinlock_pair), which would distort the
 * benchmarks that compare Pagoda with Linux 6.1 built without lock
 * debugging, and a student's `make run` should behave like a production
 * kernel.  tools/ktest turns it on for every test boot, where bugs
 * should be loud.
 * Linux counterpart: kernel/locking/spinlock_debug.c
 * (CONFIG_DEBUG_SPINLOCK), kernel/locking/lockdep.c (CONFIG_PROVE_LOCKING).
 */
#include "kernel/locking/lock_debug.h"

#include "arch/x86/percpu.h"
#include "arch/x86/stacktrace.h"
#include "kernel/ksyms.h"
#include "kernel/locking/lock_order.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

bool lock_debug_enabled;

static const char *const lock_debug_choices[] = { "on", "off", NULL };

static int
set_lock_debug(const char *val)
{
	lock_debug_enabled = !strcmp(val, "on");
	return 0;
}
early_param_choice("lock_debug", set_lock_debug, lock_debug_choices);

#define MAX_HELD	16

struct held_lock {
	spinlock_t *lock;
	int class;		/* lock order class, -1 if none */
	unsigned long ip;	/* where it was taken */
};

struct lock_debug_cpu {
	unsigned int depth;	/* locks held, counted past MAX_HELD too */
	struct held_lock held[MAX_HELD];
};

static DEFINE_PER_CPU(struct lock_debug_cpu, lock_debug_cpu);
static bool held_overflow_said;

/* The table is shared by all CPUs: a bare ticket lock, never checked. */
static arch_spinlock_t order_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static struct lock_order_table order_table;

enum lock_bug {
	LOCK_BUG_RECURSION = 1,
	LOCK_BUG_UNLOCKED = 2,
	LOCK_BUG_WRONG_CPU = 4,
};

/* A lock's name: its own, the symbol it is (statics), or its address. */
void
lock_debug_name(char *buf, size_t size, const spinlock_t *lock)
{
	if (lock->name)
		scnprintf(buf, size, "%s", lock->name);
	else if (ksym_format(buf, size, (unsigned long)lock) <= 0 ||
		 !strcmp(buf, "?"))
		scnprintf(buf, size, "unnamed lock %p", lock);
}

static void
format_ip(char *buf, size_t size, unsigned long ip)
{
	if (!ip)
		scnprintf(buf, size, "(not recorded)");
	else
		ksym_format(buf, size, ip);
}

void
lock_debug_print_held(unsigned int cpu)
{
	struct lock_debug_cpu *c = per_cpu_ptr(&lock_debug_cpu, cpu);
	char name[96], where[96];

	if (!c->depth) {
		printk(KERN_ERR "no locks held by CPU#%u\n", cpu);
		return;
	}
	printk(KERN_ERR "%u lock%s held by CPU#%u:\n", c->depth,
	       c->depth == 1 ? "" : "s", cpu);
	for (unsigned int i = 0; i < min(c->depth, (unsigned int)MAX_HELD);
	     i++) {
		lock_debug_name(name, sizeof(name), c->held[i].lock);
		format_ip(where, sizeof(where), c->held[i].ip);
		printk(KERN_ERR " #%u: %s, taken at %s\n", i, name, where);
	}
}

/*
 * Print a report's header and the lock's state, at most once per lock
 * and kind; returns whether it printed (the caller ends with a trace).
 */
static bool
report_lock_bug(spinlock_t *lock, enum lock_bug kind, const char *what,
		unsigned long ip)
{
	unsigned int cpu = smp_processor_id();
	char name[96], owner_at[96], here[96];
	int saved = console_loglevel;
	u32 tickets = READ_ONCE(lock->raw.val);

	if (lock->reported & kind)
		return false;
	lock->reported |= kind;
	lock_debug_name(name, sizeof(name), lock);
	format_ip(owner_at, sizeof(owner_at), lock->owner_ip);
	format_ip(here, sizeof(here), ip);
	console_verbose();	/* a bug report, whatever the log level */
	printk(KERN_ERR "BUG: spinlock %s on CPU#%u, %s\n", what, cpu, name);
	if (lock->owner_cpu)
		printk(KERN_ERR " lock: %s at %p, head %u tail %u, .owner_cpu: "
		       "%u, taken at %s\n", name, lock,
		       tickets & 0xffff, tickets >> TICKET_SHIFT,
		       lock->owner_cpu - 1, owner_at);
	else
		printk(KERN_ERR " lock: %s at %p, head %u tail %u, no owner "
		       "recorded\n", name, lock, tickets & 0xffff,
		       tickets >> TICKET_SHIFT);
	printk(KERN_ERR " this CPU is at %s\n", here);
	lock_debug_print_held(cpu);
	dump_stack();
	console_loglevel = saved;
	return true;
}

struct inversion {
	const char *held_name, *taken_name;
	unsigned long held_ip, taken_ip;	/* this time */
	unsigned long before_ip, after_ip;	/* the earlier, reverse order */
};

static void
report_inversion(const struct inversion *inv)
{
	char held_at[96], taken_at[96], before_at[96], after_at[96];
	unsigned int cpu = smp_processor_id();
	int saved = console_loglevel;
	const char *a = inv->held_name, *b = inv->taken_name;

	format_ip(held_at, sizeof(held_at), inv->held_ip);
	format_ip(taken_at, sizeof(taken_at), inv->taken_ip);
	format_ip(before_at, sizeof(before_at), inv->before_ip);
	format_ip(after_at, sizeof(after_at), inv->after_ip);
	console_verbose();
	printk(KERN_WARNING "WARNING: possible circular locking dependency "
	       "detected\n");
	printk(KERN_WARNING "CPU#%u is taking %s at %s\n", cpu, b, taken_at);
	printk(KERN_WARNING "while holding %s, taken at %s;\n", a, held_at);
	printk(KERN_WARNING "but earlier %s was taken while holding %s:\n",
	       a, b);
	printk(KERN_WARNING " %s taken at %s\n", b, before_at);
	printk(KERN_WARNING " then %s taken at %s\n", a, after_at);
	printk(KERN_WARNING "Two CPUs running these two paths at once can "
	       "deadlock:\n");
	printk(KERN_WARNING "       CPU0              CPU1\n");
	printk(KERN_WARNING "  lock(%s)\n", a);
	printk(KERN_WARNING "                    lock(%s)\n", b);
	printk(KERN_WARNING "  lock(%s): waits for CPU1\n", b);
	printk(KERN_WARNING "                    lock(%s): waits for CPU0\n",
	       a);
	lock_debug_print_held(cpu);
	dump_stack();
	console_loglevel = saved;
}

/*
 * The class of a named lock (NULL-named locks have none and are not
 * order-checked); called with order_lock held.
 */
static int
lock_class(const spinlock_t *lock)
{
	bool first_full;
	int class;

	if (!lock->name)
		return -1;
	class = lock_order_class(&order_table, lock->name, lock->name,
				 &first_full);
	if (first_full)
		printk(KERN_WARNING "lock_debug: lock class table full (%u "
		       "classes): new locks are not order-checked\n",
		       LOCK_ORDER_MAX_CLASSES);
	return class;
}

/*
 * Check taking `lock` at ip against every lock this CPU holds; returns
 * its class.  Interrupts are off.  Reports after dropping order_lock.
 */
static int
check_order(spinlock_t *lock, unsigned long ip)
{
	struct lock_debug_cpu *c = this_cpu_ptr(&lock_debug_cpu);
	struct inversion inv = { 0 };
	bool found = false, full = false;
	int class;

	arch_spin_lock(&order_lock);
	class = lock_class(lock);
	for (unsigned int i = 0; class >= 0 && i < c->depth && i < MAX_HELD;
	     i++) {
		const struct held_lock *h = &c->held[i];
		const struct lock_order_pair *rev;

		if (h->class < 0)
			continue;
		switch (lock_order_note(&order_table, h->class, class, h->ip,
					ip, &rev)) {
		case LOCK_ORDER_INVERSION:
			if (found)
				break;
			found = true;
			inv.held_name = order_table.name[h->class];
			inv.taken_name = order_table.name[class];
			inv.held_ip = h->ip;
			inv.taken_ip = ip;
			inv.before_ip = rev->first_ip;
			inv.after_ip = rev->second_ip;
			break;
		case LOCK_ORDER_FULL:
			full = true;
			break;
		default:
			break;
		}
	}
	arch_spin_unlock(&order_lock);
	if (full)
		printk(KERN_WARNING "lock_debug: lock order table full (%u "
		       "pairs): new orders are not checked\n",
		       LOCK_ORDER_MAX_PAIRS);
	if (found)
		report_inversion(&inv);
	return class;
}

static void
push_held(spinlock_t *lock, int class, unsigned long ip)
{
	struct lock_debug_cpu *c = this_cpu_ptr(&lock_debug_cpu);

	if (c->depth < MAX_HELD) {
		c->held[c->depth] = (struct held_lock){ lock, class, ip };
	} else if (!held_overflow_said) {
		held_overflow_said = true;
		printk(KERN_WARNING "lock_debug: more than %u locks held on "
		       "CPU#%u: the deeper ones are not order-checked\n",
		       MAX_HELD, smp_processor_id());
	}
	c->depth++;
}

/* Locks are often released out of order: remove it wherever it is. */
static void
pop_held(spinlock_t *lock)
{
	struct lock_debug_cpu *c = this_cpu_ptr(&lock_debug_cpu);
	unsigned int n = min(c->depth, (unsigned int)MAX_HELD);

	for (unsigned int i = n; i-- > 0;) {
		if (c->held[i].lock != lock)
			continue;
		memmove(&c->held[i], &c->held[i + 1],
			(n - i - 1) * sizeof(c->held[0]));
		c->depth--;
		return;
	}
	/* Not on the stack: taken past MAX_HELD, or before lock_debug. */
	if (c->depth > MAX_HELD)
		c->depth--;
}

static void
set_owner(spinlock_t *lock, int class, unsigned long ip)
{
	WRITE_ONCE(lock->owner_cpu, smp_processor_id() + 1);
	lock->owner_ip = ip;
	push_held(lock, class, ip);
}

__attribute__((noinline)) void
spin_lock_debug(spinlock_t *lock)
{
	unsigned long ip = (unsigned long)__builtin_return_address(0);
	unsigned long flags = local_irq_save();
	unsigned int me = smp_processor_id() + 1;
	int class;

	/* The owner field is cleared before every release: ours is ours. */
	if (READ_ONCE(lock->owner_cpu) == me) {
		if (report_lock_bug(lock, LOCK_BUG_RECURSION, "recursion", ip))
			printk(KERN_ERR "lock_debug: not waiting for ourselves: "
			       "the inner lock/unlock pair is let through\n");
		lock->recursion++;
		local_irq_restore(flags);
		return;
	}
	/* Before waiting: the report must come even if we now deadlock. */
	class = check_order(lock, ip);
	local_irq_restore(flags);
	arch_spin_lock(&lock->raw);
	flags = local_irq_save();
	set_owner(lock, class, ip);
	local_irq_restore(flags);
}

__attribute__((noinline)) bool
spin_trylock_debug(spinlock_t *lock)
{
	unsigned long ip = (unsigned long)__builtin_return_address(0);
	unsigned long flags;
	int class;

	if (!arch_spin_trylock(&lock->raw))
		return false;
	/* A trylock never waits, so it cannot deadlock: no order check. */
	flags = local_irq_save();
	arch_spin_lock(&order_lock);
	class = lock_class(lock);
	arch_spin_unlock(&order_lock);
	set_owner(lock, class, ip);
	local_irq_restore(flags);
	return true;
}

__attribute__((noinline)) void
spin_unlock_debug(spinlock_t *lock)
{
	unsigned long ip = (unsigned long)__builtin_return_address(0);
	unsigned long flags = local_irq_save();
	unsigned int me = smp_processor_id() + 1;
	unsigned int owner = READ_ONCE(lock->owner_cpu);

	if (lock->recursion && owner == me) {
		lock->recursion--;	/* the inner half of a recursion */
		local_irq_restore(flags);
		return;
	}
	if (!arch_spin_is_locked(&lock->raw)) {
		report_lock_bug(lock, LOCK_BUG_UNLOCKED, "already unlocked",
				ip);
		local_irq_restore(flags);
		return;
	}
	/* owner 0: taken before lock_debug was set; release quietly. */
	if (owner && owner != me)
		report_lock_bug(lock, LOCK_BUG_WRONG_CPU, "wrong CPU", ip);
	pop_held(lock);
	WRITE_ONCE(lock->owner_cpu, 0);
	lock->owner_ip = 0;
	arch_spin_unlock(&lock->raw);
	local_irq_restore(flags);
}

unsigned int
lock_debug_held_count(void)
{
	return this_cpu_ptr(&lock_debug_cpu)->depth;
}
