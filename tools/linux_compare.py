"""linux_compare: Pagoda's boot log against what Linux 6.1 printed.

The memory manager's rule is "identical to Linux", whatever the machine.
tools/linux-oracle boots Debian's Linux 6.1 on each configuration below
and keeps its dmesg and /proc reports in tests/linux/<config>/.  This
module boots nothing itself: tools/ktest boots Pagoda on the same machine
with the same command line plus `mm_report=all` (runs named linux/<config>)
and hands the serial log to ktest_judge(), which compares, line by line
after stripping timestamps, what both kernels print:

  * boot lines: BIOS-e820, ACPI tables and MADT, SRAT/NUMA, NODE_DATA
    (addresses masked), Zone ranges, Movable zone start, Early memory node
    ranges, Initmem setup, Fallback order, Built N zonelists (page count
    masked), the Memory: total;
  * facts of /proc and /sys: the numactl --hardware view (nodes, CPUs,
    distances), zoneinfo's spanned/present/start_pfn per zone, the zones
    buddyinfo and zoneinfo list, the pagetypeinfo header and layout;
  * min_free_kbytes and the watermarks, which cannot be identical (Linux
    keeps more memory for itself): both kernels are checked against the
    same rule, written here from Linux's documented behaviour, each on its
    own managed pages, Linux within what it freed after computing them
    (see check_watermarks).

  * SMP bring-up: the `smp:` and `smpboot:` summary lines (check
    "smp"), the CPUs per node of the `x86: Booting SMP configuration:`
    block (as sets) and, where the golden has it, the layout of
    /proc/interrupts' LOC, RES, CAL and TLB rows (tools/linux_smp.py).
    The numactl view above compares each node's CPUs, which are the
    online ones in Linux's /sys.

Not compared: free-page counts, managed pages, node sizes (see above),
and the BogoMIPS of `smpboot: Total of M processors activated` (Linux's
come from a delay loop calibrated under TCG, a noisy figure).

Differences known today and being fixed are listed in KNOWN_FAILURES: they
are reported as skipped with the differing lines ("XFAIL"), and as passed
with an "XPASS" note once fixed, so the entry can be removed.

    python3 tools/linux_compare.py CONFIG PAGODA_LOG   # compare by hand
"""

import difflib
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ktap  # noqa: E402 (the console-log cleaning the harness uses)
from linux_smp import (interrupts_layout, run_lengths,  # noqa: E402,F401
                       smp_boot_config)

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "linux"

# ----------------------------------------------------------------------------
# The configurations: (name, topology, Pagoda's extra command line, Linux's
# extra command line or None when it is the same).  The name is the
# directory under tests/linux/.
# ----------------------------------------------------------------------------

CONFIGS = [
    ("uma", "uma", "", None),
    ("2s", "2s", "", None),
    ("4n", "4n", "", None),
    ("memless", "memless", "", None),
    ("cpuless", "cpuless", "", None),
    ("highmem", "highmem", "", None),
    ("hotplug", "hotplug", "", None),
    ("big", "big", "", None),
    ("expanders", "expanders", "", None),
    ("64n", "64n", "", None),
    ("tiny-nodes", "tiny-nodes", "", None),
    ("1cpu", "1cpu", "", None),
    ("smt", "smt", "", None),
    ("split-socket", "split-socket", "", None),
    ("64cpu", "64cpu", "", None),
    # CPUs present but not all started: maxcpus=3 stops after node 0's
    # first three threads; nosmp starts none but the boot CPU.
    ("smt-maxcpus-3", "smt", "maxcpus=3", None),
    ("smt-nosmp", "smt", "nosmp", None),
    ("2s-kernelcore-10pct", "2s", "kernelcore=10%", None),
    ("2s-movablecore-10pct", "2s", "movablecore=10%", None),
    ("2s-movablecore-10pct-1G", "2s", "movablecore=10% movablecore=1G", None),
    ("2s-numa-off", "2s", "numa=off", None),
    # Linux has no min_free_kbytes= parameter: it sets the sysctl at boot.
    # With 3000000 (more than the RAM) Linux runs out of memory executing
    # init and panics, so the value is one it survives.
    ("2s-min-free-kbytes", "2s", "min_free_kbytes=100000",
     "sysctl.vm.min_free_kbytes=100000"),
    ("hotplug-movable-node", "hotplug", "movable_node", None),
    ("highmem-kernelcore-1G", "highmem", "kernelcore=1G", None),
    ("4n-kernelcore-50pct", "4n", "kernelcore=50%", None),
]

