/*
 * boot/head32.S - from the boot loader's 32-bit protected mode to 64-bit.
 *
 * Teaches: what it takes to enter long mode: a CPU that has it, page
 * tables that map the code that turns paging on, and the order: PAE,
 * CR3, EFER.LME (and NXE), CR0.PG, then a far jump to a 64-bit segment.
 * Both Multiboot protocols enter here with paging off, interrupts off,
 * flat 32-bit segments, EAX = the loader's magic and EBX = the physical
 * address of its information structure.  This file:
 *   1. checks the magic and the CPU (CPUID, PAE, long mode, NX), and on
 *      failure prints a sentence on COM1 and stops, never a triple fault;
 *   2. builds early page tables: the first 4 GiB identity-mapped (this code
 *      keeps running at its physical address), the same 4 GiB at the direct
 *      map base PAGE_OFFSET, and the first 1 GiB at KERNEL_VMA (the image);
 *   3. turns on PAE, long mode, NX and paging, and far-jumps to 64-bit code.
 * The C kernel replaces these tables with its own as soon as it can.
 *
 * Linux counterpart: arch/x86/boot/compressed/head_64.S (startup_32).
 */
#include "arch/x86/boot_layout.h"
#include "boot/long_mode.h"

#define PHYS(sym)	((sym) - KERNEL_VMA)

#define MB1_BOOT_MAGIC	0x2badb002
#define MB2_BOOT_MAGIC	0x36d76289

#define COM1		0x3f8
#define PTE_P		0x001
#define PTE_RW		0x002
#define PTE_PS		0x080

	.section .boot.text, "ax"
	.code32
	.globl	_start32
_start32:
	cli
	cld
	movl	%eax, boot_mb_magic
	movl	%ebx, boot_mb_info
	movl	$PHYS(boot_stack_top), %esp

	call	serial_init32

	/* 1. Who started us?  Without a Multiboot magic we know nothing. */
	movl	boot_mb_magic, %eax
	cmpl	$MB1_BOOT_MAGIC, %eax
	je	1f
	cmpl	$MB2_BOOT_MAGIC, %eax
	je	1f
	movl	$msg_no_magic, %esi
	jmp	early_fatal32
1:
	/* CPUID exists if the ID flag (EFLAGS bit 21) can be toggled. */
	pushfl
	popl	%eax
	movl	%eax, %ecx
	xorl	$(1 << 21), %eax
	pushl	%eax
	popfl
	pushfl
	popl	%eax
	pushl	%ecx
	popfl
	cmpl	%eax, %ecx
	jne	1f
	movl	$msg_no_cpuid, %esi
	jmp	early_fatal32
1:
	/* PAE: leaf 1, EDX bit 6. */
	movl	$1, %eax
	cpuid
	testl	$(1 << 6), %edx
	jnz	1f
	movl	$msg_no_pae, %esi
	jmp	early_fatal32
1:
	/* Long mode and NX live in extended leaf 0x80000001. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jae	1f
	movl	$msg_no_lm, %esi
	jmp	early_fatal32
1:
	movl	$0x80000001, %eax
	cpuid
	testl	$(1 << 29), %edx
	jnz	1f
	movl	$msg_no_lm, %esi
	jmp	early_fatal32
1:
	testl	$(1 << 20), %edx
	jnz	1f
	movl	$msg_no_nx, %esi
	jmp	early_fatal32
1:
	/*
	 * 2. Early page tables (all zero: they live in .bss, which the loader
	 * cleared).  Four page directories of 2 MiB pages map 0-4 GiB.
	 */
	movl	$PHYS(early_pd), %edi
	xorl	%ecx, %ecx			/* ecx = 2 MiB frame number */
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PTE_P | PTE_RW | PTE_PS), %eax
	movl	%eax, (%edi,%ecx,8)
	movl	%ecx, %eax			/* high half of the address */
	shrl	$11, %eax
	movl	%eax, 4(%edi,%ecx,8)
	incl	%ecx
	cmpl	$2048, %ecx
	jne	1b

	/* PDPT for the low 4 GiB: one entry per page directory. */
	movl	$PHYS(early_pdpt_low), %edi
	movl	$PHYS(early_pd) + (PTE_P | PTE_RW), %eax
	movl	%eax, 0(%edi)
	addl	$4096, %eax
	movl	%eax, 8(%edi)
	addl	$4096, %eax
	movl	%eax, 16(%edi)
	addl	$4096, %eax
	movl	%eax, 24(%edi)

	/* PDPT for the top 2 GiB: entry 510 (KERNEL_VMA) -> first 1 GiB. */
	movl	$PHYS(early_pdpt_high), %edi
	movl	$PHYS(early_pd) + (PTE_P | PTE_RW), %eax
	movl	%eax, 510 * 8(%edi)

	/* PML4: 0 = identity, 273 = PAGE_OFFSET, 511 = KERNEL_VMA. */
	movl	$PHYS(early_pml4), %edi
	movl	$PHYS(early_pdpt_low) + (PTE_P | PTE_RW), %eax
	movl	%eax, 0(%edi)
	movl	%eax, ((PAGE_OFFSET >> 39) & 511) * 8(%edi)
	movl	$PHYS(early_pdpt_high) + (PTE_P | PTE_RW), %eax
	movl	%eax, 511 * 8(%edi)

	/* 3. PAE, then CR3, then EFER.LME/NXE, then paging: long mode. */
	ENTER_LONG_MODE PHYS(early_pml4)

	lgdt	early_gdt_ptr
	ljmp	$GDT_KERNEL_CS, $start64_low

