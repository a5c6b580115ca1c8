/*
 * drivers/ioapic.h - the I/O APIC's identity registers.
 *
 * Teaches: an IOAPIC's registers are read through an index and a window
 * in its MMIO page; its version register says which chip it is and how
 * many interrupt pins it has (see ioapic.c).
 * Linux counterpart: arch/x86/include/asm/io_apic.h.
 */
#ifndef PAGODA_DRIVERS_IOAPIC_H
#define PAGODA_DRIVERS_IOAPIC_H

#include "kernel/types.h"

/* IOAPIC_VER: bits 0-7 the version, bits 16-23 the highest input pin. */
#define IOAPIC_VER_VERSION(v)	((v) & 0xff)
#define IOAPIC_VER_MAX_PIN(v)	(((v) >> 16) & 0xff)

/*
 * The IOAPIC_VER register of the IOAPIC at MMIO address `address`, or 0
 * when its registers cannot be mapped (a version of 0 does not exist:
 * every IOAPIC since the 82093AA reports 0x11 or 0x20).
 */
u32 ioapic_read_version(u32 address);

#endif
