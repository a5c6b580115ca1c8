/*
 * drivers/serial.h - the 16550 UART on COM1, Pagoda's console.
 *
 * Teaches: the console is a polled 16550 UART: no interrupts, so printk
 * can write from anywhere, fault handlers included; receiving is
 * interrupt-driven, into a ring buffer (see serial.c).
 * Linux counterpart: drivers/tty/serial/8250/.
 */
#ifndef PAGODA_DRIVERS_SERIAL_H
#define PAGODA_DRIVERS_SERIAL_H

#include "kernel/types.h"

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, size_t len);
bool serial_present(void);

/*
 * Route COM1's receive interrupt (ISA IRQ 4) through the IOAPIC to this
 * CPU and enable it; after ioapic_init().  Without an IOAPIC, nothing
 * is received.
 */
void serial_rx_irq_init(void);

/*
 * Take up to len received bytes out of the ring, without waiting;
 * returns how many.  For the shell to come.
 */
size_t serial_read(char *buf, size_t len);

/* Bytes waiting in the ring. */
size_t serial_rx_pending(void);

/* Bytes lost because the ring was full. */
unsigned long serial_rx_dropped(void);

/* COM1's GSI once its interrupt is routed, else -1. */
int serial_rx_gsi(void);

/*
 * Loopback mode (MCR bit 4): what is sent comes back as received, and
 * nothing reaches the line.  For tests: nothing may print meanwhile.
 */
void serial_set_loopback(bool on);

#endif
