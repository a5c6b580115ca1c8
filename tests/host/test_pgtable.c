/*
 * tests/host/test_pgtable.c - host tests for the arithmetic in
 * mm/pgtable.h.
 *
 * Teaches: a virtual address is four 9-bit table indexes and a 12-bit
 * offset, sign-extended from bit 47. Known addresses (the direct map, the
 * kernel image) are checked against hand-computed indexes; random
 * canonical addresses must survive the split into indexes and back.
 * Linux counterpart: none (the macros are exercised by every boot).
 */
#include "arch/x86/boot_layout.h"
#include "mm/pgtable.h"
#include "tests/host/host_prng.h"
#include "tests/host/htest.h"

#define EXPECT_INDEXES(va, g, u, m, t)					\
	do {								\
		EXPECT_UINT_EQ(pgd_index(va), (g));			\
		EXPECT_UINT_EQ(pud_index(va), (u));			\
		EXPECT_UINT_EQ(pmd_index(va), (m));			\
		EXPECT_UINT_EQ(pte_index(va), (t));			\
	} while (0)

/* A random canonical address: 48 random bits, sign-extended. */
static u64
random_canonical(struct prng *r)
{
	u64 v = prng_next(r) & ((1ULL << 48) - 1);

	return v & (1ULL << 47) ? v | 0xffff000000000000ULL : v;
}

HTEST(layout_constants)
{
	EXPECT_UINT_EQ(PAGE_SIZE, 4096);
	EXPECT_UINT_EQ(1UL << PAGE_SHIFT, PAGE_SIZE);
	EXPECT_UINT_EQ(PMD_SIZE, 2 * 1024 * 1024);
	EXPECT_UINT_EQ(PUD_SIZE, 1024 * 1024 * 1024);
	EXPECT_UINT_EQ(PAGE_MASK, 0xfffffffffffff000ULL);
	EXPECT_UINT_EQ(PTRS_PER_TABLE, 512);
	EXPECT_UINT_EQ(PTRS_PER_TABLE * sizeof(pteval_t), PAGE_SIZE);
	EXPECT_UINT_EQ(PGDIR_SHIFT - PUD_SHIFT, 9);
	EXPECT_UINT_EQ(PUD_SHIFT - PMD_SHIFT, 9);
	EXPECT_UINT_EQ(PMD_SHIFT - PAGE_SHIFT, 9);
}

HTEST(known_indexes)
{
	/* the direct map: 0xffff888000000000, Linux's PAGE_OFFSET */
	EXPECT_INDEXES(PAGE_OFFSET, 273, 0, 0, 0);
	/* the kernel image: the last 2 GiB, -2 GiB */
	EXPECT_INDEXES(KERNEL_VMA, 511, 510, 0, 0);
	EXPECT_INDEXES(KERNEL_VMA + KERNEL_PHYS_BASE, 511, 510, 0, 256);
	EXPECT_INDEXES(0, 0, 0, 0, 0);
	EXPECT_INDEXES(0x00007fffffffffffULL, 255, 511, 511, 511);
	EXPECT_INDEXES(0xffff800000000000ULL, 256, 0, 0, 0);
	EXPECT_INDEXES(0xffffffffffffffffULL, 511, 511, 511, 511);
	EXPECT_INDEXES(0x1000, 0, 0, 0, 1);
	EXPECT_INDEXES(0x200000, 0, 0, 1, 0);
	EXPECT_INDEXES(0x40000000, 0, 1, 0, 0);
	EXPECT_INDEXES(0x8000000000ULL, 1, 0, 0, 0);
	/* 1 GiB + 2 MiB + 4 KiB + 5 in a mixed address */
	EXPECT_INDEXES(0x0000123456789abcULL, 0x24, 0x0d1, 0x0b3, 0x189);
}

HTEST(offset_bits_never_leak_into_indexes)
{
	EXPECT_INDEXES(0xfff, 0, 0, 0, 0);
	EXPECT_INDEXES(PAGE_OFFSET + 0xfff, 273, 0, 0, 0);
}

HTEST(level_index_matches_named_helpers)
{
	struct prng r;

	prng_seed(&r, 0x7074);
	for (int i = 0; i < 100000; i++) {
		u64 va = prng_next(&r);

		if (pt_level_index(va, 4) != pgd_index(va) ||
		    pt_level_index(va, 3) != pud_index(va) ||
		    pt_level_index(va, 2) != pmd_index(va) ||
		    pt_level_index(va, 1) != pte_index(va)) {
			EXPECT_UINT_EQ(pt_level_index(va, 4), pgd_index(va));
			EXPECT_UINT_EQ(pt_level_index(va, 3), pud_index(va));
			EXPECT_UINT_EQ(pt_level_index(va, 2), pmd_index(va));
			EXPECT_UINT_EQ(pt_level_index(va, 1), pte_index(va));
			printf("# va %#llx\n", (unsigned long long)va);
			break;
		}
	}
}

