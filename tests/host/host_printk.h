/*
 * tests/host/host_printk.h - what host tests can inspect of the kernel's
 * log. host_printk.c implements printk()/vprintk() for host builds: each
 * message is formatted with the kernel's own vsnprintf(), its level
 * prefix removed, and appended to host_log.
 * Set HOST_PRINTK_ECHO=1 in the environment to also see them on stderr.
 */
#ifndef PAGODA_HOST_PRINTK_H
#define PAGODA_HOST_PRINTK_H

#include "kernel/types.h"

#define HOST_LOG_SIZE	65536

extern char host_log[HOST_LOG_SIZE];	/* all messages, NUL-terminated */
extern size_t host_log_len;
extern int host_log_count;		/* printk calls since the clear */
extern int host_log_last_level;		/* 0..7, or -1 if none given */

void host_log_clear(void);

#endif /* PAGODA_HOST_PRINTK_H */
