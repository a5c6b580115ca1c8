/*
 * kernel/printk.h - the kernel's logging interface.
 *
 * Teaches: log levels travel inside the format string as a two-byte prefix
 * ("\001" then '0'..'7'), exactly as in Linux, so that printk() stays a
 * plain printf-like function. Linux counterpart: include/linux/printk.h.
 */
#ifndef PAGODA_KERNEL_PRINTK_H
#define PAGODA_KERNEL_PRINTK_H

#include "kernel/compiler.h"
#include "kernel/types.h"

#define KERN_SOH	"\001"
#define KERN_SOH_ASCII	'\001'
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"	/* continue the previous line */

#define LOGLEVEL_DEFAULT	4	/* a message without a level is a warning */
#define CONSOLE_LOGLEVEL_QUIET	4	/* `quiet`: errors and worse only */
#define CONSOLE_LOGLEVEL_VERBOSE 8	/* every level, KERN_DEBUG included */

/* The console shows a message if its level is below this (loglevel=). */
extern int console_loglevel;

/*
 * An oops, a panic or a warning is a report for whoever reads the
 * console: it must reach it even under `quiet` or `loglevel=0`.  The
 * crash paths call console_verbose() before they print, and never undo
 * it (nothing after a panic is routine).  Linux counterpart:
 * console_verbose() in include/linux/printk.h, called by oops_enter(),
 * panic() and die(); Linux leaves a console_loglevel of 0 alone, we do
 * not, because here nothing but `loglevel=0` sets it to 0.
 */
void console_verbose(void);

/*
 * A console is anything that can show log text: drivers register theirs
 * (the 16550 on COM1 today), so printk depends on no driver.  Every
 * registered console gets every message the log level lets through.
 * Linux counterpart: struct console, register_console().
 */
struct console {
	const char *name;
	void (*write)(const char *s, size_t len);
	struct console *next;
};
void register_console(struct console *con);

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

#endif /* PAGODA_KERNEL_PRINTK_H */