HTEST(level_sizes)
{
	EXPECT_UINT_EQ(pt_level_size(1), 4096);
	EXPECT_UINT_EQ(pt_level_size(2), PMD_SIZE);
	EXPECT_UINT_EQ(pt_level_size(3), PUD_SIZE);
	EXPECT_UINT_EQ(pt_level_size(4), 512ULL << 30);
	/* an entry's size is its index's weight */
	for (int level = 1; level <= 4; level++) {
		u64 sz = pt_level_size(level);

		EXPECT_UINT_EQ(pt_level_index(sz, level), 1);
		EXPECT_UINT_EQ(pt_level_index(sz - 1, level), 0);
		EXPECT_UINT_EQ(pt_level_index(511 * sz, level), 511);
		EXPECT_UINT_EQ(pt_level_index(512 * sz, level), 0);
	}
}

HTEST(canonical_boundaries)
{
	EXPECT_TRUE(va_is_canonical(0));
	EXPECT_TRUE(va_is_canonical(0x00007fffffffffffULL));
	EXPECT_FALSE(va_is_canonical(0x0000800000000000ULL));
	EXPECT_FALSE(va_is_canonical(0x0001000000000000ULL));
	EXPECT_FALSE(va_is_canonical(0x7fffffffffffffffULL));
	EXPECT_FALSE(va_is_canonical(0x8000000000000000ULL));
	EXPECT_FALSE(va_is_canonical(0xffff7fffffffffffULL));
	EXPECT_TRUE(va_is_canonical(0xffff800000000000ULL));
	EXPECT_TRUE(va_is_canonical(0xffffffffffffffffULL));
	EXPECT_TRUE(va_is_canonical(PAGE_OFFSET));
	EXPECT_TRUE(va_is_canonical(KERNEL_VMA));
	EXPECT_FALSE(va_is_canonical(0xdead000000000000ULL));
	/* any one stray bit in 48..63 of a low address breaks it */
	for (int bit = 48; bit < 64; bit++) {
		EXPECT_FALSE(va_is_canonical(1ULL << bit));
		EXPECT_FALSE(va_is_canonical(0xffffffffffffffffULL ^
					     (1ULL << bit)));
	}
}

HTEST(canonical_random_agrees_with_definition)
{
	struct prng r;

	prng_seed(&r, 0xca11);
	for (int i = 0; i < 100000; i++) {
		u64 va = prng_next(&r);
		u64 top = va >> 47;	/* bits 47..63 */
		bool want = top == 0 || top == 0x1ffff;

		if (prng_below(&r, 2))
			va = random_canonical(&r), want = true;
		if (va_is_canonical(va) != want) {
			EXPECT_INT_EQ(va_is_canonical(va), want);
			printf("# va %#llx\n", (unsigned long long)va);
			break;
		}
	}
}

HTEST(from_indexes_known)
{
	EXPECT_UINT_EQ(va_from_indexes(273, 0, 0, 0, 0), PAGE_OFFSET);
	EXPECT_UINT_EQ(va_from_indexes(511, 510, 0, 0, 0), KERNEL_VMA);
	EXPECT_UINT_EQ(va_from_indexes(255, 511, 511, 511, 4095),
		       0x00007fffffffffffULL);
	EXPECT_UINT_EQ(va_from_indexes(256, 0, 0, 0, 0), 0xffff800000000000ULL);
	EXPECT_UINT_EQ(va_from_indexes(511, 511, 511, 511, 4095),
		       0xffffffffffffffffULL);
	EXPECT_UINT_EQ(va_from_indexes(0, 0, 0, 1, 5), 0x1005);
}

HTEST(indexes_round_trip)
{
	struct prng r;

	prng_seed(&r, 0x5eed);
	for (int i = 0; i < 200000; i++) {
		u64 va = random_canonical(&r);
		u64 back = va_from_indexes(pgd_index(va), pud_index(va),
					   pmd_index(va), pte_index(va),
					   va & 0xfff);

		if (back != va) {
			EXPECT_UINT_EQ(back, va);
			break;
		}
	}
}

HTEST(from_random_indexes_is_canonical_and_splits_back)
{
	struct prng r;

	prng_seed(&r, 0x1d5);
	for (int i = 0; i < 200000; i++) {
		unsigned int g = (unsigned int)prng_below(&r, 512);
		unsigned int u = (unsigned int)prng_below(&r, 512);
		unsigned int m = (unsigned int)prng_below(&r, 512);
		unsigned int t = (unsigned int)prng_below(&r, 512);
		unsigned int o = (unsigned int)prng_below(&r, 4096);
		u64 va = va_from_indexes(g, u, m, t, o);

		if (!va_is_canonical(va) || pgd_index(va) != g ||
		    pud_index(va) != u || pmd_index(va) != m ||
		    pte_index(va) != t || (va & 0xfff) != o ||
		    (g >= 256) != (va >= 0xffff800000000000ULL)) {
			htest_fail_begin(__FILE__, __LINE__, "va_from_indexes");
			printf("(%u, %u, %u, %u, %u) gave %#llx\n", g, u, m,
			       t, o, (unsigned long long)va);
			break;
		}
	}
}

