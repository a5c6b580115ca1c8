/*
 * kernel/smp.c - asking other CPUs to run a function: the call-function IPI.
 *
 * Teaches: a request to CPU n is a small record, a call_single_data
 * (func, info, and a "locked" flag), pushed onto CPU n's lock-free queue.
 * Only the push that finds the queue empty sends the interrupt: when the
 * queue already held something, an IPI is on its way or the target is
 * still draining, and it will find our record too.  The target's handler
 * takes the whole queue with one atomic exchange, runs each function, and
 * clears each record's flag; a sender that asked to wait spins (with
 * pause) until its flag clears.  The release store that clears the flag
 * pairs with the sender's acquire load: once the sender sees it clear,
 * everything the function wrote is visible.
 *
 * Deadlock rule: a CPU waiting for another with interrupts off can never
 * serve that CPU's request to it, so two such CPUs would wait forever.
 * Hence waiting calls must run with interrupts on (we warn otherwise), and
 * the senders keep only preemption off (they must stay on this CPU, whose
 * records they use), never interrupts, while they wait.
 *
 * Two vectors, as in Linux: CALL_FUNCTION_SINGLE for one target, and
 * CALL_FUNCTION for a set, which the APIC can broadcast to "all but self"
 * in one ICR write when the set is every other online CPU.  Both count in
 * the CAL row of /proc/interrupts; the reschedule IPI in RES.
 * Linux counterpart: kernel/smp.c, arch/x86/kernel/smp.c, lib/llist.c.
 */
#include "arch/x86/apic.h"
#include "arch/x86/irq.h"
#include "arch/x86/processor.h"
#include "kernel/errno.h"
#include "kernel/preempt.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "mm/numa.h"

#define CSD_LOCKED	1U

struct call_single_data {
	struct call_single_data *next;
	smp_call_func_t func;
	void *info;
	unsigned int flags;
};

/* Requests queued to this CPU, newest first (a lock-free stack). */
DEFINE_PER_CPU(struct call_single_data *, call_single_queue);
/* A CPU's records for asynchronous (no wait) calls, one per target. */
DEFINE_PER_CPU(struct call_single_data [NR_CPUS], cfd_data);

