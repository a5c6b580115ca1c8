/*
 * tests/host/fuzz_bootinfo_seeds.c - write the starting corpus of
 * fuzz_bootinfo: realistic Multiboot 2 and Multiboot 1 structures, e820
 * maps and RSDPs, in the input format of tests/host/fuzz_bootinfo.h.
 *
 * Teaches: a fuzzer mutates what it is given; starting from valid
 * structures it reaches the deep parts of a parser (the memory map, the
 * ACPI tags) in seconds instead of hours.
 *
 * A plain host program (no sanitizers, no kernel code):
 *	fuzz_bootinfo_seeds DIR		writes DIR/seed-*
 */
#include <stdio.h>
#include <string.h>

#include "tests/host/fuzz_bootinfo.h"
#include "tests/host/mb_build.h"

static const char *dir;
static int errors;

static void
write_seed(const char *name, u8 mode, const void *payload, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/seed-%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(&mode, 1, 1, f) != 1 ||
	    (len && fwrite(payload, 1, len, f) != len) || fclose(f)) {
		perror(path);
		errors++;
	}
}

static void
seed_mb2(void)
{
	static u8 buf[4096] __attribute__((aligned(8)));
	struct mbt2_mmap_entry map[6] = {
		{ 0, 0x9fc00, 1, 0 },
		{ 0x9fc00, 0x400, 2, 0 },
		{ 0xf0000, 0x10000, 2, 0 },
		{ 0x100000, 0x7ee0000, 1, 0 },
		{ 0x7fe0000, 0x20000, 3, 0 },
		{ 0xfffc0000, 0x40000, 2, 0 },
	};
	struct mb2_builder b;
	u8 rsdp[RSDP_V2_SIZE];
	u32 total;

	mb2b_init(&b, buf, sizeof(buf));
	mb2b_string(&b, MBT2_TAG_CMDLINE,
		    "/boot/pagoda.elf console=ttyS0 ktest=all loglevel=7");
	mb2b_string(&b, MBT2_TAG_LOADER_NAME, "GRUB 2.06");
	mb2b_module(&b, 0x400000, 0x480000, "initrd");
	mb2b_meminfo(&b, 639, 130048);
	mb2b_mmap(&b, 24, map, 6);
	rsdp_build(rsdp, 0, "BOCHS", 0x7fe1234, 0);
	mb2b_tag(&b, MBT2_TAG_ACPI_OLD, rsdp, RSDP_V1_SIZE);
	rsdp_build(rsdp, 2, "BOCHS", 0x7fe1234, 0x7fe5678);
	mb2b_tag(&b, MBT2_TAG_ACPI_NEW, rsdp, RSDP_V2_SIZE);
	total = mb2b_finish(&b);
	write_seed("mb2-grub", FUZZ_MODE_MB2, buf, total);

	mb2b_init(&b, buf, sizeof(buf));
	total = mb2b_finish(&b);
	write_seed("mb2-empty", FUZZ_MODE_MB2, buf, total);

	mb2b_init(&b, buf, sizeof(buf));
	mb2b_meminfo(&b, 639, 523264);
	mb2b_tag(&b, MBT2_TAG_FRAMEBUFFER, "\0\0\0\xfd\0\0\0\0", 8);
	mb2b_mmap(&b, 32, map, 3);
	total = mb2b_finish(&b);
	write_seed("mb2-meminfo-mmap32", FUZZ_MODE_MB2, buf, total);
}

/* Offsets inside the Multiboot 1 payload (FUZZ_MB1_BASE + offset). */
#define O_CMDLINE	0x80
#define O_LOADER	0xc0
#define O_MODS		0x100
#define O_MODSTR	0x120
#define O_MMAP		0x140

