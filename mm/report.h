/*
 * mm/report.h - memory reports in the text formats Linux users know.
 */
#ifndef PAGODA_MM_REPORT_H
#define PAGODA_MM_REPORT_H

void show_buddyinfo(void);	/* /proc/buddyinfo */
void show_pagetypeinfo(void);	/* /proc/pagetypeinfo, free blocks part */
void show_zoneinfo(void);	/* /proc/zoneinfo, main fields */
void show_node_meminfo(void);	/* /sys/devices/system/node/nodeN/meminfo */
void show_numa_hardware(void);	/* numactl --hardware */
void mm_report_boot(void);	/* what mm_report= asked for */

#endif
