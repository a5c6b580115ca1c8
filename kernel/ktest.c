/*
 * kernel/ktest.c - run the in-kernel test suites and report in KTAP.
 *
 * Teaches: some things can only be tested inside the kernel, on the
 * (emulated) hardware: that the page tables really forbid a write, that
 * a fault is really raised.  Suites are placed by KTEST_SUITE() into the
 * `ktest_suites` linker section, so adding a test file needs no central
 * list.  `ktest=all` or `ktest=a,b` runs them after boot and prints KTAP
 * version 1 (the format KUnit prints and the kernel's tools parse):
 *
 *	KTAP version 1
 *	1..2
 *	    KTAP version 1
 *	    # Subtest: pgtable
 *	    1..3
 *	    ok 1 direct_map_2m
 *	    ...
 *	ok 1 pgtable
 *
 * then powers QEMU off through isa-debug-exit with a status saying pass
 * or fail, so the harness knows the verdict without parsing anything.
 * Linux counterpart: lib/kunit/test.c, lib/kunit/executor.c.
 */
#include "kernel/ktest.h"

#include "drivers/qemu_exit.h"
#include "kernel/errno.h"
#include "lib/kstrtox.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

extern const struct ktest_suite __start_ktest_suites[], __stop_ktest_suites[];

static char ktest_list[256];
unsigned long ktest_mem_mb, ktest_cpus, ktest_nodes;
char ktest_boot[16];

core_param_list("ktest", ktest_list, "run in-kernel test suites after boot",
		"all, or suite names separated by commas");
core_param("ktest.mem_mb", ktest_mem_mb, PARAM_ULONG,
	   "for tests: the machine's RAM in MiB (from the harness)");
core_param("ktest.cpus", ktest_cpus, PARAM_ULONG,
	   "for tests: the machine's CPU count (from the harness)");
core_param("ktest.boot", ktest_boot, PARAM_STRING,
	   "for tests: how the harness booted us: kernel, bios or uefi");
core_param("ktest.nodes", ktest_nodes, PARAM_ULONG,
	   "for tests: the machine's NUMA node count (from the harness)");

char ktest_node_mem_mb[256], ktest_cpu_nodes[512], ktest_distances[1024];
char ktest_hotplug_mb[64];
core_param("ktest.node_mem_mb", ktest_node_mem_mb, PARAM_STRING,
	   "for tests: MiB of RAM per node, a,b,... (from the harness)");
core_param("ktest.cpu_nodes", ktest_cpu_nodes, PARAM_STRING,
	   "for tests: the node of each CPU, a,b,... (from the harness)");
core_param("ktest.distances", ktest_distances, PARAM_STRING,
	   "for tests: the SLIT, row by row, a,b,... (from the harness)");
core_param("ktest.hotplug_mb", ktest_hotplug_mb, PARAM_STRING,
	   "for tests: node,start,end MiB of the hotplug window, or none");

int
ktest_parse_list(const char *s, u64 *out, int max)
{
	int n = 0;

	if (!s[0] || !strcmp(s, "none"))
		return 0;
	for (;;) {
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char item[24], *star;
		unsigned long long v, repeat = 1;

		if (!len || len >= sizeof(item))
			return -1;
		memcpy(item, s, len);
		item[len] = '\0';
		star = strchr(item, '*');
		if (star) {
			*star = '\0';
			if (kstrtoull(star + 1, 10, &repeat) || !repeat)
				return -1;
		}
		if (kstrtoull(item, 0, &v) || repeat > (unsigned long long)(max - n))
			return -1;
		while (repeat--)
			out[n++] = v;
		if (!end)
			return n;
		s = end + 1;
	}
}

bool
ktest_requested(void)
{
	return ktest_list[0] != '\0';
}

bool
ktest_report(struct ktest *t, bool ok, bool fatal, const char *file,
	     int line, const char *fmt, ...)
{
	char msg[512];
	va_list args;

	if (ok)
		return true;
	va_start(args, fmt);
	vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	/* KTAP diagnostics: one "# " line per message line. */
	printk(KERN_INFO "        # %s: %s:%d\n", t->name, file, line);
	for (char *p = msg, *nl; p && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		printk(KERN_INFO "        # %s\n", p);
	}
	t->failed = true;
	if (fatal)
		kernel_longjmp(t->abort, 1);
	return false;
}

