/*
 * tests/host/fuzz_bootinfo.c - libFuzzer target for everything the boot
 * loader and firmware hand the kernel: Multiboot 2 and Multiboot 1
 * information structures, e820 memory maps, ACPI RSDPs.
 *
 * Teaches: a boot loader is just another source of untrusted input.
 * Each input (format: tests/host/fuzz_bootinfo.h) is parsed in a fake
 * physical memory whose regions are exactly as large as the input, so
 * AddressSanitizer turns any read beyond what read_phys granted into a
 * crash, and libFuzzer's -timeout catches endless loops. On top, the
 * checks below turn every broken promise into a crash (__builtin_trap):
 * a parse result must be self-consistent, and e820_sanitize()'s output
 * must be sorted, disjoint, non-empty, below 2^52, at most `max` long
 * and, when nothing was truncated, give every point the highest type
 * covering it.
 * Build and run: make host-fuzz (needs clang).
 * Linux counterpart: syzkaller, at a much larger scale.
 */
#include <stdlib.h>

#include "arch/x86/e820.h"
#include "boot/bootinfo.h"
#include "drivers/acpi_rsdp.h"
#include "lib/string.h"
#include "tests/host/fake_phys.h"
#include "tests/host/fuzz_bootinfo.h"
#include "tests/host/host_printk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)	do { if (!(cond)) __builtin_trap(); } while (0)

static struct boot_info bi;
static struct e820_entry e820_in[E820_MAX_ENTRIES];

/* The entry as e820_sanitize() promises to read it: clipped at 2^52. */
static bool
clipped(const struct e820_entry *e, u64 *start, u64 *end)
{
	if (!e->size || e->addr >= E820_MAX_PHYS)
		return false;
	*start = e->addr;
	*end = e->size > E820_MAX_PHYS - e->addr ? E820_MAX_PHYS :
		e->addr + e->size;
	return true;
}

static u32
type_at(const struct e820_entry *in, unsigned int nin, u64 point)
{
	u32 type = 0;
	u64 s, e;

	for (unsigned int i = 0; i < nin; i++)
		if (clipped(&in[i], &s, &e) && s <= point && point < e &&
		    in[i].type > type)
			type = in[i].type;
	return type;
}

/*
 * in[0..nin) is a copy of the input (nin <= E820_MAX_ENTRIES), out[0..n)
 * what e820_sanitize() made of it with room for max.
 */
static void
check_sanitized(const struct e820_entry *in, unsigned int nin,
		const struct e820_entry *out, unsigned int n, unsigned int max,
		const struct e820_sanitize_report *rep)
{
	unsigned int zero = 0;

	CHECK(n <= max);
	for (unsigned int i = 0; i < n; i++) {
		CHECK(out[i].size != 0);
		CHECK(out[i].type != 0);
		CHECK(out[i].addr < E820_MAX_PHYS);
		CHECK(out[i].size <= E820_MAX_PHYS - out[i].addr);
		if (i) {
			u64 prev_end = out[i - 1].addr + out[i - 1].size;

			CHECK(prev_end <= out[i].addr);
			CHECK(prev_end != out[i].addr ||
			      out[i - 1].type != out[i].type);
		}
	}
	for (unsigned int i = 0; i < nin; i++)
		zero += !in[i].size;
	CHECK(rep->zero_length == zero);
	CHECK(rep->absurd <= nin);
	if (rep->truncated)
		return;

	/* Nothing lost: every output end point has the winning type... */
	for (unsigned int i = 0; i < n; i++) {
		CHECK(type_at(in, nin, out[i].addr) == out[i].type);
		CHECK(type_at(in, nin, out[i].addr + out[i].size - 1) ==
		      out[i].type);
	}
	/* ...and every input's first and last byte is covered. */
	for (unsigned int i = 0; i < nin; i++) {
		u64 s, e, pts[2];

		if (!clipped(&in[i], &s, &e) || !in[i].type)
			continue;
		pts[0] = s;
		pts[1] = e - 1;
		for (unsigned int p = 0; p < 2; p++) {
			bool covered = false;

			for (unsigned int j = 0; j < n && !covered; j++)
				covered = out[j].addr <= pts[p] &&
					  pts[p] - out[j].addr < out[j].size &&
					  out[j].type >= in[i].type;
			CHECK(covered);
		}
	}
}

/* Sanitize a map of nr entries with room for max, then check. */
static void
sanitize_and_check(const struct e820_entry *map, unsigned int nr,
		   unsigned int max)
{
	unsigned int room = nr > max ? nr : max;
	unsigned int nin = nr < E820_MAX_ENTRIES ? nr : E820_MAX_ENTRIES;
	struct e820_entry *out = malloc((room ? room : 1) * sizeof(*out));
	struct e820_sanitize_report rep;
	unsigned int n;

	if (!out)
		return;
	memcpy(out, map, nr * sizeof(*out));
	memcpy(e820_in, map, nin * sizeof(*out));
	n = e820_sanitize(out, nr, max, &rep);
	/* only the first E820_MAX_ENTRIES are read; the rest is truncated */
	CHECK(rep.truncated >= nr - nin);
	check_sanitized(e820_in, nin, out, n, max, &rep);
	free(out);
}

