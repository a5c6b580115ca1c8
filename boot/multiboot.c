/*
 * boot/multiboot.c - read the Multiboot 1 or 2 information structure.
 *
 * Teaches: the boot loader leaves the kernel a structure describing the
 * machine.  Multiboot 1 (QEMU's -kernel) is a fixed struct with flag bits
 * saying which fields are valid and physical pointers to the rest (the
 * command line, the memory map).  Multiboot 2 (GRUB) is a list of tagged,
 * 8-byte-aligned records, which is how it can carry the ACPI RSDP that a
 * UEFI machine has nowhere else to put.
 *
 * Nothing from the loader is trusted: every pointer is translated through
 * read_phys (which refuses what is not mapped), every length is checked
 * against its container, and every string is copied with a bound.  A
 * broken structure gives an error with a sentence, not a wild read.
 *
 * Linux counterpart: none directly (Linux has its own boot protocol, see
 * arch/x86/boot/); the Multiboot specifications describe these layouts.
 */
#include "boot/bootinfo.h"

#include "kernel/compiler.h"
#include "kernel/errno.h"
#include "lib/string.h"

struct boot_info boot_info;

/* Multiboot 1 information structure (the fields we use). */
#define MB1_INFO_MEMORY		(1 << 0)
#define MB1_INFO_CMDLINE	(1 << 2)
#define MB1_INFO_MODS		(1 << 3)
#define MB1_INFO_MEM_MAP	(1 << 6)
#define MB1_INFO_LOADER_NAME	(1 << 9)

struct mb1_info {
	u32 flags;
	u32 mem_lower, mem_upper;	/* KiB below 1 MiB / above 1 MiB */
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
} __packed;

struct mb1_mmap_entry {
	u32 size;			/* of the rest of the entry */
	u64 addr, len;
	u32 type;
} __packed;

struct mb1_module {
	u32 mod_start, mod_end, string, reserved;
} __packed;

/* Multiboot 2 tags. */
#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER_NAME	2
#define MB2_TAG_MODULE		3
#define MB2_TAG_BASIC_MEMINFO	4
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15
#define MB2_INFO_MAX		(1024 * 1024)	/* sanity bound */

struct mb2_tag {
	u32 type, size;
} __packed;

struct mb2_mmap_entry {
	u64 addr, len;
	u32 type, reserved;
} __packed;

static void
add_reserved(struct boot_info *bi, phys_addr_t start, phys_addr_t end,
	     const char *what)
{
	if (end <= start)
		return;
	if (bi->nr_reserved < BOOT_MAX_RESERVED)
		bi->reserved[bi->nr_reserved++] =
			(struct boot_range){ start, end, what };
	else
		bi->reserved_dropped++;
}

/*
 * Count a module; the first one is the initial RAM disk.  An empty or
 * inverted range is counted but not recorded: there is nothing to read.
 */
static void
record_module(struct boot_info *bi, phys_addr_t start, phys_addr_t end)
{
	if (bi->nr_modules++ == 0 && end > start) {
		bi->initrd_start = start;
		bi->initrd_end = end;
	}
}

/* Copy a NUL-terminated string from physical memory, bounded. */
static size_t
copy_phys_string(phys_reader_t read_phys, phys_addr_t addr, char *dst,
		 size_t size, size_t limit)
{
	size_t len = 0;

	if (size)
		dst[0] = '\0';
	while (len < limit) {
		const char *c = read_phys(addr + len, 1);

		if (!c || !*c)
			break;
		if (len + 1 < size) {
			dst[len] = *c;
			dst[len + 1] = '\0';
		}
		len++;
	}
	return len;
}

static char
phys_char(phys_reader_t read_phys, phys_addr_t addr)
{
	const char *c = read_phys(addr, 1);

	return c ? *c : '\0';
}

/*
 * Copy the command line at addr (at most limit bytes, NUL-terminated)
 * into bi.  A first word with a '/' and no '=' is the image path the
 * loader put in front (QEMU's -kernel and GRUB do): it goes to
 * bi->image_path, and neither it nor the blanks around it count against
 * COMMAND_LINE_SIZE.  Returns the bytes the whole string occupies,
 * without its NUL.
 */
static size_t
copy_cmdline(phys_reader_t read_phys, phys_addr_t addr, size_t limit,
	     struct boot_info *bi)
{
	size_t start = 0, end, args;
	bool slash = false, equals = false;
	char c;

