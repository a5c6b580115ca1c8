/*
 * kernel/time/time_test.h - helpers the time and IOAPIC test suites share.
 *
 * Teaches: a test that waits for an interrupt halts (cpu_idle_halt) with
 * a bound on TSC time, so that it neither spins a CPU QEMU's -icount
 * would rather give to another, nor hangs when the interrupt never
 * comes.
 * Linux counterpart: none.
 */
#ifndef PAGODA_KERNEL_TIME_TIME_TEST_H
#define PAGODA_KERNEL_TIME_TIME_TEST_H

#include "arch/x86/idle.h"
#include "arch/x86/processor.h"
#include "drivers/tsc.h"
#include "kernel/ktest.h"
#include "kernel/time/tick.h"

static inline u64
tsc_ms_to_cycles(u64 ms)
{
	return ms * tsc_khz;
}

static inline u64
cycles_to_us(u64 cycles)
{
	return cycles * 1000 / tsc_khz;
}

/*
 * Halt until cond holds or timeout_ms of TSC time passed; the tick wakes
 * the CPU at least every 4 ms.  Evaluates to cond's last value.
 */
#define WAIT_UNTIL(cond, timeout_ms) ({					\
	u64 __start = rdtsc();						\
	bool __ok;							\
	for (;;) {							\
		local_irq_disable();					\
		if ((__ok = (cond)) ||					\
		    rdtsc() - __start >= tsc_ms_to_cycles(timeout_ms))	\
			break;						\
		cpu_idle_halt();					\
	}								\
	local_irq_enable();						\
	__ok;								\
})

static inline void
need_tick(struct ktest *t)
{
	if (!(local_save_flags() & X86_EFLAGS_IF))
		ktest_skip(t, "interrupts are off");
	if (!tick_running())
		ktest_skip(t, "no local APIC timer tick on this CPU");
}

#endif
