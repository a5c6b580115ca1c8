/*
 * tests/host/test_cma_param.c - host tests for mm/cma_param.c.
 *
 * Teaches: the forms Linux documents for cma= and cma_pernuma=
 * (Documentation/admin-guide/kernel-parameters.txt, 6.1) and numa_cma=
 * (6.6), each with the meaning Linux gives it, and the edges where a
 * size stops fitting: every expected value below is worked out by hand
 * from the syntax, with Linux 6.1's area alignment: a pageblock, 2 MiB
 * (CMA_MIN_ALIGNMENT_BYTES since 5.19), whatever mm/cma.c says.
 * Linux counterpart: none (Linux's parsers have no unit tests).
 */
#include "mm/cma_param.h"
#include "tests/host/htest.h"

#define MiB	(1ULL << 20)
#define ALIGN2M	(2 * MiB)	/* Linux 6.1: 512 pages of 4 KiB */

#define GLOBAL_OK(str, sz, b, l, fx)					\
	do {								\
		struct cma_global_req r_ = { 1, 2, 3, true };		\
		EXPECT_INT_EQ(cma_parse_global(str, ALIGN2M, &r_),	\
			      CMA_PARAM_OK);				\
		EXPECT_UINT_EQ(r_.size, sz);				\
		EXPECT_UINT_EQ(r_.base, b);				\
		EXPECT_UINT_EQ(r_.limit, l);				\
		EXPECT_INT_EQ(r_.fixed, fx);				\
	} while (0)

/* An error leaves the request as it was. */
#define GLOBAL_BAD(str, err)						\
	do {								\
		struct cma_global_req r_ = { 1, 2, 3, true };		\
		EXPECT_INT_EQ(cma_parse_global(str, ALIGN2M, &r_), err); \
		EXPECT_UINT_EQ(r_.size, 1);				\
		EXPECT_UINT_EQ(r_.limit, 3);				\
	} while (0)

HTEST(global_size_only)
{
	GLOBAL_OK("64M", 64 * MiB, 0, 0, false);
	GLOBAL_OK("1G", 1024 * MiB, 0, 0, false);
	GLOBAL_OK("5M", 6 * MiB, 0, 0, false);		/* rounded up to 2 MiB */
	GLOBAL_OK("6M", 6 * MiB, 0, 0, false);		/* not to 8 (4 MiB) */
	GLOBAL_OK("4194305", 6 * MiB, 0, 0, false);	/* 4 MiB + 1 byte */
	GLOBAL_OK("2097153", 4 * MiB, 0, 0, false);	/* 2 MiB + 1 byte */
	GLOBAL_OK("2097152", 2 * MiB, 0, 0, false);
	GLOBAL_OK("0", 0, 0, 0, false);			/* no area, as Linux */
}

HTEST(global_at_an_address)
{
	/* "@start": exactly there. */
	GLOBAL_OK("64M@0x40000000", 64 * MiB, 0x40000000, 0x44000000, true);
	GLOBAL_OK("64M@1G", 64 * MiB, 1024 * MiB, 1088 * MiB, true);
	/* The rounded size makes the end: 5M -> 6M. */
	GLOBAL_OK("5M@1G", 6 * MiB, 1024 * MiB, 1030 * MiB, true);
	/* "@start-end": anywhere in the range. */
	GLOBAL_OK("64M@1G-2G", 64 * MiB, 1024 * MiB, 2048 * MiB, false);
	GLOBAL_OK("64M@0-0x80000000", 64 * MiB, 0, 0x80000000, false);
	/* Start 0 or empty: Linux's "no base", i.e. below size. */
	GLOBAL_OK("64M@0", 64 * MiB, 0, 64 * MiB, false);
	GLOBAL_OK("64M@", 64 * MiB, 0, 64 * MiB, false);
	/* The old Pagoda "@NODE" is an address now: byte 1, fixed. */
	GLOBAL_OK("64M@1", 64 * MiB, 1, 64 * MiB + 1, true);
}

