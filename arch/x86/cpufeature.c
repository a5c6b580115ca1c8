/*
 * arch/x86/cpufeature.c - ask the CPU what it supports, turn on protections.
 *
 * Teaches: CPUID is the CPU's self-description.  Leaf 0 gives the vendor,
 * leaf 1 and leaf 7 the feature bits, leaves 0x80000002-4 the marketing
 * name, 0x80000008 the physical and virtual address widths.  The kernel
 * uses the answers to decide, for example, whether 1 GiB pages (pdpe1gb)
 * may appear in its page tables, and whether to turn on:
 *   - SMEP: the kernel may not execute user-space pages;
 *   - SMAP: the kernel may not even touch user-space pages, except inside
 *     an explicit stac/clac window (copy_from_user and friends);
 * two cheap defences against a whole class of exploits.
 * Linux counterpart: arch/x86/kernel/cpu/common.c (identify_cpu,
 * setup_smep/setup_smap).
 */
#include "arch/x86/cpufeature.h"

#include "arch/x86/processor.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"

struct cpuinfo_x86 boot_cpu_data;
bool cpu_smep_enabled, cpu_smap_enabled;
static bool disable_smep, disable_smap;

early_param_var("nosmep", disable_smep, PARAM_BOOL,
		"do not enable Supervisor Mode Execution Prevention");
early_param_var("nosmap", disable_smap, PARAM_BOOL,
		"do not enable Supervisor Mode Access Prevention");

static void
cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	cpuid_count(leaf, 0, a, b, c, d);
}

void
cpu_detect(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	u32 a, b, cx, d;

	cpuid(0, &a, &b, &cx, &d);
	c->max_leaf = a;
	memcpy(c->vendor + 0, &b, 4);
	memcpy(c->vendor + 4, &d, 4);
	memcpy(c->vendor + 8, &cx, 4);
	c->vendor[12] = '\0';

	cpuid(1, &a, &b, &cx, &d);
	c->family = (a >> 8) & 0xf;
	c->model = (a >> 4) & 0xf;
	c->stepping = a & 0xf;
	if (c->family == 0xf)
		c->family += (a >> 20) & 0xff;
	if (c->family >= 6)
		c->model += ((a >> 16) & 0xf) << 4;
	c->pse = d & (1 << 3);
	c->tsc = d & (1 << 4);
	c->pae = d & (1 << 6);
	c->apic = d & (1 << 9);
	c->pge = d & (1 << 13);
	c->x2apic = cx & (1 << 21);

	if (c->max_leaf >= 7) {
		cpuid_count(7, 0, &a, &b, &cx, &d);
		c->smep = b & (1 << 7);
		c->smap = b & (1 << 20);
		c->la57 = cx & (1 << 16);
	}

	cpuid(0x80000000, &a, &b, &cx, &d);
	c->max_ext_leaf = a;
	if (c->max_ext_leaf >= 0x80000001) {
		cpuid(0x80000001, &a, &b, &cx, &d);
		c->nx = d & (1 << 20);
		c->pdpe1gb = d & (1 << 26);
		c->lm = d & (1 << 29);
	}
	if (c->max_ext_leaf >= 0x80000004) {
		u32 *name = (u32 *)c->model_id;

		for (u32 leaf = 0; leaf < 3; leaf++)
			cpuid(0x80000002 + leaf, &name[leaf * 4], &name[leaf * 4 + 1],
			      &name[leaf * 4 + 2], &name[leaf * 4 + 3]);
		c->model_id[48] = '\0';
	}
	if (c->max_ext_leaf >= 0x80000007) {
		cpuid(0x80000007, &a, &b, &cx, &d);
		c->constant_tsc = d & (1 << 8);
	}
	c->phys_bits = 36;
	c->virt_bits = 48;
	if (c->max_ext_leaf >= 0x80000008) {
		cpuid(0x80000008, &a, &b, &cx, &d);
		c->phys_bits = a & 0xff;
		c->virt_bits = (a >> 8) & 0xff;
	}
}

void
cpu_print_info(void)
{
	const struct cpuinfo_x86 *c = &boot_cpu_data;
	const char *name = c->model_id;

	while (*name == ' ')
		name++;
	pr_info("CPU: %s (family: 0x%x, model: 0x%x, stepping: 0x%x)\n",
		*name ? name : c->vendor, c->family, c->model, c->stepping);
	pr_info("CPU: %u bits physical, %u bits virtual; features:%s%s%s%s%s%s%s%s\n",
		c->phys_bits, c->virt_bits,
		c->nx ? " nx" : "", c->pge ? " pge" : "",
		c->pdpe1gb ? " pdpe1gb" : "", c->smep ? " smep" : "",
		c->smap ? " smap" : "", c->la57 ? " la57" : "",
		c->x2apic ? " x2apic" : "",
		c->constant_tsc ? " constant_tsc" : "");
}

void
cpu_enable_protections(void)
{
	unsigned long cr4 = read_cr4();

	write_cr0(read_cr0() | X86_CR0_WP);
	if (boot_cpu_data.smep && !disable_smep) {
		cr4 |= X86_CR4_SMEP;
		cpu_smep_enabled = true;
	}
	if (boot_cpu_data.smap && !disable_smap) {
		cr4 |= X86_CR4_SMAP;
		cpu_smap_enabled = true;
	}
	write_cr4(cr4);
	if (cpu_smap_enabled)
		clac();		/* start with user access forbidden */
	pr_info("x86/cpu: SMEP %s, SMAP %s, WP on, NX on\n",
		cpu_smep_enabled ? "on" : boot_cpu_data.smep ? "off (nosmep)" : "unsupported",
		cpu_smap_enabled ? "on" : boot_cpu_data.smap ? "off (nosmap)" : "unsupported");
}
