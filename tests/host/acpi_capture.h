/*
 * tests/host/acpi_capture.h - ACPI tables for host tests: a fake physical
 * address space to build tables in, and QEMU's real tables as captured by
 * tools/capture-acpi into tests/host/acpi/<topology>/.
 *
 * Teaches: a parser of firmware tables is tested the way it is used: the
 * tables sit at physical addresses, and the parser reaches them only
 * through a phys_reader_t.  Each region here is a malloc()ed buffer of
 * exactly its size, so AddressSanitizer catches a read one byte past a
 * table.  A capture is rebuilt at the addresses QEMU used (tables.txt),
 * with its memory map (e820.txt) and what the topology file says about
 * the machine (facts.txt), so tests compare the parsers' results with the
 * topology, never with the parsers' own output.
 *
 * Also defines the few kernel globals the ACPI and NUMA files reference
 * (boot_info, e820_table, memremap_ro): include it once per program.
 * Linux counterpart: none (tools/testing/selftests/acpi is userspace).
 */
#ifndef PAGODA_TESTS_HOST_ACPI_CAPTURE_H
#define PAGODA_TESTS_HOST_ACPI_CAPTURE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "arch/x86/e820.h"
#include "boot/bootinfo.h"
#include "drivers/acpi_tables.h"
#include "lib/string.h"

/* ---- kernel globals the files under test refer to ------------------------- */

struct boot_info boot_info;
struct e820_table e820_table;

const void *
memremap_ro(phys_addr_t phys, size_t size)
{
	(void)phys;
	(void)size;
	return NULL;		/* host tests pass their own reader */
}

/*
 * The kernel reads an IOAPIC's version register through MMIO; the host
 * has none.  Tests that want the IOAPIC line with a version install their
 * own reader with madt_set_ioapic_reader().
 */
u32
ioapic_read_version(u32 address)
{
	(void)address;
	return 0;
}

/* ---- a fake physical address space ---------------------------------------- */

#define CAP_MAX_REGIONS	96

struct cap_region {
	phys_addr_t base;
	size_t size;
	u8 *mem;
};

static struct cap_region cap_regions[CAP_MAX_REGIONS];
static unsigned int cap_nr;

static inline void
cap_reset(void)
{
	for (unsigned int i = 0; i < cap_nr; i++)
		free(cap_regions[i].mem);
	cap_nr = 0;
}

/* [base, base+size) becomes readable, zero-filled; returns its memory. */
static inline u8 *
cap_map(phys_addr_t base, size_t size)
{
	struct cap_region *r;

	if (cap_nr >= CAP_MAX_REGIONS || !size)
		abort();
	r = &cap_regions[cap_nr++];
	r->base = base;
	r->size = size;
	r->mem = calloc(1, size);
	if (!r->mem)
		abort();
	return r->mem;
}

/* The phys_reader_t: all of [addr, addr+len) inside one region, or NULL. */
static inline const void *
cap_read(phys_addr_t addr, size_t len)
{
	for (unsigned int i = 0; i < cap_nr; i++) {
		const struct cap_region *r = &cap_regions[i];

		if (addr >= r->base && addr - r->base <= r->size &&
		    len <= r->size - (addr - r->base))
			return r->mem + (addr - r->base);
	}
	return NULL;
}

/* Make a table's bytes sum to zero. */
static inline void
cap_fix_checksum(void *table)
{
	struct acpi_table_header *h = table;

	h->checksum = 0;
	h->checksum = (u8)-acpi_checksum(h, h->length);
}

