/*
 * mm/cma_param.c - parsing cma=, cma_pernuma= and numa_cma=.
 *
 * Teaches: the command line a student learns here must mean the same on
 * Linux.  There, what follows '@' in cma= is a physical address, not a
 * node: `cma=64M@0x40000000` puts the area exactly at 1 GiB,
 * `cma=64M@0x40000000-0x80000000` anywhere between 1 and 2 GiB.  Per-node
 * areas have parameters of their own: cma_pernuma=SIZE (Linux 5.10) puts
 * one area of SIZE on every node with memory, numa_cma=NODE:SIZE,...
 * (Linux 6.6) one on each node named.  cma= names one global area; given
 * twice, the second replaces the first, as in Linux.
 *
 * Linux parses with memparse() and stops quietly at the first character
 * it does not understand; we refuse the whole value instead, and say why
 * when it is a number that is too large rather than bad syntax.
 *
 * Linux counterpart: kernel/dma/contiguous.c (early_cma,
 * early_cma_pernuma, early_numa_cma).
 */
#include "mm/cma_param.h"

#include "kernel/errno.h"
#include "lib/kstrtox.h"
#include "lib/string.h"

/* Longest cma= value (or numa_cma= item) we accept; ample for the syntax. */
#define CMA_PARAM_MAX	96

static enum cma_param_err
parse_bytes(const char *s, u64 *res)
{
	unsigned long long v;
	int ret = parse_size(s, &v);

	if (ret == -ERANGE)
		return CMA_PARAM_TOO_LARGE;
	if (ret)
		return CMA_PARAM_MALFORMED;
	*res = v;
	return CMA_PARAM_OK;
}

/* A size, rounded up to align (a power of two) without wrapping. */
static enum cma_param_err
parse_area_size(const char *s, u64 align, u64 *res)
{
	enum cma_param_err err;
	u64 v;

	err = parse_bytes(s, &v);
	if (err)
		return err;
	if (v > ~0ULL - (align - 1))
		return CMA_PARAM_ROUND_OVERFLOW;
	*res = (v + align - 1) & ~(align - 1);
	return CMA_PARAM_OK;
}

/* Copy val so it can be cut at its separators; NULL and "" are errors. */
static bool
copy_value(char *buf, const char *val)
{
	return val && *val && strscpy(buf, val, CMA_PARAM_MAX) >= 0;
}

enum cma_param_err
cma_parse_global(const char *val, u64 align, struct cma_global_req *req)
{
	struct cma_global_req r = { 0 };
	char buf[CMA_PARAM_MAX], *at, *dash;
	enum cma_param_err err;

	if (!copy_value(buf, val))
		return CMA_PARAM_MALFORMED;
	at = strchr(buf, '@');
	if (at)
		*at++ = '\0';
	err = parse_area_size(buf, align, &r.size);
	if (err)
		return err;
	if (!at)
		goto done;
	dash = strchr(at, '-');
	if (dash)
		*dash++ = '\0';
	if (*at) {
		err = parse_bytes(at, &r.base);
		if (err)
			return err;
	} else if (dash) {
		return CMA_PARAM_MALFORMED;	/* "@-end": no start */
	}
	if (dash) {
		err = parse_bytes(dash, &r.limit);
		if (err)
			return err;
		if (r.limit <= r.base)
			return CMA_PARAM_EMPTY_RANGE;
		goto done;
	}
	/*
	 * "@start" alone: exactly there.  Linux treats start 0 (or an
	 * empty start) as "anywhere below size" instead, since 0 is its
	 * "no base" value; we do the same.
	 */
	if (r.base > ~0ULL - r.size)
		return CMA_PARAM_END_OVERFLOW;
	r.limit = r.base + r.size;
	r.fixed = r.base != 0;
done:
	*req = r;
	return CMA_PARAM_OK;
}

enum cma_param_err
cma_parse_pernuma(const char *val, u64 align, u64 *size)
{
	char buf[CMA_PARAM_MAX];

	if (!copy_value(buf, val))
		return CMA_PARAM_MALFORMED;
	return parse_area_size(buf, align, size);
}

/* One NODE:SIZE item of numa_cma=, len characters at item. */
static enum cma_param_err
parse_numa_item(const char *item, size_t len, u64 align, unsigned int nr_nodes,
		unsigned int *nid, u64 *size)
{
	char buf[CMA_PARAM_MAX], *colon;
	enum cma_param_err err;

	if (!len || len >= sizeof(buf))
		return CMA_PARAM_MALFORMED;
	memcpy(buf, item, len);
	buf[len] = '\0';
	colon = strchr(buf, ':');
	if (!colon || colon == buf)
		return CMA_PARAM_MALFORMED;
	*colon = '\0';
	if (kstrtouint(buf, 10, nid))
		return CMA_PARAM_MALFORMED;
	if (*nid >= nr_nodes)
		return CMA_PARAM_BAD_NODE;
	err = parse_area_size(colon + 1, align, size);
	return err;
}

enum cma_param_err
cma_parse_numa(const char *val, u64 align, u64 *sizes, unsigned int nr_nodes)
{
	if (!val || !*val)
		return CMA_PARAM_MALFORMED;
	/* Check every item first: a bad one must not leave half applied. */
	for (int apply = 0; apply < 2; apply++) {
		const char *s = val;

		for (;;) {
			const char *comma = strchr(s, ',');
			size_t len = comma ? (size_t)(comma - s) : strlen(s);
			enum cma_param_err err;
			unsigned int nid;
			u64 size;

			err = parse_numa_item(s, len, align, nr_nodes, &nid, &size);
			if (err)
				return err;
			if (apply)
				sizes[nid] = size;
			if (!comma)
				break;
			s = comma + 1;
		}
	}
	return CMA_PARAM_OK;
}

const char *
cma_param_strerror(enum cma_param_err err)
{
	switch (err) {
	case CMA_PARAM_OK:
		return "ok";
	case CMA_PARAM_MALFORMED:
		return "malformed";
	case CMA_PARAM_TOO_LARGE:
		return "a number does not fit in 64 bits";
	case CMA_PARAM_ROUND_OVERFLOW:
		return "the size overflows when rounded up to the area alignment";
	case CMA_PARAM_END_OVERFLOW:
		return "start + size is beyond the 64-bit address space";
	case CMA_PARAM_EMPTY_RANGE:
		return "the end of the range is not above its start";
	case CMA_PARAM_BAD_NODE:
		return "node number out of range";
	}
	return "unknown error";
}
