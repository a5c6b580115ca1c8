/*
 * kernel/rcu/rcutorture.c - ktest suite "rcutorture": readers on every
 * CPU never see an element freed under them.
 *
 * Teaches: how RCU is tortured.  One shared pointer; a writer keeps
 * replacing the element it points to and hands the old one to call_rcu()
 * (or waits with synchronize_rcu() first, every so often); only the RCU
 * callback poisons the old element and puts it back in the pool, from
 * where the writer reuses it.  Readers on every CPU, one kernel thread
 * each, bound, loop on rcu_read_lock(), read the pointer, look at the
 * element for a while (pausing, so other CPUs run meanwhile), look again,
 * and rcu_read_unlock().  If a grace period ever ended while a reader that
 * could see an element was still inside, the element would be poisoned
 * under that reader, who counts an error.  The run is bounded by counts,
 * not time; it must end with 0 errors, every reader having read.  With
 * call_rcu() replaced by an immediate free, the same run counts hundreds
 * of errors (checked by hand: 229 on 2s).
 * Linux counterpart: kernel/rcu/rcutorture.c (its "pipe" of grace
 * periods does the same check more finely).
 */
#include "kernel/completion.h"
#include "kernel/ktest.h"
#include "kernel/kthread.h"
#include "kernel/rcupdate.h"
#include "kernel/sched.h"

#define TORTURE_ALIVE	0x600dcafe600dcafeUL
#define TORTURE_POISON	0xdeaddeaddeaddeadUL
#define TORTURE_POOL	16
/*
 * 2400 reader-CPU-updates in all: 600 updates with 4 CPUs, 40 with 64
 * (each grace period waits for every CPU, and under TCG 64 vCPUs share
 * the host's few cores).
 */
#define TORTURE_WORK		2400
#define TORTURE_MIN_UPDATES	40

struct torture_elem {
	unsigned long magic;
	struct rcu_head rh;
	struct torture_elem *next_free;
};

static struct torture {
	struct torture_elem pool[TORTURE_POOL];
	struct torture_elem *free_list;		/* under free_lock */
	spinlock_t free_lock;
	struct torture_elem *current_elem;	/* RCU-protected */
	unsigned long stop;
	unsigned long errors, reads[NR_CPUS], running;
} torture;

static void
torture_free(struct rcu_head *rh)
{
	struct torture_elem *e = container_of(rh, struct torture_elem, rh);
	unsigned long flags;

	WRITE_ONCE(e->magic, TORTURE_POISON);
	flags = spin_lock_irqsave(&torture.free_lock);
	e->next_free = torture.free_list;
	torture.free_list = e;
	spin_unlock_irqrestore(&torture.free_lock, flags);
}

static struct torture_elem *
torture_alloc(void)
{
	struct torture_elem *e;
	unsigned long flags = spin_lock_irqsave(&torture.free_lock);

	e = torture.free_list;
	if (e)
		torture.free_list = e->next_free;
	spin_unlock_irqrestore(&torture.free_lock, flags);
	return e;
}

static int
torture_reader(void *data)
{
	unsigned int cpu = (unsigned long)data, n = 0;

	__atomic_fetch_add(&torture.running, 1, __ATOMIC_SEQ_CST);
	while (!READ_ONCE(torture.stop)) {
		struct torture_elem *e;

		rcu_read_lock();
		e = rcu_dereference(torture.current_elem);
		if (e && READ_ONCE(e->magic) != TORTURE_ALIVE)
			__atomic_fetch_add(&torture.errors, 1, __ATOMIC_RELAXED);
		for (int i = 0; i < 10; i++)
			cpu_relax();	/* QEMU may run other CPUs here */
		if (e && READ_ONCE(e->magic) != TORTURE_ALIVE)
			__atomic_fetch_add(&torture.errors, 1, __ATOMIC_RELAXED);
		rcu_read_unlock();
		torture.reads[cpu]++;
		if (++n % 16 == 0)
			cond_resched();	/* a quiescent state, outside the reader */
	}
	while (!kthread_should_stop())
		schedule_timeout_uninterruptible(1);
	return 0;
}

static void
rcutorture_readers_never_see_a_freed_element(struct ktest *t)
{
	struct task_struct *readers[NR_CPUS] = { 0 };
	unsigned int cpu, nr_readers = 0, waited = 0;
	unsigned long updates = 0, stalls = 0;
	unsigned long target = max(TORTURE_WORK / num_online_cpus(),
				   (unsigned int)TORTURE_MIN_UPDATES);

	torture = (struct torture){ .free_lock = SPINLOCK_INIT };
	for (int i = 0; i < TORTURE_POOL; i++)
		torture_free(&torture.pool[i].rh);
	for_each_online_cpu(cpu) {
		readers[cpu] = kthread_create_on_cpu(torture_reader,
						     (void *)(unsigned long)cpu,
						     cpu, "rcu_torture_rd");
		KT_ASSERT_TRUE(t, readers[cpu] != NULL);
		wake_up_process(readers[cpu]);
		nr_readers++;
	}
	while (READ_ONCE(torture.running) < nr_readers && waited++ < 1000)
		schedule_timeout_uninterruptible(1);

	/* The writer: replace, and free the old element through RCU. */
	while (updates < target) {
		struct torture_elem *e = torture_alloc(), *old;

		if (!e) {	/* all in flight: let grace periods end */
			stalls++;
			schedule_timeout_uninterruptible(1);
			continue;
		}
		e->magic = TORTURE_ALIVE;
		old = torture.current_elem;
		rcu_assign_pointer(torture.current_elem, e);
		if (old && updates % 50 == 0) {
			synchronize_rcu();
			torture_free(&old->rh);
		} else if (old) {
			call_rcu(&old->rh, torture_free);
		}
		updates++;
		if (updates % 8 == 0)
			schedule_timeout_uninterruptible(1);
	}
	WRITE_ONCE(torture.stop, 1);
	for_each_online_cpu(cpu)
		kthread_stop(readers[cpu]);
	rcu_barrier();
	ktest_log(t, "%lu updates by one writer, %u readers, %lu errors, "
		  "%lu waits for a free element", updates, nr_readers,
		  torture.errors, stalls);
	KT_EXPECT_EQ(t, torture.errors, 0);
	for_each_online_cpu(cpu)
		KT_EXPECT_GT(t, torture.reads[cpu], 0);
}

KTEST_SUITE(rcutorture,
	    KTEST_CASE(rcutorture_readers_never_see_a_freed_element));
