/*
 * tests/host/host_printk.c - printk() for host unit tests.
 *
 * Teaches: the kernel's printk is "format, then hand the text to a
 * console"; here the console is a buffer the tests can search, and the
 * formatting is the kernel's own vsnprintf(), so it gets tested too.
 * Linux counterpart: none (KUnit tests run inside the kernel).
 */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/printk.h"
#include "lib/vsprintf.h"
#include "tests/host/host_printk.h"

char host_log[HOST_LOG_SIZE];
size_t host_log_len;
int host_log_count;
int host_log_last_level = -1;

void
host_log_clear(void)
{
	host_log[0] = '\0';
	host_log_len = 0;
	host_log_count = 0;
	host_log_last_level = -1;
}

int
vprintk(const char *fmt, va_list args)
{
	char line[1024];
	const char *text = line;
	int n, level = -1;
	size_t len, room;

	n = vsnprintf(line, sizeof(line), fmt, args);
	if (line[0] == KERN_SOH_ASCII && line[1] >= '0' && line[1] <= '7') {
		level = line[1] - '0';
		text += 2;
	} else if (line[0] == KERN_SOH_ASCII && line[1]) {
		text += 2;	/* KERN_CONT */
	}

	host_log_count++;
	host_log_last_level = level;
	/* Append what fits; host_log stays NUL-terminated whatever happens. */
	for (len = 0; text[len]; len++)
		;
	room = sizeof(host_log) - 1 - host_log_len;
	if (len > room)
		len = room;
	for (size_t i = 0; i < len; i++)
		host_log[host_log_len + i] = text[i];
	host_log_len += len;
	host_log[host_log_len] = '\0';

	if (getenv("HOST_PRINTK_ECHO"))
		fprintf(stderr, "<%d>%s", level, text);
	return n;
}

int
printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}
