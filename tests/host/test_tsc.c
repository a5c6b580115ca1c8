/*
 * tests/host/test_tsc.c - host tests for tsc_choose_khz() (drivers/tsc.c):
 * which TSC rate to believe, given several PIT calibration runs.
 *
 * Teaches: a measurement disturbed by a busy host only reads high (the end
 * of the PIT window is noticed late), so the lowest plausible run is the
 * best estimate, and one other run within 1% of it confirms it.  The
 * sample sets below are shaped like what 5 x 2 ms runs gave on the
 * loaded 2-core development machine (true rate 2793.4 MHz by the host's
 * /proc/cpuinfo), plus the 118,667 MHz a busy host once produced.
 * Linux counterpart: the tsc_pit_min logic of native_calibrate_tsc()
 * (arch/x86/kernel/tsc.c).
 */
#include "drivers/tsc.h"
#include "tests/host/htest.h"

static struct tsc_choice c;

static void
choose(const unsigned long *s, unsigned int n)
{
	tsc_choose_khz(s, n, &c);
}

HTEST(agreeing_runs_give_the_lowest)
{
	static const unsigned long s[] = { 2811574, 2794159, 2793550,
					   2793602, 2793466 };

	choose(s, 5);
	EXPECT_UINT_EQ(c.khz, 2793466);
	EXPECT_INT_EQ(c.verdict, TSC_CONFIRMED);
	EXPECT_UINT_EQ(c.agreeing, 5);		/* 2811574 is +0.65% */
	EXPECT_UINT_EQ(c.implausible, 0);
}

/* A majority of held-up runs must not drag the value up (a median would). */
HTEST(held_up_majority_does_not_win)
{
	static const unsigned long s[] = { 5956693, 5998474, 2793523,
					   4700998, 2793498 };

	choose(s, 5);
	EXPECT_UINT_EQ(c.khz, 2793498);
	EXPECT_INT_EQ(c.verdict, TSC_CONFIRMED);
	EXPECT_UINT_EQ(c.agreeing, 2);
}

HTEST(implausible_runs_are_ignored_and_counted)
{
	/* 118,667 MHz and 13 GHz: no x86 CPU; 0: a run that failed */
	static const unsigned long s[] = { 118667000, 2793561, 0, 13038658,
					   2793568 };

	choose(s, 5);
	EXPECT_UINT_EQ(c.khz, 2793561);
	EXPECT_INT_EQ(c.verdict, TSC_CONFIRMED);
	EXPECT_UINT_EQ(c.implausible, 3);
	EXPECT_UINT_EQ(c.agreeing, 2);
}

HTEST(a_lone_lowest_run_is_used_but_unconfirmed)
{
	static const unsigned long s[] = { 7892922, 5397992, 2794117 };

	choose(s, 3);
	EXPECT_UINT_EQ(c.khz, 2794117);
	EXPECT_INT_EQ(c.verdict, TSC_UNCONFIRMED);
	EXPECT_UINT_EQ(c.agreeing, 1);
}

HTEST(agreement_is_within_one_percent_of_the_lowest)
{
	/* 1% of 2,000,000 kHz is 20,000 kHz: the boundary agrees */
	static const unsigned long in[] = { 2000000, 2020000 };
	static const unsigned long out[] = { 2000000, 2020001 };

	choose(in, 2);
	EXPECT_INT_EQ(c.verdict, TSC_CONFIRMED);
	EXPECT_UINT_EQ(c.khz, 2000000);
	choose(out, 2);
	EXPECT_INT_EQ(c.verdict, TSC_UNCONFIRMED);
	EXPECT_UINT_EQ(c.khz, 2000000);
}

HTEST(plausible_range_is_100mhz_to_10ghz)
{
	static const unsigned long edges[] = { 100000, 10000000 };
	static const unsigned long outside[] = { 99999, 10000001 };

	choose(edges, 2);
	EXPECT_UINT_EQ(c.khz, 100000);
	EXPECT_UINT_EQ(c.implausible, 0);
	choose(outside, 2);
	EXPECT_INT_EQ(c.verdict, TSC_IMPLAUSIBLE);
	EXPECT_UINT_EQ(c.implausible, 2);
}

HTEST(nothing_plausible_falls_back_to_1ghz)
{
	static const unsigned long s[] = { 0, 0, 118667000 };

	choose(s, 3);
	EXPECT_INT_EQ(c.verdict, TSC_IMPLAUSIBLE);
	EXPECT_UINT_EQ(c.khz, 1000000);		/* 1 GHz: time still moves */
	EXPECT_UINT_EQ(c.agreeing, 0);
	choose(s, 0);					/* no runs at all */
	EXPECT_INT_EQ(c.verdict, TSC_IMPLAUSIBLE);
	EXPECT_UINT_EQ(c.khz, 1000000);
}

/* Under -icount shift=0 every run reads the same: 1 GHz, all agree. */
HTEST(identical_runs)
{
	static const unsigned long s[] = { 1000004, 1000004, 1000004,
					   1000004, 1000004 };

	choose(s, 5);
	EXPECT_UINT_EQ(c.khz, 1000004);
	EXPECT_INT_EQ(c.verdict, TSC_CONFIRMED);
	EXPECT_UINT_EQ(c.agreeing, 5);
}

/* Runs near 10 GHz: the 1% check must not overflow. */
HTEST(no_overflow_at_the_top)
{
	static const unsigned long s[] = { 9999999, 9950000, 10000000 };

	choose(s, 3);
	EXPECT_UINT_EQ(c.khz, 9950000);
	EXPECT_UINT_EQ(c.agreeing, 3);
}

HTEST_MAIN(
	HTEST_CASE(agreeing_runs_give_the_lowest),
	HTEST_CASE(held_up_majority_does_not_win),
	HTEST_CASE(implausible_runs_are_ignored_and_counted),
	HTEST_CASE(a_lone_lowest_run_is_used_but_unconfirmed),
	HTEST_CASE(agreement_is_within_one_percent_of_the_lowest),
	HTEST_CASE(plausible_range_is_100mhz_to_10ghz),
	HTEST_CASE(nothing_plausible_falls_back_to_1ghz),
	HTEST_CASE(identical_runs),
	HTEST_CASE(no_overflow_at_the_top)
)