# Topologies Linux 6.1 cannot boot on this QEMU, so no golden exists:
# topology -> what happens.  Pagoda's own suites still run there.
NO_LINUX_GOLDEN = {
    "apic-holes": "Linux 6.1 brings up all 6 CPUs, then hangs in "
                  "mtrr_aps_init's stop_machine: two CPUs never answer "
                  "(RCU stall, soft lockups), with -cpu max as AMD or as "
                  "GenuineIntel; 3 sockets of 2 cores boot fine",
}

# Differences between Pagoda and Linux known today, each expected to fail
# until the named fix is merged: (config or "*", check) -> why.  Remove an
# entry when ktest reports it as XPASS.
KNOWN_FAILURES = {
    # (config or "*", check): "what Pagoda still does differently, and why"
    ("smt-maxcpus-3", "smp"):
        "Max logical packages: Linux 6.1 on QEMU's AMD-vendor CPU without "
        "topoext sees no SMT (tests/linux/smt*/cpus.txt: each thread its "
        "own core), so it divides 8 CPUs by 3 booted cores x 1 thread = 3; "
        "smpboot's max_logical_packages() reads threads from CPUID 0xb "
        "(2 cores x 2 threads: 2)",
    ("smt-nosmp", "madt"):
        "Linux's nosmp also turns the IO-APIC off (as noapic): it skips "
        "the MADT's INT_SRC_OVR entries, takes the CPUs from the MP table "
        "('8 Processors exceeds max_cpus limit of 0') and prints "
        "'smpboot: Allowing 1 CPUs'; Pagoda's nosmp keeps the IO-APIC and "
        "allows 8",
}


def config(name):
    for c in CONFIGS:
        if c[0] == name:
            return c
    raise KeyError(name)


def linux_cmdline(name):
    _, _, pagoda, linux = config(name)
    return pagoda if linux is None else linux


# ----------------------------------------------------------------------------
# Reading logs
# ----------------------------------------------------------------------------

def strip_timestamp(line):
    return ktap.TIMESTAMP_RE.sub("", line)


def clean_lines(text):
    """A console log or dmesg -> its lines, without CR, escapes, timestamps
    or trailing blanks (Linux's continuation lines end with a space)."""
    return [ktap.clean_line(l).rstrip() for l in text.splitlines()]


ZONE_HEADER = re.compile(r"^Node (\d+), zone\s+(\S+)$")
BUDDY_LINE = re.compile(r"^Node (\d+), zone\s+(\S+)((?:\s+\d+){11})$")
# ZONE_DEVICE exists in Debian's configuration and holds no RAM; Pagoda
# has no device memory, so that zone is left out of every comparison.
IGNORED_ZONES = ("Device",)


def parse_zoneinfo(lines):
    """[(node, zone, {field: int})] for every zone header in `lines`."""
    zones, cur = [], None
    for line in lines:
        m = ZONE_HEADER.match(line)
        if m:
            cur = {}
            zones.append((int(m.group(1)), m.group(2), cur))
            continue
        if cur is None:
            continue
        m = re.match(r"^\s+(pages free|boost|min|low|high|spanned|present|managed|"
                     r"start_pfn:)\s+(\d+)$", line)
        if m:
            cur.setdefault(m.group(1).rstrip(":").replace("pages ", ""),
                           int(m.group(2)))
    return [z for z in zones if z[1] not in IGNORED_ZONES]


def block(lines, header):
    """`header` and the indented lines after it (first occurrence)."""
    for i, line in enumerate(lines):
        if line == header:
            out = [line]
            for nxt in lines[i + 1:]:
                if not nxt.startswith("  "):
                    break
                if nxt.split()[0] not in IGNORED_ZONES:
                    out.append(nxt)
            return out
    return []


def matching(lines, pattern, mask=None, before=None):
    """Lines matching `pattern` (up to the first matching `before`), with
    the `mask` regex's matches replaced by '...'."""
    rx = re.compile(pattern)
    stop = re.compile(before) if before else None
    out = []
    for line in lines:
        if stop and stop.search(line):
            break
        if rx.search(line):
            out.append(re.sub(mask, "...", line) if mask else line)
    return out


