/*
 * drivers/serial.c - a polled 16550 UART driver for COM1 (115200 8N1).
 *
 * Teaches: a UART is a handful of byte-wide registers in I/O space.  We
 * program the baud-rate divisor (115200 / divisor), the line format, and
 * then write each byte once the Line Status Register says the transmit
 * holding register is empty.  Polling keeps printk usable from anywhere,
 * including the fault handlers, with no interrupts involved.
 *
 * The scratch register check tells whether a UART is there at all: on a
 * machine without COM1 every write would be lost and every status read
 * would return 0xff, and waiting for "transmitter empty" would spin forever.
 *
 * Linux counterpart: drivers/tty/serial/8250/8250_port.c (and
 * arch/x86/boot/early_serial_console.c for the early, polled flavour).
 */
#include "drivers/serial.h"

#include "arch/x86/io.h"
#include "kernel/printk.h"

#define COM1		0x3f8
#define UART_THR	0	/* transmit holding register (write) */
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
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_BASE_BAUD	115200

static bool uart_found;

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
	outb(COM1 + UART_MCR, 0x0b);	/* DTR, RTS, OUT2 */
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
