/*
 * kernel/initrd.c - the initial RAM disk: a newc cpio archive in memory.
 *
 * Teaches: the boot loader loads the archive as a Multiboot module
 * (qemu -initrd, GRUB's module2) and tells us where; boot/multiboot.c
 * records the range in boot_info and reserves it in memblock, so
 * memblock_free_all() leaves those pages out of the buddy allocator and
 * the archive stays intact for as long as the kernel runs.  It is RAM,
 * so the direct map usually shows it: no mapping to create.  One
 * exception: a loader may place it in the first MiB (GRUB under UEFI
 * puts it at address 0), which real-mode code owns here (the AP
 * trampoline is copied to 0x8000 when the other CPUs start) and whose
 * page 0 the direct map leaves out; such an archive is copied to pages
 * from the buddy allocator first, as Linux's relocate_initrd() does.  The
 * archive is walked once at boot (lib/cpio.c checks every length), and
 * files are served in place, read-only, without copying.
 * Linux counterpart: init/initramfs.c (which unpacks into a tmpfs
 * instead), arch/x86/kernel/setup.c (reserve_initrd, relocate_initrd).
 */
#include "boot/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/initrd.h"
#include "kernel/printk.h"
#include "lib/cpio.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/ioremap.h"
#include "mm/mmzone.h"
#include "mm/page.h"
#include "mm/pgtable.h"

/* Below this the memory belongs to real-mode code: relocate. */
#define INITRD_LOW_LIMIT	0x100000

static const void *initrd_data;
static size_t initrd_size;
static bool initrd_ok;
bool initrd_relocated;

/*
 * Copy an archive out of low memory into buddy pages; the low pages stay
 * reserved (a few KiB lost, as in Linux, where the first MiB is reserved
 * whole).  False if it cannot be read or is larger than one allocation.
 */
static bool
initrd_relocate(void)
{
	unsigned int order = 0;
	const void *src;
	struct page *page;

	while (order < MAX_ORDER - 1 && ((size_t)PAGE_SIZE << order) < initrd_size)
		order++;
	if (((size_t)PAGE_SIZE << order) < initrd_size)
		return false;
	src = memremap_ro(boot_info.initrd_start, initrd_size);
	page = alloc_pages(GFP_KERNEL, order);
	if (!src || !page)
		return false;
	memcpy(page_address(page), src, initrd_size);
	initrd_data = page_address(page);
	initrd_relocated = true;
	pr_info("initrd: moved out of low memory to [mem %#010llx-%#010llx]\n",
		(unsigned long long)__pa(initrd_data),
		(unsigned long long)__pa(initrd_data) + initrd_size - 1);
	return true;
}

bool
initrd_archive(const void **data, size_t *size)
{
	*data = initrd_data;
	*size = initrd_size;
	return initrd_ok;
}

/* One pass over the archive: count, check, and print the files. */
static int
initrd_scan(unsigned int *files, size_t *bytes, bool print,
	    const char **why)
{
	struct cpio_iter it;
	struct cpio_entry e;
	int ret;

	*files = 0;
	*bytes = 0;
	cpio_iter_init(&it, initrd_data, initrd_size);
	while ((ret = cpio_next(&it, &e, why)) > 0) {
		if ((e.mode & CPIO_S_IFMT) != CPIO_S_IFREG)
			continue;
		if (print)
			pr_cont(" /%s", e.name);
		(*files)++;
		*bytes += e.size;
	}
	return ret;
}

void
initrd_init(void)
{
	unsigned int files;
	size_t bytes;
	const char *why;
	int ret;

	if (!boot_info.initrd_end) {
		pr_info("initrd: none (the boot loader passed no module)\n");
		return;
	}
	initrd_data = __va(boot_info.initrd_start);
	initrd_size = boot_info.initrd_end - boot_info.initrd_start;
	if (boot_info.initrd_start < INITRD_LOW_LIMIT && !initrd_relocate()) {
		pr_err("initrd: [mem %#010llx-%#010llx] lies in low memory and cannot be moved: ignored\n",
		       (unsigned long long)boot_info.initrd_start,
		       (unsigned long long)boot_info.initrd_end - 1);
		return;
	}
	ret = initrd_scan(&files, &bytes, false, &why);
	if (ret < 0) {
		pr_err("initrd: [mem %#010llx-%#010llx] is not a usable newc archive: %s\n",
		       (unsigned long long)boot_info.initrd_start,
		       (unsigned long long)boot_info.initrd_end - 1, why);
		return;
	}
	initrd_ok = true;
	pr_info("initrd: [mem %#010llx-%#010llx] %zu bytes\n",
		(unsigned long long)boot_info.initrd_start,
		(unsigned long long)boot_info.initrd_end - 1, initrd_size);
	pr_info("initrd: %u files, %zu bytes:", files, bytes);
	initrd_scan(&files, &bytes, true, &why);
	pr_cont("\n");
}

int
initrd_lookup(const char *path, const void **data, size_t *size)
{
	struct cpio_entry e;
	const char *why;
	int ret;

	if (!initrd_ok)
		return -ENODEV;
	ret = cpio_find(initrd_data, initrd_size, path, &e, &why);
	if (ret)
		return ret;
	if ((e.mode & CPIO_S_IFMT) != CPIO_S_IFREG)
		return -ENOENT;
	*data = e.data;
	*size = e.size;
	return 0;
}
