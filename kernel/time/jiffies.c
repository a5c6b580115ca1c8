/*
 * kernel/time/jiffies.c - the jiffies counter.
 *
 * Teaches: jiffies is one 64-bit variable with two names: jiffies_64,
 * which says its width, and jiffies (an unsigned long, the same 64 bits
 * on x86-64), which drivers read.  Linux makes the second name in its
 * linker script; an alias does it here.  A single CPU writes it, so a
 * plain (aligned, hence atomic) store is enough; readers on other CPUs
 * see the old or the new value, never a mix.
 * Linux counterpart: kernel/time/jiffies.c, kernel/time/timekeeping.c
 * (do_timer).
 */
#include "kernel/time/jiffies.h"

#include "kernel/compiler.h"

volatile u64 jiffies_64 __aligned(8) = INITIAL_JIFFIES;
extern volatile unsigned long jiffies __attribute__((alias("jiffies_64")));

void
do_timer(unsigned long ticks)
{
	jiffies_64 += ticks;
}
