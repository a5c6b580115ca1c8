/*
 * drivers/serial.h - the 16550 UART on COM1, Pagoda's console.
 *
 * Teaches: the console is a polled 16550 UART: no interrupts, so printk
 * can write from anywhere, fault handlers included (see serial.c).
 * Linux counterpart: drivers/tty/serial/8250/.
 */
#ifndef PAGODA_DRIVERS_SERIAL_H
#define PAGODA_DRIVERS_SERIAL_H

#include "kernel/types.h"

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, size_t len);
bool serial_present(void);

#endif
