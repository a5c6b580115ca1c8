/*
 * tests/host/test_e820.c - host tests for arch/x86/e820.c.
 *
 * Teaches: what "sanitizing" a firmware memory map promises - sorted,
 * disjoint, no empty or impossible entries, overlaps given to the more
 * restrictive (numerically higher) type, touching equal neighbours
 * merged - checked on hand-made maps and, as a property, on thousands of
 * random maps against a model that simply paints every 4 KiB unit with
 * the highest type covering it.
 * Linux counterpart: none in-tree (e820__update_table is tested by boot).
 */
#include <stdlib.h>

#include "arch/x86/e820.h"
#include "lib/string.h"
#include "tests/host/host_printk.h"
#include "tests/host/host_prng.h"
#include "tests/host/htest.h"

#define RAM	E820_TYPE_RAM
#define RES	E820_TYPE_RESERVED
#define ACPI	E820_TYPE_ACPI
#define NVS	E820_TYPE_NVS
#define UNUS	E820_TYPE_UNUSABLE

static struct e820_sanitize_report rep;

#define EXPECT_ENTRY(e, a, s, t)					\
	do {								\
		EXPECT_UINT_EQ((e).addr, (a));				\
		EXPECT_UINT_EQ((e).size, (s));				\
		EXPECT_UINT_EQ((e).type, (t));				\
	} while (0)

/* The promises, checked on any output. */
static bool
sane(const struct e820_entry *m, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (!m[i].size || !m[i].type || m[i].addr >= E820_MAX_PHYS ||
		    m[i].size > E820_MAX_PHYS - m[i].addr)
			return false;
		if (i && (m[i - 1].addr + m[i - 1].size > m[i].addr ||
			  (m[i - 1].addr + m[i - 1].size == m[i].addr &&
			   m[i - 1].type == m[i].type)))
			return false;
	}
	return true;
}

HTEST(empty_map_stays_empty)
{
	struct e820_entry map[1] = { { 0x1000, 0x1000, RAM } };

	EXPECT_UINT_EQ(e820_sanitize(map, 0, 1, &rep), 0);
	EXPECT_UINT_EQ(rep.zero_length + rep.absurd + rep.overlaps +
		       rep.truncated, 0);
}

HTEST(clean_map_is_unchanged)
{
	struct e820_entry map[4] = {
		{ 0, 0x9fc00, RAM },
		{ 0x9fc00, 0x400, RES },
		{ 0xf0000, 0x10000, RES },
		{ 0x100000, 0x7ee0000, RAM },
	};
	struct e820_entry copy[4];

	memcpy(copy, map, sizeof(map));
	ASSERT_TRUE(e820_sanitize(map, 4, 4, &rep) == 4);
	EXPECT_INT_EQ(memcmp(map, copy, sizeof(map)), 0);
	EXPECT_UINT_EQ(rep.zero_length + rep.absurd + rep.overlaps +
		       rep.truncated, 0);
}

HTEST(report_is_reset_each_call)
{
	struct e820_entry map[2] = { { 0x1000, 0, RAM }, { 0x1000, 0x1000, RAM } };

	rep = (struct e820_sanitize_report){ 7, 7, 7, 7 };
	EXPECT_UINT_EQ(e820_sanitize(map, 2, 2, &rep), 1);
	EXPECT_UINT_EQ(rep.zero_length, 1);
	EXPECT_UINT_EQ(rep.absurd, 0);
	EXPECT_UINT_EQ(rep.overlaps, 0);
	EXPECT_UINT_EQ(rep.truncated, 0);
}

HTEST(unsorted_input_is_sorted)
{
	struct e820_entry map[4] = {
		{ 0x300000, 0x1000, RAM },
		{ 0x100000, 0x1000, RES },
		{ 0x200000, 0x1000, ACPI },
		{ 0, 0x1000, NVS },
	};

	ASSERT_TRUE(e820_sanitize(map, 4, 4, &rep) == 4);
	EXPECT_ENTRY(map[0], 0, 0x1000, NVS);
	EXPECT_ENTRY(map[1], 0x100000, 0x1000, RES);
	EXPECT_ENTRY(map[2], 0x200000, 0x1000, ACPI);
	EXPECT_ENTRY(map[3], 0x300000, 0x1000, RAM);
	EXPECT_UINT_EQ(rep.overlaps, 0);
}

