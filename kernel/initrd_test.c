/*
 * kernel/initrd_test.c - ktest suite "initrd": the archive this boot got.
 *
 * Teaches: the expected contents come from outside the kernel.  The
 * harness (tools/pagoda_qemu.py) lists, as ktest.initrd_files=NAME:SIZE,
 * one entry per user/NAME.c source with the size of the program the
 * build made; the suite checks that the archive the boot loader handed
 * over holds exactly those programs under /bin, byte counts equal, each
 * an x86-64 ELF executable, and that its pages never reached the buddy
 * allocator.  Without an initrd (or without the list) the cases skip.
 * Linux counterpart: none (init/initramfs.c has no KUnit suite).
 */
#include "boot/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/initrd.h"
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "lib/cpio.h"
#include "lib/kstrtox.h"
#include "lib/string.h"
#include "lib/unaligned.h"
#include "mm/page.h"
#include "mm/pgtable.h"

#define MAX_EXPECTED	32

static char ktest_initrd_files[512];
core_param("ktest.initrd_files", ktest_initrd_files, PARAM_STRING,
	   "for tests: NAME:SIZE,... of the programs in the initrd (from the harness)");

struct expected_file {
	char name[32];
	unsigned long long size;
};

/* Skip unless this boot has a usable initrd. */
static void
need_initrd(struct ktest *t, const void **data, size_t *size)
{
	if (!boot_info.initrd_end && !ktest_initrd_files[0])
		ktest_skip(t, "no initrd: the boot loader passed no module");
	/* The harness passed an archive: it must have arrived and parsed. */
	KT_ASSERT_TRUE(t, initrd_archive(data, size));
}

/* Parse "name:size,name:size" from the harness; returns the count. */
static int
parse_expected(struct ktest *t, struct expected_file *out, int max)
{
	char buf[sizeof(ktest_initrd_files)];
	char *p = buf;
	int n = 0;

	if (!ktest_initrd_files[0])
		ktest_skip(t, "no ktest.initrd_files from the harness");
	strscpy(buf, ktest_initrd_files, sizeof(buf));
	while (p && *p) {
		char *next = strchr(p, ','), *colon;

		if (next)
			*next++ = '\0';
		colon = strchr(p, ':');
		KT_ASSERT_TRUE(t, colon != NULL && n < max);
		*colon = '\0';
		KT_ASSERT_TRUE(t, strlen(p) < sizeof(out[n].name));
		strscpy(out[n].name, p, sizeof(out[n].name));
		KT_ASSERT_EQ(t, kstrtoull(colon + 1, 10, &out[n].size), 0);
		n++;
		p = next;
	}
	return n;
}

/* Each program the build made is /bin/NAME, with the size the host saw. */
static void
programs_match_build(struct ktest *t)
{
	struct expected_file want[MAX_EXPECTED];
	const void *archive, *data;
	size_t len, size;
	int n;

	need_initrd(t, &archive, &len);
	n = parse_expected(t, want, MAX_EXPECTED);
	for (int i = 0; i < n; i++) {
		char path[40] = "/bin/";

		strscpy(path + 5, want[i].name, sizeof(path) - 5);
		if (!KT_EXPECT_EQ(t, initrd_lookup(path, &data, &size), 0)) {
			ktest_log(t, "%s is missing", path);
			continue;
		}
		KT_EXPECT_EQ(t, size, want[i].size);
		/* The data lies inside the archive, never past its end. */
		KT_EXPECT_GE(t, (const u8 *)data, (const u8 *)archive);
		KT_EXPECT_LE(t, (const u8 *)data + size,
			     (const u8 *)archive + len);
	}
}

