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

/* Skips unless asked; otherwise starts capturing the console. */
static void
watch_start(struct ktest *t)
{
	if (!ktest_bad_page)
		ktest_skip(t, "prints Bad page state on purpose; boot with ktest.bad_page=1");
	ktest_capture_begin();
}

/* Order-0 page, freed twice: reported, and free memory does not grow. */
static void
double_free_order0(struct ktest *t)
{
	struct page *page;
	unsigned long free_after_first;
	const char *seen;

	watch_start(t);
	page = alloc_pages(GFP_KERNEL, 0);
	KT_ASSERT_TRUE(t, page != NULL);
	__free_pages(page, 0);
	free_after_first = global_free_pages();
	__free_pages(page, 0);
	seen = ktest_capture_end(NULL);
	KT_EXPECT_EQ(t, global_free_pages(), free_after_first);
	KT_EXPECT_TRUE(t, strstr(seen, "BUG: Bad page state") != NULL);
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
	struct page *page, *again;
	unsigned long free_after_first;
	const char *seen;

	watch_start(t);
	page = alloc_pages(GFP_KERNEL, 3);
	KT_ASSERT_TRUE(t, page != NULL);
	__free_pages(page, 3);
	free_after_first = global_free_pages();
	__free_pages(page, 3);
	seen = ktest_capture_end(NULL);
	KT_EXPECT_EQ(t, global_free_pages(), free_after_first);
	KT_EXPECT_TRUE(t, strstr(seen, "BUG: Bad page state") != NULL);
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
