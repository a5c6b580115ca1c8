/*
 * mm/bad_page_test.c - ktest suite "bad_page": misuse of the page
 * allocator is reported, not obeyed.
 *
 * Teaches: freeing a page twice must print Linux's "BUG: Bad page state"
 * report and leave the free lists alone: a second free that went through
 * would put the page on a free list twice and hand it to two owners
 * later.  These cases print that report on purpose, so they run only
 * when asked with ktest.bad_page=1 (the harness's 2s/bad-page run, which
 * allows the report); under ktest=all they skip.
 * Linux counterpart: mm/page_alloc.c (bad_page, free_page_is_bad).
 */
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/page_alloc.h"

static unsigned long ktest_bad_page;
core_param("ktest.bad_page", ktest_bad_page, PARAM_ULONG,
	   "1: run the bad_page cases, which print Bad page state on purpose");

/*
 * Allocate a block of 2^order pages, free it, free it again, and check
 * that the second free was reported and did not grow free memory.
 * Returns what the console showed meanwhile.  Skips unless asked.
 */
static const char *
free_twice(struct ktest *t, unsigned int order)
{
	struct page *page;
	unsigned long free_after_first;
	const char *seen;

	if (!ktest_bad_page)
		ktest_skip(t, "prints Bad page state on purpose; boot with ktest.bad_page=1");
	ktest_capture_begin();
	page = alloc_pages(GFP_KERNEL, order);
	KT_ASSERT_TRUE(t, page != NULL);
	__free_pages(page, order);
	free_after_first = global_free_pages();
	__free_pages(page, order);
	seen = ktest_capture_end(NULL);
	KT_EXPECT_EQ(t, global_free_pages(), free_after_first);
	KT_EXPECT_TRUE(t, strstr(seen, "BUG: Bad page state") != NULL);
	return seen;
}

/* Order-0 page, freed twice: reported, and free memory does not grow. */
static void
double_free_order0(struct ktest *t)
{
	const char *seen = free_twice(t, 0);

	/* The report names the frame. */
	KT_EXPECT_TRUE(t, strstr(seen, "pfn:") != NULL);
}

/*
 * An order-3 block freed twice, its head still heading a free block:
 * the report says why.
 */
static void
double_free_order3(struct ktest *t)
{
	const char *seen = free_twice(t, 3);
	struct page *again;

	KT_EXPECT_TRUE(t, strstr(seen, "double free") != NULL ||
			  strstr(seen, "no reference") != NULL);
	/* The allocator still works and the block is handed out once. */
	again = alloc_pages(GFP_KERNEL, 3);
	KT_ASSERT_TRUE(t, again != NULL);
	KT_EXPECT_EQ(t, again->_refcount, 1);
	__free_pages(again, 3);
}

KTEST_SUITE(bad_page,
	KTEST_CASE(double_free_order0),
	KTEST_CASE(double_free_order3));
