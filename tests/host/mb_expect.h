/*
 * tests/host/mb_expect.h - checks shared by the Multiboot host tests
 * (tests/host/test_multiboot1.c and test_multiboot2.c).
 *
 * The boot_info being filled and the error sentence, what must hold after
 * any call to multiboot_parse() (expect_bi_sane), what success and failure
 * look like (expect_ok, expect_error), and lookups in the results
 * (has_reserved, EXPECT_MAP).
 */
#ifndef PAGODA_TESTS_HOST_MB_EXPECT_H
#define PAGODA_TESTS_HOST_MB_EXPECT_H

#include "arch/x86/e820.h"
#include "boot/bootinfo.h"
#include "drivers/acpi_rsdp.h"
#include "lib/string.h"
#include "tests/host/htest.h"

#define UNMAPPED	0x7ff00000	/* nothing is ever mapped here */

static struct boot_info bi;
static const char *why;

/* Things that must hold after any call, success or not. */
static inline void
expect_bi_sane(void)
{
	EXPECT_TRUE(memchr(bi.cmdline, 0, sizeof(bi.cmdline)) != NULL);
	EXPECT_TRUE(memchr(bi.image_path, 0, sizeof(bi.image_path)) != NULL);
	EXPECT_TRUE(memchr(bi.loader_name, 0, sizeof(bi.loader_name)) != NULL);
	EXPECT_TRUE(bi.mem_map_nr <= E820_MAX_ENTRIES);
	EXPECT_TRUE(bi.nr_reserved <= BOOT_MAX_RESERVED);
	for (unsigned int i = 0; i < bi.nr_reserved && i < BOOT_MAX_RESERVED; i++) {
		EXPECT_TRUE(bi.reserved[i].end > bi.reserved[i].start);
		EXPECT_TRUE(bi.reserved[i].what != NULL);
	}
	EXPECT_TRUE(bi.rsdp_len == 0 ||
		    (bi.rsdp_len >= 20 && bi.rsdp_len <= ACPI_RSDP_MAX_LEN));
}

static inline void
expect_ok(int rc)
{
	EXPECT_INT_EQ(rc, 0);
	EXPECT_TRUE(why == NULL);
	expect_bi_sane();
}

/* An error is a negative errno and a one-line sentence for panic(). */
static inline void
expect_error(int rc, int err, const char *word)
{
	EXPECT_INT_EQ(rc, -err);
	EXPECT_TRUE(why != NULL);
	if (why) {
		EXPECT_TRUE(why[0] != '\0');
		EXPECT_STR_NOT_CONTAINS(why, "\n");
		EXPECT_STR_CONTAINS(why, word);
	}
	expect_bi_sane();
}

static inline bool
has_reserved(phys_addr_t start, phys_addr_t end, const char *what)
{
	for (unsigned int i = 0; i < bi.nr_reserved; i++)
		if (bi.reserved[i].start == start && bi.reserved[i].end == end &&
		    !__builtin_strcmp(bi.reserved[i].what, what))
			return true;
	printf("# no reserved [%#llx-%#llx) \"%s\" among:\n",
	       (unsigned long long)start, (unsigned long long)end, what);
	for (unsigned int i = 0; i < bi.nr_reserved; i++)
		printf("#   [%#llx-%#llx) \"%s\"\n",
		       (unsigned long long)bi.reserved[i].start,
		       (unsigned long long)bi.reserved[i].end,
		       bi.reserved[i].what);
	return false;
}

#define EXPECT_MAP(i, a, s, t)						\
	do {								\
		EXPECT_UINT_EQ(bi.mem_map[i].addr, (a));		\
		EXPECT_UINT_EQ(bi.mem_map[i].size, (s));		\
		EXPECT_UINT_EQ(bi.mem_map[i].type, (t));		\
	} while (0)

#endif /* PAGODA_TESTS_HOST_MB_EXPECT_H */
