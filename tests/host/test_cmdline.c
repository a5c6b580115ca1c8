/*
 * tests/host/test_cmdline.c - host tests for the kernel command line on
 * its way from the boot loader to the "Command line:" echo.
 *
 * Teaches: a limit must count the thing it limits.  Loaders put the
 * image's path in front of the arguments ("/boot/pagoda.elf loglevel=8");
 * boot/multiboot.c sets it apart, so that COMMAND_LINE_SIZE - 1 = 2047
 * bytes of arguments always fit, whatever the path, under Multiboot 1 and
 * 2 alike.  The echo shows control characters as \xNN (escape_ctrl() in
 * lib/string.c) and can be printed piece by piece.
 * Linux counterpart: the boot_command_line copy in
 * arch/x86/kernel/head64.c; lib/string_helpers.c (string_escape_mem).
 */
#include <stdlib.h>

#include "arch/x86/e820.h"
#include "boot/bootinfo.h"
#include "kernel/errno.h"
#include "lib/string.h"
#include "tests/host/fake_phys.h"
#include "tests/host/htest.h"
#include "tests/host/mb_build.h"
#include "tests/host/mb_expect.h"

#define MB1_INFO	0x10000
#define MB1_STR		0x11000
#define MB2_BASE	0x200000

/* Long enough for a path and a command line a little over the limit. */
static char line[COMMAND_LINE_SIZE + 512];
static u8 mb2buf[COMMAND_LINE_SIZE + 1024] __aligned(8);

/* "prefix" followed by 'a's up to n bytes in all, then 'Z' as byte n-1. */
static const char *
make_line(const char *prefix, size_t n)
{
	size_t p = strlen(prefix);

	memcpy(line, prefix, p);
	memset(line + p, 'a', n - p);
	line[n - 1] = 'Z';
	line[n] = '\0';
	return line;
}

static int
parse_mb1(const char *cmdline)
{
	struct mbt1_info *mi;

	fake_reset();
	fake_map(MB1_INFO, 0x1000);
	fake_map(MB1_STR, strlen(cmdline) + 1);
	mi = (struct mbt1_info *)fake_ptr(MB1_INFO, sizeof(*mi));
	mi->flags = MBT1_F_CMDLINE;
	mi->cmdline = MB1_STR;
	fake_write(MB1_STR, cmdline, strlen(cmdline) + 1);
	return multiboot_parse(MULTIBOOT1_BOOT_MAGIC, MB1_INFO, fake_read_phys,
			       &bi, &why);
}

static int
parse_mb2(const char *cmdline)
{
	struct mb2_builder b;
	u32 total;

	mb2b_init(&b, mb2buf, sizeof(mb2buf));
	mb2b_string(&b, MBT2_TAG_CMDLINE, cmdline);
	total = mb2b_finish(&b);
	if (b.overflow) {
		printf("# test bug: MB2 builder overflow\n");
		htest_case_failed = 1;
	}
	fake_reset();
	memcpy(fake_map(MB2_BASE, total), mb2buf, total);
	return multiboot_parse(MULTIBOOT2_BOOT_MAGIC, MB2_BASE, fake_read_phys,
			       &bi, &why);
}

static int (*const parsers[2])(const char *) = { parse_mb1, parse_mb2 };

/* 2047 bytes of arguments behind a path: all of them kept. */
HTEST(limit_counts_the_arguments_not_the_path)
{
	static const char path[] = "/some/rather/long/path/to/pagoda.elf ";

	for (int v = 0; v < 2; v++) {
		/* 2047 = COMMAND_LINE_SIZE - 1, the most that fits */
		const char *args = make_line("ktest=boot ", 2047);
		char *whole = malloc(sizeof(path) + 2048);

		__builtin_strcpy(whole, path);
		__builtin_strcat(whole, args);
		expect_ok(parsers[v](whole));
		EXPECT_STR_EQ(bi.image_path, "/some/rather/long/path/to/pagoda.elf");
		EXPECT_UINT_EQ(bi.cmdline_full_len, 2047);
		EXPECT_UINT_EQ(strlen(bi.cmdline), 2047);
		EXPECT_INT_EQ(bi.cmdline[2046], 'Z');		/* the last byte */
		EXPECT_TRUE(!strncmp(bi.cmdline, "ktest=boot aaa", 14));
		expect_bi_sane();

		/* one byte more is cut, and the full length says by how much */
		args = make_line("ktest=boot ", 2048);
		__builtin_strcpy(whole, path);
		__builtin_strcat(whole, args);
		expect_ok(parsers[v](whole));
		EXPECT_UINT_EQ(bi.cmdline_full_len, 2048);
		EXPECT_UINT_EQ(strlen(bi.cmdline), 2047);
		EXPECT_INT_EQ(bi.cmdline[2046], 'a');
		free(whole);
	}
}

HTEST(mb1_reserves_path_and_arguments)
{
	/* 6-byte path, 1 blank, 3-byte argument, the NUL: 11 bytes */
	expect_ok(parse_mb1("/a/b/c x=1"));
	EXPECT_STR_EQ(bi.image_path, "/a/b/c");
	EXPECT_STR_EQ(bi.cmdline, "x=1");
	EXPECT_TRUE(has_reserved(MB1_STR, MB1_STR + 11, "command line"));
}

