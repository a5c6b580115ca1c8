/*
 * kernel/kthread.c - creating, binding and stopping kernel threads.
 *
 * Teaches: see kernel/kthread.h.  Each kernel thread carries a struct
 * kthread (its function, the stop flag, its result and the completion
 * kthread_stop() waits on).  The completion is signalled by the
 * scheduler after the thread's last switch and after its stack was
 * freed, so when kthread_stop() returns the thread is entirely gone but
 * for the task_struct the caller's reference keeps.
 * Linux counterpart: kernel/kthread.c (where kthreadd creates the
 * threads; here the creator does it directly).
 */
#include "kernel/kthread.h"

#include "kernel/completion.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "lib/vsprintf.h"
#include "mm/numa.h"
#include "mm/slab.h"

struct kthread {
	int (*threadfn)(void *data);
	void *data;
	bool should_stop;
	long result;
	struct completion exited;
};

static unsigned long nr_created, nr_reaped;

static void
kthread_entry(void *arg)
{
	struct kthread *kt = arg;
	long ret = -EINTR;

	/* Stopped before it ever ran: the function is not called. */
	if (!READ_ONCE(kt->should_stop))
		ret = kt->threadfn(kt->data);
	kthread_exit(ret);
}

void
kthread_exit(long ret)
{
	current->kthread->result = ret;
	do_exit(ret);
}

static struct task_struct *
kthread_vcreate(int (*threadfn)(void *data), void *data, int node,
		const char *namefmt, va_list ap)
{
	struct kthread *kt;
	struct task_struct *p;

	if (node < 0 || !node_has_memory(node))
		node = numa_node_id();
	kt = kzalloc_node(sizeof(*kt), GFP_KERNEL, node);
	if (!kt)
		return NULL;
	kt->threadfn = threadfn;
	kt->data = data;
	init_completion(&kt->exited);
	p = sched_create_task(kthread_entry, kt, node);
	if (!p) {
		kfree(kt);
		return NULL;
	}
	p->kthread = kt;
	p->flags |= PF_KTHREAD;
	vsnprintf(p->comm, sizeof(p->comm), namefmt, ap);
	__atomic_add_fetch(&nr_created, 1, __ATOMIC_RELAXED);
	return p;
}

struct task_struct *
kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
		       const char *namefmt, ...)
{
	struct task_struct *p;
	va_list ap;

	va_start(ap, namefmt);
	p = kthread_vcreate(threadfn, data, node, namefmt, ap);
	va_end(ap);
	return p;
}

struct task_struct *
kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
		      unsigned int cpu, const char *namefmt, ...)
{
	struct task_struct *p;
	va_list ap;

	va_start(ap, namefmt);
	p = kthread_vcreate(threadfn, data, cpu_to_node(cpu), namefmt, ap);
	va_end(ap);
	if (p)
		kthread_bind(p, cpu);
	return p;
}

void
kthread_bind(struct task_struct *p, unsigned int cpu)
{
	if (WARN_ON(p->state != TASK_NEW))
		return;
	cpumask_clear(&p->cpus_allowed);
	cpumask_set_cpu(cpu, &p->cpus_allowed);
	p->cpu = cpu;
	p->flags |= PF_NO_SETAFFINITY;
}

bool
kthread_should_stop(void)
{
	struct kthread *kt = current->kthread;

	return kt && READ_ONCE(kt->should_stop);
}

int
kthread_stop(struct task_struct *p)
{
	struct kthread *kt = p->kthread;
	long ret;

	might_sleep();
	get_task_struct(p);
	WRITE_ONCE(kt->should_stop, true);
	wake_up_process(p);
	wait_for_completion(&kt->exited);
	ret = kt->result;
	put_task_struct(p);
	return (int)ret;
}

void
kthread_reaped(struct task_struct *p)
{
	if (!p->kthread)
		return;
	__atomic_add_fetch(&nr_reaped, 1, __ATOMIC_RELAXED);
	complete(&p->kthread->exited);
}

unsigned long
kthreads_created(void)
{
	return READ_ONCE(nr_created);
}

unsigned long
kthreads_reaped(void)
{
	return READ_ONCE(nr_reaped);
}
