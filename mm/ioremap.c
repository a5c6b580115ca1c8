/*
 * mm/ioremap.c - give a virtual address to memory outside the direct map.
 *
 * Teaches: the direct map covers RAM only.  Firmware tables (ACPI) sit in
 * memory the firmware marked reserved, and device registers (the APIC,
 * the IOAPIC) are not memory at all; both must be mapped explicitly, and
 * device registers must be mapped uncached (PCD|PWT) so that every access
 * reaches the device.  We hand out virtual space from a window at Linux's
 * vmalloc/ioremap base with a bump pointer, one page-aligned piece per
 * request.
 * Linux counterpart: arch/x86/mm/ioremap.c, mm/early_ioremap.c.
 */
#include "mm/ioremap.h"

#include "arch/x86/e820.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "mm/paging_init.h"

static unsigned long ioremap_next = IOREMAP_START;
static DEFINE_SPINLOCK(ioremap_lock);

static void *
ioremap_prot(phys_addr_t phys, size_t size, pteval_t prot)
{
	phys_addr_t base = ALIGN_DOWN(phys, PAGE_SIZE);
	u64 len;
	unsigned long va, flags;
	int err;

	if (!size || phys >= E820_MAX_PHYS || size > IOREMAP_SIZE ||
	    phys + size > E820_MAX_PHYS)
		return NULL;
	len = ALIGN(phys + size, PAGE_SIZE) - base;
	flags = spin_lock_irqsave(&ioremap_lock);
	if (ioremap_next + len > IOREMAP_START + IOREMAP_SIZE) {
		spin_unlock_irqrestore(&ioremap_lock, flags);
		pr_err("ioremap: window exhausted mapping %#llx+%#zx\n",
		       (unsigned long long)phys, size);
		return NULL;
	}
	va = ioremap_next;
	ioremap_next += len;
	err = map_range(init_pgd, va, base, len, prot, 0, NULL);
	spin_unlock_irqrestore(&ioremap_lock, flags);
	if (err) {
		pr_err("ioremap: cannot map %#llx+%#zx (error %d)\n",
		       (unsigned long long)phys, size, err);
		return NULL;
	}
	return (void *)(va + (phys - base));
}

const void *
memremap_ro(phys_addr_t phys, size_t size)
{
	return ioremap_prot(phys, size, PAGE_KERNEL_RO);
}

void *
ioremap_uc(phys_addr_t phys, size_t size)
{
	return ioremap_prot(phys, size, PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT);
}