def cpulist_words(cpulist):
    """'0-1,4' -> '0 1 4' (numactl's spelling)."""
    cpus = []
    for part in filter(None, cpulist.split(",")):
        a, _, b = part.partition("-")
        cpus += range(int(a), int(b or a) + 1)
    return " ".join(str(c) for c in cpus)


# ----------------------------------------------------------------------------
# Linux's side: the golden files
# ----------------------------------------------------------------------------

class Golden:
    """What Linux printed on one configuration."""

    def __init__(self, name, directory=None):
        self.name = name
        self.dir = Path(directory or GOLDEN_DIR / name)
        if not (self.dir / "dmesg.txt").exists():
            raise FileNotFoundError(f"{self.dir}/dmesg.txt: no golden files; "
                                    f"run tools/linux-oracle {name}")

    def text(self, report):
        return (self.dir / f"{report}.txt").read_text()

    def has(self, report):
        """Reports added to tools/linux-oracle later exist only for the
        configurations booted since."""
        return (self.dir / f"{report}.txt").exists()

    def lines(self, report):
        return clean_lines(self.text(report))

    def min_free_kbytes(self):
        return int(self.text("min_free_kbytes").split()[0])

    def numactl(self):
        """The numactl --hardware lines without size/free (see
        pagoda_numactl), from /sys/devices/system/node."""
        nodes = {}
        for line in self.lines("nodes"):
            m = re.match(r"^node(\d+) (cpulist|distance): ?(.*)$", line)
            if m:
                nodes.setdefault(int(m.group(1)), {})[m.group(2)] = m.group(3)
        ids = sorted(nodes)
        span = f"{ids[0]}-{ids[-1]}" if len(ids) > 1 else f"{ids[0]}"
        out = [f"available: {len(ids)} nodes ({span})"]
        for n in ids:
            out.append(f"node {n} cpus: {cpulist_words(nodes[n]['cpulist'])}".rstrip())
        out.append("node distances:")
        out.append("node " + "".join(f"{n:3d} " for n in ids))
        for n in ids:
            out.append(f"{n:3d}: " + "".join(f"{int(d):3d} " for d in
                                             nodes[n]["distance"].split()))
        return [l.rstrip() for l in out]


def pagoda_numactl(lines):
    """Pagoda's last numactl --hardware view, without 'size:' and 'free:'
    lines: node sizes differ because Linux keeps more memory for itself."""
    starts = [i for i, l in enumerate(lines) if l.startswith("available: ")]
    if not starts:
        return []
    out = []
    for line in lines[starts[-1]:]:
        if out and not re.match(r"^(node |\s*\d+:)", line):
            break
        if not re.search(r" (size|free): ", line):
            out.append(line)
    return out


# ----------------------------------------------------------------------------
# The checks: each returns (Linux's lines, Pagoda's lines) to be identical
# ----------------------------------------------------------------------------

RSDP_OR_TABLE = r"^ACPI: [A-Z0-9]{4} 0x[0-9A-F]{16}"
DMESG_CHECKS = [
    # name, pattern, mask, stop at
    ("e820", r"^BIOS-provided physical RAM map:|^BIOS-e820: |"
     r"^e820: (update|remove) ", None, r"^ACPI: RSDP"),
    ("acpi-tables", RSDP_OR_TABLE, None, None),
    ("madt", r"^(ACPI: (LAPIC_NMI|INT_SRC_OVR|Using ACPI \(MADT\))|IOAPIC\[|"
     r"smpboot: Allowing)",
     None, None),
    ("srat-cpu", r"^SRAT: PXM \d+ -> APIC", None, None),
    ("srat-mem", r"^ACPI: SRAT: Node \d+ PXM", None, None),
    ("numa-merge", r"^NUMA: Node \d+ \[mem", None, None),
    ("numa-fallback", r"^(NUMA turned off|No NUMA configuration found|"
     r"Faking a node at)", None, None),
    # Not Linux's "    NODE_DATA(n) on node m": where a node too small
    # for its pg_data_t borrows memory depends on the structure's size
    # (Linux's is 172 KiB, ours 12 KiB); the placement suite checks ours.
    ("node-data", r"^NODE_DATA\(\d+\) allocated", r"0x[0-9a-f]+", None),
    ("initmem", r"^Initmem setup node ", None, None),
    ("fallback-order", r"^Fallback order for Node ", None, None),
    ("zonelists", r"^Built \d+ zonelists", r"Total pages: \d+", None),
    ("memory-total", r"^Memory: \d+K/\d+K available", r"^Memory: \d+K|\(.*", None),
    ("smp", r"^(smp: Bringing up|x86: Booting SMP|smp: Brought up|"
     r"smpboot: Max logical packages|smpboot: Total of)",
     r"\(.*BogoMIPS\)", None),
]
BLOCKS = [
    ("zone-ranges", "Zone ranges:"),
    ("movable-zone-start", "Movable zone start for each node"),
    ("early-node-ranges", "Early memory node ranges"),
]