HTEST(pte_phys_keeps_only_the_frame)
{
	EXPECT_UINT_EQ(pte_phys(0), 0);
	EXPECT_UINT_EQ(pte_phys(0x0000000012345067ULL), 0x12345000);
	EXPECT_UINT_EQ(pte_phys(0x8000000012345067ULL | _PAGE_NX), 0x12345000);
	/* bits 52..62 are software/protection-key bits, not address */
	EXPECT_UINT_EQ(pte_phys(0x7ff0000000001fffULL), 0x1000);
	EXPECT_UINT_EQ(pte_phys(0xffffffffffffffffULL), 0x000ffffffffff000ULL);
	EXPECT_UINT_EQ(pte_phys(PAGE_KERNEL | 0xabcde000ULL), 0xabcde000);
	EXPECT_UINT_EQ(pte_phys(PAGE_TABLE | (1ULL << 51)), 1ULL << 51);
}

HTEST(page_flags)
{
	EXPECT_UINT_EQ(_PAGE_PRESENT, 0x1);
	EXPECT_UINT_EQ(_PAGE_RW, 0x2);
	EXPECT_UINT_EQ(_PAGE_USER, 0x4);
	EXPECT_UINT_EQ(_PAGE_PSE, 0x80);
	EXPECT_UINT_EQ(_PAGE_GLOBAL, 0x100);
	EXPECT_UINT_EQ(_PAGE_NX, 0x8000000000000000ULL);
	/* kernel data is not executable, kernel text not writable */
	EXPECT_TRUE(PAGE_KERNEL & _PAGE_NX);
	EXPECT_TRUE(PAGE_KERNEL & _PAGE_RW);
	EXPECT_FALSE(PAGE_KERNEL_RO & _PAGE_RW);
	EXPECT_TRUE(PAGE_KERNEL_RO & _PAGE_NX);
	EXPECT_FALSE(PAGE_KERNEL_EXEC & _PAGE_NX);
	EXPECT_FALSE(PAGE_KERNEL_EXEC & _PAGE_RW);
	/* nothing the kernel maps is reachable from user mode */
	EXPECT_FALSE((PAGE_KERNEL | PAGE_KERNEL_RO | PAGE_KERNEL_EXEC |
		      PAGE_TABLE) & _PAGE_USER);
	/* flags never overlap the frame bits */
	EXPECT_UINT_EQ((PAGE_KERNEL | PAGE_KERNEL_RO | PAGE_KERNEL_EXEC |
			PAGE_TABLE | _PAGE_PSE) & PTE_PFN_MASK, 0);
}

HTEST(va_pa_conversions)
{
	struct prng r;

	EXPECT_UINT_EQ((u64)(uintptr_t)__va(0), PAGE_OFFSET);
	EXPECT_UINT_EQ((u64)(uintptr_t)__va(0x1234000), PAGE_OFFSET + 0x1234000);
	EXPECT_UINT_EQ(__pa((void *)(uintptr_t)(PAGE_OFFSET + 0x5000)), 0x5000);
	EXPECT_UINT_EQ(__pa((void *)(uintptr_t)(KERNEL_VMA + 0x100000)),
		       0x100000);
	EXPECT_UINT_EQ(__pa((void *)(uintptr_t)KERNEL_VMA), 0);
	prng_seed(&r, 0xba5e);
	for (int i = 0; i < 10000; i++) {
		phys_addr_t pa = prng_next(&r) & ((1ULL << 40) - 1);

		if (__pa(__va(pa)) != pa) {
			EXPECT_UINT_EQ(__pa(__va(pa)), pa);
			break;
		}
	}
}

HTEST_MAIN(
	HTEST_CASE(layout_constants),
	HTEST_CASE(known_indexes),
	HTEST_CASE(offset_bits_never_leak_into_indexes),
	HTEST_CASE(level_index_matches_named_helpers),
	HTEST_CASE(level_sizes),
	HTEST_CASE(canonical_boundaries),
	HTEST_CASE(canonical_random_agrees_with_definition),
	HTEST_CASE(from_indexes_known),
	HTEST_CASE(indexes_round_trip),
	HTEST_CASE(from_random_indexes_is_canonical_and_splits_back),
	HTEST_CASE(pte_phys_keeps_only_the_frame),
	HTEST_CASE(page_flags),
	HTEST_CASE(va_pa_conversions),
)
