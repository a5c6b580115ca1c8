/*
 * kernel/locking/locktorture.c - ktest suite "locktorture": every CPU
 * hammers one lock at the same time, and the data it guards must stay
 * consistent.
 *
 * Teaches: a lock is tested by what it protects.  Each CPU, in a
 * function run on all online CPUs at once (on_each_cpu), takes the
 * shared lock a fixed number of times and inside it
 *  - checks that nobody else is inside (an owner field that must be
 *    free, then ours for the whole section),
 *  - moves two counters forward non-atomically, with work and a
 *    `pause` in the middle (under QEMU a pause often hands the host
 *    thread to another vCPU, so the others then find the lock held: on
 *    2s, 300-500 of 1,024 acquisitions), so that a second CPU inside
 *    the section at the same time would find them unequal (with the
 *    lock taken out, runs on 2s counted 1,722 and 66 errors; not every
 *    run catches it, which is why the test runs on every topology),
 * counting every violation.  The count must be 0, and the counters must
 * end at exactly CPUs x iterations.  The work is a fixed number of
 * iterations, not a time, so a busy host only makes it slower.  Each
 * CPU waits (bounded) at a start line until all have arrived, so they
 * really contend; how often a CPU found the lock held is logged, not
 * asserted (it depends on how QEMU schedules the virtual CPUs).
 *
 * The same for spin_lock_irqsave and for spin_trylock (retrying), and a
 * fairness check: CPUs queued on the ticket lock are served in ticket
 * order (with the ticket functions themselves: under QEMU spin_lock()
 * spins test-and-set, see kernel/spinlock.h; `spinlock=ticket` makes
 * the torture cases use tickets too).  With one CPU online the cases
 * still run, uncontended.
 * Linux counterpart: kernel/locking/locktorture.c (kthreads for a fixed
 * time, reporting "Writes: Total: N Max/Min: ... Fail: 0").
 */
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "kernel/atomic.h"
#include "kernel/cpumask.h"
#include "kernel/ktest.h"
#include "kernel/smp.h"
#include "kernel/spinlock.h"

/* Acquisitions in all, shared out over the CPUs (at least 4 each). */
#define TORTURE_TOTAL	1024
#define TORTURE_MIN	4
/*
 * Pauses a CPU waits at the start line before going anyway: the host
 * may take tens of milliseconds to run every vCPU thread of a loaded
 * machine, and a CPU that starts alone tortures nothing.
 */
#define START_SPINS	500000000UL
/* Pauses the test CPU waits for the others to finish: a lost IPI. */
#define DONE_SPINS	4000000000UL

enum torture_mode { TORTURE_LOCK, TORTURE_IRQSAVE, TORTURE_TRYLOCK };

struct torture {
	spinlock_t lock;
	enum torture_mode mode;
	unsigned int ncpus, iterations;
	atomic_t arrived, done, late;
	atomic_long_t errors, found_held, trylock_failed;
	/* Guarded by lock: */
	unsigned long a, b;
	unsigned int owner;		/* CPU + 1 inside, 0: nobody */
};

static struct torture torture;

/* True if every CPU arrived in time. */
/*
 * Work inside and between critical sections, in loop turns.  Long
 * enough that a virtual CPU is often stopped by QEMU or the host in the
 * middle of a section, so that the others find the lock held.
 */
#define SECTION_WORK	100

static void
spend(unsigned int turns)
{
	for (volatile unsigned int i = 0; i < turns; i++)
		;
}

static bool
start_together(atomic_t *arrived, unsigned int ncpus)
{
	atomic_inc(arrived);
	for (unsigned long i = 0; i < START_SPINS; i++) {
		if ((unsigned int)atomic_read(arrived) >= ncpus)
			return true;
		cpu_relax();
	}
	return false;
}

static unsigned long
take(struct torture *tt)
{
	unsigned long flags = 0;

	switch (tt->mode) {
	case TORTURE_IRQSAVE:
		flags = spin_lock_irqsave(&tt->lock);
		break;
	case TORTURE_TRYLOCK:
		while (!spin_trylock(&tt->lock)) {
			atomic_long_inc(&tt->trylock_failed);
			cpu_relax();
		}
		break;
	default:
		spin_lock(&tt->lock);
	}
	return flags;
}

static void
release(struct torture *tt, unsigned long flags)
{
	if (tt->mode == TORTURE_IRQSAVE)
		spin_unlock_irqrestore(&tt->lock, flags);
	else
		spin_unlock(&tt->lock);
}

static void
torture_cpu(void *info)
{
	struct torture *tt = info;
	unsigned int me = smp_processor_id() + 1;
	long errors = 0, held = 0;

	if (!start_together(&tt->arrived, tt->ncpus))
		atomic_inc(&tt->late);
	for (unsigned int i = 0; i < tt->iterations; i++) {
		unsigned long flags, a;

		held += spin_is_locked(&tt->lock);
		flags = take(tt);
		errors += READ_ONCE(tt->owner) != 0;
		WRITE_ONCE(tt->owner, me);
		a = READ_ONCE(tt->a);
		/* Widen the window for a 2nd CPU; pause lets QEMU switch. */
		spend(SECTION_WORK);
		cpu_relax();
		WRITE_ONCE(tt->a, a + 1);
		WRITE_ONCE(tt->b, READ_ONCE(tt->b) + 1);
		errors += READ_ONCE(tt->a) != READ_ONCE(tt->b);
		errors += READ_ONCE(tt->owner) != me;
		WRITE_ONCE(tt->owner, 0);
		release(tt, flags);
		spend(SECTION_WORK);	/* let another CPU in */
	}
	atomic_long_add(errors, &tt->errors);
	atomic_long_add(held, &tt->found_held);
	atomic_inc(&tt->done);
}

