/*
 * boot/bootinfo.h - what the boot loader told us, copied somewhere safe.
 *
 * Teaches: the loader's information structure lives in memory the kernel
 * will soon reuse (and, after the switch to the kernel's own page tables,
 * can no longer even see), so everything needed later is copied out of it
 * first, into one structure that no longer depends on which protocol
 * (Multiboot 1 or 2) delivered it.
 * Linux counterpart: struct boot_params
 * (arch/x86/include/uapi/asm/bootparam.h).
 */
#ifndef PAGODA_BOOT_BOOTINFO_H
#define PAGODA_BOOT_BOOTINFO_H

#include "arch/x86/e820.h"
#include "kernel/params.h"
#include "kernel/types.h"

#define MULTIBOOT1_BOOT_MAGIC	0x2badb002
#define MULTIBOOT2_BOOT_MAGIC	0x36d76289
#define BOOT_MAX_MODULES	8
#define BOOT_MAX_RESERVED	(BOOT_MAX_MODULES + 4)
#define ACPI_RSDP_MAX_LEN	36	/* an ACPI 2.0+ RSDP */

struct boot_range {
	phys_addr_t start, end;		/* [start, end) */
	const char *what;
};

struct boot_info {
	unsigned int protocol;		/* 1 or 2: Multiboot version */
	char loader_name[64];

	/*
	 * QEMU and GRUB pass "/path/to/image args...": the path goes to
	 * image_path (cut if longer), the arguments to cmdline, so that the
	 * COMMAND_LINE_SIZE limit counts the command line alone.
	 */
	char image_path[128];
	char cmdline[COMMAND_LINE_SIZE];
	size_t cmdline_full_len;	/* of the arguments, before any cut */

	struct e820_entry mem_map[E820_MAX_ENTRIES];
	unsigned int mem_map_nr;
	unsigned int mem_map_dropped;	/* entries that did not fit */
	const char *mem_map_source;

	/* Memory holding loader data the kernel must not hand out early. */
	struct boot_range reserved[BOOT_MAX_RESERVED];
	unsigned int nr_reserved;
	unsigned int reserved_dropped;	/* too many: the kernel refuses to boot */
	unsigned int nr_modules;
	/*
	 * The first module is the initial RAM disk (kernel/initrd.c):
	 * [initrd_start, initrd_end), both 0 when the loader gave none.
	 */
	phys_addr_t initrd_start, initrd_end;

	u8 rsdp[ACPI_RSDP_MAX_LEN];	/* a copy, checksums not yet checked */
	size_t rsdp_len;		/* 0: none found (yet) */
	phys_addr_t rsdp_phys;		/* where the copy came from */
	const char *rsdp_source;
};

/*
 * Translate a physical address range into a pointer, or NULL if it is not
 * accessible.  The kernel uses its early direct map; host tests use a
 * buffer, so that hostile structures can be fed to the parser.
 */
typedef const void *(*phys_reader_t)(phys_addr_t addr, size_t len);

/* Returns 0, or a negative errno with *why set to a sentence. */
int multiboot_parse(u32 magic, phys_addr_t info, phys_reader_t read_phys,
		    struct boot_info *bi, const char **why);

extern struct boot_info boot_info;

#endif