HTEST(global_malformed)
{
	GLOBAL_BAD(NULL, CMA_PARAM_MALFORMED);
	GLOBAL_BAD("", CMA_PARAM_MALFORMED);
	GLOBAL_BAD("M", CMA_PARAM_MALFORMED);
	GLOBAL_BAD("64X", CMA_PARAM_MALFORMED);
	GLOBAL_BAD("@1G", CMA_PARAM_MALFORMED);
	GLOBAL_BAD("64M@-2G", CMA_PARAM_MALFORMED);
	GLOBAL_BAD("64M@1G-", CMA_PARAM_MALFORMED);
	GLOBAL_BAD("64M@1G-2G-3G", CMA_PARAM_MALFORMED);
	GLOBAL_BAD("64M@1G@2G", CMA_PARAM_MALFORMED);
	GLOBAL_BAD("-64M", CMA_PARAM_MALFORMED);
	GLOBAL_BAD("64M@2G-1G", CMA_PARAM_EMPTY_RANGE);
	GLOBAL_BAD("64M@1G-1G", CMA_PARAM_EMPTY_RANGE);
}

HTEST(global_sizes_too_large)
{
	/* 2^64 - 1: fits in 64 bits, but rounding up to 2 MiB wraps to 0. */
	GLOBAL_BAD("18446744073709551615", CMA_PARAM_ROUND_OVERFLOW);
	GLOBAL_BAD("0xffffffffffffffff", CMA_PARAM_ROUND_OVERFLOW);
	/* 2^64 - 2 MiB + 1 is the first size that wraps ... */
	GLOBAL_BAD("0xffffffffffe00001", CMA_PARAM_ROUND_OVERFLOW);
	/* ... and 2^64 - 2 MiB the last one that does not. */
	GLOBAL_OK("0xffffffffffe00000", 0xffffffffffe00000ULL, 0, 0, false);
	/* 16777216 TiB = 2^64: does not fit at all. */
	GLOBAL_BAD("16777216T", CMA_PARAM_TOO_LARGE);
	GLOBAL_BAD("18446744073709551616", CMA_PARAM_TOO_LARGE);
	GLOBAL_BAD("64M@18446744073709551616", CMA_PARAM_TOO_LARGE);
	/* start + size beyond 2^64: 2^64 - 4 MiB + 64 MiB wraps. */
	GLOBAL_BAD("64M@0xffffffffffc00000", CMA_PARAM_END_OVERFLOW);
	GLOBAL_OK("4M@0xffffffffff800000", 4 * MiB, 0xffffffffff800000ULL,
		  0xffffffffffc00000ULL, true);
}

HTEST(pernuma)
{
	u64 size = 7;

	EXPECT_INT_EQ(cma_parse_pernuma("16M", ALIGN2M, &size), CMA_PARAM_OK);
	EXPECT_UINT_EQ(size, 16 * MiB);
	EXPECT_INT_EQ(cma_parse_pernuma("1", ALIGN2M, &size), CMA_PARAM_OK);
	EXPECT_UINT_EQ(size, 2 * MiB);
	EXPECT_INT_EQ(cma_parse_pernuma("0", ALIGN2M, &size), CMA_PARAM_OK);
	EXPECT_UINT_EQ(size, 0);
	size = 7;
	EXPECT_INT_EQ(cma_parse_pernuma("16M@1", ALIGN2M, &size), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_pernuma(NULL, ALIGN2M, &size), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_pernuma("0xfffffffffffff000", ALIGN2M, &size),
		      CMA_PARAM_ROUND_OVERFLOW);
	EXPECT_UINT_EQ(size, 7);
}

