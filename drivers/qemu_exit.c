/*
 * drivers/qemu_exit.c - QEMU's isa-debug-exit device.
 *
 * Teaches: test harnesses need a kernel to say "done, and here is how it
 * went" without a network or a disk.  QEMU's isa-debug-exit device (at
 * port 0xf4 in our runs) ends the emulator with status (value << 1) | 1
 * when the guest writes a value to it.  On a machine without the device
 * the write goes nowhere and we simply halt.
 * Linux counterpart: none; the idea is KUnit's qemu runner's.
 */
#include "drivers/qemu_exit.h"

#include "arch/x86/io.h"
#include "arch/x86/processor.h"

void
qemu_exit(unsigned int code)
{
	outb(QEMU_EXIT_PORT, (u8)code);
	halt_forever();
}
