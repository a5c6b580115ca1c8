"""linux_smp: what Linux 6.1 prints when it starts its CPUs and counts
their interrupts, as tools/linux_compare.py compares it with Pagoda.

Two things of the SMP issue (issue 7), read the same way from Linux's
golden files (tests/linux/<config>/) and from Pagoda's console (the
`smp:` and `smpboot:` summary lines are linux_compare's "smp" check):

  * the `x86: Booting SMP configuration:` block: which CPUs each node
    started (smp_boot_config);
  * /proc/interrupts: the CPU columns and the LOC, RES, CAL and TLB rows'
    layout (interrupts_layout).

Linux counterparts: kernel/smp.c (smp_init), arch/x86/kernel/smpboot.c
(announce_cpu, smp_cpus_done), arch/x86/kernel/irq.c
(arch_show_interrupts).
"""

import re

SMP_BLOCK_START = "x86: Booting SMP configuration:"
SMP_NODE_LINE = re.compile(r"^\.\.\.\. node\s+#(\d+), CPUs:((?:\s+#\d+)*)$")
SMP_MORE_CPUS = re.compile(r"^(?:\s*#\d+)+$")


def smp_boot_config(lines):
    """The block Linux prints while it starts the other CPUs, as one line
    per node: "node #N, CPUs: #a #b ..." in CPU order.

        x86: Booting SMP configuration:
        .... node  #0, CPUs:      #1
        .... node  #1, CPUs:   #2 #3

    A node line opens a node and names CPUs; each CPU Linux starts adds
    " #cpu" to the line.  Other messages printed meanwhile (BogoMIPS
    calibration, on another CPU) break the line, so the rest of it comes
    as a line of bare "#n" words; a node that comes back later (CPUs
    numbered across nodes) opens a new node line.  The boot CPU is never
    named.  Compared as sets: CPUs started in parallel may announce
    themselves in another order.  No block (one CPU, nosmp): []."""
    try:
        start = lines.index(SMP_BLOCK_START)
    except ValueError:
        return []
    nodes, node = {}, None
    for line in lines[start + 1:]:
        if line.startswith("smp: Brought up "):
            break
        m = SMP_NODE_LINE.match(line)
        if m:
            node = int(m.group(1))
            words = m.group(2)
        elif node is not None and SMP_MORE_CPUS.match(line):
            words = line
        else:
            continue
        nodes.setdefault(node, set()).update(
            int(w) for w in re.findall(r"#(\d+)", words))
    return [f"node #{n}, CPUs:" + "".join(f" #{c}" for c in sorted(cpus))
            for n, cpus in sorted(nodes.items())]


INTERRUPT_HEADER = re.compile(r"^\s+CPU0(\s+CPU\d+)*$")
# The rows of /proc/interrupts that Pagoda's report has too: local timer,
# reschedule, function call and TLB shootdown IPIs.
INTERRUPT_ROWS = ("LOC", "RES", "CAL", "TLB")


def interrupts_layout(lines):
    """/proc/interrupts as a layout: the header of CPU columns, then the
    INTERRUPT_ROWS in their order, each count replaced by the width of
    its column, so that "LOC:       1234        567   Local timer
    interrupts" becomes "LOC:|11 x 2|  Local timer interrupts" (the
    label, the width of each count's field, the legend).  Counts differ
    between two boots; the layout must not.  The last table in `lines`
    counts (Pagoda's console may hold a report printed twice)."""
    starts = [i for i, l in enumerate(lines) if INTERRUPT_HEADER.match(l)]
    if not starts:
        return []
    header = lines[starts[-1]]
    ncpus = len(header.split())
    out = [header]
    for line in lines[starts[-1] + 1:]:
        m = re.match(r"^(\s*([A-Z]{3}|\d+)):(.*)$", line)
        if not m:
            break
        if m.group(2) not in INTERRUPT_ROWS:
            continue
        rest, widths = m.group(3), []
        for _ in range(ncpus):
            f = re.match(r"^\s*\d+", rest)
            if not f:
                break
            widths.append(str(f.end()))
            rest = rest[f.end():]
        out.append(f"{m.group(1)}:|" + "|".join(run_lengths(widths))
                   + f"|{rest}")
    return out


def run_lengths(words):
    """['11', '11', '11', '9'] -> ['11 x 3', '9']: 64 columns stay readable."""
    out = []
    for w in words:
        if out and out[-1][0] == w:
            out[-1][1] += 1
        else:
            out.append([w, 1])
    return [w if n == 1 else f"{w} x {n}" for w, n in out]
