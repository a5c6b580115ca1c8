/*
 * drivers/qemu_exit.h - leave QEMU with a status through isa-debug-exit.
 */
#ifndef PAGODA_DRIVERS_QEMU_EXIT_H
#define PAGODA_DRIVERS_QEMU_EXIT_H

#include "kernel/compiler.h"
#include "arch/x86/boot_layout.h"

void __noreturn qemu_exit(unsigned int code);

#endif