/* A table of len bytes at addr, header filled, checksum left to the caller. */
static inline u8 *
cap_table_at(phys_addr_t addr, const char *sig, u32 len, u8 revision)
{
	u8 *p = cap_map(addr, len);
	struct acpi_table_header *h = (void *)p;

	if (len >= ACPI_TABLE_HEADER_LEN) {
		memcpy(h->signature, sig, 4);
		h->length = len;
		h->revision = revision;
		memcpy(h->oem_id, "PAGODA", 6);
		memcpy(h->oem_table_id, "TESTTBL ", 8);
		h->oem_revision = 1;
		memcpy(h->asl_compiler_id, "PGDA", 4);
		h->asl_compiler_revision = 2;
	} else {
		memcpy(p, sig, len < 4 ? len : 4);
	}
	return p;
}

static inline void
cap_put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

static inline void
cap_put64(u8 *p, u64 v)
{
	memcpy(p, &v, 8);
}

/* ---- QEMU's tables, captured ---------------------------------------------- */

#define CAP_MAX_TABLES	32

struct capture_table {
	char sig[5];
	u64 addr;
	u32 len;
	bool saved;		/* false: not captured (the DSDT) */
	const u8 *data;		/* in the fake physical space */
};

struct capture_facts {
	int numa, nodes, cpus, mem_mb;
	u64 node_mem_mb[64];
	int nr_node_mem;
	int cpu_nodes[256];
	int nr_cpu_nodes;
	int distances[64 * 64];
	int nr_distances;
	bool hotplug;
	int hp_node;
	u64 hp_start, hp_end;
};

struct capture {
	char name[64];
	u8 rsdp[36];
	size_t rsdp_len;
	unsigned int nr_tables;
	struct capture_table tables[CAP_MAX_TABLES];
	struct e820_entry e820[E820_MAX_ENTRIES];
	unsigned int e820_nr;
	struct capture_facts facts;
};

/* tests/host/acpi, from the repository root or next to build/host-tests. */
static inline const char *
capture_dir(void)
{
	static char path[4096];
	const char *env = getenv("PAGODA_ACPI_CAPTURES");
	ssize_t n;

	if (env)
		return env;
	if (!access("tests/host/acpi", R_OK))
		return "tests/host/acpi";
	n = readlink("/proc/self/exe", path, sizeof(path) - 32);
	if (n > 0) {
		path[n] = '\0';
		for (int up = 0; up < 3; up++) {	/* build/host-tests/x */
			char *slash = strrchr(path, '/');

			if (slash)
				*slash = '\0';
		}
		memcpy(path + strlen(path), "/tests/host/acpi", 17);
		if (!access(path, R_OK))
			return path;
	}
	return "tests/host/acpi";
}

static inline FILE *
capture_open(const char *name, const char *file)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/%s/%s", capture_dir(), name, file);
	return fopen(path, "r");
}

static inline size_t
capture_read_bin(const char *name, const char *file, u8 *buf, size_t max)
{
	FILE *f = capture_open(name, file);
	size_t n;

	if (!f)
		return 0;
	n = fread(buf, 1, max, f);
	fclose(f);
	return n;
}

static inline u32
capture_e820_type(const char *word)
{
	if (!strncmp(word, "usable", 6))
		return E820_TYPE_RAM;
	if (!strncmp(word, "ACPI data", 9))
		return E820_TYPE_ACPI;
	if (!strncmp(word, "ACPI NVS", 8))
		return E820_TYPE_NVS;
	if (!strncmp(word, "unusable", 8))
		return E820_TYPE_UNUSABLE;
	if (!strncmp(word, "type ", 5))
		return (u32)strtoul(word + 5, NULL, 10);
	return E820_TYPE_RESERVED;
}