HTEST(numa_pairs)
{
	u64 sizes[4] = { 0, 0, 0, 0 };

	EXPECT_INT_EQ(cma_parse_numa("1:64M", ALIGN2M, sizes, 4), CMA_PARAM_OK);
	EXPECT_UINT_EQ(sizes[0], 0);
	EXPECT_UINT_EQ(sizes[1], 64 * MiB);
	EXPECT_INT_EQ(cma_parse_numa("0:4M,3:10M", ALIGN2M, sizes, 4), CMA_PARAM_OK);
	EXPECT_UINT_EQ(sizes[0], 4 * MiB);
	EXPECT_UINT_EQ(sizes[1], 64 * MiB);	/* an earlier numa_cma= stays */
	EXPECT_UINT_EQ(sizes[3], 10 * MiB);	/* 10 MiB: five pageblocks */
	/* A node named twice: the later size counts. */
	EXPECT_INT_EQ(cma_parse_numa("2:8M,2:16M", ALIGN2M, sizes, 4), CMA_PARAM_OK);
	EXPECT_UINT_EQ(sizes[2], 16 * MiB);
}

HTEST(numa_errors_apply_nothing)
{
	u64 sizes[4] = { 0, 0, 0, 0 };

	/* The good first pair must not be applied when the second is bad. */
	EXPECT_INT_EQ(cma_parse_numa("0:8M,4:8M", ALIGN2M, sizes, 4), CMA_PARAM_BAD_NODE);
	EXPECT_INT_EQ(cma_parse_numa("0:8M,1:0xffffffffffffffff", ALIGN2M, sizes, 4),
		      CMA_PARAM_ROUND_OVERFLOW);
	EXPECT_INT_EQ(cma_parse_numa("0:8M,", ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_numa("0:8M,,1:8M", ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_numa("8M", ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_numa(":8M", ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_numa("0:", ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_numa("-1:8M", ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_numa("x:8M", ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_numa("", ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_numa(NULL, ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_numa("99999999999:8M", ALIGN2M, sizes, 4),
		      CMA_PARAM_MALFORMED);
	for (int i = 0; i < 4; i++)
		EXPECT_UINT_EQ(sizes[i], 0);
}

/*
 * Linux reads the node number with sscanf("%lu"): decimal only, so
 * "0x1:8M" stops at the 'x' and sets nothing (we refuse it aloud), while
 * "01:8M" is node 1.
 */
HTEST(numa_node_is_decimal)
{
	u64 sizes[4] = { 0, 0, 0, 0 };

	EXPECT_INT_EQ(cma_parse_numa("0x1:8M", ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_INT_EQ(cma_parse_numa("1a:8M", ALIGN2M, sizes, 4), CMA_PARAM_MALFORMED);
	EXPECT_UINT_EQ(sizes[1], 0);
	EXPECT_INT_EQ(cma_parse_numa("01:8M", ALIGN2M, sizes, 4), CMA_PARAM_OK);
	EXPECT_UINT_EQ(sizes[0], 0);
	EXPECT_UINT_EQ(sizes[1], 8 * MiB);
	EXPECT_INT_EQ(cma_parse_numa("10:8M", ALIGN2M, sizes, 4), CMA_PARAM_BAD_NODE);
}

HTEST(every_error_has_a_sentence)
{
	for (int e = CMA_PARAM_MALFORMED; e <= CMA_PARAM_BAD_NODE; e++) {
		const char *s = cma_param_strerror(e);

		EXPECT_TRUE(s != NULL);
		EXPECT_STR_NOT_CONTAINS(s, "unknown");
	}
	EXPECT_STR_CONTAINS(cma_param_strerror(CMA_PARAM_ROUND_OVERFLOW), "rounded");
}

HTEST_MAIN(
	HTEST_CASE(global_size_only),
	HTEST_CASE(global_at_an_address),
	HTEST_CASE(global_malformed),
	HTEST_CASE(global_sizes_too_large),
	HTEST_CASE(pernuma),
	HTEST_CASE(numa_pairs),
	HTEST_CASE(numa_errors_apply_nothing),
	HTEST_CASE(numa_node_is_decimal),
	HTEST_CASE(every_error_has_a_sentence)
)
