/*
 * kernel/time/delay.c - udelay, mdelay and msleep.
 *
 * Teaches: a busy wait counts TSC cycles (the rate is known from boot)
 * and says `pause` in its loop: on a hyper-threaded core that leaves the
 * pipeline to the sibling, and under QEMU's -icount, where all CPUs take
 * turns on one host thread, it lets the others run.  A sleep should not
 * spin at all: msleep halts the CPU (cpu_idle_halt: the clock is read
 * with interrupts off, and `sti; hlt` cannot miss an interrupt arriving
 * in between) and looks at the clock each time an interrupt wakes it; the local tick guarantees one every 4 ms, so it
 * oversleeps by at most a tick.  There are no tasks yet; when the
 * scheduler comes, msleep's body becomes "sleep until a timer wakes this
 * task" (Linux's schedule_timeout) and the CPU runs something else.
 * Linux counterpart: arch/x86/lib/delay.c, kernel/time/timer.c (msleep).
 */
#include "kernel/time/delay.h"

#include "arch/x86/idle.h"
#include "arch/x86/processor.h"
#include "drivers/tsc.h"
#include "kernel/sched.h"
#include "kernel/time/jiffies.h"
#include "kernel/time/tick.h"
#include "kernel/time/timekeeping.h"

void
udelay(unsigned long usecs)
{
	u64 cycles = ((u64)usecs * tsc_khz + 999) / 1000;
	u64 start = rdtsc();

	while (rdtsc() - start < cycles)
		cpu_relax();
}

void
mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}

void
msleep(unsigned int msecs)
{
	u64 end = ktime_get_ns() + msecs * NSEC_PER_MSEC;

	if (!(local_save_flags() & X86_EFLAGS_IF) || !tick_running()) {
		mdelay(msecs);
		return;
	}
	/* A task gives the CPU away; one more tick: the current one is partly gone. */
	if (sched_can_sleep()) {
		long timeout = (long)msecs_to_jiffies(msecs) + 1;

		while (timeout)
			timeout = schedule_timeout_uninterruptible(timeout);
		return;
	}
	for (;;) {
		local_irq_disable();
		if (ktime_get_ns() >= end)
			break;
		cpu_idle_halt();
	}
	local_irq_enable();
}
