/*
 * kernel/rcu/tasks.h - RCU-tasks (see tasks.c).
 * Linux counterpart: include/linux/rcupdate.h (the _tasks calls).
 */
#ifndef PAGODA_KERNEL_RCU_TASKS_H
#define PAGODA_KERNEL_RCU_TASKS_H

#include "kernel/rcupdate.h"
#include "kernel/types.h"

void call_rcu_tasks(struct rcu_head *head, rcu_callback_t func);
void synchronize_rcu_tasks(void);

unsigned long rcu_tasks_completed_gps(void);
unsigned long rcu_tasks_stall_warnings(void);

extern int rcu_task_stall_timeout;
extern unsigned long rcu_tasks_schedule_qs;

#endif
