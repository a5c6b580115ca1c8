/*
 * tests/host/fuzz_acpi.c - libFuzzer target for the ACPI table walk, the
 * MADT, SRAT and SLIT parsers and NUMA setup.
 *
 * Teaches: firmware is input.  The fuzzer's bytes are read as ACPI
 * tables laid end to end (each one's length field says where the next
 * begins; a length that does not fit makes the rest one table).  They
 * are placed in a fake physical memory, listed by a made-up XSDT and
 * RSDT, and walked from a made-up RSDP, twice: as they are, and with
 * every checksum repaired so the damage reaches the parsers.  Each piece
 * is also handed to all three parsers directly (its length field set to
 * the piece's size), and what they return drives numa_setup() and the
 * fallback orders, whose promises are checked.  AddressSanitizer catches
 * any read outside a buffer: every region is allocated to its exact size.
 * Seeds: QEMU's real tables (make host-fuzz-acpi concatenates each
 * capture's tables).  Build and run: make host-fuzz-acpi (needs clang).
 * Linux counterpart: syzkaller does not reach boot-time ACPI parsing.
 */
#include <stdlib.h>

#include "drivers/acpi_madt.h"
#include "drivers/acpi_srat.h"
#include "mm/numa.h"
#include "tests/host/acpi_capture.h"
#include "tests/host/host_printk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BLOB_BASE	0x100000ULL
#define MAX_PIECES	24

static struct acpi_tables at;
static struct madt_info mi;
static struct numa_firmware fw;
static struct numa_topology topo;

/* A QEMU-like memory map: 2 GiB with the usual holes. */
static const struct e820_entry qemu_map[] = {
	{ 0, 0x9fc00, E820_TYPE_RAM },
	{ 0x9fc00, 0x400, E820_TYPE_RESERVED },
	{ 0x100000, 0x7fee0000, E820_TYPE_RAM },
	{ 0x7ffe0000, 0x20000, E820_TYPE_RESERVED },
	{ 0x100000000ULL, 0x40000000, E820_TYPE_RAM },
};

static void
put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

static void
put64(u8 *p, u64 v)
{
	memcpy(p, &v, 8);
}

static u32
get32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, 4);
	return v;
}

/* Each order starts with its node and lists a node at most once. */
static void
check_orders(const struct numa_topology *t, enum numa_fallback_time when)
{
	static int orders[MAX_NUMNODES][MAX_NUMNODES], counts[MAX_NUMNODES];

	numa_fallback_orders(t, orders, counts, when);
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		u64 seen = 0;

		if (counts[nid] && orders[nid][0] != nid)
			__builtin_trap();
		for (int i = 0; i < counts[nid]; i++) {
			int o = orders[nid][i];

			if (o < 0 || o >= t->nr_node_ids || (seen >> o & 1))
				__builtin_trap();
			seen |= 1ULL << o;
		}
	}
}

static void
check_numa(const struct numa_topology *t)
{
	for (int i = 0; i < t->meminfo.nr_blks; i++) {
		const struct numa_memblk *b = &t->meminfo.blk[i];

		if (b->start >= b->end || b->nid < 0 || b->nid >= MAX_NUMNODES ||
		    (i && t->meminfo.blk[i - 1].end > b->start))
			__builtin_trap();
	}
	for (unsigned int c = 0; c < t->nr_cpus; c++)
		if (!numa_node_state(t, t->cpu_node[c], N_ONLINE))
			__builtin_trap();
	check_orders(t, NUMA_FALLBACK_BOOT);
	check_orders(t, NUMA_FALLBACK_REBUILD);
}

/* NUMA setup from what the parsers found (fw), on two memory maps. */
static void
run_numa(const struct madt_info *m)
{
	static struct e820_entry srat_map[NUMA_FW_MAX_MEM_AFFINITY];
	struct numa_config cfg = {
		.fw = &fw, .map = qemu_map, .map_nr = ARRAY_SIZE(qemu_map),
	};

	madt_numa_cpus(m, &fw);
	numa_setup(&cfg, &topo);
	check_numa(&topo);

	/* RAM exactly where the SRAT says memory is: merges and holes. */
	if (fw.has_affinity) {
		for (unsigned int i = 0; i < fw.nr_mem_affinity; i++)
			srat_map[i] = (struct e820_entry){
				fw.mem_affinity[i].start,
				fw.mem_affinity[i].end - fw.mem_affinity[i].start,
				E820_TYPE_RAM,
			};
		cfg.map = srat_map;
		cfg.map_nr = fw.nr_mem_affinity;
		numa_setup(&cfg, &topo);
		check_numa(&topo);
		numa_topology = topo;
		numa_print_fallback();
		numa_print_hardware(NULL);
	}
}

