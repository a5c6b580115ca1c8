/*
 * arch/x86/smpboot.c - bringing up the secondary CPUs.
 *
 * Teaches: after reset only the boot CPU runs; the others (application
 * processors, APs) wait in a "wait for SIPI" state until the boot CPU
 * sends them, through its local APIC, an INIT IPI and then Startup IPIs
 * naming a page below 1 MiB where they begin in real mode.  The boot CPU
 * prepares everything an AP will need before it wakes it: the trampoline
 * (boot/trampoline.S) and its page tables in low memory, and, on the AP's
 * own NUMA node, its kernel stack, its IST stacks and its GDT/TSS (its
 * per-CPU area is already there).  The AP then loads all of it, enables
 * the same CPU features as the boot CPU, enables its local APIC, marks
 * itself online and idles.
 *
 * All APs are kicked together and then waited for one by one, so the
 * bring-up costs about one AP's start-up rather than the sum of them.
 * No wait is unbounded: a CPU that does not come online in time is
 * reported by number and APIC id and given up for good (if it shows up
 * later it halts instead of joining).  Every wait loop executes `pause`:
 * under QEMU's -icount all CPUs share one host thread, and a CPU spinning
 * without it would keep the AP it waits for from ever running.
 *
 * The delays are the SDM's (a Startup IPI, 200 us apart, twice) except
 * where Linux knows better, as Linux does: CPUs of the integrated-APIC era
 * (Intel family 6, AMD from family 0xf, Hygon) need no 10 ms wait after
 * INIT, and 10 us between the Startup IPIs suffices.
 *
 * Measuring it under `qemu -icount shift=0`: the boot CPU's side (stacks
 * for 7 APs, INIT to each, two rounds of Startup IPIs) is about 77,000
 * instructions, each AP's C side about 150; but QEMU 7.2 accounts the CPU
 * reset an INIT causes as if the AP had run out its whole time slice, so
 * the virtual clock jumps to its next timer deadline and "first INIT to
 * last AP online" reads tens of millions of cycles (the last line of the
 * bring-up prints it).
 *
 * `nosmp` and `maxcpus=N` limit how many CPUs are started (the boot CPU
 * counts; 0 means none besides it); the others stay possible, as in Linux.
 * Linux counterpart: arch/x86/kernel/smpboot.c, kernel/smp.c (smp_init,
 * bringup_nonboot_cpus), kernel/cpu.c.
 */
#include "arch/x86/smpboot.h"
#include "arch/x86/syscall.h"

#include "arch/x86/apic.h"
#include "arch/x86/apic_timer.h"
#include "arch/x86/cpufeature.h"
#include "arch/x86/desc.h"
#include "arch/x86/idle.h"
#include "arch/x86/percpu.h"
#include "arch/x86/processor.h"
#include "arch/x86/stack.h"
#include "drivers/acpi_madt.h"
#include "drivers/tsc.h"
#include "kernel/cpumask.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/numa.h"
#include "mm/paging_init.h"
#include "mm/pgtable.h"
#include "mm/pgtable_ops.h"

/* How long an AP may take to come online (Linux waits 10 s too). */
#define AP_CALLIN_TIMEOUT_US	10000000ULL

extern const char trampoline_start[], trampoline_end[];
extern char boot_stack_top[];

bool nosmp;
unsigned int setup_max_cpus = NR_CPUS;
early_param_var("nosmp", nosmp, PARAM_BOOL,
		"start no CPU but the boot CPU (the others stay possible)");
early_param_var("maxcpus", setup_max_cpus, PARAM_UINT,
		"start at most this many CPUs, the boot CPU included "
		"(0: as nosmp)");

/* Enabled CPUs in the MADT (Linux's cpu_present_mask). */
cpumask_t cpu_present_mask;
unsigned long cpu_stack_top[NR_CPUS];
/* Read by secondary_startup_64 (trampoline.S), indexed by APIC id. */
unsigned long ap_boot_stack[AP_MAX_APIC_ID];
u64 smpboot_tsc_ticks;