def zone_facts(zones, fields=("spanned", "present", "start_pfn")):
    out = []
    for node, zone, f in zones:
        if f.get("spanned", 0) or f.get("present", 0):
            out.append(f"Node {node}, zone {zone}: " +
                       " ".join(f"{k} {f.get(k)}" for k in fields))
    return out


def zone_names(zones):
    return [f"Node {n}, zone {z}" for n, z, _ in zones]


def buddy_zones(lines):
    return [f"Node {m.group(1)}, zone {m.group(2)}"
            for m in map(BUDDY_LINE.match, lines) if m]


def pagetype_header(lines):
    """The pageblock size, once (Linux repeats it for every node)."""
    out = []
    for line in lines:
        if re.match(r"^(Page block order|Pages per block):", line) and line not in out:
            out.append(line)
    return out


def pagetype_layout(lines):
    """pagetypeinfo with every count masked: its format, not its state."""
    out, inside = [], False
    for line in lines:
        if line.startswith("Page block order:"):
            inside = True
        elif inside and ZONE_HEADER.match(line):
            break                       # Pagoda: zoneinfo follows
        if not inside or not line.strip():
            continue
        zone = re.search(r"zone\s+(\w+)", line)
        if zone and zone.group(1) in IGNORED_ZONES:
            continue
        # Debian's Linux is built without CONFIG_CMA, Pagoda always has
        # CMA: its free-list lines and its column are a configuration
        # difference, not a format one.
        if re.search(r", type\s+CMA\s", line):
            continue
        if line.startswith("Number of blocks type"):
            line = re.sub(r"\s+CMA(?=\s|$)", "", line)
        out.append(re.sub(r"(\s+\d+)+$", " <counts>", line)
                   if line.startswith("Node") else line)
    return out


def check_lines(golden, pagoda):
    """{check: (linux lines, pagoda lines)} for every line comparison."""
    dmesg = golden.lines("dmesg")
    out = {}
    for name, pattern, mask, stop in DMESG_CHECKS:
        out[name] = (matching(dmesg, pattern, mask, stop),
                     matching(pagoda, pattern, mask, stop))
    for name, header in BLOCKS:
        out[name] = (block(dmesg, header), block(pagoda, header))
    out["smp-boot-config"] = (smp_boot_config(dmesg), smp_boot_config(pagoda))
    out["numactl"] = (golden.numactl(), pagoda_numactl(pagoda))
    if golden.has("interrupts"):
        out["interrupts-layout"] = (interrupts_layout(golden.lines("interrupts")),
                                    interrupts_layout(pagoda))
    lz, pz = parse_zoneinfo(golden.lines("zoneinfo")), parse_zoneinfo(pagoda)
    out["zoneinfo-facts"] = (zone_facts(lz), zone_facts(pz))
    out["zoneinfo-zones"] = (zone_names(lz), zone_names(pz))
    out["buddyinfo-zones"] = (buddy_zones(golden.lines("buddyinfo")),
                              buddy_zones(pagoda))
    pt = golden.lines("pagetypeinfo")
    out["pagetypeinfo-header"] = (pagetype_header(pt), pagetype_header(pagoda))
    out["pagetypeinfo-layout"] = (pagetype_layout(pt), pagetype_layout(pagoda))
    return out


# Checks whose lines exist on some machines only (no SRAT, no merge...);
# every other check must find lines, so that a broken pattern cannot pass.
OPTIONAL_CHECKS = ("srat-cpu", "srat-mem", "numa-merge", "numa-fallback",
                   "node-data", "smp-boot-config")