HTEST(what_counts_as_a_path)
{
	static const struct {
		const char *given, *path, *args;
	} t[] = {
		{ "/boot/k a=1 b", "/boot/k", "a=1 b" },
		{ "build/kernel ktest=all", "build/kernel", "ktest=all" },
		{ "   /k    a=1", "/k", "a=1" },	/* blanks around it */
		{ "/boot/pagoda.elf", "/boot/pagoda.elf", "" },
		{ "/boot/pagoda.elf   ", "/boot/pagoda.elf", "" },
		/* a first word with '=' is an argument, even with a '/' */
		{ "root=/dev/sda quiet", "", "root=/dev/sda quiet" },
		/* no '/': not a path (QEMU gives the -kernel path as typed) */
		{ "kernel quiet", "", "kernel quiet" },
		{ "", "", "" },
		{ "   ", "", "" },
	};

	for (int v = 0; v < 2; v++) {
		for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
			expect_ok(parsers[v](t[i].given));
			EXPECT_STR_EQ(bi.image_path, t[i].path);
			EXPECT_STR_EQ(bi.cmdline, t[i].args);
			EXPECT_UINT_EQ(bi.cmdline_full_len, strlen(t[i].args));
		}
	}
}

HTEST(long_path_is_cut_arguments_intact)
{
	static char whole[400];
	size_t n = sizeof(bi.image_path);

	/* a 300-byte path: image_path keeps what fits, args lose nothing */
	whole[0] = '/';
	memset(whole + 1, 'p', 299);
	__builtin_strcpy(whole + 300, " a=1");
	for (int v = 0; v < 2; v++) {
		expect_ok(parsers[v](whole));
		EXPECT_UINT_EQ(strlen(bi.image_path), n - 1);
		EXPECT_INT_EQ(bi.image_path[0], '/');
		EXPECT_STR_EQ(bi.cmdline, "a=1");
		EXPECT_UINT_EQ(bi.cmdline_full_len, 3);
	}
}

HTEST(mb2_second_cmdline_tag_replaces_the_first)
{
	struct mb2_builder b;
	u32 total;

	mb2b_init(&b, mb2buf, sizeof(mb2buf));
	mb2b_string(&b, MBT2_TAG_CMDLINE, "/boot/k a=1");
	mb2b_string(&b, MBT2_TAG_CMDLINE, "b=2");
	total = mb2b_finish(&b);
	fake_reset();
	memcpy(fake_map(MB2_BASE, total), mb2buf, total);
	expect_ok(multiboot_parse(MULTIBOOT2_BOOT_MAGIC, MB2_BASE,
				  fake_read_phys, &bi, &why));
	EXPECT_STR_EQ(bi.image_path, "");
	EXPECT_STR_EQ(bi.cmdline, "b=2");
}

/* ---- escape_ctrl(): the echo ---- */

HTEST(escape_shows_control_characters)
{
	char out[64];

	EXPECT_UINT_EQ(escape_ctrl(out, sizeof(out), "a=1 b", 5), 5);
	EXPECT_STR_EQ(out, "a=1 b");
	EXPECT_UINT_EQ(escape_ctrl(out, sizeof(out), "a\001b\tc\x7f\xff", 7), 7);
	EXPECT_STR_EQ(out, "a\\x01b\\x09c\\x7f\\xff");
	/* the length is given: an embedded NUL is shown too */
	EXPECT_UINT_EQ(escape_ctrl(out, sizeof(out), "x\0y", 3), 3);
	EXPECT_STR_EQ(out, "x\\x00y");
	EXPECT_UINT_EQ(escape_ctrl(out, sizeof(out), "", 0), 0);
	EXPECT_STR_EQ(out, "");
}

HTEST(escape_never_splits_an_escape)
{
	char out[6];

	/* 5 characters fit: "ab" then "\x01" would need 6 */
	EXPECT_UINT_EQ(escape_ctrl(out, sizeof(out), "ab\001cd", 5), 2);
	EXPECT_STR_EQ(out, "ab");
	EXPECT_UINT_EQ(escape_ctrl(out, sizeof(out), "a\001cd", 4), 2);
	EXPECT_STR_EQ(out, "a\\x01");
	EXPECT_UINT_EQ(escape_ctrl(out, sizeof(out), "abcdefg", 7), 5);
	EXPECT_STR_EQ(out, "abcde");
	EXPECT_UINT_EQ(escape_ctrl(out, 1, "abc", 3), 0);
	EXPECT_STR_EQ(out, "");
	out[0] = 'q';
	EXPECT_UINT_EQ(escape_ctrl(out, 0, "abc", 3), 0);
	EXPECT_INT_EQ(out[0], 'q');			/* size 0: untouched */
}

/* Piece by piece, as the kernel prints it: the pieces add up to it all. */
HTEST(escape_in_pieces_adds_up)
{
	static const char src[] = "k=v \001\002 tail\x1b[0m end";
	char piece[7], all[128] = "";
	size_t left = sizeof(src) - 1, at = 0, pieces = 0;

	while (left) {
		size_t used = escape_ctrl(piece, sizeof(piece), src + at, left);

		ASSERT_TRUE(used > 0);
		__builtin_strcat(all, piece);
		at += used;
		left -= used;
		pieces++;
	}
	EXPECT_STR_EQ(all, "k=v \\x01\\x02 tail\\x1b[0m end");
	EXPECT_TRUE(pieces > 1);
}

HTEST_MAIN(
	HTEST_CASE(limit_counts_the_arguments_not_the_path),
	HTEST_CASE(mb1_reserves_path_and_arguments),
	HTEST_CASE(what_counts_as_a_path),
	HTEST_CASE(long_path_is_cut_arguments_intact),
	HTEST_CASE(mb2_second_cmdline_tag_replaces_the_first),
	HTEST_CASE(escape_shows_control_characters),
	HTEST_CASE(escape_never_splits_an_escape),
	HTEST_CASE(escape_in_pieces_adds_up)
)