/* An AP's progress; the AP and the boot CPU each move it by CAS. */
enum ap_state {
	AP_IDLE,	/* not started */
	AP_KICKED,	/* INIT-SIPI-SIPI sent, not heard of yet */
	AP_ALIVE,	/* it answered: it will be online at once */
	AP_GIVEN_UP,	/* too late: if it ever wakes, it halts */
};
static int ap_state[NR_CPUS];

/* What every AP copies from the boot CPU. */
static unsigned long boot_cr0, boot_cr4;
static u64 boot_efer;
static struct {
	u16 limit;
	u64 base;
} __packed boot_idtr;

static DEFINE_PER_CPU(struct cpu_boot_record, cpu_boot_record);

const struct cpu_boot_record *
cpu_boot_record_of(unsigned int cpu)
{
	return per_cpu_ptr(&cpu_boot_record, cpu);
}

const struct cpu_boot_record *
cpu_boot_record_template(void)
{
	return &cpu_boot_record;
}

static void
tsc_wait_us(u64 us)
{
	u64 start = rdtsc(), ticks = us * tsc_khz / 1000;

	while (rdtsc() - start < ticks)
		cpu_relax();
}

/* Linux's rule (smp_quirk_init_udelay): which CPUs need 10 ms after INIT. */
static bool
init_needs_delay(void)
{
	const struct cpuinfo_x86 *c = &boot_cpu_data;

	if (!strcmp(c->vendor, "GenuineIntel") && c->family == 6)
		return false;
	if (!strcmp(c->vendor, "AuthenticAMD") && c->family >= 0xf)
		return false;
	if (!strcmp(c->vendor, "HygonGenuine") && c->family >= 0x18)
		return false;
	return true;
}

/* This CPU writes what it knows about itself, through its own GS. */
static void
record_this_cpu(void)
{
	struct cpu_boot_record *r = this_cpu_ptr(&cpu_boot_record);
	unsigned long here = (unsigned long)&r;

	r->cpu = smp_processor_id();
	r->node = numa_node_id();
	r->apic_id = read_apic_id();
	r->gs_base = rdmsr(MSR_GS_BASE);
	r->stack = here;
	r->cr4 = read_cr4();
	r->efer = rdmsr(MSR_EFER);
	r->written = true;
}

void
start_secondary(u32 apic_id)
{
	int expect = AP_KICKED;
	unsigned int cpu;

	for (cpu = 1; cpu < nr_cpu_ids; cpu++)
		if (numa_topology.cpu_apic[cpu] == apic_id)
			break;
	if (cpu >= nr_cpu_ids)
		halt_forever();
	/* Per-CPU data first: gdt_load() finds this CPU's GDT through GS. */
	percpu_load_gs(cpu);
	gdt_load();
	__asm__ __volatile__("lidt %0" : : "m"(boot_idtr));
	/* The boot CPU's features: WP, PGE, SMEP, SMAP, NXE, and the rest. */
	write_cr0(boot_cr0);
	write_cr4(boot_cr4);
	wrmsr(MSR_EFER, boot_efer);
	if (boot_cr4 & X86_CR4_SMAP)
		clac();
	lapic_setup_cpu();
	syscall_init_cpu();
	record_this_cpu();
	/* Report in, unless the boot CPU has stopped waiting for us. */
	if (!__atomic_compare_exchange_n(&ap_state[cpu], &expect, AP_ALIVE,
					 false, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST))
		halt_forever();
	set_cpu_online(cpu, true);
	lapic_timer_setup_cpu();	/* this CPU's tick */
	cpu_startup_entry();
}