/* What must hold of boot_info after any multiboot_parse(). */
static void
check_boot_info(int rc, const char *why, unsigned int protocol,
		phys_addr_t info, size_t len)
{
	size_t kept;

	if (rc) {
		CHECK(rc < 0);
		CHECK(why && why[0]);
	} else {
		CHECK(!why);
		CHECK(bi.protocol == protocol);
	}
	CHECK(bi.protocol == 0 || bi.protocol == protocol);
	CHECK(memchr(bi.cmdline, 0, sizeof(bi.cmdline)));
	CHECK(memchr(bi.loader_name, 0, sizeof(bi.loader_name)));
	kept = strlen(bi.cmdline);
	CHECK(kept == (bi.cmdline_full_len < sizeof(bi.cmdline) - 1 ?
		       bi.cmdline_full_len : sizeof(bi.cmdline) - 1));
	CHECK(bi.mem_map_nr <= E820_MAX_ENTRIES);
	CHECK(bi.nr_reserved <= BOOT_MAX_RESERVED);
	for (unsigned int i = 0; i < bi.nr_reserved; i++) {
		CHECK(bi.reserved[i].end > bi.reserved[i].start);
		CHECK(bi.reserved[i].what);
	}
	CHECK(bi.rsdp_len == 0 ||
	      (bi.rsdp_len >= 20 && bi.rsdp_len <= ACPI_RSDP_MAX_LEN));
	if (bi.rsdp_len) {
		/* a copy from inside the structure */
		CHECK(bi.rsdp_phys >= info && bi.rsdp_phys - info < len);
		CHECK(bi.rsdp_source);
		(void)acpi_rsdp_valid(bi.rsdp, bi.rsdp_len);
		acpi_print_rsdp(&bi);
	}
	if (protocol == 1)
		CHECK(bi.nr_modules <= BOOT_MAX_MODULES);
	if (!rc && protocol == 2) {
		CHECK(bi.nr_reserved >= 1);
		CHECK(bi.reserved[0].start == info);
		CHECK(bi.reserved[0].end - info <= len);
	}
	if (!rc && bi.mem_map_nr)
		sanitize_and_check(bi.mem_map, bi.mem_map_nr, E820_MAX_ENTRIES);
}

static void
fuzz_multiboot(u32 magic, unsigned int protocol, phys_addr_t base,
	       const uint8_t *data, size_t size)
{
	const char *why = (const char *)1;	/* must be overwritten */
	int rc;

	fake_reset();
	if (size)
		memcpy(fake_map(base, size), data, size);
	rc = multiboot_parse(magic, base, fake_read_phys, &bi, &why);
	check_boot_info(rc, why, protocol, base, size);
}

static void
fuzz_e820(const uint8_t *data, size_t size)
{
	unsigned int max, nr;
	struct e820_entry *map;

	if (!size)
		return;
	max = data[0];
	data++;
	size--;
	nr = (unsigned int)(size / FUZZ_E820_ENTRY_SIZE);
	map = malloc((nr ? nr : 1) * sizeof(*map));
	if (!map)
		return;
	for (unsigned int i = 0; i < nr; i++) {
		const uint8_t *p = data + i * FUZZ_E820_ENTRY_SIZE;

		memcpy(&map[i].addr, p, 8);
		memcpy(&map[i].size, p + 8, 8);
		memcpy(&map[i].type, p + 16, 4);
	}
	sanitize_and_check(map, nr, max);
	free(map);
}

static void
fuzz_rsdp(const uint8_t *data, size_t size)
{
	u8 *copy = malloc(size ? size : 1);

	if (!copy)
		return;
	memcpy(copy, data, size);
	(void)acpi_rsdp_valid(copy, size);
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	host_log_clear();
	switch (data[0] % FUZZ_NR_MODES) {
	case FUZZ_MODE_MB2:
		fuzz_multiboot(MULTIBOOT2_BOOT_MAGIC, 2, FUZZ_MB2_BASE,
			       data + 1, size - 1);
		break;
	case FUZZ_MODE_MB1:
		fuzz_multiboot(MULTIBOOT1_BOOT_MAGIC, 1, FUZZ_MB1_BASE,
			       data + 1, size - 1);
		break;
	case FUZZ_MODE_E820:
		fuzz_e820(data + 1, size - 1);
		break;
	default:
		fuzz_rsdp(data + 1, size - 1);
		break;
	}
	return 0;
}
