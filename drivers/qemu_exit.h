/*
 * drivers/qemu_exit.h - leave QEMU with a status through isa-debug-exit.
 *
 * Teaches: a test run under an emulator reports its verdict as the
 * emulator's exit status: writing a value to QEMU's isa-debug-exit port
 * ends QEMU with status (value << 1) | 1 (see qemu_exit.c).
 * Linux counterpart: none; the idea is KUnit's qemu runner's.
 */
#ifndef PAGODA_DRIVERS_QEMU_EXIT_H
#define PAGODA_DRIVERS_QEMU_EXIT_H

#include "kernel/compiler.h"
#include "arch/x86/boot_layout.h"

void __noreturn qemu_exit(unsigned int code);

#endif
