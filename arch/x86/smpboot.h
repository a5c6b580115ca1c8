/*
 * arch/x86/smpboot.h - starting the secondary CPUs.
 *
 * Teaches: what the boot CPU and the real-mode trampoline must agree on
 * (where the trampoline lives, its temporary page tables), and what the
 * rest of the kernel may ask about the CPUs once they are up.  The
 * addresses are shared with boot/trampoline.S, so the header has an
 * assembly-safe part.
 * Linux counterpart: arch/x86/include/asm/smp.h, realmode.h.
 */
#ifndef PAGODA_ARCH_X86_SMPBOOT_H
#define PAGODA_ARCH_X86_SMPBOOT_H

/*
 * The trampoline and its page tables: four pages in the first MiB, which
 * memblock keeps for itself (kernel/main.c), below the EBDA and above the
 * BIOS data area.  A Startup IPI names a 4 KiB page below 1 MiB by its
 * number: the AP starts in real mode at CS = page << 8, IP = 0.
 *   0x8000 code and GDT    0x9000 PML4    0xa000 PDPT    0xb000 PD
 */
#define TRAMPOLINE_PHYS		0x8000
#define TRAMPOLINE_PML4		0x9000
#define TRAMPOLINE_PDPT		0xa000
#define TRAMPOLINE_PD		0xb000
#define TRAMPOLINE_PAGES	4

/* Selectors of the trampoline's own GDT. */
#define TR_CS32			0x08
#define TR_DS			0x10
#define TR_CS64			0x18

/* The APs find their stack by initial APIC id, which xAPIC keeps 8-bit. */
#define AP_MAX_APIC_ID		256

#ifndef __ASSEMBLER__

#include "kernel/cpumask.h"
#include "kernel/types.h"

/*
 * What each CPU wrote about itself, through its own GS, as it came up:
 * the tests compare it with the firmware's facts.
 */
struct cpu_boot_record {
	unsigned int cpu;		/* smp_processor_id() on that CPU */
	int node;			/* numa_node_id() on that CPU */
	u32 apic_id;			/* its local APIC's ID register */
	unsigned long gs_base;		/* MSR_GS_BASE */
	unsigned long stack;		/* an address on its stack */
	u64 cr4, efer;
	bool written;
};

/*
 * Fill the possible and present masks from the MADT, then start every
 * present CPU (within maxcpus=) with INIT-SIPI-SIPI, all at once, and
 * wait for each in turn, a bounded time.  After lapic_setup_cpu() on the
 * boot CPU.
 */
void smp_init(void);

/* The C entry of an AP, from the trampoline (secondary_startup_64). */
void start_secondary(u32 apic_id) __attribute__((noreturn));
/* Where an AP idles once it is up; the scheduler's idle loop later. */
void cpu_startup_entry(void) __attribute__((noreturn));

/* The record of CPU cpu (zeroes for a CPU that never came up). */
const struct cpu_boot_record *cpu_boot_record_of(unsigned int cpu);
/* The per-CPU template's record: no CPU may have written it. */
const struct cpu_boot_record *cpu_boot_record_template(void);

/* The command line's nosmp and maxcpus= (NR_CPUS when not given). */
extern bool nosmp;
extern unsigned int setup_max_cpus;
/* Enabled CPUs in the MADT (Linux's cpu_present_mask). */
extern cpumask_t cpu_present_mask;
/* Kernel stack top per CPU (and the IST stacks in its TSS). */
extern unsigned long cpu_stack_top[];

/*
 * Wait up to timeout_us for CPU cpu (kicked or not) to come online; if it
 * does not, report it by number and APIC id and give up on it for good.
 * Returns whether it is online.  smp_init() uses it, the tests too.
 */
bool smpboot_wait_for_cpu(unsigned int cpu, u64 timeout_us);

/* Guest TSC ticks from the first INIT to the last AP online (0: none). */
extern u64 smpboot_tsc_ticks;

#endif /* __ASSEMBLER__ */
#endif
