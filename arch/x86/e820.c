/*
 * arch/x86/e820.c - make the firmware's memory map trustworthy, print it.
 *
 * Teaches: firmware maps can be unsorted, can overlap (one range says RAM,
 * another says reserved for part of it), can contain zero-length entries
 * and, from a buggy or hostile loader, absurd ones.  e820_sanitize()
 * rebuilds the map as a sorted list of disjoint ranges:
 *
 *   1. drop empty entries; clip entries that run past 2^52 (the largest
 *      physical address x86-64 can have) and drop those wholly beyond it;
 *   2. sweep over every start and end point in address order, tracking
 *      which entries cover the current stretch; the stretch gets the
 *      highest type among them (so RAM loses to anything else: the safe
 *      choice, since handing out reserved memory is the one fatal error);
 *   3. merge neighbours of equal type.
 *
 * The sweep is quadratic in the number of entries, which is at most 128.
 * The result is printed in Linux's exact format:
 *
 *	BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
 *
 * Linux counterpart: arch/x86/kernel/e820.c (e820__update_table).
 */
#include "arch/x86/e820.h"

#include "kernel/printk.h"
#include "lib/vsprintf.h"

struct e820_table e820_table;

struct change_point {
	u64 addr;
	unsigned int entry;
};

static void
sort_points(struct change_point *p, unsigned int n)
{
	/* Insertion sort: n <= 2 * E820_MAX_ENTRIES, and usually sorted. */
	for (unsigned int i = 1; i < n; i++) {
		struct change_point key = p[i];
		unsigned int j = i;

		while (j > 0 && p[j - 1].addr > key.addr) {
			p[j] = p[j - 1];
			j--;
		}
		p[j] = key;
	}
}

static bool
append_range(struct e820_entry *out, unsigned int *nr, unsigned int max,
	     u64 start, u64 end, u32 type, struct e820_sanitize_report *rep)
{
	if (*nr && out[*nr - 1].type == type &&
	    out[*nr - 1].addr + out[*nr - 1].size == start) {
		out[*nr - 1].size += end - start;
		return true;
	}
	if (*nr >= max) {
		rep->truncated++;
		return false;
	}
	out[(*nr)++] = (struct e820_entry){ start, end - start, type };
	return true;
}

unsigned int
e820_sanitize(struct e820_entry *map, unsigned int nr, unsigned int max,
	      struct e820_sanitize_report *rep)
{
	static struct change_point points[2 * E820_MAX_ENTRIES];
	static struct e820_entry in[E820_MAX_ENTRIES];
	unsigned int n_in = 0, n_pts = 0, n_out = 0;

	*rep = (struct e820_sanitize_report){ 0 };
	if (nr > E820_MAX_ENTRIES) {
		rep->truncated += nr - E820_MAX_ENTRIES;
		nr = E820_MAX_ENTRIES;
	}

	/* 1. Copy the sane part of every entry. */
	for (unsigned int i = 0; i < nr; i++) {
		u64 start = map[i].addr, size = map[i].size;

		if (!size) {
			rep->zero_length++;
			continue;
		}
		if (start >= E820_MAX_PHYS) {
			rep->absurd++;
			continue;
		}
		if (size > E820_MAX_PHYS - start) {	/* also catches wrap */
			rep->absurd++;
			size = E820_MAX_PHYS - start;
		}
		in[n_in++] = (struct e820_entry){ start, size, map[i].type };
	}

	for (unsigned int i = 0; i < n_in; i++) {
		points[n_pts++] = (struct change_point){ in[i].addr, i };
		points[n_pts++] = (struct change_point){ in[i].addr + in[i].size, i };
	}
	sort_points(points, n_pts);

	/* Count overlaps once, for the report. */
	for (unsigned int i = 0; i < n_in; i++)
		for (unsigned int j = i + 1; j < n_in; j++)
			if (in[i].addr < in[j].addr + in[j].size &&
			    in[j].addr < in[i].addr + in[i].size)
				rep->overlaps++;