def diff_lines(linux, pagoda, limit=12, optional=False):
    """Diagnostics naming each differing line of both kernels, or []."""
    if linux == pagoda:
        return [] if linux or optional else ["neither kernel printed these lines"]
    out = []
    sm = difflib.SequenceMatcher(a=linux, b=pagoda, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        out += [f"linux  {k + 1}: {linux[k]}" for k in range(i1, i2)]
        out += [f"pagoda {k + 1}: {pagoda[k]}" for k in range(j1, j2)]
        if i1 == i2:
            out.append(f"linux  {i1 + 1}: (nothing here)")
        if j1 == j2:
            out.append(f"pagoda {j1 + 1}: (nothing here)")
    if len(out) > 2 * limit:
        out = out[:2 * limit] + [f"... {len(out) - 2 * limit} more lines"]
    return out


# ----------------------------------------------------------------------------
# min_free_kbytes and watermarks: one rule, each kernel on its own pages
# ----------------------------------------------------------------------------

PAGE_KB = 4
KERNEL_ZONES = ("DMA", "DMA32", "Normal")


# A sanity bound for linux_late_free_pages(), which reads the exact
# figure of pages Linux freed after computing min_free_kbytes from its log.
LINUX_LATE_FREE_PAGES = 16 << 8

# Linux prints this in driver_init(), just before do_initcalls(); its
# watermarks are set by a postcore and a subsys initcall (see
# linux_min_free_kbytes), so everything its log says it freed after this
# line came too late to count in them.
LINUX_INITCALLS_START = "devtmpfs: initialized"
FREEING = re.compile(r"^Freeing (.*)memory: (\d+)K$")
RAMDISK = re.compile(r"^RAMDISK: \[mem (0x[0-9a-f]+)-")
# x86-64 Linux loads its image at 16 MiB (LOAD_PHYSICAL_ADDR; the oracle
# boots with nokaslr): its init sections and gaps are freed there.
LINUX_KERNEL_PFN = 0x1000
# Below 512 MiB of RAM hugepage_init() leaves THP off for good and never
# reaches the second computation of min_free_kbytes.
THP_MIN_RAM_PAGES = 512 << 8


def min_free_base(lowmem_pages):
    """Linux 6.1: sqrt(lowmem KiB x 16), kept within [128, 262144] KiB."""
    return min(max(math.isqrt(lowmem_pages * PAGE_KB * 16), 128), 262144)


def user_min_free(cmdline):
    """The value set on the command line (Pagoda's min_free_kbytes=,
    Linux's sysctl.vm.min_free_kbytes=), or None."""
    m = re.findall(r"(?:^|\s)(?:sysctl\.vm\.)?min_free_kbytes=(\d+)", cmdline)
    return int(m[-1]) if m else None


def lowmem_pages(zones):
    return sum(f.get("managed", 0) for _, z, f in zones if z in KERNEL_ZONES)


def watermark_rule(managed, all_managed, kernel_managed, zone, pages_min):
    """Linux 6.1 on x86-64: (min, step) of one zone.  Every zone, Movable
    (and Pagoda's CMA) included, gets min = its share of pages_min by
    managed pages among ALL zones; low and high add one and two steps of
    max(min/4, managed x 10/10000).  (Linux gives a small fixed min only
    to highmem zones, which x86-64 does not have.)  kernel_managed, the
    DMA+DMA32+Normal total, is unused here; other rules may use it."""
    share = pages_min * managed // all_managed if all_managed else 0
    return share, max(share // 4, managed * 10 // 10000)


def expected_watermarks(zones, min_free_kb, rule=None):
    """{(node, zone): (min, low, high)} by `rule` (default watermark_rule)
    on these managed pages."""
    rule = rule or watermark_rule
    pages_min = min_free_kb // PAGE_KB
    total = sum(f.get("managed", 0) for _, _, f in zones)
    kernel = lowmem_pages(zones)
    out = {}
    for node, zone, f in zones:
        wmin, step = rule(f.get("managed", 0), total, kernel, zone, pages_min)
        out[(node, zone)] = (wmin, wmin + step, wmin + 2 * step)
    return out


def late_frees(golden):
    """[(what, pages)]: the "Freeing ... memory: NK" lines Linux printed
    after its watermarks were set (after LINUX_INITCALLS_START: initrd,
    init sections, kernel image gaps).  A min_free_kbytes set on the
    command line is applied as a sysctl after all of those
    (do_sysctl_args() runs after free_initmem()), and the watermarks are
    recomputed then: nothing is late."""
    if user_min_free(golden.text("cmdline")) is not None:
        return []
    lines = golden.lines("dmesg")
    if LINUX_INITCALLS_START not in lines:
        return [("", LINUX_LATE_FREE_PAGES)]
    after = lines[lines.index(LINUX_INITCALLS_START):]
    return [(m.group(1), int(m.group(2)) // PAGE_KB)
            for m in map(FREEING.match, after) if m]


def linux_late_free_pages(golden):
    """Pages Linux's log says it freed after its watermarks were set
    (late_frees): 2,487 pages on every golden configuration, 0 with a
    min_free_kbytes on the command line."""
    return sum(pages for _, pages in late_frees(golden))


def linux_late_free_by_zone(golden, zones):
    """{(node, zone): pages} of linux_late_free_pages(): the initramfs
    goes back to the zone holding Linux's "RAMDISK: [mem ...]", all the
    rest (init sections, image gaps) to the zones of the kernel image,
    from LINUX_KERNEL_PFN upwards, none beyond a zone's managed pages
    now.  (The image can cross a zone: on 64n node 0 has 64 MiB.)"""
    spans = sorted((f["start_pfn"], f["spanned"], (n, z), f.get("managed", 0))
                   for n, z, f in zones
                   if f.get("spanned") and "start_pfn" in f)
    room = {key: managed for _, _, key, managed in spans}
    ramdisk = next((int(m.group(1), 16) >> 12 for m in
                    map(RAMDISK.match, golden.lines("dmesg")) if m), None)
    out = {}

    def give(pfn, pages):
        for start, spanned, key, _ in spans:
            if start + spanned <= pfn or not pages:
                continue
            take = min(pages, room[key])
            room[key] -= take
            out[key] = out.get(key, 0) + take
            pages -= take

    for what, pages in late_frees(golden):
        is_initrd = what.startswith("initrd") and ramdisk is not None
        give(ramdisk if is_initrd else LINUX_KERNEL_PFN, pages)
    return out


def linux_min_free_kbytes(zones):
    """min_free_kbytes as Linux 6.1 leaves it at boot on these managed
    pages (THP off, as the oracle boots it):

      1. init_per_zone_wmark_min() (a postcore initcall): base() of
         nr_free_buffer_pages(), the kernel zones' managed pages above
         their high watermark - no watermark exists yet, so all of them;
         then the watermarks (watermark_rule) from it;
      2. hugepage_init() (a subsys initcall), with 512 MiB or more:
         start_stop_khugepaged() finds THP off and its
         set_recommended_min_free_kbytes() calls
         calculate_min_free_kbytes() again: base() of the kernel zones'
         managed pages less the high watermarks of step 1, each raised
         by the zone's watermark boost (Linux's high_wmark_pages()
         includes it).  A boost is added when an allocation steals a
         pageblock of another migration type, and only kswapd takes it
         back: the one zoneinfo shows ("boost", 0 if absent) is taken
         as already there at step 2.  On 64cpu, 64 CPUs' early
         allocations on node 0's 64 MiB boost its DMA zone by one
         pageblock (512 pages): min_free_kbytes 7990, not 7992.

    Both kernels must end with this value on their own pages."""
    value = min_free_base(lowmem_pages(zones))
    if sum(f.get("managed", 0) for _, _, f in zones) < THP_MIN_RAM_PAGES:
        return value
    marks = expected_watermarks(zones, value)
    above = sum(max(f.get("managed", 0) - marks[(n, z)][2]
                    - f.get("boost", 0), 0)
                for n, z, f in zones if z in KERNEL_ZONES)
    return min_free_base(above)


def zones_then(zones, late_by_zone):
    """`zones` with each zone's managed pages less its late frees."""
    return [(n, z, dict(f, managed=f.get("managed", 0)
                        - late_by_zone.get((n, z), 0)))
            for n, z, f in zones]


def linux_watermark_errors(zones, min_free_kb, late, rule=None):
    """Linux's own min/low/high of every zone against `rule` on Linux's
    own managed pages and min_free_kbytes: [] or one line per zone that
    the rule cannot explain.

    Linux computed them before it freed `late` more pages (see
    linux_late_free_pages), into zones its log does not name.  So a
    zone's managed count then was M - r (0 <= r <= late) while the
    total was lower by at least r and at most `late`.  The rule is
    monotonic (more pages of its own, more min; more pages elsewhere,
    less), so the lowest values it allows come from this zone having
    taken all the late pages (M - late of S - late), the highest from
    the others having taken them (M of S - late); the step likewise.
    Linux's min and step must lie in between, and high - low must equal
    low - min.  With late = 2,487 pages that is about +-0.5 % on a
    250,000-page zone: the small fixed min of Linux's highmem rule (128
    where the share is 183) is far outside.  `rule` defaults to
    watermark_rule."""
    rule = rule or watermark_rule
    pages_min = min_free_kb // PAGE_KB
    total = sum(f.get("managed", 0) for _, _, f in zones)
    kernel = lowmem_pages(zones)
    errors = []
    for node, zone, f in zones:
        m = f.get("managed", 0)
        own = min(late, m)
        is_kernel = zone in KERNEL_ZONES
        lo = rule(m - own, total - own, kernel - (own if is_kernel else 0),
                  zone, pages_min)
        others = min(late, total - m)
        hi = rule(m, total - others,
                  kernel - min(late, kernel - (m if is_kernel else 0)),
                  zone, pages_min)
        got = (f.get("min"), f.get("low"), f.get("high"))
        if None in got:
            errors.append(f"linux Node {node}, zone {zone}: no watermarks")
            continue
        # zoneinfo's min/low/high include the zone's watermark boost
        # (min_wmark_pages() and friends); the rule makes them without.
        got = tuple(w - f.get("boost", 0) for w in got)
        step = got[1] - got[0]
        if not (lo[0] <= got[0] <= hi[0] and lo[1] <= step <= hi[1]
                and got[2] - got[1] == step):
            errors.append(
                f"linux Node {node}, zone {zone}: min/low/high {got}, managed "
                f"{m}; the rule allows min {lo[0]}..{hi[0]}, step "
                f"{lo[1]}..{hi[1]} (min_free_kbytes {min_free_kb}, "
                f"{late} pages freed late)")
    return errors


def check_watermarks(golden, pagoda, pagoda_cmdline):
    """The fair comparison of min_free_kbytes and watermarks: (linux
    lines, pagoda lines, details).

    The values cannot be equal: Linux keeps more memory for itself, so
    its lowmem (managed pages of DMA, DMA32 and Normal) is smaller.  Both
    kernels must instead follow one rule, written in min_free_base(),
    linux_min_free_kbytes() and watermark_rule() from Linux 6.1's
    mm/page_alloc.c and mm/khugepaged.c:

      * Linux's /proc/sys/vm/min_free_kbytes is exactly
        linux_min_free_kbytes() of its managed pages at the moment it
        computed it, early in the boot: the managed pages of its
        zoneinfo less what its log says it freed later, zone by zone
        (linux_late_free_by_zone).  A different formula (THP's raise,
        which the oracle turns off with transparent_hugepage=never
        because Pagoda has no transparent huge pages, one pass instead
        of two, another cap) gives another number.
      * Linux's own min/low/high of every zone follow watermark_rule()
        on its own managed pages and min_free_kbytes, within what the
        pages it freed later allow (linux_watermark_errors).  This is
        what keeps the rule honest: a rule that Linux does not follow
        fails here, whatever Pagoda does.
      * Every watermark Pagoda prints is exactly the rule on Pagoda's
        own managed pages.

    A value set on the command line replaces base() in both.  Each side
    fails on its own: Linux's lines are what the rule should say of Linux
    (always True), so a rule that explains neither kernel cannot pass.
    """
    lz = parse_zoneinfo(golden.lines("zoneinfo"))
    linux_value = golden.min_free_kbytes()
    want = user_min_free(golden.text("cmdline"))
    if want is None:
        late_by_zone = linux_late_free_by_zone(golden, lz)
        then = zones_then(lz, late_by_zone)
        expect = linux_min_free_kbytes(then)
        ok = linux_value == expect
        why = (f"{expect}, the two passes on its managed pages before the "
               f"late frees ({lowmem_pages(then)} kernel-zone pages; late "
               f"{sorted(late_by_zone.items())})")
    else:
        ok = linux_value == want
        why = f"the command line's value, {want}"
    details = [f"linux min_free_kbytes {linux_value}; the rule: {why}"]
    late = linux_late_free_pages(golden)
    linux_bad = linux_watermark_errors(lz, linux_value, late)

    pz = parse_zoneinfo(pagoda)
    pmin = user_min_free(pagoda_cmdline)
    if pmin is None:
        pmin = linux_min_free_kbytes(pz)
    exp = expected_watermarks(pz, pmin)
    bad = []
    for node, zone, f in pz:
        got = (f.get("min"), f.get("low"), f.get("high"))
        if got != exp[(node, zone)]:
            bad.append(f"pagoda Node {node}, zone {zone}: min/low/high {got}, "
                       f"the rule with min_free_kbytes {pmin} gives "
                       f"{exp[(node, zone)]}")
    linux = [f"min_free_kbytes follows the rule: {ok}",
             f"watermarks follow the rule: {bool(lz) and not linux_bad}"]
    theirs = ["min_free_kbytes follows the rule: True",
              f"watermarks follow the rule: {bool(pz) and not bad}"]
    return linux, theirs, details + linux_bad + bad


# ----------------------------------------------------------------------------
# Judging one configuration
# ----------------------------------------------------------------------------

PASS, FAIL, XFAIL, XPASS = "pass", "fail", "xfail", "xpass"


def known_failure(name, check):
    return KNOWN_FAILURES.get((name, check)) or KNOWN_FAILURES.get(("*", check))


def compare(name, pagoda_text, golden_dir=None, pagoda_cmdline=None):
    """Compare Pagoda's console log with the golden files of config `name`.

    Returns [(check, status, diagnostics)], status one of PASS, FAIL,
    XFAIL (a known failure failed), XPASS (a known failure passed).
    """
    golden = Golden(name, golden_dir)
    lines = clean_lines(pagoda_text)
    if pagoda_cmdline is None:
        pagoda_cmdline = config(name)[2]
    results = []
    checks = {k: (a, b, None) for k, (a, b) in check_lines(golden, lines).items()}
    a, b, detail = check_watermarks(golden, lines, pagoda_cmdline)
    checks["watermarks"] = (a, b, detail)
    for check, (linux, pagoda, detail) in checks.items():
        diag = diff_lines(linux, pagoda, optional=check in OPTIONAL_CHECKS)
        if detail is not None and not diag and any(
                l.endswith(": False") for l in linux + pagoda):
            diag = [f"linux  {l}" for l in linux] + [f"pagoda {l}" for l in pagoda]
        if detail and diag:
            diag += detail
        known = known_failure(name, check)
        if diag:
            results.append((check, XFAIL if known else FAIL,
                            ([f"expected to fail until: {known}"] if known else [])
                            + diag))
        else:
            results.append((check, XPASS if known else PASS,
                            [f"passes now: remove ({name!r}, {check!r}) from "
                             "KNOWN_FAILURES"] if known else []))
    return results


# ----------------------------------------------------------------------------
# tools/ktest glue
# ----------------------------------------------------------------------------

def ktest_runs():
    """One ktest plan entry per configuration: boot Pagoda, wait for the
    end of the boot (the reports come before it), then compare."""
    return [{"name": f"linux/{name}", "topo": topo,
             "cmdline": f"{cmdline} mm_report=all".strip(),
             "halt_ok": True, "expect": [r"Boot complete\."],
             "linux": name}
            for name, topo, cmdline, _ in CONFIGS]


def ktest_judge(run):
    """The ktest cases of a finished linux/<config> run; the differences
    are also appended to its log."""
    import ktap
    name = run.spec["linux"]
    try:
        results = compare(name, run.log_path.read_text(errors="replace"),
                          pagoda_cmdline=config(name)[2])
    except (OSError, KeyError) as e:
        return [ktap.Case("linux-compare", ktap.FAIL, [str(e)])]
    cases = []
    with open(run.log_path, "a") as log:
        log.write(f"\n# linux_compare against tests/linux/{name}/\n")
        for check, status, diag in results:
            log.write(f"# {status:5} {check}\n")
            for d in diag:
                log.write(f"#       {d}\n")
            if status == PASS:
                cases.append(ktap.Case(check, ktap.PASS))
            elif status == XPASS:
                cases.append(ktap.Case(f"{check} (XPASS: remove from "
                                       "KNOWN_FAILURES)", ktap.PASS))
            elif status == XFAIL:
                first = next((d for d in diag if d.startswith(("linux ", "pagoda "))), "")
                cases.append(ktap.Case(check, ktap.SKIP, diag,
                                       f"XFAIL {diag[0][len('expected to fail until: '):]}"
                                       f"; {first}"))
            else:
                cases.append(ktap.Case(check, ktap.FAIL, diag))
    return cases


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    results = compare(argv[1], Path(argv[2]).read_text(errors="replace"))
    for check, status, diag in results:
        print(f"{status:5} {check}")
        for d in diag:
            print(f"        {d}")
    return 1 if any(s == FAIL for _, s, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