	bi->image_path[0] = '\0';
	while (start < limit && phys_char(read_phys, addr + start) == ' ')
		start++;
	for (end = start; end < limit; end++) {
		c = phys_char(read_phys, addr + end);
		if (!c || c == ' ')
			break;
		slash |= c == '/';
		equals |= c == '=';
	}
	args = start;
	if (slash && !equals) {
		copy_phys_string(read_phys, addr + start, bi->image_path,
				 min(sizeof(bi->image_path), end - start + 1),
				 end - start);
		args = end;
		while (args < limit && phys_char(read_phys, addr + args) == ' ')
			args++;
	}
	bi->cmdline_full_len = copy_phys_string(read_phys, addr + args,
			bi->cmdline, sizeof(bi->cmdline), limit - args);
	return args + bi->cmdline_full_len;
}

static void
add_map_entry(struct boot_info *bi, u64 addr, u64 len, u32 type)
{
	if (bi->mem_map_nr >= E820_MAX_ENTRIES) {
		bi->mem_map_dropped++;
		return;
	}
	bi->mem_map[bi->mem_map_nr++] = (struct e820_entry){ addr, len, type };
}

/* ACPI types outside 1-5 are reported as "reserved" by Multiboot. */
static u32
mb_type_to_e820(u32 type)
{
	return type == 0 ? E820_TYPE_RESERVED : type;
}

static int
parse_mb1(phys_addr_t info_phys, phys_reader_t read_phys,
	  struct boot_info *bi, const char **why)
{
	const struct mb1_info *mbi = read_phys(info_phys, sizeof(*mbi));

	if (!mbi) {
		*why = "the Multiboot information structure is not readable";
		return -EFAULT;
	}
	bi->protocol = 1;
	add_reserved(bi, info_phys, info_phys + sizeof(*mbi), "multiboot info");

	if (mbi->flags & MB1_INFO_CMDLINE) {
		size_t len = copy_cmdline(read_phys, mbi->cmdline, 1 << 20, bi);

		add_reserved(bi, mbi->cmdline, mbi->cmdline + len + 1,
			     "command line");
	}
	if (mbi->flags & MB1_INFO_LOADER_NAME)
		copy_phys_string(read_phys, mbi->boot_loader_name,
				 bi->loader_name, sizeof(bi->loader_name), 256);

	if (mbi->flags & MB1_INFO_MODS) {
		for (u32 i = 0; i < mbi->mods_count && i < BOOT_MAX_MODULES; i++) {
			const struct mb1_module *m = read_phys(
				(u64)mbi->mods_addr + i * sizeof(*m), sizeof(*m));

			if (!m)
				break;
			add_reserved(bi, m->mod_start, m->mod_end, "module");
			record_module(bi, m->mod_start, m->mod_end);
		}
	}

	if (mbi->flags & MB1_INFO_MEM_MAP) {
		u64 off = 0;

		bi->mem_map_source = "Multiboot memory map";
		add_reserved(bi, mbi->mmap_addr,
			     (u64)mbi->mmap_addr + mbi->mmap_length, "memory map");
		/* Each entry's size field excludes itself; minimum 20 bytes. */
		while (off + sizeof(struct mb1_mmap_entry) <= mbi->mmap_length) {
			const struct mb1_mmap_entry *e = read_phys(
				(u64)mbi->mmap_addr + off, sizeof(*e));

			if (!e || e->size < 20) {
				*why = "the Multiboot memory map is malformed";
				return -EINVAL;
			}
			add_map_entry(bi, e->addr, e->len, mb_type_to_e820(e->type));
			off += (u64)e->size + 4;
		}
	} else if (mbi->flags & MB1_INFO_MEMORY) {
		/* No map: the two legacy sizes are all we have. */
		bi->mem_map_source = "Multiboot mem_lower/mem_upper";
		add_map_entry(bi, 0, (u64)mbi->mem_lower * 1024, E820_TYPE_RAM);
		add_map_entry(bi, 0x100000, (u64)mbi->mem_upper * 1024,
			      E820_TYPE_RAM);
	}
	return 0;
}

static void
take_rsdp(struct boot_info *bi, const void *data, size_t len,
	  phys_addr_t where, const char *source)
{
	if (len > ACPI_RSDP_MAX_LEN)
		len = ACPI_RSDP_MAX_LEN;
	if (len < 20)
		return;		/* shorter than an ACPI 1.0 RSDP */
	memcpy(bi->rsdp, data, len);
	bi->rsdp_len = len;
	bi->rsdp_phys = where;
	bi->rsdp_source = source;
}

