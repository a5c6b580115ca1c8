/*
 * drivers/tsc.c - calibrate the TSC against the PIT; nanoseconds since boot.
 *
 * Teaches: the time stamp counter counts at a constant rate we do not know.
 * The 8254 PIT does count at a known one (1.193182 MHz), so we let PIT
 * channel 2 count down a few milliseconds, read the TSC before and after,
 * and divide.  Channel 2 is the PC speaker channel: its gate is bit 0 of
 * port 0x61 and its output can be read back at bit 5, so no interrupt is
 * needed.
 *
 * One measurement can be wrong, and in practice only in one direction:
 * if the CPU is held up while we wait for the PIT (QEMU's vCPU thread on
 * a busy host, an SMI on real hardware), we notice the end of the window
 * late and count too many TSC cycles, while the start can only be late by
 * the few instructions between programming the PIT and reading the TSC.
 * A busy host once made us detect 118,667 MHz; on the 2-core development
 * machine under load (load average 7), 3 ms windows read from 1.0x to
 * 5.3x the host's 2793 MHz, never below it.  So we measure several short
 * windows (5 x 2 ms, the 10 ms of the single window we used before) and
 * tsc_choose_khz() keeps the lowest plausible result (as Linux keeps the
 * minimum of its calibration runs), not the median, which a majority of
 * held-up runs would drag up.  It is "confirmed" when another run agrees
 * within 1%; an unconfirmed value, or a run no x86 CPU could give
 * (outside 100 MHz .. 10 GHz), is reported.
 *
 * Under `qemu -icount shift=0` the TSC counts guest instructions, so the
 * same code then measures path lengths in instructions.
 *
 * Linux counterpart: arch/x86/kernel/tsc.c (pit_calibrate_tsc,
 * native_calibrate_tsc).
 */
#include "drivers/tsc.h"

#include "arch/x86/io.h"
#include "arch/x86/processor.h"
#include "kernel/printk.h"
#include "lib/vsprintf.h"

#define PIT_HZ		1193182UL
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_GATE_PORT	0x61
#define CALIBRATE_RUNS	5
#define CALIBRATE_US	2000		/* per run: 5 x 2 ms = the old 10 ms */
#define PIT_MAX_LOOPS	100000000UL	/* no PIT answers: give up */

unsigned long tsc_khz;
static u64 tsc_at_boot;

/* Is khz a TSC rate some x86 CPU could have? */
static bool
tsc_plausible(unsigned long khz)
{
	return khz >= TSC_MIN_KHZ && khz <= TSC_MAX_KHZ;
}

void
tsc_choose_khz(const unsigned long *samples, unsigned int n,
	       struct tsc_choice *c)
{
	unsigned long low = 0;

	*c = (struct tsc_choice){ .khz = TSC_FALLBACK_KHZ };
	for (unsigned int i = 0; i < n; i++) {
		if (!tsc_plausible(samples[i]))
			c->implausible++;
		else if (!low || samples[i] < low)
			low = samples[i];
	}
	if (!low) {
		c->verdict = TSC_IMPLAUSIBLE;
		return;
	}
	/* Runs within TSC_AGREE_PERMILLE above the lowest (itself too). */
	for (unsigned int i = 0; i < n; i++)
		if (tsc_plausible(samples[i]) &&
		    (samples[i] - low) * 1000 <= (u64)low * TSC_AGREE_PERMILLE)
			c->agreeing++;
	c->khz = low;
	c->verdict = c->agreeing >= 2 ? TSC_CONFIRMED : TSC_UNCONFIRMED;
}

/* TSC cycles during one PIT countdown of CALIBRATE_US; 0 if no PIT. */
static u64
pit_window(unsigned long latch)
{
	unsigned long loops = 0;
	u64 t0, t1;

	/* Gate high, speaker off; mode 0 (count down once), binary. */
	outb(PIT_GATE_PORT, (inb(PIT_GATE_PORT) & ~0x02) | 0x01);
	outb(PIT_MODE, 0xb0);
	outb(PIT_CH2, latch & 0xff);
	outb(PIT_CH2, latch >> 8);

	t0 = rdtsc();
	while (!(inb(PIT_GATE_PORT) & 0x20) && ++loops < PIT_MAX_LOOPS)
		;
	t1 = rdtsc();
	if (loops >= PIT_MAX_LOOPS || t1 <= t0)
		return 0;
	return t1 - t0;
}

void
tsc_calibrate(void)
{
	/* 2386 PIT ticks; dividing by the ticks, not by 2 ms, is exact. */
	unsigned long latch = PIT_HZ * CALIBRATE_US / 1000000;
	unsigned long samples[CALIBRATE_RUNS];
	struct tsc_choice c;
	char list[CALIBRATE_RUNS * 12];
	size_t len = 0;
	u64 start;

	tsc_at_boot = start = rdtsc();
	for (int i = 0; i < CALIBRATE_RUNS; i++)
		samples[i] = pit_window(latch) * PIT_HZ / latch / 1000;
	tsc_choose_khz(samples, CALIBRATE_RUNS, &c);
	tsc_khz = c.khz;

	for (int i = 0; i < CALIBRATE_RUNS; i++)
		len += scnprintf(list + len, sizeof(list) - len, "%s%lu",
				 i ? " " : "", samples[i]);
	if (c.verdict == TSC_IMPLAUSIBLE)
		pr_warn("tsc: no plausible PIT calibration (%s kHz), "
			"assuming %lu MHz\n", list, tsc_khz / 1000);
	else if (c.implausible)
		pr_warn("tsc: ignored %u implausible PIT calibration runs "
			"(%s kHz)\n", c.implausible, list);
	if (c.verdict == TSC_UNCONFIRMED)
		pr_warn("tsc: PIT calibration runs disagree (%s kHz): using "
			"the lowest\n", list);
	pr_info("tsc: Detected %lu.%03lu MHz processor\n",
		tsc_khz / 1000, tsc_khz % 1000);
	pr_info("tsc: %d PIT windows of %d us (%s kHz), %u agree, %llu us "
		"in all\n", CALIBRATE_RUNS, CALIBRATE_US, list, c.agreeing,
		(unsigned long long)cycles_to_ns(rdtsc() - start) / 1000);
}

/* cycles * 10^6 / kHz without overflowing 64 bits for long uptimes. */
u64
cycles_to_ns(u64 cycles)
{
	if (!tsc_khz)
		return 0;
	return (cycles / tsc_khz) * 1000000 +
	       (cycles % tsc_khz) * 1000000 / tsc_khz;
}

u64
local_clock_ns(void)
{
	if (!tsc_khz)
		return 0;
	return cycles_to_ns(rdtsc() - tsc_at_boot);
}