static void
seed_mb1(void)
{
	static u8 mem[0x200];
	struct mbt1_info info;
	struct mbt1_module mods[2] = {
		{ 0x400000, 0x480000, FUZZ_MB1_BASE + O_MODSTR, 0 },
		{ 0x500000, 0x500800, FUZZ_MB1_BASE + O_MODSTR + 8, 0 },
	};
	struct mbt1_mmap_entry map[5] = {
		{ 20, 0, 0x9fc00, 1 },
		{ 20, 0x9fc00, 0x400, 2 },
		{ 20, 0xf0000, 0x10000, 2 },
		{ 20, 0x100000, 0x7ee0000, 1 },
		{ 20, 0xfffc0000, 0x40000, 2 },
	};

	memset(mem, 0, sizeof(mem));
	memset(&info, 0, sizeof(info));
	info.flags = MBT1_F_MEMORY | MBT1_F_CMDLINE | MBT1_F_MODS |
		     MBT1_F_MMAP | MBT1_F_LOADER_NAME;
	info.mem_lower = 639;
	info.mem_upper = 130048;
	info.cmdline = FUZZ_MB1_BASE + O_CMDLINE;
	info.mods_count = 2;
	info.mods_addr = FUZZ_MB1_BASE + O_MODS;
	info.mmap_length = sizeof(map);
	info.mmap_addr = FUZZ_MB1_BASE + O_MMAP;
	info.boot_loader_name = FUZZ_MB1_BASE + O_LOADER;
	memcpy(mem, &info, sizeof(info));
	strcpy((char *)mem + O_CMDLINE, "/boot/pagoda.elf console=ttyS0");
	strcpy((char *)mem + O_LOADER, "qemu");
	memcpy(mem + O_MODS, mods, sizeof(mods));
	strcpy((char *)mem + O_MODSTR, "initrd");
	strcpy((char *)mem + O_MODSTR + 8, "mod2");
	memcpy(mem + O_MMAP, map, sizeof(map));
	write_seed("mb1-qemu", FUZZ_MODE_MB1, mem, O_MMAP + sizeof(map));

	/* no map: only mem_lower/mem_upper */
	memset(&info, 0, sizeof(info));
	info.flags = MBT1_F_MEMORY;
	info.mem_lower = 639;
	info.mem_upper = 261120;
	write_seed("mb1-meminfo", FUZZ_MODE_MB1, &info, sizeof(info));
}

static void
put_e820(u8 *p, u64 addr, u64 size, u32 type)
{
	memcpy(p, &addr, 8);
	memcpy(p + 8, &size, 8);
	memcpy(p + 16, &type, 4);
}

static void
seed_e820(void)
{
	static const struct { u64 addr, size; u32 type; } qemu[] = {
		{ 0x100000, 0x7ee0000, 1 },
		{ 0, 0x9fc00, 1 },
		{ 0x9fc00, 0x400, 2 },
		{ 0xf0000, 0x10000, 2 },
		{ 0x7fe0000, 0x20000, 3 },
		{ 0x200000, 0x100000, 2 },		/* overlaps RAM */
		{ 0xfeffc000, 0x4000, 2 },
		{ 0xfffc0000, 0x40000, 2 },
		{ 0x100000000ULL, 0x80000000ULL, 1 },
		{ 0x1000, 0, 1 },			/* empty */
		{ 0xffffffffff000ULL, 0x2000, 1 },	/* crosses 2^52 */
		{ 0xfffffffffffff000ULL, 0x2000, 7 },	/* wraps */
	};
	u8 buf[1 + sizeof(qemu) / sizeof(qemu[0]) * FUZZ_E820_ENTRY_SIZE];

	buf[0] = 128;		/* max */
	for (size_t i = 0; i < sizeof(qemu) / sizeof(qemu[0]); i++)
		put_e820(buf + 1 + i * FUZZ_E820_ENTRY_SIZE, qemu[i].addr,
			 qemu[i].size, qemu[i].type);
	write_seed("e820-qemu", FUZZ_MODE_E820, buf, sizeof(buf));
	buf[0] = 3;		/* a table too small */
	write_seed("e820-small-table", FUZZ_MODE_E820, buf, sizeof(buf));
}

static void
seed_rsdp(void)
{
	u8 r[RSDP_V2_SIZE];

	rsdp_build(r, 2, "BOCHS", 0x7fe1234, 0x7fe5678);
	write_seed("rsdp-v2", FUZZ_MODE_RSDP, r, RSDP_V2_SIZE);
	rsdp_build(r, 0, "BOCHS", 0x7fe1234, 0);
	write_seed("rsdp-v1", FUZZ_MODE_RSDP, r, RSDP_V1_SIZE);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	dir = argv[1];
	seed_mb2();
	seed_mb1();
	seed_e820();
	seed_rsdp();
	return errors ? 1 : 0;
}
