/*
 * kernel/demo.c - running the demo demo= names (see demo.h).
 *
 * `demo=help` lists the demos with what each teaches.
 * Linux counterpart: none.
 */
#include "drivers/qemu_exit.h"
#include "kernel/demo.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"

extern const struct demo __start_demos[], __stop_demos[];

static char demo_name[64];
core_param("demo", demo_name, PARAM_STRING,
	   "run one lecture demo after boot (demo=help lists them)");

bool
demo_requested(void)
{
	return demo_name[0] != '\0';
}

void
demo_run(void)
{
	bool help = !strcmp(demo_name, "help");

	for (const struct demo *d = __start_demos; d < __stop_demos; d++) {
		if (help) {
			pr_err("demo %s: %s\n", d->name, d->teaches);
			continue;
		}
		if (strcmp(d->name, demo_name))
			continue;
		pr_err("demo %s: %s\n", d->name, d->teaches);
		if (d->run()) {
			pr_err("demo %s: showed what it should\n", d->name);
			qemu_exit(QEMU_EXIT_PASS);
		}
		pr_err("demo %s: did NOT show what it should\n", d->name);
		qemu_exit(QEMU_EXIT_FAIL);
	}
	if (!help)
		pr_err("demo: unknown demo '%s' (demo=help lists them)\n",
		       demo_name);
	qemu_exit(help ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
}
