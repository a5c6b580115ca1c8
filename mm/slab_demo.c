/*
 * mm/slab_demo.c - demo=slab_ipi: the 2017 slab IPI fix, counted.
 *
 * Teaches: an IPI is not free - every other CPU stops what it does, takes
 * an interrupt, and answers - so a kernel must not send one it does not
 * need.  Giving a cache its per-CPU arrays used to kick every CPU
 * (kick_all_cpus_sync()) even when the cache was brand new and no CPU
 * could be using an old array, because there was none.  Greg Thelen's
 * 2017 patch ("slab: avoid IPIs when creating kmem caches") skips the
 * kick then; his example counted 47,741 IPIs before against 1,170 after.
 * Those 1,170 were not the fix's failure: they were the machine's other
 * IPIs in the same window (TLB shootdowns, rescheduling, tuning of caches
 * that really had old arrays).  Here nothing else runs meanwhile, so the
 * figures are exact: every creation before the fix kicks once, and each
 * kick interrupts each of the other online CPUs once; with the fix no
 * creation kicks at all.
 *
 * The demo creates 10,000 caches with slab_kick_new=1 (it flips the
 * variable itself, so no reboot is needed), then 10,000 with the fix,
 * and reads the CAL row of /proc/interrupts (function-call IPIs, summed
 * over the online CPUs) around each run of creations.  Destroying a cache
 * sends no IPI here (mm/slab_cpucache.c), so the caches are destroyed
 * after the count.
 * Linux counterpart: none (the patch's own description counted its
 * IPIs); the CAL row is /proc/interrupts'.
 */
#include "arch/x86/irq.h"
#include "kernel/cpumask.h"
#include "kernel/demo.h"
#include "kernel/printk.h"
#include "lib/vsprintf.h"
#include "mm/slab.h"

#define DEMO_CACHES	10000
#define DEMO_OBJ_SIZE	64	/* arrays of 120 objects, as for most caches */

static struct kmem_cache *demo_caches[DEMO_CACHES];

struct ipi_count {
	unsigned long ipis;	/* CAL interrupts taken, all online CPUs */
	unsigned long kicks;	/* kick_all_cpus_sync() calls by slab */
	unsigned int made;	/* caches created */
};

static unsigned long
cal_ipis(void)
{
	unsigned long n = 0;
	unsigned int cpu;

	for_each_online_cpu(cpu)
		n += READ_ONCE(per_cpu(irq_stat, cpu).irq_call_count);
	return n;
}

/* Create the caches with the given behaviour, count, then destroy them. */
static void
create_and_count(bool kick_new, struct ipi_count *c)
{
	bool saved = slab_kick_new;
	unsigned long ipis, kicks;
	char name[KMEM_CACHE_NAME_LEN];

	slab_kick_new = kick_new;
	ipis = cal_ipis();
	kicks = slab_kick_count();
	for (c->made = 0; c->made < DEMO_CACHES; c->made++) {
		snprintf(name, sizeof(name), "slab_ipi-%u", c->made);
		demo_caches[c->made] = kmem_cache_create(name, DEMO_OBJ_SIZE, 0,
							 0, NULL);
		if (!demo_caches[c->made])
			break;
	}
	c->ipis = cal_ipis() - ipis;
	c->kicks = slab_kick_count() - kicks;
	slab_kick_new = saved;
	for (unsigned int i = 0; i < c->made; i++)
		kmem_cache_destroy(demo_caches[i]);
}

static bool
slab_ipi_demo(void)
{
	unsigned int others = num_online_cpus() - 1;
	struct ipi_count before, after;

	create_and_count(true, &before);
	create_and_count(false, &after);
	if (before.made != DEMO_CACHES || after.made != DEMO_CACHES) {
		pr_err("slab_ipi demo: could create only %u and %u of %u caches\n",
		       before.made, after.made, DEMO_CACHES);
		return false;
	}
	pr_err("slab_ipi demo: kick_all_cpus_sync() called %lu times before "
	       "the fix, %lu after; each call interrupts the %u other online "
	       "CPU(s)\n", before.kicks, after.kicks, others);
	if (!others) {
		/* No other CPU to interrupt: the count would prove nothing. */
		pr_err("slab_ipi demo: one CPU online: no IPI is possible, so "
		       "there is nothing to count (boot with more CPUs)\n");
		return false;
	}
	pr_err("slab_ipi demo: %u caches: %lu IPIs before the fix, %lu after\n",
	       DEMO_CACHES, before.ipis, after.ipis);
	pr_err("slab_ipi demo: expected at least %lu before (one kick per "
	       "cache, one IPI per other CPU) and %lu after (no cache had old "
	       "arrays)\n", (unsigned long)DEMO_CACHES * others,
	       after.kicks * others);
	return before.kicks == DEMO_CACHES && after.kicks == 0 &&
	       before.ipis >= (unsigned long)DEMO_CACHES * others &&
	       after.ipis == after.kicks * others && before.ipis > after.ipis;
}

DEMO(slab_ipi, slab_ipi_demo,
     "creating 10,000 slab caches kicks every CPU before the 2017 fix "
     "(slab_kick_new=1), and not at all after it (CAL IPIs counted)");
