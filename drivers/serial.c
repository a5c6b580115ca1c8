/*
 * drivers/serial.c - a polled 16550 UART driver for COM1 (115200 8N1).
 *
 * Teaches: a UART is a handful of byte-wide registers in I/O space.  We
 * program the baud-rate divisor (115200 / divisor), the line format, and
 * then write each byte once the Line Status Register says the transmit
 * holding register is empty.  Polling keeps printk usable from anywhere,
 * including the fault handlers, with no interrupts involved.
 *
 * Receiving is interrupt-driven: once the IOAPIC is set up, ISA IRQ 4
 * (COM1's line) is routed to the boot CPU and the UART is told to raise
 * it when received data is available (IER bit 0).  The handler moves
 * every byte the UART holds into a small ring buffer, which
 * serial_read() empties; a full ring drops new bytes and counts them.
 * The ring is shared with the handler, so it is taken with interrupts
 * off.  OUT2 in the modem control register gates the UART's interrupt
 * line on PCs, hence 0x0b; bit 4 (loopback) connects the transmitter to
 * the receiver inside the chip, which lets a test send bytes to itself.
 *
 * The scratch register check tells whether a UART is there at all: on a
 * machine without COM1 every write would be lost and every status read
 * would return 0xff, and waiting for "transmitter empty" would spin forever.
 *
 * Linux counterpart: drivers/tty/serial/8250/8250_port.c (and
 * arch/x86/boot/early_serial_console.c for the early, polled flavour).
 */
#include "drivers/serial.h"

#include "arch/x86/apic.h"
#include "arch/x86/io.h"
#include "arch/x86/irq.h"
#include "drivers/ioapic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"

#define COM1		0x3f8
#define UART_THR	0	/* transmit holding register (write) */
#define UART_RBR	0	/* receive buffer register (read) */
#define UART_IIR	2	/* interrupt identification (read) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1	/* interrupt enable */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_SCR	7	/* scratch */

#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03
#define UART_LSR_DR	0x01	/* data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_IER_RDI	0x01	/* interrupt when received data available */
#define UART_MCR_NORMAL	0x0b	/* DTR, RTS, OUT2 */
#define UART_MCR_LOOP	0x10
#define UART_IIR_FIFO	0xc0	/* both bits: a working FIFO (16550A) */
#define COM1_ISA_IRQ	4
#define RX_RING_SIZE	256	/* a power of two */
#define UART_BASE_BAUD	115200

static bool uart_found;

/* Received bytes, filled by the interrupt handler. */
static struct {
	spinlock_t lock;
	unsigned int head, tail;	/* free-running; tail - head used */
	unsigned long dropped;
	u8 buf[RX_RING_SIZE];
} rx = { .lock = SPINLOCK_INIT };
static int rx_gsi = -1;

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_write,
};

bool
serial_present(void)
{
	return uart_found;
}

void
serial_init(void)
{
	unsigned int divisor = UART_BASE_BAUD / 115200;

	outb(COM1 + UART_SCR, 0x5a);
	if (inb(COM1 + UART_SCR) != 0x5a)
		return;		/* nothing answers at COM1 */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, UART_LCR_DLAB);
	outb(COM1 + UART_DLL, divisor & 0xff);
	outb(COM1 + UART_DLM, divisor >> 8);
	outb(COM1 + UART_LCR, UART_LCR_8N1);
	outb(COM1 + UART_FCR, 0xc7);	/* enable and clear FIFOs */
	outb(COM1 + UART_MCR, UART_MCR_NORMAL);
	uart_found = true;
	register_console(&serial_console);
}

void
serial_putc(char c)
{
	if (!uart_found)
		return;
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		;
	outb(COM1 + UART_THR, (u8)c);
}

/* Terminals want CR LF; the log keeps plain LF. */
void
serial_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/* ---- receiving ----------------------------------------------------------- */

static void
serial_interrupt(struct pt_regs *regs, void *data)
{
	(void)regs;
	(void)data;
	spin_lock(&rx.lock);
	/* Bounded: a stuck "data ready" must not hold the CPU forever. */
	for (int i = 0; i < 64 && (inb(COM1 + UART_LSR) & UART_LSR_DR); i++) {
		u8 c = inb(COM1 + UART_RBR);

		if (rx.tail - rx.head < RX_RING_SIZE)
			rx.buf[rx.tail++ % RX_RING_SIZE] = c;
		else
			rx.dropped++;
	}
	spin_unlock(&rx.lock);
}

void
serial_rx_irq_init(void)
{
	const char *type;
	int gsi;

	if (!uart_found)
		return;
	type = (inb(COM1 + UART_IIR) & UART_IIR_FIFO) == UART_IIR_FIFO ?
	       "16550A" : "16450";
	gsi = ioapic_route_isa_irq(COM1_ISA_IRQ, read_apic_id());
	if (gsi < 0) {
		pr_info("serial: ttyS0 at I/O %#x is a %s, polled (no IOAPIC "
			"route for IRQ %d: %d)\n", COM1, type, COM1_ISA_IRQ, gsi);
		return;
	}
	set_irq_handler(IRQ_VECTOR_BASE + gsi, serial_interrupt, NULL,
			"IO-APIC 4-edge ttyS0");
	/* Whatever arrived before now is not ours to deliver. */
	while (inb(COM1 + UART_LSR) & UART_LSR_DR)
		inb(COM1 + UART_RBR);
	outb(COM1 + UART_IER, UART_IER_RDI);
	rx_gsi = gsi;
	ioapic_unmask_gsi(gsi);
	/* Linux: "00:02: ttyS0 at I/O 0x3f8 (irq = 4, base_baud = 115200) is a 16550A" */
	pr_info("serial: ttyS0 at I/O %#x (irq = %d, base_baud = %d) is a %s\n",
		COM1, COM1_ISA_IRQ, UART_BASE_BAUD, type);
}

int
serial_rx_gsi(void)
{
	return rx_gsi;
}

size_t
serial_read(char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&rx.lock);
	size_t n = 0;

	while (n < len && rx.head != rx.tail)
		buf[n++] = (char)rx.buf[rx.head++ % RX_RING_SIZE];
	spin_unlock_irqrestore(&rx.lock, flags);
	return n;
}

size_t
serial_rx_pending(void)
{
	unsigned long flags = spin_lock_irqsave(&rx.lock);
	size_t n = rx.tail - rx.head;

	spin_unlock_irqrestore(&rx.lock, flags);
	return n;
}

unsigned long
serial_rx_dropped(void)
{
	return READ_ONCE(rx.dropped);
}

void
serial_set_loopback(bool on)
{
	outb(COM1 + UART_MCR, on ? UART_MCR_NORMAL | UART_MCR_LOOP :
	     UART_MCR_NORMAL);
}