HTEST(reserved_inside_ram_splits_it)
{
	struct e820_entry map[8] = {
		{ 0x100000, 0x400000, RAM },
		{ 0x200000, 0x100000, RES },
	};

	ASSERT_TRUE(e820_sanitize(map, 2, 8, &rep) == 3);
	EXPECT_ENTRY(map[0], 0x100000, 0x100000, RAM);
	EXPECT_ENTRY(map[1], 0x200000, 0x100000, RES);
	EXPECT_ENTRY(map[2], 0x300000, 0x200000, RAM);
	EXPECT_UINT_EQ(rep.overlaps, 1);
}

HTEST(higher_type_wins_whatever_the_order)
{
	/* ACPI (3) over reserved (2) over RAM (1); NVS (4) over ACPI */
	struct e820_entry map[8] = {
		{ 0x0000, 0x4000, ACPI },
		{ 0x1000, 0x1000, RAM },	/* inside ACPI: vanishes */
		{ 0x3000, 0x3000, RES },	/* ACPI keeps 0x3000 */
		{ 0x5000, 0x1000, NVS },
	};

	ASSERT_TRUE(e820_sanitize(map, 4, 8, &rep) == 3);
	EXPECT_ENTRY(map[0], 0, 0x4000, ACPI);
	EXPECT_ENTRY(map[1], 0x4000, 0x1000, RES);
	EXPECT_ENTRY(map[2], 0x5000, 0x1000, NVS);
	EXPECT_UINT_EQ(rep.overlaps, 3);
}

HTEST(unknown_high_types_also_win)
{
	struct e820_entry map[8] = {
		{ 0, 0x3000, RAM },
		{ 0x1000, 0x1000, E820_TYPE_PRAM },	/* 12 */
	};

	ASSERT_TRUE(e820_sanitize(map, 2, 8, &rep) == 3);
	EXPECT_ENTRY(map[1], 0x1000, 0x1000, E820_TYPE_PRAM);
}

HTEST(duplicates_collapse)
{
	struct e820_entry map[3] = {
		{ 0x1000, 0x2000, RAM },
		{ 0x1000, 0x2000, RAM },
		{ 0x1000, 0x2000, RAM },
	};

	ASSERT_TRUE(e820_sanitize(map, 3, 3, &rep) == 1);
	EXPECT_ENTRY(map[0], 0x1000, 0x2000, RAM);
	EXPECT_UINT_EQ(rep.overlaps, 3);	/* pairs */
}

HTEST(touching_equal_types_merge_different_do_not)
{
	struct e820_entry map[5] = {
		{ 0x0000, 0x1000, RAM },
		{ 0x1000, 0x1000, RAM },
		{ 0x2000, 0x1000, RES },
		{ 0x3000, 0x1000, RES },
		{ 0x5000, 0x1000, RES },	/* gap before: stays apart */
	};

	ASSERT_TRUE(e820_sanitize(map, 5, 5, &rep) == 3);
	EXPECT_ENTRY(map[0], 0, 0x2000, RAM);
	EXPECT_ENTRY(map[1], 0x2000, 0x2000, RES);
	EXPECT_ENTRY(map[2], 0x5000, 0x1000, RES);
	EXPECT_UINT_EQ(rep.overlaps, 0);
}

HTEST(overlap_of_equal_types_is_a_union)
{
	struct e820_entry map[2] = {
		{ 0x1000, 0x3000, RAM },
		{ 0x2000, 0x5000, RAM },
	};

	ASSERT_TRUE(e820_sanitize(map, 2, 2, &rep) == 1);
	EXPECT_ENTRY(map[0], 0x1000, 0x6000, RAM);
	EXPECT_UINT_EQ(rep.overlaps, 1);
}

HTEST(zero_length_entries_are_dropped)
{
	struct e820_entry map[4] = {
		{ 0x1000, 0, RAM },
		{ 0, 0, RES },
		{ 0x2000, 0x1000, RAM },
		{ 0x2800, 0, RES },		/* inside RAM: no effect */
	};

	ASSERT_TRUE(e820_sanitize(map, 4, 4, &rep) == 1);
	EXPECT_ENTRY(map[0], 0x2000, 0x1000, RAM);
	EXPECT_UINT_EQ(rep.zero_length, 3);
	EXPECT_UINT_EQ(rep.overlaps, 0);
}

