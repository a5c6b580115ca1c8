"""ktest_plan: what `tools/ktest` runs - the test plans.

A plan is a list of runs, one dict each: a machine (a topology from
tools/topologies, a boot method, a CPU model), a kernel command line
(whose ktest= list picks the in-kernel suites), and what the console must
or must not show.  The keys are described below, above PLANS; tools/ktest
turns each dict into a Run and executes it, ktest_verdict.py judges it.
Lines a suite prints on purpose are allowed here too (SUITE_ALLOW), and
tools/linux_compare.py contributes one run per Linux configuration.

Linux counterpart: tools/testing/kunit's qemu_configs/ (one machine per
file) and .kunitconfig files (which suites to build and run).
"""

import linux_compare

# ============================================================================
# THE TEST PLANS
#
# One dict per run.  Keys (all optional except name):
#   name          the run's name; "{topo}" is replaced by the topology
#   kind          "qemu" (default), "host" or "script"
# qemu runs:
#   topo          a preset in tools/topologies, or EVERY_TOPOLOGY for one run
#                 per preset (default "2s")
#   boot          "kernel" (default), "bios" or "uefi"
#   cmdline       the kernel command line; if it contains ktest=..., the
#                 topology facts (ktest.mem_mb= ...) are appended
#   pad_cmdline   make the command line at least this many bytes long by
#                 appending one long "pagoda_padding=xxx..." word (after the
#                 ktest.* words, so truncation cuts the padding)
#   cpu           the -cpu model (default "max")
#   qemu_args     extra QEMU arguments, a list
#   ktap          expect KTAP output (default: cmdline has ktest= and the
#                 run is not halt_ok)
#   boot_complete expect "Boot complete." (default True)
#   expect        regexes that must all appear in the log
#   expect_order  regexes that must appear in this order, each on a later
#                 line than the one before (e.g. the frames of a backtrace)
#   forbid        regexes that must not appear
#   allow         regexes for the kernel's own complaints this run provokes
#                 on purpose.  Any line starting "BUG:" or "WARNING:", or
#                 saying "Bad page state", fails a qemu run (reasons "bug",
#                 "warning", "bad-page") unless one of these regexes matches
#                 it (searched in the line without its timestamp).  A run
#                 that corrupts a page on purpose says, for example:
#                     "allow": [r"^BUG: Bad page state: pfn:"],
#                 Lines a suite prints on purpose are allowed in SUITE_ALLOW
#                 below, only while that suite runs, so that every run of
#                 the suite gets them.  `allow` only permits; to require a
#                 line, put it in `expect` as well.
#   expect_exit   the QEMU exit status required (default: 33 = pass, 35 =
#                 tests failed, anything else is a failure)
#   halt_ok       pass as soon as every `expect` pattern appeared, then stop
#                 QEMU (for a kernel that idles instead of exiting)
#   crash_ok      do not fail on "Oops:" / "Kernel panic" lines (BUG: and
#                 WARNING: lines still need `allow`)
#   boot_timeout  seconds until "Boot complete." (default per boot method)
#   timeout       seconds for the whole run (default RUN_TIMEOUT, tools/ktest)
# host and script runs:
#   command       the program and its arguments (a list, or a path string),
#                 relative to the repository root
#   timeout       seconds (default PROGRAM_TIMEOUT, tools/ktest)
# ============================================================================

EVERY_TOPOLOGY = "*"


def BACKTRACE(function):
    """expect_order for an oops whose trace starts in an lkdtm function.

    The direct caller, lkdtm_run (kernel/lkdtm.c), must appear between the
    crashing function and start_kernel: a leaf function without a frame
    pointer would hide it (hence -mno-omit-leaf-frame-pointer).
    """
    return [r"^Call Trace:", rf"^ {function}\+0x", r"^ lkdtm_run\+0x",
            r"^ start_kernel\+0x"]


# Lines that suites print on purpose, allowed only while the suite runs
# (between its "# Subtest:" line and its own result line), in every run.
SUITE_ALLOW = {
    # mm/slab_test.c: bad frees are reported, then ignored.
    "slab": [r"^BUG: (kfree|kmem_cache_free): .*; ignored$"],
    # kernel/locking/locking_test.c: each lock_debug report, on purpose.
    "locking": [r"^BUG: spinlock (recursion|already unlocked|wrong CPU) on CPU#\d+, locking_test_\w+$",
                r"^BUG: sleeping function called from invalid context at kernel/locking/locking_test\.c:\d+$",
                r"^WARNING: possible circular locking dependency detected$"],
}