	/*
	 * 2. Between consecutive distinct points the set of covering
	 * entries is constant: find its highest type.
	 */
	for (unsigned int p = 0; p + 1 < n_pts; p++) {
		u64 start = points[p].addr, end = points[p + 1].addr;
		u32 type = 0;

		if (start == end)
			continue;
		for (unsigned int i = 0; i < n_in; i++)
			if (in[i].addr <= start && end <= in[i].addr + in[i].size &&
			    in[i].type > type)
				type = in[i].type;
		if (type)
			append_range(map, &n_out, max, start, end, type, rep);
	}
	return n_out;
}

const char *
e820_type_name(u32 type, char *buf, size_t size)
{
	switch (type) {
	case E820_TYPE_RAM:		return "usable";
	case E820_TYPE_RESERVED:	return "reserved";
	case E820_TYPE_ACPI:		return "ACPI data";
	case E820_TYPE_NVS:		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:	return "unusable";
	case E820_TYPE_PMEM:
	case E820_TYPE_PRAM:
		snprintf(buf, size, "persistent (type %u)", type);
		return buf;
	default:
		snprintf(buf, size, "type %u", type);
		return buf;
	}
}

void
e820_print_table(const char *who, const struct e820_table *table)
{
	char name[32];

	for (unsigned int i = 0; i < table->nr_entries; i++) {
		const struct e820_entry *e = &table->entries[i];

		pr_info("%s: [mem 0x%016llx-0x%016llx] %s\n", who,
			(unsigned long long)e->addr,
			(unsigned long long)(e->addr + e->size - 1),
			e820_type_name(e->type, name, sizeof(name)));
	}
}

u64
e820_total(const struct e820_table *table, u32 type)
{
	u64 sum = 0;

	for (unsigned int i = 0; i < table->nr_entries; i++)
		if (table->entries[i].type == type)
			sum += table->entries[i].size;
	return sum;
}

/*
 * Rewrite [start, end) of every entry of type old_type: to new_type, or
 * (new_type 0) away.  Entries are cut where needed; the table stays
 * sorted and is re-sanitized so neighbours merge.
 */
static void
e820_range_change(struct e820_table *table, u64 start, u64 size,
		  u32 old_type, u32 new_type)
{
	static struct e820_entry tmp[E820_MAX_ENTRIES];
	struct e820_sanitize_report rep;
	u64 end = start + size;
	unsigned int n = 0;

	for (unsigned int i = 0; i < table->nr_entries && n < E820_MAX_ENTRIES; i++) {
		struct e820_entry e = table->entries[i];
		u64 e_end = e.addr + e.size;
		u64 lo = max(e.addr, start), hi = min(e_end, end);

		if (e.type != old_type || lo >= hi) {
			tmp[n++] = e;
			continue;
		}
		if (e.addr < lo && n < E820_MAX_ENTRIES)
			tmp[n++] = (struct e820_entry){ e.addr, lo - e.addr, e.type };
		if (new_type && n < E820_MAX_ENTRIES)
			tmp[n++] = (struct e820_entry){ lo, hi - lo, new_type };
		if (hi < e_end && n < E820_MAX_ENTRIES)
			tmp[n++] = (struct e820_entry){ hi, e_end - hi, e.type };
	}
	table->nr_entries = e820_sanitize(tmp, n, E820_MAX_ENTRIES, &rep);
	for (unsigned int i = 0; i < table->nr_entries; i++)
		table->entries[i] = tmp[i];
}

void
e820_range_update(struct e820_table *table, u64 start, u64 size,
		  u32 old_type, u32 new_type)
{
	char a[32], b[32];

	pr_info("e820: update [mem %#010llx-%#010llx] %s ==> %s\n",
		(unsigned long long)start, (unsigned long long)(start + size - 1),
		e820_type_name(old_type, a, sizeof(a)),
		e820_type_name(new_type, b, sizeof(b)));
	e820_range_change(table, start, size, old_type, new_type);
}

void
e820_range_remove(struct e820_table *table, u64 start, u64 size, u32 old_type)
{
	char a[32];

	pr_info("e820: remove [mem %#010llx-%#010llx] %s\n",
		(unsigned long long)start, (unsigned long long)(start + size - 1),
		e820_type_name(old_type, a, sizeof(a)));
	e820_range_change(table, start, size, old_type, 0);
}