HTEST(type_zero_never_reaches_the_output)
{
	struct e820_entry map[3] = {
		{ 0x0000, 0x1000, 0 },
		{ 0x1000, 0x1000, RAM },
		{ 0x1800, 0x1000, 0 },
	};
	unsigned int n = e820_sanitize(map, 3, 3, &rep);

	ASSERT_TRUE(n == 1);
	EXPECT_ENTRY(map[0], 0x1000, 0x1000, RAM);
}

HTEST(entries_beyond_2_52_are_dropped)
{
	struct e820_entry map[3] = {
		{ E820_MAX_PHYS, 0x1000, RAM },
		{ 0xffffffff00000000ULL, 0x1000, RAM },
		{ 0x1000, 0x1000, RAM },
	};

	ASSERT_TRUE(e820_sanitize(map, 3, 3, &rep) == 1);
	EXPECT_ENTRY(map[0], 0x1000, 0x1000, RAM);
	EXPECT_UINT_EQ(rep.absurd, 2);
}

HTEST(entries_crossing_2_52_are_clipped)
{
	struct e820_entry map[2] = {
		{ E820_MAX_PHYS - 0x1000, 0x3000, RAM },
		{ E820_MAX_PHYS - 1, 1, RES },		/* the last byte: fine */
	};

	ASSERT_TRUE(e820_sanitize(map, 2, 2, &rep) == 2);
	EXPECT_ENTRY(map[0], E820_MAX_PHYS - 0x1000, 0xfff, RAM);
	EXPECT_ENTRY(map[1], E820_MAX_PHYS - 1, 1, RES);
	EXPECT_UINT_EQ(rep.absurd, 1);
	EXPECT_UINT_EQ(rep.overlaps, 1);
}

HTEST(wrapping_entries_are_clipped)
{
	struct e820_entry map[3] = {
		/* addr + size wraps past 2^64: clipped at 2^52 */
		{ 0x1000, 0xffffffffffffffffULL, RAM },
		{ 0x2000, 0xfffffffffffff000ULL, RES },
		/* starts beyond 2^52 (and wraps): dropped */
		{ 0xfffffffffffff000ULL, 0x2000, RAM },
	};

	ASSERT_TRUE(e820_sanitize(map, 3, 3, &rep) == 2);
	EXPECT_ENTRY(map[0], 0x1000, 0x1000, RAM);
	EXPECT_ENTRY(map[1], 0x2000, E820_MAX_PHYS - 0x2000, RES);
	EXPECT_UINT_EQ(rep.absurd, 3);
}

HTEST(whole_52_bit_space_is_one_entry)
{
	struct e820_entry map[1] = { { 0, E820_MAX_PHYS, RAM } };

	ASSERT_TRUE(e820_sanitize(map, 1, 1, &rep) == 1);
	EXPECT_ENTRY(map[0], 0, E820_MAX_PHYS, RAM);
	EXPECT_UINT_EQ(rep.absurd, 0);
}

HTEST(output_can_outgrow_input)
{
	/* one RAM range with three holes: 4 entries in, 7 out */
	struct e820_entry map[8] = {
		{ 0, 0x10000, RAM },
		{ 0x2000, 0x1000, RES },
		{ 0x6000, 0x1000, ACPI },
		{ 0xa000, 0x1000, NVS },
	};

	ASSERT_TRUE(e820_sanitize(map, 4, 8, &rep) == 7);
	EXPECT_ENTRY(map[0], 0, 0x2000, RAM);
	EXPECT_ENTRY(map[3], 0x6000, 0x1000, ACPI);
	EXPECT_ENTRY(map[6], 0xb000, 0x5000, RAM);
	EXPECT_UINT_EQ(rep.truncated, 0);
	EXPECT_TRUE(sane(map, 7));
}

HTEST(output_is_truncated_at_max)
{
	struct e820_entry map[8] = {
		{ 0, 0x10000, RAM },
		{ 0x2000, 0x1000, RES },
		{ 0x6000, 0x1000, ACPI },
		{ 0xa000, 0x1000, NVS },
	};
	struct e820_entry canary = { 0x5a5a, 0x5a5a, 0x5a5a };

	map[4] = map[5] = map[6] = map[7] = canary;
	ASSERT_TRUE(e820_sanitize(map, 4, 4, &rep) == 4);
	EXPECT_ENTRY(map[0], 0, 0x2000, RAM);
	EXPECT_ENTRY(map[3], 0x6000, 0x1000, ACPI);
	/* nothing written past max */
	EXPECT_ENTRY(map[4], 0x5a5a, 0x5a5a, 0x5a5a);
	EXPECT_TRUE(rep.truncated > 0);
}

