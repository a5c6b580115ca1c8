/*
 * arch/x86/apic.h - the local APIC in xAPIC mode.
 *
 * Teaches: every CPU has its own interrupt controller, the local APIC,
 * seen by that CPU (and only by it) as a 4 KiB page of 32-bit registers
 * at the same physical address, 0xfee00000 by default.  Through it a CPU
 * accepts interrupts (and says it is done with one: EOI), runs its own
 * timer, and sends interrupts to other CPUs (the Interrupt Command
 * Register, ICR): inter-processor interrupts, and the INIT and
 * STARTUP messages that wake a sleeping CPU.  See apic.c.
 * Linux counterpart: arch/x86/include/asm/apic.h, apicdef.h.
 */
#ifndef PAGODA_ARCH_X86_APIC_H
#define PAGODA_ARCH_X86_APIC_H

#include "kernel/types.h"

#define MSR_IA32_APICBASE		0x1b
#define MSR_IA32_APICBASE_BSP		(1UL << 8)
#define MSR_IA32_APICBASE_ENABLE	(1UL << 11)
#define MSR_IA32_APICBASE_BASE		(0xfffffUL << 12)

/* Register offsets in the xAPIC page (Intel SDM vol. 3, table 11-1). */
#define APIC_ID		0x20
#define APIC_LVR	0x30	/* version; bits 16-23: max LVT entry */
#define APIC_TASKPRI	0x80
#define APIC_EOI	0xb0
#define APIC_LDR	0xd0
#define APIC_DFR	0xe0
#define APIC_SPIV	0xf0
#define  APIC_SPIV_APIC_ENABLED	(1U << 8)
#define APIC_ISR	0x100	/* 8 registers, 0x10 apart */
#define APIC_ESR	0x280
#define APIC_ICR	0x300
#define APIC_ICR2	0x310
#define APIC_LVTT	0x320
#define APIC_LVTTHMR	0x330
#define APIC_LVTPC	0x340
#define APIC_LVT0	0x350
#define APIC_LVT1	0x360
#define APIC_LVTERR	0x370
#define APIC_TMICT	0x380	/* timer initial count */
#define APIC_TMCCT	0x390	/* timer current count */
#define APIC_TDCR	0x3e0	/* timer divide configuration */

#define APIC_LVT_MASKED		(1U << 16)
#define APIC_LVT_TIMER_PERIODIC	(1U << 17)
#define APIC_DM_FIXED		(0U << 8)
#define APIC_DM_NMI		(4U << 8)
#define APIC_DM_INIT		(5U << 8)
#define APIC_DM_STARTUP		(6U << 8)
#define APIC_DM_EXTINT		(7U << 8)
#define APIC_ICR_BUSY		(1U << 12)	/* delivery status: pending */
#define APIC_INT_ASSERT		(1U << 14)
#define APIC_INT_LEVELTRIG	(1U << 15)
#define APIC_DEST_SELF		(1U << 18)
#define APIC_DEST_ALLINC	(2U << 18)
#define APIC_DEST_ALLBUT	(3U << 18)

/* Is there a local APIC, and where (set by lapic_init). */
extern bool lapic_present;
extern phys_addr_t lapic_phys;

u32 apic_read(u32 reg);
void apic_write(u32 reg, u32 val);

/* This CPU's APIC id, from its own APIC. */
u32 read_apic_id(void);

/*
 * lapic_init: map the APIC page (once, on the boot CPU).
 * lapic_setup_cpu: enable and program this CPU's APIC (on every CPU).
 */
void lapic_init(void);
void lapic_setup_cpu(void);

/* Tell the APIC the interrupt being serviced is done. */
static inline void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/*
 * Send `vector` (fixed delivery) to the CPU with this APIC id, to every
 * CPU but this one, or to this one.  The ICR is written as two halves, so
 * callers keep interrupts off around it (the helpers do it themselves).
 */
void apic_send_ipi(u32 apic_id, unsigned int vector);
void apic_send_ipi_allbutself(unsigned int vector);
void apic_send_ipi_self(unsigned int vector);

/* The messages of the INIT-SIPI-SIPI start-up sequence (smpboot.c). */
void apic_send_init(u32 apic_id);
void apic_send_startup(u32 apic_id, unsigned int page);

/* Wait (bounded) for the previous IPI to leave; false on time-out. */
bool apic_wait_icr_idle(void);

#endif
