/*
 * tests/host/test_cpio.c - host tests for lib/cpio.c (the newc parser).
 *
 * Teaches: a parser of untrusted input is tested on hostile input.  The
 * archives here are built by a small writer of this file (the format
 * written out by hand from its definition); every prefix of a valid
 * archive must be refused, each in its own malloc'd buffer of exactly
 * that size, so AddressSanitizer catches any read past the end.
 * Linux counterpart: none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/errno.h"
#include "lib/cpio.h"
#include "tests/host/htest.h"

static unsigned char arc[4096];
static size_t arc_len;

static void
pad4(void)
{
	while (arc_len % 4)
		arc[arc_len++] = 0;
}

/* One member; namesize counts the NUL, as in the format. */
static void
member(const char *name, unsigned int mode, const char *data, size_t size)
{
	arc_len += sprintf((char *)arc + arc_len,
			   "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
			   1, mode, 0, 0, 1, 0, size, 0, 0, 0, 0,
			   strlen(name) + 1, 0);
	memcpy(arc + arc_len, name, strlen(name) + 1);
	arc_len += strlen(name) + 1;
	pad4();
	memcpy(arc + arc_len, data, size);
	arc_len += size;
	pad4();
}

/* /bin (directory), /bin/hello "hi\n" (3 bytes), /bin/init (8 bytes). */
static void
sample(void)
{
	arc_len = 0;
	member("bin", 040755, "", 0);
	member("bin/hello", 0100755, "hi\n", 3);
	member("bin/init", 0100755, "12345678", 8);
	member("TRAILER!!!", 0, "", 0);
}

/* Walk a copy of exactly len bytes; return the last cpio_next() result. */
static int
walk(const void *buf, size_t len, int *entries)
{
	unsigned char *copy = malloc(len ? len : 1);
	struct cpio_iter it;
	struct cpio_entry e;
	const char *why;
	int ret;

	memcpy(copy, buf, len);
	*entries = 0;
	cpio_iter_init(&it, copy, len);
	while ((ret = cpio_next(&it, &e, &why)) > 0)
		(*entries)++;
	if (ret < 0)
		EXPECT_TRUE(why != NULL && why[0] != '\0');
	free(copy);
	return ret;
}

HTEST(reads_back_what_was_written)
{
	struct cpio_iter it;
	struct cpio_entry e;
	const char *why;

	sample();
	cpio_iter_init(&it, arc, arc_len);
	ASSERT_TRUE(cpio_next(&it, &e, &why) == 1);
	EXPECT_STR_EQ(e.name, "bin");
	EXPECT_UINT_EQ(e.mode & CPIO_S_IFMT, CPIO_S_IFDIR);
	ASSERT_TRUE(cpio_next(&it, &e, &why) == 1);
	EXPECT_STR_EQ(e.name, "bin/hello");
	EXPECT_UINT_EQ(e.name_len, 9);
	EXPECT_UINT_EQ(e.mode, 0100755);
	EXPECT_UINT_EQ(e.size, 3);
	EXPECT_TRUE(!memcmp(e.data, "hi\n", 3));
	ASSERT_TRUE(cpio_next(&it, &e, &why) == 1);
	EXPECT_STR_EQ(e.name, "bin/init");
	EXPECT_UINT_EQ(e.size, 8);
	EXPECT_TRUE(!memcmp(e.data, "12345678", 8));
	EXPECT_INT_EQ(cpio_next(&it, &e, &why), 0);
	EXPECT_INT_EQ(cpio_next(&it, &e, &why), 0);	/* stays at the end */
}

/* Header 110 + name 4 ("bin\0") = 114, padded to 116: hand-computed. */
HTEST(offsets_follow_the_padding_rule)
{
	struct cpio_iter it;
	struct cpio_entry e;
	const char *why;

	sample();
	cpio_iter_init(&it, arc, arc_len);
	ASSERT_TRUE(cpio_next(&it, &e, &why) == 1);
	EXPECT_UINT_EQ((const unsigned char *)e.data - arc, 116);
	ASSERT_TRUE(cpio_next(&it, &e, &why) == 1);
	/* 116 + 110 + 10 ("bin/hello\0") = 236, already a multiple of 4. */
	EXPECT_UINT_EQ((const unsigned char *)e.data - arc, 236);
}

