/*
 * kernel/sched/watchdog_test.c - ktest suite "watchdog": lockup reports.
 *
 * A thread that spins without scheduling on CPU 0 must be reported as a
 * soft lockup of CPU 0 naming it; a thread blocked on a mutex held by
 * the test must be reported as a hung task naming it.  Both need short
 * thresholds (the plan run 2s/watchdog passes watchdog_thresh=1
 * hung_task_timeout_secs=1 preempt=none); the cases skip otherwise.
 * Linux counterpart: none (Linux tests these with lkdtm's SOFTLOCKUP and
 * HUNG_TASK crash types).
 */
#include "kernel/sched/sched.h"

#include "drivers/tsc.h"
#include "kernel/kthread.h"
#include "kernel/time/delay.h"
#include "kernel/ktest.h"
#include "kernel/mutex.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

struct spin_until {
	unsigned long reports;
	bool done;
};

/*
 * Spin on CPU 0 until a soft lockup was reported (a bound of 60 s of
 * TSC time for the failing case: the detector counts ticks, which a
 * busy host delivers late).
 */
static int
lockup_hog(void *data)
{
	struct spin_until *s = data;
	u64 t0 = local_clock_ns();

	while (softlockup_reports() == s->reports &&
	       local_clock_ns() - t0 < 60 * NSEC_PER_SEC)
		cpu_relax();
	WRITE_ONCE(s->done, true);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void
soft_lockup_reported(struct ktest *t)
{
	struct spin_until s = { .reports = softlockup_reports() };
	struct task_struct *p;
	const char *log;
	char want[64];

	if (preempt_mode == PREEMPT_FULL || !softlockup_thresh() ||
	    softlockup_thresh() > 2)
		ktest_skip(t, "needs watchdog_thresh=1 or 2 and no preempt=full");
	p = kthread_create_on_cpu(lockup_hog, &s, 0, "lockup_hog");
	KT_ASSERT_TRUE(t, p != NULL);
	get_task_struct(p);
	ktest_capture_begin();
	wake_up_process(p);
	while (!READ_ONCE(s.done))
		msleep(10);
	log = ktest_capture_end(NULL);
	kthread_stop(p);
	KT_EXPECT_EQ(t, softlockup_reports() - s.reports, 1);
	snprintf(want, sizeof(want), "[lockup_hog:%d]", p->pid);
	KT_EXPECT_TRUE(t, strstr(log, "watchdog: BUG: soft lockup - CPU#0 "
				 "stuck for ") != NULL);
	KT_EXPECT_TRUE(t, strstr(log, want) != NULL);
	KT_EXPECT_TRUE(t, strstr(log, "lockup_hog+0x") != NULL);
	put_task_struct(p);
}

static DEFINE_MUTEX(hang_mutex);

static int
hang_on_mutex(void *data)
{
	(void)data;
	mutex_lock(&hang_mutex);
	mutex_unlock(&hang_mutex);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void
hung_task_reported(struct ktest *t)
{
	unsigned long before = hung_task_reports();
	struct task_struct *p;
	const char *log;
	char want[80];
	u64 t0;

	if (!hung_task_timeout() || hung_task_timeout() > 2)
		ktest_skip(t, "needs hung_task_timeout_secs=1 or 2");
	mutex_lock(&hang_mutex);
	p = kthread_create(hang_on_mutex, NULL, "hungry");
	KT_ASSERT_TRUE(t, p != NULL);
	get_task_struct(p);
	ktest_capture_begin();
	wake_up_process(p);
	t0 = local_clock_ns();
	/* Reported after one to two timeouts (plus khungtaskd's phase). */
	while (hung_task_reports() == before &&
	       local_clock_ns() - t0 < 60 * NSEC_PER_SEC)
		msleep(10);
	log = ktest_capture_end(NULL);
	mutex_unlock(&hang_mutex);
	kthread_stop(p);
	KT_EXPECT_GE(t, hung_task_reports() - before, 1);
	snprintf(want, sizeof(want), "INFO: task hungry:%d blocked for more "
		 "than ", p->pid);
	KT_EXPECT_TRUE(t, strstr(log, want) != NULL);
	KT_EXPECT_TRUE(t, strstr(log, "mutex_lock") != NULL);
	put_task_struct(p);
}

KTEST_SUITE(watchdog,
	KTEST_CASE(soft_lockup_reported),
	KTEST_CASE(hung_task_reported));