/*
 * "truncated counts what didn't fit": seven ranges, room for four, so
 * three did not fit (the same unit as the log line "%u ranges did not
 * fit the table").
 */
HTEST(truncated_counts_every_range_that_did_not_fit)
{
	struct e820_entry map[8] = {
		{ 0, 0x10000, RAM },
		{ 0x2000, 0x1000, RES },
		{ 0x6000, 0x1000, ACPI },
		{ 0xa000, 0x1000, NVS },
	};

	ASSERT_TRUE(e820_sanitize(map, 4, 4, &rep) == 4);
	EXPECT_UINT_EQ(rep.truncated, 3);
}

HTEST(max_zero_writes_nothing)
{
	struct e820_entry map[1] = { { 0x1000, 0x1000, RAM } };

	EXPECT_UINT_EQ(e820_sanitize(map, 1, 0, &rep), 0);
	EXPECT_ENTRY(map[0], 0x1000, 0x1000, RAM);
	EXPECT_TRUE(rep.truncated > 0);
}

HTEST(more_than_max_entries_in)
{
	static struct e820_entry map[E820_MAX_ENTRIES + 10];

	/* 138 disjoint one-page RAM ranges with gaps: only 128 are read */
	for (unsigned int i = 0; i < ARRAY_SIZE(map); i++)
		map[i] = (struct e820_entry){ 0x2000ULL * i, 0x1000, RAM };
	ASSERT_TRUE(e820_sanitize(map, ARRAY_SIZE(map), ARRAY_SIZE(map), &rep) ==
		    E820_MAX_ENTRIES);
	EXPECT_UINT_EQ(rep.truncated, 10);
	EXPECT_ENTRY(map[E820_MAX_ENTRIES - 1],
		     0x2000ULL * (E820_MAX_ENTRIES - 1), 0x1000, RAM);
	EXPECT_TRUE(sane(map, E820_MAX_ENTRIES));
}

HTEST(full_table_of_touching_ranges_merges_to_one)
{
	static struct e820_entry map[E820_MAX_ENTRIES];

	for (unsigned int i = 0; i < E820_MAX_ENTRIES; i++) {
		unsigned int j = (i * 37) % E820_MAX_ENTRIES;	/* shuffled */

		map[i] = (struct e820_entry){ 0x1000ULL * j, 0x1000, RAM };
	}
	ASSERT_TRUE(e820_sanitize(map, E820_MAX_ENTRIES, E820_MAX_ENTRIES,
				  &rep) == 1);
	EXPECT_ENTRY(map[0], 0, 0x1000ULL * E820_MAX_ENTRIES, RAM);
}

HTEST(type_names)
{
	char buf[32];

	EXPECT_STR_EQ(e820_type_name(RAM, buf, sizeof(buf)), "usable");
	EXPECT_STR_EQ(e820_type_name(RES, buf, sizeof(buf)), "reserved");
	EXPECT_STR_EQ(e820_type_name(ACPI, buf, sizeof(buf)), "ACPI data");
	EXPECT_STR_EQ(e820_type_name(NVS, buf, sizeof(buf)), "ACPI NVS");
	EXPECT_STR_EQ(e820_type_name(UNUS, buf, sizeof(buf)), "unusable");
	EXPECT_STR_EQ(e820_type_name(E820_TYPE_PMEM, buf, sizeof(buf)),
		      "persistent (type 7)");
	EXPECT_STR_EQ(e820_type_name(E820_TYPE_PRAM, buf, sizeof(buf)),
		      "persistent (type 12)");
	EXPECT_STR_EQ(e820_type_name(0, buf, sizeof(buf)), "type 0");
	EXPECT_STR_EQ(e820_type_name(4294967295u, buf, sizeof(buf)),
		      "type 4294967295");
}

HTEST(type_name_respects_small_buffer)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	EXPECT_STR_EQ(e820_type_name(12345, buf, 6), "type ");
	EXPECT_INT_EQ(buf[6], 'x');
	EXPECT_STR_EQ(e820_type_name(RAM, buf, 0), "usable");
}

