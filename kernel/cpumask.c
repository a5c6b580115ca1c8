/*
 * kernel/cpumask.c - the kernel's CPU sets and their printing.
 *
 * Teaches: until the SMP bring-up (arch/x86/smpboot.c) fills them from
 * the MADT, the only CPU the kernel knows is the one running it, CPU 0.
 * Linux counterpart: kernel/cpu.c (the masks), lib/bitmap.c (lists).
 */
#include "kernel/cpumask.h"
#include "lib/vsprintf.h"

cpumask_t cpu_possible_mask = { { 1 } };
cpumask_t cpu_online_mask = { { 1 } };
unsigned int nr_cpu_ids = 1;
unsigned int __num_online_cpus = 1;

void
set_cpu_online(unsigned int cpu, bool online)
{
	bool was = cpumask_test_cpu(cpu, &cpu_online_mask);

	if (online == was)
		return;
	if (online)
		cpumask_set_cpu(cpu, &cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &cpu_online_mask);
	__atomic_fetch_add(&__num_online_cpus, online ? 1 : -1,
			   __ATOMIC_SEQ_CST);
}

int
cpumask_print_list(char *buf, size_t size, const cpumask_t *m)
{
	unsigned int cpu = cpumask_next_from(0, m);
	int len = 0;

	if (size)
		buf[0] = '\0';
	while (cpu < NR_CPUS) {
		unsigned int end = cpu;

		while (end + 1 < NR_CPUS && cpumask_test_cpu(end + 1, m))
			end++;
		if (end == cpu)
			len += snprintf(buf + len, size > (size_t)len ?
					size - len : 0, "%s%u",
					len ? "," : "", cpu);
		else
			len += snprintf(buf + len, size > (size_t)len ?
					size - len : 0, "%s%u-%u",
					len ? "," : "", cpu, end);
		cpu = cpumask_next_from(end + 1, m);
	}
	return len;
}
