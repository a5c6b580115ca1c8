/*
 * boot/multiboot_header.S - the two headers that make Pagoda bootable.
 *
 * Teaches: a boot loader finds out how to load a kernel from a header in
 * the kernel's first bytes.  QEMU's -kernel loader speaks only Multiboot 1
 * and refuses a 64-bit ELF, so both headers use the "address fields" form:
 * they tell the loader which bytes of the file go where in physical
 * memory, and it never looks at the ELF headers.  build/kernel is
 * therefore a flat image of the physical layout (objcopy -O binary),
 * starting with these headers.
 *
 * Multiboot 1 must sit in the first 8 KiB, 4-byte aligned;
 * Multiboot 2 in the first 32 KiB, 8-byte aligned.
 * Linux counterpart: none (Linux uses its own boot protocol).
 */
#include "arch/x86/boot_layout.h"

#define MB1_MAGIC		0x1badb002
#define MB1_PAGE_ALIGN		(1 << 0)	/* modules on page boundaries */
#define MB1_MEMORY_INFO		(1 << 1)	/* please give us a memory map */
#define MB1_ADDRESS_FIELDS	(1 << 16)	/* load by the fields below */
#define MB1_FLAGS		(MB1_PAGE_ALIGN | MB1_MEMORY_INFO | MB1_ADDRESS_FIELDS)

#define MB2_MAGIC		0xe85250d6
#define MB2_ARCH_I386		0
#define MB2_TAG_END		0
#define MB2_TAG_INFO_REQUEST	1
#define MB2_TAG_ADDRESS		2
#define MB2_TAG_ENTRY		3
#define MB2_TAG_OPTIONAL	1	/* tag flag: loader may ignore it */

/* Symbols are physical here: .boot is linked at its load address. */
#define PHYS(sym)	((sym) - KERNEL_VMA)

	.section .multiboot, "a"
	.code32

	.balign 4
mb1_header:
	.long	MB1_MAGIC
	.long	MB1_FLAGS
	.long	-(MB1_MAGIC + MB1_FLAGS)
	.long	mb1_header		/* header_addr */
	.long	_phys_start		/* load_addr */
	.long	PHYS(_edata)		/* load_end_addr: end of file data */
	.long	PHYS(_end)		/* bss_end_addr: loader zeroes up to it */
	.long	_start32		/* entry_addr */

	.balign 8
mb2_header:
	.long	MB2_MAGIC
	.long	MB2_ARCH_I386
	.long	mb2_header_end - mb2_header
	.long	-(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	/* Ask for what we parse: cmdline, modules, memory map, both RSDPs. */
	.balign 8
mb2_info_request:
	.short	MB2_TAG_INFO_REQUEST
	.short	MB2_TAG_OPTIONAL
	.long	mb2_info_request_end - mb2_info_request
	.long	1, 3, 6, 14, 15
mb2_info_request_end:

	.balign 8
	.short	MB2_TAG_ADDRESS
	.short	0
	.long	24
	.long	mb2_header		/* header_addr */
	.long	_phys_start		/* load_addr */
	.long	PHYS(_edata)		/* load_end_addr */
	.long	PHYS(_end)		/* bss_end_addr */

	.balign 8
	.short	MB2_TAG_ENTRY
	.short	0
	.long	12
	.long	_start32

	.balign 8
	.short	MB2_TAG_END
	.short	0
	.long	8
mb2_header_end:
