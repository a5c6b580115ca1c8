/*
 * tests/host/test_string.c - host tests for lib/string.c.
 *
 * Teaches: the small contracts people get wrong: memmove overlap in both
 * directions, comparison of bytes as unsigned char, strchr finding the
 * terminator, and strscpy truncation. Linux counterpart: lib/string_kunit.c.
 */
#include "kernel/errno.h"
#include "lib/string.h"
#include "tests/host/htest.h"

HTEST(memcpy_memset_memcmp)
{
	char a[8], b[8];

	EXPECT_TRUE(memset(a, 'x', sizeof(a)) == a);
	EXPECT_INT_EQ(a[7], 'x');
	EXPECT_TRUE(memcpy(b, "abcdefg", 8) == b);
	EXPECT_STR_EQ(b, "abcdefg");
	EXPECT_INT_EQ(memcmp("abc", "abd", 3), -1);
	EXPECT_INT_EQ(memcmp("abd", "abc", 3), 1);
	EXPECT_INT_EQ(memcmp("abc", "abd", 2), 0);
	EXPECT_INT_EQ(memcmp("\x80", "\x01", 1), 1);	/* unsigned bytes */
	EXPECT_INT_EQ(memcmp(a, b, 0), 0);
	memset(a, 0x1ff, 1);				/* c is cut to a byte */
	EXPECT_INT_EQ((unsigned char)a[0], 0xff);
}

HTEST(memmove_overlap)
{
	char s[16] = "0123456789";

	memmove(s + 2, s, 5);			/* forwards overlap */
	EXPECT_STR_EQ(s, "0101234789");
	memmove(s, s + 3, 5);			/* backwards overlap */
	EXPECT_STR_EQ(s, "1234734789");
	memmove(s, s, 10);
	EXPECT_STR_EQ(s, "1234734789");
}

HTEST(lengths)
{
	static const char raw[4] = { 'a', 'b', 'c', 'd' };	/* no NUL */

	EXPECT_UINT_EQ(strlen(""), 0);
	EXPECT_UINT_EQ(strlen("hello"), 5);
	EXPECT_UINT_EQ(strnlen("hello", 3), 3);
	EXPECT_UINT_EQ(strnlen("hi", 10), 2);
	EXPECT_UINT_EQ(strnlen(raw, sizeof(raw)), 4);
	EXPECT_UINT_EQ(strnlen(raw, 0), 0);
}

HTEST(comparisons)
{
	EXPECT_INT_EQ(strcmp("abc", "abc"), 0);
	EXPECT_INT_EQ(strcmp("abc", "abd"), -1);
	EXPECT_INT_EQ(strcmp("abc", "ab"), 1);
	EXPECT_INT_EQ(strcmp("", "a"), -1);
	EXPECT_INT_EQ(strcmp("\xff", "a"), 1);		/* unsigned chars */
	EXPECT_INT_EQ(strncmp("abcX", "abcY", 3), 0);
	EXPECT_INT_EQ(strncmp("ab", "abc", 3), -1);
	EXPECT_INT_EQ(strncmp("abc", "xyz", 0), 0);
	EXPECT_INT_EQ(strncmp("a\0x", "a\0y", 3), 0);	/* stops at NUL */
}

HTEST(searching)
{
	const char *s = "a.b.c";

	EXPECT_TRUE(strchr(s, '.') == s + 1);
	EXPECT_TRUE(strrchr(s, '.') == s + 3);
	EXPECT_TRUE(strchr(s, 'x') == NULL);
	EXPECT_TRUE(strrchr(s, 'x') == NULL);
	EXPECT_TRUE(strchr(s, '\0') == s + 5);
	EXPECT_TRUE(strrchr(s, '\0') == s + 5);
	EXPECT_TRUE(strstr(s, "b.c") == s + 2);
	EXPECT_TRUE(strstr(s, "") == s);
	EXPECT_TRUE(strstr(s, "c.") == NULL);
	EXPECT_TRUE(strstr("aab", "ab") != NULL);
	EXPECT_TRUE(strstr("", "a") == NULL);
}

HTEST(strscpy_semantics)
{
	char buf[6];

	memset(buf, 'Z', sizeof(buf));
	EXPECT_INT_EQ(strscpy(buf, "abc", sizeof(buf)), 3);
	EXPECT_STR_EQ(buf, "abc");
	EXPECT_INT_EQ(buf[4], 'Z');			/* no padding */
	EXPECT_INT_EQ(strscpy(buf, "abcde", sizeof(buf)), 5);
	EXPECT_STR_EQ(buf, "abcde");
	EXPECT_INT_EQ(strscpy(buf, "abcdef", sizeof(buf)), -E2BIG);
	EXPECT_STR_EQ(buf, "abcde");
	EXPECT_INT_EQ(strscpy(buf, "xyz", 1), -E2BIG);
	EXPECT_STR_EQ(buf, "");
	buf[0] = 'Q';
	EXPECT_INT_EQ(strscpy(buf, "xyz", 0), -E2BIG);
	EXPECT_INT_EQ(buf[0], 'Q');			/* size 0: untouched */
}

/* Word-at-a-time paths: odd sizes and misaligned ends still exact. */
HTEST(word_paths_exact)
{
	unsigned long long backing[8];
	unsigned char *buf = (unsigned char *)backing, src[40];

	for (int i = 0; i < 40; i++)
		src[i] = (unsigned char)(i * 7 + 1);
	for (int off = 0; off < 8; off++) {
		__builtin_memset(buf, 0xee, sizeof(backing));
		memset(buf + off, 0x5a, 37);
		for (int i = 0; i < 64; i++)
			EXPECT_INT_EQ(buf[i], i >= off && i < off + 37 ? 0x5a : 0xee);
		__builtin_memset(buf, 0, sizeof(backing));
		memcpy(buf + off, src, 37);
		EXPECT_INT_EQ(__builtin_memcmp(buf + off, src, 37), 0);
		EXPECT_INT_EQ(buf[off + 37], 0);
	}
}

HTEST(comma_lists)
{
	const char *cur = "a,bb,,ccc";
	const char *item;
	size_t len;
	int count = 0;

	while ((item = next_list_item(&cur, &len))) {
		count++;
		if (count == 2)
			EXPECT_INT_EQ(__builtin_strncmp(item, "bb", len), 0);
		if (count == 3)
			EXPECT_INT_EQ(len, 0);
	}
	EXPECT_INT_EQ(count, 4);
	EXPECT_TRUE(list_has_item("buddy,slab", "slab", 4));
	EXPECT_TRUE(list_has_item("buddy,slab", "buddy", 5));
	EXPECT_FALSE(list_has_item("buddy,slab", "sla", 3));
	EXPECT_FALSE(list_has_item("buddyinfo", "buddy", 5));
	EXPECT_FALSE(list_has_item("", "x", 1));
}

HTEST_MAIN(
	HTEST_CASE(word_paths_exact),
	HTEST_CASE(comma_lists),
	HTEST_CASE(memcpy_memset_memcmp),
	HTEST_CASE(memmove_overlap),
	HTEST_CASE(lengths),
	HTEST_CASE(comparisons),
	HTEST_CASE(searching),
	HTEST_CASE(strscpy_semantics)
)