PLANS = {
    "default": [
        # The slowest runs first, so that they overlap with the others.
        {"name": "2s/uefi", "topo": "2s", "boot": "uefi", "cmdline": "ktest=all"},
        {"name": "2s/bios", "topo": "2s", "boot": "bios", "cmdline": "ktest=all"},
        {"name": "{topo}/kernel", "topo": EVERY_TOPOLOGY, "boot": "kernel",
         "cmdline": "ktest=all"},
        {"name": "gdb", "kind": "script", "command": ["tests/gdb/test_gdb.py"],
         "timeout": 180},

        # Robustness: the kernel must survive and report bad input.
        {"name": "2s/bad-cmdline", "cmdline": "loglevel=abc nosuchparam=1 ktest=all",
         "expect": [r"Malformed value for parameter 'loglevel'",
                    r"Unknown kernel command line parameter.*nosuchparam"]},
        {"name": "2s/no-long-mode", "cpu": "qemu32", "cmdline": "ktest=all",
         "ktap": False, "boot_complete": False, "crash_ok": True,
         "expect": [r"does not support 64-bit long mode"], "expect_exit": 37},
        {"name": "2s/long-cmdline", "cmdline": "ktest=all", "pad_cmdline": 3000,
         "expect": [r"Boot complete\.", r"command line.*truncated"]},
        # 2047 bytes of command line fit, whatever the image path the
        # loader puts in front; a longer one is cut and its echo says so;
        # a control character is echoed as \x01.
        {"name": "2s/cmdline-2047", "cmdline": "ktest=boot", "pad_cmdline": 2047,
         "expect": [r"Command line: ktest=boot .* pagoda_padding=x+$"],
         "forbid": [r"truncated", r"\[cut:"]},
        {"name": "2s/cmdline-cut", "cmdline": "ktest=boot", "pad_cmdline": 2048,
         "expect": [r"Kernel command line truncated to 2047 bytes \(it had 2048\)",
                    r"Command line: ktest=boot .* pagoda_padding=x+ \[cut: first 2047 of 2048 bytes\]$"]},
        {"name": "2s/cmdline-control", "cmdline": "ktest=boot pagoda_ctl=a\x01b\x7fc",
         "expect": [r"Command line: ktest=boot pagoda_ctl=a\\x01b\\x7fc "]},
        {"name": "2s/unknown-suite", "cmdline": "ktest=boot,nosuchsuite",
         "ktap": False, "expect_exit": 35,
         "expect": [r"ktest: unknown suite 'nosuchsuite'"]},
        # A bad value is answered with what would have been right.
        {"name": "2s/bad-values",
         "cmdline": "loglevel=99 panic=sometimes quiet=1 gbpages=maybe lkdtm=FOO ktest=boot",
         "expect": [r"loglevel: 99 is out of range 0-8",
                    r"Malformed value for parameter 'panic': 'sometimes' \(valid: one of halt, exit\)",
                    r"Malformed value for parameter 'quiet': '1' \(valid: no value\)",
                    r"Malformed value for parameter 'gbpages': 'maybe' \(valid: no value, or 1/0, y/n, on/off, true/false\)",
                    r"Malformed value for parameter 'lkdtm': 'FOO' \(valid: one of PANIC, BUG, "
                    r"WARNING, EXCEPTION, WRITE_KERN, WRITE_RO, EXEC_DATA, EXHAUST_STACK\)"],
         "forbid": [r"lkdtm: Performing"]},
        {"name": "2s/bad-mm-values", "cmdline": "numa=on kernelcore=lots movablecore=150% ktest=boot",
         "expect": [r"Malformed value for parameter 'numa': 'on' \(valid: one of off\)",
                    r"Malformed value for parameter 'kernelcore': 'lots' \(valid: a size "
                    r"such as 512M, or a percentage 0-100%\)",
                    r"movablecore: 150% is out of range \(valid: a size such as 512M, "
                    r"or a percentage 0-100%\)"],
         "forbid": [r"is not a size", r"out of range 0-100%"]},
        {"name": "2s/ktest-empty", "cmdline": "ktest=", "ktap": False, "halt_ok": True,
         "expect": [r"Parameter 'ktest' has an empty value \(valid: all, or suite names "
                    r"separated by commas\)", r"Boot complete\."]},
        {"name": "highmem/gbpages", "topo": "highmem",
         "cmdline": "gbpages ktest=pgtable",
         "expect": [r"Direct map: \d+ MiB .*: [1-9]\d* x 1G"]},

        # SMP bring-up (arch/x86/smpboot.c): Linux 6.1's lines, spacing
        # included (tests/linux/*/dmesg.txt); every topology also runs the
        # smp suite in {topo}/kernel and compares "smp: Brought up" with
        # Linux in linux/<config>.
        {"name": "2s/smp-lines", "cmdline": "ktest=smp",
         "expect": [r"^smp: Bringing up secondary CPUs \.\.\.$",
                    r"^x86: Booting SMP configuration:$",
                    r"^\.\.\.\. node  #0, CPUs:      #1$",
                    r"^\.\.\.\. node  #1, CPUs:   #2 #3$",
                    r"^smp: Brought up 2 nodes, 4 CPUs$",
                    r"^smpboot: Max logical packages: 2$",
                    r"^smpboot: Total of 4 processors activated \(\d+\.\d\d BogoMIPS\)$",
                    r"^node 0 cpus: 0 1$", r"^node 1 cpus: 2 3$"],
         "forbid": [r"did not come online"]},
        {"name": "64n/smp-lines", "topo": "64n", "cmdline": "ktest=smp",
         "expect": [r"^\.\.\.\. node   #1, CPUs:      #1$",
                    r"^\.\.\.\. node   #3, CPUs:   #3$",
                    r"^smp: Brought up 64 nodes, 4 CPUs$"]},
        # nosmp and maxcpus= as in Linux: the other CPUs stay possible.
        {"name": "2s/nosmp", "cmdline": "nosmp ktest=smp",
         "expect": [r"^smp: Brought up 2 nodes, 1 CPU$",
                    r"^smpboot: Allowing 4 CPUs, 0 hotplug CPUs$",
                    r"^node 0 cpus: 0$", r"^node 1 cpus:$"],
         "forbid": [r"Booting SMP configuration"]},
        {"name": "2s/maxcpus-2", "cmdline": "maxcpus=2 ktest=smp",
         "expect": [r"^smp: Brought up 2 nodes, 2 CPUs$",
                    r"^node 0 cpus: 0 1$", r"^node 1 cpus:$",
                    r"^smpboot: CPU2 \(APIC id 0x2\) did not come online within 20 ms: skipped$"]},
        {"name": "2s/maxcpus-0", "cmdline": "maxcpus=0 ktest=smp",
         "expect": [r"^smp: Brought up 2 nodes, 1 CPU$"]},
        {"name": "2s/bad-maxcpus", "cmdline": "maxcpus=two nosmp=maybe ktest=smp",
         "expect": [r"Malformed value for parameter 'maxcpus': 'two'",
                    r"Malformed value for parameter 'nosmp': 'maybe'",
                    r"^smp: Brought up 2 nodes, 4 CPUs$"]},

        # The memory manager under its boot options (issue: NUMA and zones).
        {"name": "2s/linux-log", "cmdline": "ktest=boot mm_report=all",
         "expect": [r"SRAT: PXM 0 -> APIC 0x00 -> Node 0",
                    r"SRAT: PXM 1 -> APIC 0x03 -> Node 1",
                    r"ACPI: SRAT: Node 0 PXM 0 \[mem 0x00000000-0x0009ffff\]",
                    r"ACPI: SRAT: Node 1 PXM 1 \[mem 0x40000000-0x7fffffff\]",
                    r"NUMA: Node 0 \[mem 0x00000000-0x0009ffff\] \+ \[mem 0x00100000-0x3fffffff\] -> \[mem 0x00000000-0x3fffffff\]",
                    r"Zone ranges:", r"  DMA      \[mem 0x0000000000001000-0x0000000000ffffff\]",
                    r"  Normal   empty", r"Movable zone start for each node",
                    r"Early memory node ranges",
                    r"  node   0: \[mem 0x0000000000001000-0x000000000009efff\]",
                    r"  node   1: \[mem 0x0000000040000000-0x000000007ffdffff\]",
                    r"Initmem setup node 0 \[mem 0x0000000000001000-0x000000003fffffff\]",
                    r"Fallback order for Node 0: 0 1", r"Fallback order for Node 1: 1 0",
                    r"available: 2 nodes \(0-1\)", r"node 1 cpus: 2 3",
                    r"node   0   1", r"  0:  10  21", r"  1:  21  10",
                    r"Node 0, zone    DMA32 (\s+\d+){11} ",
                    r"Node 1 MemTotal: +\d+ kB", r"        managed  \d+",
                    r"Node    0, zone    DMA32, type      Movable "]},
        {"name": "uma/cma-zone", "topo": "uma",
         "cmdline": "cma=512M cma_policy=zone ktest=cma,cma_kswapd,buddy,watermarks,slab,mm_report,pcp",
         "expect": [r"cma: Reserved 512 MiB at 0x[0-9a-f]{16}",
                    r"cma: reserved on node 0 \(ZONE_CMA\)"]},
        {"name": "uma/cma-migratetype", "topo": "uma",
         "cmdline": "cma=512M cma_policy=migratetype ktest=cma,cma_kswapd,buddy,watermarks,slab,mm_report,pcp",
         "expect": [r"cma: reserved on node 0 \(MIGRATE_CMA pageblocks\)"]},
        {"name": "uma/cma-migratetype-2017", "topo": "uma",
         "cmdline": "cma=512M cma_policy=migratetype-2017 ktest=cma,cma_kswapd,buddy,watermarks,slab,mm_report,pcp",
         "expect": [r"cma: reserved on node 0 \(MIGRATE_CMA pageblocks\)"]},
        # mm/report.c: Linux 6.1's /proc/pagetypeinfo (block counts per
        # node included), unknown mm_report= names named, "all" in a list.
        {"name": "2s/mm-report-empty", "cmdline": "mm_report= ktest=boot",
         "expect": [r"Parameter 'mm_report' has an empty value \(valid: all, or names"]},
        {"name": "2s/mm-report", "cmdline": "ktest=mm_report mm_report=numa,all,nosuchreport",
         "expect": [r"mm_report: unknown report 'nosuchreport' \(valid: all, or names from buddyinfo, ",
                    r"Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate ",
                    r"Node 1, zone    DMA32 +\d+ +\d+ +\d+ +\d+ +\d+ +\d+ ",
                    r"Node 0 MemTotal:", r"node distances:"]},
        # min_free_kbytes= larger than memory is capped, with a warning,
        # and the boot lives (mm/watermarks.c).
        {"name": "2s/min-free-huge", "cmdline": "min_free_kbytes=3000000 ktest=buddy,watermarks,slab,highatomic,pcp",
         "expect": [r"min_free_kbytes=3000000 is more than a quarter of the \d+ kB the kernel zones manage; using \d+"]},
        # The cap leaves out what the kernel may not use: CMA pageblocks.
        {"name": "uma/min-free-huge-cma", "topo": "uma",
         "cmdline": "cma=768M cma_policy=migratetype min_free_kbytes=3000000 ktest=buddy,watermarks",
         "expect": [r"their CMA pageblocks \(786432 kB\) left out"]},
        # Linux 6.1 places an area asked without an address bottom-up
        # from 4 GiB when RAM reaches there (big: 2 x 8 GiB).
        {"name": "big/cma-bottom-up", "topo": "big",
         "cmdline": "cma=64M cma_pernuma=16M numa_cma=1:8M ktest=cma",
         "expect": [r"cma: Reserved 64 MiB at 0x0000000100000000"]},
        # An area straddling two zones is refused, as in Linux.
        {"name": "uma/cma-across-zones", "topo": "uma",
         "cmdline": "cma=512M kernelcore=70% cma_policy=migratetype ktest=cma,buddy,watermarks",
         "expect": [r"cma: CMA area reserved could not be activated"]},
        # Double frees must print "Bad page state" (mm/bad_page_test.c):
        # this run provokes the report on purpose and must allow it.
        {"name": "2s/bad-page", "cmdline": "ktest=bad_page ktest.bad_page=1",
         "allow": [r"^BUG: Bad page state: pfn:0x[0-9a-f]+ .*double free$"],
         "expect": [r"BUG: Bad page state: pfn:0x[0-9a-f]+ .*double free"]},
        # CMA command lines as in Linux (issue 6).  2s: node 0 is
        # [0, 1 GiB), node 1 [1 GiB, 2 GiB).
        {"name": "2s/cma-node1", "cmdline": "numa_cma=1:64M ktest=cma,buddy,watermarks",
         "expect": [r"cma: Reserved 64 MiB at 0x00000000[4-7]",
                    r"cma: numa1 on node 1"]},
        {"name": "2s/cma-at-address", "cmdline": "cma=64M@0x60000000 ktest=cma,buddy,watermarks",
         "expect": [r"cma: Reserved 64 MiB at 0x0000000060000000",
                    r"cma: reserved on node 1"]},
        {"name": "2s/cma-in-range", "cmdline": "cma=64M@0-1G ktest=cma,buddy,watermarks",
         "expect": [r"cma: Reserved 64 MiB at 0x00000000[0-3]",
                    r"cma: reserved on node 0"]},
        {"name": "2s/cma-pernuma", "cmdline": "cma_pernuma=16M ktest=cma,buddy,watermarks",
         "expect": [r"cma: pernuma0 on node 0", r"cma: pernuma1 on node 1"]},
        {"name": "4n/cma-pernuma-migratetype",
         "cmdline": "cma_pernuma=64M cma=32M cma_policy=migratetype ktest=cma,buddy,watermarks",
         "topo": "4n",
         "expect": [r"cma: pernuma3 on node 3 \(MIGRATE_CMA pageblocks\)"]},
        {"name": "2s/cma-twice", "cmdline": "cma=16M cma=32M ktest=cma",
         "expect": [r"cma: cma= given again: cma=32M replaces",
                    r"cma: Reserved 32 MiB at"],
         "forbid": [r"cma: Reserved 16 MiB"]},
        {"name": "2s/cma-bad", "cmdline":
         "cma=0xffffffffffffffff cma_pernuma=16777216T numa_cma=2:4M ktest=boot",
         "expect": [r"cma: cma=0xffffffffffffffff ignored: the size overflows when rounded up to 2 MiB",
                    r"cma: cma_pernuma=16777216T ignored: a number does not fit in 64 bits",
                    r"cma: numa_cma: node 2 is not online"],
         "forbid": [r"Malformed value", r"cma: Reserved", r"cma: Failed"]},
        # The old Pagoda "cma=SIZE@NODE" means an address now, as in Linux.
        # Linux 6.1 aligns a fixed base to a pageblock, 2 MiB.
        {"name": "2s/cma-old-syntax", "cmdline": "cma=64M@1 ktest=boot",
         "expect": [r"cma: Region at 0x0000000000000001 must be aligned to 0x0000000000200000 bytes",
                    r"cma: Failed to reserve 64 MiB"],
         "forbid": [r"cma: Reserved"]},
        {"name": "2s/cma-exceeds-limit", "cmdline": "cma=64M@1G-1040M ktest=boot",
         "expect": [r"cma: Size \(0x0000000004000000\) of region at 0x0000000040000000 exceeds limit \(0x0000000041000000\)",
                    r"cma: Failed to reserve 64 MiB"],
         "forbid": [r"cma: Reserved"]},
        # Linux 6.1's checks of a fixed area, in its order
        # (cma_declare_contiguous_nid), by hand for 2s, whose RAM ends
        # at 0x7ffe0000: on x86-64 high memory starts at the end of RAM
        # (high_memory = __va(max_pfn << PAGE_SHIFT)), so an area across
        # it is refused first; an area wholly past it meets the limit x86
        # gives the global area, the end of the direct map (0x7ffe0000)
        # rounded down to 2 MiB: 0x7fe00000.
        {"name": "2s/cma-across-ram-end", "cmdline": "cma=64M@0x7fc00000 ktest=boot",
         "expect": [r"cma: Region at 0x000000007fc00000 defined on low/high memory boundary \(0x000000007ffe0000\)",
                    r"cma: Failed to reserve 64 MiB"],
         "forbid": [r"cma: Reserved"]},
        {"name": "2s/cma-past-ram-end", "cmdline": "cma=64M@0x80000000 ktest=boot",
         "expect": [r"cma: Size \(0x0000000004000000\) of region at 0x0000000080000000 exceeds limit \(0x000000007fe00000\)",
                    r"cma: Failed to reserve 64 MiB"],
         "forbid": [r"cma: Reserved"]},
        # 6 MiB stays 6 MiB (Linux: 2 MiB alignment).  At 0x20200000 (an
        # odd pageblock, in the middle of free memory) the area's first
        # pageblock has a free buddy outside, [0x20000000, 0x20200000),
        # that must not merge with it (cma.free_blocks_stay_inside_areas).
        {"name": "uma/cma-6m-migratetype", "topo": "uma",
         "cmdline": "cma=6M@0x20200000 cma_policy=migratetype ktest=cma,buddy,watermarks",
         "expect": [r"cma: Reserved 6 MiB at 0x0000000020200000"]},
        {"name": "2s/cma-6m-zone", "cmdline": "cma=6M numa_cma=0:10M ktest=cma,buddy,watermarks",
         "expect": [r"cma: Reserved 6 MiB at 0x[0-9a-f]{16}",
                    r"cma: Reserved 10 MiB at 0x[0-9a-f]{16}"]},
        # Malformed values are answered with the valid ones.  numa_cma
        # node numbers are decimal in Linux (sscanf "%lu"): 0x1 is not 1.
        {"name": "2s/cma-bad-values",
         "cmdline": "cma_policy=x cma=64Q cma_pernuma=abc numa_cma=0x1:8M ktest=boot",
         "expect": [r"Malformed value for parameter 'cma_policy': 'x' \(valid: one of zone, migratetype, migratetype-2017\)",
                    r"Malformed value for parameter 'cma': '64Q' \(valid: SIZE\[@START\[-END\]\], ",
                    r"Malformed value for parameter 'cma_pernuma': 'abc' \(valid: a size such as 16M",
                    r"Malformed value for parameter 'numa_cma': '0x1:8M' \(valid: NODE:SIZE\[,NODE:SIZE\.\.\.\], "
                    r"such as 0:16M,1:64M; NODE in decimal, below 64\)"],
         "forbid": [r"cma: Reserved"]},
        # One area per node on 64 nodes (64n: 64-node topology from the
        # memblock issue), and one area more than a global area plus one
        # per node: 1 + 64 + numa0, so node 63's pernuma area finds no slot.
        {"name": "64n/cma-pernuma", "topo": "64n",
         "cmdline": "cma_pernuma=4M ktest=cma,buddy,watermarks",
         "expect": [r"cma: pernuma0 on node 0", r"cma: pernuma63 on node 63"]},
        {"name": "64n/cma-too-many-areas", "topo": "64n",
         "cmdline": "cma=4M numa_cma=0:4M cma_pernuma=4M ktest=cma",
         "expect": [r"cma: Not enough slots for CMA reserved regions!",
                    r"cma: cma_pernuma: reservation failed: err -28, node 63"],
         "forbid": [r"cma: pernuma63 on node"]},
        {"name": "2s/kernelcore", "cmdline": "kernelcore=512M ktest=buddy,watermarks,slab,numa,pcp",
         "expect": [r"  Node 0: 0x0000000010400000", r"  Node 1: 0x0000000050000000"]},
        {"name": "2s/movablecore", "cmdline": "movablecore=1G ktest=buddy,watermarks,slab",
         "expect": [r"Movable zone start for each node", r"  Node 0: 0x"]},
        # Every zone, Movable included, gets its share of min_free_kbytes
        # (watermarks_by_hand works kernelcore=10% on 2s out by hand);
        # a min_free_kbytes= out of range says which values are valid.
        {"name": "2s/kernelcore-10pct",
         "cmdline": "kernelcore=10% min_free_kbytes=2000000000 ktest=buddy,watermarks,highatomic",
         "expect": [r"min_free_kbytes: 2000000000 is out of range 0-1073741824"]},
        # Linux's rule by hand: below 4 GiB node 0 already holds more than
        # the whole 1 GiB asked, so node 0's Movable starts at 4 GiB and
        # node 1 (5-8 GiB) is Movable from its first page.
        {"name": "highmem/kernelcore", "topo": "highmem",
         "cmdline": "kernelcore=1G ktest=buddy,watermarks,slab",
         "expect": [r"  Node 0: 0x0000000100000000", r"  Node 1: 0x0000000140000000"]},
        # A tiny kernelcore never puts Movable below the zone it comes
        # from: DMA32 starts at 16 MiB.
        {"name": "uma/kernelcore-tiny", "topo": "uma",
         "cmdline": "kernelcore=64K ktest=buddy,watermarks,bench_buddy",
         "expect": [r"  Node 0: 0x0000000001000000"]},
        {"name": "uma/cma-kernelcore", "topo": "uma",
         "cmdline": "cma=512M kernelcore=50% ktest=buddy,watermarks,cma,slab"},
        {"name": "memless/cma-memoryless-node", "topo": "memless",
         "cmdline": "numa_cma=1:64M cma_pernuma=16M ktest=buddy,watermarks",
         "expect": [r"cma: Failed to reserve 64 MiB",
                    r"cma: numa_cma: reservation failed: err -12, node 1",
                    r"cma: pernuma0 on node 0"],
         "forbid": [r"pernuma1"]},
        {"name": "4n/kernelcore-percent", "topo": "4n",
         "cmdline": "kernelcore=50% ktest=buddy,watermarks,slab"},
        {"name": "hotplug/movable_node", "topo": "hotplug",
         "cmdline": "movable_node ktest=buddy,watermarks,numa"},
        # Locks (kernel/spinlock.h): the fair ticket lock under contention
        # from every CPU (QEMU otherwise gets test-and-set spinning), and
        # the lock parameters' valid values.
        {"name": "2s/spinlock-ticket", "cmdline": "spinlock=ticket ktest=locking,locktorture",
         "expect": [r"spinlock: ticket lock, FIFO \(spinlock=ticket"]},
        {"name": "2s/lock-params-bad", "cmdline": "lock_debug=maybe spinlock=mcs ktest=boot",
         "expect": [r"Malformed value for parameter 'lock_debug': 'maybe' \(valid: one of on, off\)",
                    r"Malformed value for parameter 'spinlock': 'mcs' \(valid: one of auto, ticket, tas\)",
                    r"spinlock: test-and-set, as Linux's virt_spin_lock \(spinlock=auto, under a hypervisor\)"]},
        # lock_debug=off: path lengths of the kernel as it runs by default.
        {"name": "2s/bench", "cmdline": "ktest=bench_buddy ktest.icount=1 lock_debug=off",
         "qemu_args": ["-icount", "shift=0"]},

        # The scheduler under each preemption model (kernel/sched): the
        # default (voluntary) runs in every ktest=all; sched's
        # busy_loop_preemption expects a hog to be preempted only under
        # full.
        {"name": "2s/sched-preempt-full", "cmdline": "preempt=full ktest=sched",
         "expect": [r"^Dynamic Preempt: full$"]},
        {"name": "2s/sched-preempt-none", "cmdline": "preempt=none ktest=sched",
         "expect": [r"^Dynamic Preempt: none$"]},
        # Lockup reports (kernel/watchdog.c, kernel/hung_task.c) with
        # short thresholds: a thread spinning on CPU 0 and one blocked on a
        # mutex must be named, with their backtraces.
        {"name": "2s/watchdog",
         "cmdline": "preempt=none watchdog_thresh=1 hung_task_timeout_secs=1 ktest=watchdog",
         "expect": [r"watchdog: BUG: soft lockup - CPU#0 stuck for \d+s! \[lockup_hog:\d+\]",
                    # The tick may land in a function the loop calls:
                    # lockup_hog is then in the trace, not in RIP.
                    r"^(RIP: 0008:| )lockup_hog\+0x",
                    r"INFO: task hungry:\d+ blocked for more than \d+ seconds\."]},
        {"name": "2s/sched-icount", "cmdline": "ktest=sched_timing ktest.sched_icount=1",
         "qemu_args": ["-icount", "shift=0"]},
        {"name": "2s/sched-bench", "cmdline": "bench=context_switch,kthread_create_stop",
         "ktap": False, "qemu_args": ["-icount", "shift=0"],
         "expect": [r"BENCH context_switch \d+", r"BENCH kthread_create_stop \d+"]},
        # Issue 8: the getppid round trip from ring 3 (Linux 6.1: 324).
        {"name": "2s/user-bench", "cmdline": "bench=null_syscall",
         "ktap": False, "qemu_args": ["-icount", "shift=0"],
         "expect": [r"BENCH null_syscall \d+"]},
        # Interrupts and time (issue 7): the IOAPIC as Linux prints it,
        # every pin masked, the tick calibrated, COM1's receive interrupt
        # routed; the time and ioapic suites on one node, on 64 nodes,
        # and under -icount, where the TSC and the APIC timer both follow
        # executed instructions and the calibration must find QEMU's APIC
        # timer rate exactly: Linux 6.1 measured "APIC delta adjusted to
        # PM-Timer: 6250054" counts per 100 ms at divide-by-16
        # (tests/linux/2s/dmesg.txt), 62.5 MHz.
        {"name": "2s/time", "cmdline": "ktest=time,ioapic",
         "expect": [r"IOAPIC\[0\]: apic_id 0, version 32, address 0xfec00000, GSI 0-23",
                    r"ACPI: INT_SRC_OVR \(bus 0 bus_irq 0 global_irq 2 dfl dfl\)",
                    r"IOAPIC: 24 pins masked on 1 chip; GSI n is vector 0x30 \+ n",
                    r"APIC: timer \d+\.\d{3} MHz .*counts per tick at HZ=250",
                    r"serial: ttyS0 at I/O 0x3f8 \(irq = 4, base_baud = 115200\) is a 16550A"]},
        {"name": "uma/time", "topo": "uma", "cmdline": "ktest=time,ioapic"},
        {"name": "64n/time", "topo": "64n", "cmdline": "ktest=time,ioapic"},
        {"name": "2s/time-icount", "cmdline": "ktest=time,ioapic",
         "qemu_args": ["-icount", "shift=0"],
         "expect": [r"APIC: timer 62\.(499|500|501) MHz"]},

        # Many small nodes (issue 6): memblock's tables grow instead of
        # dropping ranges, and each node's data and memmap stay on the
        # node.  A 2 MiB node's memmap is 512 x 32 bytes = 4 pages of 4 KiB.
        {"name": "64n/placement", "topo": "64n", "cmdline": "ktest=placement,buddy,watermarks",
         "forbid": [r"table full"]},
        {"name": "64n/kernelcore", "topo": "64n",
         "cmdline": "kernelcore=10% ktest=placement,buddy,watermarks",
         "expect": [r"Movable zone start for each node"], "forbid": [r"table full"]},
        {"name": "64n/movablecore", "topo": "64n",
         "cmdline": "movablecore=10% ktest=placement,buddy,watermarks",
         "expect": [r"Movable zone start for each node"], "forbid": [r"table full"]},
        {"name": "tiny-nodes/placement", "topo": "tiny-nodes",
         "cmdline": "ktest=placement,buddy,watermarks",
         "expect": [r"sparse: node 16 memmap: 0 x 2M \+ 4 x 4K"],
         "forbid": [r"table full", r"of its memmap are on other nodes"]},
        # A later size cancels an earlier percentage (Linux): 1G movable.
        # By hand: 524158 pages in all (262046 + 262112), the kernel keeps
        # 524158 - 262144 = 262014, 131007 per node; node 1 from 1 GiB:
        # 262144 + 131007 = 393151, up to a 1024-page block: 393216.
        {"name": "2s/movablecore-override",
         "cmdline": "movablecore=10% movablecore=1G ktest=buddy,watermarks",
         "expect": [r"  Node 1: 0x0000000060000000"]},

        # SMP (issue 7).  "{topo}/kernel" above already runs every suite
        # on every machine: 1cpu (1 CPU), uma and tiny-nodes (2), 2s (4),
        # smt and split-socket (8), 64cpu (64).  Here the CPUs are present
        # but not all to be started (Linux's maxcpus= and nosmp), where
        # the machine's facts (ktest.cpus=8) still describe what the
        # firmware lists.
        {"name": "smt/maxcpus-3", "topo": "smt",
         "cmdline": "maxcpus=3 ktest=boot,acpi,numa,smp,ipi,tlb,time,rcu,sched,locking,pcp,slab,rcu_tasks,rcutorture"},
        {"name": "smt/nosmp", "topo": "smt",
         "cmdline": "nosmp ktest=boot,acpi,numa,smp,ipi,tlb,time,rcu,sched,locking,pcp,slab,rcu_tasks,rcutorture"},

        # Crashes on purpose (kernel/lkdtm.c): the oops must say what
        # happened, where, and who called it, then panic with status 37.
        {"name": "2s/lkdtm-null", "cmdline": "lkdtm=EXCEPTION",
         "crash_ok": True, "ktap": False, "expect_exit": 37,
         "allow": [r"^BUG: kernel NULL pointer dereference, address: 0{16}$"],
         "expect": [r"BUG: kernel NULL pointer dereference, address: 0{16}",
                    r"#PF: supervisor write access in kernel mode",
                    r"#PF: error_code\(0x0002\) - not-present page",
                    r"Oops: page fault: 0002 \[#1\]",
                    r"RIP: 0008:lkdtm_EXCEPTION\+0x",
                    r"Call Trace:", r" start_kernel\+0x",
                    r"Kernel panic - not syncing: Fatal exception"],
         "expect_order": BACKTRACE("lkdtm_EXCEPTION")},
        {"name": "2s/lkdtm-write-kern", "cmdline": "lkdtm=WRITE_KERN",
         "crash_ok": True, "ktap": False, "expect_exit": 37,
         "allow": [r"^BUG: unable to handle page fault for address: ffffffff8\w+$"],
         "expect": [r"#PF: supervisor write access in kernel mode",
                    r"permissions violation", r"RIP: 0008:lkdtm_WRITE_KERN\+"],
         "expect_order": BACKTRACE("lkdtm_WRITE_KERN")},
        {"name": "2s/lkdtm-exec-data", "cmdline": "lkdtm=EXEC_DATA",
         "crash_ok": True, "ktap": False, "expect_exit": 37,
         "allow": [r"^BUG: unable to handle page fault for address: ffffffff8\w+$"],
         "expect": [r"#PF: supervisor instruction fetch in kernel mode",
                    r"permissions violation \(NX or SMEP\)"],
         # RIP is in a data page, not a function: the trace goes on with
         # the frame of the caller of lkdtm_EXEC_DATA (which only called).
         "expect_order": [r"^Call Trace:", r"^ lkdtm_run\+0x", r"^ start_kernel\+0x"]},
        {"name": "2s/lkdtm-stack", "cmdline": "lkdtm=EXHAUST_STACK",
         "crash_ok": True, "ktap": False, "expect_exit": 37,
         "allow": [r"^BUG: stack guard page was hit at ", r"^BUG: double fault: "],
         "expect": [r"BUG: stack guard page was hit at ffffffff8\w+ \(boot stack",
                    r"Oops: double fault", r" recurse\+0x",
                    r"Kernel panic - not syncing: Fatal exception"]},
        {"name": "2s/lkdtm-bug", "cmdline": "lkdtm=BUG",
         "crash_ok": True, "ktap": False, "expect_exit": 37,
         "expect": [r"Kernel panic - not syncing: kernel BUG at kernel/lkdtm\.c:\d+!"],
         "expect_order": [r"^ panic\+0x"] + BACKTRACE("lkdtm_BUG")[1:]},
        # The console level must not hide a crash (console_verbose()), and
        # a quiet boot still says it finished.
        {"name": "2s/quiet", "cmdline": "quiet ktest=boot", "ktap": False,
         "expect_exit": 33, "expect": [r"Boot complete\."],
         "forbid": [r"BIOS-e820:", r"Command line:"]},
        {"name": "2s/lkdtm-null-loglevel0", "cmdline": "loglevel=0 lkdtm=EXCEPTION",
         "crash_ok": True, "ktap": False, "expect_exit": 37, "boot_complete": False,
         "allow": [r"^BUG: kernel NULL pointer dereference, address: 0{16}$"],
         "expect": [r"BUG: kernel NULL pointer dereference",
                    r"Oops: page fault: 0002 \[#1\]", r"RIP: 0008:lkdtm_EXCEPTION\+0x",
                    r"Call Trace:", r"Kernel panic - not syncing: Fatal exception"],
         "expect_order": BACKTRACE("lkdtm_EXCEPTION"),
         "forbid": [r"Boot complete\."]},
        {"name": "2s/lkdtm-panic-quiet", "cmdline": "quiet lkdtm=PANIC",
         "crash_ok": True, "ktap": False, "expect_exit": 37,
         "expect": [r"Kernel panic - not syncing: lkdtm: PANIC", r"Call Trace:",
                    r"---\[ end Kernel panic - not syncing: lkdtm: PANIC \]---"],
         "forbid": [r"lkdtm: Performing direct entry"]},
        {"name": "2s/lkdtm-warning-quiet", "cmdline": "quiet lkdtm=WARNING ktest=boot",
         "ktap": False, "expect_exit": 33,
         "allow": [r"^WARNING: at kernel/lkdtm\.c:\d+ lkdtm_WARNING\+0x[0-9a-f]+/0x[0-9a-f]+$"],
         "expect": [r"WARNING: at kernel/lkdtm\.c:\d+ lkdtm_WARNING\+0x", r"Call Trace:"],
         "forbid": [r"lkdtm: WARNING returned"]},
        # Lecture demo (mm/slab_demo.c): creating 10,000 caches kicks every
        # other CPU once per cache before the 2017 fix and never after it;
        # 2s has 4 CPUs, so at least 30000 IPIs before and exactly 0 after.
        {"name": "2s/demo-slab_ipi", "cmdline": "demo=slab_ipi", "ktap": False,
         "expect_exit": 33,
         "expect": [r"^slab_ipi demo: 10000 caches: ([3-9]\d{4}|\d{6,}) IPIs "
                    r"before the fix, 0 after$",
                    r"^demo slab_ipi: showed what it should$"]},
        # Lecture demo (kernel/rcu/rcu_tasks_demo.c): a thread looping on
        # schedule() alone on its CPU.  With the 2017 fix the RCU-tasks
        # grace period ends; with the old rule it stalls, the warning
        # names the thread, and it ends once the loop stops.
        {"name": "2s/demo-rcu_tasks", "cmdline": "demo=rcu_tasks", "ktap": False,
         "expect_exit": 33,
         "expect": [r"^rcu_tasks demo: grace period completed in \d+ ms$",
                    r"^demo rcu_tasks: showed what it should$"],
         "forbid": [r"INFO: rcu_tasks detected stalls"]},
        {"name": "2s/demo-rcu_tasks-stall", "ktap": False, "expect_exit": 33,
         "cmdline": "demo=rcu_tasks rcupdate.rcu_tasks_schedule_qs=0 "
                    "rcupdate.rcu_task_stall_timeout=3",
         "expect_order": [r"^INFO: rcu_tasks detected stalls on tasks:$",
                          r"^\s+task:rcu_tasks_loop pid:\d+ cpu:\d+ ",
                          r"^rcu_tasks demo: stall reproduced, grace period "
                          r"completed after the loop stopped$",
                          r"^demo rcu_tasks: showed what it should$"]},
        # The old rule in the suite: a task looping on schedule() would
        # hold the grace period (that case skips), the others still hold.
        {"name": "2s/rcu_tasks-old-rule",
         "cmdline": "rcupdate.rcu_tasks_schedule_qs=0 ktest=rcu_tasks"},
        # slab_kick_new=1 as a boot parameter: the boot caches kick too.
        {"name": "2s/slab-kick-new", "cmdline": "slab_kick_new=1 ktest=slab"},
        {"name": "2s/lkdtm-warning", "cmdline": "lkdtm=WARNING ktest=boot",
         "allow": [r"^WARNING: at kernel/lkdtm\.c:\d+ lkdtm_WARNING\+0x[0-9a-f]+/0x[0-9a-f]+$"],
         "expect": [r"WARNING: at kernel/lkdtm\.c:\d+ lkdtm_WARNING\+0x", r"Call Trace:",
                    r"lkdtm: WARNING returned"],
         "expect_order": [r"^WARNING: at kernel/lkdtm\.c", r"^ warn_slowpath\+0x"]
         + BACKTRACE("lkdtm_WARNING")[1:]},
    ],
    # make bench: every kernel path length, exact under -icount.
    "bench": [
        {"name": "2s/bench-all", "topo": "2s", "boot": "kernel", "cmdline": "bench=all",
         "qemu_args": ["-icount", "shift=0"], "ktap": False, "expect_exit": 33,
         "expect": [r"^BENCH \w+ \d+$"]},
    ],
    "quick": [
        {"name": "2s/kernel", "topo": "2s", "boot": "kernel", "cmdline": "ktest=all"},
        {"name": "uma/kernel", "topo": "uma", "boot": "kernel", "cmdline": "ktest=all"},
    ],
    "none": [],
}

# Pagoda against Linux 6.1 itself: one run per configuration of
# tools/linux_compare.py, judged against the golden files in tests/linux/.
PLANS["default"] += linux_compare.ktest_runs()
