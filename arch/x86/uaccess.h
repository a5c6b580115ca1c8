/*
 * arch/x86/uaccess.h - copying to and from user space.
 *
 * Teaches: a user pointer is a promise nobody checked.  Before touching
 * it the kernel makes sure the whole range lies below the user limit
 * (access_ok: otherwise a process could make the kernel read or write
 * the kernel for it), then opens SMAP's door (stac) for the copy alone and
 * closes it (clac); an absent page faults and the copy returns -EFAULT
 * instead of an oops.
 * Linux counterpart: arch/x86/include/asm/uaccess.h, lib/usercopy.c.
 */
#ifndef PAGODA_ARCH_X86_UACCESS_H
#define PAGODA_ARCH_X86_UACCESS_H

#include "kernel/types.h"

/* [addr, addr + n) lies entirely below limit, without wrapping. */
bool access_ok(unsigned long addr, size_t n, unsigned long limit);

/* 0, or -EFAULT if any byte could not be copied. */
long copy_from_user(void *dst, unsigned long usrc, size_t n);
long copy_to_user(unsigned long udst, const void *src, size_t n);

#endif