static inline bool
capture_load_facts(struct capture *c)
{
	struct capture_facts *fa = &c->facts;
	FILE *f = capture_open(c->name, "facts.txt");
	char line[4096];

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		char key[32], *p;
		int n;

		if (line[0] == '#' || sscanf(line, "%31s%n", key, &n) != 1)
			continue;
		p = line + n;
		if (!strcmp(key, "numa"))
			fa->numa = atoi(p);
		else if (!strcmp(key, "nodes"))
			fa->nodes = atoi(p);
		else if (!strcmp(key, "cpus"))
			fa->cpus = atoi(p);
		else if (!strcmp(key, "mem_mb"))
			fa->mem_mb = atoi(p);
		else if (!strcmp(key, "node_mem_mb"))
			while (fa->nr_node_mem < 64 && sscanf(p, "%llu%n",
				(unsigned long long *)&fa->node_mem_mb[fa->nr_node_mem], &n) == 1)
				fa->nr_node_mem++, p += n;
		else if (!strcmp(key, "cpu_nodes"))
			while (fa->nr_cpu_nodes < 256 && sscanf(p, "%d%n",
				&fa->cpu_nodes[fa->nr_cpu_nodes], &n) == 1)
				fa->nr_cpu_nodes++, p += n;
		else if (!strcmp(key, "distances"))
			while (fa->nr_distances < 64 * 64 && sscanf(p, "%d%n",
				&fa->distances[fa->nr_distances], &n) == 1)
				fa->nr_distances++, p += n;
		else if (!strcmp(key, "hotplug"))
			fa->hotplug = sscanf(p, "%d %llx %llx", &fa->hp_node,
					     (unsigned long long *)&fa->hp_start,
					     (unsigned long long *)&fa->hp_end) == 3;
	}
	fclose(f);
	return true;
}

/*
 * Load capture `name` and lay its tables out in a fresh fake physical
 * space.  Returns false if the capture is missing or unreadable.
 */
static inline bool
capture_load(const char *name, struct capture *c)
{
	static u8 buf[ACPI_TABLE_MAX_LEN];
	FILE *f;
	char line[512];

	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "%s", name);
	cap_reset();
	f = capture_open(name, "tables.txt");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		struct capture_table *t = &c->tables[c->nr_tables];
		unsigned long long addr;
		unsigned int len;
		char sig[8], file[64];

		if (line[0] == '#' ||
		    sscanf(line, "%7s %llx %u %63s", sig, &addr, &len, file) != 4)
			continue;
		if (!strcmp(sig, "RSDP")) {
			c->rsdp_len = capture_read_bin(name, file, c->rsdp,
						       sizeof(c->rsdp));
			continue;
		}
		if (c->nr_tables >= CAP_MAX_TABLES)
			break;
		memcpy(t->sig, sig, 4);
		t->addr = addr;
		t->len = len;
		t->saved = strcmp(file, "-") != 0;
		if (t->saved) {
			size_t n = capture_read_bin(name, file, buf, sizeof(buf));
			u8 *mem;

			if (n != len) {
				fclose(f);
				return false;
			}
			mem = cap_map(addr, len);
			memcpy(mem, buf, len);
			t->data = mem;
		}
		c->nr_tables++;
	}
	fclose(f);

	f = capture_open(name, "e820.txt");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f) && c->e820_nr < E820_MAX_ENTRIES) {
		unsigned long long s, e;
		int n;

		if (sscanf(line, "[mem %llx-%llx] %n", &s, &e, &n) < 2 || e < s)
			continue;
		c->e820[c->e820_nr++] = (struct e820_entry){
			.addr = s, .size = e - s + 1,
			.type = capture_e820_type(line + n),
		};
	}
	fclose(f);
	return c->rsdp_len >= 20 && c->nr_tables > 0 && capture_load_facts(c);
}

/* Every capture directory's name, sorted; returns how many. */
static inline int
capture_list(char names[][64], int max)
{
	DIR *d = opendir(capture_dir());
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= 64)
			continue;
		snprintf(names[n++], 64, "%s", de->d_name);
	}
	closedir(d);
	for (int i = 1; i < n; i++)		/* insertion sort */
		for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char tmp[64];

			memcpy(tmp, names[j], 64);
			memcpy(names[j], names[j - 1], 64);
			memcpy(names[j - 1], tmp, 64);
		}
	return n;
}

#endif /* PAGODA_TESTS_HOST_ACPI_CAPTURE_H */
