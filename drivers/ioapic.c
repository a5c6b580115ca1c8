/*
 * drivers/ioapic.c - the I/O APIC: routing device interrupts to CPUs.
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
 * Registers 0x10 + 2n and 0x11 + 2n are pin n's redirection entry: the
 * vector, the delivery mode (fixed), the destination (a physical APIC
 * id in bits 56-63), the polarity and trigger mode, and a mask bit.
 * Every pin is masked at boot: an unprogrammed pin would deliver vector
 * 0, an exception vector.  A driver then routes its pin and unmasks it.
 *
 * ISA devices name their interrupt by ISA IRQ (the PIT is IRQ 0, COM1
 * IRQ 4); the MADT's interrupt source overrides say which GSI each one
 * really is, and whether the line is wired differently from the ISA
 * convention (edge-triggered, active high).  QEMU, like most PCs, wires
 * the PIT to pin 2: "INT_SRC_OVR (bus 0 bus_irq 0 global_irq 2 dfl dfl)".
 * Vectors are fixed, IRQ_VECTOR_BASE + GSI, not allocated as Linux does,
 * so that a vector tells its pin at a glance.
 *
 * The index/window pair is two accesses: a lock (interrupts off) keeps
 * another CPU, or an interrupt handler, from moving the index between
 * them.
 * Linux counterpart: arch/x86/kernel/apic/io_apic.c (io_apic_get_version,
 * mp_register_ioapic, ioapic_write_entry, clear_IO_APIC),
 * arch/x86/kernel/acpi/boot.c (mp_override_legacy_irq).
 */
#include "drivers/ioapic.h"

#include "arch/x86/irq.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "mm/ioremap.h"

#define IOAPIC_REGSEL	0x00
#define IOAPIC_WINDOW	0x10
#define IOAPIC_REG_VER	0x01
#define IOAPIC_REG_RTE	0x10	/* pin n: 0x10 + 2n (low), 0x11 + 2n (high) */
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

int
isa_irq_lookup(const struct madt_info *mi, unsigned int irq,
	       struct isa_irq_route *r)
{
	if (irq >= NR_ISA_IRQS)
		return -EINVAL;
	*r = (struct isa_irq_route){ .gsi = irq };
	for (unsigned int i = 0; mi->valid && i < mi->nr_overrides; i++) {
		const struct madt_override *o = &mi->overrides[i];
		u16 pol = o->flags & MPS_INTI_POLARITY_MASK;
		u16 trig = o->flags & MPS_INTI_TRIGGER_MASK;

		if (o->bus != 0 || o->source_irq != irq)
			continue;
		/* "Conforms to the bus" (0) keeps the ISA default. */
		r->gsi = o->global_irq;
		r->active_low = pol == MPS_INTI_POLARITY_LOW;
		r->level = trig == MPS_INTI_TRIGGER_LEVEL;
		r->overridden = true;
		break;
	}
	return 0;
}

/* ---- kernel side --------------------------------------------------------- */

static struct ioapic {
	volatile u32 *regs;
	u32 gsi_base;
	unsigned int nr_pins;
} ioapics[MADT_MAX_IOAPICS];
static unsigned int nr_ioapics;
static DEFINE_SPINLOCK(ioapic_lock);

static u32
io_read(struct ioapic *io, u32 reg)
{
	io->regs[IOAPIC_REGSEL / 4] = reg;
	return io->regs[IOAPIC_WINDOW / 4];
}

static void
io_write(struct ioapic *io, u32 reg, u32 val)
{
	io->regs[IOAPIC_REGSEL / 4] = reg;
	io->regs[IOAPIC_WINDOW / 4] = val;
}

/*
 * Write an entry masked first and unmask last: the chip must never see
 * a half-written entry (new vector, old destination) unmasked.
 */
static void
io_write_entry(struct ioapic *io, unsigned int pin, u64 e)
{
	io_write(io, IOAPIC_REG_RTE + 2 * pin, IOAPIC_RTE_MASKED);
	io_write(io, IOAPIC_REG_RTE + 2 * pin + 1, (u32)(e >> 32));
	io_write(io, IOAPIC_REG_RTE + 2 * pin, (u32)e);
}