static bool
wait_done(atomic_t *done, unsigned int ncpus)
{
	for (unsigned long i = 0; i < DONE_SPINS; i++) {
		if ((unsigned int)atomic_read(done) >= ncpus)
			return true;
		cpu_relax();
	}
	return false;
}

static void
run_torture(struct ktest *t, enum torture_mode mode, const char *what)
{
	struct torture *tt = &torture;
	unsigned long total;

	*tt = (struct torture){ .mode = mode };
	spin_lock_init(&tt->lock);
	tt->ncpus = num_online_cpus();
	tt->iterations = max(TORTURE_TOTAL / tt->ncpus,
			     (unsigned int)TORTURE_MIN);
	total = (unsigned long)tt->ncpus * tt->iterations;
	/* Asynchronous, so that this CPU runs its share with the others. */
	on_each_cpu(torture_cpu, tt, false);
	KT_ASSERT_TRUE(t, wait_done(&tt->done, tt->ncpus));
	ktest_log(t, "%s (%s): %u CPUs x %u = %lu acquisitions, %d CPUs "
		  "started late, lock found held %ld times, %ld failed "
		  "trylocks, %ld errors", what,
		  spin_lock_tas_mode ? "test-and-set" : "ticket",
		  tt->ncpus, tt->iterations, total, atomic_read(&tt->late),
		  atomic_long_read(&tt->found_held),
		  atomic_long_read(&tt->trylock_failed),
		  atomic_long_read(&tt->errors));
	KT_EXPECT_EQ(t, atomic_long_read(&tt->errors), 0);
	KT_EXPECT_EQ(t, tt->a, total);
	KT_EXPECT_EQ(t, tt->b, total);
	KT_EXPECT_EQ(t, tt->owner, 0);
	KT_EXPECT_FALSE(t, spin_is_locked(&tt->lock));
}

static void
torture_spin_lock(struct ktest *t)
{
	run_torture(t, TORTURE_LOCK, "spin_lock");
}

static void
torture_spin_lock_irqsave(struct ktest *t)
{
	run_torture(t, TORTURE_IRQSAVE, "spin_lock_irqsave");
}

static void
torture_spin_trylock(struct ktest *t)
{
	run_torture(t, TORTURE_TRYLOCK, "spin_trylock");
}

/*
 * Fairness: the CPU running the test takes the lock first and holds it
 * until every other CPU has taken a ticket (bounded wait), then lets
 * go.  Each CPU writes down the ticket it was served with, in the order
 * it got in; a FIFO lock serves ticket k as the k-th holder.
 */
static struct {
	arch_spinlock_t lock;
	unsigned int ncpus, initiator, served;
	atomic_t arrived, done;
	u16 order[NR_CPUS];
	bool all_queued;
} fifo;

static void
fifo_cpu(void *info)
{
	bool got_it;
	u16 ticket;

	(void)info;
	if (smp_processor_id() == fifo.initiator) {
		/* Already holds the lock (taken before the call). */
		for (unsigned long i = 0; i < START_SPINS; i++) {
			u32 v = READ_ONCE(fifo.lock.val);

			if ((u16)((v >> TICKET_SHIFT) - v) >= fifo.ncpus) {
				fifo.all_queued = true;
				break;
			}
			cpu_relax();
		}
		arch_spin_unlock(&fifo.lock);
		atomic_inc(&fifo.done);
		return;
	}
	ticket = arch_spin_take_ticket(&fifo.lock, &got_it);
	if (!got_it)
		arch_spin_wait_turn(&fifo.lock, ticket);
	fifo.order[fifo.served++] = ticket;
	arch_spin_unlock(&fifo.lock);
	atomic_inc(&fifo.done);
}

static void
fifo_order(struct ktest *t)
{
	bool got_it;
	u16 first;

	fifo.ncpus = num_online_cpus();
	if (fifo.ncpus < 2)
		ktest_skip(t, "one CPU online: nobody to queue");
	fifo.initiator = smp_processor_id();
	fifo.served = 0;
	fifo.all_queued = false;
	atomic_set(&fifo.done, 0);
	first = arch_spin_take_ticket(&fifo.lock, &got_it);
	KT_ASSERT_TRUE(t, got_it);
	on_each_cpu(fifo_cpu, NULL, false);
	KT_ASSERT_TRUE(t, wait_done(&fifo.done, fifo.ncpus));
	ktest_log(t, "%u CPUs; all queued behind the holder: %s", fifo.ncpus,
		  fifo.all_queued ? "yes" : "no (timed out, served anyway)");
	KT_EXPECT_EQ(t, fifo.served, fifo.ncpus - 1);
	for (unsigned int i = 0; i < fifo.served; i++)
		KT_EXPECT_EQ(t, fifo.order[i], (u16)(first + 1 + i));
	KT_EXPECT_FALSE(t, arch_spin_is_locked(&fifo.lock));
}

KTEST_SUITE(locktorture,
	    KTEST_CASE(torture_spin_lock),
	    KTEST_CASE(torture_spin_lock_irqsave),
	    KTEST_CASE(torture_spin_trylock),
	    KTEST_CASE(fifo_order));
