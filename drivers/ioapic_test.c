/*
 * drivers/ioapic_test.c - ktest suite "ioapic": routes proven by interrupts.
 *
 * Teaches: an interrupt route is only proven by an interrupt.  The MADT's
 * overrides are read as Linux reads them (a hand-made table), every pin
 * starts masked, and two real devices interrupt through the IOAPIC: the
 * PIT counting down once, and the UART receiving the bytes it sent
 * itself in loopback mode.
 *
 * Facts used, stated here rather than taken from the code:
 *  - QEMU's MADT has "INT_SRC_OVR (bus 0 bus_irq 0 global_irq 2 dfl
 *    dfl)" (Linux's golden logs in tests/linux/ show it on every
 *    configuration) and no override for IRQ 4; its IOAPIC has 24 pins
 *    ("GSI 0-23" in the same logs);
 *  - IOAPIC inputs use vector 0x30 + GSI (the vector map in
 *    arch/x86/irq.h): the PIT is vector 0x32, COM1 vector 0x34.
 * Linux counterpart: none (Linux checks its timer route at boot:
 * check_timer in arch/x86/kernel/apic/io_apic.c, "..TIMER: vector=").
 */
#include "arch/x86/apic.h"
#include "arch/x86/irq.h"
#include "drivers/acpi_madt.h"
#include "drivers/ioapic.h"
#include "drivers/pit.h"
#include "drivers/serial.h"
#include "kernel/errno.h"
#include "kernel/time/delay.h"
#include "kernel/time/time_test.h"
#include "lib/string.h"

#define PIT_VECTOR		0x32	/* 0x30 + GSI 2 */
#define COM1_GSI		4
#define COM1_VECTOR		0x34	/* 0x30 + GSI 4 */

static void
isa_irq_lookup_applies_overrides(struct ktest *t)
{
	static struct madt_info mi;
	struct isa_irq_route r;

	memset(&mi, 0, sizeof(mi));
	mi.valid = true;
	mi.nr_overrides = 4;
	/* dfl dfl; high level; low level to another GSI; another bus */
	mi.overrides[0] = (struct madt_override){ 0, 0, 2, 0x0 };
	mi.overrides[1] = (struct madt_override){ 0, 9, 9, 0xd };
	mi.overrides[2] = (struct madt_override){ 0, 5, 20, 0xf };
	mi.overrides[3] = (struct madt_override){ 1, 7, 30, 0xf };

	KT_ASSERT_EQ(t, isa_irq_lookup(&mi, 0, &r), 0);
	KT_EXPECT_EQ(t, r.gsi, 2);
	KT_EXPECT_FALSE(t, r.level);
	KT_EXPECT_FALSE(t, r.active_low);
	KT_EXPECT_TRUE(t, r.overridden);
	KT_ASSERT_EQ(t, isa_irq_lookup(&mi, 9, &r), 0);
	KT_EXPECT_EQ(t, r.gsi, 9);
	KT_EXPECT_TRUE(t, r.level);
	KT_EXPECT_FALSE(t, r.active_low);
	KT_ASSERT_EQ(t, isa_irq_lookup(&mi, 5, &r), 0);
	KT_EXPECT_EQ(t, r.gsi, 20);
	KT_EXPECT_TRUE(t, r.level);
	KT_EXPECT_TRUE(t, r.active_low);
	/* No override (bus 1 is not ISA): identity, edge, active high. */
	KT_ASSERT_EQ(t, isa_irq_lookup(&mi, 7, &r), 0);
	KT_EXPECT_EQ(t, r.gsi, 7);
	KT_EXPECT_FALSE(t, r.level);
	KT_EXPECT_FALSE(t, r.active_low);
	KT_EXPECT_FALSE(t, r.overridden);
	KT_EXPECT_EQ(t, isa_irq_lookup(&mi, 16, &r), -EINVAL);
}

static void
need_ioapic(struct ktest *t)
{
	if (!madt_info.valid || !madt_info.nr_ioapics)
		ktest_skip(t, "no IOAPIC in the MADT");
}