HTEST(every_truncation_is_an_error)
{
	int entries;

	sample();
	for (size_t len = 0; len < arc_len; len++) {
		int ret = walk(arc, len, &entries);

		if (ret >= 0)
			printf("# prefix of %zu bytes: %d\n", len, ret);
		EXPECT_TRUE(ret < 0);
	}
	EXPECT_INT_EQ(walk(arc, arc_len, &entries), 0);
	EXPECT_INT_EQ(entries, 3);
}

HTEST(malformed_headers_are_refused)
{
	int entries;

	sample();
	arc[0] = '1';					/* magic */
	EXPECT_INT_EQ(walk(arc, arc_len, &entries), -EINVAL);

	sample();
	arc[6 + 8 * 6 + 3] = 'g';			/* filesize digit */
	EXPECT_INT_EQ(walk(arc, arc_len, &entries), -EINVAL);

	sample();
	memcpy(arc + 6 + 8 * 11, "00000000", 8);	/* namesize 0 */
	EXPECT_INT_EQ(walk(arc, arc_len, &entries), -EINVAL);

	sample();
	memcpy(arc + 6 + 8 * 11, "00000003", 8);	/* "bin" without NUL */
	EXPECT_INT_EQ(walk(arc, arc_len, &entries), -EINVAL);

	sample();
	memcpy(arc + 6 + 8 * 11, "00000002", 8);	/* NUL inside the name */
	arc[110 + 1] = '\0';
	EXPECT_INT_EQ(walk(arc, arc_len, &entries), -EINVAL);

	sample();
	memcpy(arc + 6 + 8 * 6, "FFFFFFFF", 8);		/* data past the end */
	EXPECT_INT_EQ(walk(arc, arc_len, &entries), -EIO);

	sample();
	memcpy(arc + 6 + 8 * 11, "FFFFFFFF", 8);	/* name past the end */
	EXPECT_INT_EQ(walk(arc, arc_len, &entries), -EIO);
}

HTEST(errors_stick)
{
	struct cpio_iter it;
	struct cpio_entry e;
	const char *why, *first;

	sample();
	arc[0] = 'x';
	cpio_iter_init(&it, arc, arc_len);
	EXPECT_INT_EQ(cpio_next(&it, &e, &why), -EINVAL);
	first = why;
	EXPECT_INT_EQ(cpio_next(&it, &e, &why), -EINVAL);
	EXPECT_TRUE(why == first);
}

HTEST(find_by_path)
{
	struct cpio_entry e;
	const char *why;

	sample();
	EXPECT_INT_EQ(cpio_find(arc, arc_len, "/bin/init", &e, &why), 0);
	EXPECT_UINT_EQ(e.size, 8);
	EXPECT_INT_EQ(cpio_find(arc, arc_len, "bin/hello", &e, &why), 0);
	EXPECT_UINT_EQ(e.size, 3);
	EXPECT_INT_EQ(cpio_find(arc, arc_len, "./bin/hello", &e, &why), 0);
	EXPECT_INT_EQ(cpio_find(arc, arc_len, "/bin/sh", &e, &why), -ENOENT);
	EXPECT_INT_EQ(cpio_find(arc, arc_len, "/bin/hell", &e, &why), -ENOENT);
	/* A walk that breaks before the name gives the error, not ENOENT. */
	EXPECT_INT_EQ(cpio_find(arc, 200, "/bin/init", &e, &why), -EIO);
}

HTEST_MAIN(
	HTEST_CASE(reads_back_what_was_written),
	HTEST_CASE(offsets_follow_the_padding_rule),
	HTEST_CASE(every_truncation_is_an_error),
	HTEST_CASE(malformed_headers_are_refused),
	HTEST_CASE(errors_stick),
	HTEST_CASE(find_by_path)
)