bool
smpboot_wait_for_cpu(unsigned int cpu, u64 timeout_us)
{
	u64 start = rdtsc(), limit = timeout_us * tsc_khz / 1000;

	while (!cpu_online(cpu)) {
		int state = __atomic_load_n(&ap_state[cpu], __ATOMIC_SEQ_CST);

		if (state != AP_ALIVE && rdtsc() - start >= limit &&
		    __atomic_compare_exchange_n(&ap_state[cpu], &state,
						AP_GIVEN_UP, false,
						__ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			pr_err("smpboot: CPU%u (APIC id 0x%x) did not come "
			       "online within %llu ms: skipped\n", cpu,
			       numa_topology.cpu_apic[cpu],
			       (unsigned long long)timeout_us / 1000);
			return false;
		}
		cpu_relax();
	}
	return true;
}

static unsigned int
num_digits(unsigned int v)
{
	unsigned int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/*
 * Linux's ".... node  #0, CPUs:      #1" lines: a line per run of CPUs
 * on one node, CPU and node numbers right-aligned to the width of the
 * largest possible one, room left for the boot CPU on the first line.
 */
static void
announce_cpu(unsigned int cpu, int node)
{
	static int current_node = NUMA_NO_NODE;
	static bool first = true;
	unsigned int width = num_digits(nr_cpu_ids) + 1;
	unsigned int node_width = num_digits(num_node_state(N_POSSIBLE)) + 1;

	if (first)
		pr_info("x86: Booting SMP configuration:\n");
	if (node != current_node) {
		if (current_node != NUMA_NO_NODE)
			pr_cont("\n");
		current_node = node;
		pr_info(".... node %*s#%d, CPUs:  ",
			(int)(node_width - num_digits(node)), " ", node);
	}
	if (first)
		pr_cont("%*s", (int)width + 1, " ");
	first = false;
	pr_cont("%*s#%u", (int)(width - num_digits(cpu)), " ", cpu);
}

/*
 * The trampoline and its temporary page tables, in low memory.  Those
 * pages must be RAM the direct map reaches (a firmware could call them
 * reserved); without them no AP can be started.
 */
static bool
setup_trampoline(void)
{
	size_t size = trampoline_end - trampoline_start;
	pteval_t *pml4 = __va(TRAMPOLINE_PML4);
	pteval_t *pdpt = __va(TRAMPOLINE_PDPT);
	pteval_t *pd = __va(TRAMPOLINE_PD);

	if (size > PAGE_SIZE)
		panic("smpboot: trampoline is %zu bytes, more than a page", size);
	for (unsigned int i = 0; i < TRAMPOLINE_PAGES; i++) {
		struct pt_walk w;

		pt_walk(init_pgd_phys,
			(u64)__va(TRAMPOLINE_PHYS + i * PAGE_SIZE), &w);
		if (!w.mapped || !w.writable) {
			pr_err("smpboot: no RAM at %#x-%#x for the AP trampoline:"
			       " starting no other CPU\n", TRAMPOLINE_PHYS,
			       TRAMPOLINE_PHYS + TRAMPOLINE_PAGES * PAGE_SIZE - 1);
			return false;
		}
	}
	memcpy(__va(TRAMPOLINE_PHYS), trampoline_start, size);
	memset(pml4, 0, PAGE_SIZE);
	memset(pdpt, 0, PAGE_SIZE);
	memset(pd, 0, PAGE_SIZE);
	/* The first 2 MiB 1:1, executable: where the trampoline runs. */
	pd[0] = 0 | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	pdpt[0] = TRAMPOLINE_PD | _PAGE_PRESENT | _PAGE_RW;
	pml4[0] = TRAMPOLINE_PDPT | _PAGE_PRESENT | _PAGE_RW;
	/* The kernel half, as the kernel's PML4 has it. */
	for (unsigned int i = 256; i < 512; i++)
		pml4[i] = init_pgd[i];
	return true;
}

/* The stacks, GDT and TSS of CPU cpu, on its node. */
static bool
prepare_cpu(unsigned int cpu, int nid)
{
	static const char *const ist_names[IST_COUNT] = { "#DF", "NMI", "#MC" };
	u32 apic = numa_topology.cpu_apic[cpu];
	unsigned long ist[IST_COUNT];
	const struct kstack *ks;
	char name[24];

	if (apic >= AP_MAX_APIC_ID) {
		pr_err("smpboot: CPU%u: APIC id 0x%x needs x2APIC: skipped\n",
		       cpu, apic);
		return false;
	}
	for (unsigned int i = 0; i < IST_COUNT; i++) {
		snprintf(name, sizeof(name), "CPU%u %s stack", cpu, ist_names[i]);
		ks = kstack_alloc(nid, name);
		if (!ks)
			goto nomem;
		ist[i] = ks->top;
	}
	snprintf(name, sizeof(name), "CPU%u stack", cpu);
	ks = kstack_alloc(nid, name);
	if (!ks)
		goto nomem;
	gdt_setup_cpu(cpu, ist);
	cpu_stack_top[cpu] = ks->top;
	ap_boot_stack[apic] = ks->top;
	return true;
nomem:
	pr_err("smpboot: CPU%u (APIC id 0x%x): no memory for its stacks: "
	       "skipped\n", cpu, apic);
	return false;
}

static void
setup_cpu_masks(void)
{
	unsigned int nr = numa_topology.nr_cpus ? numa_topology.nr_cpus : 1;

	nr_cpu_ids = nr;
	cpumask_clear(&cpu_possible_mask);
	cpumask_clear(&cpu_present_mask);
	for (unsigned int cpu = 0; cpu < nr; cpu++) {
		cpumask_set_cpu(cpu, &cpu_possible_mask);
		/* Disabled but online-capable: possible, not present. */
		if (cpu == 0 || (madt_info.valid && madt_info.cpus[cpu].enabled))
			cpumask_set_cpu(cpu, &cpu_present_mask);
	}
	cpumask_clear(&cpu_online_mask);
	cpumask_set_cpu(0, &cpu_online_mask);
	__num_online_cpus = 1;
}

/* The boot CPU moves to its own GDT/TSS and records itself too. */
static void
setup_boot_cpu(void)
{
	gdt_init();		/* again: now in CPU 0's own per-CPU copy */
	cpu_stack_top[0] = (unsigned long)boot_stack_top;
	if (lapic_present && read_apic_id() != numa_topology.cpu_apic[0])
		pr_warn("smpboot: boot CPU has APIC id 0x%x, the MADT's first "
			"CPU 0x%x\n", read_apic_id(), numa_topology.cpu_apic[0]);
	boot_cr0 = read_cr0();
	boot_cr4 = read_cr4();
	boot_efer = rdmsr(MSR_EFER);
	__asm__ __volatile__("sidt %0" : "=m"(boot_idtr));
	record_this_cpu();
}

/*
 * Linux's "Max logical packages": the possible CPUs divided by what one
 * package holds, extrapolated from the boot CPU's package as it came up
 * (its cores online, times the most threads seen online in one core).
 * The package and core of a CPU are fields of its APIC id, whose widths
 * CPUID leaf 0xb gives (level 1: SMT, level 2: core).  0: unknown.
 */
static unsigned int
max_logical_packages(void)
{
	u32 a, b, c, d, smt_shift, pkg_shift, pkg0;
	unsigned int cores = 0, threads = 0, cpu, other;

	if (boot_cpu_data.max_leaf < 0xb)
		return 0;
	cpuid_count(0xb, 0, &a, &b, &c, &d);
	if ((c >> 8 & 0xff) != 1)
		return 0;
	smt_shift = a & 0x1f;
	cpuid_count(0xb, 1, &a, &b, &c, &d);
	if ((c >> 8 & 0xff) != 2)
		return 0;
	pkg_shift = a & 0x1f;
	pkg0 = numa_topology.cpu_apic[0] >> pkg_shift;
	for_each_online_cpu(cpu) {
		u32 core = numa_topology.cpu_apic[cpu] >> smt_shift;
		unsigned int first = cpu, siblings = 0;

		for_each_online_cpu(other)
			if (numa_topology.cpu_apic[other] >> smt_shift == core) {
				siblings++;
				if (other < first)
					first = other;
			}
		threads = siblings > threads ? siblings : threads;
		/* Count each core of the boot package once, at its first CPU. */
		if (first == cpu && core >> (pkg_shift - smt_shift) == pkg0)
			cores++;
	}
	return (nr_cpu_ids + cores * threads - 1) / (cores * threads);
}

static void
print_summary(void)
{
	unsigned int packages = max_logical_packages();
	unsigned int nodes = num_node_state(N_ONLINE);
	unsigned int cpus = num_online_cpus();
	/*
	 * Linux's delay loop counts TSC cycles, so its loops_per_jiffy is
	 * the TSC rate / HZ and a CPU's BogoMIPS is rate / 500000 (twice
	 * the MHz); the total sums every online CPU's.
	 */
	unsigned long khz = tsc_khz * cpus;

	pr_info("smp: Brought up %u node%s, %u CPU%s\n", nodes,
		nodes > 1 ? "s" : "", cpus, cpus > 1 ? "s" : "");
	if (packages)
		pr_info("smpboot: Max logical packages: %u\n", packages);
	pr_info("smpboot: Total of %u processors activated (%lu.%02lu "
		"BogoMIPS)\n", cpus, khz / 500, khz / 5 % 100);
}

void
smp_init(void)
{
	unsigned int max = nosmp ? 0 : setup_max_cpus, started = 1;
	unsigned int kicked[NR_CPUS], nr_kicked = 0;
	u64 first_init = 0, last = 0;

	setup_cpu_masks();
	setup_boot_cpu();
	pr_info("smp: Bringing up secondary CPUs ...\n");
	if (!lapic_present || !setup_trampoline())
		max = 1;

	/* 1. Stacks, GDT and TSS for each, in CPU order. */
	for (unsigned int cpu = 1; cpu < nr_cpu_ids; cpu++) {
		int nid = cpu_to_node(cpu);

		if (started >= max)
			break;
		if (!cpumask_test_cpu(cpu, &cpu_present_mask))
			continue;
		if (!prepare_cpu(cpu, nid < 0 ? 0 : nid))
			continue;
		announce_cpu(cpu, nid < 0 ? 0 : nid);
		kicked[nr_kicked++] = cpu;
		started++;
	}
	if (nr_kicked) {
		pr_cont("\n");
		/* 2. INIT to each, back to back, then the Startup IPIs twice. */
		first_init = rdtsc();
		for (unsigned int i = 0; i < nr_kicked; i++) {
			ap_state[kicked[i]] = AP_KICKED;
			apic_send_init(numa_topology.cpu_apic[kicked[i]]);
		}
		if (init_needs_delay())
			tsc_wait_us(10000);
		for (int round = 0; round < 2; round++) {
			for (unsigned int i = 0; i < nr_kicked; i++)
				apic_send_startup(numa_topology.cpu_apic[kicked[i]],
						  TRAMPOLINE_PHYS >> 12);
			tsc_wait_us(init_needs_delay() ? 200 : 10);
		}
	}
	/* 3. Wait for each, a bounded time from now. */
	for (unsigned int i = 0; i < nr_kicked; i++) {
		unsigned int cpu = kicked[i];

		if (smpboot_wait_for_cpu(cpu, AP_CALLIN_TIMEOUT_US))
			last = rdtsc();
	}
	if (last)
		smpboot_tsc_ticks = last - first_init;
	print_summary();
	if (smpboot_tsc_ticks)
		pr_info("smpboot: %u APs online %llu us after the first INIT "
			"(%llu TSC cycles)\n", num_online_cpus() - 1,
			(unsigned long long)(smpboot_tsc_ticks * 1000 / tsc_khz),
			(unsigned long long)smpboot_tsc_ticks);
}
