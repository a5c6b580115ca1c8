/*
 * drivers/ioapic.h - the I/O APIC: where device interrupts enter the APICs.
 *
 * Teaches: an IOAPIC's registers are read through an index and a window
 * in its MMIO page; its version register says which chip it is and how
 * many interrupt pins it has; one 64-bit redirection entry per pin says
 * which vector, on which CPU, with which polarity and trigger mode the
 * pin's interrupt is delivered (see ioapic.c).
 * Linux counterpart: arch/x86/include/asm/io_apic.h.
 */
#ifndef PAGODA_DRIVERS_IOAPIC_H
#define PAGODA_DRIVERS_IOAPIC_H

#include "drivers/acpi_madt.h"
#include "kernel/types.h"

/* IOAPIC_VER: bits 0-7 the version, bits 16-23 the highest input pin. */
#define IOAPIC_VER_VERSION(v)	((v) & 0xff)
#define IOAPIC_VER_MAX_PIN(v)	(((v) >> 16) & 0xff)

/* The MPS INTI flags of an interrupt source override (ACPI 5.2.12.5). */
#define MPS_INTI_POLARITY_MASK	0x3
#define MPS_INTI_POLARITY_HIGH	0x1
#define MPS_INTI_POLARITY_LOW	0x3
#define MPS_INTI_TRIGGER_MASK	0xc
#define MPS_INTI_TRIGGER_EDGE	0x4
#define MPS_INTI_TRIGGER_LEVEL	0xc

#define NR_ISA_IRQS		16

/*
 * The IOAPIC_VER register of the IOAPIC at MMIO address `address`, or 0
 * when its registers cannot be mapped (a version of 0 does not exist:
 * every IOAPIC since the 82093AA reports 0x11 or 0x20).
 */
u32 ioapic_read_version(u32 address);

/* How an ISA IRQ reaches the IOAPICs: its GSI and its electrical kind. */
struct isa_irq_route {
	u32 gsi;
	bool level;		/* level-triggered (else edge) */
	bool active_low;	/* active low (else high) */
	bool overridden;	/* an interrupt source override said so */
};

/*
 * Look ISA IRQ `irq` up in the MADT's interrupt source overrides: without
 * one, IRQ n is GSI n, edge-triggered and active high (the ISA bus's
 * own conventions); an override may name another GSI and other modes
 * ("conforms to the bus" keeps the ISA default).  Pure, for tests.
 * Returns 0, or -EINVAL for an IRQ beyond 15.
 */
int isa_irq_lookup(const struct madt_info *mi, unsigned int irq,
		   struct isa_irq_route *r);

/*
 * Kernel side, all after acpi_boot_init():
 * ioapic_init: map every IOAPIC of the MADT and mask every pin.
 * ioapic_route_gsi: program GSI `gsi` to vector IRQ_VECTOR_BASE + gsi,
 *   fixed delivery to the CPU with APIC id `dest_apic`, masked.
 * ioapic_route_isa_irq: the same for an ISA IRQ, through the overrides;
 *   returns the GSI or a negative errno.
 * ioapic_unmask_gsi / ioapic_mask_gsi: let the pin's interrupts through,
 *   or hold them back.
 * Errors: -ENODEV (no IOAPIC serves that GSI, or none at all), -ERANGE
 * (the GSI has no vector: beyond NR_IRQ_VECTORS).
 */
void ioapic_init(void);
int ioapic_route_gsi(u32 gsi, u32 dest_apic, bool level, bool active_low);
int ioapic_route_isa_irq(unsigned int irq, u32 dest_apic);
int ioapic_unmask_gsi(u32 gsi);
int ioapic_mask_gsi(u32 gsi);

/* The pin's redirection entry as programmed (0 if no IOAPIC has it). */
u64 ioapic_read_entry(u32 gsi);

/* Redirection entry bits (82093AA datasheet, 3.2.4). */
#define IOAPIC_RTE_VECTOR_MASK	0xffULL
#define IOAPIC_RTE_ACTIVE_LOW	(1ULL << 13)
#define IOAPIC_RTE_LEVEL	(1ULL << 15)
#define IOAPIC_RTE_MASKED	(1ULL << 16)
#define IOAPIC_RTE_DEST_SHIFT	56

#endif