static volatile unsigned int pit_fired;
static volatile unsigned int pit_vector, pit_cpu;

static void
pit_probe(struct pt_regs *regs, void *data)
{
	(void)data;
	pit_fired++;
	pit_vector = regs->vector;
	pit_cpu = smp_processor_id();
}

/*
 * The PIT's one edge (mode 0) must arrive exactly once, on this CPU, on
 * vector 0x32: ISA IRQ 0 is GSI 2 by QEMU's override.
 */
static void
pit_interrupt_arrives_through_ioapic(struct ktest *t)
{
	static const u16 counts[] = { 2387, 23864, 65535 };	/* 2, 20, 55 ms */
	struct isa_irq_route r;
	unsigned long before;
	int gsi;
	u64 e;

	need_ioapic(t);
	need_tick(t);
	KT_ASSERT_EQ(t, isa_irq_lookup(&madt_info, 0, &r), 0);
	KT_EXPECT_EQ(t, r.gsi, 2);
	KT_EXPECT_FALSE(t, r.level);
	KT_EXPECT_FALSE(t, r.active_low);
	gsi = ioapic_route_isa_irq(PIT_ISA_IRQ, read_apic_id());
	KT_ASSERT_EQ(t, gsi, 2);
	e = ioapic_read_entry(gsi);
	KT_EXPECT_EQ(t, e & IOAPIC_RTE_VECTOR_MASK, PIT_VECTOR);
	KT_EXPECT_EQ(t, e >> IOAPIC_RTE_DEST_SHIFT, read_apic_id());
	KT_EXPECT_EQ(t, e & (IOAPIC_RTE_LEVEL | IOAPIC_RTE_ACTIVE_LOW), 0);
	KT_EXPECT_TRUE(t, e & IOAPIC_RTE_MASKED);

	pit_fired = 0;
	before = this_cpu(irq_stat).vector_count[PIT_VECTOR];
	set_irq_handler(PIT_VECTOR, pit_probe, NULL, "IO-APIC 2-edge timer");
	/*
	 * Count first, unmask second: loading the count ends the firmware's
	 * square wave (no stray edge), and an edge while masked is lost, so
	 * a longer count is tried if the host held us up past the first.
	 */
	for (unsigned int i = 0; i < ARRAY_SIZE(counts) && !pit_fired; i++) {
		pit_oneshot(counts[i]);
		ioapic_unmask_gsi(gsi);
		WAIT_UNTIL(pit_fired, 200);
		ioapic_mask_gsi(gsi);
		if (!pit_fired)
			ktest_log(t, "no PIT interrupt with count %u",
				  counts[i]);
	}
	KT_ASSERT_EQ(t, pit_fired, 1);
	/* Mode 0 counts down once: nothing more for 10 ms, unmasked. */
	ioapic_unmask_gsi(gsi);
	WAIT_UNTIL(pit_fired > 1, 10);
	ioapic_mask_gsi(gsi);
	pit_stop();
	set_irq_handler(PIT_VECTOR, NULL, NULL, NULL);
	KT_EXPECT_EQ(t, pit_fired, 1);
	KT_EXPECT_EQ(t, pit_vector, PIT_VECTOR);
	KT_EXPECT_EQ(t, pit_cpu, smp_processor_id());
	KT_EXPECT_EQ(t, this_cpu(irq_stat).vector_count[PIT_VECTOR] - before, 1);
}

/*
 * Loopback: what the UART sends comes back as received, the receive
 * interrupt (IRQ 4, vector 0x34) fires and the handler fills the ring.
 * Nothing may print while the UART is looped: it would come back too.
 */
