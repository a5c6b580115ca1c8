/*
 * drivers/ioapic.c - the I/O APIC's identity registers.
 *
 * Teaches: an IOAPIC is reached through two 32-bit memory-mapped
 * registers, an index (IOREGSEL, offset 0x00) and a window (IOWIN,
 * offset 0x10): write the number of the register you want to the index,
 * then read or write it through the window.  Register 1, IOAPIC_VER,
 * tells the chip's version and how many interrupt inputs (pins) it has;
 * with the first global interrupt number the MADT gives, that says which
 * GSIs the chip serves (QEMU's q35: version 0x20, 24 pins, GSI 0-23).
 * The registers are device memory: mapped uncached, never through the
 * direct map.
 *
 * Programming the redirection table comes with interrupts (the SMP
 * issue); this file only identifies the chip for the boot log.
 * Linux counterpart: arch/x86/kernel/apic/io_apic.c (io_apic_get_version,
 * mp_register_ioapic).
 */
#include "drivers/ioapic.h"

#include "mm/ioremap.h"

#define IOAPIC_REGSEL	0x00
#define IOAPIC_WINDOW	0x10
#define IOAPIC_REG_VER	0x01
#define IOAPIC_MMIO_SIZE 0x20

u32
ioapic_read_version(u32 address)
{
	volatile u32 *regs = ioremap_uc(address, IOAPIC_MMIO_SIZE);

	if (!regs)
		return 0;
	regs[IOAPIC_REGSEL / 4] = IOAPIC_REG_VER;
	return regs[IOAPIC_WINDOW / 4];
}
