/*
 * tools/boot-baseline/empty_multiboot.S - the smallest kernel QEMU's
 * -kernel boots: a Multiboot 1 header, one line on COM1, and an exit
 * through isa-debug-exit.
 *
 * Teaches nothing about Pagoda; it is the yardstick.  Booting it with the
 * same QEMU arguments as Pagoda measures what QEMU itself costs (process
 * start, firmware, loading), so `tools/bench-boot` can say how much of a
 * test boot is the kernel's own.  Linux counterpart: none.
 */
	.set	MB_MAGIC, 0x1badb002
	.set	MB_FLAGS, 0
	.set	COM1, 0x3f8

	.section .multiboot, "a"
	.balign	4
	.long	MB_MAGIC
	.long	MB_FLAGS
	.long	-(MB_MAGIC + MB_FLAGS)

	.text
	.code32
	.globl	_start
_start:
	/* Print the message, polling the line status register (LSR, bit 5). */
	mov	$msg, %esi
1:	movb	(%esi), %al
	test	%al, %al
	jz	3f
	mov	$COM1 + 5, %dx
2:	inb	%dx, %al
	test	$0x20, %al
	jz	2b
	movb	(%esi), %al
	mov	$COM1, %dx
	outb	%al, %dx
	inc	%esi
	jmp	1b
	/* Leave QEMU: value 0 on port 0xf4 ends it with status 1. */
3:	xor	%eax, %eax
	mov	$0xf4, %dx
	outb	%al, %dx
4:	hlt
	jmp	4b

	.section .rodata
msg:	.asciz	"Boot complete.\r\n"
