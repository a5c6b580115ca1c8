/*
 * mm/cma_param.h - the CMA command-line parameters, parsed.
 *
 * Teaches: parsing is kept apart from acting: these are pure functions
 * (no memory, no printing) that turn cma=, cma_pernuma= and numa_cma=
 * into requests or a precise error, so the host tests can check every
 * form and every error; mm/cma.c applies the result.
 * Linux counterpart: early_cma() and early_cma_pernuma() in
 * kernel/dma/contiguous.c.
 */
#ifndef PAGODA_MM_CMA_PARAM_H
#define PAGODA_MM_CMA_PARAM_H

#include "kernel/types.h"

enum cma_param_err {
	CMA_PARAM_OK,
	CMA_PARAM_MALFORMED,		/* not the syntax at all */
	CMA_PARAM_TOO_LARGE,		/* a number beyond 2^64 - 1 */
	CMA_PARAM_ROUND_OVERFLOW,	/* rounding the size up wraps past 2^64 */
	CMA_PARAM_END_OVERFLOW,		/* start + size wraps past 2^64 */
	CMA_PARAM_EMPTY_RANGE,		/* end not above start */
	CMA_PARAM_BAD_NODE,		/* node number >= the node limit */
};

/*
 * cma=nn[KMGT][@[start[KMGT][-end[KMGT]]]]: the one global area.
 *   size == 0        no global area (Linux: "0 disables CMA")
 *   fixed            exactly at [base, base + size)
 *   otherwise        anywhere in [base, limit); limit == 0: no limit
 */
struct cma_global_req {
	u64 size;	/* rounded up to the area alignment */
	u64 base;
	u64 limit;
	bool fixed;
};

/*
 * align is the area alignment in bytes, a power of two: sizes are rounded
 * up to it here, so that the overflow is found (and reported) before
 * anything is reserved.  On error *req is left alone.
 */
enum cma_param_err cma_parse_global(const char *val, u64 align,
				    struct cma_global_req *req);
/* cma_pernuma=nn[KMGT]: one area of that size on every node with memory. */
enum cma_param_err cma_parse_pernuma(const char *val, u64 align, u64 *size);
/*
 * numa_cma=NODE:nn[KMGT][,NODE:nn[KMGT]...]: sizes[NODE] for each pair,
 * NODE < nr_nodes.  All or nothing: on error sizes[] is left alone.
 */
enum cma_param_err cma_parse_numa(const char *val, u64 align, u64 *sizes,
				  unsigned int nr_nodes);
/* A sentence for the log, without the parameter. */
const char *cma_param_strerror(enum cma_param_err err);

#endif