/*
 * early_fatal32: print "Pagoda: <esi>" on COM1, tell QEMU's debug-exit
 * device (if any) that boot failed, and stop for good.
 */
early_fatal32:
	pushl	%esi
	movl	$msg_prefix, %esi
	call	puts32
	popl	%esi
	call	puts32
	movb	$QEMU_EXIT_PANIC, %al
	outb	%al, $QEMU_EXIT_PORT
1:	cli
	hlt
	jmp	1b

/* serial_init32: COM1 at 115200 8N1, FIFOs on.  Clobbers eax, edx. */
serial_init32:
	movw	$COM1 + 1, %dx		/* no interrupts */
	xorb	%al, %al
	outb	%al, %dx
	movw	$COM1 + 3, %dx		/* DLAB on to set the divisor */
	movb	$0x80, %al
	outb	%al, %dx
	movw	$COM1 + 0, %dx		/* divisor 1 = 115200 baud */
	movb	$1, %al
	outb	%al, %dx
	movw	$COM1 + 1, %dx
	xorb	%al, %al
	outb	%al, %dx
	movw	$COM1 + 3, %dx		/* 8 bits, no parity, 1 stop */
	movb	$0x03, %al
	outb	%al, %dx
	movw	$COM1 + 2, %dx		/* FIFO on, cleared */
	movb	$0xc7, %al
	outb	%al, %dx
	movw	$COM1 + 4, %dx		/* DTR, RTS, OUT2 */
	movb	$0x0b, %al
	outb	%al, %dx
	ret

/* puts32: write the NUL-terminated string at esi.  Clobbers eax, edx, esi. */
puts32:
1:	lodsb
	testb	%al, %al
	jz	3f
	movb	%al, %ah
	movw	$COM1 + 5, %dx		/* wait for the transmitter */
2:	inb	%dx, %al
	testb	$0x20, %al
	jz	2b
	movw	$COM1, %dx
	movb	%ah, %al
	outb	%al, %dx
	jmp	1b
3:	ret

	.code64
start64_low:
	/* Data segments are ignored in long mode but must hold a valid one. */
	movl	$GDT_KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movabsq	$start64, %rax		/* into the higher half */
	jmp	*%rax

	.section .boot.data, "aw"
	.balign 8
	.globl	boot_mb_magic, boot_mb_info
boot_mb_magic:	.long 0
boot_mb_info:	.long 0

	/* A minimal GDT for the jump: null, 64-bit code, data. */
	.balign 8
early_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* L=1, DPL 0, execute/read */
	.quad	0x00cf92000000ffff	/* DPL 0, read/write */
early_gdt_end:
early_gdt_ptr:
	.short	early_gdt_end - early_gdt - 1
	.long	early_gdt

msg_prefix:	.asciz "Pagoda: "
msg_no_magic:	.asciz "no Multiboot magic in EAX: not started by a Multiboot boot loader. Halting.\r\n"
msg_no_cpuid:	.asciz "this CPU has no CPUID instruction; Pagoda needs an x86-64 CPU. Halting.\r\n"
msg_no_pae:	.asciz "this CPU does not support PAE; Pagoda needs an x86-64 CPU. Halting.\r\n"
msg_no_lm:	.asciz "this CPU does not support 64-bit long mode; Pagoda needs an x86-64 CPU. Halting.\r\n"
msg_no_nx:	.asciz "this CPU does not support the NX (no-execute) bit; Pagoda needs it for W^X. Halting.\r\n"

/*
 * The early page tables and the boot stack.  They live in the kernel's
 * .bss so they are zeroed by the loader; their physical addresses are
 * their link addresses minus KERNEL_VMA.  Below the boot stack sits a
 * guard page that the final page tables leave unmapped.
 */
	.section .bss.page_aligned, "aw", @nobits
	.balign 4096
	.globl	early_pml4, boot_stack_guard, boot_stack_bottom, boot_stack_top
early_pml4:		.skip 4096
early_pdpt_low:		.skip 4096
early_pdpt_high:	.skip 4096
early_pd:		.skip 4 * 4096
boot_stack_guard:	.skip 4096
boot_stack_bottom:	.skip THREAD_SIZE
boot_stack_top:
