/*
 * mm/pgtable.c - create mappings in 4-level page tables, and walk them.
 *
 * Teaches: mapping [va, va+size) to [pa, pa+size) is a descent through the
 * four levels.  At each level an entry covers 512 GiB, 1 GiB, 2 MiB or
 * 4 KiB.  If the caller allows huge pages and va, pa and the remaining
 * size all line up with the entry's size, the entry becomes a leaf (PSE);
 * otherwise it points to a table one level down, allocated on demand.
 * That rule alone gives "2 MiB pages wherever alignment allows, 4 KiB only
 * at the unaligned edges".
 *
 * Concurrency: other CPUs may walk these tables while we change them (the
 * hardware walker always does, and later the NUMA scanner will too).  So
 * an entry is written once, complete, with WRITE_ONCE, only after the
 * table it points to is fully initialised; and a walker reads each entry
 * once, with READ_ONCE, and decides from that single snapshot (the 2017
 * pmd_trans_huge/pmd_bad race is what happens otherwise).
 *
 * Linux counterpart: arch/x86/mm/init_64.c (phys_*_init), mm/pagewalk.c.
 */
#include "mm/pgtable_ops.h"

#include "kernel/errno.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/memblock.h"

static phys_addr_t
memblock_alloc_table(void)
{
	return memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
}

pt_alloc_fn pt_alloc_table = memblock_alloc_table;

const char *
pt_level_name(int level)
{
	static const char *const names[5] = { "?", "PTE", "PDE", "PDPTE", "PML4E" };

	return level >= 1 && level <= 4 ? names[level] : "?";
}

static pteval_t *
table_va(pteval_t entry)
{
	return __va(pte_phys(entry));
}

static int
map_level(pteval_t *table, int level, u64 va, phys_addr_t pa, u64 size,
	  pteval_t prot, unsigned int flags, struct pt_map_stats *st)
{
	u64 step = pt_level_size(level);

	while (size) {
		pteval_t *entry = &table[pt_level_index(va, level)];
		pteval_t old = READ_ONCE(*entry);
		/* Bytes this entry covers from va onwards. */
		u64 chunk = min(size, step - (va & (step - 1)));
		bool huge_ok = (level == 2 && (flags & MAP_ALLOW_2M)) ||
			       (level == 3 && (flags & MAP_ALLOW_1G));

		if (level == 1 || (huge_ok && chunk == step &&
				   IS_ALIGNED(pa, step))) {
			if (old & _PAGE_PRESENT)
				return -EEXIST;
			WRITE_ONCE(*entry, pa | prot | (level > 1 ? _PAGE_PSE : 0));
			if (st) {
				if (level == 1)
					st->pages_4k++;
				else if (level == 2)
					st->pages_2m++;
				else
					st->pages_1g++;
			}
		} else {
			int err;

			if (!(old & _PAGE_PRESENT)) {
				phys_addr_t t = pt_alloc_table();

				if (t == MEMBLOCK_ALLOC_FAILED)
					return -ENOMEM;
				memset(__va(t), 0, PAGE_SIZE);
				old = t | PAGE_TABLE;
				/* Publish only the fully zeroed table. */
				WRITE_ONCE(*entry, old);
				if (st)
					st->tables++;
			} else if (old & _PAGE_PSE) {
				return -EEXIST;	/* would need splitting */
			}
			err = map_level(table_va(old), level - 1, va, pa, chunk,
					prot, flags, st);
			if (err)
				return err;
		}
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

int
map_range(pteval_t *pgd, u64 va, phys_addr_t pa, u64 size, pteval_t prot,
	  unsigned int flags, struct pt_map_stats *st)
{
	if (!IS_ALIGNED(va | pa | size, PAGE_SIZE) || !va_is_canonical(va))
		return -EINVAL;
	return map_level(pgd, 4, va, pa, size, prot, flags, st);
}

int
pt_walk(phys_addr_t cr3, u64 va, struct pt_walk *w)
{
	phys_addr_t table = cr3 & PTE_PFN_MASK;

	*w = (struct pt_walk){ .va = va, .writable = true, .user = true };
	if (!va_is_canonical(va))
		return -EINVAL;
	for (int level = 4; level >= 1; level--) {
		unsigned int idx = pt_level_index(va, level);
		pteval_t e = READ_ONCE(((pteval_t *)__va(table))[idx]);

		w->lv[w->nlevels].level = level;
		w->lv[w->nlevels].index = idx;
		w->lv[w->nlevels].entry = e;
		w->lv[w->nlevels].table = table;
		w->nlevels++;
		if (!(e & _PAGE_PRESENT))
			return 0;
		w->writable &= !!(e & _PAGE_RW);
		w->user &= !!(e & _PAGE_USER);
		w->nx |= !!(e & _PAGE_NX);
		if (level == 1 || (level <= 3 && (e & _PAGE_PSE))) {
			u64 size = pt_level_size(level);

			w->mapped = true;
			w->page_size = size;
			w->phys = (pte_phys(e) & ~(size - 1)) | (va & (size - 1));
			return 0;
		}
		table = pte_phys(e);
	}
	return 0;
}

char *
pte_flags_str(pteval_t e, int level, char *buf, size_t size)
{
	static const struct { pteval_t bit; const char *name; } bits[] = {
		{ _PAGE_PRESENT, "present" }, { _PAGE_RW, "writable" },
		{ _PAGE_USER, "user" }, { _PAGE_PWT, "write-through" },
		{ _PAGE_PCD, "cache-disabled" }, { _PAGE_ACCESSED, "accessed" },
		{ _PAGE_DIRTY, "dirty" }, { _PAGE_PSE, "huge" },
		{ _PAGE_GLOBAL, "global" }, { _PAGE_NX, "NX" },
	};
	size_t len = 0;

	buf[0] = '\0';
	if (!(e & _PAGE_PRESENT)) {
		scnprintf(buf, size, "not present");
		return buf;
	}
	for (size_t i = 0; i < ARRAY_SIZE(bits); i++) {
		/* PSE means "huge" only in PDPTEs and PDEs (PAT in a PTE). */
		if (bits[i].bit == _PAGE_PSE && (level == 1 || level == 4))
			continue;
		if (e & bits[i].bit)
			len += scnprintf(buf + len, size - len, "%s%s",
					 len ? " " : "", bits[i].name);
	}
	return buf;
}

void
pt_walk_print(const struct pt_walk *w)
{
	char flags[128];

	pr_info("page walk of %016llx:\n", (unsigned long long)w->va);
	for (int i = 0; i < w->nlevels; i++)
		pr_info("  %-5s [%3u] = %016llx  %s\n",
			pt_level_name(w->lv[i].level), w->lv[i].index,
			(unsigned long long)w->lv[i].entry,
			pte_flags_str(w->lv[i].entry, w->lv[i].level, flags,
				      sizeof(flags)));
	if (w->mapped)
		pr_info("  -> phys %016llx, %s page, %s%s%s\n",
			(unsigned long long)w->phys,
			w->page_size == PUD_SIZE ? "1 GiB" :
			w->page_size == PMD_SIZE ? "2 MiB" : "4 KiB",
			w->writable ? "read-write" : "read-only",
			w->nx ? ", no-execute" : ", executable",
			w->user ? ", user" : ", kernel-only");
	else
		pr_info("  -> not mapped\n");
}