static int
parse_mb2(phys_addr_t info_phys, phys_reader_t read_phys,
	  struct boot_info *bi, const char **why)
{
	const u32 *header = read_phys(info_phys, 8);
	const u8 *base;
	u32 total, off = 8;
	bool have_new_rsdp = false;

	if (info_phys & 7) {
		*why = "the Multiboot2 information structure is not 8-byte aligned";
		return -EINVAL;
	}
	if (!header) {
		*why = "the Multiboot2 information structure is not readable";
		return -EFAULT;
	}
	total = header[0];
	if (total < 16 || total > MB2_INFO_MAX || !(base = read_phys(info_phys, total))) {
		*why = "the Multiboot2 information structure has an absurd size";
		return -EINVAL;
	}
	bi->protocol = 2;
	add_reserved(bi, info_phys, info_phys + total, "multiboot2 info");

	while (off + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *tag = (const void *)(base + off);
		const u8 *body = base + off + sizeof(*tag);
		u32 body_len;

		if (tag->type == MB2_TAG_END)
			return 0;
		if (tag->size < sizeof(*tag) || tag->size > total - off) {
			*why = "a Multiboot2 tag runs past the end of the structure";
			return -EINVAL;
		}
		body_len = tag->size - sizeof(*tag);

		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			copy_cmdline(read_phys, info_phys + off + sizeof(*tag),
				     body_len, bi);
			break;
		case MB2_TAG_LOADER_NAME: {
			size_t n = strnlen((const char *)body, body_len);

			n = min(n, sizeof(bi->loader_name) - 1);
			memcpy(bi->loader_name, body, n);
			bi->loader_name[n] = '\0';
			break;
		}
		case MB2_TAG_MODULE:
			if (body_len >= 8) {
				const u32 *m = (const u32 *)body;

				add_reserved(bi, m[0], m[1], "module");
				record_module(bi, m[0], m[1]);
			}
			break;
		case MB2_TAG_BASIC_MEMINFO:
			if (body_len >= 8 && !bi->mem_map_source) {
				const u32 *m = (const u32 *)body;

				bi->mem_map_source = "Multiboot2 basic meminfo";
				add_map_entry(bi, 0, (u64)m[0] * 1024, E820_TYPE_RAM);
				add_map_entry(bi, 0x100000, (u64)m[1] * 1024,
					      E820_TYPE_RAM);
			}
			break;
		case MB2_TAG_MMAP: {
			u32 entry_size = body_len >= 8 ? ((const u32 *)body)[0] : 0;

			if (entry_size < sizeof(struct mb2_mmap_entry)) {
				*why = "the Multiboot2 memory map has a bad entry size";
				return -EINVAL;
			}
			/* A real map replaces the basic meminfo guess. */
			bi->mem_map_nr = 0;
			bi->mem_map_dropped = 0;
			bi->mem_map_source = "Multiboot2 memory map";
			for (u64 e = 8; e + entry_size <= body_len; e += entry_size) {
				const struct mb2_mmap_entry *m =
					(const void *)(body + e);

				add_map_entry(bi, m->addr, m->len,
					      mb_type_to_e820(m->type));
			}
			break;
		}
		case MB2_TAG_ACPI_OLD:
			if (!have_new_rsdp)
				take_rsdp(bi, body, body_len,
					  info_phys + off + sizeof(*tag),
					  "Multiboot2 ACPI 1.0 tag");
			break;
		case MB2_TAG_ACPI_NEW:
			take_rsdp(bi, body, body_len,
				  info_phys + off + sizeof(*tag),
				  "Multiboot2 ACPI 2.0 tag");
			have_new_rsdp = bi->rsdp_len != 0;
			break;
		default:
			break;	/* framebuffer, EFI tables...: not ours yet */
		}
		off += (tag->size + 7) & ~7U;
	}
	*why = "the Multiboot2 information structure has no end tag";
	return -EINVAL;
}

int
multiboot_parse(u32 magic, phys_addr_t info, phys_reader_t read_phys,
		struct boot_info *bi, const char **why)
{
	memset(bi, 0, sizeof(*bi));
	*why = NULL;
	if (magic == MULTIBOOT1_BOOT_MAGIC)
		return parse_mb1(info, read_phys, bi, why);
	if (magic == MULTIBOOT2_BOOT_MAGIC)
		return parse_mb2(info, read_phys, bi, why);
	*why = "no Multiboot magic: not started by a Multiboot boot loader";
	return -EINVAL;
}