static u64
io_read_entry(struct ioapic *io, unsigned int pin)
{
	u64 lo = io_read(io, IOAPIC_REG_RTE + 2 * pin);

	return lo | (u64)io_read(io, IOAPIC_REG_RTE + 2 * pin + 1) << 32;
}

/* Which IOAPIC and pin serve `gsi`; NULL if none. */
static struct ioapic *
gsi_to_pin(u32 gsi, unsigned int *pin)
{
	for (unsigned int i = 0; i < nr_ioapics; i++) {
		struct ioapic *io = &ioapics[i];

		if (gsi >= io->gsi_base && gsi < io->gsi_base + io->nr_pins) {
			*pin = gsi - io->gsi_base;
			return io;
		}
	}
	return NULL;
}

void
ioapic_init(void)
{
	unsigned int pins = 0;

	for (unsigned int i = 0; madt_info.valid && i < madt_info.nr_ioapics;
	     i++) {
		const struct madt_ioapic *m = &madt_info.ioapics[i];
		struct ioapic *io = &ioapics[nr_ioapics];
		u32 ver;

		io->regs = ioremap_uc(m->address, IOAPIC_MMIO_SIZE);
		if (!io->regs) {
			pr_err("IOAPIC[%u]: cannot map %#x: not used\n", i,
			       m->address);
			continue;
		}
		ver = io_read(io, IOAPIC_REG_VER);
		io->gsi_base = m->gsi_base;
		io->nr_pins = IOAPIC_VER_MAX_PIN(ver) + 1;
		for (unsigned int pin = 0; pin < io->nr_pins; pin++)
			io_write_entry(io, pin, IOAPIC_RTE_MASKED);
		pins += io->nr_pins;
		nr_ioapics++;
	}
	if (nr_ioapics)
		pr_info("IOAPIC: %u pins masked on %u chip%s; GSI n is vector "
			"%#x + n\n", pins, nr_ioapics, nr_ioapics > 1 ? "s" : "",
			IRQ_VECTOR_BASE);
}

int
ioapic_route_gsi(u32 gsi, u32 dest_apic, bool level, bool active_low)
{
	unsigned int pin;
	struct ioapic *io = gsi_to_pin(gsi, &pin);
	unsigned long flags;
	u64 e;

	if (!io)
		return -ENODEV;
	if (gsi >= NR_IRQ_VECTORS)
		return -ERANGE;
	e = (IRQ_VECTOR_BASE + gsi) | IOAPIC_RTE_MASKED |
	    (u64)(dest_apic & 0xff) << IOAPIC_RTE_DEST_SHIFT;
	if (level)
		e |= IOAPIC_RTE_LEVEL;
	if (active_low)
		e |= IOAPIC_RTE_ACTIVE_LOW;
	flags = spin_lock_irqsave(&ioapic_lock);
	io_write_entry(io, pin, e);
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return 0;
}

int
ioapic_route_isa_irq(unsigned int irq, u32 dest_apic)
{
	struct isa_irq_route r;
	int err = isa_irq_lookup(&madt_info, irq, &r);

	if (!err)
		err = ioapic_route_gsi(r.gsi, dest_apic, r.level, r.active_low);
	return err ? err : (int)r.gsi;
}

static int
ioapic_set_mask(u32 gsi, bool masked)
{
	unsigned int pin;
	struct ioapic *io = gsi_to_pin(gsi, &pin);
	unsigned long flags;
	u32 lo;

	if (!io)
		return -ENODEV;
	flags = spin_lock_irqsave(&ioapic_lock);
	lo = io_read(io, IOAPIC_REG_RTE + 2 * pin);
	lo = masked ? lo | (u32)IOAPIC_RTE_MASKED : lo & ~(u32)IOAPIC_RTE_MASKED;
	io_write(io, IOAPIC_REG_RTE + 2 * pin, lo);
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return 0;
}

int
ioapic_unmask_gsi(u32 gsi)
{
	return ioapic_set_mask(gsi, false);
}

int
ioapic_mask_gsi(u32 gsi)
{
	return ioapic_set_mask(gsi, true);
}

u64
ioapic_read_entry(u32 gsi)
{
	unsigned int pin;
	struct ioapic *io = gsi_to_pin(gsi, &pin);
	unsigned long flags;
	u64 e;

	if (!io)
		return 0;
	flags = spin_lock_irqsave(&ioapic_lock);
	e = io_read_entry(io, pin);
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return e;
}
