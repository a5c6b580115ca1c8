/*
 * kernel/ksyms.h - the kernel's own symbol table, for readable backtraces.
 *
 * Teaches: turning an address into "function+offset/size" and a name
 * into an address needs only a sorted table of function symbols built
 * into the image (see ksyms.c for how the build makes it).
 * Linux counterpart: include/linux/kallsyms.h.
 */
#ifndef PAGODA_KERNEL_KSYMS_H
#define PAGODA_KERNEL_KSYMS_H

#include "kernel/types.h"

/* Find the function containing addr.  False if addr is not kernel text. */
bool ksym_lookup(unsigned long addr, const char **name,
		 unsigned long *offset, unsigned long *size);
/* The address of a function by name, or 0. */
unsigned long ksym_address(const char *name);
/* Format "name+0xoff/0xsize" (or the bare hex address) into buf. */
int ksym_format(char *buf, size_t size, unsigned long addr);

#endif
