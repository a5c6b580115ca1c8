/*
 * kernel/ksyms.c - look up function names for addresses.
 *
 * Teaches: a backtrace is a list of return addresses; to be readable it
 * needs names.  The build links the kernel, extracts its function symbols
 * with nm, turns them into a sorted table (tools/gen-ksyms) and links
 * again with that table inside.  The table's size depends only on the
 * names, not on the addresses, so a third link with a table built from
 * the second one leaves every address where the table says it is (see
 * the Makefile).  Lookup is a binary search for the last symbol at or
 * below the address; the next symbol's address bounds the function.
 *
 * Linux counterpart: kernel/kallsyms.c and scripts/kallsyms.c (which also
 * compresses the names; we keep them plain for readability).
 */
#include "kernel/ksyms.h"

#include "lib/string.h"
#include "lib/vsprintf.h"

/* Generated: tools/gen-ksyms -> build/ksyms.S.  ksym_addrs has
 * ksym_count + 1 entries; the last is _etext, the end of the final one. */
extern const unsigned long ksym_addrs[];
extern const unsigned int ksym_name_offsets[];
extern const char ksym_names[];
extern const unsigned long ksym_count;

bool
ksym_lookup(unsigned long addr, const char **name, unsigned long *offset,
	    unsigned long *size)
{
	unsigned long lo = 0, hi = ksym_count;

	if (!ksym_count || addr < ksym_addrs[0] || addr >= ksym_addrs[hi])
		return false;
	/* Invariant: ksym_addrs[lo] <= addr < ksym_addrs[hi]. */
	while (hi - lo > 1) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (ksym_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*name = ksym_names + ksym_name_offsets[lo];
	*offset = addr - ksym_addrs[lo];
	*size = ksym_addrs[lo + 1] - ksym_addrs[lo];
	return true;
}

unsigned long
ksym_address(const char *name)
{
	for (unsigned long i = 0; i < ksym_count; i++)
		if (!strcmp(ksym_names + ksym_name_offsets[i], name))
			return ksym_addrs[i];
	return 0;
}

int
ksym_format(char *buf, size_t size, unsigned long addr)
{
	const char *name;
	unsigned long off, len;

	if (ksym_lookup(addr, &name, &off, &len))
		return scnprintf(buf, size, "%s+0x%lx/0x%lx", name, off, len);
	return scnprintf(buf, size, "0x%016lx", addr);
}