HTEST(total_sums_one_type)
{
	static struct e820_table t;

	t.nr_entries = 4;
	t.entries[0] = (struct e820_entry){ 0, 0x9fc00, RAM };
	t.entries[1] = (struct e820_entry){ 0x9fc00, 0x400, RES };
	t.entries[2] = (struct e820_entry){ 0x100000, 0x7ee0000, RAM };
	t.entries[3] = (struct e820_entry){ 0xfffc0000, 0x40000, RES };
	EXPECT_UINT_EQ(e820_total(&t, RAM), 0x9fc00 + 0x7ee0000);
	EXPECT_UINT_EQ(e820_total(&t, RES), 0x40400);
	EXPECT_UINT_EQ(e820_total(&t, ACPI), 0);
	t.nr_entries = 0;
	EXPECT_UINT_EQ(e820_total(&t, RAM), 0);
}

HTEST(print_table_uses_linux_format)
{
	static struct e820_table t;

	t.nr_entries = 3;
	t.entries[0] = (struct e820_entry){ 0, 0x9fc00, RAM };
	t.entries[1] = (struct e820_entry){ 0x9fc00, 0x400, RES };
	t.entries[2] = (struct e820_entry){ 0x100000000ULL, 0x1000, 99 };
	host_log_clear();
	e820_print_table("BIOS-e820", &t);
	EXPECT_INT_EQ(host_log_count, 3);
	EXPECT_INT_EQ(host_log_last_level, 6);
	EXPECT_STR_EQ(host_log,
		"BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
		"BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n"
		"BIOS-e820: [mem 0x0000000100000000-0x0000000100000fff] type 99\n");
}

/*
 * The property: a map of random entries on a grid of 4 KiB units,
 * starting at `origin`, against a model painting each unit with the
 * highest covering type (clipped at 2^52). The expected output is the
 * run-length encoding of the painted units.
 */
#define UNIT		0x1000ULL
#define GRID		160

static unsigned int
model_runs(const struct e820_entry *in, unsigned int n, u64 origin,
	   struct e820_entry *out, unsigned int *zero, unsigned int *absurd,
	   unsigned int *overlaps)
{
	u32 paint[GRID] = { 0 };
	unsigned int nr = 0;

	*zero = *absurd = *overlaps = 0;
	for (unsigned int i = 0; i < n; i++) {
		u64 s = in[i].addr, e = in[i].addr + in[i].size;

		if (!in[i].size) {
			(*zero)++;
			continue;
		}
		if (s >= E820_MAX_PHYS) {
			(*absurd)++;
			continue;
		}
		if (e > E820_MAX_PHYS || e < s) {
			(*absurd)++;
			e = E820_MAX_PHYS;
		}
		for (u64 a = s; a < e; a += UNIT) {
			u64 u = (a - origin) / UNIT;

			if (in[i].type > paint[u])
				paint[u] = in[i].type;
		}
		for (unsigned int j = 0; j < i; j++) {
			u64 s2 = in[j].addr, e2 = in[j].addr + in[j].size;

			if (!in[j].size || s2 >= E820_MAX_PHYS)
				continue;
			if (e2 > E820_MAX_PHYS || e2 < s2)
				e2 = E820_MAX_PHYS;
			if (s < e2 && s2 < e)
				(*overlaps)++;
		}
	}
	for (unsigned int u = 0; u < GRID; u++) {
		u64 a = origin + u * UNIT;

		if (!paint[u])
			continue;
		if (nr && out[nr - 1].type == paint[u] &&
		    out[nr - 1].addr + out[nr - 1].size == a)
			out[nr - 1].size += UNIT;
		else
			out[nr++] = (struct e820_entry){ a, UNIT, paint[u] };
	}
	return nr;
}