/* Nothing else: the regular files are exactly the expected programs. */
static void
no_other_files(struct ktest *t)
{
	struct expected_file want[MAX_EXPECTED];
	struct cpio_iter it;
	struct cpio_entry e;
	const void *archive;
	const char *why;
	size_t len;
	int n, files = 0, ret;

	need_initrd(t, &archive, &len);
	n = parse_expected(t, want, MAX_EXPECTED);
	cpio_iter_init(&it, archive, len);
	while ((ret = cpio_next(&it, &e, &why)) > 0) {
		bool known = false;

		if ((e.mode & CPIO_S_IFMT) != CPIO_S_IFREG)
			continue;
		files++;
		for (int i = 0; i < n; i++)
			if (!strncmp(e.name, "bin/", 4) &&
			    !strcmp(e.name + 4, want[i].name))
				known = true;
		if (!KT_EXPECT_TRUE(t, known))
			ktest_log(t, "unexpected file %s", e.name);
	}
	KT_EXPECT_EQ(t, ret, 0);	/* ended at the trailer, no error */
	KT_EXPECT_EQ(t, files, n);
}

/* Every file is a 64-bit little-endian x86-64 executable (ELF header). */
static void
files_are_x86_64_elf(struct ktest *t)
{
	struct cpio_iter it;
	struct cpio_entry e;
	const void *archive;
	const char *why;
	size_t len;
	int files = 0;

	need_initrd(t, &archive, &len);
	cpio_iter_init(&it, archive, len);
	while (cpio_next(&it, &e, &why) > 0) {
		const u8 *h = e.data;
		u16 type;

		if ((e.mode & CPIO_S_IFMT) != CPIO_S_IFREG)
			continue;
		files++;
		ktest_log(t, "%s: %zu bytes", e.name, e.size);
		/* 64 bytes: the size of an ELF64 file header. */
		if (!KT_EXPECT_GE(t, e.size, 64))
			continue;
		KT_EXPECT_TRUE(t, !memcmp(h, "\x7f" "ELF", 4));
		KT_EXPECT_EQ(t, h[4], 2);	/* EI_CLASS: ELFCLASS64 */
		KT_EXPECT_EQ(t, h[5], 1);	/* EI_DATA: little-endian */
		type = get_unaligned_le16(h + 16);
		KT_EXPECT_TRUE(t, type == 2 || type == 3); /* ET_EXEC, ET_DYN */
		KT_EXPECT_EQ(t, get_unaligned_le16(h + 18), 62); /* EM_X86_64 */
	}
	KT_EXPECT_GT(t, files, 0);
}

/* The archive's pages stayed reserved: the buddy allocator never had them. */
static void
pages_stay_reserved(struct ktest *t)
{
	const void *archive;
	size_t len;
	unsigned long first, last, bad = 0;

	need_initrd(t, &archive, &len);
	if (initrd_relocated)
		ktest_skip(t, "the loader put it in low memory: it was copied out");
	KT_EXPECT_EQ(t, __pa(archive), boot_info.initrd_start);
	first = boot_info.initrd_start >> PAGE_SHIFT;
	last = (boot_info.initrd_end - 1) >> PAGE_SHIFT;
	for (unsigned long pfn = first; pfn <= last; pfn++)
		if (!PageReserved(pfn_to_page(pfn)))
			bad++;
	KT_EXPECT_EQ(t, bad, 0);
}

/* Lookups: leading "/" optional, directories and misses are -ENOENT. */
static void
lookup_rules(struct ktest *t)
{
	const void *archive, *a, *b;
	size_t len, sa, sb;

	need_initrd(t, &archive, &len);
	KT_EXPECT_EQ(t, initrd_lookup("/bin/nosuchprogram", &a, &sa), -ENOENT);
	KT_EXPECT_EQ(t, initrd_lookup("/bin", &a, &sa), -ENOENT);
	KT_EXPECT_EQ(t, initrd_lookup("", &a, &sa), -ENOENT);
	if (initrd_lookup("/bin/init", &a, &sa))
		ktest_skip(t, "no /bin/init in this initrd");
	KT_ASSERT_EQ(t, initrd_lookup("bin/init", &b, &sb), 0);
	KT_EXPECT_EQ(t, a, b);
	KT_EXPECT_EQ(t, sa, sb);
}

KTEST_SUITE(initrd,
	    KTEST_CASE(programs_match_build),
	    KTEST_CASE(no_other_files),
	    KTEST_CASE(files_are_x86_64_elf),
	    KTEST_CASE(pages_stay_reserved),
	    KTEST_CASE(lookup_rules));
