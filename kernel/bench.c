/*
 * kernel/bench.c - running the benchmarks bench= names (see bench.h).
 *
 * The boot CPU runs each benchmark in the order of the link, prints one
 * BENCH line each, and leaves QEMU: 33 when every named benchmark exists
 * and produced a figure, 35 otherwise.
 * Linux counterpart: none.
 */
#include "drivers/qemu_exit.h"
#include "kernel/bench.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"

extern const struct bench_case __start_bench_cases[], __stop_bench_cases[];

static char bench_list[256];
core_param_list("bench", bench_list, "run kernel path-length benchmarks "
		"after boot (under qemu -icount shift=0)",
		"all, or benchmark names separated by commas");

bool
bench_requested(void)
{
	return bench_list[0] != '\0';
}

static bool
bench_selected(const char *name)
{
	return !strcmp(bench_list, "all") ||
	       list_has_item(bench_list, name, strlen(name));
}

static unsigned int
report_unknown_benches(void)
{
	const char *p = bench_list, *item;
	unsigned int unknown = 0;
	size_t n;

	if (!strcmp(bench_list, "all"))
		return 0;
	while ((item = next_list_item(&p, &n))) {
		bool found = false;

		for (const struct bench_case *b = __start_bench_cases;
		     b < __stop_bench_cases; b++)
			found |= strlen(b->name) == n &&
				 !strncmp(b->name, item, n);
		if (!found) {
			pr_err("bench: unknown benchmark '%.*s'\n", (int)n, item);
			unknown++;
		}
	}
	return unknown;
}

void
bench_run_all(void)
{
	unsigned int failed = report_unknown_benches(), run = 0;

	for (const struct bench_case *b = __start_bench_cases;
	     b < __stop_bench_cases; b++) {
		u64 n;

		if (!bench_selected(b->name))
			continue;
		run++;
		n = b->run();
		if (!n) {
			pr_err("bench: %s failed\n", b->name);
			failed++;
			continue;
		}
		pr_err("BENCH %s %llu\n", b->name, (unsigned long long)n);
	}
	pr_info("bench: %u run, %u failed\n", run, failed);
	qemu_exit(failed || !run ? QEMU_EXIT_FAIL : QEMU_EXIT_PASS);
}
