/*
 * kernel/initrd.h - the initial RAM disk the boot loader left in memory.
 *
 * Teaches: the first programs reach the kernel as a cpio archive loaded
 * beside it (a Multiboot module); the kernel reads files straight out
 * of that memory, which memblock kept reserved, so it is never handed
 * to the page allocator.  Linux counterpart: init/initramfs.c,
 * arch/x86/kernel/setup.c (reserve_initrd).
 */
#ifndef PAGODA_KERNEL_INITRD_H
#define PAGODA_KERNEL_INITRD_H

#include "kernel/types.h"

/* Find and check the archive; print what it holds.  After paging_init. */
void initrd_init(void);

/* The loader put it in low memory: it now lives in buddy pages. */
extern bool initrd_relocated;

/* The archive, or false when the loader gave none or it is malformed. */
bool initrd_archive(const void **data, size_t *size);

/*
 * A regular file of the archive by path ("/bin/init"): 0 with *data and
 * *size pointing into the archive (read-only), -ENOENT, or -ENODEV when
 * there is no usable initrd.
 */
int initrd_lookup(const char *path, const void **data, size_t *size);

#endif
