/*
 * arch/x86/idt.c - the Interrupt Descriptor Table.
 *
 * Teaches: 256 gates, one per vector.  Vectors 0-31 are the CPU's
 * exceptions; 32-255 are for interrupts (the legacy PIC is remapped to
 * 32-47 and masked here; the APIC comes with SMP).  Each gate is an
 * "interrupt gate", which clears IF on entry, and names the code selector,
 * the handler address and optionally an IST slot: a vector with an IST
 * slot always runs on that known-good stack (double fault, NMI, machine
 * check), even when the current stack is the problem.
 * Linux counterpart: arch/x86/kernel/idt.c, arch/x86/kernel/i8259.c.
 */
#include "arch/x86/desc.h"

#include "arch/x86/boot_layout.h"
#include "arch/x86/io.h"
#include "arch/x86/stack.h"

#define IDT_ENTRIES		256
#define GATE_INTERRUPT		0x8e	/* present, DPL 0, 64-bit int gate */
#define TRAP_STUB_SIZE		16

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

struct idt_ptr {
	u16 limit;
	u64 base;
} __packed;

extern char trap_stubs[];
static struct idt_gate idt[IDT_ENTRIES] __aligned(16);

static void
set_gate(unsigned int vector, unsigned long handler, unsigned int ist)
{
	struct idt_gate *g = &idt[vector];

	g->offset_low = handler & 0xffff;
	g->selector = GDT_KERNEL_CS;
	g->ist = ist;
	g->type_attr = GATE_INTERRUPT;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

/*
 * The 8259 PICs power up mapped onto vectors 8-15, on top of the CPU's
 * exceptions (IRQ 0 would look like a double fault).  Move them to 32-47
 * and mask every line: Pagoda takes its interrupts from the APIC.
 */
static void
pic_remap_and_mask(void)
{
	outb(0x20, 0x11); io_delay();	/* ICW1: init, ICW4 follows */
	outb(0xa0, 0x11); io_delay();
	outb(0x21, 0x20); io_delay();	/* ICW2: master at vector 32 */
	outb(0xa1, 0x28); io_delay();	/* slave at vector 40 */
	outb(0x21, 0x04); io_delay();	/* ICW3: slave on IRQ 2 */
	outb(0xa1, 0x02); io_delay();
	outb(0x21, 0x01); io_delay();	/* ICW4: 8086 mode */
	outb(0xa1, 0x01); io_delay();
	outb(0x21, 0xff);		/* mask everything */
	outb(0xa1, 0xff);
}

void
idt_init(void)
{
	struct idt_ptr ptr = { sizeof(idt) - 1, (u64)idt };

	for (unsigned int v = 0; v < IDT_ENTRIES; v++)
		set_gate(v, (unsigned long)trap_stubs + v * TRAP_STUB_SIZE, 0);
	set_gate(2, (unsigned long)trap_stubs + 2 * TRAP_STUB_SIZE, IST_NMI);
	set_gate(8, (unsigned long)trap_stubs + 8 * TRAP_STUB_SIZE,
		 IST_DOUBLE_FAULT);
	set_gate(18, (unsigned long)trap_stubs + 18 * TRAP_STUB_SIZE,
		 IST_MACHINE_CHECK);
	pic_remap_and_mask();
	__asm__ __volatile__("lidt %0" : : "m"(ptr));
}
