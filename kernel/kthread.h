/*
 * kernel/kthread.h - kernel threads: tasks that run a kernel function.
 *
 * Teaches: a kernel thread is created stopped (so the creator can name
 * it, bind it to a CPU or change its nice level first) and starts at its
 * first wake_up_process(); kthread_run() does both.  Stopping is
 * cooperative: kthread_stop() sets a flag, wakes the thread and waits;
 * the thread's loop checks kthread_should_stop() and returns, and its
 * return value is what kthread_stop() returns.  When the thread has made
 * its last switch, its stack goes back to the page allocator.
 *
 * Rule: kthread_stop() may only be called on a thread that has not
 * already returned on its own (as in Linux); a thread that may end by
 * itself must be pinned by get_task_struct() first.
 * Linux counterpart: include/linux/kthread.h, kernel/kthread.c.
 */
#ifndef PAGODA_KERNEL_KTHREAD_H
#define PAGODA_KERNEL_KTHREAD_H

#include "kernel/sched.h"

__printf(4, 5) struct task_struct *
kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
		       const char *namefmt, ...);

#define kthread_create(threadfn, data, namefmt, ...)			\
	kthread_create_on_node(threadfn, data, -1, namefmt, ##__VA_ARGS__)

#define kthread_run(threadfn, data, namefmt, ...)			\
({									\
	struct task_struct *__k = kthread_create(threadfn, data,	\
						 namefmt, ##__VA_ARGS__); \
	if (__k)							\
		wake_up_process(__k);					\
	__k;								\
})

/* Created on cpu's node and bound to cpu; not started. */
__printf(4, 5) struct task_struct *
kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
		      unsigned int cpu, const char *namefmt, ...);

/* Before its first wake-up only: run p on cpu alone. */
void kthread_bind(struct task_struct *p, unsigned int cpu);
int kthread_stop(struct task_struct *p);
bool kthread_should_stop(void);
/* End the calling kernel thread with ret (as returning ret would). */
void kthread_exit(long ret) __noreturn;

/* Called by the scheduler once a dead kernel thread's stack is freed. */
void kthread_reaped(struct task_struct *p);
/* Kernel threads created and reaped so far (leak checks). */
unsigned long kthreads_created(void);
unsigned long kthreads_reaped(void);

#endif
