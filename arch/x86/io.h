/*
 * arch/x86/io.h - the x86 I/O port instructions.
 *
 * Teaches: legacy devices (the UART, the PIT, the PIC, QEMU's debug-exit)
 * sit in a separate 64 KiB port space reached only by IN and OUT.
 * Linux counterpart: arch/x86/include/asm/io.h (inb/outb).
 */
#ifndef PAGODA_ARCH_X86_IO_H
#define PAGODA_ARCH_X86_IO_H

#include "kernel/types.h"

static inline void
outb(u16 port, u8 val)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(val), "Nd"(port));
}

static inline u8
inb(u16 port)
{
	u8 val;

	__asm__ __volatile__("inb %1, %0" : "=a"(val) : "Nd"(port));
	return val;
}

/* A write to an unused port: about a microsecond on real hardware. */
static inline void
io_delay(void)
{
	outb(0x80, 0);
}

#endif
