/*
 * arch/x86/irq_report.h - the /proc/interrupts report (irq_report.c).
 * Linux counterpart: kernel/irq/proc.c.
 */
#ifndef PAGODA_ARCH_X86_IRQ_REPORT_H
#define PAGODA_ARCH_X86_IRQ_REPORT_H

void show_interrupts(void);

#endif
