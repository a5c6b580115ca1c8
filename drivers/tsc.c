/*
 * drivers/tsc.c - calibrate the TSC against the PIT; nanoseconds since boot.
 *
 * Teaches: the time stamp counter counts at a constant rate we do not know.
 * The 8254 PIT does count at a known one (1.193182 MHz), so we let PIT
 * channel 2 count down 10 ms, read the TSC before and after, and divide.
 * Channel 2 is the PC speaker channel: its gate is bit 0 of port 0x61 and
 * its output can be read back at bit 5, so no interrupt is needed.
 *
 * Under `qemu -icount shift=0` the TSC counts guest instructions, so the
 * same code then measures path lengths in instructions.
 *
 * Linux counterpart: arch/x86/kernel/tsc.c (pit_calibrate_tsc).
 */
#include "drivers/tsc.h"

#include "arch/x86/io.h"
#include "arch/x86/processor.h"
#include "kernel/printk.h"

#define PIT_HZ		1193182UL
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_GATE_PORT	0x61
#define CALIBRATE_MS	10

unsigned long tsc_khz;
static u64 tsc_at_boot;

void
tsc_calibrate(void)
{
	unsigned long latch = PIT_HZ * CALIBRATE_MS / 1000;
	u64 t0, t1;
	unsigned long loops = 0;

	tsc_at_boot = rdtsc();
	/* Gate high, speaker off; mode 0 (count down once), binary. */
	outb(PIT_GATE_PORT, (inb(PIT_GATE_PORT) & ~0x02) | 0x01);
	outb(PIT_MODE, 0xb0);
	outb(PIT_CH2, latch & 0xff);
	outb(PIT_CH2, latch >> 8);

	t0 = rdtsc();
	while (!(inb(PIT_GATE_PORT) & 0x20) && ++loops < 100000000UL)
		;
	t1 = rdtsc();

	if (loops >= 100000000UL || t1 <= t0) {
		/* No PIT: assume 1 GHz so timestamps still move forward. */
		tsc_khz = 1000000;
		pr_warn("tsc: PIT calibration failed, assuming %lu kHz\n",
			tsc_khz);
		return;
	}
	tsc_khz = (t1 - t0) / CALIBRATE_MS;
	if (tsc_khz == 0)
		tsc_khz = 1;
	pr_info("tsc: Detected %lu.%03lu MHz processor\n",
		tsc_khz / 1000, tsc_khz % 1000);
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
