/*
 * mm/report.h - memory reports in the text formats Linux users know.
 *
 * Teaches: the memory manager's state is printed in the formats of
 * /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo, per-node meminfo
 * and numactl --hardware, so that what is read here reads the same on a
 * Linux machine (see report.c).
 * Linux counterpart: mm/vmstat.c, drivers/base/node.c (node_read_meminfo).
 */
#ifndef PAGODA_MM_REPORT_H
#define PAGODA_MM_REPORT_H

#include "mm/mmzone.h"

void show_buddyinfo(void);	/* /proc/buddyinfo */
void show_pagetypeinfo(void);	/* /proc/pagetypeinfo */
void show_zoneinfo(void);	/* /proc/zoneinfo, main fields */
void show_node_meminfo(void);	/* /sys/devices/system/node/nodeN/meminfo */
void show_numa_hardware(void);	/* numactl --hardware */
void mm_report_boot(void);	/* what mm_report= asked for */

/* The pieces, for the tests (mm/report_test.c). */
void pagetypeinfo_block_counts(const struct zone *zone,
			       unsigned long count[MIGRATE_TYPES]);
/* Unknown names in an mm_report= list (printed if print). */
unsigned int mm_report_unknown(const char *list, bool print);
bool mm_report_wanted(const char *list, const char *name);

#endif