void
ktest_skip(struct ktest *t, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vscnprintf(t->skip_buf, sizeof(t->skip_buf), fmt, args);
	va_end(args);
	t->skip_reason = t->skip_buf;
	kernel_longjmp(t->abort, 1);
}

void
ktest_log(struct ktest *t, const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	printk(KERN_INFO "        # %s: %s\n", t->name, msg);
}

static bool
suite_selected(const char *name)
{
	return !strcmp(ktest_list, "all") ||
	       list_has_item(ktest_list, name, strlen(name));
}

static const struct ktest_suite *
find_suite(const char *name, size_t len)
{
	for (const struct ktest_suite *s = __start_ktest_suites;
	     s < __stop_ktest_suites; s++)
		if (strlen(s->name) == len && !strncmp(s->name, name, len))
			return s;
	return NULL;
}

/* Every name in ktest= must be a suite: a typo must not pass silently. */
static unsigned int
report_unknown_suites(void)
{
	unsigned int unknown = 0;
	const char *p = ktest_list;

	if (!strcmp(ktest_list, "all"))
		return 0;
	const char *item;
	size_t n;

	while ((item = next_list_item(&p, &n))) {
		if (!find_suite(item, n)) {
			pr_err("ktest: unknown suite '%.*s'\n", (int)n, item);
			unknown++;
		}
	}
	return unknown;
}

static void
run_case(const struct ktest_case *c, struct ktest *t)
{
	struct jmp_buf abort;

	*t = (struct ktest){ .name = c->name, .abort = &abort };
	if (kernel_setjmp(&abort) == 0)
		c->run(t);
}

/* Returns true if every case passed or was skipped. */
static bool
run_suite(const struct ktest_suite *s, unsigned int number)
{
	unsigned int failed = 0;
	struct ktest t;

	printk(KERN_INFO "    KTAP version 1\n");
	printk(KERN_INFO "    # Subtest: %s\n", s->name);
	printk(KERN_INFO "    1..%u\n", s->ncases);
	for (unsigned int i = 0; i < s->ncases; i++) {
		run_case(&s->cases[i], &t);
		if (t.failed) {
			failed++;
			printk(KERN_INFO "    not ok %u %s\n", i + 1, t.name);
		} else if (t.skip_reason) {
			printk(KERN_INFO "    ok %u %s # SKIP %s\n", i + 1,
			       t.name, t.skip_reason);
		} else {
			printk(KERN_INFO "    ok %u %s\n", i + 1, t.name);
		}
	}
	printk(KERN_INFO "%s %u %s\n", failed ? "not ok" : "ok", number,
	       s->name);
	return !failed;
}

void
ktest_run_all(void)
{
	unsigned int selected = 0, number = 0, failed_suites = 0;
	unsigned int unknown = report_unknown_suites();

	for (const struct ktest_suite *s = __start_ktest_suites;
	     s < __stop_ktest_suites; s++)
		selected += suite_selected(s->name);

	printk(KERN_INFO "KTAP version 1\n");
	printk(KERN_INFO "1..%u\n", selected);
	for (const struct ktest_suite *s = __start_ktest_suites;
	     s < __stop_ktest_suites; s++)
		if (suite_selected(s->name) && !run_suite(s, ++number))
			failed_suites++;

	pr_info("ktest: %u suites run, %u failed, %u unknown names\n",
		selected, failed_suites, unknown);
	qemu_exit(failed_suites || unknown || !selected ? QEMU_EXIT_FAIL
							: QEMU_EXIT_PASS);
}

int
ktest_facts(struct ktest *t, const char *list, const char *name, int n,
	    u64 *out, int max)
{
	int got = ktest_parse_list(list, out, max);

	if (!list[0])
		ktest_skip(t, "no ktest.%s from the harness", name);
	KT_ASSERT_TRUE(t, got >= 0);
	if (n >= 0)
		KT_ASSERT_EQ(t, got, n);
	return got;
}