/* The walk from a made-up RSDP over the pieces at their addresses. */
static void
walk(const u8 *blob, size_t size, const u32 *off, const u32 *len,
     unsigned int n, bool fix, bool xsdt)
{
	u8 rsdp[36] = "RSD PTR ";
	u8 *mem, *x, *r;
	const struct acpi_table_header *t;

	cap_reset();
	mem = cap_map(BLOB_BASE, size);
	memcpy(mem, blob, size);
	if (fix)
		for (unsigned int i = 0; i < n; i++)
			if (len[i] >= ACPI_TABLE_HEADER_LEN) {
				mem[off[i] + 9] = 0;
				mem[off[i] + 9] = (u8)-acpi_checksum(mem + off[i], len[i]);
			}
	x = cap_map(0x10000, ACPI_TABLE_HEADER_LEN + 8 * n);
	r = cap_map(0x20000, ACPI_TABLE_HEADER_LEN + 4 * n);
	memcpy(x, "XSDT", 4);
	put32(x + 4, ACPI_TABLE_HEADER_LEN + 8 * n);
	memcpy(r, "RSDT", 4);
	put32(r + 4, ACPI_TABLE_HEADER_LEN + 4 * n);
	for (unsigned int i = 0; i < n; i++) {
		put64(x + ACPI_TABLE_HEADER_LEN + 8 * i, BLOB_BASE + off[i]);
		put32(r + ACPI_TABLE_HEADER_LEN + 4 * i, (u32)(BLOB_BASE + off[i]));
	}
	x[9] = (u8)-acpi_checksum(x, ACPI_TABLE_HEADER_LEN + 8 * n);
	r[9] = (u8)-acpi_checksum(r, ACPI_TABLE_HEADER_LEN + 4 * n);
	rsdp[15] = xsdt ? 2 : 0;
	put32(rsdp + 16, 0x20000);
	rsdp[8] = (u8)-acpi_checksum(rsdp, 20);
	put32(rsdp + 20, 36);
	put64(rsdp + 24, 0x10000);
	rsdp[32] = (u8)-acpi_checksum(rsdp, 36);

	acpi_tables_parse(&at, rsdp, xsdt ? 36 : 20, cap_read);
	if (fix && (blob[0] & 2))	/* printing only: now and then */
		acpi_tables_dump(&at, rsdp, xsdt ? 36 : 20, 0xf0000);
	if ((t = acpi_tables_find(&at, "APIC", 0)))
		madt_parse(t, &mi);
	else
		memset(&mi, 0, sizeof(mi));
	fw.has_affinity = false;
	fw.localities = 0;
	if ((t = acpi_tables_find(&at, "SRAT", 0)))
		srat_parse(t, &fw);
	if ((t = acpi_tables_find(&at, "SLIT", 0)))
		slit_parse(t, &fw);
	run_numa(&mi);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u32 off[MAX_PIECES], len[MAX_PIECES];
	unsigned int n = 0;
	size_t pos = 0;

	if (size < ACPI_TABLE_HEADER_LEN)
		return 0;
	while (pos + ACPI_TABLE_HEADER_LEN <= size && n < MAX_PIECES) {
		u32 l = get32(data + pos + 4);

		if (l < ACPI_TABLE_HEADER_LEN || l > size - pos)
			l = (u32)(size - pos);
		off[n] = (u32)pos;
		len[n++] = l;
		pos += l;
	}
	host_log_clear();
	walk(data, size, off, len, n, false, data[0] & 1);
	host_log_clear();
	walk(data, size, off, len, n, true, !(data[0] & 1));

	/* Every piece through every parser, its length field made true. */
	for (unsigned int i = 0; i < n; i++) {
		u8 *p = malloc(len[i]);

		if (!p)
			return 0;
		memcpy(p, data + off[i], len[i]);
		put32(p + 4, len[i]);
		host_log_clear();
		madt_parse((const void *)p, &mi);
		srat_parse((const void *)p, &fw);
		/* Success, and only success, leaves a distance table (of
		 * 0 x 0 entries for a SLIT of no localities: Linux takes it). */
		if (!slit_parse((const void *)p, &fw) != (fw.distance != NULL))
			__builtin_trap();
		run_numa(&mi);
		free(p);
	}
	cap_reset();
	return 0;
}
