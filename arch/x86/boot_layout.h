/*
 * arch/x86/boot_layout.h - the fixed addresses of Pagoda's address space.
 *
 * Teaches: a few numbers must be the same in assembly and in C (where
 * the kernel is loaded and linked, where the direct map starts, the stack
 * size, the GDT selectors, the QEMU exit port), so they live in one
 * header that both include, and nothing else goes in it.
 *
 *   0x0000000000000000 - 0x00007fffffffffff  user space (later)
 *   0xffff888000000000 - ...                 direct map of physical memory
 *   0xffffffff80000000 + phys                the kernel image
 *
 * Linux counterpart: arch/x86/include/asm/page_64_types.h and
 * Documentation/x86/x86_64/mm.rst (the same two bases).
 */
#ifndef PAGODA_ARCH_X86_BOOT_LAYOUT_H
#define PAGODA_ARCH_X86_BOOT_LAYOUT_H

#define KERNEL_PHYS_BASE	0x100000
#define KERNEL_VMA		0xffffffff80000000
#define PAGE_OFFSET		0xffff888000000000

#define PAGE_SIZE		4096
#define THREAD_SIZE		16384	/* a kernel stack */

/* GDT selectors (arch/x86/gdt.c lays the table out in this order). */
#define GDT_KERNEL_CS		0x08
#define GDT_KERNEL_DS		0x10
#define GDT_USER_DS		0x1b	/* index 3, RPL 3 */
#define GDT_USER_CS		0x23	/* index 4, RPL 3 */
#define GDT_TSS			0x28	/* 16 bytes: indexes 5 and 6 */

/* isa-debug-exit: QEMU exits with status (value << 1) | 1. */
#define QEMU_EXIT_PORT		0xf4
#define QEMU_EXIT_PASS		0x10	/* status 33 */
#define QEMU_EXIT_FAIL		0x11	/* status 35 */
#define QEMU_EXIT_PANIC		0x12	/* status 37 */

#endif