static void
random_maps_match_model(u64 origin, u64 seed)
{
	static const u32 types[] = { RAM, RAM, RAM, RES, RES, ACPI, NVS,
				     UNUS, E820_TYPE_PMEM, 0 };
	static struct e820_entry in[40], map[GRID], want[GRID];
	struct prng r;
	unsigned int failures = 0;

	prng_seed(&r, seed);
	for (unsigned int iter = 0; iter < 3000 && failures < 3; iter++) {
		unsigned int n = 1 + (unsigned int)prng_below(&r, 40);
		unsigned int max = prng_below(&r, 4) ? GRID :
				   (unsigned int)prng_below(&r, 12);
		unsigned int zero, absurd, overlaps, nw, got;

		for (unsigned int i = 0; i < n; i++) {
			u64 start = prng_below(&r, GRID - 40);
			u64 len = prng_below(&r, 9) ? prng_below(&r, 24) :
				  prng_below(&r, 40);

			in[i].addr = origin + start * UNIT;
			in[i].size = len * UNIT;
			in[i].type = types[prng_below(&r, ARRAY_SIZE(types))];
		}
		memcpy(map, in, n * sizeof(in[0]));
		nw = model_runs(in, n, origin, want, &zero, &absurd, &overlaps);
		got = e820_sanitize(map, n, max, &rep);

		if (got != min(nw, max) || !sane(map, got) ||
		    memcmp(map, want, got * sizeof(map[0])) ||
		    rep.zero_length != zero || rep.absurd != absurd ||
		    rep.overlaps != overlaps ||
		    (rep.truncated != 0) != (nw > max)) {
			failures++;
			htest_fail_begin(__FILE__, __LINE__, "random map");
			printf("seed %#llx iteration %u: %u entries, max %u: "
			       "got %u (want %u), report %u/%u/%u/%u (want "
			       "%u/%u/%u/%s)\n", (unsigned long long)seed,
			       iter, n, max, got, nw, rep.zero_length,
			       rep.absurd, rep.overlaps, rep.truncated, zero,
			       absurd, overlaps, nw > max ? ">0" : "0");
		}
	}
}

HTEST(property_random_low_maps_match_model)
{
	random_maps_match_model(0, 0xe820);
}

HTEST(property_random_maps_at_2_52_match_model)
{
	/* the grid straddles 2^52: about half its units are impossible */
	random_maps_match_model(E820_MAX_PHYS - 64 * UNIT, 0x52);
}

HTEST(property_random_full_tables_stay_sane)
{
	static struct e820_entry map[2 * E820_MAX_ENTRIES];
	struct prng r;

	prng_seed(&r, 12345);
	for (unsigned int iter = 0; iter < 300; iter++) {
		unsigned int n = E820_MAX_ENTRIES;
		unsigned int got;

		for (unsigned int i = 0; i < n; i++) {
			map[i].addr = prng_next(&r) >> (prng_below(&r, 64));
			map[i].size = prng_next(&r) >> (prng_below(&r, 64));
			map[i].type = (u32)prng_below(&r, 14);
		}
		got = e820_sanitize(map, n, ARRAY_SIZE(map), &rep);
		if (got > ARRAY_SIZE(map) || !sane(map, got) || rep.truncated) {
			EXPECT_TRUE(got <= ARRAY_SIZE(map));
			EXPECT_TRUE(sane(map, got));
			EXPECT_UINT_EQ(rep.truncated, 0);
			printf("# iteration %u\n", iter);
			break;
		}
	}
}

HTEST_MAIN(
	HTEST_CASE(empty_map_stays_empty),
	HTEST_CASE(clean_map_is_unchanged),
	HTEST_CASE(report_is_reset_each_call),
	HTEST_CASE(unsorted_input_is_sorted),
	HTEST_CASE(reserved_inside_ram_splits_it),
	HTEST_CASE(higher_type_wins_whatever_the_order),
	HTEST_CASE(unknown_high_types_also_win),
	HTEST_CASE(duplicates_collapse),
	HTEST_CASE(touching_equal_types_merge_different_do_not),
	HTEST_CASE(overlap_of_equal_types_is_a_union),
	HTEST_CASE(zero_length_entries_are_dropped),
	HTEST_CASE(type_zero_never_reaches_the_output),
	HTEST_CASE(entries_beyond_2_52_are_dropped),
	HTEST_CASE(entries_crossing_2_52_are_clipped),
	HTEST_CASE(wrapping_entries_are_clipped),
	HTEST_CASE(whole_52_bit_space_is_one_entry),
	HTEST_CASE(output_can_outgrow_input),
	HTEST_CASE(output_is_truncated_at_max),
	HTEST_CASE(truncated_counts_every_range_that_did_not_fit),
	HTEST_CASE(max_zero_writes_nothing),
	HTEST_CASE(more_than_max_entries_in),
	HTEST_CASE(full_table_of_touching_ranges_merges_to_one),
	HTEST_CASE(type_names),
	HTEST_CASE(type_name_respects_small_buffer),
	HTEST_CASE(total_sums_one_type),
	HTEST_CASE(print_table_uses_linux_format),
	HTEST_CASE(property_random_low_maps_match_model),
	HTEST_CASE(property_random_maps_at_2_52_match_model),
	HTEST_CASE(property_random_full_tables_stay_sane),
)
