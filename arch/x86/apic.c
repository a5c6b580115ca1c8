/*
 * arch/x86/apic.c - programming the local APIC (xAPIC mode).
 *
 * Teaches: the boot CPU finds its APIC's address in the IA32_APIC_BASE
 * MSR (the MADT says the same), maps that page uncached, and every CPU
 * then does the same set-up on its own APIC:
 *  - software-enable it through the spurious-interrupt vector register,
 *    whose vector is where the APIC sends an interrupt it lost;
 *  - accept every priority (TPR 0);
 *  - mask LINT0 (the 8259's ExtINT line: the PIC is not used) on every
 *    CPU, and make LINT1 the NMI input, as the MADT's LAPIC NMI entry
 *    says on every PC;
 *  - give APIC errors a vector, so a bad IPI is reported, not silent.
 *
 * Sending an IPI is two writes: the destination's APIC id into ICR2
 * (bits 24-31), then the command into ICR, which sends.  The "delivery
 * status" bit says the message is still pending; we wait for it to clear
 * before the next one, with pause and a bound (a broken CPU must not hang
 * the sender).  An interrupt between the two writes could send an IPI of
 * its own and clobber ICR2, hence interrupts off around the pair.
 * Linux counterpart: arch/x86/kernel/apic/apic.c, ipi.c,
 * apic_flat_64.c.
 */
#include "arch/x86/apic.h"
#include "arch/x86/boot_layout.h"
#include "arch/x86/irq.h"
#include "arch/x86/processor.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "mm/ioremap.h"

bool lapic_present;
phys_addr_t lapic_phys;
static volatile u32 *lapic_base;

u32
apic_read(u32 reg)
{
	return lapic_base[reg / 4];
}

void
apic_write(u32 reg, u32 val)
{
	lapic_base[reg / 4] = val;
}

u32
read_apic_id(void)
{
	return apic_read(APIC_ID) >> 24;
}

void
lapic_init(void)
{
	u32 a, b, c, d;
	u64 base;

	cpuid_count(1, 0, &a, &b, &c, &d);
	if (!(d & (1U << 9)))
		panic("this CPU has no local APIC: Pagoda needs one");
	base = rdmsr(MSR_IA32_APICBASE);
	lapic_phys = base & MSR_IA32_APICBASE_BASE;
	if (!(base & MSR_IA32_APICBASE_ENABLE))
		wrmsr(MSR_IA32_APICBASE, base | MSR_IA32_APICBASE_ENABLE);
	lapic_base = ioremap_uc(lapic_phys, PAGE_SIZE);
	if (!lapic_base)
		panic("cannot map the local APIC at %#llx",
		      (unsigned long long)lapic_phys);
	lapic_present = true;
	pr_info("APIC: local APIC at %#llx, version %#x, %u LVT entries\n",
		(unsigned long long)lapic_phys, apic_read(APIC_LVR) & 0xff,
		((apic_read(APIC_LVR) >> 16) & 0xff) + 1);
}

void
lapic_setup_cpu(void)
{
	u64 base = rdmsr(MSR_IA32_APICBASE);

	if (!(base & MSR_IA32_APICBASE_ENABLE))
		wrmsr(MSR_IA32_APICBASE, base | MSR_IA32_APICBASE_ENABLE);
	/* Flat logical mode, one bit per CPU: unused, but defined. */
	apic_write(APIC_DFR, 0xffffffffU);
	apic_write(APIC_TASKPRI, 0);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	apic_write(APIC_LVT0, APIC_LVT_MASKED | APIC_DM_EXTINT);
	apic_write(APIC_LVT1, APIC_DM_NMI);
	if (((apic_read(APIC_LVR) >> 16) & 0xff) >= 4)
		apic_write(APIC_LVTPC, APIC_LVT_MASKED);
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	/* ESR is latched by a write; two writes clear what is there. */
	apic_write(APIC_ESR, 0);
	apic_write(APIC_ESR, 0);
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
	/* Acknowledge anything left in service by the firmware. */
	apic_eoi();
}

bool
apic_wait_icr_idle(void)
{
	for (unsigned int i = 0; i < 1000000; i++) {
		if (!(apic_read(APIC_ICR) & APIC_ICR_BUSY))
			return true;
		cpu_relax();
	}
	return false;
}

static void
apic_icr_write(u32 low, u32 apic_id)
{
	unsigned long flags = local_irq_save();

	if (!apic_wait_icr_idle())
		pr_err("APIC: previous IPI still pending, sending anyway\n");
	apic_write(APIC_ICR2, apic_id << 24);
	apic_write(APIC_ICR, low);
	local_irq_restore(flags);
}

void
apic_send_ipi(u32 apic_id, unsigned int vector)
{
	apic_icr_write(APIC_DM_FIXED | vector, apic_id);
}

void
apic_send_ipi_allbutself(unsigned int vector)
{
	apic_icr_write(APIC_DEST_ALLBUT | APIC_DM_FIXED | vector, 0);
}

void
apic_send_ipi_self(unsigned int vector)
{
	apic_icr_write(APIC_DEST_SELF | APIC_DM_FIXED | vector, 0);
}

void
apic_send_init(u32 apic_id)
{
	/* Assert INIT (level), then de-assert it, as the SDM's MP
	 * initialisation protocol asks for older APICs. */
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT,
		       apic_id);
	apic_wait_icr_idle();
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_DM_INIT, apic_id);
	apic_wait_icr_idle();
}

void
apic_send_startup(u32 apic_id, unsigned int page)
{
	apic_icr_write(APIC_DM_STARTUP | (page & 0xff), apic_id);
	apic_wait_icr_idle();
}