static void
serial_loopback_rx_interrupt(struct ktest *t)
{
	static const char msg[] = "Pagoda\r\n\x01\xff";
	const size_t len = sizeof(msg) - 1;
	char got[32];
	size_t n = 0;
	unsigned long before, dropped;
	char junk[16];

	need_ioapic(t);
	if (serial_rx_gsi() < 0)
		ktest_skip(t, "COM1 has no receive interrupt");
	KT_ASSERT_EQ(t, serial_rx_gsi(), COM1_GSI);
	KT_EXPECT_EQ(t, ioapic_read_entry(COM1_GSI) & (IOAPIC_RTE_VECTOR_MASK |
						       IOAPIC_RTE_MASKED),
		     COM1_VECTOR);
	while (serial_read(junk, sizeof(junk)))
		;
	before = this_cpu(irq_stat).vector_count[COM1_VECTOR];
	dropped = serial_rx_dropped();

	serial_set_loopback(true);
	for (size_t i = 0; i < len; i++)
		serial_putc(msg[i]);
	WAIT_UNTIL((n += serial_read(got + n, sizeof(got) - n)) >= len, 500);
	/* Let a byte too many show up, if one would. */
	WAIT_UNTIL((n += serial_read(got + n, sizeof(got) - n)) > len, 2);
	serial_set_loopback(false);

	KT_EXPECT_EQ(t, n, len);
	KT_EXPECT_TRUE(t, n == len && !memcmp(got, msg, len));
	KT_EXPECT_GE(t, this_cpu(irq_stat).vector_count[COM1_VECTOR] - before, 1);
	KT_EXPECT_EQ(t, serial_rx_dropped(), dropped);
}

/*
 * More bytes than a small ring holds, sent before any is read: the ring
 * keeps the first ones in order (wrapping around its end, since the
 * case before left it part-used) and counts the rest as dropped; none
 * goes missing uncounted.
 */
static void
serial_ring_full_drops_and_counts(struct ktest *t)
{
	enum { SENT = 300 };
	static char got[SENT];
	unsigned long dropped;
	size_t n = 0;

	need_ioapic(t);
	if (serial_rx_gsi() < 0)
		ktest_skip(t, "COM1 has no receive interrupt");
	while (serial_read(got, sizeof(got)))
		;
	dropped = serial_rx_dropped();
	serial_set_loopback(true);
	for (int i = 0; i < SENT; i++)
		serial_putc((char)(i * 7));
	/* Wait (halted) until every byte is kept or counted as dropped. */
	WAIT_UNTIL(serial_rx_pending() + (serial_rx_dropped() - dropped) >=
		   SENT, 500);
	serial_set_loopback(false);
	n = serial_read(got, sizeof(got));

	ktest_log(t, "%zu bytes kept, %lu dropped", n,
		  serial_rx_dropped() - dropped);
	KT_EXPECT_EQ(t, n + (serial_rx_dropped() - dropped), SENT);
	KT_EXPECT_GE(t, n, 16);			/* at least a FIFO's worth */
	KT_EXPECT_LT(t, n, SENT);		/* "a small ring" */
	for (size_t i = 0; i < n; i++)
		if (got[i] != (char)(i * 7)) {
			KT_EXPECT_EQ(t, (u8)got[i], (u8)(i * 7));
			break;
		}
}

/* Every pin the IOAPIC has was masked at boot but those routed since. */
static void
ioapic_pins_masked_but_routed(struct ktest *t)
{
	need_ioapic(t);
	for (u32 gsi = 0; gsi < 24; gsi++) {
		u64 e = ioapic_read_entry(gsi);

		if (gsi == COM1_GSI && serial_rx_gsi() == COM1_GSI)
			KT_EXPECT_FALSE(t, e & IOAPIC_RTE_MASKED);
		else
			KT_EXPECT_TRUE(t, e & IOAPIC_RTE_MASKED);
	}
}

KTEST_SUITE(ioapic,
	KTEST_CASE(isa_irq_lookup_applies_overrides),
	KTEST_CASE(ioapic_pins_masked_but_routed),
	KTEST_CASE(pit_interrupt_arrives_through_ioapic),
	KTEST_CASE(serial_loopback_rx_interrupt),
	KTEST_CASE(serial_ring_full_drops_and_counts));