/* Did we add to an empty queue (then the target needs an IPI)? */
static bool
csd_enqueue(unsigned int cpu, struct call_single_data *csd)
{
	struct call_single_data **head = per_cpu_ptr(&call_single_queue, cpu);
	struct call_single_data *old = __atomic_load_n(head, __ATOMIC_RELAXED);

	do {
		csd->next = old;
	} while (!__atomic_compare_exchange_n(head, &old, csd, true,
					      __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	return old == NULL;
}

/*
 * Every CPU of a mask, a word at a time (one bit-scan per CPU rather than
 * a find_next_bit() call): these loops are most of the sender's path.
 * The body must not `break` (it would leave only the inner loop).
 */
#define for_each_cpu_of(cpu, mask)					\
	for (unsigned int __w = 0; __w < CPUMASK_LONGS; __w++)		\
		for (unsigned long __bits = (mask)->bits[__w];		\
		     __bits && ((cpu) = __w * 64 + __builtin_ctzl(__bits), 1); \
		     __bits &= __bits - 1)

static void
csd_lock_wait(struct call_single_data *csd)
{
	while (__atomic_load_n(&csd->flags, __ATOMIC_ACQUIRE) & CSD_LOCKED)
		cpu_relax();
}

static void
csd_prepare(struct call_single_data *csd, smp_call_func_t func, void *info)
{
	csd_lock_wait(csd);	/* a previous asynchronous use may be pending */
	csd->func = func;
	csd->info = info;
	csd->flags = CSD_LOCKED;
}

/* Run everything queued to this CPU, oldest first. */
static void
flush_call_queue(void)
{
	struct call_single_data *list, *prev = NULL;

	list = __atomic_exchange_n(this_cpu_ptr(&call_single_queue), NULL,
				   __ATOMIC_ACQUIRE);
	while (list) {			/* reverse into arrival order */
		struct call_single_data *next = list->next;

		list->next = prev;
		prev = list;
		list = next;
	}
	while (prev) {
		struct call_single_data *csd = prev;
		smp_call_func_t func = csd->func;
		void *info = csd->info;

		prev = csd->next;
		func(info);
		/* After this store the sender may reuse or free csd. */
		__atomic_store_n(&csd->flags, 0, __ATOMIC_RELEASE);
	}
}

static void
call_function_interrupt(struct pt_regs *regs, void *data)
{
	(void)regs;
	(void)data;
	this_cpu(irq_stat).irq_call_count++;
	flush_call_queue();
}

static void
reschedule_interrupt(struct pt_regs *regs, void *data)
{
	(void)regs;
	(void)data;
	this_cpu(irq_stat).irq_resched_count++;
	scheduler_ipi();
}

void
smp_ipi_init(void)
{
	set_irq_handler(CALL_FUNCTION_SINGLE_VECTOR, call_function_interrupt,
			NULL, "Function call interrupts (single)");
	set_irq_handler(CALL_FUNCTION_VECTOR, call_function_interrupt, NULL,
			"Function call interrupts");
	set_irq_handler(RESCHEDULE_VECTOR, reschedule_interrupt, NULL,
			"Rescheduling interrupts");
}

static void
run_here(smp_call_func_t func, void *info)
{
	unsigned long flags = local_irq_save();

	func(info);
	local_irq_restore(flags);
}

static void
warn_if_waiting_with_irqs_off(bool wait)
{
	/* Only a real wait on another CPU can deadlock. */
	if (wait && !(local_save_flags() & X86_EFLAGS_IF))
		WARN_ON(num_online_cpus() > 1);
}

int
smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info,
			 bool wait)
{
	struct call_single_data on_stack, *csd;

	if (cpu >= NR_CPUS || !cpu_online(cpu))
		return -ENXIO;
	warn_if_waiting_with_irqs_off(wait);
	preempt_disable();
	if (cpu == smp_processor_id()) {
		run_here(func, info);
		preempt_enable();
		return 0;
	}
	csd = wait ? &on_stack : &this_cpu(cfd_data)[cpu];
	if (wait)
		on_stack.flags = 0;
	csd_prepare(csd, func, info);
	if (csd_enqueue(cpu, csd))
		apic_send_ipi(numa_topology.cpu_apic[cpu],
			      CALL_FUNCTION_SINGLE_VECTOR);
	if (wait)
		csd_lock_wait(csd);
	preempt_enable();
	return 0;
}

void
smp_call_function_many(const cpumask_t *mask, smp_call_func_t func,
		       void *info, bool wait)
{
	struct call_single_data *cfd;
	unsigned int cpu, nr_ipi = 0;
	cpumask_t targets, ipi;

	warn_if_waiting_with_irqs_off(wait);
	preempt_disable();
	cfd = this_cpu(cfd_data);
	cpumask_and(&targets, mask, &cpu_online_mask);
	__cpumask_clear_cpu(smp_processor_id(), &targets);
	cpumask_clear(&ipi);
	/*
	 * One record per target, this CPU's own: each must be free (a
	 * previous asynchronous call finished) before reuse.  A target
	 * whose queue was not empty has an IPI coming already.
	 */
	for_each_cpu_of(cpu, &targets) {
		csd_prepare(&cfd[cpu], func, info);
		if (csd_enqueue(cpu, &cfd[cpu])) {
			__cpumask_set_cpu(cpu, &ipi);
			nr_ipi++;
		}
	}
	if (nr_ipi && nr_ipi == num_online_cpus() - 1)
		apic_send_ipi_allbutself(CALL_FUNCTION_VECTOR);
	else if (nr_ipi)
		for_each_cpu_of(cpu, &ipi)
			apic_send_ipi(numa_topology.cpu_apic[cpu],
				      CALL_FUNCTION_VECTOR);
	if (wait)
		for_each_cpu_of(cpu, &targets)
			csd_lock_wait(&cfd[cpu]);
	preempt_enable();
}

void
on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	/*
	 * Others first, so they run while we run ours.  We may be moved
	 * to another CPU in between, hence preemption off.
	 */
	preempt_disable();
	smp_call_function_many(&cpu_online_mask, func, info, wait);
	run_here(func, info);
	preempt_enable();
}

static void
do_nothing(void *info)
{
	(void)info;
}

void
kick_all_cpus_sync(void)
{
	/*
	 * The IPI itself is the point: a CPU takes it only with interrupts
	 * on, so once all have run do_nothing, none is still inside a
	 * section with interrupts off that began before the call.
	 */
	smp_call_function_many(&cpu_online_mask, do_nothing, NULL, true);
}

void
smp_send_reschedule(unsigned int cpu)
{
	if (cpu == smp_processor_id())
		return;		/* need_resched is enough here */
	apic_send_ipi(numa_topology.cpu_apic[cpu], RESCHEDULE_VECTOR);
}
